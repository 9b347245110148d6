// The words and error shapes that mark a line as one service's.
import { LANGSMITH_MARKERS, OTHER_SERVICES, SIGNATURES } from '../signatures.js';

/** Signatures that prove another service (its error shape), used as markers of its lines. */
const SERVICE_SHAPES = SIGNATURES.filter((sig) => sig.code === 'NOT_LANGSMITH_ERROR' && sig.service !== undefined && sig.service !== 'langsmith');

/** Known services by the words people call them: the id and the first word of the display name. */
const SERVICE_BY_NAME = new Map<string, string>();
for (const svc of OTHER_SERVICES) {
  SERVICE_BY_NAME.set(svc.id, svc.id);
  const first = /^[A-Za-z][\w-]{1,30}/.exec(svc.name)?.[0]?.toLowerCase();
  if (first && !['a', 'an', 'the'].includes(first) && !SERVICE_BY_NAME.has(first)) SERVICE_BY_NAME.set(first, svc.id);
}
SERVICE_BY_NAME.set('gemini', 'google');
SERVICE_BY_NAME.set('vertex_ai', 'google');
SERVICE_BY_NAME.set('aws', 'bedrock');

const NAMING = [
  /\b(?:provider|llm_provider|model_provider|providerId)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z][\w.-]{1,30})/gi,
  /\b([A-Za-z][\w-]{1,20})(?: API)? error\b/gi,
];

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
  // A structured field or an error prefix that names a known service ("provider: groq",
  // "Groq error: 401", "[GEMINI]" style names are covered by the services' own markers).
  for (const re of NAMING) {
    const r = new RegExp(re.source, re.flags);
    let k = 0;
    while ((m = r.exec(seg)) !== null && k++ < 5) {
      const id = SERVICE_BY_NAME.get(m[1]!.toLowerCase());
      if (id) out.push({ service: id, index: m.index });
    }
  }
  // A service's own error shape marks its line as well as its words do.
  for (const sig of SERVICE_SHAPES) {
    const hit = sig.pattern.exec(seg);
    if (hit) out.push({ service: sig.service!, index: hit.index });
  }
  return out.sort((a, b) => a.index - b.index);
}
