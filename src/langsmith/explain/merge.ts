// One finding per cause: bare statuses absorbed by a precise finding nearby, repeats counted.
import type { Finding } from '../../core/checker.js';
import type { Redactor } from '../../core/redact.js';
import type { Incident } from './types.js';

/** A precise finding absorbs a bare status of the same error this many lines away. */
const ABSORB_LINES = 12;

export function merge(incidents: Incident[], redactor: Redactor): Finding[] {
  // A precise LangSmith finding explains a bare 401/403 of the same error a few lines away.
  const precise = incidents.filter((i) => i.langsmith && i.precise && ABSORBERS.has(i.finding.code));
  const kept = incidents.filter((i) => {
    if (!i.langsmith || !i.absorbable) return true;
    return !precise.some((p) => Math.abs(p.line - i.line) <= ABSORB_LINES && (p.status === undefined || i.status === undefined || p.status === i.status));
  });
  const byKey = new Map<string, Incident>();
  for (const i of kept) {
    const seen = byKey.get(i.key);
    if (!seen) {
      byKey.set(i.key, i);
      (i.finding.evidence as { occurrences: number }).occurrences += i.extra;
      continue;
    }
    const ev = seen.finding.evidence as { occurrences: number };
    ev.occurrences += 1 + i.extra;
  }
  const order = { fail: 0, warn: 1, info: 2 } as const;
  const out = [...byKey.values()].sort((a, b) => Number(!a.langsmith) - Number(!b.langsmith) || order[a.finding.severity] - order[b.finding.severity] || a.line - b.line);
  return out.map((i) => redactor.deep(i.finding));
}

const ABSORBERS = new Set([
  'KEY_LEGACY', 'WORKSPACE_REQUIRED', 'NO_PLAN', 'TRACING_WITHOUT_KEY', 'KEY_EXPIRED', 'WORKSPACE_NOT_ACCESSIBLE', 'LICENSE_INVALID', 'USAGE_LIMIT_REACHED',
  'PAYLOAD_TOO_LARGE', 'REGION_MISMATCH', 'PUBLIC_PROMPT_REGION', 'PROMPT_NOT_FOUND', 'ENDPOINT_UI_HOST',
]);

/** True when a finding is a LangSmith problem (sets the exit code). */
export function isLangSmithProblem(f: Finding): boolean {
  return f.code !== 'NOT_LANGSMITH_ERROR' && f.severity !== 'info';
}

