// The code-cache folder is code we will run: it is used only when it is this user's own folder
// that nobody else can write, and a cache that cannot be read or written never fails a run.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFolder, pruneCaches, readCache, writeCache } from '../../src/launch/code-cache.js';
import { tempDir } from '../helpers/cli.js';

const uid = process.getuid!();

describe('cacheFolder', () => {
  it('makes <tmp>/langsmith-doctor-<uid> private to the user, and reuses it', () => {
    const tmp = tempDir();
    const dir = cacheFolder(tmp, uid);
    expect(dir).toBe(path.join(tmp, `langsmith-doctor-${uid}`));
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
    expect(cacheFolder(tmp, uid)).toBe(dir);
  });

  it('refuses a folder others can write', () => {
    const tmp = tempDir();
    const dir = path.join(tmp, `langsmith-doctor-${uid}`);
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(cacheFolder(tmp, uid)).toBeUndefined();
    chmodSync(dir, 0o750);
    expect(cacheFolder(tmp, uid)).toBe(dir);
  });

  it('refuses a folder of another user (one made in advance under the name we would use)', () => {
    const tmp = tempDir();
    // Made by this process, so owned by this user: asked for as another user, it is someone else's.
    const other = uid + 1000;
    mkdirSync(path.join(tmp, `langsmith-doctor-${other}`), { mode: 0o700 });
    expect(cacheFolder(tmp, other)).toBeUndefined();
  });

  it('refuses a symlink or a file in its place', () => {
    const tmp = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, path.join(tmp, `langsmith-doctor-${uid}`));
    expect(cacheFolder(tmp, uid)).toBeUndefined();
    const tmp2 = tempDir();
    writeFileSync(path.join(tmp2, `langsmith-doctor-${uid}`), 'not a folder');
    expect(cacheFolder(tmp2, uid)).toBeUndefined();
  });

  it('gives up quietly where no folder can be made', () => {
    expect(cacheFolder(path.join(tempDir(), 'missing', 'deeper'), uid)).toBeUndefined();
  });
});

describe('readCache and writeCache', () => {
  it('write whole files, private to the user, and leave no temporary file behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.cache');
    writeCache(file, Buffer.from('one'));
    writeCache(file, Buffer.from('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['x.cache']);
    expect(readCache(file)?.toString()).toBe('two');
  });

  it('never throw: a missing file reads as none, an unwritable place writes nothing', () => {
    const dir = tempDir();
    expect(readCache(path.join(dir, 'none.cache'))).toBeUndefined();
    const file = path.join(dir, 'no-such-folder', 'x.cache');
    expect(() => writeCache(file, Buffer.from('x'))).not.toThrow();
    expect(existsSync(file)).toBe(false);
  });
});

describe('pruneCaches', () => {
  it('keeps the newest caches and nothing else of ours is touched', () => {
    const dir = tempDir();
    for (let i = 0; i < 11; i++) {
      const file = path.join(dir, `doctor-${i}.cache`);
      writeFileSync(file, String(i));
      utimesSync(file, 1_000 + i, 1_000 + i);
    }
    writeFileSync(path.join(dir, 'notes.txt'), 'not a cache');
    pruneCaches(dir, 8);
    expect(readdirSync(dir).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `doctor-${i + 3}.cache`), 'notes.txt'].sort());
  });

  it('never throws, even for a folder that is gone', () => {
    expect(() => pruneCaches(path.join(tempDir(), 'gone'))).not.toThrow();
  });
});
