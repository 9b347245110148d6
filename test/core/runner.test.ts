import { describe, expect, it } from 'vitest';
import type { Checker } from '../../src/core/checker.js';
import { inDeclaredOrder, runCheckers, type RunEntry, type RunEvent } from '../../src/core/runner.js';

const entry = (checker: Checker, extra: Partial<RunEntry> = {}): RunEntry => ({ checker, source: 'test', ...extra });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opts = { settings: {}, http: {}, env: {} };

describe('runner', () => {
  it('starts checkers together and returns results in declared order', async () => {
    const started: string[] = [];
    const mk = (id: string, ms: number): Checker => ({ id, title: id, run: async (ctx) => { started.push(id); await sleep(ms); return ctx.pass(`${id} done`); } });
    const events: RunEvent[] = [];
    const results = await runCheckers([entry(mk('slow', 60)), entry(mk('fast', 1))], { ...opts, onEvent: (e) => events.push(e) });
    expect(results.map((r) => r.id)).toEqual(['slow', 'fast']);
    expect(started).toEqual(['slow', 'fast']);
    // fast finished first, but the in-order helper still prints slow first
    const finishes = events.filter((e) => e.type === 'finish').map((e) => (e as { result: { id: string } }).result.id);
    expect(finishes).toEqual(['fast', 'slow']);
    const ordered: string[] = [];
    const feed = inDeclaredOrder((r) => ordered.push(r.id));
    events.forEach(feed);
    expect(ordered).toEqual(['slow', 'fast']);
  });

  it('caps concurrency', async () => {
    let active = 0;
    let peak = 0;
    const mk = (id: string): Checker => ({ id, title: id, run: async () => { active++; peak = Math.max(peak, active); await sleep(10); active--; } });
    await runCheckers(['a', 'b', 'c', 'd', 'e'].map((id) => entry(mk(id))), { ...opts, concurrency: 2 });
    expect(peak).toBe(2);
  });

  it('skips a checker whose prerequisite failed, naming it, and runs one whose prerequisite warned', async () => {
    const results = await runCheckers([
      entry({ id: 'dependent', title: 'd', requires: ['base'], run: (ctx) => ctx.pass() }),
      entry({ id: 'base', title: 'b', run: (ctx) => ctx.fail('BASE_BROKEN', 'broken') }),
      entry({ id: 'warned', title: 'w', run: (ctx) => ctx.warn('MEH', 'meh') }),
      entry({ id: 'after-warn', title: 'aw', requires: ['warned'], run: (ctx) => ctx.pass(`saw ${ctx.results.warned?.status}`) }),
    ], opts);
    expect(results[0]).toMatchObject({ id: 'dependent', status: 'skip' });
    expect(results[0]!.summary).toContain("'base'");
    expect(results[3]).toMatchObject({ status: 'pass', summary: 'saw warn' });
  });

  it('skips when a prerequisite is not loaded, and reports a requires cycle as an error', async () => {
    const results = await runCheckers([
      entry({ id: 'a', title: 'a', requires: ['missing'], run: (ctx) => ctx.pass() }),
      entry({ id: 'b', title: 'b', requires: ['c'], run: (ctx) => ctx.pass() }),
      entry({ id: 'c', title: 'c', requires: ['b'], run: (ctx) => ctx.pass() }),
    ], opts);
    expect(results[0]).toMatchObject({ status: 'skip' });
    expect(results[0]!.summary).toContain("'missing'");
    expect(results[1]).toMatchObject({ status: 'error' });
    expect(results[1]!.summary).toContain('cycle');
  });

  it('turns a throw into status error with its message, and others still run', async () => {
    const results = await runCheckers([
      entry({ id: 'boom', title: 'boom', run: () => { throw new Error('kaput'); } }),
      entry({ id: 'ok', title: 'ok', run: (ctx) => ctx.pass() }),
    ], opts);
    expect(results[0]).toMatchObject({ status: 'error', summary: 'crashed: kaput' });
    expect(results[1]!.status).toBe('pass');
  });

  it('times out a run that never resolves, and aborts its signal', async () => {
    let aborted = false;
    const results = await runCheckers([
      entry({ id: 'hang', title: 'hang', timeoutMs: 50, run: (ctx) => new Promise(() => { ctx.signal.addEventListener('abort', () => { aborted = true; }); }) }),
    ], opts);
    expect(results[0]).toMatchObject({ status: 'error', summary: 'timed out after 50 ms' });
    expect(aborted).toBe(true);
  });

  it('rejects a malformed result', async () => {
    const results = await runCheckers([
      entry({ id: 'bad', title: 'bad', run: () => ({ status: 'great' }) as never }),
      entry({ id: 'bad2', title: 'bad2', run: () => [{ code: 'X', severity: 'fatal', message: 'm' }] as never }),
      entry({ id: 'arr', title: 'arr', run: () => [{ code: 'X', severity: 'warn', message: 'm' }] }),
    ], opts);
    expect(results[0]!.status).toBe('error');
    expect(results[0]!.summary).toContain('status must be one of');
    expect(results[1]!.summary).toContain('severity');
    expect(results[2]).toMatchObject({ status: 'warn', summary: 'm' });
  });

  it('lists ignored findings and does not count them', async () => {
    const results = await runCheckers([
      entry({ id: 'x', title: 'x', run: (ctx) => ctx.report([ctx.finding('TRACING_DISABLED', 'warn', 'off')]) }),
    ], { ...opts, ignore: ['TRACING_DISABLED'] });
    expect(results[0]!.status).toBe('pass');
    expect(results[0]!.findings[0]).toMatchObject({ code: 'TRACING_DISABLED', ignored: true });
  });

  it('skips network checkers offline and passes options through', async () => {
    const results = await runCheckers([
      entry({ id: 'net', title: 'net', network: true, run: (ctx) => ctx.pass() }),
      entry({ id: 'opt', title: 'opt', run: (ctx) => ctx.pass(String(ctx.options.level)) }, { options: { level: 3 } }),
    ], { ...opts, offline: true });
    expect(results[0]).toMatchObject({ status: 'skip' });
    expect(results[0]!.summary).toContain('--offline');
    expect(results[1]!.summary).toBe('3');
  });

  it('reports a plugin load error as a row without running anything', async () => {
    const results = await runCheckers([entry({ id: 'plugin:x', title: 'x', run: () => { throw new Error('must not run'); } }, { loadError: 'cannot find module' })], opts);
    expect(results[0]).toMatchObject({ status: 'error', summary: 'cannot find module' });
  });

  it('after: waits for a checker and reads its result whatever its status, without gating', async () => {
    const results = await runCheckers([
      entry({ id: 'reader', title: 'r', after: ['slow-fail'], run: (ctx) => ctx.pass(`saw ${ctx.results['slow-fail']?.status}`) }),
      entry({ id: 'slow-fail', title: 's', run: async (ctx) => { await sleep(20); return ctx.fail('X', 'x'); } }),
      entry({ id: 'orphan', title: 'o', after: ['not-loaded'], run: (ctx) => ctx.pass(String(Object.keys(ctx.results).length)) }),
    ], opts);
    expect(results[0]).toMatchObject({ status: 'pass', summary: 'saw fail' });
    expect(results[2]).toMatchObject({ status: 'pass', summary: '0' });
  });
});
