// Hostile checkers against the runner: evidence JSON cannot hold, a run that would outlast its
// deadline, what third-party checkers are shown, and megabyte strings.
import { describe, expect, it } from 'vitest';
import type { CheckResult, Checker } from '../../src/core/checker.js';
import { createRedactor } from '../../src/core/redact.js';
import { MAX_RESULT_STRING, runCheckers, type RunEntry, type RunEvent } from '../../src/core/runner.js';

const entry = (checker: Checker, extra: Partial<RunEntry> = {}): RunEntry => ({ checker, source: 'test', ...extra });
const opts = { settings: { who: 'real' }, http: {}, env: { SECRET_TOKEN: 'real-token' } };
const redactor = createRedactor({ secrets: ['sk-live-0123456789abcdef'] });

describe('runner: evidence becomes plain JSON data', () => {
  it('circular, BigInt, functions, throwing getters and hostile proxies become error rows naming the checker; the run still reports', async () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const getter = Object.defineProperty({ fine: 1 }, 'boom', { enumerable: true, get: () => { throw new Error('getter exploded'); } });
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('no keys for you'); } });
    const mk = (id: string, evidence: unknown): Checker => ({ id, title: id, run: (ctx) => ctx.pass('looked fine', { evidence: evidence as Record<string, unknown> }) });
    const events: RunEvent[] = [];
    const results = await runCheckers([
      entry(mk('acme/circular', { circular })),
      entry(mk('acme/bigint', { n: 10n ** 30n })),
      entry(mk('acme/function', { fn: () => 1 })),
      entry(mk('acme/getter', { getter })),
      entry(mk('acme/proxy', { proxy })),
      entry({ id: 'acme/finding', title: 'f', run: (ctx) => [ctx.finding('ACME_X', 'warn', 'x', { evidence: { big: 1n } })] }),
      entry(mk('acme/fine', { when: new Date(0), list: [1, 'two', null], nested: { ok: true } })),
    ], { ...opts, onEvent: (e) => events.push(e), finalize: (r) => redactor.deep(r) });

    const byId = (id: string) => results.find((r) => r.id === id)!;
    expect(byId('acme/circular')).toMatchObject({ status: 'error', evidence: { circular: { name: 'loop', self: '[circular]' } } });
    expect(byId('acme/circular').summary).toMatch(/^checker 'acme\/circular' returned evidence that cannot be serialised as JSON \(a circular reference at evidence\.circular\.self\); it said: looked fine$/);
    expect(byId('acme/bigint')).toMatchObject({ status: 'error', evidence: { n: '1000000000000000000000000000000n' } });
    expect(byId('acme/bigint').summary).toContain('a BigInt at evidence.n');
    expect(byId('acme/function').summary).toContain('a function at evidence.fn');
    expect(byId('acme/getter').summary).toContain('a getter that threw (getter exploded) at evidence.getter.boom');
    expect(byId('acme/getter').evidence).toEqual({ getter: { fine: 1, boom: '[getter threw]' } });
    expect(byId('acme/proxy').summary).toContain('could not be read (no keys for you)');
    expect(byId('acme/finding')).toMatchObject({ status: 'error', findings: [{ code: 'ACME_X', evidence: { big: '1n' } }] });
    expect(byId('acme/fine')).toMatchObject({ status: 'pass', evidence: { when: '1970-01-01T00:00:00.000Z', list: [1, 'two', null], nested: { ok: true } } });
    // Everything the renderers get serialises.
    expect(() => JSON.stringify(results)).not.toThrow();
    expect(() => JSON.stringify(events)).not.toThrow();
  });

  it('a finalize step that throws turns that row into an error instead of crashing the run', async () => {
    let calls = 0;
    const results = await runCheckers([entry({ id: 'acme/a', title: 'a', run: (ctx) => ctx.pass('a') })], {
      ...opts,
      finalize: (r) => {
        if (calls++ === 0) throw new Error('cannot finalize');
        return r;
      },
    });
    expect(results[0]).toMatchObject({ status: 'error', summary: "checker 'acme/a' returned a result that could not be processed: cannot finalize" });
  });
});

describe('runner: one overall deadline', () => {
  it('ends the run at the deadline: running and waiting checkers are errors, their signals abort, finished ones keep their result', async () => {
    const aborted: string[] = [];
    const forever = (id: string, extra: Partial<Checker> = {}): Checker => ({
      id, title: id, timeoutMs: 600_000, ...extra,
      run: (ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => aborted.push(id))),
    });
    const events: RunEvent[] = [];
    const results = await runCheckers([
      entry({ id: 'quick', title: 'quick', run: (ctx) => ctx.pass('done') }),
      entry(forever('stuck')),
      entry(forever('waiting', { requires: ['stuck'] })),
      entry(forever('queued')),
    ], { ...opts, deadlineMs: 300, concurrency: 1, onEvent: (e) => events.push(e) });
    expect(results.map((r) => [r.id, r.status])).toEqual([['quick', 'pass'], ['stuck', 'error'], ['waiting', 'error'], ['queued', 'error']]);
    expect(results[1]!.summary).toBe("did not finish before the run's overall deadline (300 ms)");
    expect(aborted).toEqual(['stuck']);
    // Every row finished exactly once, then done.
    const finished = events.filter((e) => e.type === 'finish').map((e) => (e as { result: CheckResult }).result.id).sort();
    expect(finished).toEqual(['queued', 'quick', 'stuck', 'waiting']);
    expect(events.at(-1)!.type).toBe('done');
  }, 10_000);
});

describe('runner: what third-party checkers are shown', () => {
  it('third-party entries get the masked view and finalized prerequisite results; built-ins the real ones', async () => {
    const seen: Record<string, unknown> = {};
    const spy = (id: string, requires?: string[]): Checker => ({
      id, title: id, requires,
      run: (ctx) => {
        seen[id] = { settings: ctx.settings, env: ctx.env, results: ctx.results };
        return ctx.pass('ok');
      },
    });
    await runCheckers([
      entry({ id: 'base', title: 'base', run: (ctx) => ctx.pass('base saw sk-live-0123456789abcdef') }),
      entry(spy('builtin-spy', ['base'])),
      entry(spy('acme/spy', ['base']), { thirdParty: true }),
    ], { ...opts, finalize: (r) => redactor.deep(r), thirdPartyView: { settings: { who: 'masked' }, env: { SECRET_TOKEN: '[redacted]' } } });
    expect(seen['builtin-spy']).toMatchObject({ settings: { who: 'real' }, env: { SECRET_TOKEN: 'real-token' } });
    expect(seen['acme/spy']).toMatchObject({ settings: { who: 'masked' }, env: { SECRET_TOKEN: '[redacted]' } });
    expect(JSON.stringify(seen['acme/spy'])).not.toContain('sk-live-0123456789abcdef');
    expect(JSON.stringify(seen['builtin-spy'])).toContain('sk-live-0123456789abcdef');
  });
});

describe('runner: megabyte strings', () => {
  it('are cut after redaction, so a secret at the cut is masked, never half shown', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const summary = 'y'.repeat(MAX_RESULT_STRING - 10) + secret + 'z'.repeat(1_000_000);
    const [r] = await runCheckers([entry({ id: 'acme/huge', title: 'huge', run: (ctx) => ctx.pass(summary) })], { ...opts, finalize: (x) => redactor.deep(x) });
    expect(r!.summary.length).toBeLessThan(MAX_RESULT_STRING + 100);
    expect(r!.summary).toMatch(/… \[cut: \d+ more characters\]$/);
    expect(r!.summary).not.toContain('sk-live-0');
  });
});

describe('runner: limits beyond what a timer holds', () => {
  it('a timeout or deadline above 2^31-1 ms means "very long", not "fire at once"', async () => {
    const [r] = await runCheckers([entry({ id: 'acme/slowish', title: 's', timeoutMs: 3_000_000_000, run: async (ctx) => { await new Promise((ok) => setTimeout(ok, 20)); return ctx.pass('finished'); } })], { ...opts, deadlineMs: 9_000_000_000 });
    expect(r).toMatchObject({ status: 'pass', summary: 'finished' });
  });
});
