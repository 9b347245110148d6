// What start-up loads (issue 11 item 5): the offline JSON path without a config file loads
// neither the config loader nor anything for the network or command plugins, and --version and
// --help load none of the doctor. Asserted on module loads of the built CLI, never on timings.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const TRACE = ['--import', path.join(ROOT, 'test/fixtures/trace-imports.mjs'), '--require', path.join(ROOT, 'test/fixtures/trace-builtins.cjs')];

/** Packages and chunks that only some runs need: the config loader, network, command plugins, TypeScript, Ink. */
const LAZY = /\/node_modules\/(cosmiconfig|execa|jiti|langsmith|undici|ink|react)\/|\/chunks\/(undici|render)-/;
/** Built-ins that cost more to load than the rest of an offline run needs from Node. */
const LAZY_BUILTINS = ['child_process', 'crypto'];
/** Text only the doctor's checkers hold (the sdk-versions checker's title). */
const CHECKER_TEXT = 'Installed LangSmith SDKs';

async function traced(args: string[], cwd = tempDir()) {
  const r = await runCli(args, { cwd, nodeArgs: TRACE });
  const lines = r.stderr.split('\n');
  const urls = lines.filter((l) => l.startsWith('[import] ')).map((l) => l.slice('[import] '.length));
  const builtins = (lines.find((l) => l.startsWith('[builtins] ')) ?? '').slice('[builtins] '.length).split(' ').filter(Boolean);
  // The traces work: they see the CLI itself and the built-ins every run loads.
  expect(urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
  expect(builtins).toContain('fs');
  const ownFiles = urls.filter((u) => u.startsWith('file:') && u.includes('/dist/')).map((u) => fileURLToPath(u));
  return { r, urls, builtins, ownFiles };
}

const holdsCheckers = (files: string[]) => files.some((f) => readFileSync(f, 'utf8').includes(CHECKER_TEXT));

describe('start-up loads only what the run needs', () => {
  it('--json --offline without a config file loads no config loader, network, plugin runner or Ink', async () => {
    const { r, urls, builtins, ownFiles } = await traced(['--json', '--offline']);
    expect(r.json().checks.map((c: { id: string }) => c.id)).toContain('sdk-versions');
    expect(urls.filter((u) => LAZY.test(u))).toEqual([]);
    expect(builtins.filter((b) => LAZY_BUILTINS.includes(b))).toEqual([]);
    // The same trace sees the doctor when it runs (the --version case below relies on this).
    expect(holdsCheckers(ownFiles)).toBe(true);
  });

  it('a config file is still found and loaded with cosmiconfig; a command plugin loads child_process', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ plugins: [{ command: 'node -e 0', id: 'test/noop' }] }));
    const { r, urls, builtins } = await traced(['--json', '--offline'], cwd);
    expect(r.json().target.config).toBe(path.join(cwd, '.langsmith-doctorrc.json'));
    expect(urls.some((u) => u.includes('/node_modules/cosmiconfig/'))).toBe(true);
    expect(builtins).toContain('child_process');
  });

  it('a config key in package.json is still found', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'package.json'), JSON.stringify({ name: 'app', 'langsmith-doctor': { ignore: ['TRACING_DISABLED'] } }));
    const { r } = await traced(['--json', '--offline'], cwd);
    expect(r.json().target.config).toBe(path.join(cwd, 'package.json'));
  });

  it('--version and --help load none of the doctor', async () => {
    for (const flag of ['--version', '--help']) {
      const { r, urls, builtins, ownFiles } = await traced([flag]);
      expect(r.code).toBe(0);
      expect(holdsCheckers(ownFiles)).toBe(false);
      expect(urls.filter((u) => LAZY.test(u))).toEqual([]);
      expect(builtins.filter((b) => LAZY_BUILTINS.includes(b))).toEqual([]);
    }
  });
});
