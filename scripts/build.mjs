// Build: tsc emits the library (types + JS for `import … from 'langsmith-doctor'`); esbuild
// bundles the CLI: a launcher (dist/cli.js), the doctor (dist/doctor.cjs), and Ink/React and undici
// in files of their own (dist/vendor), loaded only by the runs that need them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });

execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const stubDir = path.join(root, 'dist', '.stubs');
mkdirSync(stubDir, { recursive: true });
// Ink imports react-devtools-core only when DEV is set; aliasing it keeps it out of the bundle.
writeFileSync(path.join(stubDir, 'devtools.js'), 'export default { initialize() {}, connectToDevTools() {} };\n');

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

// The doctor is one CommonJS bundle (dist/doctor.cjs), so the launcher can hand V8 its cached
// compiled code (src/launch/main.ts); ES module bundles cannot be cached that way on Node 20.
// Ink cannot live in it (yoga awaits at the top level): Ink and React are their own ES module,
// dist/vendor/ui.mjs, which src/ui-vendor.ts loads before any screen module runs. Here the
// screen's `import … from 'ink'` (and React's) read what that module registered.
const VENDOR_KEY = "Symbol.for('langsmith-doctor.ui-vendor')";
const UI_VENDOR = { ink: 'ink', react: 'react', 'react/jsx-runtime': 'jsxRuntime' };
const uiFromVendor = {
  name: 'ui-from-vendor',
  setup(b) {
    b.onResolve({ filter: /^(ink|react|react\/jsx-runtime)$/ }, (args) => ({ path: args.path, namespace: 'ui-vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'ui-vendor' }, (args) => ({
      contents: `const v = globalThis[${VENDOR_KEY}];
if (!v) throw new Error('internal: ${args.path} was used before src/ui-vendor.ts loaded it');
module.exports = v[${JSON.stringify(UI_VENDOR[args.path])}];`,
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]ui-vendor\.ts$/ }, () => ({
      contents: `import path from 'node:path';
import { pathToFileURL } from 'node:url';
declare const __ldImport: (specifier: string) => Promise<unknown>;
let ready: Promise<void> | undefined;
export function uiVendorReady(): Promise<void> {
  return (ready ??= __ldImport(pathToFileURL(path.join(__dirname, 'vendor', 'ui.mjs')).href).then((m: unknown) => {
    (globalThis as Record<symbol, unknown>)[${VENDOR_KEY}] = m;
  }));
}
`,
      loader: 'ts',
    }));
  },
};

// What the bundle does not hold is loaded with import(): ES module packages (execa, langsmith…),
// plugins and config files, dist/vendor. Node 20 loses the import() callback of a script compiled
// from V8's code cache ("A dynamic import callback was not specified"), so those calls go through
// the launcher's own import() instead (src/launch/main.ts sets it; same folder, same resolution).
// Found in the syntax tree (an import() whose specifier is not a relative path, which esbuild
// bundles), never by matching text. undici, CommonJS, is its own bundle in dist/vendor.
// undici is CommonJS: dist/vendor/undici.cjs, required (no ES module loader, and through the
// launcher's code cache: compiling its 1 MB took ~30 ms of every run that sends a request).
const VENDOR_REQUIRES = { undici: './vendor/undici.cjs' };
const importsViaLauncher = {
  name: 'imports-via-launcher',
  setup(b) {
    b.onLoad({ filter: /[\\/](src|plugins)[\\/].*\.tsx?$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
      if (!text.includes('import(')) return { contents: text, loader };
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true, loader === 'tsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const edits = [];
      const visit = (node) => {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const arg = node.arguments[0];
          const literal = arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
          if (literal !== undefined && literal in VENDOR_REQUIRES) {
            edits.push({ start: node.getStart(file), end: node.end, text: `Promise.resolve().then(() => __ldRequire(${JSON.stringify(VENDOR_REQUIRES[literal])}))` });
          } else if (literal === undefined || !literal.startsWith('.')) {
            edits.push({ start: node.expression.getStart(file), end: node.expression.end, text: '__ldImport' });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let out = text;
      for (const e of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return { contents: out, loader };
    });
  },
};

// Yoga's Emscripten loader reads its WebAssembly from a base64 data: URL with fetch() when fetch
// exists: in Node that loads Node's own undici and percent-decodes ~90 KB, ~55 ms of every
// interactive start. Without fetch it decodes the same string itself (~15 ms). The build fails
// if the loader no longer reads that way (a new yoga-layout), rather than ship it unpatched.
const YOGA_FETCH_TEST = 'return w||"function"!=typeof fetch?';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.split(YOGA_FETCH_TEST).length !== 2) throw new Error(`${args.path}: yoga's wasm loader changed (expected one \`${YOGA_FETCH_TEST}\`); review the yoga-without-fetch step in scripts/build.mjs`);
      return { contents: text.replace(YOGA_FETCH_TEST, 'return true?'), loader: 'js' };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': path.join(stubDir, 'devtools.js') },
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  plugins: [dotenvLazyCrypto, uiFromVendor, importsViaLauncher],
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/doctor.cjs',
  format: 'cjs',
  // Loaded lazily and rarely; their own module graphs stay as installed. jiti (the TypeScript
  // loader) is imported only when a .ts plugin or config is met.
  external: ['cosmiconfig', 'execa', 'jiti', 'langsmith', 'typescript'],
  define: { ...common.define, 'import.meta.url': '__ldModuleUrl' },
  banner: {
    js: "var __ldModuleUrl = require('node:url').pathToFileURL(__filename).href;\n" +
      "var __ldImport = globalThis[Symbol.for('langsmith-doctor.import')] ?? ((s) => import(s));\n" +
      "var __ldRequire = globalThis[Symbol.for('langsmith-doctor.require')] ?? ((f) => require(require('node:path').join(__dirname, f)));",
  },
});

await build({
  ...common,
  stdin: {
    contents: "export * as ink from 'ink';\nexport * as react from 'react';\nexport * as jsxRuntime from 'react/jsx-runtime';\n",
    resolveDir: root,
    sourcefile: 'ui-vendor-entry.js',
  },
  plugins: [yogaWithoutFetch],
  outfile: 'dist/vendor/ui.mjs',
  format: 'esm',
  // Bundled CommonJS (React) requires built-ins; an ES module has no require of its own.
  banner: { js: "import { createRequire as __ldCreateRequire } from 'node:module';\nconst require = __ldCreateRequire(import.meta.url);" },
});

await build({ ...common, entryPoints: { undici: 'undici' }, outdir: 'dist/vendor', outExtension: { '.js': '.cjs' }, format: 'cjs' });

// The launcher names the files it was built with: a cache made for another build is never tried.
const idOf = (file) => createHash('sha256').update(readFileSync(path.join(root, 'dist', file))).digest('hex').slice(0, 16);
const bundleIds = { 'doctor.cjs': idOf('doctor.cjs'), 'vendor/undici.cjs': idOf('vendor/undici.cjs') };
await build({
  ...common,
  entryPoints: ['src/launch/main.ts'],
  outfile: 'dist/cli.js',
  format: 'cjs',
  define: { ...common.define, BUNDLE_IDS: JSON.stringify(bundleIds) },
  banner: { js: '#!/usr/bin/env node' },
});
// dist/cli.js is CommonJS (no ES module loader to start: the cheapest start Node has); the
// library tsc wrote under dist/lib stays an ES module.
writeFileSync(path.join(root, 'dist', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(path.join(root, 'dist', 'lib', 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
