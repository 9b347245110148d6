// Which LangSmith SDKs a project has installed, and what their versions cannot do (facts §2).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface InstalledSdk {
  language: 'js' | 'python';
  name: string;
  version: string;
  /** Where it was found (a package.json, a dist-info folder, or the python3 on PATH). */
  where: string;
}

/** JS `langsmith` started reading LANGSMITH_* in 2024-08 (PR #929); the version is approximate. */
export const JS_LANGSMITH_VARS_SINCE = '0.1.40';
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
