import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScenario } from '../../test/helpers/scenario.js';
import { timePlan } from './round-trip.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the time plan fits the runner limit for a checker (2 × --timeout + 2 s)', () => {
  for (const t of [1000, 3000, 5000, 30_000]) {
    it(`--timeout ${t}: polling ends before the search, the search before the deletes' reserve`, () => {
      const plan = timePlan(t, 0);
      const limit = 2 * t + 2000;
      expect(plan.pollEnd).toBeGreaterThan(t / 2);
      expect(plan.pollEnd).toBeLessThan(limit - Math.min(t, limit / 3));
      if (t >= 2000) expect(plan.pollEnd).toBeCloseTo(t + 750, 6); // what the README says: about --timeout + 0.75 s
    });
  }
});

describe('trace-round-trip against the emulator (in process)', () => {
  it('accepted but never visible: TRACE_NOT_VISIBLE (warn), polled until the deadline, project deleted', async () => {
    const r = await runScenario('healthy-admin', { writeProbe: true, switches: { runVisibleAfterMs: null } });
    const c = r.check('trace-round-trip');
    expect(r.codes('trace-round-trip')).toEqual(['TRACE_NOT_VISIBLE']);
    expect(c.findings[0]!.severity).toBe('warn');
    expect(c.findings[0]!.message).toMatch(/^The run was accepted but not visible in 'Personal' \(\S+\) within [\d.]+ m?s: POST \S+\/runs\/multipart \(multipart, gzip, as the SDK sends it; no x-tenant-id: the key's default workspace\) answered 202, then \d+ reads of GET \/runs\/\{id\} over [\d.]+ m?s answered 404\. Either ingestion is slower/);
    expect(c.findings[0]!.fix!.commands).toEqual(['langsmith-doctor --write-probe --timeout 10000']);
    expect(c.evidence).toMatchObject({ step: 'read', read: { stopped: 'deadline' }, leftover: false });
    expect((c.evidence as { read: { reads: number } }).read.reads).toBeGreaterThan(2);
    const deletes = r.report.transcript.filter((t) => t.method === 'DELETE').map((t) => t.status);
    expect(deletes).toEqual([202, 202]); // permission-tier's probe, then ours
  }, 20_000);

  it('a key with two workspaces and no LANGSMITH_WORKSPACE_ID: reads act in its default workspace, which the message names', async () => {
    const r = await runScenario('healthy-workspace-admin', {
      writeProbe: true,
      switches: { runVisibleAfterMs: 800 },
      edit: (w) => {
        const org = w.orgs[0]!;
        org.workspaces.push({ id: '7d0b6f6e-2c1a-4c3e-9f8a-1b2c3d4e5f60', name: 'Staging', projects: [] });
        w.keys[0]!.workspaceIds = org.workspaces.map((x) => x.id);
      },
    });
    const c = r.check('trace-round-trip');
    expect(r.codes('trace-round-trip')).toEqual(['TRACE_ROUND_TRIP_OK']);
    expect(c.findings[0]!.message).toMatch(/reads of GET \/runs\/\{id\} in workspace 'Production' \(/);
    // The early look in the other workspace found nothing there.
    expect(c.evidence).toMatchObject({ searched: [{ name: 'Staging' }], foundIn: null });
  });

  it('reads refused (a custom role without runs:read): step 3 names the answer', async () => {
    const r = await runScenario('healthy-workspace-admin', { writeProbe: true, edit: (w) => { w.keys[0]!.withoutPermissions = ['runs:read']; } });
    const c = r.check('trace-round-trip');
    expect(r.codes('trace-round-trip')).toEqual(['TRACE_NOT_VISIBLE']);
    expect(c.findings[0]!.severity).toBe('fail');
    expect(c.findings[0]!.message).toMatch(/^Round trip stopped at step 3 \(read it back\): the run was accepted \(POST \S+\/runs\/multipart .* answered 202\), but GET \/runs\/\{id\} \(no x-tenant-id: the key's default workspace\) answered 403 \{"detail":"Forbidden"\}\.$/);
    expect(c.evidence).toMatchObject({ step: 'read', read: { stopped: 'refused', reads: 1 } });
  });

  it('ingest refused (usage limit): step 2 with status and body; the SDK\'s log line is evidence, not output; nothing written to the failed-traces folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lsd-failed-traces-'));
    vi.stubEnv('LANGSMITH_FAILED_TRACES_DIR', dir); // the SDK reads it from process.env
    const warn = vi.spyOn(console, 'warn');
    const r = await runScenario('usage-limit-reached', { writeProbe: true });
    vi.unstubAllEnvs();
    const c = r.check('trace-round-trip');
    expect(r.codes('trace-round-trip')).toEqual(['TRACE_INGEST_REFUSED']);
    expect(c.findings[0]!.message).toMatch(/^Round trip stopped at step 2 \(send one run\): POST \S+\/runs\/multipart \(multipart, gzip, as the SDK sends it; no x-tenant-id: the key's default workspace\) answered 429 \{"error":"Usage limit total_unique_traces of 5000 exceeded"\}\./);
    expect((c.evidence as { ingest: { sdkSaid: string } }).ingest.sdkSaid).toMatch(/^429 Too Many Requests from \S+\/runs\/multipart/);
    expect(warn).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
    expect(r.report.transcript.filter((t) => t.method === 'DELETE').map((t) => t.status)).toEqual([202, 202]);
    // The limit, measured by usage-limits, stays the primary cause.
    expect(r.report.diagnosis.causes[0]!.code).toBe('USAGE_LIMIT_REACHED');
  });

  it('a read-only key (tracing off, so permission-tier only warns) is skipped: it cannot send runs', async () => {
    const r = await runScenario('viewer', { writeProbe: true, env: { LANGSMITH_TRACING: 'false' } });
    expect(r.check('permission-tier').status).toBe('warn');
    expect(r.check('trace-round-trip')).toMatchObject({ status: 'skip', summary: 'skipped: a read-only key cannot send runs (permission-tier says why)' });
    expect(r.report.transcript.some((t) => t.url.includes('/runs'))).toBe(false);
  });

  it('a key refused at auth never reaches the round trip', async () => {
    const r = await runScenario('eu-key-on-us-default', { writeProbe: true });
    expect(r.check('trace-round-trip').status).toBe('skip');
    expect(r.report.transcript.filter((t) => t.method !== 'GET')).toEqual([]);
  });
});
