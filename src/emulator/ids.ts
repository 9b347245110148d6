// Deterministic, realistic-looking identifiers and keys. Every key in a world is derived from a
// seed (e.g. the scenario name), so no real secret ever lands in the repository.
import { createHash } from 'node:crypto';

function hex(seed: string, label: string, chars: number): string {
  let out = '';
  let i = 0;
  while (out.length < chars) {
    out += createHash('sha256').update(`${seed}\u0000${label}\u0000${i++}`).digest('hex');
  }
  return out.slice(0, chars);
}

/** A UUIDv4-shaped id (version nibble 4, variant 8-b). */
export function seededUuid(seed: string, label: string): string {
  const h = hex(seed, `uuid:${label}`, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) % 4] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/**
 * A key of the observed shape `lsv2_(pt|sk)_<32 lowercase hex>_<10 lowercase hex>` (51 chars;
 * facts §1: TruffleHog's detector). The 32-hex part is a UUIDv4 without dashes, like the examples.
 */
export function seededKey(seed: string, label: string, kind: 'pat' | 'service' = 'pat'): string {
  const body = seededUuid(seed, `key:${label}`).replace(/-/g, '');
  const tail = hex(seed, `tail:${label}`, 10);
  return `lsv2_${kind === 'service' ? 'sk' : 'pt'}_${body}_${tail}`;
}

/** A legacy `ls__` key (32 hex after the prefix), rejected by every server since 2024-10-22. */
export function seededLegacyKey(seed: string, label: string): string {
  return `ls__${hex(seed, `legacy:${label}`, 32)}`;
}

/** `short_key` as the key lists show it: prefix + mask + last 4 characters (facts §6, UNCERTAIN mask). */
export function shortKey(key: string, mask = '…'): string {
  const m = /^(lsv2_(?:pt|sk)_|ls__)/.exec(key);
  const prefix = m?.[1] ?? key.slice(0, 4);
  return `${prefix}${mask}${key.slice(-4)}`;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
