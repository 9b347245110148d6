// The trace round trip (--write-probe) through the built CLI against an emulator on loopback that
// the test holds, so what the doctor left behind (projects, runs) can be read from its state.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario, startEmulator, type RunningEmulator, type World } from '../../src/emulator/index.js';
import { runCli, tempDir, type CliRun } from '../helpers/cli.js';

interface Outcome {
  run: CliRun;
  report: any;
  check: any;
  emu: RunningEmulator;
  world: World;
  env: Record<string, string>;
}

/** Runs the CLI on a scenario's world (edited), then closes the emulator; its state stays readable. */
async function roundTrip(name: string, args: string[], edit?: (w: World) => void): Promise<Outcome> {
  const s = getScenario(name)!;
  const world = structuredClone(s.world);
  edit?.(world);
  const emu = await startEmulator({ world });
  try {
    const cwd = tempDir('lsd-rt-');
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
    const env = s.env(emu.urls);
    const run = await runCli(['--json', ...args], { cwd, env, secrets: [env.LANGSMITH_API_KEY!], timeoutMs: 40_000 });
    const report = run.json();
    return { run, report, check: report.checks.find((c: { id: string }) => c.id === 'trace-round-trip'), emu, world, env };
  } finally {
    await emu.close();
  }
}

const PROBE = /^langsmith-doctor-trace-/;
const wsIds = (w: World) => w.orgs[0]!.workspaces.map((x) => x.id);

/** Nothing of the round trip is left in any workspace of the main org: no project, no run. */
function nothingLeft(o: Outcome): void {
  for (const ws of wsIds(o.world)) expect(o.emu.projectsOf(ws).map((p) => p.name).filter((n) => PROBE.test(n))).toEqual([]);
  expect(o.emu.storedRuns()).toEqual([]);
  expect(o.emu.runs).toEqual([]);
}

describe('trace round trip (--write-probe) on the bundle', () => {
  it('admin: completes, reports the ingest-to-visible latency, leaves nothing behind', async () => {
    const o = await roundTrip('healthy-workspace-admin', ['--write-probe'], (w) => {
      w.switches = { ...w.switches, runVisibleAfterMs: 1500 };
    });
    expect(o.run.code).toBe(0);
    expect(o.check.status).toBe('pass');
    expect(o.check.findings.map((f: { code: string }) => f.code)).toEqual(['TRACE_ROUND_TRIP_OK']);
    expect(o.check.evidence.step).toBe('done');
    // The emulator hides the run for 1.5 s: the first reads see 404, a later one the run; the latency is reported.
    expect(o.check.evidence.read.reads).toBeGreaterThan(1);
    expect(o.check.evidence.read.first.status).toBe(404);
    const latency = o.check.evidence.latencyMs;
    expect(latency).toBeGreaterThan(0);
    const shown = latency < 1000 ? `${latency} ms` : `${(latency / 1000).toFixed(1)} s`;
    expect(o.check.summary).toBe(`run visible ${shown} after ingest (multipart, gzip); project deleted`);
    expect(o.check.findings[0].message).toContain(`read it back ${shown} after ingest`);
    // Sent the way the SDK sends it per /info: multipart, gzipped; read back by id; deleted.
    const log = o.emu.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')} ${r.status}`);
    expect(log).toContain('POST /runs/multipart 202');
    expect(o.emu.requests.find((r) => r.path === '/runs/multipart')?.headers['content-encoding']).toBe('gzip');
    expect(log).toContain('GET /runs/{id} 200');
    expect(log.filter((l) => l === 'DELETE /sessions/{id} 202').length).toBe(2); // permission-tier's probe and ours
    nothingLeft(o);
  });

  it('a server whose /info says use_multipart_endpoint false gets the JSON batch, and the round trip completes', async () => {
    const o = await roundTrip('healthy-admin', ['--write-probe'], (w) => {
      w.switches = { ...w.switches, useMultipartEndpoint: false };
    });
    expect(o.check.status).toBe('pass');
    expect(o.check.evidence.ingest).toMatchObject({ via: 'batch', gzip: false, status: 202 });
    expect(o.emu.requests.some((r) => r.method === 'POST' && r.path === '/runs/batch' && r.status === 202)).toBe(true);
    expect(o.emu.requests.some((r) => r.path === '/runs/multipart')).toBe(false);
    nothingLeft(o);
  });

  it('editor: cannot create a project; says so, names an existing project, sends no run', async () => {
    const o = await roundTrip('editor', ['--write-probe']);
    const f = o.check.findings[0];
    expect(o.check.findings.map((x: { code: string }) => x.code)).toEqual(['TRACE_PROJECT_CREATE_REFUSED']);
    expect(f.severity).toBe('warn');
    expect(f.message).toMatch(/step 1 \(create a throwaway project\): POST \S+\/sessions answered 403 \{"detail":"Forbidden"\}: the role Editor cannot create projects/);
    const existing = o.emu.projectsOf(wsIds(o.world)[0]!).map((p) => p.name);
    expect(existing).toContain(f.evidence.existingProject);
    expect(f.message).toContain(`'${f.evidence.existingProject}' is one this key can see`);
    expect(f.fix.commands).toEqual([`export LANGSMITH_PROJECT=${f.evidence.existingProject}`]);
    expect(o.emu.requests.some((r) => r.path.startsWith('/runs'))).toBe(false);
    // The Editor's tier stays the headline; the round trip's refusal is listed beside it.
    expect(o.report.diagnosis.causes.map((c: { code: string }) => c.code)).toEqual(['TIER_LIMITED_WRITE', 'TRACE_PROJECT_CREATE_REFUSED']);
    nothingLeft(o);
  });

  it('ingest accepted, reads in another workspace: TRACE_NOT_VISIBLE names where the run landed and what was sent where', async () => {
    const p = await roundTrip('trace-lands-in-other-workspace', ['--write-probe']);
    const [production, staging] = wsIds(p.world);
    expect(p.env.LANGSMITH_WORKSPACE_ID).toBe(staging);
    const f = p.check.findings[0];
    expect(f.code).toBe('TRACE_NOT_VISIBLE');
    expect(f.severity).toBe('fail');
    expect(f.message).toMatch(new RegExp(`^The run landed in workspace 'Production' \\(${production}\\), not in 'Staging' \\(${staging}\\), where reads act: `));
    expect(f.message).toContain(`POST ${p.emu.urls.endpoint}/runs/multipart (multipart, gzip, as the SDK sends it; x-tenant-id ${staging}) answered 202, then `);
    expect(f.message).toMatch(/reads of GET \/runs\/\{id\} over [\d.]+ m?s answered 404, and the same read in 'Production' found it\./);
    expect(f.evidence.ingest.workspaceHeader).toBe(staging);
    expect(f.fix.commands).toEqual([`export LANGSMITH_WORKSPACE_ID=${production}`]);
    expect(p.report.diagnosis).toMatchObject({ blockedBy: 'TRACE_NOT_VISIBLE', stage: 'full-access' });
    expect(p.run.code).toBe(1);
    // The run had created a project of the same name where it landed: deleted too.
    expect(p.emu.requests.some((r) => r.method === 'DELETE' && r.headers['x-tenant-id'] === production && r.status === 202)).toBe(true);
    nothingLeft(p);
  });

  it('without --write-probe the checker makes no write request: skipped with the reason, only GETs in the transcript', async () => {
    const o = await roundTrip('healthy-admin', []);
    expect(o.check.status).toBe('skip');
    expect(o.check.summary).toMatch(/--write-probe/);
    expect(o.report.transcript.length).toBeGreaterThan(0);
    expect(o.report.transcript.filter((t: { method: string }) => t.method !== 'GET')).toEqual([]);
    expect(o.emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a delete refused (a custom role without projects:delete): WRITE_PROBE_LEFTOVER names the project left behind', async () => {
    const o = await roundTrip('healthy-workspace-admin', ['--write-probe'], (w) => {
      w.keys[0]!.withoutPermissions = ['projects:delete'];
    });
    const codes = o.check.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['TRACE_ROUND_TRIP_OK', 'WRITE_PROBE_LEFTOVER']);
    const left = o.emu.projectsOf(wsIds(o.world)[0]!).map((p) => p.name).filter((n) => PROBE.test(n));
    expect(left).toHaveLength(1);
    const leftover = o.check.findings[1];
    expect(leftover.message).toContain(`The round trip's project ${left[0]}`);
    expect(leftover.message).toContain('answered 403 {"detail":"Forbidden"}');
    expect(o.check.evidence.leftover).toBe(true);
  });
});
