// Running where the user's app is: --cwd, INIT_CWD under `npm start`, the README's
// `npm --prefix <clone> start` from an app folder, the doctor's own name in printed commands,
// per-command help, and the environment a report carries. All on the built bundle.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, runProgram, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('invoke-app');

/** An app folder of its own: a dotenv file with a key, a config, and an installed JS SDK. */
function appFolder(): string {
  const app = tempDir('lsd-app-');
  writeFileSync(path.join(app, '.env'), `LANGSMITH_API_KEY=${KEY}\n`);
  writeFileSync(path.join(app, '.langsmith-doctorrc.json'), JSON.stringify({ timeoutMs: 4000 }));
  mkdirSync(path.join(app, 'node_modules', 'langsmith'), { recursive: true });
  writeFileSync(path.join(app, 'node_modules', 'langsmith', 'package.json'), JSON.stringify({ name: 'langsmith', version: '0.3.70' }));
  return app;
}

function expectAppDiagnosed(report: any, app: string) {
  expect(report.target.folder).toBe(app);
  expect(report.target.config).toBe(path.join(app, '.langsmith-doctorrc.json'));
  expect(report.target.keySource).toMatch(/\.env/);
  expect(report.target.keyKind).toBe('personal-access-token');
}

describe('the folder diagnosed', () => {
  it('--cwd DIR: config, dotenv and SDKs come from DIR, and --report paths are relative to it', async () => {
    const app = appFolder();
    const r = await runCli(['--cwd', app, '--json', '--offline', '--report', 'doctor.md'], { secrets: [KEY] });
    const report = r.json();
    expectAppDiagnosed(report, app);
    expect(report.environment.sdks).toEqual([{ language: 'js', name: 'langsmith', version: '0.3.70' }]);
    expect(existsSync(path.join(app, 'doctor.md'))).toBe(true);
    const plugins = await runCli(['plugins', '--cwd', app]);
    expect(plugins.stdout).toContain(`Config: ${path.join(app, '.langsmith-doctorrc.json')}`);
    expect(plugins.stdout).toContain(`Folder: ${app}`);
  });

  it('--cwd with a folder that does not exist is a usage error naming it', async () => {
    const r = await runCli(['--cwd', 'no-such-app', '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cwd no-such-app: no such folder/);
  });

  it('under an npm script, INIT_CWD (where npm was invoked) is diagnosed; a stale INIT_CWD outside one is not', async () => {
    const app = appFolder();
    const underNpm = await runCli(['--json', '--offline'], { env: { INIT_CWD: app, npm_lifecycle_event: 'start', npm_command: 'run-script' }, secrets: [KEY] });
    expectAppDiagnosed(underNpm.json(), app);
    const here = tempDir();
    const stale = await runCli(['--json', '--offline'], { cwd: here, env: { INIT_CWD: app }, secrets: [KEY] });
    expect(stale.json().target.folder).toBe(here);
    expect(stale.json().target.config).toBeNull();
    // --cwd wins over INIT_CWD.
    const explicit = await runCli(['--json', '--offline', '--cwd', here], { env: { INIT_CWD: app, npm_lifecycle_event: 'start' }, secrets: [KEY] });
    expect(explicit.json().target.folder).toBe(here);
  });

  it("the README's `npm --prefix <clone> start` run from an app folder diagnoses the app, not the clone", async () => {
    const app = appFolder();
    const out = await runProgram('npm', ['--prefix', ROOT, 'start', '--', '--json', '--offline'], { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: app } });
    expect(out.stdout + out.stderr).not.toContain(KEY);
    // npm prints its own `> langsmith-doctor@… start` banner before the report.
    const json = out.stdout.slice(out.stdout.indexOf('\n{') + 1);
    expectAppDiagnosed(JSON.parse(json), app);
  }, 60_000);
});

describe('the doctor names itself the way it was started', () => {
  it('`node /abs/path/cli.js` when not installed; `langsmith-doctor` when that name on PATH is this bundle', async () => {
    const plain = (await runCli(['--demo', 'viewer', '--json'])).json();
    // Without a trailing `# why` comment, which a plan command may carry.
    const commands = (r: any): string[] => r.diagnosis.plan.flatMap((p: any) => p.commands).map((c: string) => c.replace(/\s+#.*$/, ''));
    expect(commands(plain).some((c) => c.endsWith(`${CLI} --watch 60`))).toBe(true);
    expect(commands(plain).some((c) => /^(npx )?langsmith-doctor\b/.test(c))).toBe(false);

    const bin = tempDir('lsd-bin-');
    symlinkSync(CLI, path.join(bin, 'langsmith-doctor'));
    const installed = (await runCli(['--demo', 'viewer', '--json'], { env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` } })).json();
    expect(commands(installed)).toContain('langsmith-doctor --watch 60');
    expect(commands(installed).some((c) => c.includes(CLI))).toBe(false);
  });
});

describe('help', () => {
  it.each([
    ['explain', /Usage: .*explain \[FILE\|-\]/],
    ['plugins', /Usage: .*plugins \[--json\]/],
    ['emulator', /Usage: .*emulator --scenario NAME/],
  ])('%s --help prints its own usage, not the global one', async (command, usage) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(usage);
    expect(r.stdout).not.toMatch(/--write-probe/);
  });

  it('the global --help has examples that name the doctor as started, with --cwd among the options', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/^Examples$/m);
    expect(r.stdout).toContain(`${CLI} --demo viewer`);
    expect(r.stdout).toMatch(/--cwd DIR/);
  });
});

describe('reports carry the environment', () => {
  it('JSON: OS, Node, doctor version, shell and CI; Markdown and HTML show it too, redacted', async () => {
    const app = appFolder();
    const shell = `/opt/${KEY}/bin/zsh`; // absurd, but proves the shell passes through redaction
    const r = await runCli(['--cwd', app, '--json', '--offline', '--report', 'r.md'], { env: { SHELL: shell, GITHUB_ACTIONS: 'true' }, secrets: [KEY] });
    const env = r.json().environment;
    expect(env).toMatchObject({ os: process.platform, arch: process.arch, node: process.version, doctorVersion: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version, ci: true, ciProvider: 'github-actions' });
    expect(env.shell).toMatch(/^\/opt\/lsv2_pt_…/);
    const md = readFileSync(path.join(app, 'r.md'), 'utf8');
    expect(md).toMatch(/\| Environment \| .*Node v\d+.*CI github-actions.*js langsmith 0\.3\.70/);
    expect(md).not.toContain(KEY);
    const html = await runCli(['--cwd', app, '--offline', '--report', 'r.html'], { env: { SHELL: '/bin/bash' }, secrets: [KEY] });
    expect(html.code).not.toBeNull();
    expect(readFileSync(path.join(app, 'r.html'), 'utf8')).toMatch(/class="environment">Folder <code>.*shell \/bin\/bash · not CI/);
  });
});
