// What the user's machine can throw at the built CLI: huge or endless files, impossible timers,
// unwritable report paths, busy ports, Node's own --env-file. Each must end in a clear message
// naming the file or value, and the other checks still run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('bounds');
type Check = { id: string; status: string; findings: Array<{ code: string; message: string; severity: string }> };
const check = (report: { checks: Check[] }, id: string) => report.checks.find((c) => c.id === id)!;
const codes = (c: Check) => c.findings.map((f) => f.code);

describe('flags Node or the timers would misread (built CLI)', () => {
  it('--env-file is a usage error naming --dotenv (Node 20 would consume or load it)', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'x.env'), 'LANGSMITH_TRACING=true\n');
    for (const args of [['--env-file=x.env'], ['--json', '--env-file', 'x.env']]) {
      const r = await runCli(args, { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/use --dotenv x\.env/);
      expect(r.stdout).toBe('');
    }
  });

  it('timers past what Node can hold are usage errors, from flags and from the config', async () => {
    const cwd = tempDir();
    for (const [args, msg] of [
      [['--timeout', '3000000000'], /--timeout must be a number from 1 to 600000, got '3000000000'/],
      [['--watch', '2592000'], /--watch must be a number from 1 to 86400, got '2592000'/],
      [['--timeout', ''], /--timeout must be/],
      [['emulator', '--scenario', 'healthy-admin', '--port', '70000'], /--port must be an integer from 0 to 65535/],
    ] as const) {
      const r = await runCli([...args], { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ timeoutMs: 3e9 }));
    const r = await runCli(['--json', '--offline'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`configuration error in ${path.join(cwd, '.langsmith-doctorrc.json')} at timeoutMs: must be a number of milliseconds from 1 to 600000`);
  });

  it('emulator --port that is busy is a usage error naming the port, not a stack trace', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const r = await runCli(['emulator', '--scenario', 'healthy-admin', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} is already in use`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});

describe('dotenv files and the SDK profile: bounded, and never a hang (built CLI)', () => {
  it('a FIFO, a device and an oversized file are refused by name; the other checks still run', async () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [path.join(cwd, '.env')]);
    writeFileSync(path.join(cwd, 'big.env'), `LANGSMITH_PROJECT=x\n${'# padding\n'.repeat(120_000)}`);
    const r = await runCli(['--json', '--offline', '--dotenv', '/dev/zero', '--dotenv', 'big.env'], { cwd, env: { LANGSMITH_API_KEY: KEY } });
    expect(r.code).toBe(0);
    const env = check(r.json(), 'env-vars');
    const messages = env.findings.filter((f) => f.code === 'DOTENV_UNREADABLE').map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^\.env exists but cannot be read \(not a regular file \(a named pipe\)/),
      expect.stringMatching(/^\/dev\/zero exists but cannot be read \(not a regular file \(a device\)/),
      expect.stringMatching(/^big\.env exists but cannot be read \(too large \(\d+ bytes; at most 1048576 are read\)/),
    ]);
    expect(check(r.json(), 'key-format').status).toBe('pass');
  });

  it('a 20,000-line dotenv file is analysed whole (linear, not quadratic), with the right line numbers', async () => {
    const cwd = tempDir();
    const lines = Array.from({ length: 20_000 }, (_, i) => `APP_SETTING_${i}=value-${i}`);
    lines[19_990] = 'LANGSMITH_TRACING=True';
    writeFileSync(path.join(cwd, '.env'), lines.join('\n') + '\n');
    // Quadratic analysis took ~21 s here; the guard is far above linear time, below that.
    const r = await runCli(['--json', '--offline', '--only', 'env-vars'], { cwd, timeoutMs: 15_000 });
    const env = check(r.json(), 'env-vars');
    expect(codes(env)).toContain('DOTENV_NOT_LOADED');
    expect(JSON.stringify(env)).toContain('.env:19991');
  });

  it('a profile that is not a regular file, or not valid JSON, is reported naming the file, never quoting it', async () => {
    const cwd = tempDir();
    for (const file of ['/dev/zero', path.join(cwd, 'fifo.json')]) {
      if (file.endsWith('fifo.json')) execFileSync('mkfifo', [file]);
      const r = await runCli(['--json', '--offline'], { cwd, env: { LANGSMITH_CONFIG_FILE: file } });
      const f = check(r.json(), 'env-vars').findings.find((x) => x.code === 'PROFILE_UNREADABLE');
      expect(f?.message).toContain(`The LangSmith SDK profile ${file} cannot be used (not a regular file`);
      expect(f?.severity).toBe('warn');
    }
    // An invalid profile holding a key: V8's JSON error would quote the text around the error.
    mkdirSync(path.join(cwd, '.langsmith'));
    writeFileSync(path.join(cwd, '.langsmith', 'config.json'), `{"profiles":{"default":{"api_key":"${KEY}}}}`);
    const r = await runCli(['--json', '--offline'], { cwd, secrets: [KEY, KEY.slice(0, 20), KEY.slice(-20)] });
    const f = check(r.json(), 'env-vars').findings.find((x) => x.code === 'PROFILE_UNREADABLE');
    expect(f?.message).toMatch(new RegExp(`profile ${path.join(cwd, '.langsmith', 'config.json')} cannot be used \\(not valid JSON \\(at line 1, column \\d+\\)\\)`));
    expect(r.stdout).not.toContain(KEY.slice(8, 16));
  });
});

describe('config files that would expand without end (built CLI)', () => {
  it('YAML aliases that multiply are refused, naming the file', async () => {
    const cwd = tempDir();
    const anchors = ['    a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) anchors.push(`    a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.yaml'), `stages:\n  configure:\n${anchors.join('\n')}\n`);
    const r = await runCli(['--json', '--offline'], { cwd, timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`configuration error in ${path.join(cwd, '.langsmith-doctorrc.yaml')}: the config expands to more than 100000 values`);
  });
});

describe('--report: checked before the run, written whole (built CLI)', () => {
  it('a report path that cannot be written fails at once with exit 2, before any check runs', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'afile'), '');
    for (const [target, why] of [
      ['missing/dir/report.md', /the folder .*missing\/dir does not exist/],
      ['afile/report.json', /afile is not a folder/],
      ['.', /is a directory|extension picks the format/],
    ] as const) {
      const r = await runCli(['--plain', '--report', target], { cwd, env: { LANGSMITH_API_KEY: KEY } });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stdout, 'no check ran').toBe('');
    }
  });

  it('writes the report through a temp file and a rename: complete, replacing the old one, nothing left behind', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'report.json'), 'old, half-written content');
    const before = statSync(path.join(cwd, 'report.json')).ino;
    const r = await runCli(['--plain', '--offline', '--report', 'report.json'], { cwd, env: { LANGSMITH_API_KEY: KEY } });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A new file renamed over the old one (a reader saw old or new, never a mix), not an in-place rewrite.
    expect(statSync(path.join(cwd, 'report.json')).ino).not.toBe(before);
  });
});
