// Build: tsc emits the library (types + JS for `import … from 'langsmith-doctor'`), esbuild
// bundles the CLI with Ink in its own lazily loaded chunk, so --json/--plain never load it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });

execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const stubDir = path.join(root, 'dist', '.stubs');
mkdirSync(stubDir, { recursive: true });
// Ink imports react-devtools-core only when DEV is set; aliasing it keeps it out of the bundle.
writeFileSync(path.join(stubDir, 'devtools.js'), 'export default { initialize() {}, connectToDevTools() {} };\n');

// `import … from 'node:fs'` in an ES module makes Node build an ES facade of the whole built-in,
// reading every export (which loads lazy parts such as fs streams); a require() does neither.
// Every chunk has a `require` (the banner), so built-ins are required instead, at the same place.
const builtinsAsRequire = {
  name: 'builtins-as-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

// dotenv requires node:crypto at its top for one rarely used function (decrypting a vault);
// loading crypto costs more than the rest of a run's built-ins. dotenv gets it on first use.
const dotenvLazyCrypto = {
  name: 'dotenv-lazy-crypto',
  setup(b) {
    b.onResolve({ filter: /^crypto$/ }, (args) => (/[\\/]node_modules[\\/]dotenv[\\/]/.test(args.importer) ? { path: 'crypto', namespace: 'lazy-crypto' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:crypto'))[k] });",
      loader: 'js',
    }));
  },
};

await build({
  plugins: [builtinsAsRequire, dotenvLazyCrypto],
  absWorkingDir: root,
  entryPoints: { cli: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Loaded lazily and rarely; their own module graphs stay as installed. (undici is bundled in
  // its own lazy chunk, which has only a default export: src/langsmith/transport.ts loadUndici
  // takes the classes from there; test/e2e/proxy.test.ts proves it on this bundle.)
  // jiti (the TypeScript loader) is imported only when a .ts plugin or config is met.
  external: ['cosmiconfig', 'execa', 'jiti', 'langsmith', 'typescript'],
  alias: { 'react-devtools-core': path.join(stubDir, 'devtools.js') },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __ldCreateRequire } from 'node:module';\nconst require = __ldCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
