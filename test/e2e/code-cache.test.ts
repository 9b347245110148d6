// The built CLI starts from V8's code cache (src/launch): made by the first run in a folder private
// to the user, used by the next ones, and never a reason for a run to differ or fail. Runs from the
// cache still load what the bundle does not hold (ES module packages, plugins, Ink) through import().
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const uid = process.getuid!();

function world() {
  const tmp = tempDir('lsd-cache-');
  const cacheDir = path.join(tmp, `langsmith-doctor-${uid}`);
  const env = { TMPDIR: tmp };
  const caches = () => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);
  return { tmp, cacheDir, env, caches };
}

const summary = (json: { checks: Array<{ id: string; status: string; findings: Array<{ code: string }> }> }) =>
  json.checks.map((c) => `${c.id}:${c.status}:${c.findings.map((f) => f.code).join(',')}`);

describe('the code cache', () => {
  it('is made by the first run, private to the user, and left alone by the next', async () => {
    const { cacheDir, env, caches } = world();
    const first = await runCli(['--json', '--offline'], { env });
    expect(first.stderr).toBe('');
    expect(caches()).toHaveLength(1);
    const [name] = caches();
    expect(name).toMatch(new RegExp(`^doctor-[0-9a-f]{16}-[0-9a-z]+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`));
    const file = path.join(cacheDir, name!);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = statSync(file);
    const second = await runCli(['--json', '--offline'], { env });
    expect(second.code).toBe(first.code);
    expect(summary(second.json())).toEqual(summary(first.json()));
    expect(second.stderr).toBe('');
    const after = statSync(file);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });

  it('is not made by --version or --help (it would hold little of the doctor)', async () => {
    const { env, caches } = world();
    expect((await runCli(['--version'], { env })).code).toBe(0);
    expect((await runCli(['--help'], { env })).code).toBe(0);
    expect(caches()).toEqual([]);
  });

  it('a damaged cache changes nothing in the run and is replaced', async () => {
    const { cacheDir, env, caches } = world();
    const clean = await runCli(['--json', '--offline'], { env });
    const file = path.join(cacheDir, caches()[0]!);
    writeFileSync(file, Buffer.alloc(4096, 0x5a));
    const damaged = await runCli(['--json', '--offline'], { env });
    expect(damaged.stderr).toBe('');
    expect(damaged.code).toBe(clean.code);
    expect(summary(damaged.json())).toEqual(summary(clean.json()));
    expect(readFileSync(file).equals(Buffer.alloc(4096, 0x5a))).toBe(false);
  });

  it('is neither read nor written in a folder others can write', async () => {
    const { cacheDir, env, caches } = world();
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    const r = await runCli(['--json', '--offline'], { env });
    expect(r.stderr).toBe('');
    expect(r.json().checks.length).toBeGreaterThan(0);
    expect(caches()).toEqual([]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, as in Node itself', async () => {
    const { tmp, env } = world();
    const r = await runCli(['--json', '--offline'], { env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(r.json().checks.length).toBeGreaterThan(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a run from the cache still loads ES module plugins and packages (import() goes through the launcher)', async () => {
    const { env, caches } = world();
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'helper.mjs'), `export const answer = 'pong from an ES module';\n`);
    writeFileSync(path.join(cwd, 'company.mjs'), `export default { id: 'company/ping', title: 'Company ping', async run(ctx) { const { answer } = await import('./helper.mjs'); return ctx.pass(answer); } };\n`);
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ plugins: ['./company.mjs'] }));
    await runCli(['--json', '--offline'], { env, cwd });
    expect(caches()).toHaveLength(1);
    const cached = await runCli(['--json', '--offline'], { env, cwd });
    const ping = cached.json().checks.find((c: { id: string }) => c.id === 'company/ping');
    expect(ping).toMatchObject({ status: 'pass', summary: 'pong from an ES module' });
    // The demo loads the emulator, undici (dist/vendor, required with a cache of its own) and the
    // official client (an ES module); the second demo run does so from the caches.
    for (let round = 0; round < 2; round++) {
      const demo = await runCli(['--demo', 'healthy-admin', '--json'], { env });
      expect(demo.code).toBe(0);
      expect(demo.json().checks.find((c: { id: string }) => c.id === 'auth')).toMatchObject({ status: 'pass' });
      expect(caches().filter((c) => c.startsWith('undici-'))).toHaveLength(1);
    }
  });

  it('a bundle edited in place (same length) is never run from the cache of the old one', () => {
    const { env, caches } = world();
    // A copy of the offline-capable part of dist/, so the edit touches no other test's bundle.
    const dist = path.join(tempDir('lsd-dist-'), 'dist');
    mkdirSync(dist);
    for (const f of ['cli.js', 'doctor.cjs', 'package.json']) copyFileSync(path.join(ROOT, 'dist', f), path.join(dist, f));
    const title = () => {
      const cwd = tempDir();
      const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), '--json', '--offline'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, encoding: 'utf8' });
      return (JSON.parse(r.stdout) as { checks: Array<{ id: string; title: string }> }).checks.find((c) => c.id === 'sdk-versions')!.title;
    };
    expect(title()).toBe('Installed LangSmith SDKs');
    expect(caches()).toHaveLength(1);
    const bundle = path.join(dist, 'doctor.cjs');
    const before = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, before.replace("'Installed LangSmith SDKs'", "'Installed LangSmith SDKz'").replace('"Installed LangSmith SDKs"', '"Installed LangSmith SDKz"'));
    expect(readFileSync(bundle, 'utf8').length).toBe(before.length);
    // An edit changes the file's mtime (set apart here, whatever the clock's resolution).
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    expect(title()).toBe('Installed LangSmith SDKz');
  });

  it('holds no secret: the caches made by runs with keys in the environment, a .env and a proxy URL contain none of them', async () => {
    const { cacheDir, env, caches } = world();
    const cwd = tempDir();
    const key = fakeKey('code-cache-env');
    const dotenvKey = fakeKey('code-cache-dotenv', 'sk');
    writeFileSync(path.join(cwd, '.env'), `LANGSMITH_API_KEY=${dotenvKey}\nLANGSMITH_TRACING=true\n`);
    const secretEnv = { ...env, LANGSMITH_API_KEY: key, HTTPS_PROXY: 'http://proxyuser:Pr0xyPassw0rd@127.0.0.1:9' };
    // An offline run makes the doctor's cache; a demo run (its own made-up key, sent over loopback) makes undici's.
    await runCli(['--json', '--offline'], { cwd, env: secretEnv, secrets: [key, dotenvKey] });
    await runCli(['--demo', 'healthy-admin', '--json'], { env: secretEnv, secrets: [key] });
    expect(caches().filter((c) => c.startsWith('undici-'))).toHaveLength(1);
    for (const name of caches()) {
      const bytes = readFileSync(path.join(cacheDir, name));
      // The search can find text: the doctor's cache holds the literals of its source.
      if (name.startsWith('doctor-')) expect(bytes.includes(Buffer.from('Installed LangSmith SDKs', 'latin1'))).toBe(true);
      for (const secret of [key, dotenvKey, 'Pr0xyPassw0rd', key.slice(8, 24), dotenvKey.slice(8, 24)]) {
        expect(bytes.includes(Buffer.from(secret, 'latin1')), `${name} holds ${secret.slice(0, 6)}…`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${name} holds ${secret.slice(0, 6)}… (UTF-16)`).toBe(false);
      }
    }
  });
});
