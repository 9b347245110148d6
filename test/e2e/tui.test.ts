// The interactive screen in a real terminal (tmux), on the built CLI: every demo scenario at 80
// and 120 columns never garbles (no line wider than the terminal, each title whole on one row,
// nothing drawn twice), and key scripts select, expand, open the plan, re-run after the world
// changed, export, and quit with the right exit code. TERM=dumb and LANG=C get no cursor movement.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios, startEmulator } from '../../src/emulator/index.js';
import type { Report } from '../../src/report/model.js';
import { STATUS_GLYPH } from '../../src/report/text.js';
import stringWidth from 'string-width';
import { tempDir } from '../helpers/cli.js';
import { hasTmux } from '../helpers/tmux.js';
import { startTui, tui as tmux } from '../helpers/tui.js';

const DONE = /^\d+ pass · \d+ warn · \d+ fail · \d+ skip · \d+ error/m;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const start = startTui;

/** Every line of the screen fits; every check is one row with its title whole; nothing is drawn twice. */
function assertLaidOut(screen: string, width: number, report: Report): void {
  for (const line of screen.split('\n')) expect(stringWidth(line), `wider than ${width}: ${line}`).toBeLessThanOrEqual(width);
  for (const c of report.checks) {
    expect(screen, `row of ${c.id}`).toMatch(new RegExp(`^[›* ] ${escape(STATUS_GLYPH[c.status])} ${escape(c.title)}( |$)`, 'm'));
  }
  expect(screen.split(`langsmith-doctor ${report.tool.version}`).length).toBe(2);
  expect(screen.match(DONE)?.length).toBe(1);
  // No spinner left behind once everything settled.
  expect(screen).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
}

describe.runIf(hasTmux || process.env.LSD_TEST_IN_CI)('the interactive screen under tmux', () => {
  it('every demo scenario at 120 columns, then resized to 80: no line wider than the terminal, every title whole, exit code of the run', async () => {
    const failures: string[] = [];
    const one = async (name: string) => {
      const t = start(['--demo', name, '--report', 'report.json'], { width: 120 });
      try {
        const wide = await t.wait(DONE);
        // The same screen, re-laid out for a narrower terminal.
        tmux('resize-window', '-t', t.session, '-x', '80');
        await until(() => t.screen().split('\n').every((l) => stringWidth(l) <= 80) && DONE.test(t.screen()));
        const resized = t.screen();
        t.keys('q');
        const code = await t.exitCode();
        const report = JSON.parse(readFileSync(path.join(t.cwd, 'report.json'), 'utf8')) as Report;
        assertLaidOut(wide, 120, report);
        assertLaidOut(resized, 80, report);
        expect(code).toBe(report.summary.fail + report.summary.error > 0 ? 1 : 0);
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      } finally {
        t.close();
      }
    };
    // A few windows at a time (the machine has two cores): each starts as another ends.
    const queue = scenarios.map((s) => s.name);
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await one(name);
    }));
    expect(failures).toEqual([]);
  }, 600_000);

  it('select and expand (a fix command and the HTTP exchanges show), the plan, the keys; q exits 1 after a failing run', async () => {
    const t = start(['--demo', 'viewer', '--timeout', '20000'], { width: 100 });
    try {
      await t.wait(DONE);
      t.keys('j', 'j', 'j', 'j');
      await t.wait(/^› ✖ Permission tier/m);
      t.keys('Enter');
      const expanded = await t.wait(/HTTP exchanges/);
      expect(expanded).toContain('✖ TIER_READ_ONLY');
      expect(expanded).toMatch(/^ {8}node \S+cli\.js --watch 60 {3}# tells you the moment the role changes$/m);
      expect(expanded).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/workspaces → 200/);
      t.keys('Escape');
      await t.wait(/^ {2}✔ Key age and expiry/m);
      t.keys('p');
      const plan = await t.wait(/Plan for stage read-only/);
      expect(plan).toMatch(/^ {2}1\. Ask a workspace admin for the Editor role/m);
      expect(plan).toMatch(/^ {7}export LANGSMITH_FAILED_TRACES_DIR=\.\/failed-traces$/m);
      t.keys('p', '?');
      const keys = await t.wait(/^Keys$/m);
      expect(keys).toContain('re-run everything');
      t.keys('q');
      expect(await t.exitCode()).toBe(1);
    } finally {
      t.close();
    }
  }, 90_000);

  it('r re-runs after the world changed (a row flips, the change is named); --watch in a terminal is the same screen', async () => {
    const scenario = scenarios.find((s) => s.name === 'viewer')!;
    const world = structuredClone(scenario.world);
    const emu = await startEmulator({ world });
    try {
      const cwd = tempDir('lsd-tui-');
      writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
      const env = scenario.env(emu.urls);
      const t = start(['--watch', '600', '--timeout', '20000'], { width: 120, cwd, env });
      try {
        const first = await t.wait(DONE);
        expect(first).toMatch(/^Stage: read-only · tier read-only/m);
        expect(first).toMatch(/watching: next run in \d+ s/);
        world.keys.find((k) => k.key === env.LANGSMITH_API_KEY)!.role = 'Editor';
        t.keys('r');
        const after = await t.wait(/^Changed: /m);
        expect(after).toMatch(/^Changed: .*stage: read-only → limited-write · tier: read-only → limited-write/m);
        expect(after).toMatch(/^\* [✔⚠] Permission tier {2}fail → (pass|warn) · /m);
        expect(after).toContain('Access changed; watch stopped.');
        expect(after).toContain('run 2');
        t.keys('q');
        expect(await t.exitCode()).toBe(0);
      } finally {
        t.close();
      }
    } finally {
      await emu.close();
    }
  }, 90_000);

  it('e exports a report to the working folder (format asked, path shown, key masked); q exits 0 after a clean run', async () => {
    const t = start(['--demo', 'healthy-admin', '--timeout', '20000'], { width: 120 });
    try {
      await t.wait(DONE);
      t.keys('e');
      await t.wait(/Export as: m Markdown · j JSON · h HTML/);
      t.keys('j');
      const screen = await t.wait(/Report written to \S+\.json/);
      const file = /Report written to (\S+\.json)/.exec(screen)![1]!;
      expect(path.dirname(file)).toBe(t.cwd);
      const text = readFileSync(file, 'utf8');
      const report = JSON.parse(text) as Report;
      expect(report.target.key).toMatch(/^lsv2_(pt|sk)_…[0-9a-f]{4}$/);
      // No key appears whole anywhere in the file.
      expect(text).not.toMatch(/lsv2_(pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}/);
      expect(text).toContain(report.target.key!);
      t.keys('e', 'Enter');
      await t.wait(/Report written to \S+\.md/);
      expect(readdirSync(t.cwd).filter((f) => f.startsWith('langsmith-doctor-report-')).sort().map((f) => path.extname(f))).toEqual(['.json', '.md']);
      t.keys('q');
      expect(await t.exitCode()).toBe(0);
    } finally {
      t.close();
    }
  }, 90_000);

  it('q mid-run quits at once with 130, keys typed during the run do not garble the screen, the terminal is restored', async () => {
    const t = start(['--demo', 'timeout', '--timeout', '20000'], { width: 80 });
    try {
      await t.wait(/^Running: /m);
      t.keys('x', 'Enter', 'j', 'z', 'Enter');
      const during = await t.wait(/^Running: /m);
      for (const line of during.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
      expect(during.split('langsmith-doctor 0.1.0').length).toBe(2);
      t.keys('q');
      expect(await t.exitCode()).toBe(130);
      // Cooked mode again: the shell's stty shows echo on.
      const tty = tmux('display-message', '-p', '-t', t.session, '#{pane_tty}').trim();
      expect(execFileSync('stty', ['-a'], { stdio: [openTty(tty), 'pipe', 'pipe'], encoding: 'utf8' })).toMatch(/(^|\s)echo(\s|$)/);
    } finally {
      t.close();
    }
  }, 90_000);

  it('Ctrl-C mid-run exits 130 too', async () => {
    const t = start(['--demo', 'timeout', '--timeout', '20000'], { width: 80 });
    try {
      await t.wait(/^Running: /m);
      t.keys('C-c');
      expect(await t.exitCode()).toBe(130);
    } finally {
      t.close();
    }
  }, 60_000);

  it.each([
    ['TERM=dumb', { TERM: 'dumb' }],
    ['LANG=C', { LANG: 'C' }],
  ])('%s: plain lines in ASCII, no cursor movement, no Unicode glyphs', async (_, env) => {
    const dir = tempDir('lsd-tui-raw-');
    mkdirSync(dir, { recursive: true });
    const raw = path.join(dir, 'raw.bin');
    const t = start(['--demo', 'viewer'], { width: 80, env, raw });
    try {
      expect(await t.exitCode()).toBe(1);
      expect(existsSync(raw)).toBe(true);
      const bytes = readFileSync(raw, 'latin1');
      expect(bytes).toContain('Stage: read-only');
      expect(bytes).toMatch(/x FAIL  Permission tier/);
      // Cursor movement, erasing, hiding the cursor, the alternate screen: none of it.
      expect(bytes).not.toMatch(/\u001b\[[0-9;?]*[ABCDEFGHJKSTfsu]|\u001b\[\?(25|1049)[hl]|\u001b[78]/);
      expect(/[^\x00-\x7f]/.test(bytes.replace(/EXIT=\d+/, ''))).toBe(false);
    } finally {
      t.close();
    }
  }, 60_000);
});

async function until(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting for the screen to re-lay out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function openTty(tty: string): number {
  return openSync(tty, 'r');
}
