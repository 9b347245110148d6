// dist/cli.js: starts the doctor (dist/doctor.cjs, one CommonJS bundle) with V8's code cache, so
// a run does not pay for compiling the doctor again each time (issue 11: `--json --offline` near
// Node's own start-up). It imports nothing of the doctor; the doctor imports nothing of it.
//
// Node 22+ has a compile cache of its own (module.enableCompileCache). Node 20 has none: there the
// bundle is compiled with vm.Script and the cache V8 made on an earlier run. With
// NODE_DISABLE_COMPILE_CACHE set (Node's own switch), or no private cache folder, a plain require.
// Named imports only: a default import of a built-in makes the bundler copy all its properties.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { cacheFolder, pruneCaches, readCache, writeCache } from './code-cache.js';

/** Set by the build: a hash of dist/doctor.cjs, so a new build never meets an old cache. */
declare const BUNDLE_ID: string;

const bundle = join(__dirname, 'doctor.cjs');
const nodeRequire = createRequire(bundle);
// Module.wrap, and Node 22's compile cache (absent from Node 20 and its types).
const nodeModule = nodeRequire('node:module') as { wrap(source: string): string; enableCompileCache?: () => unknown };
const enableCompileCache = nodeModule.enableCompileCache;

const IMPORT = Symbol.for('langsmith-doctor.import');
const VERSION_OR_HELP = new Set(['--version', '-v', '--help', '-h', 'help']);

/** Node 20: compile with the cached code when V8 accepts it; make the cache after a run that had none. */
function runWithV8Cache(dir: string): void {
  const file = join(dir, `doctor-${BUNDLE_ID}-${process.version}-${process.arch}.cache`);
  const cachedData = readCache(file);
  const source = readFileSync(bundle, 'utf8');
  const script = new Script(nodeModule.wrap(source), { filename: bundle, cachedData });
  // A cache made by `--version` or `--help` would hold little of the doctor: wait for a real run.
  const thin = process.argv.slice(2).some((a) => VERSION_OR_HELP.has(a));
  if ((cachedData === undefined || script.cachedDataRejected) && !thin) {
    process.once('exit', () => {
      writeCache(file, script.createCachedData());
      pruneCaches(dir);
    });
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, nodeRequire, module, bundle, __dirname);
}

function launch(): void {
  // The bundle's import() calls come here (scripts/build.mjs says why); this file sits next to it,
  // so every specifier resolves as it would there.
  const slot = globalThis as Record<symbol, unknown>;
  slot[IMPORT] = (specifier: string) => import(specifier);
  try {
    start();
  } finally {
    // The bundle took it as it loaded; nothing loaded later (in-process plugins) gets to swap it.
    delete slot[IMPORT];
  }
}

function start(): void {
  const off = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
  if (!off && typeof enableCompileCache === 'function') {
    enableCompileCache();
    nodeRequire(bundle);
    return;
  }
  const dir = off ? undefined : cacheFolder();
  if (dir === undefined) nodeRequire(bundle);
  else runWithV8Cache(dir);
}

if (require.main === module) launch();
