// The package as users get it: `npm pack` the clone, install the tarball into a clean prefix with no
// dev dependencies, and run the installed `langsmith-doctor` as a subprocess: --version, a demo,
// and a command plugin named in an app folder's config.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runProgram, tempDir } from '../helpers/cli.js';

let prefix = '';
let bin = '';

function run(args: string[], opts: { cwd: string; path?: string }) {
  return runProgram(bin, args, { cwd: opts.cwd, env: { PATH: opts.path ?? process.env.PATH ?? '', HOME: opts.cwd } });
}

beforeAll(() => {
  const dir = tempDir('lsd-pack-');
  // dist/ is already built by `npm test`; --ignore-scripts skips `prepare` rebuilding it.
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  prefix = path.join(dir, 'prefix');
  execFileSync('npm', ['install', '--prefix', prefix, path.join(dir, name), '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  bin = path.join(prefix, 'node_modules', '.bin', 'langsmith-doctor');
}, 180_000);

describe('npm pack, then install into a clean prefix', () => {
  it('installs the bin without dev dependencies', () => {
    expect(existsSync(bin)).toBe(true);
    const installed = readdirSync(path.join(prefix, 'node_modules'));
    for (const dev of ['vitest', 'esbuild', 'tsx', 'ink-testing-library']) expect(installed).not.toContain(dev);
  });

  it('--version runs', async () => {
    const r = await run(['--version'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--demo viewer --json diagnoses the emulator, and names the doctor `langsmith-doctor` when that is on PATH', async () => {
    const r = await run(['--demo', 'viewer', '--json'], { cwd: tempDir(), path: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.diagnosis.stage).toBe('read-only');
    // A plan command may carry a trailing `# why` comment.
    expect(report.diagnosis.plan.flatMap((p: any) => p.commands).map((c: string) => c.replace(/\s+#.*$/, ''))).toContain('langsmith-doctor --watch 60');
  });

  it('runs a command plugin named in the config of an app folder', async () => {
    const app = tempDir('lsd-app-');
    writeFileSync(path.join(app, 'check.mjs'), 'process.stdin.resume(); process.stdin.on("end", () => console.log(JSON.stringify({ status: "warn", summary: "acme says hello", findings: [] })));\n');
    writeFileSync(path.join(app, '.langsmith-doctorrc.json'), JSON.stringify({ plugins: [{ command: 'node check.mjs', id: 'acme/check', title: 'Acme check' }] }));
    const r = await run(['--json', '--offline', '--only', 'acme/check'], { cwd: app });
    const report = JSON.parse(r.stdout);
    expect(report.target.config).toBe(path.join(app, '.langsmith-doctorrc.json'));
    expect(report.checks.map((c: any) => [c.id, c.status, c.summary])).toEqual([['acme/check', 'warn', 'acme says hello']]);
  });
});
