// The world the emulator answers from. Everything here follows
// /work/shared/reference/langsmith-facts.md ("facts"); where the facts say UNCERTAIN the answer
// is a switch (see Switches) so the doctor can be tested against each possibility.

/** Region listeners. `self` is a self-hosted instance whose API base ends in `/api/v1`. */
export type RegionName = 'us' | 'eu' | 'apac' | 'aws' | 'self';
export const SAAS_REGIONS: readonly RegionName[] = ['us', 'eu', 'apac', 'aws'];

/** Workspace roles (facts §5). `Organization Admin` is Admin in every workspace of the org. */
export type Role = 'Viewer' | 'Editor' | 'Admin' | 'Organization Admin';

/** `none` = the org has no plan: authenticated workspace calls answer `Forbidden - no plan found`.
 * A HYPOTHESIS: the one public report of that body was a request with no API key (sdk-audit #1). */
export type Plan = 'developer' | 'plus' | 'enterprise' | 'self-hosted' | 'none';

export type UsageLimitType =
  | 'payload_size'
  | 'events_ingested_per_hour'
  | 'total_unique_traces'
  | 'events_ingested_per_minute'
  | 'traces_deleted_per_hour'
  | 'user_defined_monthly_traces'
  | 'user_defined_monthly_longlived_traces';

/** `GET /api/v1/workspaces/current/usage_limits` (OPENAPI `TenantUsageLimitInfo`). */
export interface UsageLimitState {
  inRejectSet: boolean;
  type?: UsageLimitType | null;
  tenantLimit?: number | null;
  /** Seconds sent in `Retry-After` on the 429 ingest answers (default 3600). */
  retryAfterSeconds?: number;
}

export interface Project {
  id: string;
  name: string;
  description?: string | null;
  /** ms before emulator start (default 30 days). */
  createdAgoMs?: number;
}

export interface Workspace {
  id: string;
  name: string;
  /** `tenant_handle` (default: derived from the name). */
  handle?: string;
  isPersonal?: boolean;
  projects?: Project[];
  usageLimit?: UsageLimitState;
}

export interface Org {
  id: string;
  name: string;
  region: RegionName;
  plan: Plan;
  isPersonal?: boolean;
  workspaces: Workspace[];
}

/**
 * An API key. Times are offsets from the moment the emulator starts, so "created 3 minutes ago"
 * stays true whenever the world is started.
 */
export interface ApiKey {
  id: string;
  /** The full secret, e.g. `lsv2_pt_<32 hex>_<10 hex>` or a legacy `ls__…`. */
  key: string;
  /**
   * `pat` = `lsv2_pt_` personal access token; `service` = `lsv2_sk_`; `legacy` = `ls__` (rejected);
   * `oauth` = the access token of a `langsmith` CLI login (the SDK profile), sent as `Authorization: Bearer`.
   */
  kind: 'pat' | 'service' | 'legacy' | 'oauth';
  orgId: string;
  /** `workspace`: only `workspaceIds`; `org`: every workspace of the org, but needs X-Tenant-Id. */
  scope: 'workspace' | 'org';
  /** Workspaces the key (or the PAT owner) can use. Ignored for `scope: 'org'`. */
  workspaceIds: string[];
  /** The workspace used when no X-Tenant-Id is sent (default: the first of workspaceIds). */
  defaultWorkspaceId?: string;
  role: Role;
  description?: string;
  /** The PAT owner (keys of the same owner list each other under personal-access-tokens). */
  owner?: string;
  createdAgoMs: number;
  /** ms from start until expiry; negative = already expired; null/undefined = never. */
  expiresInMs?: number | null;
  /** ms before start it was last used; null/undefined = never used. */
  lastUsedAgoMs?: number | null;
  revoked?: boolean;
  /** The deprecated `read_only` flag chosen at creation (facts §9): behaves like Viewer. */
  readOnly?: boolean;
  /** Permissions a custom role (Enterprise RBAC) leaves out of `role`'s, e.g. `['projects:delete']`. */
  withoutPermissions?: string[];
}

/** What goes wrong on one listener, before the API logic runs (facts §3, §7, field cases). */
export type Fault =
  /** Nothing listens on the port (it was reserved, then closed): ECONNREFUSED. */
  | { kind: 'refused' }
  /** Accept the connection and the request, never answer (destroyed on close()). */
  | { kind: 'hang' }
  /** `accept`: destroy the socket as soon as it connects; `body` (default): send headers and half a body, then reset. */
  | { kind: 'reset'; at?: 'accept' | 'body' }
  /** Answer every matching request with this status (5xx outage, 429 rate limit...). */
  | { kind: 'status'; status: number; body?: 'json' | 'html'; retryAfterSeconds?: number; skipInfo?: boolean }
  /** A corporate proxy's HTML block page (default status 403). */
  | { kind: 'proxy-html'; status?: number }
  /** The LangSmith web app: HTML on GET, nginx 405 HTML on anything else. */
  | { kind: 'web-ui' }
  /** The normal answer, but the JSON body is cut in half (Content-Length matches the cut body). */
  | { kind: 'truncated-json' }
  /** Redirect every request to `to` (a listener name or an absolute URL), keeping path and query. */
  | { kind: 'redirect'; to: string; status?: 301 | 302 | 307 | 308 }
  /** An nginx in front with a small client_max_body_size: bodies over maxBytes get 413 nginx HTML. */
  | { kind: 'body-limit'; maxBytes: number };

export interface HostSpec {
  /** Whose API this listener answers (regions: themselves; extra hosts: default `us`). */
  serves?: RegionName;
  /** Serve HTTPS with the self-signed test certificate (an untrusted TLS endpoint). */
  tls?: boolean;
  /** Added before every answer on this host. */
  latencyMs?: number;
  fault?: Fault;
}

/** Answers the facts leave UNCERTAIN. Every field has a default (DEFAULT_SWITCHES). */
export interface Switches {
  /** API routes, key unknown to this region (wrong region, garbage, revoked): 401 `{"detail":"Invalid token"}` or 403 `{"detail":"Forbidden"}`. */
  unknownKeyApiStatus: 401 | 403;
  /** Ingest routes, key unknown: 403 `{"error":"Forbidden"}\n` (2025-26 reports) or 401 `{"error":"Unauthorized"}\n`. */
  unknownKeyIngestStatus: 401 | 403;
  /** Workspace objects carry role_name/permissions[] for API-key callers, or null/[]. */
  permissionsVisible: boolean;
  /** `POST /runs/batch` with `{"post":[],"patch":[]}` (no SDK sends it). */
  emptyBatchAnswer: 202 | 400 | 422;
  /** Org-scoped key without X-Tenant-Id on `/settings`: the API `detail` sentence or the `error` code. */
  orgScopedSettingsBody: 'detail' | 'error';
  /** Add a `message` field next to `"error":"org_scoped_key_requires_workspace"` on ingest routes. */
  orgScopedIngestMessage: boolean;
  /** The 401 `detail` for an expired key. Real servers: not documented; default is the generic `Invalid token`. */
  expiredKeyDetail: string;
  /** The mask between prefix and last 4 characters in `short_key` (`…`, `...`, `*`, or ``). */
  shortKeyMask: string;
  /** `/info` `instance_flags.gzip_body_enabled` (the SDK then gzips multipart bodies). */
  gzipBodyEnabled: boolean;
  /** `/info` `batch_ingest_config.use_multipart_endpoint` (false: the SDK sends JSON to /runs/batch; older self-hosted versions). */
  useMultipartEndpoint: boolean;
  /** Self-hosted `FF_INFO_ENDPOINT_AUTH_REQUIRED`: `/info` needs a valid key. */
  infoAuthRequired: boolean;
  /**
   * A request with no key at all: the unknown-key answer, or 403 `Forbidden - no plan found` (the
   * one public report of that body was a trace upload with NO API key: sdk-audit #1).
   */
  noKeyAnswer: 'unknown-key' | 'no-plan';
  /**
   * A valid key with an `X-Tenant-Id` it may not use: 403 `Forbidden` in the route's family shape,
   * or exactly what an unknown key gets (`unknown-key`: 401 `Invalid token` by default). A report
   * says a valid key, an invalid key and a random tenant id all get the same answer (facts §3).
   */
  foreignTenantAnswer: 'forbidden' | 'unknown-key';
  /**
   * How long an accepted run takes to become readable (`GET /runs/{id}`, `POST /runs/query`): ingest
   * is queued, and the delay is not documented. `null` = never (a stalled ingest queue).
   */
  runVisibleAfterMs: number | null;
}

export const DEFAULT_SWITCHES: Readonly<Switches> = {
  unknownKeyApiStatus: 401,
  unknownKeyIngestStatus: 403,
  permissionsVisible: true,
  emptyBatchAnswer: 202,
  orgScopedSettingsBody: 'detail',
  orgScopedIngestMessage: false,
  expiredKeyDetail: 'Invalid token',
  shortKeyMask: '…',
  gzipBodyEnabled: true,
  useMultipartEndpoint: true,
  infoAuthRequired: false,
  noKeyAnswer: 'unknown-key',
  foreignTenantAnswer: 'forbidden',
  runVisibleAfterMs: 0,
};

export interface World {
  orgs: Org[];
  keys: ApiKey[];
  /** Per-listener behaviour by name: a region (`us`, `eu`, `apac`, `aws`, `self`) or an extra host. */
  hosts?: Record<string, HostSpec>;
  /**
   * Listeners that are not regions (e.g. `ui` serving the web app, `proxy`); they appear in
   * `urls.hosts` but never in `urls.regions`. Their HostSpec is in `hosts` (default: the US API).
   */
  extraHosts?: string[];
  /** The listener the scenario's LANGSMITH_ENDPOINT names (default `us` = the SDK default). */
  endpoint?: string;
  /**
   * Replace the path of the endpoint URL, e.g. `''` for a self-hosted origin without `/api/v1`
   * (by default `self` ends in `/api/v1` and every other listener has no path).
   */
  endpointBasePath?: string;
  switches?: Partial<Switches>;
  /** `/info` `version` (default `0.12.33`). */
  version?: string;
  /**
   * Where ingested runs land. `requested` (default): the workspace the request names (X-Tenant-Id,
   * else the key's default). `key-default`: always the key's default workspace, whatever
   * X-Tenant-Id says, while reads honour the header — a stand-in for any split between where
   * traces are written and where they are read (a hypothesis, not an observed server behaviour).
   */
  ingestWorkspace?: 'requested' | 'key-default';
}
