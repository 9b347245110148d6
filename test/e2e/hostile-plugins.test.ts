// Hostile plugins against the BUILT CLI: a plugin must not leak a secret, hang the doctor, end it,
// or leave it unable to report. Each case runs dist/cli.js in a temp project whose config names
// the plugin. No timing is asserted: runCli's kill guard (20 s) only turns a hang into a failure.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type RunningEmulator } from '../../src/emulator/index.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';
import { goneSoon } from '../helpers/processes.js';

const KEY = fakeKey('hostile-plugins');
const OPENAI = 'sk-proj-Hx7cQ2vN9mR4tK8wL1pZ6yB3fD5gJ0sA';
const ANTHROPIC = 'sk-ant-api03-Qw8eR7tY6uI5oP4aS3dF2gH1jK0lZxCv';
const GITHUB = 'ghp_R2d2C3poBb8Yoda9Luke7Leia6Han5Chew4';
const PROXY_PASSWORD = 'Pr0xyPa55w0rd-never-shown';
/** A healthy offline set-up: every built-in passes, so the exit code is the plugins' doing. */
const ENV = { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'true' };

function project(config: unknown, files: Record<string, string> = {}, configName = '.langsmith-doctorrc.json'): string {
  const dir = tempDir('lsd-hostile-');
  writeFileSync(path.join(dir, 'package.json'), '{"name":"app","type":"module"}');
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text);
    if (name.endsWith('.sh')) chmodSync(path.join(dir, name), 0o755);
  }
  writeFileSync(path.join(dir, configName), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

const row = (report: { checks: Array<{ id: string }> }, id: string) => report.checks.find((c) => c.id === id) as { status: string; summary: string; evidence?: unknown } | undefined;

describe('hostile command plugins (built CLI)', () => {
  it('a grandchild left running (sleep 40 &) does not keep the doctor alive: the whole group is killed at the configured timeout', async () => {
    const cwd = project(
      { plugins: [{ command: 'bash grand.sh', id: 'acme/grand', timeoutMs: 1000 }] },
      { 'grand.sh': 'sleep 40 &\necho $! > grandchild.pid\nsleep 40\n' },
    );
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    expect(row(r.json(), 'acme/grand')).toMatchObject({ status: 'error', summary: expect.stringContaining('timed out after 1000 ms') });
    const pid = Number(readFileSync(path.join(cwd, 'grandchild.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(1);
    expect(await goneSoon(pid)).toBe(true);
  }, 30_000);

  it('a plugin that exits at once leaving a background child holding its pipes is not waited for', async () => {
    const cwd = project(
      { plugins: [{ command: 'bash leave.sh', id: 'acme/leave', timeoutMs: 15000 }] },
      { 'leave.sh': 'sleep 40 &\necho $! > grandchild.pid\necho \'{"status":"pass","summary":"left a child"}\'\n' },
    );
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(0);
    expect(row(r.json(), 'acme/leave')).toMatchObject({ status: 'pass', summary: 'left a child' });
    expect(await goneSoon(Number(readFileSync(path.join(cwd, 'grandchild.pid'), 'utf8')))).toBe(true);
  }, 30_000);

  it('Ctrl-C (SIGINT) on the doctor also stops the command plugins it started in their own process groups', async () => {
    const cwd = project(
      { plugins: [{ command: 'bash grand.sh', id: 'acme/grand', timeoutMs: 15000 }] },
      { 'grand.sh': 'sleep 40 &\necho $! > grandchild.pid\nsleep 40\n' },
    );
    const child = spawn(process.execPath, [CLI, '--plain', '--offline'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...ENV }, stdio: 'ignore' });
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const pidFile = path.join(cwd, 'grandchild.pid');
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 50));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(guard);
    expect(code).toBe(130);
    expect(await goneSoon(pid)).toBe(true);
  }, 30_000);

  it('megabytes of output are stopped at 1 MB, and a huge valid summary is cut: the report stays small', async () => {
    const cwd = project(
      {
        plugins: [
          { command: 'python3 flood.py', id: 'acme/flood' },
          { command: 'python3 huge.py', id: 'acme/huge' },
        ],
      },
      {
        'flood.py': "import sys\nsys.stdout.write('x' * 5_000_000)\n",
        'huge.py': "import json\nprint(json.dumps({'status': 'pass', 'summary': 'y' * 900_000}))\n",
      },
    );
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    const report = r.json();
    expect(row(report, 'acme/flood')).toMatchObject({ status: 'error', summary: expect.stringContaining('printed more than 1000000 bytes on stdout and was stopped') });
    expect(row(report, 'acme/huge')!.status).toBe('pass');
    expect(row(report, 'acme/huge')!.summary).toMatch(/… \[cut: \d+ more characters\]$/);
    expect(r.stdout.length).toBeLessThan(100_000);
  }, 30_000);

  it('gets an allow-listed environment and the redacted context on stdin: no key, token or proxy password reaches it', async () => {
    const cwd = project(
      { plugins: [{ command: 'bash dump.sh', id: 'acme/dump' }] },
      { 'dump.sh': 'env > env.txt\ncat > stdin.txt\necho \'{"status":"pass","summary":"dumped"}\'\n' },
    );
    const tmp = tempDir('lsd-tmp-');
    const env = {
      ...ENV,
      OPENAI_API_KEY: OPENAI,
      ANTHROPIC_API_KEY: ANTHROPIC,
      GITHUB_TOKEN: GITHUB,
      DB_PASSWORD: PROXY_PASSWORD + '-db',
      HTTPS_PROXY: `http://alice:${PROXY_PASSWORD}@127.0.0.1:9`,
      LANGSMITH_PROJECT: 'chatbot-prod',
      LANGSMITH_RUNS_ENDPOINTS: JSON.stringify({ 'http://127.0.0.1:9': KEY }),
      LANG: 'C.UTF-8',
      TMPDIR: tmp,
      EDITOR: 'vim',
    };
    const r = await runCli(['--json', '--offline'], { cwd, env, secrets: [PROXY_PASSWORD, OPENAI, ANTHROPIC, GITHUB] });
    expect(row(r.json(), 'acme/dump')).toMatchObject({ status: 'pass' });
    const childEnv = readFileSync(path.join(cwd, 'env.txt'), 'utf8');
    const stdin = readFileSync(path.join(cwd, 'stdin.txt'), 'utf8');
    for (const text of [childEnv, stdin]) {
      for (const secret of [KEY, KEY.slice(0, 20), OPENAI, ANTHROPIC, GITHUB, PROXY_PASSWORD, 'alice:']) expect(text).not.toContain(secret);
    }
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'LANGSMITH_API_KEY', 'DB_PASSWORD', 'LANGSMITH_RUNS_ENDPOINTS', 'EDITOR']) {
      expect(childEnv).not.toMatch(new RegExp(`^${name}=`, 'm'));
    }
    expect(childEnv).toMatch(new RegExp(`^PATH=${process.env.PATH!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(childEnv).toMatch(new RegExp(`^HOME=${cwd}$`, 'm'));
    expect(childEnv).toMatch(/^LANG=C\.UTF-8$/m);
    expect(childEnv).toMatch(new RegExp(`^TMPDIR=${tmp}$`, 'm'));
    expect(childEnv).toMatch(/^LANGSMITH_PROJECT=chatbot-prod$/m);
    expect(childEnv).toMatch(/^LANGSMITH_TRACING=true$/m);
    expect(childEnv).toMatch(/^HTTPS_PROXY=http:\/\/127\.0\.0\.1:9$/m);
    // The context a real child read from stdin: settings with the key masked.
    const ctx = JSON.parse(stdin);
    expect(ctx).toMatchObject({ id: 'acme/dump', settings: { key: `lsv2_pt_…${KEY.slice(-4)}`, keyKind: 'personal-access-token', project: 'chatbot-prod' } });
  }, 30_000);

  it('quoted arguments are honoured, and an unbalanced quote is an error row naming the command', async () => {
    const cwd = project({
      plugins: [
        { command: `python3 -c 'import json; print(json.dumps({"status": "pass", "summary": "quoted args work"}))'`, id: 'acme/quoted' },
        { command: `python3 -c 'print(1)`, id: 'acme/unbalanced' },
      ],
    });
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    const report = r.json();
    expect(row(report, 'acme/quoted')).toMatchObject({ status: 'pass', summary: 'quoted args work' });
    const bad = report.checks.find((c: { summary: string }) => c.summary.includes("python3 -c 'print(1)"));
    expect(bad).toMatchObject({ status: 'error', summary: expect.stringContaining('cannot be parsed: unbalanced single quote at character 12') });
    expect(r.code).toBe(1);
  }, 30_000);
});

describe('hostile in-process plugins and JS configs (built CLI)', () => {
  it('process.exit(0) while loading, in run() and from a timer: error rows, the report is printed, exit 1', async () => {
    const cwd = project({ plugins: ['./exit-on-load.mjs', './exit-in-run.mjs'] }, {
      'exit-on-load.mjs': "process.exit(0);\nexport default { id: 'acme/never', title: 'never', run: () => {} };\n",
      'exit-in-run.mjs': "export default [\n  { id: 'acme/exit-run', title: 'exits in run', run: () => { process.exit(0); } },\n  { id: 'acme/exit-timer', title: 'exits later', run: (ctx) => { setTimeout(() => process.exit(0), 1); return ctx.pass('fine for now'); } },\n];\n",
    });
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    const report = r.json();
    expect(report.checks.find((c: { id: string }) => c.id === 'plugin:./exit-on-load.mjs')).toMatchObject({
      status: 'error', summary: `${path.join(cwd, 'exit-on-load.mjs')}: failed to load: called process.exit(0)`,
    });
    expect(row(report, 'acme/exit-run')).toMatchObject({ status: 'error', summary: 'crashed: called process.exit(0)' });
    expect(row(report, 'key-format')!.status).toBe('pass');
  }, 30_000);

  it('a plugin whose top-level await never settles is an error row naming it; the others still run', async () => {
    const cwd = project({ plugins: ['./stalls.mjs', './fine.mjs'] }, {
      'stalls.mjs': "await new Promise(() => {});\nexport default { id: 'acme/stalls', title: 'stalls', run: () => {} };\n",
      'fine.mjs': "export default { id: 'acme/fine', title: 'fine', run: (ctx) => ctx.pass('fine') };\n",
    });
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    const report = r.json();
    const stalled = report.checks.find((c: { id: string }) => c.id === 'plugin:./stalls.mjs');
    expect(stalled.status).toBe('error');
    expect(stalled.summary).toContain(`${path.join(cwd, 'stalls.mjs')}: failed to load: loading it never finished`);
    expect(row(report, 'acme/fine')!.status).toBe('pass');
  }, 30_000);

  it('a plugin whose top-level await waits on a live interval fails at the load deadline (two request timeouts plus 2 s)', async () => {
    const cwd = project({ plugins: ['./busy-wait.mjs'] }, {
      'busy-wait.mjs': "await new Promise(() => setInterval(() => {}, 100));\nexport default { id: 'acme/busy', title: 'busy', run: () => {} };\n",
    });
    const r = await runCli(['--json', '--offline', '--timeout', '200'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    expect(r.json().checks.find((c: { id: string }) => c.id === 'plugin:./busy-wait.mjs').summary).toBe(`${path.join(cwd, 'busy-wait.mjs')}: failed to load: loading it did not finish within 2400 ms`);
  }, 30_000);

  it('a checker that claims a ten-minute timeout and never answers is ended by the run\'s overall deadline', async () => {
    const cwd = project({ plugins: ['./slow.mjs'] }, {
      'slow.mjs': "export default { id: 'acme/slow', title: 'slow', timeoutMs: 600000, run: () => new Promise(() => setInterval(() => {}, 100)) };\n",
    });
    const r = await runCli(['--json', '--offline', '--timeout', '200'], { cwd, env: ENV });
    expect(r.code).toBe(1);
    // --timeout 200: a checker's default limit is 2 x 200 + 2000 = 2400 ms; the run's deadline is four of them.
    expect(row(r.json(), 'acme/slow')).toMatchObject({ status: 'error', summary: "did not finish before the run's overall deadline (9600 ms)" });
    expect(row(r.json(), 'key-format')!.status).toBe('pass');
  }, 30_000);

  it('a plugin that leaves an interval behind does not keep the process alive after the report', async () => {
    const cwd = project({ plugins: ['./interval.mjs'] }, {
      'interval.mjs': "setInterval(() => {}, 1000);\nexport default { id: 'acme/interval', title: 'interval', run: (ctx) => { setInterval(() => {}, 500); return ctx.pass('left timers'); } };\n",
    });
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(0);
    expect(row(r.json(), 'acme/interval')).toMatchObject({ status: 'pass', summary: 'left timers' });
  }, 30_000);

  it('a plugin that logs with console.log cannot corrupt the JSON on stdout: its lines go to stderr, redacted', async () => {
    const cwd = project({ plugins: ['./chatty.mjs'] }, {
      'chatty.mjs': "console.log('loading chatty');\nexport default { id: 'acme/chatty', title: 'chatty', run: (ctx) => { console.log('key is', process.argv.length, ctx.settings.key.value); console.info({ nested: true }); return ctx.pass('talked'); } };\n",
    });
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(0);
    expect(row(r.json(), 'acme/chatty')).toMatchObject({ status: 'pass', summary: 'talked' });
    expect(r.stderr).toContain('loading chatty');
    expect(r.stderr).toContain('nested: true');
  });

  it('circular and BigInt evidence become error rows naming the checker, never exit 70 without a report', async () => {
    const cwd = project({ plugins: ['./odd.mjs'] }, {
      'odd.mjs': "const loop = { name: 'loop' }; loop.self = loop;\nexport default [\n  { id: 'acme/circular', title: 'circular', run: (ctx) => ctx.pass('ok', { evidence: { loop } }) },\n  { id: 'acme/bigint', title: 'bigint', run: (ctx) => ctx.pass('ok', { evidence: { n: 12345678901234567890n } }) },\n];\n",
    });
    for (const mode of ['--json', '--plain']) {
      const r = await runCli([mode, '--offline'], { cwd, env: ENV });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('internal error');
      if (mode === '--json') {
        const report = r.json();
        expect(row(report, 'acme/circular')).toMatchObject({ status: 'error', summary: expect.stringContaining("checker 'acme/circular' returned evidence that cannot be serialised as JSON (a circular reference at evidence.loop.self)") });
        expect(row(report, 'acme/bigint')).toMatchObject({ status: 'error', evidence: { n: '12345678901234567890n' } });
      } else {
        expect(r.stdout).toContain("checker 'acme/bigint' returned evidence that cannot be serialised");
      }
    }
  }, 30_000);

  it('a JS config that calls process.exit(0) is a configuration error naming the file, exit 2', async () => {
    const cwd = project('process.exit(0);\nexport default { plugins: [] };\n', {}, 'langsmith-doctor.config.mjs');
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`configuration error in ${path.join(cwd, 'langsmith-doctor.config.mjs')}: called process.exit(0) while loading`);
  }, 30_000);

  it('a JS config whose top-level await never settles is a configuration error naming the file, exit 2', async () => {
    const cwd = project('await new Promise(() => {});\nexport default { plugins: [] };\n', {}, 'langsmith-doctor.config.mjs');
    const r = await runCli(['--json', '--offline'], { cwd, env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`configuration error in ${path.join(cwd, 'langsmith-doctor.config.mjs')}: loading the config never finished`);
  }, 30_000);
});

describe('what an in-process plugin receives (built CLI, against the emulator)', () => {
  let emu: RunningEmulator;
  let scenarioEnv: Record<string, string>;
  beforeAll(async () => {
    const s = await startScenario('healthy-admin');
    emu = s.emulator;
    scenarioEnv = s.env;
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('ctx.settings and ctx.env have every secret masked, process.env holds none, and ctx.http still authenticates', async () => {
    const cwd = project({ plugins: ['./dump.mjs'], regions: emu.urls.regions }, {
      'dump.mjs': [
        "import { writeFileSync } from 'node:fs';",
        "export default { id: 'acme/dump', title: 'dump what a plugin gets', async run(ctx) {",
        "  const res = await ctx.http.request({ path: '/sessions?limit=1' });",
        "  writeFileSync(new URL('./got.json', import.meta.url), JSON.stringify({ settings: ctx.settings, env: ctx.env, processEnv: process.env, status: res.status }));",
        "  return ctx.pass(`authenticated read answered ${res.status}`);",
        '} };',
      ].join('\n'),
      '.env': `OPENAI_API_KEY=${OPENAI}\n`,
    });
    const key = scenarioEnv.LANGSMITH_API_KEY!;
    const env = { ...scenarioEnv, OPENAI_API_KEY: OPENAI, ANTHROPIC_API_KEY: ANTHROPIC, GITHUB_TOKEN: GITHUB, HTTPS_PROXY: `http://alice:${PROXY_PASSWORD}@127.0.0.1:9`, NO_PROXY: '127.0.0.1,localhost', LANGSMITH_PROJECT: 'chatbot-prod' };
    const r = await runCli(['--json'], { cwd, env, secrets: [key, PROXY_PASSWORD] });
    const report = r.json();
    expect(row(report, 'acme/dump')).toMatchObject({ status: 'pass', summary: 'authenticated read answered 200' });
    const got = readFileSync(path.join(cwd, 'got.json'), 'utf8');
    for (const secret of [key, key.slice(0, 24), key.slice(-20), OPENAI, ANTHROPIC, GITHUB, PROXY_PASSWORD]) expect(got).not.toContain(secret);
    const parsed = JSON.parse(got);
    expect(parsed.settings.key).toMatchObject({ value: expect.stringMatching(/^lsv2_(pt|sk)_…/), kind: report.target.keyKind });
    expect(parsed.settings.project.value).toBe('chatbot-prod');
    expect(parsed.env.LANGSMITH_PROJECT).toBe('chatbot-prod');
    expect(parsed.env.OPENAI_API_KEY).toMatch(/…/);
    expect(parsed.env.HTTPS_PROXY).toBe('http://127.0.0.1:9');
    expect(parsed.processEnv.OPENAI_API_KEY).toBeUndefined();
    expect(parsed.processEnv.LANGSMITH_API_KEY).toBeUndefined();
    expect(existsSync(path.join(cwd, 'got.json'))).toBe(true);
  }, 30_000);
});
