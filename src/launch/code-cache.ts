// Where the launcher keeps V8's code cache, and how it reads and writes it. Nothing here may fail
// a run: a cache that cannot be used is a cache that is not there.
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder this user's caches live in: <tmp>/langsmith-doctor-<uid>, made 0700 and used only if
 * it is a real folder of this user's that nobody else may write (the check tmux makes for its
 * socket folder). A cache someone else could write would let them choose the code we run.
 */
export function cacheFolder(tmp = tmpdir(), uid = process.getuid?.()): string | undefined {
  const dir = join(tmp, uid === undefined ? 'langsmith-doctor' : `langsmith-doctor-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

export function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a run reading it meanwhile sees the old file or the new one. */
export function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch {
    // A cache is an optimisation: a full disk or a read-only tmp only costs the next run time.
    try {
      unlinkSync(temp);
    } catch {
      // never made
    }
  }
}

/**
 * Keeps the `keep` newest caches in the folder (one is made per build and Node version, and never
 * rewritten): upgrades and rebuilds leave old ones behind, two installed versions keep theirs.
 */
export function pruneCaches(dir: string, keep = 8): void {
  try {
    const caches = readdirSync(dir)
      .filter((name) => name.endsWith('.cache'))
      .map((name) => ({ file: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of caches.slice(keep)) unlinkSync(file);
  } catch {
    // another run pruned first, or the folder went away: nothing to keep tidy
  }
}
