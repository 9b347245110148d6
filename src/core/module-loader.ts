// Imports plugin and config modules the way their authors wrote them: TypeScript through jiti
// (loaded only when a .ts file is met, so start-up stays fast), tsc's CommonJS `exports.default`
// unwrapped, and a module-format mismatch explained with the rename that fixes it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isPlainObject } from './checker.js';

export const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/;

/** Imports `file` and returns its module namespace (for TypeScript, jiti's equivalent). */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT_FILE.test(file)) return importTypeScript(file);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw explainFormatMismatch(err, file);
  }
}

async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const { createJiti } = await import('jiti');
  // A plugin that imports 'langsmith-doctor' (defineChecker) where the package is not installed
  // (npx, a global install) gets the running doctor's own API.
  const self = resolvesFrom(SELF_NAME, file) ? undefined : ownLibraryEntry();
  // No cache on disk (nothing written into the user's project); each run reads the file afresh.
  const jiti = createJiti(file, { fsCache: false, moduleCache: false, interopDefault: false, ...(self ? { alias: { [SELF_NAME]: self } } : {}) });
  const mod = await jiti.import<unknown>(file);
  return isPlainObject(mod) ? mod : { default: mod };
}

const SELF_NAME = 'langsmith-doctor';

function resolvesFrom(name: string, file: string): boolean {
  try {
    createRequire(file).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** This package's built library entry (dist/lib/src/index.js), found from wherever this code runs. */
function ownLibraryEntry(): string | undefined {
  for (let d = path.dirname(fileURLToPath(import.meta.url)); ; d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === SELF_NAME) {
          const entry = path.join(d, 'dist', 'lib', 'src', 'index.js');
          return existsSync(entry) ? entry : undefined;
        }
      } catch {
        // not ours; keep looking
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The value a module exports: `export default`, else the namespace. tsc's CommonJS output
 * (`exports.default = …` with `__esModule`) arrives as `{ default: { __esModule, default } }`.
 */
export function defaultExport(mod: Record<string, unknown>): unknown {
  let value: unknown = mod.default !== undefined ? mod.default : mod;
  for (let i = 0; i < 2 && isPlainObject(value) && value.__esModule === true && 'default' in value; i++) value = value.default;
  return value;
}

export class ModuleFormatError extends Error {
  constructor(message: string, readonly original: unknown) {
    super(message);
    this.name = 'ModuleFormatError';
  }
}

/** Node's raw errors for ESM-in-CommonJS and CommonJS-in-ESM, turned into the rename that fixes them. */
export function explainFormatMismatch(err: unknown, file: string): unknown {
  const message = err instanceof Error ? err.message : String(err);
  const ext = path.extname(file);
  const pkg = owningPackageJson(path.dirname(file));
  const where = pkg ? `${pkg.file} ${pkg.type ? `has "type": "${pkg.type}"` : 'has no "type" field'}` : 'no package.json sets "type"';
  const esmSyntax = /Cannot use import statement outside a module|Unexpected token 'export'|Cannot use 'import\.meta' outside a module/.test(message);
  if (esmSyntax && ext !== '.mjs') {
    return new ModuleFormatError(
      `${file} uses ES module syntax (import/export), but Node loads it as CommonJS (${where}): rename it to ${swapExt(file, '.mjs')}, or write it with require()/module.exports`,
      err,
    );
  }
  const cjsSyntax = /(require|module|exports|__dirname|__filename) is not defined in ES module scope/.test(message);
  if (cjsSyntax && ext !== '.cjs') {
    return new ModuleFormatError(
      `${file} uses CommonJS (require/module.exports), but Node loads it as an ES module (${where}): rename it to ${swapExt(file, '.cjs')}, or write it with import/export`,
      err,
    );
  }
  return err;
}

function swapExt(file: string, ext: string): string {
  return path.basename(file, path.extname(file)) + ext;
}

function owningPackageJson(dir: string): { file: string; type?: string } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'package.json');
    if (existsSync(file)) {
      try {
        const type = (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type;
        return { file, ...(typeof type === 'string' ? { type } : {}) };
      } catch {
        return { file };
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}
