// The live checklist through ink-testing-library: explicit assertions on frames, no snapshots.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/checker.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { summarize, type Report } from '../../src/report/model.js';
import { Checklist } from '../../src/ui/Checklist.js';
import { createChecklistStore } from '../../src/ui/store.js';

const target = { endpoint: 'https://eu.api.smith.langchain.com', endpointSource: 'LANGSMITH_ENDPOINT', region: 'eu', key: 'lsv2_pt_…abcd', keySource: 'LANGSMITH_API_KEY', keyKind: 'personal-access-token', workspaceId: null };
const tick = () => new Promise((r) => setTimeout(r, 30));

const result = (id: string, over: Partial<CheckResult>): CheckResult => ({ id, title: id.toUpperCase(), source: 'builtin', status: 'pass', summary: `${id} ok`, findings: [], durationMs: 3, ...over });

describe('Checklist', () => {
  it('shows waiting and running rows live, settles finished rows in declared order, then the conclusion', async () => {
    const store = createChecklistStore({ target, color: false });
    const { lastFrame, frames } = render(<Checklist store={store} />);
    store.dispatch({ type: 'plan', checks: [{ id: 'a', title: 'Check A', source: 'builtin' }, { id: 'b', title: 'Check B', source: 'builtin' }] });
    store.dispatch({ type: 'start', id: 'a', index: 0 });
    store.dispatch({ type: 'start', id: 'b', index: 1 });
    await tick();
    expect(lastFrame()).toContain('endpoint https://eu.api.smith.langchain.com (LANGSMITH_ENDPOINT)');
    expect(lastFrame()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Check A \[a\]/);

    // b finishes first, but stays below a until a is done
    const b = result('b', { title: 'Check B', status: 'fail', summary: 'broken', findings: [{ code: 'KEY_INVALID', severity: 'fail', message: 'broken', fix: { text: 'Make a new key', commands: ['LANGSMITH_API_KEY=lsv2_pt_…'] } }] });
    store.dispatch({ type: 'finish', result: b, index: 1 });
    await tick();
    const mid = lastFrame()!;
    expect(mid.indexOf('Check A')).toBeLessThan(mid.indexOf('Check B'));
    expect(mid).toContain('✖ Check B — broken');

    const a = result('a', { title: 'Check A', summary: 'fine' });
    store.dispatch({ type: 'finish', result: a, index: 0 });
    const results = [a, b];
    const report = { summary: summarize(results), diagnosis: diagnose(results), durationMs: 12, checks: results } as unknown as Report;
    store.finish(report);
    await tick();
    const all = frames.join('\n');
    expect(all).toContain('✔ Check A — fine (3 ms)');
    expect(all).toContain('✖ KEY_INVALID');
    expect(all).toContain('fix: Make a new key');
    const last = lastFrame()!;
    expect(last).toContain('1 pass · 0 warn · 1 fail · 0 skip · 0 error');
    expect(last).toContain('Stage: authenticate · tier none');
    expect(last).toContain('Cause: KEY_INVALID broken');
    expect(last).toContain('1. Make a new key');
  });

  it('prints no colour codes when colour is off', async () => {
    const store = createChecklistStore({ target, color: false });
    const { lastFrame } = render(<Checklist store={store} />);
    store.dispatch({ type: 'plan', checks: [{ id: 'a', title: 'A', source: 'builtin' }] });
    store.dispatch({ type: 'finish', result: result('a', { status: 'warn', summary: 'hmm', findings: [{ code: 'X', severity: 'warn', message: 'hmm' }] }), index: 0 });
    await tick();
    expect(lastFrame()).not.toMatch(/\u001b\[3\dm/);
  });
});
