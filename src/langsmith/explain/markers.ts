// The words and error shapes that mark a line as one service's.
import { LANGSMITH_MARKERS, OTHER_SERVICES, SIGNATURES } from '../signatures.js';

/** Signatures that prove another service (its error shape), used as markers of its lines. */
const SERVICE_SHAPES = SIGNATURES.filter((sig) => sig.code === 'NOT_LANGSMITH_ERROR' && sig.service !== undefined && sig.service !== 'langsmith');

export function markersIn(seg: string): { service: string; index: number }[] {
  const out: { service: string; index: number }[] = [];
  const ls = new RegExp(LANGSMITH_MARKERS.source, 'gi');
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = ls.exec(seg)) !== null && n++ < 20) out.push({ service: 'langsmith', index: m.index });
  for (const s of OTHER_SERVICES) {
    const re = new RegExp(s.markers.source, s.markers.flags.includes('g') ? s.markers.flags : s.markers.flags + 'g');
    let k = 0;
    while ((m = re.exec(seg)) !== null && k++ < 5) out.push({ service: s.id, index: m.index });
  }
  // A service's own error shape marks its line as well as its words do.
  for (const sig of SERVICE_SHAPES) {
    const hit = sig.pattern.exec(seg);
    if (hit) out.push({ service: sig.service!, index: hit.index });
  }
  return out.sort((a, b) => a.index - b.index);
}
