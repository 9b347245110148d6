// Proof that the emulator answers like LangSmith: the official `langsmith` JS Client, driven against
// it, sees what toolchain.md and langsmith-facts.md say it sees against the real service.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, RunTree } from 'langsmith';
import { randomUUID } from 'node:crypto';
import { getScenario, startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator, Scenario } from '../../src/emulator/index.js';
import { clearLangSmithEnv } from './helpers.js';

let restoreEnv: () => void;
beforeAll(() => {
  restoreEnv = clearLangSmithEnv();
});
afterAll(() => restoreEnv());
afterEach(() => {
  vi.restoreAllMocks();
});

interface Fixture {
  s: Scenario;
  emu: RunningEmulator;
  env: Record<string, string>;
  key: string;
}

async function fixture(name: string): Promise<Fixture> {
  const s = getScenario(name);
  if (!s) throw new Error(`no scenario ${name}`);
  const emu = await startEmulator({ world: s.world });
  const env = s.env(emu.urls);
  return { s, emu, env, key: env['LANGSMITH_API_KEY'] as string };
}

function client(apiUrl: string, apiKey: string, extra: { workspaceId?: string; autoBatchTracing?: boolean } = {}): Client {
  return new Client({ apiUrl, apiKey, autoBatchTracing: extra.autoBatchTracing ?? false, ...(extra.workspaceId ? { workspaceId: extra.workspaceId } : {}) });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function caught(p: Promise<unknown>): Promise<Error & { status?: number }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { status?: number };
  }
  throw new Error('expected a rejection');
}

/** Batched tracing: one root run posted and ended, then flushed. Returns what console.warn/error got. */
async function traceBatched(c: Client, project: string): Promise<{ id: string; warned: string; errored: string }> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const rt = new RunTree({ name: 'doctor-proof', run_type: 'chain', inputs: { q: 'hi' }, project_name: project, client: c, tracingEnabled: true });
  await rt.postRun();
  await rt.end({ answer: 42 });
  await rt.patchRun();
  await c.awaitPendingTraceBatches();
  const text = (calls: unknown[][]): string => calls.map((args) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')).join('\n');
  return { id: rt.id, warned: text(warn.mock.calls), errored: text(error.mock.calls) };
}

function sdkRequests(emu: RunningEmulator): Array<{ method: string; path: string; status: number }> {
  return emu.requests.map((r) => ({ method: r.method, path: r.path, status: r.status }));
}

describe('official langsmith Client against the emulator', () => {
  describe('healthy key (Organization Admin)', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture('healthy-admin');
    });
    afterAll(() => f.emu.close());

    it('listProjects sends GET /sessions?offset=0&limit=100 with x-api-key and gets the projects', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const projects = await collect(c.listProjects());
      expect(projects.map((p) => p.name).sort()).toEqual(['chatbot-prod', 'default']);
      const req = f.emu.requests.find((r) => r.path.startsWith('/sessions?'));
      expect(req?.path).toBe('/sessions?offset=0&limit=100');
      expect(req?.headers['x-api-key']).toBe(f.key);
      expect(req?.headers['user-agent']).toMatch(/^langsmith-js\//);
      expect(req?.headers['x-tenant-id']).toBeUndefined();
    });

    it('readProject by name and by id', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const byName = await c.readProject({ projectName: 'default' });
      expect(byName.name).toBe('default');
      const byId = await c.readProject({ projectId: byName.id });
      expect(byId.id).toBe(byName.id);
      await expect(c.readProject({ projectName: 'nope' })).rejects.toThrow(/not found/);
    });

    it('createProject then deleteProject round-trips', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const ws = f.s.world.orgs[0]!.workspaces[0]!.id;
      const name = `ls-doctor-${randomUUID()}`;
      const created = await c.createProject({ projectName: name });
      expect(created.name).toBe(name);
      expect(f.emu.projectsOf(ws).map((p) => p.name)).toContain(name);
      const post = f.emu.requests.find((r) => r.method === 'POST' && r.path === '/sessions');
      expect(post?.status).toBe(200);
      await c.deleteProject({ projectId: created.id });
      expect(f.emu.projectsOf(ws).map((p) => p.name)).not.toContain(name);
      // A duplicate name is a 409 -> LangSmithConflictError.
      await c.createProject({ projectName: `${name}-dup` });
      await expect(c.createProject({ projectName: `${name}-dup` })).rejects.toMatchObject({ name: 'LangSmithConflictError' });
    });

    it('createRun with batching off posts /runs and is accepted (202)', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const id = randomUUID();
      await c.createRun({ id, name: 'single', run_type: 'llm', inputs: { a: 1 }, project_name: 'sdk-proof' });
      expect(f.emu.runs.find((r) => r.id === id)).toMatchObject({ via: 'runs', project: 'sdk-proof' });
      expect(sdkRequests(f.emu)).toContainEqual({ method: 'POST', path: '/runs', status: 202 });
    });

    it('batched tracing: GET /info, then POST /runs/multipart (gzip), no warnings', async () => {
      const c = client(f.emu.urls.endpoint, f.key, { autoBatchTracing: true });
      const before = f.emu.requests.length;
      const { id, warned, errored } = await traceBatched(c, 'sdk-proof-batched');
      const reqs = f.emu.requests.slice(before);
      expect(reqs.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
        expect.arrayContaining(['GET /info 200', 'POST /runs/multipart 202']),
      );
      expect(reqs.find((r) => r.path === '/runs/multipart')?.headers['content-encoding']).toBe('gzip');
      expect(f.emu.runs.filter((r) => r.id === id).map((r) => r.via).sort()).toEqual(['multipart', 'patch']);
      expect(warned).toBe('');
      expect(errored).toBe('');
    });

    it('a key used moves last_used_at forward', async () => {
      const st = f.emu.keyState(f.key);
      expect(st?.lastUsedAt).toBeTruthy();
      expect(Date.now() - Date.parse(st!.lastUsedAt!)).toBeLessThan(60_000);
    });
  });

  describe('Workspace Viewer', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture('viewer');
    });
    afterAll(() => f.emu.close());

    it('reads work', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      expect((await collect(c.listProjects())).length).toBe(2);
      expect((await c.readProject({ projectName: 'default' })).name).toBe('default');
    });

    it('createProject and deleteProject fail fast with 403 {"detail":"Forbidden"}', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const e = await caught(c.createProject({ projectName: 'x' }));
      expect(e.status).toBe(403);
      expect(e.message).toBe('Failed to create project. Received status [403]: Forbidden. Message: {"detail":"Forbidden"}');
      const p = await c.readProject({ projectName: 'default' });
      const d = await caught(c.deleteProject({ projectId: p.id }));
      expect(d.status).toBe(403);
      expect(d.message).toContain(`Failed to delete session ${p.id}`);
    });

    it('createRun (batching off) gets the ingest 403 {"error":"Forbidden"} with its trailing newline', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const e = await caught(c.createRun({ id: randomUUID(), name: 'r', run_type: 'chain', inputs: {}, project_name: 'p' }));
      expect(e.status).toBe(403);
      expect(e.message).toBe('Failed to create run. Received status [403]: Forbidden. Message: {"error":"Forbidden"}\n');
    });

    it('batched tracing never throws; it warns "Failed to Failed to send multipart request ... [403]"', async () => {
      const c = client(f.emu.urls.endpoint, f.key, { autoBatchTracing: true });
      const { id, warned } = await traceBatched(c, 'p');
      expect(warned).toContain('Failed to Failed to send multipart request. Received status [403]: Forbidden. Message: {"error":"Forbidden"}');
      expect(warned).toContain('Context:');
      expect(f.emu.runs.some((r) => r.id === id)).toBe(false);
    });
  });

  describe('EU key against the US default (wrong region)', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture('eu-key-on-us-default');
    });
    afterAll(() => f.emu.close());

    it('the scenario env leaves LANGSMITH_ENDPOINT unset (the SDK default = regions.us)', () => {
      expect(f.env['LANGSMITH_ENDPOINT']).toBeUndefined();
      expect(f.emu.urls.endpoint).toBe(f.emu.urls.regions['us']);
    });

    it('US API routes: 401 {"detail":"Invalid token"}; the same key works on the EU host', async () => {
      const us = client(f.emu.urls.regions['us']!, f.key);
      const e = await caught(collect(us.listProjects()));
      expect(e.status).toBe(401);
      expect(e.message).toBe('Failed to fetch /sessions. Received status [401]: Unauthorized. Message: {"detail":"Invalid token"}');
      const eu = client(f.emu.urls.regions['eu']!, f.key);
      expect((await collect(eu.listProjects())).length).toBe(2);
      const created = await eu.createProject({ projectName: 'eu-ok' });
      await eu.deleteProject({ projectId: created.id });
    });

    it('US ingest: 403 {"error":"Forbidden"} (createRun), readProject 401', async () => {
      const us = client(f.emu.urls.regions['us']!, f.key);
      const e = await caught(us.createRun({ id: randomUUID(), name: 'r', run_type: 'chain', inputs: {}, project_name: 'p' }));
      expect(e.status).toBe(403);
      expect(e.message).toContain('Received status [403]: Forbidden. Message: {"error":"Forbidden"}');
      const r = await caught(us.readProject({ projectName: 'default' }));
      expect(r.status).toBe(401);
      const c = await caught(us.createProject({ projectName: 'x' }));
      expect(c.status).toBe(401);
    });

    it('batched tracing to US: /info is 200 (no auth), multipart warns 403', async () => {
      const us = client(f.emu.urls.regions['us']!, f.key, { autoBatchTracing: true });
      const before = f.emu.requests.length;
      const { warned } = await traceBatched(us, 'p');
      const reqs = f.emu.requests.slice(before).map((r) => `${r.region} ${r.method} ${r.path} ${r.status}`);
      expect(reqs).toContain('us GET /info 200');
      expect(reqs).toContain('us POST /runs/multipart 403');
      expect(warned).toContain('Received status [403]: Forbidden. Message: {"error":"Forbidden"}');
    });

    it('with the 403 switch (apac scenario) the US API routes answer 403 {"detail":"Forbidden"} instead', async () => {
      const g = await fixture('apac-key-on-us-default-403');
      try {
        const e = await caught(collect(client(g.emu.urls.regions['us']!, g.key).listProjects()));
        expect(e.status).toBe(403);
        expect(e.message).toBe('Failed to fetch /sessions. Received status [403]: Forbidden. Message: {"detail":"Forbidden"}');
        expect((await collect(client(g.emu.urls.regions['apac']!, g.key).listProjects())).length).toBe(2);
      } finally {
        await g.emu.close();
      }
    });
  });

  describe('org-scoped key without a workspace', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture('org-scoped-key-without-workspace');
    });
    afterAll(() => f.emu.close());

    it('API routes: 403 with the org-scoped `detail` sentence, which the SDK does not rewrite', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const e = await caught(collect(c.listProjects()));
      expect(e.status).toBe(403);
      expect(e.message).toBe(
        `Failed to fetch /sessions. Received status [403]: Forbidden. Message: {"detail":"This API key is org-scoped and requires workspace specification. Please provide 'X-Tenant-ID' header."}`,
      );
      const cp = await caught(c.createProject({ projectName: 'x' }));
      expect(cp.message).toContain('org-scoped');
      expect(cp.message).toContain("'X-Tenant-ID' header");
    });

    it('ingest: {"error":"org_scoped_key_requires_workspace"}, rewritten by the SDK', async () => {
      const c = client(f.emu.urls.endpoint, f.key);
      const e = await caught(c.createRun({ id: randomUUID(), name: 'r', run_type: 'chain', inputs: {}, project_name: 'p' }));
      expect(e.status).toBe(403);
      expect(e.message).toBe(
        "Failed to create run. Received status [403]: Forbidden. Message: This API key is org-scoped and requires workspace specification. Please provide 'workspaceId' parameter, or set LANGSMITH_WORKSPACE_ID environment variable.",
      );
      const raw = f.emu.requests.filter((r) => r.path === '/runs').at(-1);
      expect(raw?.status).toBe(403);
    });

    it('batched tracing warns with the rewritten message', async () => {
      const c = client(f.emu.urls.endpoint, f.key, { autoBatchTracing: true });
      const { warned } = await traceBatched(c, 'p');
      expect(warned).toContain("Please provide 'workspaceId' parameter, or set LANGSMITH_WORKSPACE_ID environment variable.");
    });

    it('listing workspaces still works without the header, and workspaceId fixes everything', async () => {
      const ws = await fetch(`${f.emu.urls.endpoint}/api/v1/workspaces`, { headers: { 'x-api-key': f.key } });
      expect(ws.status).toBe(200);
      const list = (await ws.json()) as Array<{ id: string }>;
      expect(list.length).toBe(2);
      const workspaceId = list[0]!.id;
      const c = client(f.emu.urls.endpoint, f.key, { workspaceId });
      expect((await collect(c.listProjects())).length).toBe(2);
      const p = await c.createProject({ projectName: 'scoped-ok' });
      await c.deleteProject({ projectId: p.id });
      const id = randomUUID();
      await c.createRun({ id, name: 'r', run_type: 'chain', inputs: {}, project_name: 'p' });
      expect(f.emu.runs.find((r) => r.id === id)?.workspaceId).toBe(workspaceId);
      const sent = f.emu.requests.filter((r) => r.headers['x-tenant-id'] === workspaceId);
      expect(sent.length).toBeGreaterThanOrEqual(4);
      const b = client(f.emu.urls.endpoint, f.key, { workspaceId, autoBatchTracing: true });
      const { id: bid, warned } = await traceBatched(b, 'p');
      expect(warned).toBe('');
      expect(f.emu.runs.some((r) => r.id === bid && r.via === 'multipart')).toBe(true);
    });
  });

  describe('Workspace Editor', () => {
    it('traces (createRun 202) but cannot create projects (403)', async () => {
      const f = await fixture('editor');
      try {
        const c = client(f.emu.urls.endpoint, f.key);
        const id = randomUUID();
        await c.createRun({ id, name: 'r', run_type: 'chain', inputs: {}, project_name: 'editor-traces' });
        expect(f.emu.runs.some((r) => r.id === id)).toBe(true);
        const e = await caught(c.createProject({ projectName: 'nope' }));
        expect(e.status).toBe(403);
      } finally {
        await f.emu.close();
      }
    });
  });

  describe('legacy key', () => {
    it('401 "Using legacy API key. Please generate a new API key."', async () => {
      const f = await fixture('legacy-key');
      try {
        const e = await caught(collect(client(f.emu.urls.endpoint, f.key).listProjects()));
        expect(e.status).toBe(401);
        expect(e.message).toBe('Failed to fetch /sessions. Received status [401]: Unauthorized. Message: {"detail":"Using legacy API key. Please generate a new API key."}');
      } finally {
        await f.emu.close();
      }
    });
  });
});
