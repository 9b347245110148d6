// Which level each finding code belongs to. Causes rank configuration before network before
// authentication before permissions (then limits, lifecycle, SDKs). Plugins may add codes.

export type Level = 'configure' | 'connect' | 'authenticate' | 'permission' | 'limits' | 'lifecycle' | 'sdk' | 'other';

export const LEVEL_ORDER: readonly Level[] = ['configure', 'connect', 'authenticate', 'permission', 'limits', 'lifecycle', 'sdk', 'other'];

export const CODE_LEVELS: Readonly<Record<string, Level>> = {
  KEY_MISSING: 'configure', KEY_LEGACY: 'configure', KEY_MALFORMED: 'configure', KEY_PLACEHOLDER: 'configure',
  KEY_OTHER_PROVIDER: 'configure', KEY_QUOTED: 'configure', ENV_CONFLICT: 'configure', ENV_NAME_TYPO: 'configure',
  TRACING_FLAG_INVALID: 'configure', TRACING_DISABLED: 'configure', TRACING_WITHOUT_KEY: 'configure',
  DOTENV_NOT_LOADED: 'configure', DOTENV_SHADOWED: 'configure', DOTENV_UNREADABLE: 'configure',
  PROFILE_UNREADABLE: 'configure', PROFILE_REFRESH_ONLY: 'configure',
  ENDPOINT_INVALID_URL: 'configure', ENDPOINT_UI_HOST: 'configure', ENDPOINT_INSECURE: 'configure',
  RUNS_ENDPOINTS_CONFLICT: 'configure', RUNS_ENDPOINTS_INVALID: 'configure', WORKSPACE_ID_INVALID: 'configure',
  DNS_FAILURE: 'connect', CONNECTION_REFUSED: 'connect', CONNECTION_RESET: 'connect', TIMEOUT: 'connect',
  TLS_UNTRUSTED: 'connect', TLS_ERROR: 'connect', PROXY_INTERFERENCE: 'connect', NOT_LANGSMITH: 'connect',
  SERVICE_ERROR: 'connect', ENDPOINT_REDIRECT: 'connect', NETWORK_ERROR: 'connect',
  KEY_INVALID: 'authenticate', KEY_EXPIRED: 'authenticate', REGION_MISMATCH: 'authenticate',
  WORKSPACE_REQUIRED: 'authenticate', WORKSPACE_NOT_ACCESSIBLE: 'authenticate', NO_PLAN: 'authenticate',
  TIER_READ_ONLY: 'permission', TIER_LIMITED_WRITE: 'permission', TIER_FULL_ACCESS: 'permission',
  TIER_ADMIN: 'permission', PERMISSION_UNKNOWN: 'permission',
  RATE_LIMITED: 'limits', USAGE_LIMIT_REACHED: 'limits', PAYLOAD_TOO_LARGE: 'limits',
  KEY_EXPIRING_SOON: 'lifecycle', KEY_AGE: 'lifecycle',
  SDK_IGNORES_LANGSMITH_VARS: 'sdk', SDK_IGNORES_WORKSPACE_ID: 'sdk', SDK_NOT_FOUND: 'sdk',
  NOT_LANGSMITH_ERROR: 'other', WRITE_PROBE_LEFTOVER: 'other',
  // The trace round trip (--write-probe; plugins/trace-round-trip).
  TRACE_PROJECT_CREATE_REFUSED: 'permission', TRACE_INGEST_REFUSED: 'other', TRACE_NOT_VISIBLE: 'other', TRACE_ROUND_TRIP_OK: 'other',
  // Added by `explain` (docs/explain.md).
  LICENSE_INVALID: 'configure', AUTH_HEADER_WRONG: 'configure', PUBLIC_PROMPT_REGION: 'configure', PROMPT_NOT_FOUND: 'other',
};

/** How well a code explains a symptom, within its level: higher wins (a region mismatch
 * explains a 401 better than "invalid key"; a UI host explains HTML better than "proxy"). */
export const SPECIFICITY: Readonly<Record<string, number>> = {
  KEY_MISSING: 9, TRACING_WITHOUT_KEY: 8, KEY_PLACEHOLDER: 9, KEY_OTHER_PROVIDER: 9, KEY_LEGACY: 9,
  ENDPOINT_UI_HOST: 9, ENDPOINT_INSECURE: 8, ENDPOINT_INVALID_URL: 8, RUNS_ENDPOINTS_CONFLICT: 7,
  WORKSPACE_ID_INVALID: 7, KEY_MALFORMED: 6, TRACING_FLAG_INVALID: 5, KEY_QUOTED: 4, DOTENV_NOT_LOADED: 4,
  DOTENV_SHADOWED: 4, ENV_CONFLICT: 3, ENV_NAME_TYPO: 3, TRACING_DISABLED: 1,
  TLS_UNTRUSTED: 8, DNS_FAILURE: 8, CONNECTION_REFUSED: 8, TIMEOUT: 7, TLS_ERROR: 7, CONNECTION_RESET: 6, NETWORK_ERROR: 4,
  SERVICE_ERROR: 8, PROXY_INTERFERENCE: 6, NOT_LANGSMITH: 5,
  REGION_MISMATCH: 9, WORKSPACE_REQUIRED: 9, KEY_EXPIRED: 8, NO_PLAN: 8, WORKSPACE_NOT_ACCESSIBLE: 7, KEY_INVALID: 5,
  TIER_READ_ONLY: 8, TIER_LIMITED_WRITE: 7, PERMISSION_UNKNOWN: 3,
  USAGE_LIMIT_REACHED: 9, RATE_LIMITED: 8, PAYLOAD_TOO_LARGE: 7, KEY_EXPIRING_SOON: 5,
};

export function levelOf(code: string, extra?: Readonly<Record<string, string>>): Level {
  const l = extra?.[code] ?? CODE_LEVELS[code];
  return (LEVEL_ORDER as readonly string[]).includes(l ?? '') ? (l as Level) : 'other';
}
