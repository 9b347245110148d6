// What a key value is, how it is shown, and which shapes of secret to mask in foreign text.
// Facts §1: PAT `lsv2_pt_`, service key `lsv2_sk_`, legacy `ls__` (dead on SaaS since 2024-10-22).

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
  { name: 'Google AI', pattern: /^AIza[0-9A-Za-z_-]{20,}$/, prefix: 'AIza' },
  { name: 'GitHub', pattern: /^(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}$/, prefix: 'gh' },
  { name: 'AWS access key', pattern: /^AKIA[0-9A-Z]{16}$/, prefix: 'AKIA' },
  { name: 'Hugging Face', pattern: /^hf_[A-Za-z0-9]{20,}$/, prefix: 'hf_' },
  { name: 'Groq', pattern: /^gsk_[A-Za-z0-9]{20,}$/, prefix: 'gsk_' },
  { name: 'Tavily', pattern: /^tvly-[A-Za-z0-9_-]{10,}$/, prefix: 'tvly-' },
  { name: 'Cohere / other', pattern: /^co-[A-Za-z0-9]{20,}$/, prefix: 'co-' },
  { name: 'Langfuse', pattern: /^(?:sk|pk)-lf-[A-Za-z0-9-]{10,}$/, prefix: 'sk-lf-' },
];

/** Secret shapes masked in any text we print (error bodies, pasted logs, plugin output). */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /lsv2_(?:pt|sk)_[A-Za-z0-9_]{8,}/g,
  /ls__[A-Za-z0-9]{8,}/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bhf_[A-Za-z0-9]{20,}/g,
  /\bgsk_[A-Za-z0-9]{20,}/g,
];

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<.*>$/s, // <your-api-key>
  /^\[.*\]$/s,
  /^\{\{.*\}\}$/s, // {{ LANGSMITH_API_KEY }}
  /^\$\{.*\}$/s, // ${LANGSMITH_API_KEY}
  /^\$[A-Z_][A-Z0-9_]*$/, // $LANGSMITH_API_KEY
  /^%[A-Z_][A-Z0-9_]*%$/, // %LANGSMITH_API_KEY% (Windows)
  /\.\.\.|…/, // lsv2_pt_... or lsv2_pt_…
  /^x{3,}$/i,
  /^\*{3,}/,
  /your|replace|placeholder|change[-_ ]?me|insert|paste|here|example|dummy|fake|test[-_]?key|api[-_ ]?key|secret|todo|xxx|none|null|undefined|false|true/i,
  /os\.environ|os\.getenv|process\.env|getenv\(|import\.meta\.env|\(|\)/, // a code expression
];

export interface KeyClass {
  kind: KeyKind;
  /** For other-provider keys. */
  provider?: string;
  /** Passed the observed strict shape (lsv2 only). */
  strictShape?: boolean;
  /** Passed the SDK anonymiser shape (lsv2 only). */
  sdkShape?: boolean;
}

/** Classifies a key value after the SDK's own trimming. */
export function classifyKey(value: string | undefined): KeyClass {
  if (value === undefined || value === '') return { kind: 'none' };
  if (value.startsWith('lsv2_pt_') || value.startsWith('lsv2_sk_')) {
    const kind = value.startsWith('lsv2_pt_') ? 'personal-access-token' : 'service-key';
    if (/\.\.\.|…|<|>|\*{3}|x{6}/i.test(value)) return { kind: 'placeholder' };
    const sdkShape = new RegExp(`^${LSV2_PATTERN.source}$`).test(value);
    return { kind, sdkShape, strictShape: STRICT_SHAPE.test(value) };
  }
  if (value.startsWith('ls__')) return { kind: 'legacy' };
  for (const p of OTHER_PROVIDERS) {
    if (p.pattern.test(value)) return { kind: 'other-provider', provider: p.name };
  }
  if (PLACEHOLDER_PATTERNS.some((p) => p.test(value))) return { kind: 'placeholder' };
  return { kind: 'unknown' };
}

const KNOWN_PREFIXES = ['lsv2_pt_', 'lsv2_sk_', 'ls__', ...OTHER_PROVIDERS.map((p) => p.prefix)];

/** The one way a key is shown: its prefix kept, then …, then the last 4 characters. */
export function maskKey(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const v = value.trim().replace(/^["']+|["']+$/g, '');
  if (v === '') return '(empty)';
  const prefix = KNOWN_PREFIXES.filter((p) => v.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
  const rest = v.slice(prefix.length);
  // Show the tail only when enough stays hidden to keep the key secret.
  const tail = rest.length >= 16 ? rest.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/** Shows a placeholder as it is (it is template text, not a secret); masks anything else. */
export function showKeyValue(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const c = classifyKey(value.trim());
  if (c.kind === 'placeholder' && value.length <= 60 && !/[A-Za-z0-9]{24,}/.test(value)) return JSON.stringify(value);
  return maskKey(value);
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
