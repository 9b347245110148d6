// Finding the Python SDK without starting Python: fake layouts on disk for each rule, and the real
// python3 of this machine as the judge (our answer must equal what importlib itself says).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDistribution, locatePython } from '../../src/langsmith/python.js';
import { tempDir } from '../helpers/cli.js';

function file(p: string, text = '', mode?: number) {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  if (mode) chmodSync(p, mode);
}
const dist = (site: string, version: string) => file(path.join(site, `langsmith-${version}.dist-info`, 'METADATA'), `Metadata-Version: 2.1\nName: langsmith\nVersion: ${version}\n`);
const shimText = (root: string) => `#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT="${root}"\nexec "${root}/libexec/pyenv" exec "python3" "$@"\n`;

/** A pyenv tree with two versions, and a plain prefix python3 elsewhere on PATH. */
function pyenvWorld() {
  const w = tempDir('lsd-py-');
  const root = path.join(w, 'pyenv');
  file(path.join(root, 'shims', 'python3'), shimText(root), 0o755);
  for (const [v, sdk] of [['3.11.7', '0.4.1'], ['3.12.2', '0.3.9']] as const) {
    file(path.join(root, 'versions', v, 'bin', 'python3.' + v.split('.')[1]), '', 0o755);
    dist(path.join(root, 'versions', v, 'lib', `python${v.split('.').slice(0, 2).join('.')}`, 'site-packages'), sdk);
  }
  file(path.join(root, 'version'), '3.11.7\n');
  // bin/python3 inside each version, as pyenv installs it (a file here; a symlink in real trees)
  for (const v of ['3.11.7', '3.12.2']) file(path.join(root, 'versions', v, 'bin', 'python3'), '', 0o755);
  const system = path.join(w, 'usr');
  file(path.join(system, 'bin', 'python3'), '', 0o755);
  dist(path.join(system, 'lib', 'python3', 'dist-packages'), '0.1.99');
  mkdirSync(path.join(system, 'lib', 'python3.10'), { recursive: true });
  const project = path.join(w, 'app');
  mkdirSync(project);
  const PATH = [path.join(root, 'shims'), path.join(system, 'bin')].join(path.delimiter);
  return { w, root, project, PATH, HOME: w };
}

const versionOf = (env: Record<string, string>, cwd: string) => {
  const r = locatePython(env, cwd);
  return r.found === true ? findDistribution(r.site, 'langsmith')?.version : r.found;
};

describe('locatePython (file system only)', () => {
  it('follows pyenv: PYENV_VERSION, then the nearest .python-version, then the global version file', () => {
    const { project, PATH, HOME, root } = pyenvWorld();
    expect(versionOf({ PATH, HOME }, project)).toBe('0.4.1');
    file(path.join(project, '.python-version'), '3.12.2\n');
    expect(versionOf({ PATH, HOME }, path.join(project))).toBe('0.3.9');
    expect(versionOf({ PATH, HOME, PYENV_VERSION: '3.11.7' }, project)).toBe('0.4.1');
    // a prefix names the newest installed match, as pyenv 2.3+ resolves it
    expect(versionOf({ PATH, HOME, PYENV_VERSION: '3.12' }, project)).toBe('0.3.9');
    // `system`: pyenv steps aside and the next python3 on PATH answers (Debian's dist-packages)
    expect(versionOf({ PATH, HOME, PYENV_VERSION: 'system' }, project)).toBe('0.1.99');
    const missing = locatePython({ PATH, HOME, PYENV_VERSION: '2.7.18' }, project);
    expect(missing).toMatchObject({ found: 'unknown', why: expect.stringContaining(`pyenv version 2.7.18 is not installed under ${root}/versions`) });
  });

  it('reads a virtual environment from pyvenv.cfg, with and without the system site-packages', () => {
    const { w, PATH, HOME } = pyenvWorld();
    const venv = path.join(w, 'venv');
    file(path.join(venv, 'bin', 'python3'), '', 0o755);
    file(path.join(venv, 'pyvenv.cfg'), `home = ${path.join(w, 'usr', 'bin')}\ninclude-system-site-packages = false\nversion = 3.10.12\n`);
    mkdirSync(path.join(venv, 'lib', 'python3.10', 'site-packages'), { recursive: true });
    const env = { PATH: [path.join(venv, 'bin'), PATH].join(path.delimiter), HOME };
    expect(versionOf(env, w)).toBeUndefined();
    file(path.join(venv, 'pyvenv.cfg'), `home = ${path.join(w, 'usr', 'bin')}\ninclude-system-site-packages = true\nversion = 3.10.12\n`);
    expect(versionOf(env, w)).toBe('0.1.99');
    dist(path.join(venv, 'lib', 'python3.10', 'site-packages'), '0.4.20');
    expect(versionOf(env, w)).toBe('0.4.20');
  });

  it('PYTHONPATH comes first, the user site before the prefix, and no python3 at all is found: false', () => {
    const { w, HOME } = pyenvWorld();
    const PATH = path.join(w, 'usr', 'bin');
    dist(path.join(HOME, '.local', 'lib', 'python3.10', 'site-packages'), '0.2.0');
    expect(versionOf({ PATH, HOME }, w)).toBe('0.2.0');
    expect(versionOf({ PATH, HOME, PYTHONNOUSERSITE: '1' }, w)).toBe('0.1.99');
    dist(path.join(w, 'extra'), '0.5.0');
    expect(versionOf({ PATH, HOME, PYTHONPATH: path.join(w, 'extra') }, w)).toBe('0.5.0');
    expect(locatePython({ PATH: path.join(w, 'nothing-here'), HOME }, w)).toEqual({ found: false });
  });
});

/** What this machine's python3 itself says: the version, or null when it has none. */
function pythonSays(env: Record<string, string>, cwd: string): string | null {
  const out = execFileSync('python3', ['-c', 'import importlib.metadata as m\ntry:\n  print(m.version("langsmith"))\nexcept m.PackageNotFoundError:\n  print("")'], { env, cwd, encoding: 'utf8' }).trim();
  return out === '' ? null : out;
}

describe('locatePython against the real python3 of this machine', () => {
  it('gives the same answer as importlib, on PATH as it is and in a real venv with an SDK in it', () => {
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? tempDir() };
    const cwd = tempDir();
    const here = locatePython(env, cwd);
    // CI's python3 is pyenv's or Debian's: both layouts must be read, not left to 'unknown'.
    expect(here.found, 'python3 on PATH, in a layout locatePython reads').toBe(true);
    if (here.found === true) expect(findDistribution(here.site, 'langsmith')?.version ?? null).toBe(pythonSays(env, cwd));

    const venv = path.join(cwd, 'venv');
    execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { env, cwd });
    const venvEnv = { ...env, PATH: [path.join(venv, 'bin'), env.PATH].join(path.delimiter) };
    const inVenv = locatePython(venvEnv, cwd);
    expect(inVenv.found).toBe(true);
    if (inVenv.found !== true) return;
    expect(findDistribution(inVenv.site, 'langsmith')?.version ?? null).toBe(pythonSays(venvEnv, cwd));
    dist(inVenv.site.sitePackages.find((d) => d.startsWith(venv))!, '0.4.37');
    expect(pythonSays(venvEnv, cwd)).toBe('0.4.37');
    expect(findDistribution(inVenv.site, 'langsmith')?.version).toBe('0.4.37');
  });
});
