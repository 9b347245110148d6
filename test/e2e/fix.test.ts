// --fix / --yes on the built CLI, against fixture projects (a temp folder with a .env file and a
// config pointing the regions at the emulator on loopback).
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { scenarios, startEmulator, type RunningEmulator, type World } from '../../src/emulator/index.js';
import { assertNoSecrets, CLI, ROOT, runCli, tempDir } from '../helpers/cli.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const reportSchema = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8')));
function expectSchemaValid(doc: unknown): void {
  expect(reportSchema(doc), ajv.errorsText(reportSchema.errors)).toBe(true);
}

interface Fixture {
  cwd: string;
  key: string;
  emu: RunningEmulator;
  world: World;
  envFile: string;
  urls: RunningEmulator['urls'];
}

const open: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

/** A project folder for a scenario's world: `.env` from `dotenv(key, urls)`, regions at the emulator. */
async function fixture(name: string, dotenv: (key: string, urls: RunningEmulator['urls']) => string, tweak?: (w: World) => void): Promise<Fixture> {
  const scenario = scenarios.find((s) => s.name === name)!;
  const world = structuredClone(scenario.world);
  tweak?.(world);
  const emu = await startEmulator({ world });
  open.push(emu);
  const cwd = tempDir('lsd-fix-');
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
  const key = scenario.env(emu.urls).LANGSMITH_API_KEY!;
  const envFile = path.join(cwd, '.env');
  writeFileSync(envFile, dotenv(key, emu.urls), { mode: 0o600 });
  return { cwd, key, emu, world, envFile, urls: emu.urls };
}

const backups = (cwd: string) => readdirSync(cwd).filter((f) => /\.langsmith-doctor-\d{8}T\d{6}Z\.bak$/.test(f));

// An EU key on the US default, the tracing flag capitalised: two fixes in one CRLF file with comments.
const euEnv = (key: string) => `\uFEFF# LangSmith settings\r\nLANGSMITH_API_KEY=${key}\r\n\r\n# turn tracing on\r\nLANGSMITH_TRACING=True   # on\r\n`;

describe('--fix: dry run and confirmation', () => {
  it('shows the diff and, when the answer is no, changes nothing', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--plain'], { cwd: f.cwd, input: 'n\n', secrets: [f.key] });
    expect(r.stdout).toContain('--- .env\n+++ .env (after --fix)\n');
    expect(r.stdout).toContain('-LANGSMITH_TRACING=True   # on\n+LANGSMITH_TRACING=true   # on\n');
    expect(r.stdout).toContain(`+LANGSMITH_ENDPOINT=${f.urls.regions.eu}\n`);
    // The key line is shown masked, never whole.
    expect(r.stdout).toMatch(/ LANGSMITH_API_KEY=lsv2_pt_…[0-9a-f]{4}\n/);
    expect(r.stdout).toContain('Apply these edits to .env?');
    expect(r.stdout).toContain('Nothing changed.');
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(backups(f.cwd)).toEqual([]);
    expect(r.code).toBe(1);
  }, 30_000);

  it('no answer at all (stdin closed) is a no', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--plain'], { cwd: f.cwd, input: '', secrets: [f.key] });
    expect(r.stdout).toContain('Nothing changed.');
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(r.code).toBe(1);
  }, 30_000);

  it('when accepted, edits the file (BOM, CRLF and comments kept), keeps a backup and shows the findings gone', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--plain'], { cwd: f.cwd, input: 'y\n', secrets: [f.key] });
    expect(readFileSync(f.envFile, 'utf8')).toBe(`\uFEFF# LangSmith settings\r\nLANGSMITH_API_KEY=${f.key}\r\n\r\n# turn tracing on\r\nLANGSMITH_TRACING=true   # on\r\nLANGSMITH_ENDPOINT=${f.urls.regions.eu}\r\n`);
    const [backup] = backups(f.cwd);
    expect(backup).toBeDefined();
    expect(readFileSync(path.join(f.cwd, backup!), 'utf8')).toBe(before);
    // The file and its backup keep the file's mode (it holds a key).
    expect(statSync(f.envFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(f.cwd, backup!)).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(`Wrote .env (backup: ${backup}).`);
    expect(r.stdout).toContain('✔ REGION_MISMATCH (auth, LANGSMITH_ENDPOINT): fail → gone');
    expect(r.stdout).toContain('✔ TRACING_FLAG_INVALID (env-vars, LANGSMITH_TRACING): fail → gone');
    expect(r.stdout).toMatch(/Stage: configure → full-access/);
    // Exit code of the diagnosis after the fix.
    expect(r.code).toBe(0);
  }, 30_000);
});

describe('--fix --json', () => {
  it('without --yes only reports the planned edits', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--json'], { cwd: f.cwd, secrets: [f.key] });
    const out = r.json();
    expectSchemaValid(out);
    expect(out.fix.applied).toBe(false);
    expect(out.fix.planned.filter((p: any) => p.action === 'edit').map((p: any) => p.code).sort()).toEqual(['REGION_MISMATCH', 'TRACING_FLAG_INVALID']);
    expect(out.fix.files).toHaveLength(1);
    expect(out.fix.files[0].file).toBe('.env');
    expect(out.fix.files[0].diff).toContain(`+LANGSMITH_ENDPOINT=${f.urls.regions.eu}`);
    expect(out.diagnosis.stage).toBe('configure');
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(backups(f.cwd)).toEqual([]);
    expect(r.code).toBe(1);
  }, 30_000);

  it('with --yes applies without asking and prints the after-fix report', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    const r = await runCli(['--fix', '--yes', '--json'], { cwd: f.cwd, secrets: [f.key] });
    const out = r.json();
    expectSchemaValid(out);
    expect(reportSchema({ ...out, fix: { ...out.fix, results: [{ ...out.fix.results[0], after: 'fixed' }] } })).toBe(false);
    expect(out.fix.applied).toBe(true);
    expect(out.fix.results.map((x: any) => [x.code, x.before, x.after, x.rolledBack]).sort()).toEqual([
      ['REGION_MISMATCH', 'fail', 'gone', false],
      ['TRACING_FLAG_INVALID', 'fail', 'gone', false],
    ]);
    expect(out.fix.before.stage).toBe('configure');
    expect(out.diagnosis.stage).toBe('full-access');
    expect(out.target.endpoint).toBe(f.urls.regions.eu);
    expect(out.fix.files[0].backup).toMatch(/^\.env\.langsmith-doctor-\d{8}T\d{6}Z\.bak$/);
    expect(readFileSync(f.envFile, 'utf8')).toContain(`LANGSMITH_ENDPOINT=${f.urls.regions.eu}`);
    expect(r.code).toBe(0);
  }, 30_000);
});

describe('--fix refuses and rolls back', () => {
  it('a read-only dotenv file: a clear error naming it, nothing changed', async () => {
    const f = await fixture('eu-key-on-us-default', euEnv);
    chmodSync(f.envFile, 0o444);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--yes', '--plain'], { cwd: f.cwd, secrets: [f.key] });
    expect(r.stderr).toMatch(/--fix changed nothing: \.env: the file is read-only/);
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(statSync(f.envFile).mode & 0o777).toBe(0o444);
    expect(backups(f.cwd)).toEqual([]);
    expect(r.code).toBe(1);
  }, 30_000);

  it('a fix that does not make its finding go away is rolled back', async () => {
    // The org moves to APAC while the user reads the diff: the EU endpoint the fix writes no longer helps.
    const f = await fixture('eu-key-on-us-default', euEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const child = spawn(process.execPath, [CLI, '--fix', '--plain'], { cwd: f.cwd, env: { PATH: process.env.PATH ?? '', HOME: f.cwd } });
    let out = '';
    let answered = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (!answered && out.includes('Apply these edits')) {
          answered = true;
          const orgId = f.world.keys.find((k) => k.key === f.key)!.orgId;
          f.world.orgs.find((o) => o.id === orgId)!.region = 'apac';
          child.stdin.end('y\n');
        }
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', resolve);
      setTimeout(() => child.kill('SIGKILL'), 25_000);
    });
    assertNoSecrets(out, [f.key]);
    expect(out).toContain('Restored .env: its edit did not fix the finding (rolled back).');
    expect(out).toContain('✘ REGION_MISMATCH (auth, LANGSMITH_ENDPOINT): fail → still there; .env rolled back');
    expect(out).toMatch(/FIX_ROLLED_BACK: \.env was restored: the re-run still shows REGION_MISMATCH/);
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(backups(f.cwd)).toEqual([]);
    expect(code).toBe(1);
  }, 30_000);

  it('never edits a dotenv file outside the project folder', async () => {
    const f = await fixture('healthy-admin', (key) => `LANGSMITH_API_KEY=${key}\n`);
    const outside = path.join(tempDir('lsd-fix-outside-'), 'shared.env');
    writeFileSync(outside, 'LANGSMITH_TRACING=True\n');
    const r = await runCli(['--fix', '--yes', '--json', '--dotenv', outside], { cwd: f.cwd, secrets: [f.key] });
    const fix = r.json().fix;
    const tracing = fix.planned.find((p: any) => p.code === 'TRACING_FLAG_INVALID');
    expect(tracing.action).toBe('manual');
    expect(tracing.what).toMatch(/outside the project folder/);
    expect(fix.files).toEqual([]);
    expect(readFileSync(outside, 'utf8')).toBe('LANGSMITH_TRACING=True\n');
  }, 30_000);
});

describe('--fix: each kind of edit', () => {
  it('a variable from the process environment gets an export line, not an edit', async () => {
    const f = await fixture('healthy-admin', (key) => `LANGSMITH_API_KEY=${key}\n`);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--plain'], { cwd: f.cwd, env: { LANGSMITH_TRACING: 'True' }, input: 'y\n', secrets: [f.key] });
    expect(r.stdout).toMatch(/\$ TRACING_FLAG_INVALID \(env-vars, LANGSMITH_TRACING\): .*process environment.*Run:\n {6}export LANGSMITH_TRACING=true\n/);
    expect(r.stdout).toContain('No file to edit.');
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
  }, 30_000);

  it('quotes and spaces around the key: removed in the file that holds it, the key masked in the diff', async () => {
    const f = await fixture('healthy-admin', (key) => `# key\nLANGSMITH_API_KEY=" ${key} "\nLANGSMITH_TRACING=true\n`);
    const r = await runCli(['--fix', '--plain', '--yes'], { cwd: f.cwd, secrets: [f.key] });
    const tail = f.key.slice(-4);
    expect(r.stdout).toContain(`-LANGSMITH_API_KEY=" lsv2_pt_…${tail} "\n+LANGSMITH_API_KEY=lsv2_pt_…${tail}\n`);
    expect(r.stdout).toContain('✔ KEY_QUOTED (key-format, LANGSMITH_API_KEY): warn → gone');
    expect(readFileSync(f.envFile, 'utf8')).toBe(`# key\nLANGSMITH_API_KEY=${f.key}\nLANGSMITH_TRACING=true\n`);
  }, 30_000);

  it('misspelled names are renamed and LANGCHAIN_ twins follow LANGSMITH_', async () => {
    const f = await fixture('healthy-admin', (key) => `LANGSMITH_API_KEY=${key}\nLANGSMITH_TRACNG=true # typo\nLANGSMITH_PROJECT=chatbot-prod\nLANGCHAIN_PROJECT=old-project\n`);
    const r = await runCli(['--fix', '--yes', '--json'], { cwd: f.cwd, secrets: [f.key] });
    const out = r.json();
    expect(out.fix.results.map((x: any) => [x.code, x.subject, x.after]).sort()).toEqual([
      ['ENV_CONFLICT', 'LANGCHAIN_PROJECT', 'gone'],
      ['ENV_NAME_TYPO', 'LANGSMITH_TRACNG', 'gone'],
    ]);
    expect(readFileSync(f.envFile, 'utf8')).toBe(`LANGSMITH_API_KEY=${f.key}\nLANGSMITH_TRACING=true # typo\nLANGSMITH_PROJECT=chatbot-prod\nLANGCHAIN_PROJECT=chatbot-prod\n`);
    expect(r.code).toBe(0);
  }, 30_000);

  it('a hyphenated key name is renamed, and the key then reaches the checks', async () => {
    const f = await fixture('healthy-admin', (key) => `LANGSMITH-API-KEY=${key}\nLANGSMITH_TRACING=true\n`);
    const r = await runCli(['--fix', '--yes', '--json'], { cwd: f.cwd, secrets: [f.key] });
    const out = r.json();
    // KEY_MISSING is not offered as a manual step: the rename is its fix.
    expect(out.fix.planned.map((p: any) => [p.code, p.action])).toEqual([['ENV_NAME_TYPO', 'edit'], ['DOTENV_NOT_LOADED', 'manual']]);
    expect(out.fix.results).toMatchObject([{ code: 'ENV_NAME_TYPO', subject: 'LANGSMITH-API-KEY', before: 'warn', after: 'gone' }]);
    expect(out.fix.before.stage).toBe('configure');
    expect(out.diagnosis.stage).toBe('admin');
    expect(readFileSync(f.envFile, 'utf8')).toBe(`LANGSMITH_API_KEY=${f.key}\nLANGSMITH_TRACING=true\n`);
    expect(r.code).toBe(0);
  }, 30_000);

  it('a workspace id that is not a bare UUID keeps the UUID inside it', async () => {
    const scenario = scenarios.find((s) => s.name === 'org-scoped-key-with-workspace')!;
    const f = await fixture('org-scoped-key-with-workspace', (key, urls) => `LANGSMITH_API_KEY=${key}\nLANGSMITH_TRACING=true\nLANGSMITH_WORKSPACE_ID="{${scenario.env(urls).LANGSMITH_WORKSPACE_ID}}"\n`);
    const r = await runCli(['--fix', '--yes', '--json'], { cwd: f.cwd, secrets: [f.key] });
    const out = r.json();
    const id = scenario.env(f.urls).LANGSMITH_WORKSPACE_ID!;
    expect(out.fix.results.find((x: any) => x.code === 'WORKSPACE_ID_INVALID')).toMatchObject({ after: 'gone', rolledBack: false });
    expect(readFileSync(f.envFile, 'utf8')).toContain(`LANGSMITH_WORKSPACE_ID="${id}"\n`);
    expect(out.diagnosis.stage).toBe('admin');
  }, 30_000);
});

describe('--fix: the workspace of an org-scoped key', () => {
  const orgEnv = (key: string) => `LANGSMITH_API_KEY=${key}\nLANGSMITH_TRACING=true\n`;

  it('one workspace: written with --yes, and the key then authenticates', async () => {
    const f = await fixture('org-scoped-key-without-workspace', orgEnv, (w) => {
      w.orgs[0]!.workspaces.splice(1);
    });
    const id = f.world.orgs[0]!.workspaces[0]!.id;
    const r = await runCli(['--fix', '--yes', '--plain'], { cwd: f.cwd, secrets: [f.key] });
    expect(r.stdout).toContain(`+LANGSMITH_WORKSPACE_ID=${id}`);
    expect(r.stdout).toContain('✔ WORKSPACE_REQUIRED (auth, LANGSMITH_WORKSPACE_ID): fail → gone');
    expect(readFileSync(f.envFile, 'utf8')).toBe(`${orgEnv(f.key)}LANGSMITH_WORKSPACE_ID=${id}\n`);
    expect(r.code).toBe(0);
  }, 30_000);

  it('several workspaces: --yes refuses to choose and names them', async () => {
    const f = await fixture('org-scoped-key-without-workspace', orgEnv);
    const before = readFileSync(f.envFile, 'utf8');
    const r = await runCli(['--fix', '--yes', '--plain'], { cwd: f.cwd, secrets: [f.key] });
    for (const ws of f.world.orgs[0]!.workspaces) expect(r.stdout).toContain(`${ws.name}`);
    expect(r.stdout).toMatch(/\? WORKSPACE_REQUIRED \(auth\): The key can see 2 workspaces; pick the one to use: .*--yes does not choose/);
    expect(readFileSync(f.envFile, 'utf8')).toBe(before);
    expect(r.code).toBe(1);
  }, 30_000);

  it('several workspaces: asked, and the chosen one is written', async () => {
    const f = await fixture('org-scoped-key-without-workspace', orgEnv);
    const second = f.world.orgs[0]!.workspaces[1]!;
    const r = await runCli(['--fix', '--plain'], { cwd: f.cwd, input: '2\ny\n', secrets: [f.key] });
    expect(r.stdout).toMatch(/Which one should LANGSMITH_WORKSPACE_ID name\?\n {2}1\) .*\n {2}2\) Staging.*\nNumber \(Enter to skip\): /);
    expect(readFileSync(f.envFile, 'utf8')).toBe(`${orgEnv(f.key)}LANGSMITH_WORKSPACE_ID=${second.id}\n`);
    expect(r.stdout).toContain('✔ WORKSPACE_REQUIRED (auth, LANGSMITH_WORKSPACE_ID): fail → gone');
    expect(r.code).toBe(0);
  }, 30_000);
});

describe('--fix flags', () => {
  it('--yes without --fix, and --fix with --watch or --demo, are usage errors', async () => {
    for (const [args, msg] of [[['--yes'], /--yes confirms the edits of --fix/], [['--fix', '--watch', '5'], /--fix and --watch exclude each other/], [['--fix', '--demo', 'viewer'], /--demo has none/]] as const) {
      const r = await runCli([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('is documented in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/--fix +after the diagnosis/);
    expect(r.stdout).toMatch(/-y, --yes +with --fix: apply without asking/);
  });
});

