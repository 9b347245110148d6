import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { prepare, run } from '../../src/doctor.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/plugins');
const KEY = fakeKey('plugins');

async function doctorWith(plugins: unknown[], extra: Record<string, unknown> = {}) {
  const dir = tempDir('lsd-plugins-');
  mkdirSync(path.join(dir, 'checks'));
  for (const f of ['good.mjs', 'pack.mjs', 'array.cjs', 'throws-on-import.mjs', 'wrong-shape.mjs', 'run-throws.mjs', 'never-resolves.mjs', 'duplicate.mjs', 'bare-id.mjs', 'check_vpn.py', 'garbage.sh']) {
    copyFileSync(path.join(FIXTURES, f), path.join(dir, 'checks', f));
  }
  writeFileSync(path.join(dir, 'package.json'), '{"name":"app"}');
  writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), JSON.stringify({ plugins, ...extra }));
  const prepared = await prepare({ cwd: dir, env: { HOME: dir, LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'true', PATH: process.env.PATH }, offline: true });
  const report = await run(prepared);
  return { prepared, report, dir, row: (id: string) => report.checks.find((c) => c.id === id) };
}

describe('plugins from config', () => {
  it('loads a module plugin relative to the config file, a pack with stages, and a CommonJS array', async () => {
    const { row, report } = await doctorWith(['./checks/good.mjs', './checks/pack.mjs', './checks/array.cjs']);
    expect(row('acme/good')).toMatchObject({ status: 'warn', findings: [{ code: 'ACME_PROXY_SLOW' }] });
    expect(row('acme/good')!.source).toMatch(/checks\/good\.mjs$/);
    expect(row('acme/two')!.summary).toBe('two after pass');
    expect(row('acme/cjs')!.status).toBe('pass');
    expect(report.checks.map((c) => c.id).slice(0, 3)).toEqual(['key-format', 'env-vars', 'endpoint']);
  });

  it('a missing module, a throwing import and a wrong shape each become an error row naming the module; the rest still run', async () => {
    const { report } = await doctorWith(['./checks/nope.mjs', './checks/throws-on-import.mjs', './checks/wrong-shape.mjs', './checks/good.mjs']);
    const errors = report.checks.filter((c) => c.status === 'error');
    expect(errors).toHaveLength(3);
    expect(errors[0]!.summary).toMatch(/plugin module not found: .*checks\/nope\.mjs/);
    expect(errors[1]!.summary).toMatch(/throws-on-import\.mjs: failed to load: plugin exploded while loading/);
    expect(errors[2]!.summary).toMatch(/wrong-shape\.mjs: expected a default export .* got an object with keys: hello/);
    expect(report.checks.find((c) => c.id === 'acme/good')!.status).toBe('warn');
    expect(report.checks.find((c) => c.id === 'key-format')!.status).toBe('pass');
  });

  it('run() that throws or never resolves is an error row with the reason', async () => {
    const { row } = await doctorWith(['./checks/run-throws.mjs', './checks/never-resolves.mjs']);
    expect(row('acme/throws')).toMatchObject({ status: 'error', summary: 'crashed: cannot read properties of undefined' });
    expect(row('acme/hangs')).toMatchObject({ status: 'error', summary: 'timed out after 300 ms' });
  });

  it('a duplicate id and a bare third-party id are errors that name the module', async () => {
    const { report } = await doctorWith(['./checks/good.mjs', './checks/duplicate.mjs', './checks/bare-id.mjs']);
    const dup = report.checks.find((c) => c.id === 'duplicate:acme/good')!;
    expect(dup.status).toBe('error');
    expect(dup.summary).toMatch(/duplicate checker id 'acme\/good' from .*duplicate\.mjs; already defined by .*good\.mjs/);
    const bare = report.checks.find((c) => c.summary.includes("'proxy' must be namespaced"))!;
    expect(bare.status).toBe('error');
  });

  it('a package plugin resolves from the config folder', async () => {
    const dir = tempDir('lsd-pkg-');
    const pkgDir = path.join(dir, 'node_modules', 'langsmith-doctor-plugin-acme');
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'langsmith-doctor-plugin-acme', version: '1.2.3', type: 'module', exports: { '.': { import: './main.js' } } }));
    writeFileSync(path.join(pkgDir, 'main.js'), "export default { id: 'acme/pkg', title: 'From a package', run: (ctx) => ctx.pass('pkg ok') };\n");
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', 'langsmith-doctor': { plugins: ['langsmith-doctor-plugin-acme', 'langsmith-doctor-plugin-missing'] } }));
    const prepared = await prepare({ cwd: dir, env: { HOME: dir }, offline: true });
    const report = await run(prepared);
    expect(report.checks.find((c) => c.id === 'acme/pkg')).toMatchObject({ status: 'pass', source: 'package:langsmith-doctor-plugin-acme@1.2.3' });
    expect(report.checks.find((c) => c.id === 'plugin:langsmith-doctor-plugin-missing')!.summary).toContain('is not installed');
  });

  it('runs command plugins as real child processes with the redacted context on stdin and no key in their env', async () => {
    const { row } = await doctorWith([
      { command: 'python3 checks/check_vpn.py', id: 'acme/vpn', title: 'VPN is up' },
      { command: './checks/garbage.sh', id: 'acme/garbage' },
      { command: 'definitely-not-a-command-xyz', id: 'acme/missing' },
      { command: 'sleep 5', id: 'acme/slow', timeoutMs: 300 },
    ]);
    const vpn = row('acme/vpn')!;
    expect(vpn.status).toBe('pass');
    expect(vpn.summary).toContain(`key lsv2_pt_…${KEY.slice(-4)}`);
    expect(row('acme/garbage')).toMatchObject({ status: 'error' });
    expect(row('acme/garbage')!.summary).toMatch(/printed invalid JSON \(exit code 3\): "this is not json at all"/);
    expect(row('acme/missing')!.summary).toMatch(/could not start/);
    expect(row('acme/slow')!.summary).toMatch(/timed out after 300 ms/);
  });

  it('checks: false disables a checker; ignore silences a code', async () => {
    const { report } = await doctorWith(['./checks/good.mjs'], { checks: { endpoint: false }, ignore: ['ACME_PROXY_SLOW'] });
    expect(report.checks.find((c) => c.id === 'endpoint')).toBeUndefined();
    expect(report.checks.find((c) => c.id === 'acme/good')).toMatchObject({ status: 'pass', findings: [{ ignored: true }] });
  });

  it('names that exist nowhere are errors with the closest real one: checks ids, ignore codes, --only/--skip ids', async () => {
    await expect(doctorWith(['./checks/good.mjs'], { checks: { 'key-ages': { warnExpiryDays: 3 } } })).rejects.toThrow(/checks\.key-ages: no checker has this id \(did you mean 'key-age'\?\)/);
    await expect(doctorWith(['./checks/good.mjs'], { ignore: ['ACME_PROXY_SLWO'] })).rejects.toThrow(/ignore\[0\]: 'ACME_PROXY_SLWO' is not a code any checker emits \(did you mean 'ACME_PROXY_SLOW'\?\)/);
    await expect(doctorWith([], { ignore: ['TRACING_DISABLD'] })).rejects.toThrow(/did you mean 'TRACING_DISABLED'/);
    const dir = tempDir('lsd-names-');
    const env = { HOME: dir, PATH: process.env.PATH };
    await expect(prepare({ cwd: dir, env, offline: true, only: ['endpoint', 'auht'] })).rejects.toThrow(/--only auht: no checker has this id \(did you mean 'auth'\?\)/);
    await expect(prepare({ cwd: dir, env, offline: true, skip: ['nope'] })).rejects.toThrow(UsageError);
  });

  it('pack stages add steps to the plan', async () => {
    const { prepared } = await doctorWith(['./checks/pack.mjs']);
    expect(prepared.stages['read-only']!.steps.map((s) => s.action)).toContain('Ask #acme-langsmith for Editor');
  });

  it('the example plugins load: a module importing the package by name, and a Python command', async () => {
    const dir = tempDir('lsd-examples-');
    writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), JSON.stringify({
      plugins: [
        path.join(ROOT, 'plugins/examples/corporate-proxy.mjs'),
        { command: `python3 ${path.join(ROOT, 'plugins/examples/vpn_check.py')}`, id: 'example/vpn', title: 'VPN route' },
      ],
    }));
    const env = { HOME: dir, PATH: process.env.PATH, LANGSMITH_API_KEY: KEY, HTTPS_PROXY: 'http://user:pw@proxy.acme:3128', LANGSMITH_ENDPOINT: 'http://127.0.0.1:9' };
    const report = await run(await prepare({ cwd: dir, env, offline: true }));
    const proxy = report.checks.find((c) => c.id === 'example/corporate-proxy')!;
    expect(proxy.findings[0]!.code).toBe('EXAMPLE_PROXY_JS_IGNORED');
    expect(proxy.summary).not.toContain('pw@');
    expect(report.checks.find((c) => c.id === 'example/vpn')).toMatchObject({ status: 'pass', summary: expect.stringContaining('127.0.0.1 resolves') });
  });
});
