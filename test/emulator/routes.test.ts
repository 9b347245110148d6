// Every route in both path forms, the auth answers, RBAC and the UNCERTAIN switches, with plain fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, seededKey, seededLegacyKey, seededUuid, startEmulator } from '../../src/emulator/index.js';
import type { ApiKey, Role, RunningEmulator, Switches, World } from '../../src/emulator/index.js';

const SEED = 'routes-test';
const ORG = seededUuid(SEED, 'org');
const WS1 = seededUuid(SEED, 'ws1');
const WS2 = seededUuid(SEED, 'ws2');
const EU_ORG = seededUuid(SEED, 'org-eu');
const EU_WS = seededUuid(SEED, 'ws-eu');
const NOPLAN_ORG = seededUuid(SEED, 'org-noplan');
const NOPLAN_WS = seededUuid(SEED, 'ws-noplan');
const SELF_ORG = seededUuid(SEED, 'org-self');
const SELF_WS = seededUuid(SEED, 'ws-self');
const PROJECT = seededUuid(SEED, 'proj');

function key(label: string, o: Partial<ApiKey> & { role: Role }): ApiKey {
  const kind = o.kind ?? 'pat';
  return {
    id: seededUuid(SEED, `key-${label}`),
    key: kind === 'legacy' ? seededLegacyKey(SEED, label) : seededKey(SEED, label, kind === 'service' ? 'service' : 'pat'),
    kind,
    orgId: ORG,
    scope: 'workspace',
    workspaceIds: [WS1],
    createdAgoMs: 10 * DAY,
    lastUsedAgoMs: DAY,
    ...o,
  };
}

const K = {
  admin: key('admin', { role: 'Organization Admin', owner: 'a@x' }),
  admin2: key('admin2', { role: 'Organization Admin', owner: 'a@x', createdAgoMs: 100 * DAY }),
  wsAdmin: key('wsadmin', { role: 'Admin', kind: 'service', expiresInMs: 3 * DAY }),
  editor: key('editor', { role: 'Editor' }),
  viewer: key('viewer', { role: 'Viewer' }),
  readOnly: key('readonly', { role: 'Admin', readOnly: true }),
  orgScoped: key('orgscoped', { role: 'Organization Admin', kind: 'service', scope: 'org', workspaceIds: [] }),
  revoked: key('revoked', { role: 'Admin', revoked: true }),
  expired: key('expired', { role: 'Admin', expiresInMs: -DAY }),
  legacy: key('legacy', { role: 'Admin', kind: 'legacy' }),
  eu: key('eu', { role: 'Admin', orgId: EU_ORG, workspaceIds: [EU_WS] }),
  noPlan: key('noplan', { role: 'Admin', orgId: NOPLAN_ORG, workspaceIds: [NOPLAN_WS] }),
  self: key('self', { role: 'Organization Admin', orgId: SELF_ORG, workspaceIds: [SELF_WS] }),
};

function world(switches: Partial<Switches> = {}, usage = false): World {
  return {
    orgs: [
      {
        id: ORG,
        name: 'Acme',
        region: 'us',
        plan: 'enterprise',
        workspaces: [
          {
            id: WS1,
            name: 'Production',
            projects: [{ id: PROJECT, name: 'default' }],
            ...(usage ? { usageLimit: { inRejectSet: true, type: 'total_unique_traces' as const, tenantLimit: 5000, retryAfterSeconds: 120 } } : {}),
          },
          { id: WS2, name: 'Staging', projects: [] },
        ],
      },
      { id: EU_ORG, name: 'Eu', region: 'eu', plan: 'plus', workspaces: [{ id: EU_WS, name: 'EU main', projects: [] }] },
      { id: NOPLAN_ORG, name: 'NoPlan', region: 'us', plan: 'none', workspaces: [{ id: NOPLAN_WS, name: 'NP', projects: [] }] },
      { id: SELF_ORG, name: 'Self', region: 'self', plan: 'self-hosted', workspaces: [{ id: SELF_WS, name: 'Default', projects: [] }] },
    ],
    keys: Object.values(K),
    switches,
  };
}

interface Res {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

async function call(base: string, method: string, path: string, k?: ApiKey | string, opts: { tenant?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (k) headers['x-api-key'] = typeof k === 'string' ? k : k.key;
  if (opts.tenant) headers['x-tenant-id'] = opts.tenant;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed, headers: res.headers };
}

const ORG_SCOPED_DETAIL = "This API key is org-scoped and requires workspace specification. Please provide 'X-Tenant-ID' header.";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

let emu: RunningEmulator;
let us: string;
beforeAll(async () => {
  emu = await startEmulator({ world: world() });
  us = emu.urls.regions['us']!;
});
afterAll(() => emu.close());

describe.each([
  ['bare', ''],
  ['/api/v1', '/api/v1'],
])('routes, %s path form', (_label, prefix) => {
  it('GET /info needs no auth and has the real shape', async () => {
    const r = await call(us, 'GET', `${prefix}/info`);
    expect(r.status).toBe(200);
    expect(r.body.version).toEqual(expect.any(String));
    expect(r.body).toHaveProperty('license_expiration_time');
    expect(r.body.batch_ingest_config).toMatchObject({ use_multipart_endpoint: true, size_limit_bytes: 20971520, size_limit: 100 });
    expect(r.body.instance_flags).toEqual(expect.any(Object));
    expect(r.text.endsWith('\n')).toBe(false);
  });

  it('GET /settings returns the workspace the call acted in', async () => {
    const r = await call(us, 'GET', `${prefix}/settings`, K.admin);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: WS1, display_name: 'Production', created_at: expect.stringMatching(ISO), tenant_handle: 'production' });
    const t = await call(us, 'GET', `${prefix}/settings`, K.admin, { tenant: WS2 });
    expect(t.body.id).toBe(WS2);
  });

  it('GET /sessions?limit=… lists projects with tenant_id, 422 on bad query values', async () => {
    const r = await call(us, 'GET', `${prefix}/sessions?limit=1`, K.viewer);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([expect.objectContaining({ id: expect.any(String), name: expect.any(String), tenant_id: WS1 })]);
    const byName = await call(us, 'GET', `${prefix}/sessions?name=default&limit=100&offset=0`, K.viewer);
    expect(byName.body).toEqual([expect.objectContaining({ id: PROJECT, name: 'default', tenant_id: WS1 })]);
    for (const [q, type] of [
      ['limit=0', 'greater_than_equal'],
      ['limit=101', 'less_than_equal'],
      ['limit=abc', 'int_parsing'],
      ['offset=-1', 'greater_than_equal'],
      ['id=not-a-uuid', 'uuid_parsing'],
    ] as const) {
      const bad = await call(us, 'GET', `${prefix}/sessions?${q}`, K.viewer);
      expect(bad.status, q).toBe(422);
      expect(bad.body.detail[0]).toMatchObject({ type, loc: ['query', q.split('=')[0]] });
    }
  });

  it('GET /sessions/{id}: 200, 404, 422', async () => {
    expect((await call(us, 'GET', `${prefix}/sessions/${PROJECT}`, K.viewer)).body.name).toBe('default');
    expect((await call(us, 'GET', `${prefix}/sessions/${seededUuid('x', 'y')}`, K.viewer)).status).toBe(404);
    expect((await call(us, 'GET', `${prefix}/sessions/nope`, K.viewer)).status).toBe(422);
  });

  it('GET /api/v1/workspaces carries role_name and permissions[]', async () => {
    const r = await call(us, 'GET', `${prefix}/workspaces`, K.editor);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    const ws = r.body[0];
    expect(ws).toMatchObject({ id: WS1, organization_id: ORG, display_name: 'Production', role_name: 'Editor', read_only: false, is_deleted: false });
    expect(ws.permissions).toContain('runs:create');
    expect(ws.permissions).not.toContain('projects:create');
    expect(ws.permissions).not.toContain('projects:delete');
    const admin = await call(us, 'GET', `${prefix}/workspaces`, K.admin);
    expect(admin.body.map((w: { id: string }) => w.id).sort()).toEqual([WS1, WS2].sort());
    expect(admin.body[0].role_name).toBe('Admin');
    expect(admin.body[0].permissions).toEqual(expect.arrayContaining(['projects:create', 'projects:delete', 'workspaces:manage']));
    const viewer = await call(us, 'GET', `${prefix}/workspaces`, K.viewer);
    expect(viewer.body[0].permissions).toContain('projects:read');
    expect(viewer.body[0].permissions).not.toContain('runs:create');
    const ro = await call(us, 'GET', `${prefix}/workspaces`, K.readOnly);
    expect(ro.body[0].read_only).toBe(true);
    expect(ro.body[0].permissions).not.toContain('runs:create');
  });

  it('GET /api/v1/workspaces/{id}: 200, 404 for a workspace the key cannot see, 422 for a bad id', async () => {
    expect((await call(us, 'GET', `${prefix}/workspaces/${WS1}`, K.viewer)).body.role_name).toBe('Viewer');
    expect((await call(us, 'GET', `${prefix}/workspaces/${WS2}`, K.viewer)).status).toBe(404);
    expect((await call(us, 'GET', `${prefix}/workspaces/xyz`, K.viewer)).status).toBe(422);
  });

  it('GET /api/v1/orgs/current and /info', async () => {
    const o = await call(us, 'GET', `${prefix}/orgs/current`, K.admin);
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ id: ORG, tier: 'enterprise', config: { can_use_rbac: true } });
    expect(o.body.permissions).toContain('organization:manage');
    const v = await call(us, 'GET', `${prefix}/orgs/current`, K.viewer);
    expect(v.body.permissions).not.toContain('organization:manage');
    const i = await call(us, 'GET', `${prefix}/orgs/current/info`, K.viewer);
    expect(i.body).toMatchObject({ id: ORG, disabled: false, ip_allowlist_enabled: false, pat_creation_disabled: false });
  });

  it('key lists: short_key masked, ISO times relative to now', async () => {
    const r = await call(us, 'GET', `${prefix}/api-key`, K.admin);
    expect(r.status).toBe(200);
    const item = r.body.find((x: { id: string }) => x.id === K.wsAdmin.id);
    expect(item.short_key).toBe(`lsv2_sk_…${K.wsAdmin.key.slice(-4)}`);
    expect(item.created_at).toMatch(ISO);
    expect(item.expires_at).toMatch(ISO);
    const days = (Date.parse(item.expires_at) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    expect(r.body.some((x: { short_key: string }) => x.short_key.startsWith('lsv2_pt_'))).toBe(false);
    const svc = await call(us, 'GET', `${prefix}/orgs/current/service-keys`, K.viewer);
    expect(svc.body.map((x: { id: string }) => x.id).sort()).toEqual([K.wsAdmin.id, K.orgScoped.id].sort());
    const pats = await call(us, 'GET', `${prefix}/orgs/current/personal-access-tokens`, K.admin);
    expect(pats.body.map((x: { id: string }) => x.id).sort()).toEqual([K.admin.id, K.admin2.id].sort());
    const mine = pats.body.find((x: { id: string }) => x.id === K.admin.id);
    expect(mine.short_key).toBe(`lsv2_pt_…${K.admin.key.slice(-4)}`);
    expect(Date.now() - Date.parse(mine.last_used_at)).toBeLessThan(60_000); // just used by this very call
    expect((await call(us, 'GET', `${prefix}/orgs/current/personal-access-tokens`, K.wsAdmin)).body).toEqual([]);
    // User-scoped route: an API key gets an unrelated 401 (facts §6).
    expect((await call(us, 'GET', `${prefix}/api-key/current`, K.admin)).status).toBe(401);
  });

  it('GET /api/v1/workspaces/current/usage_limits', async () => {
    const r = await call(us, 'GET', `${prefix}/workspaces/current/usage_limits`, K.viewer);
    expect(r.body).toEqual({ in_reject_set: false, usage_limit_type: null, tenant_limit: null });
  });

  it('POST /sessions and DELETE /sessions/{id} (Admin), 409 on a duplicate, 422 without a name', async () => {
    const name = `p-${prefix.length}`;
    const c = await call(us, 'POST', `${prefix}/sessions`, K.wsAdmin, { body: { name, extra: {}, description: null } });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ name, tenant_id: WS1 });
    expect((await call(us, 'POST', `${prefix}/sessions`, K.wsAdmin, { body: { name } })).status).toBe(409);
    expect((await call(us, 'POST', `${prefix}/sessions?upsert=true`, K.wsAdmin, { body: { name } })).body.id).toBe(c.body.id);
    const miss = await call(us, 'POST', `${prefix}/sessions`, K.wsAdmin, { body: { extra: {} } });
    expect(miss.status).toBe(422);
    expect(miss.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'name'] });
    expect((await call(us, 'DELETE', `${prefix}/sessions/${c.body.id}`, K.wsAdmin)).status).toBe(202);
    expect((await call(us, 'DELETE', `${prefix}/sessions/${c.body.id}`, K.wsAdmin)).status).toBe(404);
  });

  it('POST /runs, /runs/batch, /runs/multipart: 202 with a trailing newline', async () => {
    const id = seededUuid(prefix, 'run');
    const r = await call(us, 'POST', `${prefix}/runs`, K.editor, { body: { id, name: 'r', run_type: 'chain', session_name: 'ingest-test' } });
    expect(r.status).toBe(202);
    expect(r.text.endsWith('\n')).toBe(true);
    const b = await call(us, 'POST', `${prefix}/runs/batch`, K.editor, { body: { post: [{ id: seededUuid(prefix, 'b'), name: 'b', session_name: 'ingest-test' }], patch: [] } });
    expect(b.status).toBe(202);
    const boundary = 'xyzBOUNDARY';
    const mid = seededUuid(prefix, 'm');
    const mp =
      `--${boundary}\r\nContent-Disposition: form-data; name="post.${mid}"\r\nContent-Type: application/json\r\n\r\n` +
      JSON.stringify({ name: 'm', session_name: 'ingest-test' }) +
      `\r\n--${boundary}--\r\n`;
    const m = await call(us, 'POST', `${prefix}/runs/multipart`, K.editor, { raw: mp, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(m.status).toBe(202);
    expect(emu.runs.filter((x) => [id, mid].includes(x.id)).map((x) => x.via).sort()).toEqual(['multipart', 'runs']);
    expect(emu.projectsOf(WS1).map((p) => p.name)).toContain('ingest-test');
    const bad = await call(us, 'POST', `${prefix}/runs`, K.editor, { raw: '{nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toHaveProperty('error');
    expect(bad.text.endsWith('\n')).toBe(true);
  });
});

describe('authentication answers', () => {
  it('unknown key: 401 Invalid token on API routes, 403 {"error":"Forbidden"}\\n on ingest', async () => {
    const bogus = seededKey('nobody', 'x');
    const a = await call(us, 'GET', '/sessions?limit=1', bogus);
    expect(a.status).toBe(401);
    expect(a.text).toBe('{"detail":"Invalid token"}');
    for (const p of ['/runs', '/runs/batch', '/runs/multipart']) {
      const i = await call(us, 'POST', p, bogus, { body: { post: [], patch: [] } });
      expect(i.status, p).toBe(403);
      expect(i.text, p).toBe('{"error":"Forbidden"}\n');
    }
    expect((await call(us, 'GET', '/sessions')).status).toBe(401); // no key at all
    // A Bearer header is not how API keys authenticate.
    expect((await call(us, 'GET', '/sessions', undefined, { headers: { authorization: `Bearer ${K.admin.key}` } })).status).toBe(401);
  });

  it('a key of another region is unknown here and works at home', async () => {
    expect((await call(us, 'GET', '/settings', K.eu)).status).toBe(401);
    expect((await call(us, 'POST', '/runs', K.eu, { body: {} })).status).toBe(403);
    expect((await call(emu.urls.regions['eu']!, 'GET', '/settings', K.eu)).body.id).toBe(EU_WS);
    expect((await call(emu.urls.regions['eu']!, 'GET', '/settings', K.admin)).status).toBe(401);
  });

  it('revoked and expired keys: 401 Invalid token', async () => {
    expect((await call(us, 'GET', '/settings', K.revoked)).text).toBe('{"detail":"Invalid token"}');
    expect((await call(us, 'GET', '/settings', K.expired)).text).toBe('{"detail":"Invalid token"}');
    expect((await call(us, 'POST', '/runs', K.expired, { body: {} })).status).toBe(403);
    // An expired key is not listed as usable but is still in the key list with its expires_at in the past.
    const pats = await call(us, 'GET', '/api/v1/orgs/current/personal-access-tokens', K.admin);
    expect(pats.body.some((x: { id: string }) => x.id === K.revoked.id)).toBe(false);
  });

  it('legacy ls__ key: 401 "Using legacy API key…" on API and ingest routes', async () => {
    const msg = '{"detail":"Using legacy API key. Please generate a new API key."}';
    expect((await call(us, 'GET', '/sessions', K.legacy)).text).toBe(msg);
    expect((await call(us, 'POST', '/runs/multipart', K.legacy)).status).toBe(401);
    expect((await call(us, 'GET', '/sessions', 'ls__0123456789abcdef0123')).text).toBe(msg);
  });

  it('org-scoped key without X-Tenant-Id: API detail sentence, ingest error code, listing workspaces works', async () => {
    const a = await call(us, 'GET', '/sessions?limit=1', K.orgScoped);
    expect(a.status).toBe(403);
    expect(a.body).toEqual({ detail: ORG_SCOPED_DETAIL });
    expect((await call(us, 'GET', '/api/v1/settings', K.orgScoped)).body).toEqual({ detail: ORG_SCOPED_DETAIL });
    const i = await call(us, 'POST', '/runs/multipart', K.orgScoped);
    expect(i.status).toBe(403);
    expect(i.text).toBe('{"error":"org_scoped_key_requires_workspace"}\n');
    expect((await call(us, 'GET', '/api/v1/workspaces', K.orgScoped)).body).toHaveLength(2);
    expect((await call(us, 'GET', '/api/v1/orgs/current', K.orgScoped)).status).toBe(200);
    expect((await call(us, 'GET', '/sessions?limit=1', K.orgScoped, { tenant: WS2 })).status).toBe(200);
  });

  it('X-Tenant-Id of a workspace the key cannot use: 403 Forbidden', async () => {
    const r = await call(us, 'GET', '/settings', K.viewer, { tenant: WS2 });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ detail: 'Forbidden' });
    expect((await call(us, 'POST', '/runs', K.viewer, { tenant: EU_WS, body: {} })).text).toBe('{"error":"Forbidden"}\n');
  });

  it('no plan: "Forbidden - no plan found" on workspace routes and ingest; org routes answer', async () => {
    const r = await call(us, 'GET', '/sessions?limit=1', K.noPlan);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ detail: 'Forbidden - no plan found' });
    expect((await call(us, 'POST', '/runs/batch', K.noPlan, { body: { post: [], patch: [] } })).text).toBe('{"error":"Forbidden - no plan found"}\n');
    expect((await call(us, 'GET', '/api/v1/orgs/current', K.noPlan)).body.tier).toBe('no_plan');
  });
});

describe('RBAC', () => {
  it('Viewer: no runs:create on any ingest route', async () => {
    for (const p of ['/runs', '/runs/batch', '/runs/multipart']) {
      const r = await call(us, 'POST', p, K.viewer, { body: { post: [], patch: [] } });
      expect(r.status, p).toBe(403);
      expect(r.text, p).toBe('{"error":"Forbidden"}\n');
    }
    expect((await call(us, 'POST', '/sessions', K.viewer, { body: { name: 'v' } })).body).toEqual({ detail: 'Forbidden' });
  });

  it('Editor: traces, but no projects:create / projects:delete', async () => {
    expect((await call(us, 'POST', '/runs/batch', K.editor, { body: { post: [], patch: [] } })).status).toBe(202);
    expect((await call(us, 'POST', '/sessions', K.editor, { body: { name: 'e' } })).status).toBe(403);
    expect((await call(us, 'DELETE', `/sessions/${PROJECT}`, K.editor)).status).toBe(403);
    expect((await call(us, 'GET', `/sessions/${PROJECT}`, K.editor)).status).toBe(200);
  });

  it('the deprecated read_only flag behaves like a Viewer', async () => {
    expect((await call(us, 'POST', '/runs', K.readOnly, { body: {} })).status).toBe(403);
  });
});

describe('self-hosted base /api/v1', () => {
  it('answers under /api/v1 (and /api), serves the UI at the root', async () => {
    const base = emu.urls.regions['self']!;
    expect(base).toMatch(/\/api\/v1$/);
    const origin = new URL(base).origin;
    expect((await call(base, 'GET', '/info')).status).toBe(200);
    expect((await call(origin, 'GET', '/api/info')).status).toBe(200);
    expect((await call(base, 'GET', '/settings', K.self)).body.id).toBe(SELF_WS);
    const ui = await call(origin, 'GET', '/sessions', K.self);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('<title>LangSmith</title>');
    const post = await call(origin, 'POST', '/runs/batch', K.self, { body: { post: [], patch: [] } });
    expect(post.status).toBe(405);
    expect(post.text).toContain('nginx');
    // A self-hosted key is unknown to SaaS.
    expect((await call(us, 'GET', '/settings', K.self)).status).toBe(401);
  });
});

describe('unknown paths and methods', () => {
  it('404 {"detail":"Not Found"} and 405', async () => {
    expect((await call(us, 'GET', '/nope', K.admin)).text).toBe('{"detail":"Not Found"}');
    expect((await call(us, 'POST', '/info')).status).toBe(405);
    expect((await call(us, 'GET', '/runs/batch', K.admin)).status).toBe(405);
  });
});

describe('switches', () => {
  async function withWorld<T>(w: World, fn: (base: string, e: RunningEmulator) => Promise<T>): Promise<T> {
    const e = await startEmulator({ world: w });
    try {
      return await fn(e.urls.regions['us']!, e);
    } finally {
      await e.close();
    }
  }

  it('unknownKeyApiStatus 403 / unknownKeyIngestStatus 401', async () => {
    await withWorld(world({ unknownKeyApiStatus: 403, unknownKeyIngestStatus: 401 }), async (base) => {
      expect((await call(base, 'GET', '/sessions', K.eu)).text).toBe('{"detail":"Forbidden"}');
      const i = await call(base, 'POST', '/runs/multipart', K.eu);
      expect(i.status).toBe(401);
      expect(i.text).toBe('{"error":"Unauthorized"}\n');
    });
  });

  it('permissionsVisible false leaves role_name/permissions empty', async () => {
    await withWorld(world({ permissionsVisible: false }), async (base) => {
      const r = await call(base, 'GET', '/api/v1/workspaces', K.editor);
      expect(r.body[0]).toMatchObject({ role_name: null, role_id: null, permissions: [] });
      expect((await call(base, 'GET', '/api/v1/orgs/current', K.admin)).body.permissions).toEqual([]);
    });
  });

  it.each([202, 400, 422] as const)('emptyBatchAnswer %i', async (st) => {
    await withWorld(world({ emptyBatchAnswer: st }), async (base) => {
      const r = await call(base, 'POST', '/runs/batch', K.editor, { body: { post: [], patch: [] } });
      expect(r.status).toBe(st);
      // Authorization still comes first.
      expect((await call(base, 'POST', '/runs/batch', K.viewer, { body: { post: [], patch: [] } })).status).toBe(403);
    });
  });

  it('orgScopedSettingsBody error + orgScopedIngestMessage', async () => {
    await withWorld(world({ orgScopedSettingsBody: 'error', orgScopedIngestMessage: true }), async (base) => {
      expect((await call(base, 'GET', '/settings', K.orgScoped)).body).toEqual({ error: 'org_scoped_key_requires_workspace' });
      expect((await call(base, 'GET', '/sessions', K.orgScoped)).body).toEqual({ detail: ORG_SCOPED_DETAIL });
      expect((await call(base, 'POST', '/runs', K.orgScoped, { body: {} })).body).toEqual({ error: 'org_scoped_key_requires_workspace', message: ORG_SCOPED_DETAIL });
    });
  });

  it('expiredKeyDetail, shortKeyMask, infoAuthRequired, gzipBodyEnabled', async () => {
    await withWorld(world({ expiredKeyDetail: 'API key has expired', shortKeyMask: '', infoAuthRequired: true, gzipBodyEnabled: false }), async (base) => {
      expect((await call(base, 'GET', '/settings', K.expired)).body).toEqual({ detail: 'API key has expired' });
      expect((await call(base, 'POST', '/runs', K.expired, { body: {} })).text).toBe('{"error":"API key has expired"}\n');
      const list = await call(base, 'GET', '/api-key', K.admin);
      expect(list.body.find((x: { id: string }) => x.id === K.wsAdmin.id).short_key).toBe(`lsv2_sk_${K.wsAdmin.key.slice(-4)}`);
      expect((await call(base, 'GET', '/info')).status).toBe(401);
      const info = await call(base, 'GET', '/info', K.viewer);
      expect(info.status).toBe(200);
      expect(info.body.instance_flags.gzip_body_enabled).toBe(false);
    });
  });

  it('usage limit: reads fine, usage_limits in_reject_set, ingest 429 with Retry-After', async () => {
    await withWorld(world({}, true), async (base) => {
      expect((await call(base, 'GET', '/api/v1/workspaces/current/usage_limits', K.editor)).body).toEqual({
        in_reject_set: true,
        usage_limit_type: 'total_unique_traces',
        tenant_limit: 5000,
      });
      expect((await call(base, 'GET', '/sessions?limit=1', K.editor)).status).toBe(200);
      const r = await call(base, 'POST', '/runs/batch', K.editor, { body: { post: [{ id: seededUuid('u', 'r') }], patch: [] } });
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('120');
      expect(r.body.error).toMatch(/usage limit/i);
      // RBAC before limits: a Viewer still sees 403.
      expect((await call(base, 'POST', '/runs', K.viewer, { body: {} })).status).toBe(403);
    });
  });
});
