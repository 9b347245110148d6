// Named presets: a world, the environment it implies, and what a correct diagnosis says.
// Stages and finding codes are those of /work/shared/CONTRACT.md. Conventions used throughout:
//   - tier `unknown` when a configure/connect gate stops the doctor before it can measure access;
//   - tier `none` when the key is refused (authenticate gate);
//   - Organization Admin -> tier `admin`; Workspace Admin -> `full-access`; Editor -> `limited-write`;
//     Viewer -> `read-only`.
import { DAY, HOUR, MINUTE, seededKey, seededLegacyKey, seededUuid } from './ids.js';
import type { EmulatorUrls } from './server.js';
import type { ApiKey, HostSpec, Org, Plan, RegionName, Role, Switches, UsageLimitState, World } from './types.js';

export type Stage = 'configure' | 'connect' | 'authenticate' | 'read-only' | 'limited-write' | 'full-access' | 'admin' | 'unknown';
export type Tier = 'none' | 'read-only' | 'limited-write' | 'full-access' | 'admin' | 'unknown';

export interface Scenario {
  /** kebab-case, e.g. `eu-key-on-us-default`. */
  name: string;
  /** One line for `--demo list`. */
  summary: string;
  world: World;
  /**
   * The environment the scenario implies: LANGSMITH_API_KEY, LANGSMITH_ENDPOINT (only when the
   * scenario sets one; otherwise the doctor must treat `urls.regions.us` as the default endpoint),
   * LANGSMITH_WORKSPACE_ID, LANGSMITH_TRACING.
   */
  env(urls: EmulatorUrls): Record<string, string>;
  /** What a correct diagnosis gives. `cause` = the primary finding code, null when healthy. */
  expect: { stage: Stage; cause: string | null; tier: Tier };
  /** Per-request timeout (ms) the doctor should use for this scenario. */
  timeoutMs?: number;
  /** Extra doctor flags the expectation assumes (e.g. `--write-probe` when permissions are hidden). */
  args?: string[];
  /** The doctor reaches the expectation offline (key format / endpoint host), without any request. */
  offline?: boolean;
}

// ---------------------------------------------------------------------------------------------
// World builder

interface MainKeyOpts {
  kind?: 'pat' | 'service' | 'legacy';
  scope?: 'workspace' | 'org';
  role?: Role;
  createdAgoMs?: number;
  expiresInMs?: number | null;
  lastUsedAgoMs?: number | null;
  revoked?: boolean;
  /** Use this literal value instead of a generated key (placeholders). */
  literal?: string;
}

interface BuildOpts {
  region?: RegionName;
  plan?: Plan;
  key?: MainKeyOpts;
  /** Number of workspaces in the main org (default 1; 2 for org-scoped keys). */
  workspaces?: number;
  usageLimit?: UsageLimitState;
  hosts?: Record<string, HostSpec>;
  extraHosts?: string[];
  endpoint?: string;
  endpointBasePath?: string;
  switches?: Partial<Switches>;
}

interface Built {
  world: World;
  key: string;
  /** The main workspace (the key's default). */
  workspaceId: string;
  /** A workspace of an unrelated org in the same region (for the not-accessible case). */
  foreignWorkspaceId: string;
}

/**
 * One org with the main key, plus realistic noise: a second (service) key in the same org so key
 * lists need matching by short_key, and an unrelated org in the same region and one in EU.
 */
function build(seed: string, o: BuildOpts = {}): Built {
  const region = o.region ?? 'us';
  const plan = o.plan ?? 'enterprise';
  const k = o.key ?? {};
  const orgId = seededUuid(seed, 'org');
  const nWs = o.workspaces ?? (k.scope === 'org' ? 2 : 1);
  const wsNames = ['Production', 'Staging', 'Research'];
  const workspaces = Array.from({ length: nWs }, (_, i) => {
    const ws: Org['workspaces'][number] = {
      id: seededUuid(seed, `ws-${i}`),
      name: plan === 'developer' ? 'Personal' : (wsNames[i] ?? `Workspace ${i + 1}`),
      isPersonal: plan === 'developer',
      projects: [
        { id: seededUuid(seed, `proj-${i}-a`), name: 'default', createdAgoMs: 90 * DAY },
        { id: seededUuid(seed, `proj-${i}-b`), name: 'chatbot-prod', createdAgoMs: 20 * DAY },
      ],
    };
    if (i === 0 && o.usageLimit) ws.usageLimit = o.usageLimit;
    return ws;
  });
  const mainWs = workspaces[0]!.id;
  const org: Org = {
    id: orgId,
    name: plan === 'developer' ? "Dana's personal org" : 'Acme Corp',
    region,
    plan,
    isPersonal: plan === 'developer',
    workspaces,
  };
  const foreignRegion: RegionName = region === 'self' ? 'self' : region;
  const foreign: Org = {
    id: seededUuid(seed, 'org-foreign'),
    name: 'Globex',
    region: foreignRegion,
    plan: 'plus',
    workspaces: [{ id: seededUuid(seed, 'ws-foreign'), name: 'Globex main', projects: [] }],
  };
  const euOrg: Org = {
    id: seededUuid(seed, 'org-eu'),
    name: 'Initech EU',
    region: region === 'eu' ? 'apac' : 'eu',
    plan: 'plus',
    workspaces: [{ id: seededUuid(seed, 'ws-eu'), name: 'Initech', projects: [] }],
  };
  const kind = k.kind ?? 'pat';
  const keyValue = k.literal ?? (kind === 'legacy' ? seededLegacyKey(seed, 'main') : seededKey(seed, 'main', kind === 'service' ? 'service' : 'pat'));
  const main: ApiKey = {
    id: seededUuid(seed, 'key-main'),
    key: keyValue,
    kind,
    orgId,
    scope: k.scope ?? 'workspace',
    workspaceIds: k.scope === 'org' ? [] : [mainWs],
    role: k.role ?? 'Admin',
    owner: 'dana@acme.example',
    description: kind === 'service' ? 'ci-tracing' : 'laptop',
    createdAgoMs: k.createdAgoMs ?? 45 * DAY,
    expiresInMs: k.expiresInMs === undefined ? null : k.expiresInMs,
    lastUsedAgoMs: k.lastUsedAgoMs === undefined ? 2 * HOUR : k.lastUsedAgoMs,
    revoked: k.revoked ?? false,
  };
  const other: ApiKey = {
    id: seededUuid(seed, 'key-other'),
    key: seededKey(seed, 'other', 'service'),
    kind: 'service',
    orgId,
    scope: 'workspace',
    workspaceIds: [mainWs],
    role: plan === 'developer' ? 'Admin' : 'Editor', // developer orgs have no RBAC
    description: 'staging-deploy',
    createdAgoMs: 200 * DAY,
    expiresInMs: 160 * DAY,
    lastUsedAgoMs: 3 * DAY,
  };
  const foreignKey: ApiKey = {
    id: seededUuid(seed, 'key-foreign'),
    key: seededKey(seed, 'foreign', 'pat'),
    kind: 'pat',
    orgId: foreign.id,
    scope: 'workspace',
    workspaceIds: [foreign.workspaces[0]!.id],
    role: 'Admin',
    createdAgoMs: 10 * DAY,
    lastUsedAgoMs: DAY,
  };
  const euKey: ApiKey = {
    id: seededUuid(seed, 'key-eu'),
    key: seededKey(seed, 'eu', 'pat'),
    kind: 'pat',
    orgId: euOrg.id,
    scope: 'workspace',
    workspaceIds: [euOrg.workspaces[0]!.id],
    role: 'Admin',
    createdAgoMs: 10 * DAY,
    lastUsedAgoMs: DAY,
  };
  const world: World = {
    orgs: [org, foreign, euOrg],
    keys: [main, other, foreignKey, euKey],
  };
  if (o.hosts) world.hosts = o.hosts;
  if (o.extraHosts) world.extraHosts = o.extraHosts;
  if (o.endpoint) world.endpoint = o.endpoint;
  if (o.endpointBasePath !== undefined) world.endpointBasePath = o.endpointBasePath;
  if (o.switches) world.switches = o.switches;
  return { world, key: keyValue, workspaceId: mainWs, foreignWorkspaceId: foreign.workspaces[0]!.id };
}

interface EnvOpts {
  /** Set LANGSMITH_ENDPOINT to urls.endpoint (default false = the SDK default, i.e. regions.us). */
  endpoint?: boolean | ((urls: EmulatorUrls) => string);
  workspaceId?: string;
  tracing?: string | null;
}

function envFor(b: Built, e: EnvOpts = {}): (urls: EmulatorUrls) => Record<string, string> {
  return (urls) => {
    const env: Record<string, string> = { LANGSMITH_API_KEY: b.key };
    if (typeof e.endpoint === 'function') env['LANGSMITH_ENDPOINT'] = e.endpoint(urls);
    else if (e.endpoint) env['LANGSMITH_ENDPOINT'] = urls.endpoint;
    if (e.workspaceId) env['LANGSMITH_WORKSPACE_ID'] = e.workspaceId;
    const tracing = e.tracing === undefined ? 'true' : e.tracing;
    if (tracing !== null) env['LANGSMITH_TRACING'] = tracing;
    return env;
  };
}

function scenario(
  name: string,
  summary: string,
  b: Built,
  expect: Scenario['expect'],
  env: EnvOpts = {},
  extra: Pick<Scenario, 'timeoutMs' | 'args' | 'offline'> = {},
): Scenario {
  return { name, summary, world: b.world, env: envFor(b, env), expect, ...extra };
}

// ---------------------------------------------------------------------------------------------
// The presets

function make(): Scenario[] {
  const list: Scenario[] = [];
  let b: Built;

  // A developer org: everyone is Organization Admin -> tier admin; nothing to fix.
  b = build('healthy-admin', { plan: 'developer', key: { role: 'Organization Admin' } });
  list.push(scenario('healthy-admin', 'Healthy personal key of an Organization Admin on the US default endpoint', b, { stage: 'admin', cause: null, tier: 'admin' }));

  // Enterprise RBAC, Workspace Admin service key: can create/delete projects but has no organization:manage.
  b = build('healthy-workspace-admin', { key: { kind: 'service', role: 'Admin' } });
  list.push(scenario('healthy-workspace-admin', 'Healthy service key with the Workspace Admin role', b, { stage: 'full-access', cause: null, tier: 'full-access' }));

  // Editor: runs:create yes, projects:create/delete no (facts §5). Tracing works; project admin does not.
  b = build('editor', { key: { role: 'Editor' } });
  list.push(scenario('editor', 'Workspace Editor: traces fine, but cannot create or delete projects', b, { stage: 'limited-write', cause: 'TIER_LIMITED_WRITE', tier: 'limited-write' }));

  // Viewer: reads work, every ingest answers 403 {"error":"Forbidden"} - the "activation period" myth's usual real cause.
  b = build('viewer', { key: { role: 'Viewer' } });
  list.push(scenario('viewer', 'Workspace Viewer: reads work, tracing gets 403', b, { stage: 'read-only', cause: 'TIER_READ_ONLY', tier: 'read-only' }));

  // Same Editor, but the server leaves role_name/permissions empty (UNCERTAIN for API keys): only write probes tell.
  b = build('editor-permissions-hidden', { key: { role: 'Editor' }, switches: { permissionsVisible: false } });
  list.push(
    scenario('editor-permissions-hidden', 'Editor whose workspace list hides role and permissions: only write probes tell', b,
      { stage: 'limited-write', cause: 'TIER_LIMITED_WRITE', tier: 'limited-write' }, {}, { args: ['--write-probe'] }),
  );

  // Same Viewer with hidden permissions: the empty-batch ingest probe answers 403.
  b = build('viewer-permissions-hidden', { key: { role: 'Viewer' }, switches: { permissionsVisible: false } });
  list.push(
    scenario('viewer-permissions-hidden', 'Viewer whose workspace list hides role and permissions: the ingest probe answers 403', b,
      { stage: 'read-only', cause: 'TIER_READ_ONLY', tier: 'read-only' }, {}, { args: ['--write-probe'] }),
  );

  // Created 3 minutes ago, never used, full access at once: LangSmith has NO activation period (facts §9).
  b = build('new-key-works-at-once', { plan: 'developer', key: { role: 'Organization Admin', createdAgoMs: 3 * MINUTE, lastUsedAgoMs: null } });
  list.push(scenario('new-key-works-at-once', 'A key created 3 minutes ago works at once (there is no activation period)', b, { stage: 'admin', cause: null, tier: 'admin' }));

  // EU org key with no endpoint set: the US host does not know the org (401 on API routes, 403 {"error":"Forbidden"} on ingest); eu answers 200.
  b = build('eu-key-on-us-default', { region: 'eu' });
  list.push(scenario('eu-key-on-us-default', 'EU-region key used with the US default endpoint', b, { stage: 'authenticate', cause: 'REGION_MISMATCH', tier: 'none' }));

  // Same with an APAC key where the US API routes answer 403 instead of 401 (UNCERTAIN switch).
  b = build('apac-key-on-us-default-403', { region: 'apac', switches: { unknownKeyApiStatus: 403 } });
  list.push(scenario('apac-key-on-us-default-403', 'APAC-region key on the US default, where unknown keys get 403 on every route', b, { stage: 'authenticate', cause: 'REGION_MISMATCH', tier: 'none' }));

  // Org-scoped service key without X-Tenant-Id: 403 with the org-scoped wording; listing workspaces still works.
  b = build('org-scoped-key-without-workspace', { key: { kind: 'service', scope: 'org', role: 'Organization Admin' } });
  list.push(scenario('org-scoped-key-without-workspace', 'Org-scoped service key without LANGSMITH_WORKSPACE_ID', b, { stage: 'authenticate', cause: 'WORKSPACE_REQUIRED', tier: 'none' }));

  // Same, but /settings answers the `error` code shape and ingest adds a message (UNCERTAIN switches).
  b = build('org-scoped-error-shape', {
    key: { kind: 'service', scope: 'org', role: 'Organization Admin' },
    switches: { orgScopedSettingsBody: 'error', orgScopedIngestMessage: true },
  });
  list.push(scenario('org-scoped-error-shape', 'Org-scoped key without workspace; /settings answers {"error":"org_scoped_key_requires_workspace"}', b, { stage: 'authenticate', cause: 'WORKSPACE_REQUIRED', tier: 'none' }));

  // The fix applied: the same kind of key with LANGSMITH_WORKSPACE_ID works fully.
  b = build('org-scoped-key-with-workspace', { key: { kind: 'service', scope: 'org', role: 'Organization Admin' } });
  list.push(scenario('org-scoped-key-with-workspace', 'Org-scoped service key with LANGSMITH_WORKSPACE_ID set: healthy', b, { stage: 'admin', cause: null, tier: 'admin' }, { workspaceId: b.workspaceId }));

  // LANGSMITH_WORKSPACE_ID names a workspace of another org: 403 {"detail":"Forbidden"}; without the header the key works.
  b = build('workspace-not-accessible', {});
  list.push(scenario('workspace-not-accessible', 'LANGSMITH_WORKSPACE_ID names a workspace the key cannot use', b, { stage: 'authenticate', cause: 'WORKSPACE_NOT_ACCESSIBLE', tier: 'none' }, { workspaceId: b.foreignWorkspaceId }));

  // The same, on a server that answers a foreign X-Tenant-Id exactly as it answers an unknown key
  // (401 {"detail":"Invalid token"}; UNCERTAIN, facts §3). Only the same read without the header
  // shows that the key is fine: without it, /settings answers 200.
  b = build('workspace-not-accessible-401', { switches: { foreignTenantAnswer: 'unknown-key' } });
  list.push(scenario('workspace-not-accessible-401', 'LANGSMITH_WORKSPACE_ID names a workspace the key cannot use, and the server answers 401 "Invalid token" as for a bad key', b, { stage: 'authenticate', cause: 'WORKSPACE_NOT_ACCESSIBLE', tier: 'none' }, { workspaceId: b.foreignWorkspaceId }));

  // An org-scoped key with the id of another org's workspace: 403 Forbidden with the header, and the
  // org-scoped 403 without it. The key is known (it is org-scoped); the workspace id is the cause.
  b = build('org-scoped-key-wrong-workspace', { key: { kind: 'service', scope: 'org', role: 'Organization Admin' } });
  list.push(scenario('org-scoped-key-wrong-workspace', 'Org-scoped service key with LANGSMITH_WORKSPACE_ID of a workspace outside its org', b, { stage: 'authenticate', cause: 'WORKSPACE_NOT_ACCESSIBLE', tier: 'none' }, { workspaceId: b.foreignWorkspaceId }));

  // A revoked key sent with its old workspace id: refused with and without the header, so the key
  // is the cause and the workspace is not blamed.
  b = build('revoked-key-with-workspace', { key: { revoked: true } });
  list.push(scenario('revoked-key-with-workspace', 'A deleted (revoked) key, sent with LANGSMITH_WORKSPACE_ID of its old workspace', b, { stage: 'authenticate', cause: 'KEY_INVALID', tier: 'none' }, { workspaceId: b.workspaceId }));

  // An EU key with its own workspace id on the US default, where unknown keys get 403 (the same
  // answer a foreign workspace gets): refused with and without the header here, accepted by EU.
  b = build('wrong-region-key-with-workspace-403', { region: 'eu', switches: { unknownKeyApiStatus: 403 } });
  list.push(scenario('wrong-region-key-with-workspace-403', 'EU-region key and its workspace id on the US default, where unknown keys get 403', b, { stage: 'authenticate', cause: 'REGION_MISMATCH', tier: 'none' }, { workspaceId: b.workspaceId }));

  // ls__ key: caught offline by the key-format check; a server would answer 401 "Using legacy API key...".
  b = build('legacy-key', { key: { kind: 'legacy' } });
  list.push(scenario('legacy-key', 'A legacy ls__ key (dead since 2024-10-22)', b, { stage: 'configure', cause: 'KEY_LEGACY', tier: 'unknown' }, {}, { offline: true }));

  // Tracing on with the template's placeholder (field cases 11, 12): caught offline.
  b = build('placeholder-key', { key: { literal: '<your-langsmith-api-key>' } });
  list.push(scenario('placeholder-key', 'Tracing on with the template placeholder as the key', b, { stage: 'configure', cause: 'KEY_PLACEHOLDER', tier: 'unknown' }, {}, { offline: true }));

  // Revoked (deleted) key: unknown everywhere, so every region says 401 and it is not a region problem.
  b = build('revoked-key', { key: { revoked: true } });
  list.push(scenario('revoked-key', 'A deleted (revoked) key', b, { stage: 'authenticate', cause: 'KEY_INVALID', tier: 'none' }));

  // Expired key: the server says only 401 {"detail":"Invalid token"} and an expired key cannot list keys,
  // so the doctor can only observe KEY_INVALID (its message should name expiry as a possible reason).
  b = build('expired-key', { key: { createdAgoMs: 40 * DAY, expiresInMs: -2 * DAY, lastUsedAgoMs: 3 * DAY } });
  list.push(scenario('expired-key', 'An expired key; the server says only "Invalid token"', b, { stage: 'authenticate', cause: 'KEY_INVALID', tier: 'none' }));

  // Hypothetical server wording (switch expiredKeyDetail): when the 401 names expiry, the doctor can say KEY_EXPIRED.
  b = build('expired-key-explicit', { key: { createdAgoMs: 40 * DAY, expiresInMs: -2 * DAY, lastUsedAgoMs: 3 * DAY }, switches: { expiredKeyDetail: 'API key has expired' } });
  list.push(scenario('expired-key-explicit', 'An expired key on a server whose 401 says the key has expired (hypothetical wording)', b, { stage: 'authenticate', cause: 'KEY_EXPIRED', tier: 'none' }));

  // Works today, expires in 3 days: visible in GET /api/v1/api-key (expires_at) matched by short_key.
  b = build('expiring-soon', { key: { kind: 'service', role: 'Admin', createdAgoMs: 87 * DAY, expiresInMs: 3 * DAY } });
  list.push(scenario('expiring-soon', 'A Workspace Admin service key that expires in 3 days', b, { stage: 'full-access', cause: 'KEY_EXPIRING_SOON', tier: 'full-access' }));

  // Monthly trace allowance used up: reads fine, usage_limits says in_reject_set, ingest answers 429 + Retry-After.
  b = build('usage-limit-reached', {
    plan: 'developer',
    key: { role: 'Organization Admin' },
    usageLimit: { inRejectSet: true, type: 'total_unique_traces', tenantLimit: 5000, retryAfterSeconds: 3600 },
  });
  list.push(scenario('usage-limit-reached', 'Free-plan monthly trace limit reached: ingest answers 429 (the status is documented; the body wording is a hypothesis)', b, { stage: 'admin', cause: 'USAGE_LIMIT_REACHED', tier: 'admin' }));

  // Per-key load-balancer limit: every authenticated call answers 429 + Retry-After; /info still 200.
  // The key cannot be confirmed, so the authenticate gate is not cleared and the tier is unknown.
  b = build('rate-limited', { hosts: { us: { fault: { kind: 'status', status: 429, retryAfterSeconds: 30, skipInfo: true } } } });
  list.push(scenario('rate-limited', 'Every authenticated request answers 429 with Retry-After: 30', b, { stage: 'authenticate', cause: 'RATE_LIMITED', tier: 'unknown' }));

  // "Forbidden - no plan found". Observed (sdk-audit #1): a trace upload with NO API key gets it, so
  // this world answers it to every request without a key. Hypothesis (nothing public supports it):
  // an organisation without a plan answers it to a valid key on workspace routes; org routes answer.
  b = build('no-plan', { plan: 'none', switches: { noKeyAnswer: 'no-plan' } });
  list.push(scenario('no-plan', 'Hypothesis: an org without a plan ("Forbidden - no plan found"); in public that body was only seen for requests with no key, answered so here too', b, { stage: 'authenticate', cause: 'NO_PLAN', tier: 'none' }));

  // The real web-app host as endpoint: caught offline from the host name (no request made).
  b = build('ui-host-endpoint', {});
  list.push(
    scenario('ui-host-endpoint', 'LANGSMITH_ENDPOINT is the web app https://smith.langchain.com', b,
      { stage: 'configure', cause: 'ENDPOINT_UI_HOST', tier: 'unknown' }, { endpoint: () => 'https://smith.langchain.com' }, { offline: true }),
  );

  // A loopback host that serves the LangSmith web app: /info is HTML titled "LangSmith", POST gives nginx 405.
  // Chosen cause: ENDPOINT_UI_HOST (the page is recognisably LangSmith's UI, so the fix is "use the API host"),
  // stage configure (the endpoint setting is unusable), not NOT_LANGSMITH.
  b = build('ui-host-live', { extraHosts: ['ui'], hosts: { ui: { fault: { kind: 'web-ui' } } }, endpoint: 'ui' });
  list.push(scenario('ui-host-live', 'LANGSMITH_ENDPOINT is a host serving the LangSmith web app (HTML, nginx 405 on POST)', b, { stage: 'configure', cause: 'ENDPOINT_UI_HOST', tier: 'unknown' }, { endpoint: true }));

  // Self-hosted endpoint without /api/v1: the instance root serves the UI, so this is the same mistake.
  b = build('self-hosted-missing-api-v1', { region: 'self', plan: 'self-hosted', key: { role: 'Organization Admin' }, endpoint: 'self', endpointBasePath: '' });
  list.push(scenario('self-hosted-missing-api-v1', 'Self-hosted LANGSMITH_ENDPOINT without /api/v1 (the UI answers)', b, { stage: 'configure', cause: 'ENDPOINT_UI_HOST', tier: 'unknown' }, { endpoint: true }));

  // Healthy self-hosted instance (base ends in /api/v1).
  b = build('self-hosted-healthy', { region: 'self', plan: 'self-hosted', key: { role: 'Organization Admin' }, endpoint: 'self' });
  list.push(scenario('self-hosted-healthy', 'Healthy self-hosted instance at <host>/api/v1', b, { stage: 'admin', cause: null, tier: 'admin' }, { endpoint: true }));

  // A corporate proxy answers every SaaS host with its HTML block page (status 403, Squid headers).
  const proxied: Record<string, HostSpec> = {};
  for (const r of ['us', 'eu', 'apac', 'aws']) proxied[r] = { fault: { kind: 'proxy-html' } };
  b = build('corporate-proxy-html', { hosts: proxied });
  list.push(scenario('corporate-proxy-html', 'A corporate proxy answers with its HTML block page', b, { stage: 'connect', cause: 'PROXY_INTERFERENCE', tier: 'unknown' }));

  // A local self-hosted endpoint that is not running: ECONNREFUSED.
  b = build('connection-refused', { extraHosts: ['local'], hosts: { local: { fault: { kind: 'refused' } } }, endpoint: 'local' });
  list.push(scenario('connection-refused', 'LANGSMITH_ENDPOINT points at a port where nothing listens', b, { stage: 'connect', cause: 'CONNECTION_REFUSED', tier: 'unknown' }, { endpoint: true }));

  // The default host accepts connections and never answers (a firewall black hole): the doctor's timeout fires.
  b = build('timeout', { hosts: { us: { fault: { kind: 'hang' } } } });
  list.push(scenario('timeout', 'The API host accepts connections but never answers', b, { stage: 'connect', cause: 'TIMEOUT', tier: 'unknown' }, {}, { timeoutMs: 1500 }));

  // A VPN resets the connection (field case 20).
  b = build('connection-reset', { hosts: { us: { fault: { kind: 'reset', at: 'accept' } } } });
  list.push(scenario('connection-reset', 'A VPN resets every connection to the API host', b, { stage: 'connect', cause: 'CONNECTION_RESET', tier: 'unknown' }));

  // TLS-inspecting proxy re-signs the API host with a CA Node does not trust (self-signed test certificate).
  b = build('untrusted-tls', { hosts: { us: { tls: true } } });
  list.push(scenario('untrusted-tls', 'The API host presents a certificate Node does not trust (self-signed)', b, { stage: 'connect', cause: 'TLS_UNTRUSTED', tier: 'unknown' }));

  // Outage: everything, /info included, answers a 503 HTML page. SERVICE_ERROR wins over PROXY_INTERFERENCE for 5xx HTML.
  b = build('outage', { hosts: { us: { fault: { kind: 'status', status: 503, body: 'html' } } } });
  list.push(scenario('outage', 'LangSmith outage: every request answers 503 (HTML)', b, { stage: 'connect', cause: 'SERVICE_ERROR', tier: 'unknown' }));

  // Self-hosted behind nginx with a tiny client_max_body_size: reads fine, every write body answers 413 nginx HTML
  // (stands in for an oversized trace batch, field case 19 / #1506). Tier from the visible permissions.
  b = build('payload-too-large', {
    region: 'self',
    plan: 'self-hosted',
    key: { role: 'Organization Admin' },
    endpoint: 'self',
    hosts: { self: { fault: { kind: 'body-limit', maxBytes: 16 } } },
  });
  list.push(
    scenario('payload-too-large', 'Self-hosted nginx refuses request bodies with 413 Request Entity Too Large', b,
      { stage: 'admin', cause: 'PAYLOAD_TOO_LARGE', tier: 'admin' }, { endpoint: true }, { args: ['--write-probe'] }),
  );

  // Healthy but slow (250 ms per request): must not be reported as a timeout with the default 5 s.
  b = build('slow-network', { plan: 'developer', key: { role: 'Organization Admin' }, hosts: { us: { latencyMs: 250 } } });
  list.push(scenario('slow-network', 'Healthy admin key over a slow link (250 ms per request)', b, { stage: 'admin', cause: null, tier: 'admin' }));

  // The trace round trip (--write-probe) finds the split: ingest accepted (202) into the key's default
  // workspace 'Production', while reads act where LANGSMITH_WORKSPACE_ID points ('Staging'). The
  // world's `ingestWorkspace: 'key-default'` is a stand-in for any write/read split (a hypothesis,
  // not an observed server behaviour); the doctor must name where the run landed.
  b = build('trace-lands-in-other-workspace', { workspaces: 2 });
  b.world.keys[0]!.workspaceIds = b.world.orgs[0]!.workspaces.map((w) => w.id);
  b.world.ingestWorkspace = 'key-default';
  list.push(
    scenario('trace-lands-in-other-workspace', 'Traces are accepted but land in the key\'s default workspace, not the one LANGSMITH_WORKSPACE_ID reads (round trip)', b,
      { stage: 'full-access', cause: 'TRACE_NOT_VISIBLE', tier: 'full-access' }, { workspaceId: b.world.orgs[0]!.workspaces[1]!.id }, { args: ['--write-probe'], timeoutMs: 2000 }),
  );

  return list;
}

export const scenarios: readonly Scenario[] = Object.freeze(make());

export function getScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
