// The `f` key on the built CLI in a real terminal (tmux, 80 columns), against a fixture project: a
// .env with an EU key on the US default endpoint and a capitalised tracing flag (CRLF, BOM,
// comments), regions pointed at the emulator on loopback. f shows --fix's dry-run diff (key
// masked), n leaves the file byte-identical, y writes it with a backup and re-runs; a read-only
// .env is refused with nothing changed.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarios, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { tempDir } from '../helpers/cli.js';
import { hasTmux } from '../helpers/tmux.js';
import { startTui } from '../helpers/tui.js';

const DONE = /^\d+ pass · \d+ warn · \d+ fail · \d+ skip · \d+ error/m;
const WIDTH = 80;
const open: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

// The same project as test/e2e/fix.test.ts's first cases: two fixes in one CRLF file with comments.
const euEnv = (key: string) => `\uFEFF# LangSmith settings\r\nLANGSMITH_API_KEY=${key}\r\n\r\n# turn tracing on\r\nLANGSMITH_TRACING=True   # on\r\n`;

async function euProject() {
  const scenario = scenarios.find((s) => s.name === 'eu-key-on-us-default')!;
  const emu = await startEmulator({ world: structuredClone(scenario.world) });
  open.push(emu);
  const cwd = tempDir('lsd-tui-fix-');
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
  const key = scenario.env(emu.urls).LANGSMITH_API_KEY!;
  const envFile = path.join(cwd, '.env');
  writeFileSync(envFile, euEnv(key), { mode: 0o600 });
  return { cwd, key, envFile, eu: emu.urls.regions.eu! };
}

const backups = (cwd: string) => readdirSync(cwd).filter((f) => /^\.env\.langsmith-doctor-\d{8}T\d{6}Z\.bak$/.test(f));

function assertFits(screen: string, key: string): void {
  for (const line of screen.split('\n')) expect(stringWidth(line), `wider than ${WIDTH}: ${line}`).toBeLessThanOrEqual(WIDTH);
  expect(screen.includes(key), 'the key appears whole on the screen').toBe(false);
}

describe.runIf(hasTmux || process.env.LSD_TEST_IN_CI)('the f key under tmux', () => {
  it('f shows the dry-run diff (key masked), n leaves the file byte-identical, then f y writes it with a backup and the re-run shows the findings gone', async () => {
    const p = await euProject();
    const before = readFileSync(p.envFile);
    const t = startTui(['--timeout', '20000'], { width: WIDTH, cwd: p.cwd });
    try {
      const first = await t.wait(DONE);
      expect(first).toMatch(/^Stage: configure/m);
      expect(first).toMatch(/(^| · )f fix( · |$)/m);
      t.keys('f');
      const plan = await t.wait(/^\+LANGSMITH_ENDPOINT=/m);
      assertFits(plan, p.key);
      expect(plan).toContain('Fix (dry run): nothing is written until you press y');
      expect(plan).toMatch(/^--- \.env$/m);
      expect(plan).toContain('-LANGSMITH_TRACING=True   # on');
      expect(plan).toContain('+LANGSMITH_TRACING=true   # on');
      expect(plan).toContain(`+LANGSMITH_ENDPOINT=${p.eu}`);
      expect(plan).toMatch(/^ LANGSMITH_API_KEY=lsv2_pt_…[0-9a-f]{4}$/m);
      expect(plan).toMatch(/y apply · n\/Esc leave, nothing changes/);
      t.keys('n');
      await t.wait(/(^| · )f fix( · |$)/m);
      expect(readFileSync(p.envFile).equals(before)).toBe(true);
      expect(backups(p.cwd)).toEqual([]);

      t.keys('f');
      await t.wait(/^\+LANGSMITH_ENDPOINT=/m);
      t.keys('y');
      const after = await t.wait(/^Wrote \.env \(backup: \S+\)\.$/m);
      assertFits(after, p.key);
      expect(readFileSync(p.envFile, 'utf8')).toBe(`\uFEFF# LangSmith settings\r\nLANGSMITH_API_KEY=${p.key}\r\n\r\n# turn tracing on\r\nLANGSMITH_TRACING=true   # on\r\nLANGSMITH_ENDPOINT=${p.eu}\r\n`);
      const [backup] = backups(p.cwd);
      expect(after).toContain(`Wrote .env (backup: ${backup}).`);
      expect(readFileSync(path.join(p.cwd, backup!)).equals(before)).toBe(true);
      expect(statSync(p.envFile).mode & 0o777).toBe(0o600);
      // Before → after: the stage line, the changed rows marked, the findings named gone.
      expect(after).toMatch(/^Changed: stage: configure → full-access/m);
      expect(after).toMatch(/^Stage: full-access/m);
      expect(after).toMatch(/^\* ✔ Authentication and workspace +fail → pass/m);
      expect(after).toMatch(/^Fixed \(the re-run no longer shows it\): REGION_MISMATCH/m);
      t.keys('q');
      expect(await t.exitCode()).toBe(0);
    } finally {
      t.close();
    }
  }, 120_000);

  it('--demo: f shows what is left to do by hand (the scenario\'s settings are in no file), y writes nothing, Esc goes back', async () => {
    const t = startTui(['--demo', 'viewer', '--timeout', '20000'], { width: WIDTH });
    try {
      await t.wait(DONE);
      t.keys('f');
      const view = await t.wait(/Fix \(dry run\)/);
      for (const line of view.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(WIDTH);
      expect(view).toContain('Nothing here can be fixed by editing a file');
      expect(view.replace(/\n {4}/g, ' ')).toMatch(/^ {2}✋ TIER_READ_ONLY \(permission-tier\): cannot be fixed by a configuration edit\. Roles/m);
      expect(view).toMatch(/^Esc back · ↑↓ scroll · q quit$/m);
      t.keys('y');
      t.keys('Escape');
      const back = await t.wait(/(^| · )f fix( · |$)/m);
      expect(back).not.toContain('Fix (dry run)');
      expect(readdirSync(t.cwd)).toEqual([]);
      t.keys('q');
      expect(await t.exitCode()).toBe(1);
    } finally {
      t.close();
    }
  }, 90_000);

  it('a read-only .env: y shows the refusal, nothing is written, q exits with the unchanged run\'s code', async () => {
    const p = await euProject();
    chmodSync(p.envFile, 0o444);
    const before = readFileSync(p.envFile);
    const t = startTui(['--timeout', '20000'], { width: WIDTH, cwd: p.cwd });
    try {
      await t.wait(DONE);
      t.keys('f');
      await t.wait(/^\+LANGSMITH_ENDPOINT=/m);
      t.keys('y');
      const refused = await t.wait(/^FIX_REFUSED: \.env/m);
      assertFits(refused, p.key);
      // The note is wrapped to the width: read it as one line.
      expect(refused.replace(/\n +/g, ' ')).toMatch(/^FIX_REFUSED: \.env \(\S+\/\.env\) was not changed: the file is read-only; nothing was written$/m);
      expect(refused).toMatch(/^Stage: configure/m);
      expect(readFileSync(p.envFile).equals(before)).toBe(true);
      expect(statSync(p.envFile).mode & 0o777).toBe(0o444);
      expect(backups(p.cwd)).toEqual([]);
      t.keys('q');
      expect(await t.exitCode()).toBe(1);
    } finally {
      t.close();
    }
  }, 90_000);
});
