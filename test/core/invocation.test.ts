// How the doctor names itself in printed commands, and the rewrite of a leading installed name.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameSelfIn, selfInvocation, shellQuote } from '../../src/core/invocation.js';
import { tempDir } from '../helpers/cli.js';

function script(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cli.js');
  writeFileSync(file, '#!/usr/bin/env node\nconsole.log("ran", process.argv.slice(2).join(" "));\n');
  chmodSync(file, 0o755);
  return realpathSync(file);
}

describe('selfInvocation', () => {
  it('a path that needs quoting is quoted, and the printed command runs in bash as printed', () => {
    const file = script(path.join(tempDir(), "it's a dir"));
    const self = selfInvocation({ script: file, execPath: process.execPath, pathVar: process.env.PATH, name: 'langsmith-doctor' });
    expect(self.endsWith(shellQuote(file))).toBe(true);
    expect(self).toMatch(/'\\''/);
    const run = spawnSync('bash', ['-c', `${self} --help`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('ran --help');
  });

  it('the installed name only when that name on PATH is this very file', () => {
    const root = tempDir();
    const file = script(path.join(root, 'pkg'));
    const other = script(path.join(root, 'other'));
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(other, path.join(bin, 'langsmith-doctor'));
    const pathVar = `${bin}${path.delimiter}${process.env.PATH}`;
    expect(selfInvocation({ script: file, execPath: process.execPath, pathVar, name: 'langsmith-doctor' })).not.toBe('langsmith-doctor');
    const mine = path.join(root, 'bin2');
    mkdirSync(mine);
    symlinkSync(file, path.join(mine, 'langsmith-doctor'));
    expect(selfInvocation({ script: file, execPath: process.execPath, pathVar: `${mine}${path.delimiter}${pathVar}`, name: 'langsmith-doctor' })).toBe('langsmith-doctor');
  });
});

describe('nameSelfIn', () => {
  it('rewrites only a leading installed name', () => {
    expect(nameSelfIn('langsmith-doctor --watch 60', 'langsmith-doctor', "node '/a b/cli.js'")).toBe("node '/a b/cli.js' --watch 60");
    expect(nameSelfIn('langsmith-doctor', 'langsmith-doctor', 'node /x/cli.js')).toBe('node /x/cli.js');
    expect(nameSelfIn('echo langsmith-doctor', 'langsmith-doctor', 'node /x/cli.js')).toBe('echo langsmith-doctor');
    expect(nameSelfIn('langsmith-doctor-plugin-acme', 'langsmith-doctor', 'node /x/cli.js')).toBe('langsmith-doctor-plugin-acme');
  });
});
