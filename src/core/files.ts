// Files the doctor reads from the user (dotenv, profile) and writes (reports): bounded reads,
// refused non-files, reports checked before the run and written whole or not at all.
import { chmodSync, closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Why `file` cannot be written, checked by creating (and removing) a sibling; undefined when it can. */
export function unwritableReason(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return `${file} is a directory`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `${path.dirname(file)} is not a folder`;
    if (code !== 'ENOENT') return (err as Error).message;
  }
  const probe = tempSibling(file);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'ENOENT' ? `the folder ${path.dirname(file)} does not exist` : `${path.dirname(file)} is not writable (${e.code ?? e.message})`;
  }
}

/**
 * Writes a temp file beside `file`, then renames it over: a reader never sees half a report.
 * `mode` (e.g. a dotenv file's 0600) is set on the temp file before it replaces anything.
 */
export function writeFileAtomic(file: string, data: string, opts: { mode?: number } = {}): void {
  const tmp = tempSibling(file);
  try {
    writeFileSync(tmp, data, { flag: 'wx', mode: opts.mode ?? 0o666 });
    if (opts.mode !== undefined) chmodSync(tmp, opts.mode);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function tempSibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

export type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

/**
 * Reads a small text file the user pointed us at (a dotenv file, a profile), refusing what would
 * hang or exhaust us: a FIFO or device (`/dev/zero`), a folder, or more than `maxBytes`. Opened
 * non-blocking so a FIFO with no writer cannot stall the open itself.
 */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, missing: e.code === 'ENOENT', reason: `${e.code ?? 'error'}: ${e.message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, missing: false, reason: `not a regular file (${kindOf(st)}); refusing to read it` };
    if (st.size > maxBytes) return { ok: false, missing: false, reason: `too large (${st.size} bytes; at most ${maxBytes} are read)` };
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    // It grew while we read: still bounded, and said so.
    if (n > maxBytes) return { ok: false, missing: false, reason: `too large (over ${maxBytes} bytes)` };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, missing: false, reason: `${e.code ?? 'error'}: ${e.message}` };
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}
