// The causes a bare 401/403 may have: why each fits, how to tell it apart, its fix; their ranking.
import type { Fix } from '../../core/checker.js';
import { FIXES, STATUS_PAGE, endpointLines } from './fixes.js';
import type { Candidate } from './types.js';

/** Why a candidate fits a bare 401/403, and how to tell it from the others. */
export const CANDIDATES: Record<string, { why: string; howToTell: string; fix: Fix }> = {
  REGION_MISMATCH: {
    why: 'The key belongs to an organisation in another region (EU, APAC or AWS) than the endpoint (the US by default). The region is a property of the organisation; the other region does not know the key, and valid and invalid keys get the same refusal (403 on trace uploads).',
    howToTell: 'Run `langsmith-doctor`: it asks every region with the key. By hand: curl -H "x-api-key: $LANGSMITH_API_KEY" https://eu.api.smith.langchain.com/api/v1/settings (and apac., aws.): a 200 there is your region. The web app URL (eu.smith.langchain.com) shows it too.',
    fix: { text: "Point the SDK at your organisation's region (set both names for older clients).", commands: endpointLines('eu') },
  },
  TRACING_WITHOUT_KEY: {
    why: 'Tracing is on but the process has no LangSmith key (never set, or set in a .env that was not loaded), so every trace upload is refused.',
    howToTell: 'Print what the process sees: python -c "import os; print(repr(os.getenv(\'LANGSMITH_API_KEY\', \'\')[:8]))" (node: process.env.LANGSMITH_API_KEY?.slice(0, 8)). Empty means this.',
    fix: { text: 'Set LANGSMITH_API_KEY where the process gets it, or turn tracing off (LANGSMITH_TRACING=false) until a key is configured.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_MISSING: {
    why: 'No LangSmith key reached the SDK at all (never set, set in a .env that was not loaded, or set under a name the SDK does not read), so the request carried no x-api-key.',
    howToTell: 'Print what the process sees right where the client is created: python -c "import os; print(bool(os.getenv(\'LANGSMITH_API_KEY\') or os.getenv(\'LANGCHAIN_API_KEY\')))" (node: !!(process.env.LANGSMITH_API_KEY || process.env.LANGCHAIN_API_KEY)). False means this.',
    fix: FIXES.KEY_MISSING!.fix,
  },
  NO_PLAN: {
    why: 'A hypothesis: the organisation has no active plan. Nothing public supports it; the one public case of "no plan found" was a request without any API key.',
    howToTell: 'Only if a key IS set and reaches the SDK: Settings → Usage and Billing shows the plan; `langsmith-doctor` asks LangSmith with the key.',
    fix: FIXES.NO_PLAN!.fix,
  },
  KEY_PLACEHOLDER: {
    why: 'The key is template text (<your-api-key>, lsv2_pt_..., "your_langsmith_api_key") copied from an example .env: tracing is on and sends it.',
    howToTell: 'The text shows LANGSMITH_API_KEY/LANGCHAIN_API_KEY set to a template value; print the first 8 characters the process sees.',
    fix: { text: 'Replace the template value with a real key (Settings → API Keys), or turn tracing off until you have one.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_OTHER_PROVIDER: {
    why: "Another service's key (OpenAI sk-…, Anthropic sk-ant-…) is set as the LangSmith key.",
    howToTell: 'LangSmith keys start with lsv2_pt_ or lsv2_sk_; the text shows a different prefix for LANGSMITH_API_KEY/LANGCHAIN_API_KEY.',
    fix: { text: 'Set LANGSMITH_API_KEY to a LangSmith key (lsv2_…) from Settings → API Keys.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_LEGACY: {
    why: 'A legacy ls__ key is set; LangSmith stopped accepting them on 2024-10-22.',
    howToTell: 'The key being sent starts with ls__.',
    fix: FIXES.KEY_LEGACY!.fix,
  },
  KEY_INVALID: {
    why: 'The key itself is wrong: mistyped or truncated, revoked or deleted, or a personal token whose owner left the organisation.',
    howToTell: 'Settings → API Keys lists live keys by prefix and last characters. `langsmith-doctor` tries the key on every region: refused everywhere means this.',
    fix: { text: 'Create a new key in Settings → API Keys (it works at once; there is no activation period) and replace the old one everywhere.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  AUTH_HEADER_WRONG: {
    why: 'The key was sent as "Authorization: Bearer"; LangSmith reads API keys only from the x-api-key header.',
    howToTell: 'The request in the text has an Authorization: Bearer header and no x-api-key.',
    fix: FIXES.AUTH_HEADER_WRONG!.fix,
  },
  SDK_IGNORES_LANGSMITH_VARS: {
    why: 'The installed SDK (JS before 2024-08, old langchain/langsmith Python) reads only the LANGCHAIN_* names, so a key set as LANGSMITH_API_KEY is never sent (or an old LANGCHAIN_API_KEY is sent instead).',
    howToTell: 'pip show langsmith langchain-core / npm ls langsmith: old versions plus LANGSMITH_* variables mean this; setting LANGCHAIN_API_KEY as well makes it work.',
    fix: { text: 'Upgrade langsmith / langchain-core (JS: npm install langsmith@latest @langchain/core@latest), or set the LANGCHAIN_* names too (LANGCHAIN_API_KEY, LANGCHAIN_TRACING_V2=true, LANGCHAIN_ENDPOINT).', commands: ['pip install -U langsmith langchain-core'] },
  },
  DOTENV_NOT_LOADED: {
    why: 'The key is in a .env file but the environment was read before it was loaded (load_dotenv after the imports, or never called), so the client ran without it.',
    howToTell: 'Print os.environ.get("LANGSMITH_API_KEY") right where the client is created; call load_dotenv() before any LangChain import.',
    fix: { text: 'Call load_dotenv() (Python: from dotenv import load_dotenv; load_dotenv() as the first lines) (or export the variables in the shell) before importing or constructing any LangChain/LangSmith object; restart notebooks after changing them.', commands: [] },
  },
  KEY_EXPIRED: {
    why: 'The key had an expiry date that has passed (expired keys cannot be renewed).',
    howToTell: 'Settings → API Keys shows the expiry; `langsmith-doctor` reports it.',
    fix: FIXES.KEY_EXPIRED!.fix,
  },
  TIER_READ_ONLY: {
    why: 'The key is valid but may not write traces: a Workspace Viewer, a read-only key, or a custom role without runs:create.',
    howToTell: 'Reads work (GET /api/v1/settings answers 200 with the same key) while trace uploads get 403; `langsmith-doctor` measures the access tier.',
    fix: { text: 'Ask a workspace admin for the Editor role (or a key with runs:create), or use a key of your own workspace.', commands: ['langsmith-doctor'] },
  },
  TIER_LIMITED_WRITE: {
    why: 'Creating (or deleting) a project needs projects:create, which only Workspace Admins have; Editors can trace into existing projects but not create them.',
    howToTell: 'Tracing into an existing project works while creating one gets 403; `langsmith-doctor --write-probe` measures it.',
    fix: { text: 'Trace into a project an admin created, or ask for the Admin role.', commands: ['export LANGSMITH_PROJECT=<an existing project>'] },
  },
  WORKSPACE_REQUIRED: {
    why: 'An organisation-scoped service key sent without a workspace id (X-Tenant-Id). The SDKs usually say so, but some routes answer a bare 403.',
    howToTell: 'The key is an lsv2_sk_ service key created for the whole organisation; setting LANGSMITH_WORKSPACE_ID makes it work.',
    fix: FIXES.WORKSPACE_REQUIRED!.fix,
  },
  WORKSPACE_NOT_ACCESSIBLE: {
    why: 'LANGSMITH_WORKSPACE_ID names a workspace this key cannot use.',
    howToTell: 'The same request without the workspace id works; `langsmith-doctor` tries both.',
    fix: FIXES.WORKSPACE_NOT_ACCESSIBLE!.fix,
  },
  PAYLOAD_TOO_LARGE: {
    why: 'Oversized trace batches have been answered 403 instead of 413 (langsmith-sdk PR #1954).',
    howToTell: 'Only large traces (big inputs, outputs or files) fail; small ones arrive.',
    fix: FIXES.PAYLOAD_TOO_LARGE!.fix,
  },
  SERVICE_ERROR: {
    why: 'Transient LangSmith incidents have answered 403 to valid keys (langsmith-sdk #1299).',
    howToTell: `${STATUS_PAGE}; the web app fails to load too; it clears without any change on your side.`,
    fix: FIXES.SERVICE_ERROR!.fix,
  },
  USAGE_LIMIT_REACHED: {
    why: 'A used-up plan allowance (e.g. 5k traces/month without a payment method) is often blamed, but the docs say usage and rate limits answer 429, not 403: unlikely for a 403.',
    howToTell: 'Settings → Usage and Billing, or GET /api/v1/workspaces/current/usage_limits (in_reject_set: true); earlier traces of the month arrived.',
    fix: FIXES.USAGE_LIMIT_REACHED!.fix,
  },
};

export function rank(scores: Map<string, number>): Candidate[] {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => ({ code, why: CANDIDATES[code]!.why, howToTell: CANDIDATES[code]!.howToTell }));
}

export function withDoctor(fix: Fix): Fix {
  return {
    text: `If it is that: ${fix.text} To know rather than guess, run \`langsmith-doctor\` in the same environment: it tries the key on every region, its workspace and its permissions, and names the cause.`,
    commands: [...(fix.commands ?? []), 'langsmith-doctor'],
  };
}

const LABELS: Record<string, string> = {
  REGION_MISMATCH: 'a key of another region (e.g. an EU organisation sent to the US endpoint)',
  TRACING_WITHOUT_KEY: 'tracing switched on without a LangSmith key',
  KEY_MISSING: 'no LangSmith key reaching the SDK',
  KEY_PLACEHOLDER: 'a placeholder key copied from a template',
  KEY_OTHER_PROVIDER: "another service's key set as the LangSmith key",
  KEY_LEGACY: 'a legacy ls__ key',
  KEY_INVALID: 'a wrong, revoked or deleted key',
  AUTH_HEADER_WRONG: 'the key sent as Authorization: Bearer instead of x-api-key',
  SDK_IGNORES_LANGSMITH_VARS: 'an SDK that reads only LANGCHAIN_* names',
  DOTENV_NOT_LOADED: 'a .env file loaded too late',
  TIER_READ_ONLY: 'a key whose role cannot write traces',
  TIER_LIMITED_WRITE: 'a role that cannot create projects',
  PAYLOAD_TOO_LARGE: 'an oversized batch',
  SERVICE_ERROR: 'a transient LangSmith incident',
};

export function label(code: string): string {
  return LABELS[code] ?? code;
}
