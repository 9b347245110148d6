// Realistic-looking but fake keys: the observed shape, derived from a label, never a real secret.
import { createHash } from 'node:crypto';

export function fakeKey(label: string, kind: 'pt' | 'sk' = 'pt'): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `lsv2_${kind}_${h.slice(0, 32)}_${h.slice(32, 42)}`;
}

export function fakeLegacyKey(label: string): string {
  return `ls__${createHash('sha256').update(label).digest('hex').slice(0, 32)}`;
}
