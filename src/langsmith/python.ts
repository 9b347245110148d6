// Where the `python3` on PATH looks for packages, worked out from the file system alone: starting
// Python costs ~400 ms per run, reading a few folders costs nothing. Covers pyenv shims, virtual
// environments (pyvenv.cfg), plain prefixes and Debian's dist-packages; anything else is 'unknown'
// and the caller may ask the interpreter itself.
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface PythonSite {
  /** The interpreter that would run (after shims and symlinks). */
  interpreter: string;
  /** `3.11` */
  version: string;
  /** Folders searched for installed distributions, in sys.path order. */
  sitePackages: string[];
  /** How it was found, for the evidence. */
  how: string;
}

export type PythonLookup = { found: false } | { found: true; site: PythonSite } | { found: 'unknown'; interpreter: string; why: string };

type Env = Readonly<Record<string, string | undefined>>;

export function locatePython(env: Env, cwd: string, program = 'python3'): PythonLookup {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (let i = 0; i < dirs.length; i++) {
    const candidate = path.join(dirs[i]!, program);
    if (!isExecutableFile(candidate)) continue;
    const shim = pyenvShim(candidate);
    if (shim) {
      const chosen = pyenvVersion(env, cwd, shim.root);
      // `system`: pyenv steps aside and the next python3 on PATH (without the shims) runs.
      if (chosen === 'system') continue;
      const prefix = chosen ? resolvePyenvPrefix(shim.root, chosen) : undefined;
      if (!prefix) return { found: 'unknown', interpreter: candidate, why: `pyenv version ${chosen ?? '(none selected)'} is not installed under ${shim.root}/versions` };
      const viaShim = path.join(prefix, 'bin', program);
      return fromInterpreter(viaShim, env, `pyenv ${path.basename(prefix)} (${candidate})`);
    }
    return fromInterpreter(candidate, env, candidate);
  }
  return { found: false };
}

function fromInterpreter(file: string, env: Env, how: string): PythonLookup {
  // A virtual environment: pyvenv.cfg beside bin/, read before following the python symlink.
  const venv = path.dirname(path.dirname(file));
  const cfgFile = path.join(venv, 'pyvenv.cfg');
  if (existsSync(cfgFile)) {
    const cfg = readCfg(cfgFile);
    const version = majorMinor(cfg.version ?? cfg.version_info) ?? onlyLibVersion(venv);
    if (!version) return { found: 'unknown', interpreter: file, why: `cannot tell the Python version of the virtual environment ${venv}` };
    const own = path.join(venv, 'lib', `python${version}`, 'site-packages');
    let base: string[] = [];
    if ((cfg['include-system-site-packages'] ?? '').toLowerCase() === 'true' && cfg.home) {
      const outer = fromInterpreter(path.join(cfg.home, path.basename(file)), env, how);
      if (outer.found === true) base = outer.site.sitePackages;
    }
    return { found: true, site: { interpreter: file, version, sitePackages: [...pythonPath(env), own, ...base], how: `${how} (virtual environment ${venv})` } };
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { found: 'unknown', interpreter: file, why: 'cannot resolve the interpreter' };
  }
  const prefix = path.dirname(path.dirname(real));
  const version = majorMinor(/^python(\d+\.\d+)$/.exec(path.basename(real))?.[1]) ?? onlyLibVersion(prefix);
  if (!version || !existsSync(path.join(prefix, 'lib', `python${version}`))) {
    return { found: 'unknown', interpreter: real, why: `no lib/python3.X folder under ${prefix}` };
  }
  const home = env.HOME;
  const userSite = home && !env.PYTHONNOUSERSITE ? [path.join(home, '.local', 'lib', `python${version}`, 'site-packages')] : [];
  const site = [
    ...pythonPath(env),
    ...userSite,
    path.join(prefix, 'local', 'lib', `python${version}`, 'dist-packages'), // Debian: pip as root
    path.join(prefix, 'lib', `python${version}`, 'site-packages'),
    path.join(prefix, 'lib', 'python3', 'dist-packages'), // Debian: apt's python3-*
    path.join(prefix, 'lib', `python${version}`, 'dist-packages'),
  ];
  return { found: true, site: { interpreter: real, version, sitePackages: site, how } };
}

/** `<name>-<version>.dist-info` (or `.egg-info`) in the first folder that has one, as Python's importlib finds it. */
export function findDistribution(site: PythonSite, name: string): { version: string; where: string } | undefined {
  const norm = name.replace(/[-_.]+/g, '_').toLowerCase();
  for (const dir of site.sitePackages) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const m = /^(.+?)-(\d[^-]*?)(?:-py\d.*)?\.(?:dist-info|egg-info)$/.exec(e);
      if (m && m[1]!.replace(/[-_.]+/g, '_').toLowerCase() === norm) return { version: m[2]!, where: path.join(dir, e) };
    }
  }
  return undefined;
}

function pyenvShim(file: string): { root: string } | undefined {
  let text: string;
  try {
    if (statSync(file).size > 4096) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith('#!') || !/pyenv/.test(text)) return undefined;
  const root = /export PYENV_ROOT="([^"]+)"/.exec(text)?.[1] ?? path.dirname(path.dirname(file));
  return { root };
}

/** PYENV_VERSION, else the nearest .python-version, else the global version file (pyenv's own order). */
function pyenvVersion(env: Env, cwd: string, root: string): string | undefined {
  const first = (s: string | undefined) => s?.split(/[\s:]+/).find(Boolean);
  if (env.PYENV_VERSION) return first(env.PYENV_VERSION);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const v = readSmall(path.join(dir, '.python-version'));
    if (v !== undefined) return first(v.replace(/#.*$/gm, ''));
    if (path.dirname(dir) === dir) break;
  }
  return first(readSmall(path.join(env.PYENV_ROOT ?? root, 'version'))) ?? 'system';
}

/** An exact version folder, or the newest installed one a prefix names (`3.11` -> `3.11.7`). */
function resolvePyenvPrefix(root: string, version: string): string | undefined {
  const versions = path.join(root, 'versions');
  if (existsSync(path.join(versions, version))) return path.join(versions, version);
  let installed: string[];
  try {
    installed = readdirSync(versions);
  } catch {
    return undefined;
  }
  const matching = installed.filter((v) => v.startsWith(`${version}.`)).sort(compareNumeric);
  return matching.length > 0 ? path.join(versions, matching.at(-1)!) : undefined;
}

function compareNumeric(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function onlyLibVersion(prefix: string): string | undefined {
  try {
    const found = readdirSync(path.join(prefix, 'lib')).map((d) => /^python(\d+\.\d+)$/.exec(d)?.[1]).filter((v): v is string => v !== undefined);
    return found.length === 1 ? found[0] : undefined;
  } catch {
    return undefined;
  }
}

function majorMinor(v: string | undefined): string | undefined {
  return v ? /^(\d+\.\d+)/.exec(v.trim())?.[1] : undefined;
}

function pythonPath(env: Env): string[] {
  return (env.PYTHONPATH ?? '').split(path.delimiter).filter(Boolean);
}

function readCfg(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (readSmall(file) ?? '').split(/\r?\n/)) {
    const m = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

function readSmall(file: string): string | undefined {
  try {
    if (!statSync(file).isFile() || statSync(file).size > 64 * 1024) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
