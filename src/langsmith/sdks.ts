// Which LangSmith SDKs a project has installed, and what their versions cannot do (facts §2).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findDistribution, locatePython } from './python.js';

export interface InstalledSdk {
  language: 'js' | 'python';
  name: string;
  version: string;
  /** Where it was found (a package.json, a dist-info folder, or the python3 on PATH). */
  where: string;
}

/** JS `langsmith` reads LANGSMITH_* since 0.1.42 (PR #929, commit 179d606c, 2024-08; sdk-audit #8). */
export const JS_LANGSMITH_VARS_SINCE = '0.1.42';
/** ...but LANGSMITH_TRACING(_V2) was read earlier: traceable.ts from 0.1.22, env.ts from 0.1.26. */
export const JS_LANGSMITH_TRACING_SINCE = '0.1.26';
/** Python's get_env_var skips empty and whitespace-only values since 0.5.1 (commit 30675cf5); before, only unset ones. */
export const PYTHON_SKIPS_EMPTY_SINCE = '0.5.1';
/** The SDK profile file (~/.langsmith/config.json): Python 0.8.1 (bcefbb31), JS about 0.6.1 (d9fa48a1). */
export const PROFILE_SINCE = { js: '0.6.1', python: '0.8.1' } as const;
/**
 * A profile's `api_key_env` (the key read from another variable) and `api_key_cmd` (refused with
 * ProfileApiKeyError) in JS since 0.11.6 (CHANGELOG, deb4271). The same change names Python, but the
 * Python 0.14.0 wheel reads neither (sdk-audit #5): through this version Python ignores them.
 */
export const JS_PROFILE_KEY_REF_SINCE = '0.11.6';
export const PYTHON_PROFILE_KEY_ENV_AFTER = '0.14.0';
/** `~` in LANGSMITH_CONFIG_FILE is expanded by JS 0.12 (lib/utils/fs.js); not by JS 0.9 or Python. */
export const JS_EXPANDS_TILDE_SINCE = '0.12.0';
/** LANGSMITH_WORKSPACE_ID (sent as X-Tenant-Id) shipped in Python 0.4.20 and JS 0.3.65 (facts §2). */
export const WORKSPACE_ID_SINCE = { js: '0.3.65', python: '0.4.20' } as const;

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10));
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10));
  for (let i = 0; i < 3; i++) {
    const d = (Number.isNaN(pa[i]!) ? 0 : pa[i]!) - (Number.isNaN(pb[i]!) ? 0 : pb[i]!);
    if (d !== 0) return d;
  }
  return 0;
}

/** `node_modules/<name>/package.json`, from cwd up to the filesystem root (Node's own lookup). */
export function findJsPackage(cwd: string, name: string): InstalledSdk | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
        if (typeof pkg.version === 'string') return { language: 'js', name, version: pkg.version, where: file };
      } catch {
        // an unreadable package.json is not an installed SDK
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `<venv>/lib/python3.X/site-packages/<name>-<version>.dist-info` in the usual virtualenv folders. */
export function findPythonPackage(cwd: string, name: string, venvs: string[]): InstalledSdk | undefined {
  const norm = name.replace(/-/g, '_').toLowerCase();
  for (const venv of venvs) {
    const lib = path.resolve(cwd, venv, 'lib');
    let pythons: string[];
    try {
      pythons = readdirSync(lib).filter((d) => d.startsWith('python'));
    } catch {
      continue;
    }
    for (const py of pythons) {
      const site = path.join(lib, py, 'site-packages');
      let entries: string[];
      try {
        entries = readdirSync(site);
      } catch {
        continue;
      }
      const hit = entries.find((e) => e.toLowerCase().startsWith(`${norm}-`) && e.endsWith('.dist-info'));
      if (hit) return { language: 'python', name, version: hit.slice(norm.length + 1, -'.dist-info'.length), where: path.join(site, hit) };
    }
  }
  return undefined;
}

/** Folders a project's Python virtual environment usually lives in. */
export const PROJECT_VENVS = ['.venv', 'venv', 'env', '.env.d'];

/**
 * The langsmith SDKs this project would run with, read from the file system only (no Python is
 * started): node_modules from the folder up; $VIRTUAL_ENV or a project venv; else the python3 on
 * PATH when its layout is known. `pathPython: false` leaves PATH's python3 out.
 */
export function detectSdks(env: Readonly<Record<string, string | undefined>>, cwd: string, opts: { pathPython?: boolean } = {}): InstalledSdk[] {
  const out: InstalledSdk[] = [];
  const js = findJsPackage(cwd, 'langsmith');
  if (js) out.push(js);
  const venvs = [...(env.VIRTUAL_ENV ? [env.VIRTUAL_ENV] : []), ...PROJECT_VENVS];
  let py = findPythonPackage(cwd, 'langsmith', venvs);
  if (!py && opts.pathPython !== false) {
    const lookup = locatePython(env, cwd);
    const hit = lookup.found === true ? findDistribution(lookup.site, 'langsmith') : undefined;
    if (hit && lookup.found === true) py = { language: 'python', name: 'langsmith', version: hit.version, where: `${hit.where} (python3 on PATH: ${lookup.site.how})` };
  }
  if (py) out.push(py);
  return out;
}

/** True when the installed version is known and older than `since`; unknown versions count as current. */
export function olderThan(version: string | undefined, since: string): boolean {
  return version !== undefined && compareVersions(version, since) < 0;
}
