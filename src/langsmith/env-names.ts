// The variable names the LangSmith SDKs read, and what people type when they mean them.
import { editDistance } from '../core/suggest.js';

/** Suffixes read under both LANGSMITH_ and LANGCHAIN_ (facts §2). */
export const KNOWN_SUFFIXES = [
  'API_KEY', 'ENDPOINT', 'WORKSPACE_ID', 'TRACING', 'TRACING_V2', 'PROJECT', 'SESSION', 'RUNS_ENDPOINTS',
  'DEBUG', 'TRACING_SAMPLING_RATE', 'HIDE_INPUTS', 'HIDE_OUTPUTS', 'HIDE_METADATA', 'TRACING_BACKGROUND',
  'CALLBACKS_BACKGROUND', 'FAILED_TRACES_DIR', 'FAILED_TRACES_MAX_MB', 'TRACING_MODE', 'OTEL_ENABLED',
  'DISABLE_RUN_COMPRESSION', 'DISABLE_MULTIPART_STREAMING', 'CONFIG_FILE', 'PROFILE', 'LICENSE_KEY',
  'TEST_CACHE', 'TEST_TRACKING', 'TEST_SUITE', 'EXPERIMENT', 'VERBOSE', 'HUB_API_URL', 'HUB_API_KEY',
  'WEB_URL', 'CALLBACKS_MANAGER', 'OTEL_ONLY', 'SKIP_OTEL_EXPORTER', 'TENANT_ID', 'BASE_URL',
  'ORGANIZATION_ID', 'PROMPT_CACHE', 'MAX_BATCH_SIZE',
] as const;

export interface NameHint {
  /** The variable the SDKs read. */
  name: string;
  /** Why this name is not read, when it is a known look-alike. */
  why?: string;
  /** The name is right for another tool: keep it and add the SDK one. */
  keep?: boolean;
}

/** Names that other tools read, which the Python/JS SDKs do not (field cases 8, 14). */
const INTEGRATION_NAMES: Record<string, NameHint> = {
  LANGSMITH_BASE_URL: { name: 'LANGSMITH_ENDPOINT', why: 'LiteLLM reads LANGSMITH_BASE_URL; the SDKs read LANGSMITH_ENDPOINT', keep: true },
  LANGSMITH_TENANT_ID: { name: 'LANGSMITH_WORKSPACE_ID', why: 'the Go SDK, the langsmith CLI, LiteLLM and the SDKs\' generated sub-clients (as a fallback) read LANGSMITH_TENANT_ID; the Python and JS clients themselves read LANGSMITH_WORKSPACE_ID', keep: true },
  LANGCHAIN_TENANT_ID: { name: 'LANGSMITH_WORKSPACE_ID', why: 'no SDK reads LANGCHAIN_TENANT_ID' },
  LANGCHAIN_BASE_URL: { name: 'LANGSMITH_ENDPOINT', why: 'only the generated API client reads LANGCHAIN_BASE_URL' },
};

const ALIASES: Record<string, string> = {
  APIKEY: 'API_KEY', KEY: 'API_KEY', TOKEN: 'API_KEY', API_TOKEN: 'API_KEY', SECRET: 'API_KEY', SECRET_KEY: 'API_KEY', ACCESS_KEY: 'API_KEY',
  URL: 'ENDPOINT', API_URL: 'ENDPOINT', HOST: 'ENDPOINT', API_ENDPOINT: 'ENDPOINT', ENDPOINT_URL: 'ENDPOINT', SERVER: 'ENDPOINT', API_BASE: 'ENDPOINT',
  WORKSPACE: 'WORKSPACE_ID', WORKSPACEID: 'WORKSPACE_ID', TENANT: 'WORKSPACE_ID',
  PROJECT_NAME: 'PROJECT', TRACE: 'TRACING', TRACE_V2: 'TRACING_V2', TRACING_ENABLED: 'TRACING', ENABLE_TRACING: 'TRACING', TRACINGV2: 'TRACING_V2',
};

const KNOWN_FULL = new Set(KNOWN_SUFFIXES.flatMap((s) => [`LANGSMITH_${s}`, `LANGCHAIN_${s}`]));
const IMPORTANT = ['API_KEY', 'ENDPOINT', 'WORKSPACE_ID', 'TRACING', 'TRACING_V2', 'PROJECT', 'RUNS_ENDPOINTS'];

/** The name an unread variable probably meant, or undefined when it is fine or unrelated. */
export function suggestName(name: string): NameHint | undefined {
  if (INTEGRATION_NAMES[name]) return INTEGRATION_NAMES[name];
  if (KNOWN_FULL.has(name)) return undefined;
  // Normalise case, hyphens, dots and a missing or doubled underscore: langsmith-api-key, LANG_SMITH_API_KEY.
  const norm = name.toUpperCase().replace(/[-.\s]+/g, '_').replace(/^LANG_(SMITH|CHAIN)/, 'LANG$1').replace(/__+/g, '_');
  const m = /^(LANGSMITH|LANGCHAIN|LANGSMIT|LANGSMTH|LANGCHIAN|LANGHAIN|LS|SMITH)_?(.*)$/.exec(norm);
  if (!m) return undefined;
  const prefix = m[1] === 'LANGCHAIN' || m[1] === 'LANGCHIAN' || m[1] === 'LANGHAIN' ? 'LANGCHAIN' : 'LANGSMITH';
  let rest = m[2] ?? '';
  if (m[1] === 'LS' && !IMPORTANT.includes(ALIASES[rest] ?? rest)) return undefined;
  rest = ALIASES[rest] ?? rest;
  const exact = `${prefix}_${rest}`;
  if (exact !== name && KNOWN_FULL.has(exact)) return { name: exact, why: whyDiffers(name, exact) };
  // Close misspellings of the important suffixes: LANGSMITH_API_KYE, LANGSMITH_ENDPOIN.
  let best: string | undefined;
  let bestDist = 3;
  for (const suffix of IMPORTANT) {
    const d = editDistance(rest, suffix);
    if (d < bestDist && d <= Math.max(1, Math.floor(suffix.length / 4))) {
      bestDist = d;
      best = suffix;
    }
  }
  return best ? { name: `${prefix}_${best}` } : undefined;
}

function whyDiffers(name: string, meant: string): string | undefined {
  if (name.toUpperCase() !== name) return 'variable names are case-sensitive';
  if (/-/.test(name)) return 'hyphens are not underscores';
  return undefined;
}
