// A loopback HTTP(S) server per region that answers the part of the LangSmith REST API the doctor
// touches, the way LangSmith does (facts = /work/shared/reference/langsmith-facts.md).
// Node builtins only.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { shortKey, DAY } from './ids.js';
import { NGINX_405_HTML, NGINX_413_HTML, WEB_UI_HTML, nginxErrorHtml, proxyBlockHtml } from './pages.js';
import { orgPermissions, orgRoleName, workspacePermissions, workspaceRoleName } from './rbac.js';
import { TEST_CERT_PEM, TEST_KEY_PEM } from './tls.js';
import { DEFAULT_SWITCHES, SAAS_REGIONS } from './types.js';
import type { ApiKey, Fault, HostSpec, Org, RegionName, Switches, Workspace, World } from './types.js';

export interface EmulatorUrls {
  /** Region name -> base URL of that region's listener (`self` ends in `/api/v1`). */
  regions: Record<string, string>;
  /** The URL the scenario's env points LANGSMITH_ENDPOINT at (regions.us when the scenario leaves it unset). */
  endpoint: string;
  /** Every listener by name, regions and extra hosts (e.g. `ui`). */
  hosts: Record<string, string>;
}

export interface RequestRecord {
  /** The listener name (region or extra host). */
  region: string;
  method: string;
  /** Path and query as received. */
  path: string;
  /** 0 while unanswered (hang) or when the connection was reset. */
  status: number;
  headers: Record<string, string>;
}

export interface IngestedRun {
  host: string;
  workspaceId: string;
  id: string;
  name?: string;
  project?: string;
  via: 'runs' | 'batch' | 'multipart' | 'patch';
}

/** A run as stored and read back: the post merged with its patches (GET /runs/{id}, POST /runs/query). */
export interface StoredRun {
  workspaceId: string;
  projectId: string | null;
  project: string | null;
  id: string;
  /** The run's fields as sent (post, then patches over it). */
  fields: Record<string, unknown>;
  /** ms epoch when the post was accepted. */
  acceptedAt: number;
}

export interface RunningEmulator {
  urls: EmulatorUrls;
  requests: RequestRecord[];
  /** Runs accepted by the ingest routes, one entry per post or patch; a deleted project's entries go with it. */
  runs: IngestedRun[];
  /** Runs as stored (readable once visible), per workspace; a deleted project's runs go with it. */
  storedRuns(workspaceId?: string): StoredRun[];
  /** Current projects of a workspace (created/deleted ones included). */
  projectsOf(workspaceId: string): Array<{ id: string; name: string }>;
  /** Live key state (last_used_at moves on every authenticated request). */
  keyState(key: string): { lastUsedAt: string | null; createdAt: string; expiresAt: string | null } | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  world: World;
  /** Interface to bind (default 127.0.0.1; loopback only is the intended use). */
  host?: string;
  /** 0 (default) = random ports; otherwise listeners take basePort, basePort+1, ... in order us, eu, apac, aws, self, extras. */
  basePort?: number;
}

// ---------------------------------------------------------------------------------------------
// Live state

interface LiveProject {
  id: string;
  name: string;
  description: string | null;
  extra: Record<string, unknown>;
  createdAt: string;
  runCount: number;
}

interface LiveWorkspace {
  ws: Workspace;
  org: Org;
  createdAt: string;
  projects: LiveProject[];
}

interface LiveKey {
  key: ApiKey;
  org: Org;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

class State {
  readonly switches: Switches;
  readonly workspaces = new Map<string, LiveWorkspace>();
  readonly keys: LiveKey[] = [];
  readonly runs: IngestedRun[] = [];
  readonly stored: StoredRun[] = [];
  readonly version: string;

  constructor(readonly world: World) {
    this.switches = { ...DEFAULT_SWITCHES, ...(world.switches ?? {}) };
    this.version = world.version ?? '0.12.33';
    const now = Date.now();
    for (const org of world.orgs) {
      for (const ws of org.workspaces) {
        this.workspaces.set(ws.id.toLowerCase(), {
          ws,
          org,
          createdAt: new Date(now - 120 * DAY).toISOString(),
          projects: (ws.projects ?? []).map((p) => ({
            id: p.id,
            name: p.name,
            description: p.description ?? null,
            extra: {},
            createdAt: new Date(now - (p.createdAgoMs ?? 30 * DAY)).toISOString(),
            runCount: 0,
          })),
        });
      }
    }
    for (const key of world.keys) {
      const org = world.orgs.find((o) => o.id === key.orgId);
      if (!org) throw new Error(`emulator world: key ${key.id} names unknown org ${key.orgId}`);
      this.keys.push({
        key,
        org,
        createdAt: new Date(now - key.createdAgoMs).toISOString(),
        expiresAt: key.expiresInMs == null ? null : new Date(now + key.expiresInMs).toISOString(),
        lastUsedAt: key.lastUsedAgoMs == null ? null : new Date(now - key.lastUsedAgoMs).toISOString(),
      });
    }
  }

  workspacesOfOrg(org: Org): LiveWorkspace[] {
    return org.workspaces.map((w) => this.workspaces.get(w.id.toLowerCase())).filter((w): w is LiveWorkspace => !!w);
  }

  /** Workspaces a key may act in. */
  accessible(k: LiveKey): LiveWorkspace[] {
    if (k.key.scope === 'org' || k.key.role === 'Organization Admin') return this.workspacesOfOrg(k.org);
    const ids = new Set(k.key.workspaceIds.map((i) => i.toLowerCase()));
    return this.workspacesOfOrg(k.org).filter((w) => ids.has(w.ws.id.toLowerCase()));
  }
}

// ---------------------------------------------------------------------------------------------
// Answers

type Family = 'api' | 'ingest';

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function json(status: number, value: unknown, family: Family = 'api', headers?: Record<string, string>): Answer {
  // Go ingest routes end their JSON with a newline (facts §7); FastAPI routes do not.
  const body = JSON.stringify(value) + (family === 'ingest' ? '\n' : '');
  return { status, body, headers: { 'content-type': 'application/json', ...(headers ?? {}) } };
}

function html(status: number, body: string, headers?: Record<string, string>): Answer {
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...(headers ?? {}) } };
}

const ORG_SCOPED_DETAIL =
  "This API key is org-scoped and requires workspace specification. Please provide 'X-Tenant-ID' header.";
const LEGACY_DETAIL = 'Using legacy API key. Please generate a new API key.';
const NO_PLAN = 'Forbidden - no plan found';

function forbidden(family: Family): Answer {
  return family === 'api' ? json(403, { detail: 'Forbidden' }) : json(403, { error: 'Forbidden' }, 'ingest');
}

function unknownKey(s: Switches, family: Family): Answer {
  if (family === 'api') {
    return s.unknownKeyApiStatus === 401 ? json(401, { detail: 'Invalid token' }) : json(403, { detail: 'Forbidden' });
  }
  return s.unknownKeyIngestStatus === 401
    ? json(401, { error: 'Unauthorized' }, 'ingest')
    : json(403, { error: 'Forbidden' }, 'ingest');
}

function validation(loc: Array<string | number>, type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): Answer {
  // FastAPI / pydantic v2 HTTPValidationError.
  const item: Record<string, unknown> = { type, loc, msg, input };
  if (ctx) item['ctx'] = ctx;
  return json(422, { detail: [item] });
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function uuidError(where: 'path' | 'query' | 'body', name: string, input: string): Answer {
  return validation(
    [where, name],
    'uuid_parsing',
    'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `' +
      (input.match(/[^0-9a-fA-F-]/)?.[0] ?? input.slice(0, 1)) +
      '` at 1',
    input,
    { error: 'invalid character' },
  );
}

function intParam(q: URLSearchParams, name: string, def: number, min: number, max?: number): number | Answer {
  const raw = q.get(name);
  if (raw === null) return def;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    return validation(['query', name], 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', raw);
  }
  const n = Number(raw);
  if (n < min) {
    return validation(['query', name], 'greater_than_equal', `Input should be greater than or equal to ${min}`, raw, { ge: min });
  }
  if (max !== undefined && n > max) {
    return validation(['query', name], 'less_than_equal', `Input should be less than or equal to ${max}`, raw, { le: max });
  }
  return n;
}

function isAnswer(v: unknown): v is Answer {
  return typeof v === 'object' && v !== null && 'status' in v && 'body' in v;
}

// ---------------------------------------------------------------------------------------------
// Auth

interface Authed {
  k: LiveKey;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  if (Array.isArray(v)) return v[0];
  return v;
}

function authenticate(state: State, region: RegionName, req: IncomingMessage, family: Family): Authed | Answer {
  const s = state.switches;
  // x-api-key authenticates API keys; `Authorization: Bearer` authenticates OAuth access tokens
  // (a CLI login, as the SDKs send them; sdk-audit #14) and never an API key (a UI session's
  // header: facts §4, field case 27).
  const raw = header(req, 'x-api-key')?.trim();
  const bearer = raw ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')?.[1];
  if (!raw && !bearer) {
    // The public case of "Forbidden - no plan found": tracing on, no key sent (sdk-audit #1).
    if (s.noKeyAnswer === 'no-plan') return family === 'api' ? json(403, { detail: NO_PLAN }) : json(403, { error: NO_PLAN }, 'ingest');
    return unknownKey(s, family);
  }
  if (raw?.startsWith('ls__')) return json(401, { detail: LEGACY_DETAIL }); // observed with `detail` even on /runs/multipart (#1201)
  const k = state.keys.find((x) => x.org.region === region && (raw ? x.key.key === raw && x.key.kind !== 'oauth' : x.key.key === bearer && x.key.kind === 'oauth'));
  if (!k || k.key.revoked || k.key.kind === 'legacy') return unknownKey(s, family);
  if (k.expiresAt !== null && Date.parse(k.expiresAt) <= Date.now()) {
    if (family === 'api') return json(401, { detail: s.expiredKeyDetail });
    return s.expiredKeyDetail === DEFAULT_SWITCHES.expiredKeyDetail ? unknownKey(s, family) : json(401, { error: s.expiredKeyDetail }, 'ingest');
  }
  k.lastUsedAt = new Date().toISOString();
  return { k };
}

type OrgScopedShape = 'api' | 'settings' | 'ingest';

/** The workspace a request acts in: X-Tenant-Id, else the key's default; org-scoped keys must name one. */
function resolveWorkspace(state: State, req: IncomingMessage, k: LiveKey, family: Family, shape: OrgScopedShape): LiveWorkspace | Answer {
  const s = state.switches;
  const tenant = header(req, 'x-tenant-id')?.trim();
  let lw: LiveWorkspace | undefined;
  if (tenant) {
    lw = state.accessible(k).find((w) => w.ws.id.toLowerCase() === tenant.toLowerCase());
    if (!lw) return foreignTenant(s, family);
  } else {
    if (k.key.scope === 'org') {
      if (shape === 'ingest') {
        const body: Record<string, string> = { error: 'org_scoped_key_requires_workspace' };
        if (s.orgScopedIngestMessage) body['message'] = ORG_SCOPED_DETAIL;
        return json(403, body, 'ingest');
      }
      if (shape === 'settings' && s.orgScopedSettingsBody === 'error') {
        return json(403, { error: 'org_scoped_key_requires_workspace' });
      }
      return json(403, { detail: ORG_SCOPED_DETAIL });
    }
    const acc = state.accessible(k);
    const def = k.key.defaultWorkspaceId?.toLowerCase();
    lw = (def ? acc.find((w) => w.ws.id.toLowerCase() === def) : undefined) ?? acc[0];
    if (!lw) return forbidden(family);
  }
  if (lw.org.plan === 'none') return family === 'api' ? json(403, { detail: NO_PLAN }) : json(403, { error: NO_PLAN }, 'ingest');
  return lw;
}

/** Org-level routes need only the key; a given but foreign X-Tenant-Id is still refused. */
function checkOrgLevelTenant(state: State, req: IncomingMessage, k: LiveKey): Answer | undefined {
  const tenant = header(req, 'x-tenant-id')?.trim();
  if (!tenant) return undefined;
  return state.accessible(k).some((w) => w.ws.id.toLowerCase() === tenant.toLowerCase()) ? undefined : foreignTenant(state.switches, 'api');
}

/** A valid key naming a workspace it may not use (switch `foreignTenantAnswer`). */
function foreignTenant(s: Switches, family: Family): Answer {
  return s.foreignTenantAnswer === 'unknown-key' ? unknownKey(s, family) : forbidden(family);
}

/** The key's workspace permissions: its role's, less any a custom role leaves out. */
function permissionsOf(k: LiveKey): string[] {
  const without = new Set(k.key.withoutPermissions ?? []);
  return workspacePermissions(k.key.role, k.key.readOnly).filter((p) => !without.has(p));
}

function can(k: LiveKey, permission: string): boolean {
  return permissionsOf(k).includes(permission);
}

// ---------------------------------------------------------------------------------------------
// Shapes

const ROLE_IDS: Record<string, string> = {
  Admin: '2f0a7c4e-6a1b-4c39-9d2e-0b5f1c3a7e11',
  Editor: '5b8d2e9f-1c4a-4e7b-8f3d-6a2c9e0b4d22',
  Viewer: '9c1e4a7b-3d6f-4b2a-a5e8-7f0d2c6b1a33',
};

function handleOf(ws: Workspace): string {
  return ws.handle ?? ws.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function workspaceItem(state: State, lw: LiveWorkspace, k: LiveKey): Record<string, unknown> {
  const visible = state.switches.permissionsVisible;
  const roleName = workspaceRoleName(k.key.role);
  return {
    id: lw.ws.id,
    organization_id: lw.org.id,
    display_name: lw.ws.name,
    is_personal: lw.ws.isPersonal ?? lw.org.isPersonal ?? false,
    is_deleted: false,
    tenant_handle: handleOf(lw.ws),
    created_at: lw.createdAt,
    data_plane_url: null,
    read_only: k.key.readOnly ?? false,
    role_id: visible ? (ROLE_IDS[roleName] ?? null) : null,
    role_name: visible ? roleName : null,
    permissions: visible ? permissionsOf(k) : [],
  };
}

const TIER: Record<string, string> = {
  developer: 'developer',
  plus: 'plus',
  enterprise: 'enterprise',
  'self-hosted': 'enterprise',
  none: 'no_plan',
};

function orgConfig(org: Org): Record<string, unknown> {
  const rbac = org.plan === 'enterprise' || org.plan === 'self-hosted';
  return {
    max_workspaces: org.plan === 'developer' ? 1 : org.plan === 'plus' ? 3 : -1,
    can_use_rbac: rbac,
    can_add_seats: org.plan !== 'developer' && org.plan !== 'none',
    can_serve_datasets: true,
    can_use_saml_sso: rbac,
    can_use_bulk_export: org.plan !== 'developer' && org.plan !== 'none',
    max_langgraph_cloud_deployments: org.plan === 'enterprise' ? 10 : 0,
  };
}

function orgPerms(state: State, k: LiveKey): string[] {
  return state.switches.permissionsVisible ? orgPermissions(k.key) : [];
}

/** The fields `Organization` and `OrganizationInfo` share. */
function orgCommon(state: State, k: LiveKey): Record<string, unknown> {
  const org = k.org;
  return {
    id: org.id,
    display_name: org.name,
    is_personal: org.isPersonal ?? false,
    tier: TIER[org.plan] ?? org.plan,
    config: orgConfig(org),
    permissions: orgPerms(state, k),
    disabled: false,
  };
}

function orgItem(state: State, k: LiveKey): Record<string, unknown> {
  const org = k.org;
  return {
    ...orgCommon(state, k),
    role_name: state.switches.permissionsVisible ? orgRoleName(k.key) : null,
    reached_max_workspaces: false,
    payment_method: null,
    has_cancelled: false,
    end_of_billing_period: null,
    current_plan: org.plan === 'none' ? null : { tier: TIER[org.plan] ?? org.plan, started_on: '2025-01-01T00:00:00Z' },
  };
}

function orgInfoItem(state: State, k: LiveKey): Record<string, unknown> {
  return {
    ...orgCommon(state, k),
    member_disabled: false,
    sso_only: false,
    pat_creation_disabled: false,
    ip_allowlist: [],
    ip_allowlist_enabled: false,
    public_sharing_disabled: false,
    max_api_key_expiry_days: null,
    max_pat_expiry_days: null,
    max_service_key_expiry_days: null,
  };
}

function keyItem(state: State, x: LiveKey): Record<string, unknown> {
  const acc = state.accessible(x);
  const def = x.key.defaultWorkspaceId ? acc.find((w) => w.ws.id === x.key.defaultWorkspaceId) : acc[0];
  return {
    id: x.key.id,
    created_at: x.createdAt,
    short_key: shortKey(x.key.key, state.switches.shortKeyMask),
    description: x.key.description ?? (x.key.kind === 'pat' ? 'Personal access token' : 'Default API key'),
    read_only: x.key.readOnly ?? false,
    last_used_at: x.lastUsedAt,
    expires_at: x.expiresAt,
    workspace_names: x.key.scope === 'org' ? null : acc.map((w) => w.ws.name),
    default_workspace_name: x.key.scope === 'org' ? null : (def?.ws.name ?? null),
    access_scope: x.key.scope === 'org' ? 'organization' : 'workspace',
  };
}

function projectItem(p: LiveProject, lw: LiveWorkspace): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    start_time: p.createdAt,
    end_time: null,
    extra: p.extra,
    tenant_id: lw.ws.id,
    reference_dataset_id: null,
    default_dataset_id: null,
    trace_tier: 'longlived',
    run_count: p.runCount,
    last_run_start_time: null,
  };
}

function infoBody(state: State): Record<string, unknown> {
  return {
    version: state.version,
    git_sha: null,
    license_expiration_time: null,
    batch_ingest_config: {
      use_multipart_endpoint: state.switches.useMultipartEndpoint,
      scale_up_qsize_trigger: 1000,
      scale_up_nthreads_limit: 16,
      scale_down_nempty_trigger: 4,
      size_limit: 100,
      size_limit_bytes: 20_971_520,
    },
    instance_flags: {
      gzip_body_enabled: state.switches.gzipBodyEnabled,
      zstd_compression_enabled: false, // Node 20 has no zstd; the SDK would pick it otherwise
      dataset_examples_multipart_enabled: true,
      examples_multipart_enabled: true,
      playground_auth_bypass_enabled: false,
      search_enabled: true,
      show_ttl_ui: true,
      trace_tier_duration_days: { longlived: 400, shortlived: 14 },
      org_creation_disabled: false,
      experimental_search_enabled: false,
      sdb_query_enabled: false,
      ch_query_enabled: true,
    },
    customer_info: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Routing

function ensureProject(lw: LiveWorkspace, name: string): LiveProject {
  let p = lw.projects.find((x) => x.name === name);
  if (!p) {
    p = { id: randomUUID(), name, description: null, extra: {}, createdAt: new Date().toISOString(), runCount: 0 };
    lw.projects.push(p);
  }
  return p;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

interface Ctx {
  state: State;
  listener: string;
  region: RegionName;
  req: IncomingMessage;
  body: Buffer;
  path: string;
  query: URLSearchParams;
  method: string;
}

function route(ctx: Ctx): Answer {
  const { state, req, path, method } = ctx;
  const s = state.switches;

  // Unauthenticated (facts §8: `security: []`).
  if (path === '/info' || path === '/info/health' || path === '/ok' || path === '/health') {
    if (method !== 'GET' && method !== 'HEAD') return json(405, { detail: 'Method Not Allowed' });
    if (path === '/info') {
      if (s.infoAuthRequired) {
        const a = authenticate(state, ctx.region, req, 'api');
        if (isAnswer(a)) return a;
      }
      return json(200, infoBody(state));
    }
    if (path === '/info/health') return json(200, { clickhouse_disk_free_pct: 73.2 });
    return json(200, { ok: true });
  }

  // Reads of runs (API routes, {"detail": ...}).
  if (path === '/runs/query') {
    if (method !== 'POST') return json(405, { detail: 'Method Not Allowed' });
    return runsQuery(ctx);
  }

  // Ingest (Go) routes: {"error": ...}\n.
  if (path === '/runs' || path === '/runs/batch' || path === '/runs/multipart' || /^\/runs\/[^/]+$/.test(path)) {
    const isPatch = /^\/runs\/[^/]+$/.test(path) && path !== '/runs/batch' && path !== '/runs/multipart';
    if (isPatch ? method !== 'PATCH' : method !== 'POST') {
      if (isPatch && method === 'GET') return readRun(ctx);
      return json(405, { error: 'method not allowed' }, 'ingest');
    }
    return ingest(ctx, isPatch);
  }

  const sessionId = /^\/sessions\/([^/]+)$/.exec(path)?.[1];
  if (path === '/settings' || path === '/sessions' || sessionId !== undefined || path === '/api-key' || path === '/workspaces/current/usage_limits') {
    const a = authenticate(state, ctx.region, req, 'api');
    if (isAnswer(a)) return a;
    const lw = resolveWorkspace(state, req, a.k, 'api', path === '/settings' ? 'settings' : 'api');
    if (isAnswer(lw)) return lw;
    return workspaceRoute(ctx, a.k, lw, sessionId);
  }

  const wsId = /^\/workspaces\/([^/]+)$/.exec(path)?.[1];
  if (
    path === '/workspaces' ||
    wsId !== undefined ||
    path === '/orgs/current' ||
    path === '/orgs/current/info' ||
    path === '/orgs/current/service-keys' ||
    path === '/orgs/current/personal-access-tokens'
  ) {
    if (method !== 'GET') return json(405, { detail: 'Method Not Allowed' });
    const a = authenticate(state, ctx.region, req, 'api');
    if (isAnswer(a)) return a;
    const bad = checkOrgLevelTenant(state, req, a.k);
    if (bad) return bad;
    const k = a.k;
    if (path === '/workspaces') return json(200, state.accessible(k).map((w) => workspaceItem(state, w, k)));
    if (wsId !== undefined) {
      if (!UUID_RE.test(wsId)) return uuidError('path', 'workspace_id', wsId);
      const w = state.accessible(k).find((x) => x.ws.id.toLowerCase() === wsId.toLowerCase());
      return w ? json(200, workspaceItem(state, w, k)) : json(404, { detail: 'Workspace not found' });
    }
    if (path === '/orgs/current') return json(200, orgItem(state, k));
    if (path === '/orgs/current/info') return json(200, orgInfoItem(state, k));
    if (path === '/orgs/current/service-keys') {
      return json(200, state.keys.filter((x) => x.org === k.org && x.key.kind === 'service' && !x.key.revoked).map((x) => keyItem(state, x)));
    }
    // personal-access-tokens: the caller's own PATs (a service key has none).
    if (k.key.kind !== 'pat') return json(200, []);
    const owner = k.key.owner ?? k.key.id;
    return json(
      200,
      state.keys
        .filter((x) => x.org === k.org && x.key.kind === 'pat' && !x.key.revoked && (x.key.owner ?? x.key.id) === owner)
        .map((x) => keyItem(state, x)),
    );
  }

  if (path === '/api-key/current') {
    // User-scoped: needs a logged-in user's JWT; an API key gets an unrelated 401 (facts §6, UNCERTAIN).
    return json(401, { detail: 'Invalid token' });
  }

  return json(404, { detail: 'Not Found' });
}

function workspaceRoute(ctx: Ctx, k: LiveKey, lw: LiveWorkspace, sessionId: string | undefined): Answer {
  const { path, method, query, state } = ctx;
  if (path === '/settings') {
    if (method !== 'GET') return json(405, { detail: 'Method Not Allowed' });
    return json(200, { id: lw.ws.id, display_name: lw.ws.name, created_at: lw.createdAt, tenant_handle: handleOf(lw.ws) });
  }
  if (path === '/workspaces/current/usage_limits') {
    if (method !== 'GET') return json(405, { detail: 'Method Not Allowed' });
    const u = lw.ws.usageLimit;
    return json(200, {
      in_reject_set: u?.inRejectSet ?? false,
      usage_limit_type: u?.inRejectSet ? (u.type ?? null) : null,
      tenant_limit: u?.inRejectSet ? (u.tenantLimit ?? null) : null,
    });
  }
  if (path === '/api-key') {
    if (method !== 'GET') return json(405, { detail: 'Method Not Allowed' });
    const here = state.keys.filter(
      (x) => x.org === k.org && x.key.kind === 'service' && !x.key.revoked && state.accessible(x).some((w) => w === lw),
    );
    return json(200, here.map((x) => keyItem(state, x)));
  }
  if (path === '/sessions') {
    if (method === 'GET') {
      if (!can(k, 'projects:read')) return forbidden('api');
      const limit = intParam(query, 'limit', 100, 1, 100);
      if (isAnswer(limit)) return limit;
      const offset = intParam(query, 'offset', 0, 0);
      if (isAnswer(offset)) return offset;
      const ids = query.getAll('id');
      for (const id of ids) if (!UUID_RE.test(id)) return uuidError('query', 'id', id);
      let list = [...lw.projects].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const name = query.get('name');
      if (name !== null) list = list.filter((p) => p.name === name);
      const contains = query.get('name_contains');
      if (contains !== null) list = list.filter((p) => p.name.includes(contains));
      if (ids.length) list = list.filter((p) => ids.some((i) => i.toLowerCase() === p.id.toLowerCase()));
      return json(200, list.slice(offset, offset + limit).map((p) => projectItem(p, lw)));
    }
    if (method === 'POST') {
      if (!can(k, 'projects:create')) return forbidden('api');
      const parsed = parseJson(ctx.body);
      if (!parsed.ok) {
        return validation(['body', 0], 'json_invalid', 'JSON decode error', {}, { error: parsed.error });
      }
      const b = parsed.value as Record<string, unknown> | null;
      if (typeof b !== 'object' || b === null || Array.isArray(b)) {
        return validation(['body'], 'model_attributes_type', 'Input should be a valid dictionary or object to extract fields from', b);
      }
      if (typeof b['name'] !== 'string' || b['name'] === '') {
        return b['name'] === undefined
          ? validation(['body', 'name'], 'missing', 'Field required', b)
          : validation(['body', 'name'], 'string_type', 'Input should be a valid string', b['name']);
      }
      const name = b['name'];
      const existing = lw.projects.find((p) => p.name === name);
      if (existing) {
        if (query.get('upsert') === 'true') return json(200, projectItem(existing, lw));
        return json(409, { detail: 'Session already exists.' });
      }
      const id = typeof b['id'] === 'string' && UUID_RE.test(b['id']) ? b['id'] : randomUUID();
      const p: LiveProject = {
        id,
        name,
        description: typeof b['description'] === 'string' ? b['description'] : null,
        extra: typeof b['extra'] === 'object' && b['extra'] !== null ? (b['extra'] as Record<string, unknown>) : {},
        createdAt: new Date().toISOString(),
        runCount: 0,
      };
      lw.projects.push(p);
      return json(200, projectItem(p, lw));
    }
    return json(405, { detail: 'Method Not Allowed' });
  }
  // /sessions/{id}
  const id = sessionId ?? '';
  if (method === 'GET') {
    if (!can(k, 'projects:read')) return forbidden('api');
    if (!UUID_RE.test(id)) return uuidError('path', 'session_id', id);
    const p = lw.projects.find((x) => x.id.toLowerCase() === id.toLowerCase());
    return p ? json(200, projectItem(p, lw)) : json(404, { detail: 'Session not found' });
  }
  if (method === 'DELETE') {
    if (!can(k, 'projects:delete')) return forbidden('api');
    if (!UUID_RE.test(id)) return uuidError('path', 'session_id', id);
    const i = lw.projects.findIndex((x) => x.id.toLowerCase() === id.toLowerCase());
    if (i < 0) return json(404, { detail: 'Session not found' });
    const [gone] = lw.projects.splice(i, 1);
    dropRunsOf(state, lw, gone!);
    return json(202, {});
  }
  if (method === 'PATCH') {
    if (!can(k, 'projects:update')) return forbidden('api');
    if (!UUID_RE.test(id)) return uuidError('path', 'session_id', id);
    const p = lw.projects.find((x) => x.id.toLowerCase() === id.toLowerCase());
    if (!p) return json(404, { detail: 'Session not found' });
    const parsed = parseJson(ctx.body);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
      const b = parsed.value as Record<string, unknown>;
      if (typeof b['name'] === 'string') p.name = b['name'];
      if (typeof b['description'] === 'string') p.description = b['description'];
    }
    return json(200, projectItem(p, lw));
  }
  return json(405, { detail: 'Method Not Allowed' });
}

function ingestAuth(ctx: Ctx): { k: LiveKey; lw: LiveWorkspace } | Answer {
  const { state, req } = ctx;
  const a = authenticate(state, ctx.region, req, 'ingest');
  if (isAnswer(a)) return a;
  const requested = resolveWorkspace(state, req, a.k, 'ingest', 'ingest');
  if (isAnswer(requested)) return requested;
  if (!can(a.k, 'runs:create')) return forbidden('ingest');
  return { k: a.k, lw: landingWorkspace(state, a.k, requested) };
}

/** Where a run lands: the requested workspace, or (world `ingestWorkspace: 'key-default'`) the key's default one. */
function landingWorkspace(state: State, k: LiveKey, requested: LiveWorkspace): LiveWorkspace {
  if (state.world.ingestWorkspace !== 'key-default' || k.key.scope === 'org') return requested;
  const acc = state.accessible(k);
  const def = k.key.defaultWorkspaceId?.toLowerCase();
  return (def ? acc.find((w) => w.ws.id.toLowerCase() === def) : undefined) ?? acc[0] ?? requested;
}

/** A run is readable once the switch's delay has passed since its post was accepted. */
function visible(state: State, r: StoredRun): boolean {
  const delay = state.switches.runVisibleAfterMs;
  return delay !== null && Date.now() >= r.acceptedAt + Math.max(0, delay);
}

function runItem(r: StoredRun): Record<string, unknown> {
  const f = r.fields;
  const endTime = f['end_time'] ?? null;
  const error = f['error'] ?? null;
  return {
    id: r.id,
    name: f['name'] ?? null,
    run_type: f['run_type'] ?? 'chain',
    start_time: f['start_time'] ?? null,
    end_time: endTime,
    inputs: f['inputs'] ?? {},
    outputs: f['outputs'] ?? null,
    error,
    extra: f['extra'] ?? null,
    events: f['events'] ?? [],
    tags: f['tags'] ?? [],
    parent_run_id: f['parent_run_id'] ?? null,
    trace_id: f['trace_id'] ?? r.id,
    dotted_order: f['dotted_order'] ?? null,
    session_id: r.projectId,
    status: error ? 'error' : endTime ? 'success' : 'pending',
    reference_example_id: null,
    total_tokens: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    total_cost: null,
    prompt_cost: null,
    completion_cost: null,
    feedback_stats: null,
    app_path: `/o/${r.workspaceId}/projects/p/${r.projectId ?? ''}/r/${r.id}`,
  };
}

/** Reads act in the requested workspace (X-Tenant-Id, else the key's default) and need runs:read. */
function readAuth(ctx: Ctx): LiveWorkspace | Answer {
  const a = authenticate(ctx.state, ctx.region, ctx.req, 'api');
  if (isAnswer(a)) return a;
  const lw = resolveWorkspace(ctx.state, ctx.req, a.k, 'api', 'api');
  if (isAnswer(lw)) return lw;
  if (!can(a.k, 'runs:read')) return forbidden('api');
  return lw;
}

/** GET /runs/{id}: the run in the workspace the request acts in, once visible. */
function readRun(ctx: Ctx): Answer {
  const lw = readAuth(ctx);
  if (isAnswer(lw)) return lw;
  const id = ctx.path.slice('/runs/'.length);
  if (!UUID_RE.test(id)) return uuidError('path', 'run_id', id);
  const r = ctx.state.stored.find((x) => x.workspaceId === lw.ws.id && x.id.toLowerCase() === id.toLowerCase());
  return r && visible(ctx.state, r) ? json(200, runItem(r)) : json(404, { detail: 'Run not found' });
}

/** POST /runs/query: visible runs of the workspace, filtered by `session`, `id`, `trace`, `is_root`; newest first. */
function runsQuery(ctx: Ctx): Answer {
  const lw = readAuth(ctx);
  if (isAnswer(lw)) return lw;
  const parsed = parseJson(ctx.body.length ? ctx.body : Buffer.from('{}'));
  if (!parsed.ok) return validation(['body', 0], 'json_invalid', 'JSON decode error', {}, { error: parsed.error });
  const b = (parsed.value ?? {}) as Record<string, unknown>;
  const list = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : null);
  const sessions = list(b['session']);
  const ids = list(b['id']);
  for (const id of [...(sessions ?? []), ...(ids ?? [])]) if (!UUID_RE.test(id)) return uuidError('body', 'session', id);
  const limit = typeof b['limit'] === 'number' && b['limit'] > 0 ? Math.min(b['limit'], 100) : 100;
  const lower = (xs: string[] | null) => xs?.map((x) => x.toLowerCase()) ?? null;
  const [sess, want] = [lower(sessions), lower(ids)];
  const trace = typeof b['trace'] === 'string' ? b['trace'].toLowerCase() : null;
  const runs = ctx.state.stored
    .filter((r) => r.workspaceId === lw.ws.id && visible(ctx.state, r))
    .filter((r) => !sess || (r.projectId !== null && sess.includes(r.projectId.toLowerCase())))
    .filter((r) => !want || want.includes(r.id.toLowerCase()))
    .filter((r) => !trace || String(r.fields['trace_id'] ?? r.id).toLowerCase() === trace)
    .filter((r) => b['is_root'] !== true || !r.fields['parent_run_id'])
    .sort((x, y) => y.acceptedAt - x.acceptedAt)
    .slice(0, limit);
  return json(200, { runs: runs.map(runItem), cursors: { next: null } });
}

/** Deleting a project deletes its runs (as LangSmith does). */
function dropRunsOf(state: State, lw: LiveWorkspace, p: LiveProject): void {
  for (let i = state.stored.length - 1; i >= 0; i--) {
    const r = state.stored[i]!;
    if (r.workspaceId === lw.ws.id && r.projectId === p.id) state.stored.splice(i, 1);
  }
  for (let i = state.runs.length - 1; i >= 0; i--) {
    const r = state.runs[i]!;
    if (r.workspaceId === lw.ws.id && r.project === p.name) state.runs.splice(i, 1);
  }
}

function usageLimited(lw: LiveWorkspace): Answer | undefined {
  const u = lw.ws.usageLimit;
  if (!u?.inRejectSet) return undefined;
  // Facts §7: usage limits answer 429, not 403. The body's wording is a HYPOTHESIS (sdk-audit #15):
  // public reports name the monthly unique-traces limit, in `detail` or `error` depending on the
  // date; the doctor must not depend on this exact text (it reads the status and the reject set).
  const what = u.type ?? 'user_defined_monthly_traces';
  const limit = u.tenantLimit != null ? ` of ${u.tenantLimit}` : '';
  return json(429, { error: `Usage limit ${what}${limit} exceeded` }, 'ingest', {
    'retry-after': String(u.retryAfterSeconds ?? 3600),
  });
}

function recordRun(ctx: Ctx, lw: LiveWorkspace, run: Record<string, unknown>, via: IngestedRun['via']): void {
  const project =
    typeof run['session_name'] === 'string'
      ? run['session_name']
      : typeof run['session_id'] === 'string'
        ? lw.projects.find((p) => p.id === run['session_id'])?.name
        : undefined;
  // A run sent to a project name that does not exist creates the project (what tracing relies on).
  const live = via !== 'patch' && project !== undefined ? ensureProject(lw, project) : undefined;
  if (live) live.runCount++;
  const r: IngestedRun = { host: ctx.listener, workspaceId: lw.ws.id, id: String(run['id'] ?? ''), via };
  if (typeof run['name'] === 'string') r.name = run['name'];
  if (project !== undefined) r.project = project;
  ctx.state.runs.push(r);
  const id = r.id.toLowerCase();
  const stored = ctx.state.stored.find((x) => x.workspaceId === lw.ws.id && x.id.toLowerCase() === id);
  if (stored) {
    // A patch (or a repeated post) updates the run in place; it never moves it.
    Object.assign(stored.fields, run);
    if (stored.projectId === null && live) Object.assign(stored, { projectId: live.id, project: live.name });
  } else if (UUID_RE.test(id)) {
    ctx.state.stored.push({
      workspaceId: lw.ws.id,
      projectId: live?.id ?? null,
      project: live?.name ?? project ?? null,
      id: r.id,
      fields: { ...run },
      acceptedAt: Date.now(),
    });
  }
}

function ingest(ctx: Ctx, isPatch: boolean): Answer {
  const auth = ingestAuth(ctx);
  if (isAnswer(auth)) return auth;
  const { lw } = auth;
  const limited = usageLimited(lw);
  if (limited) return limited;
  const { path } = ctx;

  if (path === '/runs/multipart') {
    const ct = header(ctx.req, 'content-type') ?? '';
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct);
    const b = boundary?.[1] ?? boundary?.[2];
    if (!ct.toLowerCase().startsWith('multipart/form-data') || !b) {
      return json(400, { error: 'invalid multipart request: missing boundary' }, 'ingest');
    }
    const parts = parseMultipart(ctx.body, b.trim());
    // `post.<id>` carries the run; `post.<id>.inputs` (outputs, events, extra, error, serialized)
    // carry its large fields as separate parts (the SDK's _serializeRunParts).
    const ops = new Map<string, { op: string; id: string; fields: Record<string, unknown> }>();
    for (const part of parts) {
      const m = /^(post|patch)\.([0-9a-fA-F-]{36})(?:\.([a-z_]+))?$/.exec(part.name);
      if (!m) continue;
      const parsed = parseJson(part.data);
      if (!parsed.ok || (m[3] === undefined && (typeof parsed.value !== 'object' || parsed.value === null))) {
        return json(400, { error: `invalid JSON in part ${part.name}` }, 'ingest');
      }
      const key = `${m[1]}.${m[2]!.toLowerCase()}`;
      const op = ops.get(key) ?? { op: m[1]!, id: m[2]!, fields: {} };
      ops.set(key, op);
      if (m[3] === undefined) Object.assign(op.fields, parsed.value as Record<string, unknown>);
      else op.fields[m[3]] = parsed.value;
    }
    for (const { op, id, fields } of ops.values()) recordRun(ctx, lw, { ...fields, id }, op === 'patch' ? 'patch' : 'multipart');
    if (ops.size === 0 && parts.length === 0) return json(400, { error: 'empty multipart request' }, 'ingest');
    return json(202, {}, 'ingest');
  }

  const parsed = parseJson(ctx.body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return json(400, { error: 'invalid request body' }, 'ingest');
  }
  const v = parsed.value as Record<string, unknown>;
  if (path === '/runs/batch') {
    const post = Array.isArray(v['post']) ? (v['post'] as unknown[]) : [];
    const patch = Array.isArray(v['patch']) ? (v['patch'] as unknown[]) : [];
    if (post.length === 0 && patch.length === 0) {
      const st = ctx.state.switches.emptyBatchAnswer;
      if (st === 202) return json(202, {}, 'ingest');
      return json(st, { error: 'no runs in batch' }, 'ingest');
    }
    for (const r of post) if (r && typeof r === 'object') recordRun(ctx, lw, r as Record<string, unknown>, 'batch');
    for (const r of patch) if (r && typeof r === 'object') recordRun(ctx, lw, r as Record<string, unknown>, 'patch');
    return json(202, {}, 'ingest');
  }
  if (isPatch) {
    const id = path.slice('/runs/'.length);
    if (!UUID_RE.test(id)) return json(400, { error: 'invalid run id' }, 'ingest');
    recordRun(ctx, lw, { ...v, id }, 'patch');
    return json(202, {}, 'ingest');
  }
  // POST /runs
  recordRun(ctx, lw, v, 'runs');
  return json(202, {}, 'ingest');
}

function parseMultipart(body: Buffer, boundary: string): Array<{ name: string; data: Buffer }> {
  const out: Array<{ name: string; data: Buffer }> = [];
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    let start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    const part = body.subarray(start, end);
    const sep = part.indexOf('\r\n\r\n');
    if (sep >= 0) {
      const head = part.subarray(0, sep).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      out.push({ name, data: part.subarray(sep + 4) });
    }
    pos = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Listeners and faults

interface Listener {
  name: string;
  spec: HostSpec;
  serves: RegionName;
  server?: http.Server | https.Server;
  port: number;
  url: string;
}

function listenerNames(world: World): string[] {
  const names: string[] = [...SAAS_REGIONS];
  if (world.orgs.some((o) => o.region === 'self') || world.hosts?.['self'] || world.endpoint === 'self') names.push('self');
  for (const x of world.extraHosts ?? []) if (!names.includes(x)) names.push(x);
  return names;
}

function isRegion(name: string): name is RegionName {
  return name === 'us' || name === 'eu' || name === 'apac' || name === 'aws' || name === 'self';
}

function reservePort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(port, host, () => {
      const addr = srv.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      srv.close(() => resolve(p));
    });
  });
}

function readBody(req: IncomingMessage, limit: number | undefined): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (limit !== undefined && size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(c);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return zlib.gunzipSync(body);
  if (e === 'deflate') return zlib.inflateSync(body);
  if (e === 'br') return zlib.brotliDecompressSync(body);
  return body;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export async function startEmulator(opts: StartOptions): Promise<RunningEmulator> {
  const { world } = opts;
  const host = opts.host ?? '127.0.0.1';
  const basePort = opts.basePort ?? 0;
  const state = new State(world);
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const names = listenerNames(world);
  const listeners: Listener[] = [];
  const byName = new Map<string, Listener>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(l: Listener, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RequestRecord = {
      region: l.name,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 0,
      headers: flatHeaders(req),
    };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    const spec = l.spec;
    const fault: Fault | undefined = spec.fault;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');

    if (spec.latencyMs && spec.latencyMs > 0) await sleep(spec.latencyMs);
    if (closing) return;

    const send = (a: Answer, truncate = false): void => {
      let body = Buffer.from(a.body, 'utf8');
      const isJson = (a.headers?.['content-type'] ?? '').includes('json');
      if (truncate && isJson && body.length > 1) body = body.subarray(0, Math.floor(body.length / 2));
      res.writeHead(a.status, { ...(a.headers ?? {}), 'content-length': String(body.length) });
      res.end(method === 'HEAD' ? undefined : body);
    };

    if (fault?.kind === 'hang') {
      req.resume();
      return; // never answer; close() destroys the socket
    }
    if (fault?.kind === 'reset') {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"version":"0.1');
      const t = setTimeout(() => {
        timers.delete(t);
        req.socket.resetAndDestroy();
      }, 25);
      timers.add(t);
      return;
    }
    if (fault?.kind === 'redirect') {
      req.resume();
      const target = byName.get(fault.to);
      const base = target ? new URL(target.url).origin : fault.to.replace(/\/+$/, '');
      const location = base + (req.url ?? '/');
      send({ status: fault.status ?? 301, body: '', headers: { location, 'content-type': 'text/html' } });
      return;
    }
    if (fault?.kind === 'proxy-html') {
      req.resume();
      const shown = `${l.url.replace(/\/api\/v1$/, '')}${req.url ?? '/'}`;
      send(
        html(fault.status ?? 403, proxyBlockHtml(shown), {
          server: 'squid/5.7',
          via: '1.1 proxy.corp.example (squid/5.7)',
          'x-squid-error': 'ERR_ACCESS_DENIED 0',
        }),
      );
      return;
    }
    if (fault?.kind === 'web-ui') {
      req.resume();
      if (method === 'GET' || method === 'HEAD') send(html(200, WEB_UI_HTML, { server: 'nginx' }));
      else send(html(405, NGINX_405_HTML, { server: 'nginx' }));
      return;
    }
    if (fault?.kind === 'status') {
      const p = url.pathname.replace(/^\/api(\/v1)?/, '');
      const info = p === '/info' || p === '/info/health' || p === '/ok';
      if (!(fault.skipInfo && info)) {
        req.resume();
        const extra: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
        const ingestPath = /^\/runs(\/|$)/.test(p);
        if (fault.body === 'html') {
          send(html(fault.status, nginxErrorHtml(fault.status), { server: 'nginx', ...extra }));
        } else {
          const reason = http.STATUS_CODES[fault.status] ?? 'Error';
          send(ingestPath ? json(fault.status, { error: reason }, 'ingest', extra) : json(fault.status, { detail: reason }, 'api', extra));
        }
        return;
      }
    }
    let limit: number | undefined;
    if (fault?.kind === 'body-limit') {
      limit = fault.maxBytes;
      const len = Number(header(req, 'content-length') ?? 'NaN');
      if (Number.isFinite(len) && len > limit) {
        req.resume();
        res.setHeader('connection', 'close');
        send(html(413, NGINX_413_HTML, { server: 'nginx' }));
        return;
      }
    }

    const { body: raw, tooLarge } = await readBody(req, limit);
    if (closing) return;
    if (tooLarge) {
      send(html(413, NGINX_413_HTML, { server: 'nginx' }));
      return;
    }
    let body: Buffer;
    try {
      body = decode(raw, header(req, 'content-encoding'));
    } catch {
      send(json(400, { error: 'invalid request body encoding' }, 'ingest'));
      return;
    }

    // Path forms: SaaS answers `/x` and `/api/v1/x`; a self-hosted host serves its UI at `/` and the API under `/api/v1` (and `/api`).
    let p = url.pathname;
    if (l.serves === 'self') {
      if (p === '/api/v1' || p.startsWith('/api/v1/')) p = p.slice('/api/v1'.length);
      else if (p.startsWith('/api/')) p = p.slice('/api'.length);
      else {
        if (method === 'GET' || method === 'HEAD') send(html(200, WEB_UI_HTML, { server: 'nginx' }));
        else send(html(405, NGINX_405_HTML, { server: 'nginx' }));
        return;
      }
    } else if (p === '/api/v1' || p.startsWith('/api/v1/')) {
      p = p.slice('/api/v1'.length);
    }
    if (p.length > 1) p = p.replace(/\/+$/, '');
    if (p === '') p = '/';

    const answer = route({ state, listener: l.name, region: l.serves, req, body, path: p, query: url.searchParams, method });
    send(answer, fault?.kind === 'truncated-json');
  }

  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const spec = world.hosts?.[name] ?? {};
    const serves: RegionName = spec.serves ?? (isRegion(name) ? name : 'us');
    const port = basePort > 0 ? basePort + i : 0;
    const proto = spec.tls ? 'https' : 'http';
    const l: Listener = { name, spec, serves, port, url: '' };
    if (spec.fault?.kind === 'refused') {
      l.port = await reservePort(host, port);
    } else {
      const handler = (req: IncomingMessage, res: ServerResponse): void => {
        handle(l, req, res).catch(() => {
          if (!res.headersSent && !res.destroyed) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ detail: 'Internal Server Error' }));
          }
        });
      };
      const server = spec.tls ? https.createServer({ cert: TEST_CERT_PEM, key: TEST_KEY_PEM }, handler) : http.createServer(handler);
      server.keepAliveTimeout = 5_000;
      server.on('connection', (sock: Socket) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
        if (spec.fault?.kind === 'reset' && spec.fault.at === 'accept') sock.resetAndDestroy();
      });
      server.on('clientError', (_err, sock) => {
        sock.destroy();
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const addr = server.address();
      l.port = typeof addr === 'object' && addr ? addr.port : port;
      l.server = server;
    }
    l.url = `${proto}://${urlHost}:${l.port}${serves === 'self' && name === 'self' ? '/api/v1' : ''}`;
    listeners.push(l);
    byName.set(name, l);
  }

  const regions: Record<string, string> = {};
  const hosts: Record<string, string> = {};
  for (const l of listeners) {
    hosts[l.name] = l.url;
    if (isRegion(l.name)) regions[l.name] = l.url;
  }
  const endpointName = world.endpoint ?? 'us';
  const endpointListener = byName.get(endpointName);
  const endpoint =
    endpointListener && world.endpointBasePath !== undefined
      ? new URL(endpointListener.url).origin + world.endpointBasePath.replace(/\/+$/, '')
      : endpointListener?.url;
  if (endpoint === undefined) {
    await Promise.all(listeners.map((l) => new Promise<void>((r) => (l.server ? l.server.close(() => r()) : r()))));
    throw new Error(`emulator world: endpoint names unknown listener ${endpointName}`);
  }

  let closed: Promise<void> | undefined;
  return {
    urls: { regions, endpoint, hosts },
    requests,
    runs: state.runs,
    storedRuns(workspaceId?: string) {
      return state.stored.filter((r) => workspaceId === undefined || r.workspaceId.toLowerCase() === workspaceId.toLowerCase());
    },
    projectsOf(workspaceId: string) {
      return (state.workspaces.get(workspaceId.toLowerCase())?.projects ?? []).map((p) => ({ id: p.id, name: p.name }));
    },
    keyState(key: string) {
      const k = state.keys.find((x) => x.key.key === key);
      return k ? { lastUsedAt: k.lastUsedAt, createdAt: k.createdAt, expiresAt: k.expiresAt } : undefined;
    },
    close() {
      if (!closed) {
        closing = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        closed = Promise.all(
          listeners.map(
            (l) =>
              new Promise<void>((resolve) => {
                if (!l.server) return resolve();
                l.server.close(() => resolve());
                l.server.closeAllConnections();
              }),
          ),
        ).then(() => undefined);
        for (const s of sockets) s.destroy();
        sockets.clear();
      }
      return closed;
    },
  };
}
