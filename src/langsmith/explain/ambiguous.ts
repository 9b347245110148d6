// Ranking the causes of a 401/403 that does not say why, from what the text shows.
import { DOCS } from '../docs.js';
import { CANDIDATES, label, rank, withDoctor } from './candidates.js';
import { FIXES } from './fixes.js';
import type { Ctx, Hints, Verdict } from './types.js';

function keyHints(scores: Map<string, number>, h: Hints, top: number): void {
  if (h.keyKinds.has('placeholder')) scores.set('KEY_PLACEHOLDER', top);
  if (h.keyKinds.has('none') || h.missingKeyWarning) scores.set('TRACING_WITHOUT_KEY', top + 1);
  if (h.keyKinds.has('other-provider')) scores.set('KEY_OTHER_PROVIDER', top + 2);
  if (h.keyKinds.has('legacy')) scores.set('KEY_LEGACY', top + 3);
  if (h.bearer) scores.set('AUTH_HEADER_WRONG', top + 4);
}

function isIngest(c: Ctx): boolean {
  return /\/runs\b/.test(c.path ?? '') || /ingest runs|multipart|Error exporting batch|create run|batch/i.test(c.near);
}


export function where(c: Ctx): string {
  const route = c.path ? c.path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '<id>') : undefined;
  if (c.host && route) return ` to ${c.method ? `${c.method} ` : ''}${route.slice(0, 80)} on ${c.host}`;
  if (c.host) return ` from ${c.host}`;
  if (/multipart/i.test(c.near)) return ' to a trace upload (multipart ingest)';
  if (/batch/i.test(c.near)) return ' to a trace upload (batch ingest)';
  return '';
}

/**
 * A 401/403 whose body names something other than the key (a header, a workspace, a plan or a
 * size) is about that thing, never an invalid key: the named cause goes first, KEY_INVALID last.
 */
function bodyNames(c: Ctx, s: Map<string, number>, top: number): void {
  const body = c.line;
  const named: Array<[RegExp, string]> = [
    [/\b(?:header|x-api-key|authorization)\b/i, 'AUTH_HEADER_WRONG'],
    [/\b(?:workspace|tenant)\b/i, 'WORKSPACE_REQUIRED'],
    [/\b(?:plan|billing|quota|usage limit|trace limit)\b/i, 'USAGE_LIMIT_REACHED'],
    [/\b(?:too large|payload size|body size|size limit)\b/i, 'PAYLOAD_TOO_LARGE'],
  ];
  let hit = false;
  for (const [re, code] of named) {
    if (re.test(body) && CANDIDATES[code]) {
      s.set(code, top);
      hit = true;
    }
  }
  if (hit && s.has('KEY_INVALID')) s.set('KEY_INVALID', 1);
}

export function ambiguous401(c: Ctx): Verdict {
  const s = new Map<string, number>([['KEY_INVALID', 100], ['REGION_MISMATCH', 70], ['SDK_IGNORES_LANGSMITH_VARS', 60], ['DOTENV_NOT_LOADED', 55], ['KEY_EXPIRED', 40]]);
  if (c.region && c.region !== 'us') s.set('REGION_MISMATCH', c.region === 'self-hosted' ? -1 : 50);
  if (c.hints.tracingV2Langsmith || c.hints.oldJsFormat || c.hints.langsmithVarsOnly) s.set('SDK_IGNORES_LANGSMITH_VARS', 85);
  if (c.hints.dotenv) s.set('DOTENV_NOT_LOADED', 88);
  keyHints(s, c.hints, 110);
  bodyNames(c, s, 105);
  if (s.get('REGION_MISMATCH')! < 0) s.delete('REGION_MISMATCH');
  const candidates = rank(s);
  const top = candidates[0]!;
  const hint = c.hints.tracingV2Langsmith ? ' The text names LANGSMITH_TRACING_V2: a set-up that relies on LANGSMITH_* names, which older SDKs do not read (they read LANGCHAIN_*).' : '';
  return {
    code: top.code,
    precise: false,
    candidates,
    message: `LangSmith answered 401 Unauthorized${where(c)}: it did not accept the key it received. A 401 does not say why: most likely ${label(top.code)}; ${candidates.length - 1} other causes fit (see candidates).${hint}`,
    fix: withDoctor(CANDIDATES[top.code]!.fix),
    docs: DOCS.apiKeys,
  };
}

export function ambiguous403(c: Ctx): Verdict {
  const ingest = isIngest(c);
  const s = new Map<string, number>();
  s.set('REGION_MISMATCH', 90);
  s.set('TRACING_WITHOUT_KEY', 80);
  s.set('KEY_INVALID', 70);
  if (ingest || !c.path) {
    s.set('TIER_READ_ONLY', 60);
    s.set('PAYLOAD_TOO_LARGE', 50);
    s.set('USAGE_LIMIT_REACHED', 20);
  } else {
    s.set('WORKSPACE_NOT_ACCESSIBLE', 50);
    if (c.method !== 'GET') s.set('TIER_READ_ONLY', 60);
  }
  s.set('WORKSPACE_REQUIRED', 45);
  s.set('SERVICE_ERROR', 40);
  if (c.method === 'POST' && /^\/(?:api\/v1\/)?sessions\b/.test(c.path ?? '')) s.set('TIER_LIMITED_WRITE', 100);
  if (c.region === 'self-hosted') s.delete('REGION_MISMATCH');
  else if (c.region && c.region !== 'us') s.set('REGION_MISMATCH', 55);
  if (c.hints.tracingV2Langsmith || c.hints.oldJsFormat) s.set('SDK_IGNORES_LANGSMITH_VARS', 75);
  if (/too large|payload size|body size|size limit|content-length["']?\s{0,3}[:=]\s{0,3}\d{8,}|\b\d{2,4}(?:\.\d{1,2})?\s?MB\b/i.test(c.near)) s.set('PAYLOAD_TOO_LARGE', 98);
  if (c.hints.serviceDown) s.set('SERVICE_ERROR', 97);
  keyHints(s, c.hints, 100);
  bodyNames(c, s, 96);
  const candidates = rank(s);
  const top = candidates[0]!;
  const quiet = /Message:\s*$/m.test(c.near) ? ' (the JS SDK drops the body of a 403, hence the empty "Message:")' : '';
  return {
    code: top.code,
    precise: false,
    candidates,
    message: `LangSmith answered 403 Forbidden${where(c)}${quiet}. A bare 403 is ambiguous: most likely ${label(top.code)}; ${candidates.length - 1} other causes fit (see candidates, most likely first).`,
    fix: withDoctor(CANDIDATES[top.code]!.fix),
    docs: top.code === 'REGION_MISMATCH' ? DOCS.regions : DOCS.apiKeys,
  };
}

/**
 * "Forbidden - no plan found" (sdk-audit #1). The one public case was tracing on with NO API key
 * (santosomar/AI-agents-for-cybersecurity#125; fixed by setting a key or turning tracing off), so
 * the reading is "no usable key reached the SDK": TRACING_WITHOUT_KEY for trace uploads, KEY_MISSING
 * for other calls; a template or foreign key shown in the text goes first; NO_PLAN (an organisation
 * without a plan) stays last, as a hypothesis.
 */
export function noKeyReached(c: Ctx): Verdict {
  const ingest = isIngest(c);
  const s = new Map<string, number>([
    [ingest ? 'TRACING_WITHOUT_KEY' : 'KEY_MISSING', 100],
    [ingest ? 'KEY_MISSING' : 'TRACING_WITHOUT_KEY', 90],
    ['NO_PLAN', 10],
  ]);
  if (c.hints.keyKinds.has('placeholder')) s.set('KEY_PLACEHOLDER', 110);
  if (c.hints.keyKinds.has('other-provider')) s.set('KEY_OTHER_PROVIDER', 111);
  const candidates = rank(s);
  const top = candidates[0]!;
  return {
    code: top.code,
    precise: true,
    candidates,
    message: `LangSmith answered 403 "Forbidden - no plan found"${where(c)}. The one public report of this answer was tracing switched on with no API key: the request reached LangSmith without a usable key. Most likely ${label(top.code)}. That the organisation has no plan is only a hypothesis (see candidates).`,
    // Setting the key, or turning tracing off until there is one, is what fixed the public case.
    fix: top.code === 'TRACING_WITHOUT_KEY' || top.code === 'KEY_MISSING' ? FIXES.KEY_MISSING!.fix : CANDIDATES[top.code]!.fix,
    docs: DOCS.apiKeys,
  };
}
