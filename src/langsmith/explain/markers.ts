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

// Compiled once: markersIn runs for every hit and every neighbouring line looked at.
const LANGSMITH_RE = new RegExp(LANGSMITH_MARKERS.source, 'gi');
const SERVICE_RES = OTHER_SERVICES.map((svc) => ({ id: svc.id, re: new RegExp(svc.markers.source, svc.markers.flags.includes('g') ? svc.markers.flags : svc.markers.flags + 'g') }));

export function markersIn(seg: string): { service: string; index: number }[] {
  const out: { service: string; index: number }[] = [];
  let m: RegExpExecArray | null;
  let n = 0;
  LANGSMITH_RE.lastIndex = 0;
  while ((m = LANGSMITH_RE.exec(seg)) !== null && n++ < 20) out.push({ service: 'langsmith', index: m.index });
  for (const { id, re } of SERVICE_RES) {
    re.lastIndex = 0;
    let k = 0;
    while ((m = re.exec(seg)) !== null && k++ < 5) out.push({ service: id, index: m.index });
  }
  // A structured field or an error prefix that names a known service ("provider: groq",
  // "Groq error: 401").
  for (const re of NAMING) {
    re.lastIndex = 0;
    let k = 0;
    while ((m = re.exec(seg)) !== null && k++ < 5) {
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
