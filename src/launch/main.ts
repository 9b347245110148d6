// dist/cli.js: starts the doctor (dist/doctor.cjs, one CommonJS bundle) with V8's code cache, so
// a run does not pay for compiling the doctor again each time (issue 11: `--json --offline` near
// Node's own start-up). It imports nothing of the doctor; the doctor imports nothing of it.
//
// Node 22+ has a compile cache of its own (module.enableCompileCache). Node 20 has none: there the
// bundle is compiled with vm.Script and the cache V8 made on an earlier run. With
// NODE_DISABLE_COMPILE_CACHE set (Node's own switch), or no private cache folder, a plain require.

// Named imports only: a default import of a built-in makes the bundler copy all its properties.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheFolder, pruneCaches, readCache, writeCache } from './code-cache.js';

/**
 * Set by the build: a hash of each CommonJS file the launcher may compile (dist/doctor.cjs, and
 * dist/vendor/undici.cjs that the first request loads), so a new build never meets an old cache.
 */
declare const BUNDLE_IDS: Record<string, string>;

const bundle = join(__dirname, 'doctor.cjs');
const nodeRequire = createRequire(bundle);
// Module.wrap, and Node 22's compile cache (absent from Node 20 and its types).
const nodeModule = nodeRequire('node:module') as { wrap(source: string): string; enableCompileCache?: () => unknown };
const enableCompileCache = nodeModule.enableCompileCache;

const IMPORT = Symbol.for('langsmith-doctor.import');
const REQUIRE = Symbol.for('langsmith-doctor.require');
const VERSION_OR_HELP = new Set(['--version', '-v', '--help', '-h', 'help']);
// A cache made by `--version` or `--help` would hold little of the doctor: wait for a real run.
const thin = process.argv.slice(2).some((a) => VERSION_OR_HELP.has(a));

/**
 * Node 20: runs one of our CommonJS files (a path relative to dist/) compiled with the cached code
 * when V8 accepts it, and makes the cache after a run that had none. Returns its exports.
 */
function requireWithCache(relative: string, dir: string): unknown {
  const file = join(__dirname, relative);
  const source = readFileSync(file, 'utf8');
  // V8 checks a cache against the source's length only: the file's own stamp (a file edited in
  // place changes its mtime) and the build's hash of it keep any other file from using it.
  const { mtimeMs } = statSync(file);
  const id = `${BUNDLE_IDS[relative.replace(/^\.\//, '')] ?? 'unknown'}-${Math.trunc(mtimeMs).toString(36)}`;
  const cacheFile = join(dir, `${basename(relative, '.cjs')}-${id}-${process.version}-${process.arch}.cache`);
  const cachedData = readCache(cacheFile);
  const script = new Script(nodeModule.wrap(source), { filename: file, cachedData });
  if ((cachedData === undefined || script.cachedDataRejected) && !thin) {
    process.once('exit', () => {
      writeCache(cacheFile, script.createCachedData());
      pruneCaches(dir);
    });
  }
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...a: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function launch(): void {
  // The bundle's import() calls come here (scripts/build.mjs says why); this file sits next to it,
  // so every specifier resolves as it would there. Its CommonJS vendor files come through REQUIRE.
  const slot = globalThis as Record<symbol, unknown>;
  slot[IMPORT] = (specifier: string) => import(specifier);
  try {
    start(slot);
  } finally {
    // The bundle took them as it loaded; nothing loaded later (in-process plugins) gets to swap them.
    delete slot[IMPORT];
    delete slot[REQUIRE];
  }
}

function start(slot: Record<symbol, unknown>): void {
  const off = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
  const dir = off || typeof enableCompileCache === 'function' ? undefined : cacheFolder();
  if (dir === undefined) {
    // Node's own compile cache (Node 22+), or none.
    if (!off) enableCompileCache?.();
    slot[REQUIRE] = (relative: string) => nodeRequire(join(__dirname, relative));
    nodeRequire(bundle);
    return;
  }
  slot[REQUIRE] = (relative: string) => requireWithCache(relative, dir);
  requireWithCache('doctor.cjs', dir);
}

if (require.main === module) launch();
