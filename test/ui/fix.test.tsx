// The screen's `f` key: the keys and the reducer of the fix view, its lines at 80 columns, and the
// whole loop through ink-testing-library on a real session with --fix's own fixer against temp
// project folders (offline, or the emulator on loopback for the workspace pick).
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { screenFixer } from '../../src/commands/screen-fixer.js';
import { prepare } from '../../src/doctor.js';
import { scenarios, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { App } from '../../src/ui/App.js';
import type { FixOfferView } from '../../src/ui/fixer.js';
import { intentOf, keyList } from '../../src/ui/keymap.js';
import { stringWidth } from '../../src/ui/layout.js';
import { fixLines, footerLines } from '../../src/ui/lines.js';
import { startSession, type Session } from '../../src/ui/session.js';
import { reduce } from '../../src/ui/store.js';
import { tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';
import { failing, finished, reportOf, result, target } from './fixtures.js';

const diff = '--- .env\n+++ .env (after --fix)\n@@ -1,2 +1,2 @@\n LANGSMITH_API_KEY=lsv2_pt_…abcd\n-LANGSMITH_TRACING=True   # on\n+LANGSMITH_TRACING=true   # on\n';
const offer = (over: Partial<FixOfferView> = {}): FixOfferView => ({
  fixes: 1,
  text: `\nFixes (--fix)\n  ✎ TRACING_FLAG_INVALID (env-vars, LANGSMITH_TRACING): spell LANGSMITH_TRACING exactly true — edits .env\n\n${diff}`,
  files: ['.env'],
  choices: [],
  ...over,
});
const twoWorkspaces = [{ id: 'ws-1', label: 'Default (Admin): ws-1' }, { id: 'ws-2', label: 'Staging (Viewer): ws-2' }];

/** A project folder whose .env holds the scenario's key, against that scenario's emulator (its world can be changed meanwhile). */
async function projectFor(name: string) {
  const scenario = scenarios.find((s) => s.name === name)!;
  const world = structuredClone(scenario.world);
  const emu = await startEmulator({ world });
  emulators.push(emu);
  const cwd = tempDir('lsd-ui-fix-');
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
  const key = scenario.env(emu.urls).LANGSMITH_API_KEY!;
  const env = `LANGSMITH_API_KEY=${key}\nLANGSMITH_TRACING=true\n`;
  writeFileSync(path.join(cwd, '.env'), env);
  return { world, cwd, key, env };
}

describe('fix view: keys and state', () => {
  const done = { ...finished(failing()), canFix: true, fixable: true };
  const open = reduce(done, { type: 'fix-open', offer: offer() });

  it('f is offered only after a finished run with something to fix, never during a run or a fix', () => {
    expect(intentOf('f', {}, done)).toEqual({ type: 'fix' });
    expect(footerLines(done, 200).at(-1)!.text).toContain(' · f fix · ');
    const running = reduce(done, { type: 'run-start', target, at: 5 });
    expect(intentOf('f', {}, running)).toBeUndefined();
    expect(footerLines(running, 200).map((l) => l.text).join('\n')).not.toContain('f fix');
    const fixing = reduce(open, { type: 'fix-applying' });
    expect(intentOf('f', {}, fixing)).toBeUndefined();
    // A run that finished with nothing to fix: the hint does not offer it.
    expect(footerLines({ ...done, fixable: false }, 200).map((l) => l.text).join('\n')).not.toContain('f fix');
    expect(keyList(true).find(([k]) => k === 'f')![1]).toMatch(/dry-run diff; y writes them .* n leaves/);
  });

  it('in the view: y applies (only when a file would be written), n, Esc and f leave, ↑/↓ scroll', () => {
    expect(open.view).toBe('fix');
    expect(intentOf('y', {}, open)).toEqual({ type: 'fix-apply' });
    expect(intentOf('n', {}, open)).toEqual({ type: 'collapse' });
    expect(intentOf('', { escape: true }, open)).toEqual({ type: 'collapse' });
    expect(intentOf('f', {}, open)).toEqual({ type: 'collapse' });
    expect(intentOf('j', {}, open)).toEqual({ type: 'scroll', delta: 1 });
    expect(intentOf('p', {}, open)).toBeUndefined();
    expect(intentOf('r', {}, open)).toBeUndefined();
    expect(intentOf('q', {}, open)).toEqual({ type: 'quit' });
    const manualOnly = reduce(done, { type: 'fix-open', offer: offer({ files: [] }) });
    expect(intentOf('y', {}, manualOnly)).toBeUndefined();
    const left = reduce(open, { type: 'collapse' });
    expect([left.view, left.fix]).toEqual(['list', undefined]);
  });

  it('several workspaces: ↑/↓ move the highlight, Enter or a number picks, nothing is picked for the user', () => {
    let s = reduce(done, { type: 'fix-open', offer: offer({ choices: twoWorkspaces }) });
    expect(s.fix!.pick).toBe(0);
    expect(intentOf('2', {}, s)).toEqual({ type: 'fix-choose', index: 1 });
    expect(intentOf('3', {}, s)).toBeUndefined();
    expect(intentOf('', { downArrow: true }, s)).toEqual({ type: 'fix-pick', delta: 1 });
    s = reduce(s, { type: 'fix-pick', delta: 1 });
    s = reduce(s, { type: 'fix-pick', delta: 1 });
    expect(s.fix!.pick).toBe(1);
    expect(intentOf('', { return: true }, s)).toEqual({ type: 'fix-choose', index: 1 });
    const text = fixLines(s.fix!, 79).map((l) => l.text);
    expect(text).toContain('  › 2) Staging (Viewer): ws-2');
    expect(text).toContain('    1) Default (Admin): ws-1');
    expect(text.join(' ')).toMatch(/None is guessed/);
  });

  it('applying goes back to the rows; the re-run compares with the run before the edits; notes stay until the next run', () => {
    let s = reduce(open, { type: 'fix-applying' });
    expect([s.view, s.fixing]).toEqual(['list', true]);
    const before = s.report!;
    s = reduce(s, { type: 'run-start', target, at: 10 });
    expect(footerLines(s, 200).map((l) => l.text)).toContain('Fixing: writing the edits (a backup beside each file), then re-running to check them…');
    const fixed = reportOf([result('key-format', { title: 'API key format' }), result('auth', { title: 'Authentication and workspace' })]);
    s = reduce(s, { type: 'run-end', report: fixed, at: 11 });
    // A rollback's second re-run still compares with the run before the edits.
    s = reduce(s, { type: 'run-start', target, at: 12 });
    s = reduce(s, { type: 'run-end', report: fixed, at: 13, baseline: before });
    expect(s.changes).toContainEqual({ what: 'auth', from: 'fail', to: 'pass' });
    s = reduce(s, { type: 'fix-done', notes: [{ text: 'Wrote .env (backup: .env.langsmith-doctor-20261202T010203Z.bak).', tone: 'info' }] });
    expect(s.fixing).toBe(false);
    expect(footerLines(s, 200).map((l) => l.text)).toContain('Wrote .env (backup: .env.langsmith-doctor-20261202T010203Z.bak).');
    s = reduce(s, { type: 'run-start', target, at: 14 });
    expect(s.fixNotes).toEqual([]);
  });

  it('a new run closes an open fix view (its plan was for the run before)', () => {
    const s = reduce(open, { type: 'run-start', target, at: 5 });
    expect([s.view, s.fix]).toEqual(['list', undefined]);
  });

  it('the view at 80 columns: no line wider, diff lines broken (never re-flowed), plan lines wrapped, no control characters', () => {
    const long = `+LANGSMITH_ENDPOINT=https://${'very-long-host-name.'.repeat(6)}example.com/api/v1`;
    const hostile = offer({ text: `${offer().text}${long}\n+LANGSMITH_PROJECT=a\u001b[2Jb\n` });
    const text = fixLines({ ...hostile, pick: 0 }, 79);
    for (const l of text) expect(stringWidth(l.text), l.text).toBeLessThanOrEqual(79);
    const flat = text.map((l) => l.text);
    expect(flat).toContain('-LANGSMITH_TRACING=True   # on');
    expect(flat).toContain(' LANGSMITH_API_KEY=lsv2_pt_…abcd');
    const i = flat.findIndex((t) => t.startsWith('+LANGSMITH_ENDPOINT='));
    expect(flat[i]!.length).toBe(79);
    expect(flat[i + 1]).toMatch(/^↳ /);
    expect(flat.slice(i, i + 3).map((t, n) => (n === 0 ? t : t.slice(2))).join('')).toContain(long.slice(0, 150));
    expect(flat.join('\n')).not.toContain('\u001b');
    expect(text.find((l) => l.text.startsWith('+LANGSMITH_TRACING'))!.tone).toBe('pass');
    expect(text.find((l) => l.text.startsWith('-LANGSMITH_TRACING'))!.tone).toBe('fail');
  });
});

// -- the whole loop: session + App + --fix's fixer, in temp project folders ------------------------

const tick = () => new Promise((r) => setTimeout(r, 20));
async function until(ok: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const backups = (cwd: string) => readdirSync(cwd).filter((f) => /^\.env\.langsmith-doctor-\d{8}T\d{6}Z\.bak$/.test(f));

const live: Array<{ session: Session; unmount: () => void }> = [];
const emulators: RunningEmulator[] = [];
afterEach(async () => {
  for (const { session } of live.splice(0)) {
    session.onIntent({ type: 'quit' });
    await session.outcome;
  }
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function screenOn(cwd: string, env: Record<string, string>, opts: { offline?: boolean } = {}) {
  const prepared = await prepare({ cwd, env: { HOME: cwd, ...env }, offline: opts.offline ?? true, skip: ['sdk-versions'] });
  const session = startSession(prepared, {} as never, { interactive: true, color: false, watchSeconds: 300, saveReport: () => '', fixer: screenFixer() });
  const app = render(<App store={session.store} onIntent={session.onIntent} />);
  session.attach(async () => app.unmount());
  live.push({ session, unmount: app.unmount });
  const idle = () => {
    const s = session.store.getState();
    return !s.running && !s.fixing && s.report !== undefined;
  };
  await until(idle, 'the first run');
  const press = async (key: string, shows?: RegExp) => {
    app.stdin.write(key);
    if (shows) await until(() => shows.test(app.lastFrame() ?? ''), `${shows}; frame:\n${app.lastFrame()}`);
    else await tick();
    await until(idle, 'the run to end');
    return app.lastFrame() ?? '';
  };
  return { session, press, frame: () => app.lastFrame() ?? '', frames: app.frames };
}

describe('f on a real session with the --fix fixer', () => {
  it('f shows the plan (the key masked), n leaves the file untouched, f then y writes it with a backup and shows the re-run', async () => {
    const cwd = tempDir('lsd-ui-fix-');
    const key = fakeKey('ui-fix');
    const env = `# tracing for the app\nLANGSMITH_API_KEY=${key}\nLANGSMITH_TRACING=True # on\n`;
    writeFileSync(path.join(cwd, '.env'), env);
    const { press, frame, frames, session } = await screenOn(cwd, {});
    expect(frame()).toMatch(/(^| · )f fix( · |$)/m);

    const top = await press('f', /Fix \(dry run\)/);
    expect(top).toContain('✎ TRACING_FLAG_INVALID (env-vars, LANGSMITH_TRACING): spell LANGSMITH_TRACING exactly true');
    expect(top).toContain('y apply · n/Esc leave, nothing changes');
    // The terminal is 24 rows: the diff is further down.
    const plan = await press(' ', /^\+LANGSMITH_TRACING/m);
    expect(plan).toContain('-LANGSMITH_TRACING=True # on');
    expect(plan).toContain('+LANGSMITH_TRACING=true # on');
    expect(plan).toContain(` LANGSMITH_API_KEY=lsv2_pt_…${key.slice(-4)}`);

    const left = await press('n', /f fix/);
    expect(left).not.toContain('Fix (dry run)');
    expect(readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(env);
    expect(backups(cwd)).toEqual([]);

    await press('f', /Fix \(dry run\)/);
    const after = await press('y', /Wrote \.env/);
    expect(readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(`# tracing for the app\nLANGSMITH_API_KEY=${key}\nLANGSMITH_TRACING=true # on\n`);
    const [backup] = backups(cwd);
    expect(readFileSync(path.join(cwd, backup!), 'utf8')).toBe(env);
    expect(after).toContain(`Wrote .env (backup: ${backup}).`);
    expect(after).toMatch(/Fixed \(the re-run no longer shows it\): TRACING_FLAG_INVALID \(LANGSMITH_TRACING\)/);
    // Before → after: the env-vars row is marked changed, and the run counted.
    expect(after).toMatch(/^\* . Environment variables and dotenv files {2}fail → /m);
    expect(after).toContain('run 2');
    // No frame ever showed the key whole.
    expect(frames.filter((f) => f.includes(key))).toEqual([]);
    expect(session.store.getState().report!.checks.find((c) => c.id === 'env-vars')!.findings.map((f) => f.code)).not.toContain('TRACING_FLAG_INVALID');
  });

  it('a read-only .env: y shows FIX_REFUSED and nothing changes', async () => {
    const cwd = tempDir('lsd-ui-fix-');
    const env = `LANGSMITH_API_KEY=${fakeKey('ui-fix')}\nLANGSMITH_TRACING=True\n`;
    const file = path.join(cwd, '.env');
    writeFileSync(file, env);
    chmodSync(file, 0o444);
    const { press } = await screenOn(cwd, {});
    await press('f', /Fix \(dry run\)/);
    const refused = await press('y', /FIX_REFUSED/);
    expect(refused.replace(/\n +/g, ' ')).toContain('the file is read-only; nothing was written');
    expect(readFileSync(file, 'utf8')).toBe(env);
    expect(backups(cwd)).toEqual([]);
  });

  it('nothing to fix: f is not in the hints, and pressing it says so instead of opening an empty view', async () => {
    const cwd = tempDir('lsd-ui-fix-');
    const { press, frame, session } = await screenOn(cwd, { LANGSMITH_API_KEY: fakeKey('ui-fix'), LANGSMITH_TRACING: 'true' });
    expect(session.store.getState().report!.checks.flatMap((c) => c.findings).filter((f) => f.severity !== 'info')).toEqual([]);
    expect(frame()).not.toMatch(/f fix/);
    const said = await press('f', /Nothing to fix/);
    expect(said).not.toContain('Fix (dry run)');
    expect(session.store.getState().view).toBe('list');
  });

  it('only manual steps: the view says nothing can be edited, shows the steps, and y writes nothing', async () => {
    const cwd = tempDir('lsd-ui-fix-');
    const { press } = await screenOn(cwd, { LANGSMITH_API_KEY: 'ls__0123456789abcdef0123456789abcdef', LANGSMITH_TRACING: 'true' });
    const view = await press('f', /Fix \(dry run\)/);
    expect(view).toContain('Nothing here can be fixed by editing a file');
    expect(view).toMatch(/✋ KEY_LEGACY/);
    expect(view).toContain('Esc back');
    expect(view).not.toContain('y apply');
    const after = await press('y');
    expect(after).toContain('Fix (dry run)');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an edit the re-run does not confirm is rolled back: the file is restored, FIX_ROLLED_BACK shown, compared with the run before', async () => {
    // The org moves to APAC while the user reads the diff: the EU endpoint the fix writes no longer helps.
    const { world, cwd, key, env } = await projectFor('eu-key-on-us-default');
    const { press, session } = await screenOn(cwd, {}, { offline: false });
    await press('f', /Fix \(dry run\)/);
    const orgId = world.keys.find((k) => k.key === key)!.orgId;
    world.orgs.find((o) => o.id === orgId)!.region = 'apac';
    const after = await press('y', /FIX_ROLLED_BACK/);
    const flat = after.replace(/\n +/g, ' ');
    expect(flat).toContain('Restored .env: its edit did not fix the finding (rolled back).');
    expect(flat).toMatch(/FIX_ROLLED_BACK: \.env was restored: the re-run still shows REGION_MISMATCH/);
    expect(flat).toContain('Still there after the edit: REGION_MISMATCH (LANGSMITH_ENDPOINT)');
    expect(readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(env);
    expect(backups(cwd)).toEqual([]);
    // Two re-runs (the edit, then the restored file), both against the run before the edits.
    const s = session.store.getState();
    expect(s.round).toBe(3);
    expect(s.changes.find((c) => c.what === 'stage')).toBeUndefined();
  });

  it('several workspaces (emulator on loopback): nothing is picked until the user does; 2 then y writes that one', async () => {
    const { world, cwd, key, env } = await projectFor('org-scoped-key-without-workspace');
    const [first, second] = world.orgs[0]!.workspaces;
    const { press } = await screenOn(cwd, {}, { offline: false });
    const view = await press('f', /Fix \(dry run\)/);
    expect(view).toMatch(new RegExp(`› 1\\) ${first!.name}.*${first!.id}`));
    expect(view).toMatch(new RegExp(`2\\) ${second!.name}.*${second!.id}`));
    expect(view).not.toContain('+LANGSMITH_WORKSPACE_ID');
    expect(view).toContain('Pick a workspace below to see the edit that sets it');
    expect(view).toContain('1-2 or ↑↓ Enter pick a workspace · Esc back');
    const picked = await press('2', /Workspace picked/);
    expect(picked.replace(/\n +/g, ' ')).toContain(`use workspace '${second!.name}' (${second!.id}) — edits .env`);
    expect(await press(' ', /^\+LANGSMITH_WORKSPACE_ID/m)).toContain(`+LANGSMITH_WORKSPACE_ID=${second!.id}`);
    expect(readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(env);
    const after = await press('y', /Wrote \.env/);
    expect(readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(`${env}LANGSMITH_WORKSPACE_ID=${second!.id}\n`);
    expect(after).toMatch(/Fixed \(the re-run no longer shows it\): WORKSPACE_REQUIRED/);
    expect(after).not.toContain(key);
  });
});
