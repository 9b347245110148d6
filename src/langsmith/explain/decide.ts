// Deciding the LangSmith cause of one match: one code when the text says it, a ranked list when not.
import { LANGSMITH_UI_HOST, SIGNATURES } from '../signatures.js';
import { ambiguous401, ambiguous403, noKeyReached, where } from './ambiguous.js';
import { FIXES } from './fixes.js';
import type { Ctx, Verdict } from './types.js';

export function decide(c: Ctx): Verdict | undefined {
  const has = (...ids: string[]) => ids.some((id) => c.ids.has(id));
  const v = (code: string, precise = true, extra: Partial<Verdict> = {}): Verdict => ({ code, ...FIXES[code]!, precise, ...extra });
  const st = c.status;

  if (has('legacy-key')) return v('KEY_LEGACY');
  if (has('org-scoped')) return v('WORKSPACE_REQUIRED');
  if (has('no-plan')) return noKeyReached(c);
  if (has('expired') && (st === undefined || st === 401 || st === 403)) return v('KEY_EXPIRED');
  // A 404 on a prompt route is about the prompt, even when its name contains "Workspace".
  if (has('workspace-access') && (st === undefined || st === 403 || (st === 404 && !isPromptRoute(c)))) return v('WORKSPACE_NOT_ACCESSIBLE');
  if (has('license') || (has('langgraph-license-check') && (st === 403 || st === 401))) return v('LICENSE_INVALID');
  if (has('usage-limit') && (st === undefined || st === 429 || st === 403)) return v('USAGE_LIMIT_REACHED');
  if (has('too-large-text', 'http-413') || st === 413) return v('PAYLOAD_TOO_LARGE');
  if (has('no-prompt-owner')) return v('REGION_MISMATCH');
  if (has('conflicting-endpoints')) return v('RUNS_ENDPOINTS_CONFLICT');
  if (has('empty-url', 'invalid-url')) return v('ENDPOINT_INVALID_URL');
  if (has('missing-key-warning')) return v('KEY_MISSING', true, { severity: 'fail' });
  if (has('profile-api-key')) {
    return v('KEY_MISSING', true, {
      severity: 'fail',
      message: 'The JS SDK found a LangSmith profile whose key it cannot get: api_key_env names a variable that is not set, or api_key_cmd (which the JS SDK does not run). No key reaches the SDK.',
      fix: { text: 'Set the variable the profile names in api_key_env, or give the profile an api_key (or api_key_env instead of api_key_cmd), or set LANGSMITH_API_KEY, which takes precedence over the profile.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
    });
  }
  // The answer says no key (no authentication header) arrived at all.
  if (has('missing-auth') && (st === undefined || st === 401 || st === 403)) return v('KEY_MISSING', true, { severity: 'fail', message: 'LangSmith (or a LangGraph deployment) answered that the request carried no authentication header: no key was sent. The key is not wrong; it is missing from that request.' });
  if (has('info-not-json', 'nginx-405') || st === 405 || (c.host && LANGSMITH_UI_HOST.test(c.host) && (st !== undefined || has('not-json')))) return v('ENDPOINT_UI_HOST');
  if (has('not-json') && c.ids.size === 1) return /Failed to (?:get|fetch) info|\/info\b/.test(c.near) ? v('ENDPOINT_UI_HOST') : undefined;
  // "certificate verify failed: certificate has expired" is a failed verification, but of a
  // certificate past its date (or for another name), not of an untrusted chain.
  if (has('tls-untrusted') && !TLS_NOT_TRUST.test(c.near)) return v('TLS_UNTRUSTED');
  if (has('tls-untrusted', 'tls-error')) return v('TLS_ERROR');
  if (has('dns')) return v('DNS_FAILURE');
  if (has('refused')) return v('CONNECTION_REFUSED');
  // A 408 is LangSmith saying the SDK was too slow to SEND the request: a big trace on a slow uplink.
  if (st === 408) {
    return v('TIMEOUT', true, { message: `LangSmith answered 408${where(c)}: the SDK took too long to send the request. Typical of large traces (big inputs, outputs or files) on a slow, proxied or VPN uplink; the key and endpoint work.` });
  }
  if (has('timeout', 'request-timeout-error')) return v('TIMEOUT');
  if (has('reset')) return v('CONNECTION_RESET');
  // "fetch failed" hides its cause in err.cause, usually printed on the next lines: when a
  // specific network failure is there, that line's finding speaks and this one stays silent.
  if (has('fetch-failed', 'api-connection-error')) return NETWORK_CAUSES.some((sig) => sig.pattern.test(c.near)) ? undefined : v('NETWORK_ERROR');
  if (has('connection-error') && st === undefined) {
    return v('CONNECTION_RESET', true, { message: 'The SDK could not complete the request to LangSmith (LangSmithConnectionError; the text does not say whether it was refused, reset, timed out or blocked by TLS).' });
  }
  if (st === 429 || has('rate-limit-error')) {
    return /usage|monthly|plan limit|in_reject_set/i.test(c.near) ? v('USAGE_LIMIT_REACHED') : v('RATE_LIMITED');
  }
  if ((st !== undefined && st >= 500) || has('api-error')) return v('SERVICE_ERROR');
  if (st === 407) return v('PROXY_INTERFERENCE');
  if (st === 404 || has('not-found-error')) {
    // The trace upload routes exist on every LangSmith API: a 404 there means the endpoint is not
    // the API's base (a self-hosted URL without /api/v1, a proxy path) - sdk-audit #13.
    if (isUploadRoute(c)) {
      return v('ENDPOINT_UI_HOST', true, {
        message: `The trace upload${c.host ? where(c) : ''} was answered 404 Not Found: the endpoint is not the base of a LangSmith API (a self-hosted URL must end in /api/v1; a path added to the endpoint, or a proxy, changes the route). Very old self-hosted versions have no /runs/multipart.`,
      });
    }
    if (!isPromptRoute(c)) return undefined;
    const owner = /\/commits\/([^/\s'"]{1,100})\//.exec(c.path ?? c.near)?.[1] ?? /(?:hub\.pull|pull_prompt)\(\s{0,3}["']([^/"'\s]{1,100})\//.exec(c.near)?.[1];
    const nonUs = c.region !== undefined && c.region !== 'us' && c.region !== 'self-hosted';
    if (nonUs && owner !== undefined && owner !== '-') return v('PUBLIC_PROMPT_REGION');
    return v('PROMPT_NOT_FOUND');
  }
  // A request to LangSmith shown with a Bearer header and no x-api-key, and no answer shown: that
  // header is the cause (with a 401/403 shown, the ranked candidates below put it first).
  if (has('bearer-header') && !/x-api-key/i.test(c.near) && st === undefined) return v('AUTH_HEADER_WRONG');
  if (st !== undefined && st < 400) return undefined;
  if (st === 401) return ambiguous401(c);
  if (st === 403) return ambiguous403(c);
  if (st === undefined && has('invalid-token', 'auth-error')) return ambiguous401({ ...c, status: 401 });
  if (st === undefined && has('ingest-forbidden')) return ambiguous403({ ...c, status: 403 });
  return undefined;
}

const NETWORK_CAUSES = SIGNATURES.filter((sig) => ['dns', 'refused', 'timeout', 'reset', 'tls-untrusted', 'tls-error'].includes(sig.id));

function isUploadRoute(c: Ctx): boolean {
  if (c.path) return /\/runs(?:\/multipart|\/batch)?\/?$/.test(c.path.split('?')[0]!);
  return /multipart ingest|ingest multipart|batch ingest|ingest runs|create run/i.test(c.line);
}

function isPromptRoute(c: Ctx): boolean {
  return /\/commits\/|\/repos\//.test(c.path ?? '') || /hub\.pull|pull_prompt|\/commits\//.test(c.near);
}

/** TLS failures that are not about trust: an expired certificate, a name mismatch. */
const TLS_NOT_TRUST = /certificate has expired|CERT_HAS_EXPIRED|Hostname mismatch|ERR_TLS_CERT_ALTNAME_INVALID|does not match (?:target )?host/i;
