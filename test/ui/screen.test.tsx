// The screen through ink-testing-library: explicit assertions on frames, no snapshots. Each
// component at several widths, then each key through the App.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { CheckRow } from '../../src/ui/CheckRow.js';
import type { Intent } from '../../src/ui/keymap.js';
import { stringWidth } from '../../src/ui/layout.js';
import { detailLines, footerLines, headerLines, helpLines, planLines } from '../../src/ui/lines.js';
import { Screen } from '../../src/ui/Screen.js';
import { createScreenStore, reduce } from '../../src/ui/store.js';
import { TextLine } from '../../src/ui/TextLine.js';
import { failing, finished, keyInvalid, renderAt, reportOf, result, target } from './fixtures.js';

const tick = () => new Promise((r) => setTimeout(r, 20));
const lines = (frame: string | undefined) => (frame ?? '').split('\n');
const widest = (frame: string | undefined) => Math.max(...lines(frame).map((l) => stringWidth(l)));

const long = result('endpoint', { title: 'Endpoint and region', summary: 'US region (http://127.0.0.1:43027), from the SDK default: LangSmith 0.12.33 answers /info in 394 ms', durationMs: 1572 });

describe('CheckRow', () => {
  it.each([60, 80, 120, 250])('is one line of at most %i columns with the title whole', (width) => {
    const { lastFrame } = renderAt(<CheckRow row={{ id: 'endpoint', title: long.title, state: 'done', result: long }} width={width} selected={false} now={0} color={false} />, width + 1);
    expect(lines(lastFrame())).toHaveLength(1);
    expect(widest(lastFrame())).toBeLessThanOrEqual(width);
    expect(lastFrame()).toContain('✔ Endpoint and region');
    expect(lastFrame()!.trimEnd().endsWith('1572 ms')).toBe(true);
  });

  it('marks the selected row, shows a changed status, a running spinner and a waiting dot', () => {
    expect(render(<CheckRow row={{ id: 'auth', title: 'Auth', state: 'done', result: keyInvalid }} width={80} selected now={0} color={false} />).lastFrame()).toMatch(/^› ✖ Auth {2}The EU region refused/);
    const changed = render(<CheckRow row={{ id: 'auth', title: 'Auth', state: 'done', result: result('auth', { summary: 'accepted' }) }} width={80} selected={false} change={{ what: 'auth', from: 'fail', to: 'pass' }} now={0} color={false} />).lastFrame();
    expect(changed).toMatch(/^\* ✔ Auth {2}fail → pass · accepted/);
    expect(render(<CheckRow row={{ id: 'a', title: 'Auth', state: 'running', startedAt: 0 }} width={80} selected={false} now={2500} color={false} />).lastFrame()).toMatch(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Auth {2}running… +3 s$/);
    expect(render(<CheckRow row={{ id: 'a', title: 'Auth', state: 'pending' }} width={80} selected={false} now={0} color={false} />).lastFrame()).toMatch(/^ {2}· Auth {2}waiting$/);
  });
});

describe('lines', () => {
  const report = failing();

  it('header: version, endpoint and region, masked key and source, workspace', () => {
    const text = headerLines({ version: '0.1.0', target }, 120).map((l) => l.text).join('\n');
    expect(text).toContain('langsmith-doctor 0.1.0');
    expect(text).toContain('endpoint https://eu.api.smith.langchain.com (LANGSMITH_ENDPOINT) · region eu');
    expect(text).toContain('key lsv2_pt_…abcd from LANGSMITH_API_KEY · personal-access-token · workspace (none set)');
  });

  it('expanded check: findings, the fix command on a line of its own, docs, evidence, its HTTP exchanges only', () => {
    const text = detailLines(report, { id: 'auth', title: 'Auth', state: 'done', result: keyInvalid }, 80).map((l) => l.text);
    expect(text).toContain('    ✖ KEY_INVALID: The key is unknown, revoked or deleted');
    expect(text).toContain('      fix: Make a new key in Settings → API Keys');
    expect(text).toContain('        export LANGSMITH_API_KEY=<new key>');
    expect(text.join('\n')).toContain('docs: https://docs.langchain.com/langsmith/create-account-api-key');
    expect(text).toContain('      settings: {"status":401}');
    expect(text).toContain('      GET https://eu.api.smith.langchain.com/settings → 401 (41 ms)');
    expect(text).toContain('        {"detail":"Invalid token"}');
    // /info is the endpoint checker's read, not this one's.
    expect(text.join('\n')).not.toContain('/info');
  });

  it('the plan: numbered steps, commands set apart on lines of their own', () => {
    const plan = planLines(reportOf([keyInvalid], { diagnosis: { ...report.diagnosis, plan: [{ step: 1, action: 'Make a new key', why: 'It was revoked', commands: ['export LANGSMITH_API_KEY=<new key>'] }, { step: 2, action: 'Re-run', why: 'To see', commands: [] }] } }), 80).map((l) => l.text);
    expect(plan[0]).toMatch(/^Plan for stage authenticate/);
    const i = plan.indexOf('  1. Make a new key');
    expect(i).toBeGreaterThan(0);
    expect(plan.slice(i)).toEqual(['  1. Make a new key', '     It was revoked', '', '       export LANGSMITH_API_KEY=<new key>', '', '  2. Re-run', '     To see']);
  });

  it('the key list names every key', () => {
    const text = helpLines(false, 100).map((l) => l.text).join('\n');
    for (const k of ['j/k', 'Enter', 'Esc', 'p ', 'r ', 'w ', 'e ', '? ', 'q  Ctrl-C']) expect(text).toContain(k);
  });

  it('footer: counts, stage banner, cause, what changed, key hints; watching shows a countdown', () => {
    let s = finished(report);
    const text = footerLines(s, 120).map((l) => l.text);
    expect(text[0]).toBe('1 pass · 0 warn · 1 fail · 0 skip · 0 error · 812 ms');
    expect(text[1]).toMatch(/^Stage: authenticate · tier none — /);
    expect(text[2]).toBe('Cause: KEY_INVALID The key is unknown, revoked or deleted');
    expect(text.at(-1)).toContain('? keys · q quit');
    s = reduce(s, { type: 'watch', on: true, nextAt: 1000 + 23_000 });
    expect(footerLines(s, 120).map((l) => l.text)).toContain('watching: next run in 23 s');
    s = reduce(s, { type: 'run-start', target, at: 2000 });
    s = reduce(s, { type: 'run-end', report: reportOf([result('key-format', { title: 'API key format' }), result('auth')]), at: 3000 });
    expect(footerLines(s, 200).map((l) => l.text).join('\n')).toMatch(/Changed: stage: authenticate → \S+ · tier: none → \S+ · cause: KEY_INVALID → none · auth: fail → pass/);
  });
});

describe('Screen', () => {
  const report = failing();

  it.each([60, 80, 120, 250])('at %i columns no line is wider, every title is whole, and the frame fits the height', (width) => {
    const s = reduce(reduce(finished(report), { type: 'move', delta: 1 }), { type: 'expand' });
    const { lastFrame } = renderAt(<Screen state={s} width={width} height={40} />, width + 1);
    expect(widest(lastFrame())).toBeLessThanOrEqual(width);
    expect(lastFrame()).toContain('✔ API key format');
    expect(lastFrame()).toContain('✖ Authentication and workspace');
    expect(lines(lastFrame()).length).toBeLessThanOrEqual(40);
  });

  it('a short terminal scrolls the body around the selection and says what is hidden', () => {
    const many = reportOf(Array.from({ length: 30 }, (_, i) => result(`check-${i}`, { title: `Check number ${i}` })));
    const s = { ...finished(many), selected: 10 };
    const { lastFrame } = render(<Screen state={s} width={80} height={20} />);
    expect(lines(lastFrame()).length).toBeLessThanOrEqual(20);
    expect(lastFrame()).toContain('› ✔ Check number 10');
    expect(lastFrame()).toMatch(/↑ \d+ more above/);
    expect(lastFrame()).toMatch(/↓ \d+ more below/);
  });

  it('the plan and the key list take the body; the header and footer stay', () => {
    const plan = render(<Screen state={{ ...finished(report), view: 'plan' }} width={100} height={40} />).lastFrame()!;
    expect(plan).toContain('Plan for stage authenticate');
    expect(plan).toContain('langsmith-doctor 0.1.0');
    expect(plan).toContain('Cause: KEY_INVALID');
    expect(plan).not.toContain('API key format ');
    const help = render(<Screen state={{ ...finished(report), view: 'help' }} width={100} height={40} />).lastFrame()!;
    expect(help).toContain('Keys');
    expect(help).toContain('re-run everything');
  });

  it('prints no colour codes with colour off, and colours with it on', () => {
    const off = render(<Screen state={finished(report)} width={100} height={40} />).lastFrame()!;
    expect(off).not.toMatch(/\u001b\[3\dm/);
    const line = render(<TextLine line={{ text: 'x', tone: 'fail' }} color />).lastFrame()!;
    expect(line === 'x' || /\u001b\[31m/.test(line)).toBe(true);
  });
});

describe('App: the keys', () => {
  const setup = (over: { canFix?: boolean } = {}) => {
    const store = createScreenStore({ version: '0.1.0', target, interactive: true, canFix: over.canFix ?? false, color: false, watchSeconds: 30, now: 0 });
    store.dispatch({ type: 'run-start', target, at: 0 });
    store.dispatch({ type: 'run-end', report: failing(), at: 1 });
    const intents: Intent[] = [];
    const app = render(<App store={store} onIntent={(i) => intents.push(i)} />);
    return { store, intents, ...app };
  };

  it('↓ selects, Enter expands (the fix command shows), Esc collapses, ↑ goes back', async () => {
    const { stdin, lastFrame } = setup();
    await tick();
    expect(lastFrame()).toMatch(/› ✔ API key format/);
    stdin.write('\u001b[B');
    await tick();
    expect(lastFrame()).toMatch(/› ✖ Authentication and workspace/);
    stdin.write('\r');
    await tick();
    expect(lastFrame()).toContain('export LANGSMITH_API_KEY=<new key>');
    stdin.write('\u001b');
    await tick();
    await tick();
    expect(lastFrame()).not.toContain('export LANGSMITH_API_KEY=<new key>');
    stdin.write('k');
    await tick();
    expect(lastFrame()).toMatch(/› ✔ API key format/);
  });

  it('p opens the plan and p closes it; ? lists the keys', async () => {
    const { stdin, lastFrame } = setup();
    stdin.write('p');
    await tick();
    expect(lastFrame()).toContain('Plan for stage authenticate');
    stdin.write('p');
    await tick();
    expect(lastFrame()).not.toContain('Plan for stage');
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('re-run everything');
    expect(lastFrame()).not.toMatch(/^ {2}f /m);
  });

  it('e asks for the format and hands the choice on; r, w, q go to the controller', async () => {
    const { stdin, lastFrame, intents } = setup();
    stdin.write('e');
    await tick();
    expect(lastFrame()).toContain('Export as: m Markdown · j JSON · h HTML');
    stdin.write('j');
    await tick();
    expect(intents).toEqual([{ type: 'export', format: 'json' }]);
    stdin.write('\u001b');
    await tick();
    await tick();
    stdin.write('r');
    stdin.write('w');
    stdin.write('q');
    await tick();
    expect(intents.slice(1)).toEqual([{ type: 'rerun' }, { type: 'watch' }, { type: 'quit' }]);
  });

  it('Ctrl-C is a quit the controller decides (not Ink exiting on its own)', async () => {
    const { stdin, intents } = setup();
    stdin.write('\u0003');
    await tick();
    expect(intents).toEqual([{ type: 'quit' }]);
  });

  it('f reaches the fixer only when there is one, and ? then lists it', async () => {
    const without = setup();
    without.stdin.write('f');
    await tick();
    expect(without.intents).toEqual([]);
    const withFix = setup({ canFix: true });
    withFix.stdin.write('f');
    withFix.stdin.write('?');
    await tick();
    expect(withFix.intents).toEqual([{ type: 'fix' }]);
    expect(withFix.lastFrame()).toMatch(/^ {2}f +fix:/m);
  });
});
