// The stage model as data: the path from nothing to a working integration, and what to do at
// each stage. Config `stages` and plugin packs extend it (see mergeStages). No step anywhere
// tells anyone to wait for an "activation period": LangSmith keys have none (facts §9).

import { DEFAULT_REGIONS } from '../langsmith/regions.js';

export type Stage = 'configure' | 'connect' | 'authenticate' | 'read-only' | 'limited-write' | 'full-access' | 'admin' | 'unknown';
export type Tier = 'none' | 'read-only' | 'limited-write' | 'full-access' | 'admin' | 'unknown';

export interface StageStep {
  action: string;
  why: string;
  commands?: string[];
  docs?: string;
  /** Codes whose fix already says what this step says: left out of a plan that gives that fix. */
  saidByFixOf?: readonly string[];
}

export interface StageDef {
  title: string;
  meaning: string;
  /** Steps after the cause-specific fix (gates) or on their own (tiers). */
  steps: StageStep[];
}

export const GATES: readonly Stage[] = ['configure', 'connect', 'authenticate'];
export const STAGE_ORDER: readonly Stage[] = ['configure', 'connect', 'authenticate', 'read-only', 'limited-write', 'full-access', 'admin'];

/**
 * Commands are written as the user will paste them, with two stand-ins the diagnosis fills in:
 * a leading `langsmith-doctor` becomes the way the doctor was started (`node /path/cli.js` when it
 * is not installed), and `{endpoint}` (with the rest of its word) the endpoint in use, quoted.
 * What the user must type is a `<placeholder>` (see PLACEHOLDER in langsmith/text.ts).
 */
export const ENDPOINT_TOKEN = /\{endpoint\}(\S*)/g;
export const DEFAULT_ENDPOINT = DEFAULT_REGIONS.us!;

const RERUN: StageStep = {
  action: 'Re-run the doctor',
  why: 'Each fix is confirmed by measuring again, not by waiting: a LangSmith key works the moment it is created.',
  commands: ['langsmith-doctor'],
};

export const STAGES: Readonly<Record<Stage, StageDef>> = {
  configure: {
    title: 'Configure',
    meaning: 'The key, endpoint or tracing settings that reach your process are not usable yet.',
    steps: [RERUN],
  },
  connect: {
    title: 'Connect',
    meaning: 'The LangSmith API cannot be reached from this machine, or something else answers in its place.',
    steps: [
      {
        action: 'Test the route outside the SDK',
        why: 'A proxy, VPN or TLS-inspecting gateway behaves the same for curl; this separates the network from the key.',
        commands: ["curl -sS -o /dev/null -w '%{http_code}\\n' {endpoint}/info"],
      },
      RERUN,
    ],
  },
  authenticate: {
    title: 'Authenticate',
    meaning: 'LangSmith is reachable but refuses the key as sent: wrong region, missing workspace, or a key that is invalid, expired or revoked.',
    steps: [RERUN],
  },
  'read-only': {
    title: 'Read-only',
    meaning: 'The key can read (projects, runs) but cannot write traces: a Workspace Viewer role or a read-only key. Waiting will not change this; a role change will.',
    steps: [
      {
        action: 'Ask a workspace admin for the Editor role, or for a service key with runs:create',
        why: 'Viewers have no runs:create; roles are set by admins in Settings → Members (or a new service key with a writing role).',
        docs: 'https://docs.langchain.com/langsmith/rbac',
        saidByFixOf: ['TIER_READ_ONLY'],
      },
      {
        // The SDKs write this folder only when an upload fails (JS client.ts _writeTraceToFallbackDir,
        // Python _dump_failed_trace; langsmith-sdk #2476): with tracing off nothing is sent, so
        // nothing fails and nothing is kept. With tracing on, a Viewer's refused uploads are kept.
        action: 'Meanwhile, let the SDK keep the traces LangSmith refuses',
        why: 'Keep tracing on and give the SDK a folder: every upload that fails (a Viewer\'s 403 included) is saved there as a JSON file holding the endpoint, headers and body, ready to send again once the role allows it. Nothing is saved with tracing off, since nothing is sent. Needs JS langsmith 0.5.7 or later, or Python langsmith 0.7.7 or later; older SDKs drop refused traces with a warning.',
        commands: ['export LANGSMITH_TRACING=true', 'export LANGSMITH_FAILED_TRACES_DIR=./failed-traces'],
      },
      {
        action: 'Build read-only views now',
        why: 'Your key can already list projects and read runs: dashboards and exports over existing projects work today.',
      },
      {
        action: 'Watch for the change',
        why: 'The doctor re-probes and tells you when the tier changes.',
        commands: ['langsmith-doctor --watch 60'],
      },
    ],
  },
  'limited-write': {
    title: 'Limited write',
    meaning: 'Tracing works (runs:create) but the key cannot create or delete projects: the Workspace Editor role.',
    steps: [
      {
        action: 'Integrate tracing and other writes now',
        why: 'Editors can send traces, feedback and datasets; runs sent to a new project name create it as they arrive.',
        commands: ['export LANGSMITH_TRACING=true', 'export LANGSMITH_PROJECT=<your project name>'],
      },
      {
        action: 'Have an admin create projects you need up front (or grant Admin)',
        why: 'projects:create and projects:delete are Admin-only.',
        docs: 'https://docs.langchain.com/langsmith/rbac',
      },
    ],
  },
  'full-access': {
    title: 'Full access',
    meaning: 'The key can trace and manage projects in its workspace (Workspace Admin).',
    steps: [
      {
        action: 'Complete the integration',
        why: 'Everything the workspace offers is open: dashboards, alerting rules, feedback, datasets and evaluations.',
        commands: ['export LANGSMITH_TRACING=true', 'export LANGSMITH_PROJECT=<your project name>'],
      },
      {
        action: 'Flush traces before short-lived processes exit',
        why: 'Serverless functions end before background batches are sent (JS: await client.awaitPendingTraceBatches(); Python: client.flush()).',
      },
    ],
  },
  admin: {
    title: 'Admin',
    meaning: 'The key acts as an Organization Admin.',
    steps: [
      {
        action: 'Use one service key per service, with an expiry',
        why: 'An org-admin key in an app is more power than tracing needs; a per-service key with a writing workspace role limits the damage of a leak.',
        commands: ['export LANGSMITH_API_KEY=<a service key for this service only: Settings → API Keys → Service key>'],
        docs: 'https://docs.langchain.com/langsmith/administration-overview',
      },
      {
        action: 'Set an expiry policy and review roles',
        why: 'Organisations can cap key lifetimes (max_api_key_expiry_days) and give people the least role they need.',
      },
    ],
  },
  unknown: {
    title: 'Unknown',
    meaning: 'The checks that would measure access did not run (offline, skipped, or errored).',
    steps: [
      {
        action: 'Run the network checks',
        why: 'Access is measured against LangSmith, never guessed from settings or the age of a key.',
        commands: ['langsmith-doctor'],
      },
    ],
  },
};

export interface StageOverride {
  title?: string;
  meaning?: string;
  /** Steps appended to the stage's plan. */
  steps?: StageStep[];
}

/** Adds config and plugin-pack stage steps to the built-in model; validates as it goes. */
export function mergeStages(
  base: Readonly<Record<string, StageDef>>,
  extras: ReadonlyArray<{ from: string; stages: unknown }>,
): { stages: Record<string, StageDef>; problems: string[] } {
  const stages: Record<string, StageDef> = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { ...v, steps: [...v.steps] }]));
  const problems: string[] = [];
  for (const { from, stages: raw } of extras) {
    if (raw === undefined) continue;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${from}: stages must be an object of stage name -> { title?, meaning?, steps? }`);
      continue;
    }
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      const v = value as StageOverride;
      if (typeof v !== 'object' || v === null) {
        problems.push(`${from}: stages.${name} must be an object`);
        continue;
      }
      const target = stages[name] ?? { title: name, meaning: '', steps: [] };
      if (typeof v.title === 'string') target.title = v.title;
      if (typeof v.meaning === 'string') target.meaning = v.meaning;
      if (v.steps !== undefined) {
        if (!Array.isArray(v.steps)) {
          problems.push(`${from}: stages.${name}.steps must be an array`);
        } else {
          v.steps.forEach((s, i) => {
            if (typeof s?.action !== 'string' || typeof s?.why !== 'string') {
              problems.push(`${from}: stages.${name}.steps[${i}] needs action and why strings`);
            } else {
              target.steps.push({ action: s.action, why: s.why, commands: Array.isArray(s.commands) ? s.commands.filter((c) => typeof c === 'string') : undefined, docs: typeof s.docs === 'string' ? s.docs : undefined });
            }
          });
        }
      }
      stages[name] = target;
    }
  }
  return { stages, problems };
}
