// What a key value is, whether it may be sent, how it is shown, and which shapes of secret to mask
// in foreign text. Facts §1: PAT `lsv2_pt_`, service key `lsv2_sk_`, legacy `ls__` (dead on SaaS
// since 2024-10-22); OAuth access tokens from the SDK profile travel as `Authorization: Bearer`.

export type KeyKind =
  | 'personal-access-token'
  | 'service-key'
  | 'legacy'
  | 'oauth'
  | 'other-provider'
  | 'placeholder'
  | 'unknown'
  | 'none';

/** The shape both SDKs' anonymisers use; the observed one is stricter (see STRICT_SHAPE). */
export const LSV2_PATTERN = /lsv2_(?:pt|sk)_[A-Za-z0-9]{32,}(?:_[A-Za-z0-9]+)*/;
export const LEGACY_PATTERN = /ls__[A-Za-z0-9]{16,}/;
/** Observed shape (TruffleHog): 32 hex, underscore, 10 hex. UNCERTAIN, so only a warning. */
export const STRICT_SHAPE = /^lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}$/;

interface Provider {
  name: string;
  pattern: RegExp;
  prefix: string;
}

/** Keys of other services people paste into LANGSMITH_API_KEY by mistake. */
export const OTHER_PROVIDERS: readonly Provider[] = [
  { name: 'Anthropic', pattern: /^sk-ant-[A-Za-z0-9_-]{10,}$/, prefix: 'sk-ant-' },
  { name: 'OpenAI (project key)', pattern: /^sk-proj-[A-Za-z0-9_-]{10,}$/, prefix: 'sk-proj-' },
  { name: 'OpenAI', pattern: /^sk-[A-Za-z0-9_-]{20,}$/, prefix: 'sk-' },
  { name: 'Stripe', pattern: /^(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}$/, prefix: 'sk_' },
  { name: 'Google AI', pattern: /^AIza[0-9A-Za-z_-]{20,}$/, prefix: 'AIza' },
  { name: 'GitHub', pattern: /^(?:ghp|gho|ghs|ghu|ghr|github_pat)_[A-Za-z0-9_]{20,}$/, prefix: 'gh' },
  { name: 'AWS access key', pattern: /^AKIA[0-9A-Z]{16}$/, prefix: 'AKIA' },
  { name: 'Hugging Face', pattern: /^hf_[A-Za-z0-9]{20,}$/, prefix: 'hf_' },
  { name: 'Groq', pattern: /^gsk_[A-Za-z0-9]{20,}$/, prefix: 'gsk_' },
  { name: 'Tavily', pattern: /^tvly-[A-Za-z0-9_-]{10,}$/, prefix: 'tvly-' },
  { name: 'Slack', pattern: /^xox[abprs]-[A-Za-z0-9-]{10,}$/, prefix: 'xox' },
  { name: 'Cohere / other', pattern: /^co-[A-Za-z0-9]{20,}$/, prefix: 'co-' },
  { name: 'Langfuse', pattern: /^(?:sk|pk)-lf-[A-Za-z0-9-]{10,}$/, prefix: 'sk-lf-' },
];

/**
 * Secret shapes masked in any text we print (error bodies, pasted logs, plugin output). The
 * LangSmith prefixes match with one character after them: a key cut by an excerpt must not show
 * even a few of its hidden characters.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /lsv2_(?:pt|sk)_[A-Za-z0-9_]+/g,
  /ls__[A-Za-z0-9]+/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b(?:ghp|gho|ghs|ghu|ghr|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bhf_[A-Za-z0-9]{20,}/g,
  /\bgsk_[A-Za-z0-9]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // a JWT (OAuth access tokens)
];

/** The longest value ever sent as an API key (real keys are about 51 characters). */
export const MAX_KEY_BYTES = 512;
/**
 * OAuth access tokens from the SDK profile are opaque (facts §1: "not lsv2_"), and JWTs commonly
 * run to a few kilobytes: a larger bound, still a bound.
 */
export const MAX_OAUTH_TOKEN_BYTES = 4096;

/** Words template text is made of (`your-api-key-here`, `${LANGSMITH_API_KEY}`, `os.environ[...]`). */
const TEMPLATE_WORDS = new Set([
  'your', 'my', 'the', 'a', 'an', 'here', 'goes', 'put', 'enter', 'insert', 'paste', 'replace', 'with', 'me', 'this',
  'change', 'changeme', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'test', 'testing', 'todo', 'fixme', 'tbd',
  'none', 'null', 'nil', 'undefined', 'false', 'true', 'empty', 'value', 'real', 'actual', 'valid', 'new', 'own',
  'api', 'apikey', 'key', 'keys', 'token', 'secret', 'langsmith', 'langchain', 'smith', 'ls', 'lsv2', 'pt', 'sk',
  'personal', 'access', 'service', 'set', 'env', 'environ', 'os', 'getenv', 'process', 'import', 'meta', 'get',
  'var', 'variable', 'from', 'dotenv', 'config', 'settings', 'secrets', 'vault',
]);

/** Every alphanumeric word of the value is template vocabulary (or a run of x, or a short number). */
function onlyTemplateWords(value: string): boolean {
  const words = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => TEMPLATE_WORDS.has(w.toLowerCase()) || /^x+$/i.test(w) || /^\d{1,3}$/.test(w));
}

/** Template wrappers: `<…>`, `[…]`, `{{…}}`, `${…}`, `$VAR`, `%VAR%`. */
const TEMPLATE_WRAPPERS: readonly RegExp[] = [/^<(.*)>$/s, /^\[(.*)\]$/s, /^\{\{(.*)\}\}$/s, /^\$\{(.*)\}$/s, /^\$([A-Za-z_][A-Za-z0-9_]*)$/, /^%([A-Za-z_][A-Za-z0-9_]*)%$/];
/** A stand-in for a key: `...`, `…`, `***`, `xxx`, after an optional key prefix. */
const STAND_IN = /^(?:lsv2_(?:pt|sk)_|ls__|sk-)?(?:\.{3,}|…+|\*{3,}|x{3,})$/i;

/**
 * Unmistakable template text, safe to print as it is: template words only (alone, in a wrapper
 * such as `<…>` or `${…}`, or in a code expression such as `os.environ[…]`), or a stand-in such
 * as `lsv2_pt_...`. Never a run of more than 16 letters and digits (random text is a secret).
 */
export function isTemplateText(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.length > 100 || /[A-Za-z0-9]{17,}/.test(v)) return false;
  if (STAND_IN.test(v)) return true;
  for (const w of TEMPLATE_WRAPPERS) {
    const m = w.exec(v);
    if (m) return m[1]!.trim() === '' || STAND_IN.test(m[1]!.trim()) || onlyTemplateWords(m[1]!);
  }
  return onlyTemplateWords(v);
}

export interface KeyClass {
  kind: KeyKind;
  /** For other-provider keys. */
  provider?: string;
  /** Passed the observed strict shape (lsv2 only). */
  strictShape?: boolean;
  /** Passed the SDK anonymiser shape (lsv2 only). */
  sdkShape?: boolean;
}

/**
 * Classifies a key value after the SDK's own trimming. Never throws. A value is a placeholder only
 * when it is template text as a whole: `none` or `test` inside random characters is not.
 */
export function classifyKey(value: string | undefined): KeyClass {
  if (value === undefined || value === '') return { kind: 'none' };
  if (value.startsWith('lsv2_pt_') || value.startsWith('lsv2_sk_')) {
    const kind = value.startsWith('lsv2_pt_') ? 'personal-access-token' : 'service-key';
    if (/\.\.\.|…|<|>|\*{3}/.test(value) || /^lsv2_(?:pt|sk)_x{6,}$/i.test(value) || isTemplateText(value)) return { kind: 'placeholder' };
    const sdkShape = new RegExp(`^${LSV2_PATTERN.source}$`).test(value);
    return { kind, sdkShape, strictShape: STRICT_SHAPE.test(value) };
  }
  if (value.startsWith('ls__')) return isTemplateText(value) ? { kind: 'placeholder' } : { kind: 'legacy' };
  for (const p of OTHER_PROVIDERS) {
    if (p.pattern.test(value)) return { kind: 'other-provider', provider: p.name };
  }
  if (isTemplateText(value)) return { kind: 'placeholder' };
  return { kind: 'unknown' };
}

/** Why a value may not be sent, with the finding code that says so. */
export interface Unsendable {
  code: 'KEY_MISSING' | 'KEY_MALFORMED' | 'KEY_QUOTED' | 'KEY_PLACEHOLDER' | 'KEY_OTHER_PROVIDER';
  reason: string;
}

/**
 * The one gate before a key leaves the process: undefined when `value` (as the SDK would send it,
 * i.e. trimmed and unquoted) is shaped like a LangSmith key or, for `kind` 'oauth', like an OAuth
 * bearer token from the SDK profile. Anything else (whitespace inside, control or non-ASCII
 * characters, quotes, over-long, a placeholder, another service's key, an unrecognised value) is
 * sent nowhere, not even to a self-hosted or loopback endpoint.
 */
export function whyKeyNotSendable(value: string | undefined, kind: KeyKind): Unsendable | undefined {
  if (value === undefined || value === '') return { code: 'KEY_MISSING', reason: 'no key is set' };
  const bytes = new TextEncoder().encode(value).length;
  const max = kind === 'oauth' ? MAX_OAUTH_TOKEN_BYTES : MAX_KEY_BYTES;
  if (bytes > max) return { code: 'KEY_MALFORMED', reason: `it is ${bytes} bytes long; no ${kind === 'oauth' ? 'OAuth token' : 'LangSmith key'} is longer than ${max}` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return { code: 'KEY_MALFORMED', reason: 'it contains control characters (a line break, a tab, a NUL…)' };
  if (/\s/.test(value)) return { code: 'KEY_MALFORMED', reason: 'it contains whitespace inside it' };
  if (/[^\x20-\x7e]/.test(value)) return { code: 'KEY_MALFORMED', reason: 'it contains non-ASCII characters' };
  const cls = kind === 'oauth' ? undefined : classifyKey(value);
  if (cls?.kind === 'placeholder') return { code: 'KEY_PLACEHOLDER', reason: 'it is template text, not a key' };
  if (cls?.kind === 'other-provider') return { code: 'KEY_OTHER_PROVIDER', reason: `it is ${cls.provider ? `an ${cls.provider}` : "another service's"} key` };
  if (/["'`]/.test(value)) return { code: 'KEY_QUOTED', reason: 'it contains a quote the SDKs would send as part of the key' };
  if (kind === 'oauth' || !cls) {
    // RFC 6750 b64token, the only shape an `Authorization: Bearer` value may take.
    return /^[A-Za-z0-9\-._~+/]+=*$/.test(value) && !OTHER_PROVIDERS.some((p) => p.pattern.test(value))
      ? undefined
      : { code: 'KEY_MALFORMED', reason: 'it is not shaped like an OAuth bearer token' };
  }
  switch (cls.kind) {
    case 'personal-access-token':
    case 'service-key':
      return /^lsv2_(?:pt|sk)_[A-Za-z0-9_]+$/.test(value) ? undefined : { code: 'KEY_MALFORMED', reason: 'it has characters no LangSmith key has (letters, digits and _ only)' };
    case 'legacy':
      return /^ls__[A-Za-z0-9]+$/.test(value) ? undefined : { code: 'KEY_MALFORMED', reason: 'it has characters no legacy key has' };
    default:
      return { code: 'KEY_MALFORMED', reason: 'it is not shaped like a LangSmith key (lsv2_pt_…, lsv2_sk_…, ls__…)' };
  }
}

/** True when the value may be sent (see whyKeyNotSendable). */
export function isSendableKey(value: string | undefined, kind: KeyKind): boolean {
  return whyKeyNotSendable(value, kind) === undefined;
}

const KNOWN_PREFIXES = ['lsv2_pt_', 'lsv2_sk_', 'ls__', ...OTHER_PROVIDERS.map((p) => p.prefix)];

/** The one way a key is shown: its prefix kept, then …, then the last 4 characters. */
export function maskKey(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const v = value.trim().replace(/^["']+|["']+$/g, '');
  if (v === '') return '(empty)';
  const prefix = KNOWN_PREFIXES.filter((p) => v.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
  const rest = v.slice(prefix.length);
  // Show the tail only when enough stays hidden to keep the key secret, and only printable ASCII.
  const tail = rest.length >= 16 && /^[\x21-\x7e]{4}$/.test(rest.slice(-4)) ? rest.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/** Template text is shown as it is (it is no secret and helps the reader); any other value is masked. */
export function showKeyValue(value: string | undefined): string {
  if (value === undefined) return '(none)';
  return isTemplateText(value) ? JSON.stringify(value.trim()) : maskKey(value);
}

export function kindLabel(kind: KeyKind): string {
  switch (kind) {
    case 'personal-access-token':
      return 'personal access token';
    case 'service-key':
      return 'service key';
    case 'legacy':
      return 'legacy ls__ key';
    case 'oauth':
      return 'OAuth token from the langsmith CLI profile';
    case 'other-provider':
      return "another service's key";
    case 'placeholder':
      return 'placeholder text';
    case 'unknown':
      return 'unrecognised value';
    case 'none':
      return 'no key';
  }
}

/**
 * A key shape found in text: shown as maskKey shows a key only when it is a whole key (the SDK
 * shape, with text after it that is no cut mark); a piece of a key cut by an excerpt shows only
 * its known prefix, since its last characters are hidden ones.
 */
export function maskShape(match: string, after = ''): string {
  const whole = new RegExp(`^(?:${LSV2_PATTERN.source}|${LEGACY_PATTERN.source})$`).test(match) && !/^(?:…|\.\.\.)/.test(after);
  if (whole) return maskKey(match);
  const prefix = KNOWN_PREFIXES.filter((p) => match.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
  return `${prefix}…`;
}
