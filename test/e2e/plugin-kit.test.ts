// The plugin author's kit on the built CLI: TypeScript and tsc-CommonJS plugins load without a
// build step, module-format mismatches name the rename, init-plugin scaffolds a plugin whose own
// test passes (run for real with vitest against the built package), and --demo runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

function project(files: Record<string, string>): string {
  const dir = tempDir('lsd-kit-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The built package, as `npm install` would place it, plus vitest for the scaffolded tests. */
function linkPackage(dir: string): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'langsmith-doctor'), 'dir');
}

function vitest(dir: string, folder: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', folder], {
    cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, CI: '1' }, timeout: 60_000,
  });
}

const TS_PLUGIN = `import type { DoctorChecker } from 'langsmith-doctor';
interface Opts { label?: string }
const c: DoctorChecker<Opts> = { id: 'app/typed', title: 'Typed', run: (ctx) => ctx.pass(\`typed \${ctx.options.label ?? ''}\`) };
export default c;
`;
// What tsc emits for \`export default {…}\` with "module": "commonjs".
const TSC_CJS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = { id: 'app/tsc-cjs', title: 'tsc output', run: (ctx) => ctx.pass('from tsc') };
`;

describe('loading plugins as authors write them', () => {
  it('loads a .ts plugin named by a .ts config, and unwraps tsc CommonJS exports.default', async () => {
    const dir = project({
      'package.json': '{"name":"app","type":"commonjs"}',
      'checks/typed.ts': TS_PLUGIN,
      'checks/tsc.js': TSC_CJS,
      'langsmith-doctor.config.ts': `const config: { plugins: string[]; checks: Record<string, object> } = { plugins: ['./checks/typed.ts', './checks/tsc.js'], checks: { 'app/typed': { label: 'L' } } };\nexport default config;\n`,
    });
    const r = await runCli(['--offline', '--json', '--only', 'app/typed,app/tsc-cjs'], { cwd: dir });
    const checks = r.json().checks as Array<{ id: string; status: string; summary: string }>;
    expect(checks.find((c) => c.id === 'app/typed')).toMatchObject({ status: 'pass', summary: 'typed L' });
    expect(checks.find((c) => c.id === 'app/tsc-cjs')).toMatchObject({ status: 'pass', summary: 'from tsc' });
    expect(r.code).toBe(0);
  });

  it('loads a .ts config and plugin where the typescript package cannot be found (jiti, not cosmiconfig\'s loader)', async () => {
    const dir = project({
      'package.json': '{"name":"app","type":"module"}',
      'checks/typed.ts': TS_PLUGIN,
      '.langsmith-doctorrc.ts': `const plugins: string[] = ['./checks/typed.ts'];\nexport default { plugins };\n`,
      // As in a project without typescript installed: require('typescript') and import('typescript') fail.
      'no-typescript.cjs': `const M = require('node:module');
const resolve = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  if (request === 'typescript') throw Object.assign(new Error("Cannot find module 'typescript'"), { code: 'MODULE_NOT_FOUND' });
  return resolve.call(this, request, ...rest);
};
M.register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { if (s === "typescript") throw new Error("Cannot find package typescript"); return next(s, c); }'));
`,
    });
    const r = await runCli(['--offline', '--json', '--only', 'app/typed'], { cwd: dir, nodeArgs: ['--require', path.join(dir, 'no-typescript.cjs')] });
    expect(r.stderr).not.toContain('typescript');
    expect(r.json().checks.find((c: { id: string }) => c.id === 'app/typed')).toMatchObject({ status: 'pass' });
  });

  it("gives a .ts plugin that imports defineChecker the running doctor's API where the package is not installed", async () => {
    const dir = project({
      'checks/v.ts': "import { defineChecker } from 'langsmith-doctor';\nexport default defineChecker({ id: 'app/v', title: 'v', run: (ctx) => ctx.pass(`defineChecker is a ${typeof defineChecker}`) });\n",
      '.langsmith-doctorrc.json': '{"plugins":["./checks/v.ts"]}',
    });
    const r = await runCli(['--offline', '--json', '--only', 'app/v'], { cwd: dir });
    expect(r.json().checks.find((c: { id: string }) => c.id === 'app/v')).toMatchObject({ status: 'pass', summary: 'defineChecker is a function' });
  });

  it('names the rename for an ES module .js in a "type": "commonjs" project', async () => {
    // (Without a "type" field Node 20.19+ detects the syntax itself and loads it.)
    const dir = project({
      'package.json': '{"name":"app","type":"commonjs"}',
      'esm.js': "export default { id: 'app/esm', title: 't', run: (ctx) => ctx.pass() };\n",
      '.langsmith-doctorrc.json': '{"plugins":["./esm.js"]}',
    });
    const r = await runCli(['plugins'], { cwd: dir });
    expect(r.stdout).toContain('uses ES module syntax (import/export), but Node loads it as CommonJS');
    expect(r.stdout).toContain('rename it to esm.mjs');
    expect(r.code).toBe(1);
  });

  it('names the rename for a CommonJS .js in a "type": "module" project', async () => {
    const dir = project({
      'package.json': '{"name":"app","type":"module"}',
      'cjs.js': "module.exports = { id: 'app/cjs', title: 't', run: (ctx) => ctx.pass() };\n",
      '.langsmith-doctorrc.json': '{"plugins":["./cjs.js"]}',
    });
    const r = await runCli(['plugins'], { cwd: dir });
    expect(r.stdout).toContain('has "type": "module"): rename it to cjs.cjs');
  });
});

describe('--demo with a project config', () => {
  it("runs the project's plugins with the scenario's environment, reading neither its .env nor its regions", async () => {
    const dir = project({
      '.env': 'LANGSMITH_API_KEY=lsv2_pt_00000000000000000000000000000000_0000000000\nLANGSMITH_ENDPOINT=https://example.invalid\n',
      'p.mjs': "export default { id: 'app/p', title: 'p', run: (ctx) => ctx.pass(`sees ${ctx.settings.endpoint.value}`) };\n",
      '.langsmith-doctorrc.json': JSON.stringify({ plugins: ['./p.mjs'], regions: { us: 'https://example.invalid' } }),
    });
    const r = await runCli(['--demo', 'viewer', '--json'], { cwd: dir });
    const report = r.json();
    expect(report.target.keySource).toBe('LANGSMITH_API_KEY');
    expect(report.target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.checks.find((c: { id: string }) => c.id === 'app/p').summary).toBe(`sees ${report.target.endpoint}`);
    expect(JSON.stringify(report)).not.toContain('DOTENV');
  });

  it('a bad project config is a configuration error in a demo too', async () => {
    const dir = project({ '.langsmith-doctorrc.json': '{"pluginz":[]}' });
    const r = await runCli(['--demo', 'viewer', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pluginz: unknown key (did you mean 'plugins'?)");
  });
});

describe('init-plugin', () => {
  it('scaffolds a TypeScript checker whose test passes and which --demo viewer runs', async () => {
    const dir = project({ 'package.json': '{"name":"@acme/shop","private":true,"type":"module"}' });
    linkPackage(dir);
    const init = await runCli(['init-plugin', 'write-check'], { cwd: dir });
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, '.langsmith-doctorrc.json'), 'utf8'));
    expect(config).toEqual({ $schema: './node_modules/langsmith-doctor/schemas/config.schema.json', plugins: ['./checks/write-check/index.ts'] });
    expect(readFileSync(path.join(dir, 'checks/write-check/README.md'), 'utf8')).toContain('WRITE_CHECK_CANNOT_WRITE');

    const test = vitest(dir, 'checks/write-check');
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/2 passed/);

    const demo = await runCli(['--demo', 'viewer', '--json'], { cwd: dir });
    const mine = demo.json().checks.find((c: { id: string }) => c.id === 'shop/write-check');
    expect(mine).toMatchObject({ status: 'warn', source: path.join(dir, 'checks/write-check/index.ts') });
    expect(mine.findings.map((f: { code: string }) => f.code)).toEqual(['WRITE_CHECK_CANNOT_WRITE']);
  }, 90_000);

  it('scaffolds bash and python command plugins, added to an existing JSON config, whose tests pass', async () => {
    const dir = project({ 'package.json': '{"name":"shop"}', '.langsmith-doctorrc.json': '{\n  "ignore": ["KEY_AGE"]\n}\n' });
    linkPackage(dir);
    for (const kind of ['bash', 'python']) expect((await runCli(['init-plugin', `${kind}-check`, '--command', kind], { cwd: dir })).code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, '.langsmith-doctorrc.json'), 'utf8'));
    expect(config.ignore).toEqual(['KEY_AGE']);
    expect(config.plugins.map((p: { command: string }) => p.command)).toEqual(['bash checks/bash-check/check.sh', 'python3 checks/python-check/check.py']);
    const test = vitest(dir, 'checks');
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/4 passed/);
    const demo = await runCli(['--demo', 'viewer', '--json'], { cwd: dir });
    const ids = demo.json().checks.filter((c: { status: string }) => c.status === 'pass').map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['shop/bash-check', 'shop/python-check']));
  }, 90_000);

  it('prints the line to add for a JS config, and refuses to overwrite or a bad NAME', async () => {
    const dir = project({ 'langsmith-doctor.config.mjs': 'export default { plugins: [] };\n' });
    const r = await runCli(['init-plugin', 'proxy'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"./checks/proxy/index.ts",`);
    expect(readFileSync(path.join(dir, 'langsmith-doctor.config.mjs'), 'utf8')).toBe('export default { plugins: [] };\n');
    expect(readFileSync(path.join(dir, 'checks/proxy/index.ts'), 'utf8')).toContain("id: 'local/proxy'");

    const again = await runCli(['init-plugin', 'proxy'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; nothing was overwritten');
    for (const bad of [['Bad_Name'], ['../x'], ['ok', '--command', 'ruby']]) {
      const b = await runCli(['init-plugin', ...bad], { cwd: dir });
      expect(b.code).toBe(2);
    }
    expect(existsSync(path.join(dir, 'checks', 'ok'))).toBe(false);
    const misplaced = await runCli(['--command', 'bash'], { cwd: dir });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--command is an option of init-plugin');
  });
});
