// What start-up loads (issue 11 item 5): the offline JSON path without a config file loads
// neither the config loader nor anything for the network, command plugins or Ink, and no built-in
// it does not need. Asserted on module loads of the built CLI, never on timings. (The doctor itself
// is one bundle started from V8's code cache, src/launch; its modules run only when first used.)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const TRACE = ['--import', path.join(ROOT, 'test/fixtures/trace-imports.mjs'), '--require', path.join(ROOT, 'test/fixtures/trace-builtins.cjs')];

/** Packages and chunks that only some runs need: the config loader, network, command plugins, TypeScript, Ink. */
const LAZY = /\/node_modules\/(cosmiconfig|execa|jiti|langsmith|undici|ink|react)\/|\/dist\/vendor\//;
/**
 * Built-ins that cost more to load than the rest of an offline run needs from Node: processes,
 * crypto, the performance timeline (the global `performance`), the IP-address machinery (net.isIP's
 * IPv6 pattern and BlockList, only for hosts that are IP literals), and what undici brings (TLS,
 * zlib: undici is required from dist/vendor, which no import trace sees).
 */
const LAZY_BUILTINS = ['child_process', 'crypto', 'perf_hooks', 'internal/perf/performance', 'internal/blocklist', 'tls', 'zlib'];

async function traced(args: string[], cwd = tempDir(), env: Record<string, string> = {}) {
  const r = await runCli(args, { cwd, env, nodeArgs: TRACE });
  const lines = r.stderr.split('\n');
  const urls = lines.filter((l) => l.startsWith('[import] ')).map((l) => l.slice('[import] '.length));
  const builtins = (lines.find((l) => l.startsWith('[builtins] ')) ?? '').slice('[builtins] '.length).split(' ').filter(Boolean);
  // The built-in trace works: it sees what every run loads (the import trace is shown to work by
  // the config test below, which sees cosmiconfig).
  expect(builtins).toContain('fs');
  return { r, urls, builtins };
}

describe('start-up loads only what the run needs', () => {
  it('--json --offline without a config file loads no config loader, network, plugin runner or Ink', async () => {
    const { r, urls, builtins } = await traced(['--json', '--offline']);
    expect(r.json().checks.map((c: { id: string }) => c.id)).toContain('sdk-versions');
    expect(urls.filter((u) => LAZY.test(u))).toEqual([]);
    expect(builtins.filter((b) => LAZY_BUILTINS.includes(b))).toEqual([]);
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

  it('an IP-literal endpoint loads the address machinery (so the list above means something)', async () => {
    const { r, builtins } = await traced(['--json', '--offline'], tempDir(), { LANGSMITH_ENDPOINT: 'http://127.0.0.1:9' });
    expect(r.json().target.endpoint).toBe('http://127.0.0.1:9');
    expect(builtins).toContain('internal/blocklist');
  });

  it('--version and --help load no package and no costly built-in', async () => {
    for (const flag of ['--version', '--help']) {
      const { r, urls, builtins } = await traced([flag]);
      expect(r.code).toBe(0);
      expect(urls.filter((u) => LAZY.test(u))).toEqual([]);
      expect(builtins.filter((b) => LAZY_BUILTINS.includes(b))).toEqual([]);
    }
  });
});
