// The official `langsmith` JS Client reads back, from the emulator, the runs it ingested there:
// GET /runs/{id} (readRun) and POST /runs/query (listRuns), per workspace and project, after the
// visibility delay, and gone with their project.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, RunTree } from 'langsmith';
import { randomUUID } from 'node:crypto';
import { getScenario, startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator, World } from '../../src/emulator/index.js';
import { clearLangSmithEnv } from './helpers.js';

let restoreEnv: () => void;
beforeAll(() => {
  restoreEnv = clearLangSmithEnv();
  // readRun/listRuns are deprecated in this SDK version and say so once per process.
  vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
  restoreEnv();
});

async function start(name: string, edit?: (w: World) => void): Promise<{ emu: RunningEmulator; key: string; world: World }> {
  const world = structuredClone(getScenario(name)!.world);
  edit?.(world);
  const emu = await startEmulator({ world });
  const key = getScenario(name)!.env(emu.urls)['LANGSMITH_API_KEY']!;
  return { emu, key, world };
}

function client(emu: RunningEmulator, key: string, extra: { workspaceId?: string; autoBatchTracing?: boolean } = {}): Client {
  return new Client({ apiUrl: emu.urls.endpoint, apiKey: key, autoBatchTracing: extra.autoBatchTracing ?? false, ...(extra.workspaceId ? { workspaceId: extra.workspaceId } : {}) });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** One root run the way traced code sends it: batched, multipart and gzipped (per /info). */
async function trace(c: Client, project: string): Promise<string> {
  const rt = new RunTree({ name: 'read-back', run_type: 'chain', inputs: { q: 'hi' }, project_name: project, client: c, tracingEnabled: true });
  await rt.postRun();
  await rt.end({ answer: 42 });
  await rt.patchRun();
  await c.awaitPendingTraceBatches();
  return rt.id;
}

describe('the official Client reads back what it ingested in the emulator', () => {
  let emu: RunningEmulator;
  let key: string;
  beforeAll(async () => {
    ({ emu, key } = await start('healthy-admin'));
  });
  afterAll(() => emu.close());

  it('multipart (gzip) ingest, then readRun by id and listRuns by project', async () => {
    const c = client(emu, key, { autoBatchTracing: true });
    const project = `read-back-${randomUUID()}`;
    const id = await trace(c, project);
    expect(emu.requests.some((r) => r.path === '/runs/multipart' && r.headers['content-encoding'] === 'gzip' && r.status === 202)).toBe(true);
    const run = await client(emu, key).readRun(id);
    expect(run).toMatchObject({ id, name: 'read-back', run_type: 'chain', inputs: { q: 'hi' }, outputs: { answer: 42 }, status: 'success', trace_id: id });
    const p = await client(emu, key).readProject({ projectName: project });
    expect(run.session_id).toBe(p.id);
    const listed = await collect(client(emu, key).listRuns({ projectName: project }));
    expect(listed.map((r) => r.id)).toEqual([id]);
    expect(emu.requests.some((r) => r.method === 'POST' && r.path === '/runs/query' && r.status === 200)).toBe(true);
  });

  it('JSON batch ingest (batchIngestRuns), then readRun', async () => {
    const c = client(emu, key);
    const id = randomUUID();
    const now = new Date().toISOString();
    await c.batchIngestRuns({ runCreates: [{ id, trace_id: id, name: 'batched', run_type: 'llm', inputs: { a: 1 }, outputs: { b: 2 }, start_time: now, end_time: now, project_name: 'batch-read' } as never] });
    expect(emu.requests.some((r) => r.path === '/runs/batch' && r.status === 202)).toBe(true);
    expect(await c.readRun(id)).toMatchObject({ id, name: 'batched', inputs: { a: 1 }, outputs: { b: 2 } });
  });

  it('an unknown run is 404 (LangSmithNotFoundError)', async () => {
    const c = client(emu, key);
    await expect(c.readRun(randomUUID())).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
  });

  it('deleting the project deletes its runs', async () => {
    const c = client(emu, key, { autoBatchTracing: true });
    const project = `doomed-${randomUUID()}`;
    const id = await trace(c, project);
    const p = await c.readProject({ projectName: project });
    await c.deleteProject({ projectId: p.id });
    await expect(client(emu, key).readRun(id)).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
    expect(emu.storedRuns().some((r) => r.id === id)).toBe(false);
    expect(emu.runs.some((r) => r.id === id)).toBe(false);
  });
});

describe('visibility and workspaces', () => {
  it('runVisibleAfterMs: 404 until the delay has passed, then the run', async () => {
    const { emu, key } = await start('healthy-admin', (w) => {
      w.switches = { ...w.switches, runVisibleAfterMs: 1000 };
    });
    try {
      const c = client(emu, key);
      const id = randomUUID();
      await c.createRun({ id, name: 'late', run_type: 'chain', inputs: {}, project_name: 'late' });
      await expect(c.readRun(id)).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
      await new Promise((r) => setTimeout(r, 1050));
      expect((await c.readRun(id)).name).toBe('late');
    } finally {
      await emu.close();
    }
  });

  it('runVisibleAfterMs null: accepted (202) but never readable', async () => {
    const { emu, key } = await start('healthy-admin', (w) => {
      w.switches = { ...w.switches, runVisibleAfterMs: null };
    });
    try {
      const c = client(emu, key);
      const id = randomUUID();
      await c.createRun({ id, name: 'lost', run_type: 'chain', inputs: {}, project_name: 'lost' });
      expect(emu.requests.find((r) => r.path === '/runs')?.status).toBe(202);
      await expect(c.readRun(id)).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
    } finally {
      await emu.close();
    }
  });

  it('ingestWorkspace key-default: written to the key default, read where X-Tenant-Id points', async () => {
    let wsA = '';
    let wsB = '';
    const { emu, key } = await start('healthy-workspace-admin', (w) => {
      const org = w.orgs[0]!;
      org.workspaces.push({ id: randomUUID(), name: 'Staging', projects: [] });
      [wsA, wsB] = [org.workspaces[0]!.id, org.workspaces[1]!.id];
      w.keys[0]!.workspaceIds = [wsA, wsB];
      w.ingestWorkspace = 'key-default';
    });
    try {
      const inB = client(emu, key, { workspaceId: wsB });
      const id = randomUUID();
      await inB.createRun({ id, name: 'stray', run_type: 'chain', inputs: {}, project_name: 'stray' });
      expect(emu.requests.find((r) => r.path === '/runs')?.headers['x-tenant-id']).toBe(wsB);
      await expect(inB.readRun(id)).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
      expect((await client(emu, key, { workspaceId: wsA }).readRun(id)).name).toBe('stray');
      expect(emu.storedRuns(wsA).map((r) => r.id)).toEqual([id]);
      expect(emu.projectsOf(wsA).map((p) => p.name)).toContain('stray');
      expect(emu.projectsOf(wsB).map((p) => p.name)).not.toContain('stray');
    } finally {
      await emu.close();
    }
  });

  it('a Viewer may read runs (runs:read): 404 for an unknown run, an empty query', async () => {
    const { emu, key } = await start('viewer');
    try {
      const c = client(emu, key);
      await expect(c.readRun(randomUUID())).rejects.toMatchObject({ name: 'LangSmithNotFoundError' });
      const q = await fetch(`${emu.urls.endpoint}/runs/query`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{}' });
      expect(q.status).toBe(200);
      expect(await q.json()).toEqual({ runs: [], cursors: { next: null } });
    } finally {
      await emu.close();
    }
  });
});
