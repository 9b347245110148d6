// Known LangSmith answers and error texts -> finding codes. One table, shared by the live probes
// (a status and a body) and by `explain` (a pasted log). Facts §4, §7; field cases.

export interface Signature {
  id: string;
  /** The finding code this points to. */
  code: string;
  /** Matched against the text (a body, or a whole log). */
  pattern: RegExp;
  /** When given, the signature applies to bodies only with one of these statuses. */
  statuses?: number[];
  /** What it means, in one sentence. */
  meaning: string;
  /** How sure a match is: 3 = says it outright, 2 = strong hint, 1 = one of several causes. */
  weight: 1 | 2 | 3;
}

export const SIGNATURES: readonly Signature[] = [
  { id: 'legacy-key', code: 'KEY_LEGACY', weight: 3, pattern: /Using legacy API key/i,
    meaning: 'LangSmith refused a legacy ls__ key (end of life 2024-10-22).' },
  { id: 'org-scoped', code: 'WORKSPACE_REQUIRED', weight: 3,
    pattern: /org_scoped_key_requires_workspace|org-scoped and requires workspace|requires workspace specification|provide 'X-Tenant-ID'|set LANGSMITH_WORKSPACE_ID/i,
    meaning: 'An organisation-scoped key was sent without a workspace id (X-Tenant-Id).' },
  { id: 'no-plan', code: 'NO_PLAN', weight: 3, pattern: /no plan found/i,
    meaning: 'The organisation has no active plan, so workspace calls are refused.' },
  { id: 'expired', code: 'KEY_EXPIRED', weight: 3, statuses: [401, 403], pattern: /(api[_ ]?key|token)[^"]{0,40}expired|expired[^"]{0,20}(api[_ ]?key|token)/i,
    meaning: 'The key passed its expiry date; an expired key cannot be renewed.' },
  { id: 'workspace-access', code: 'WORKSPACE_NOT_ACCESSIBLE', weight: 3, statuses: [403, 404],
    pattern: /(workspace|tenant)[^"]{0,60}(not found|not accessible|does not exist|not a member|no access|does not have access)|(not a member|no access)[^"]{0,40}(workspace|tenant)/i,
    meaning: 'The workspace id names a workspace this key cannot use.' },
  { id: 'no-prompt-owner', code: 'REGION_MISMATCH', weight: 2, pattern: /No prompt owner specified/i,
    meaning: 'The request reached a region that does not know the key, so it could not resolve a prompt owner (field case 6).' },
  { id: 'invalid-token', code: 'KEY_INVALID', weight: 2, statuses: [401, 403], pattern: /Invalid (token|auth|api key)|"Unauthorized"|Authentication failed/i,
    meaning: 'LangSmith does not know the key as sent: unknown, revoked or deleted, or a key of another region.' },
  { id: 'ingest-forbidden', code: 'KEY_INVALID', weight: 1, statuses: [403], pattern: /"(error|detail)"\s*:\s*"Forbidden"/,
    meaning: 'A bare 403 Forbidden: a key of another region, a key without write permission, a missing or placeholder key, or an oversized batch all look like this.' },
  { id: 'rate-limited', code: 'RATE_LIMITED', weight: 2, statuses: [429], pattern: /./s,
    meaning: 'Rate or usage limits answer 429, not 403.' },
  { id: 'usage-limit', code: 'USAGE_LIMIT_REACHED', weight: 3, pattern: /usage[_ ]limit|monthly (unique )?traces? limit|in_reject_set"\s*:\s*true|exceeded your (monthly|plan)/i,
    meaning: 'A usage limit (plan or self-configured) is reached; ingestion is refused with 429 until it resets or is raised.' },
  { id: 'too-large', code: 'PAYLOAD_TOO_LARGE', weight: 3, pattern: /Request Entity Too Large|payload too large|\b413\b/i,
    meaning: 'The batch is larger than the server accepts (about 20-25 MB).' },
  { id: 'web-ui-405', code: 'ENDPOINT_UI_HOST', weight: 2, statuses: [405], pattern: /<html|Not Allowed/i,
    meaning: 'An nginx 405 page: the endpoint is the web app, not the API.' },
];

export interface BodyMatch {
  code: string;
  signature: Signature;
  excerpt: string;
}

/** Codes a status and body point to, strongest first. */
export function classifyAnswer(status: number | undefined, body: string): BodyMatch[] {
  const out: BodyMatch[] = [];
  for (const s of SIGNATURES) {
    if (s.statuses && (status === undefined || !s.statuses.includes(status))) continue;
    const m = s.pattern.exec(body);
    if (m) out.push({ code: s.code, signature: s, excerpt: m[0].slice(0, 120) });
  }
  return out.sort((a, b) => b.signature.weight - a.signature.weight);
}

/** The strongest code for an answer, or undefined. */
export function codeForAnswer(status: number | undefined, body: string): string | undefined {
  return classifyAnswer(status, body)[0]?.code;
}

/** True when an HTML page looks like a proxy's or gateway's block page rather than a web app. */
export function looksLikeProxyPage(body: string, headers: Record<string, string>): boolean {
  const text = body.slice(0, 20_000);
  const proxyHeader = Object.keys(headers).some((h) => /^(via|x-squid|x-bluecoat|x-zscaler|x-forcepoint|x-cache|proxy-)/i.test(h));
  return proxyHeader || /proxy|blocked|access denied|forbidden by|zscaler|bluecoat|forcepoint|netskope|fortiguard|palo alto|websense|squid|firewall|security policy|captive portal|not permitted by/i.test(text);
}

/** True when an HTML page is the LangSmith web app (a web-app host used as the API endpoint). */
export function looksLikeLangSmithApp(body: string): boolean {
  return /<title>[^<]*LangSmith/i.test(body) || /smith\.langchain\.com/i.test(body.slice(0, 20_000));
}
