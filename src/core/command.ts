// Runs a command plugin's program: its own process group, input on stdin, bounded output, and
// the whole group killed (SIGTERM, then SIGKILL) at its timeout, when cancelled, and when the
// program exits leaving children behind. We never wait on pipes that a grandchild still holds.
import { createRequire } from 'node:module';
import { timerMs } from './guard.js';

// node:child_process takes longer to load than everything else a run without command plugins
// needs from Node (it brings net, dgram and more); it is loaded on the first spawn.
type ChildProcessModule = typeof import('node:child_process');
let childProcess: ChildProcessModule | undefined;
const spawn = ((...args: Parameters<ChildProcessModule['spawn']>) =>
  (childProcess ??= createRequire(import.meta.url)('node:child_process') as ChildProcessModule).spawn(...args)) as ChildProcessModule['spawn'];

export interface CommandOptions {
  cwd: string;
  input: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Per stream; past it the group is killed and `overflow` names the stream. */
  maxBytes: number;
}

export interface CommandRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  overflow?: 'stdout' | 'stderr';
  spawnError?: NodeJS.ErrnoException;
}

/** How long a group gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 500;

const POSIX = process.platform !== 'win32';
/** Process groups started and possibly still alive: killed on the way out (see killLeftoverGroups). */
const liveGroups = new Set<number>();

export function runCommand(file: string, args: string[], opts: CommandOptions): Promise<CommandRun> {
  return new Promise((resolve) => {
    const out: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
    const size = { stdout: 0, stderr: 0 };
    const run: CommandRun = { exitCode: null, stdout: '', stderr: '', timedOut: false, cancelled: false };
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;

    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: POSIX,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const pid = child.pid;
    if (pid !== undefined && POSIX) liveGroups.add(pid);

    const signalGroup = (sig: NodeJS.Signals) => {
      if (pid === undefined) return;
      try {
        if (POSIX) process.kill(-pid, sig);
        else child.kill(sig);
      } catch {
        // already gone
      }
    };
    const stopGroup = () => {
      if (killTimer) return;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      // Whatever is left of the group does not outlive the check.
      signalGroup('SIGKILL');
      clearTimeout(killTimer);
      if (pid !== undefined && !groupAlive(pid)) liveGroups.delete(pid);
      for (const s of [child.stdin, child.stdout, child.stderr]) s?.destroy();
      run.stdout = Buffer.concat(out.stdout).toString('utf8');
      run.stderr = Buffer.concat(out.stderr).toString('utf8');
      resolve(run);
    };

    const timer = setTimeout(() => {
      run.timedOut = true;
      stopGroup();
    }, timerMs(opts.timeoutMs));
    const onAbort = () => {
      run.cancelled = true;
      stopGroup();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (chunk: Buffer) => {
        if (run.overflow) return;
        const room = opts.maxBytes - size[name];
        if (chunk.length > room) {
          out[name].push(chunk.subarray(0, Math.max(0, room)));
          size[name] = opts.maxBytes;
          run.overflow = name;
          stopGroup();
          return;
        }
        out[name].push(chunk);
        size[name] += chunk.length;
      });
      child[name].on('error', () => {});
    }
    // A program that never reads its stdin must not break us (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);

    child.on('error', (err: NodeJS.ErrnoException) => {
      run.spawnError = err;
      finish();
    });
    child.on('exit', (code) => {
      run.exitCode = code;
      // The program is done; children that still hold our pipes get the same treatment as at a timeout.
      stopGroup();
      graceTimer = setTimeout(finish, KILL_GRACE_MS + 100);
    });
    child.on('close', finish);
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs every command plugin group that may still be alive (on the doctor's way out). */
export function killLeftoverGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  liveGroups.clear();
}
