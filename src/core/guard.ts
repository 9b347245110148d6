// Keeps other people's code (plugins, JS configs) from ending or stalling the doctor:
// - process.exit becomes an error thrown where it was called, so the caller's row or config error
//   names the file instead of the process vanishing with exit code 0;
// - a load that never settles fails at a deadline, or at once when the event loop goes idle
//   (a top-level await on nothing leaves no handle to wait for, and Node would just quit).

export class ExitAttemptError extends Error {
  constructor(readonly exitCode: unknown) {
    super(`called process.exit(${exitCode === undefined ? '' : String(exitCode)})`);
    this.name = 'ExitAttemptError';
  }
}

export class StalledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StalledError';
  }
}

/** Replaces process.exit with a function that throws ExitAttemptError; returns the undo. */
export function guardProcessExit(onAttempt?: (err: ExitAttemptError) => void): () => void {
  const original = process.exit;
  const guarded = (code?: unknown): never => {
    const err = new ExitAttemptError(code);
    onAttempt?.(err);
    throw err;
  };
  process.exit = guarded as typeof process.exit;
  return () => {
    if (process.exit === guarded) process.exit = original;
  };
}

/** setTimeout turns anything above 2^31-1 ms into 1 ms: a huge limit must mean "very long", not "now". */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export function timerMs(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_TIMER_MS);
}

const idleWaiters = new Set<() => void>();

/**
 * Settles like `promise`, or rejects with StalledError after `ms`, or as soon as
 * notifyIdle() says nothing else can ever happen. The timer does not keep the process alive.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onIdle = () => finish(() => reject(new StalledError(`${what} never finished: it waits for something that can never happen (a top-level await or a promise that never settles)`)));
    const finish = (settle: () => void) => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      idleWaiters.delete(onIdle);
      settle();
    };
    timer = setTimeout(() => finish(() => reject(new StalledError(`${what} did not finish within ${ms} ms`))), timerMs(ms));
    timer.unref();
    idleWaiters.add(onIdle);
    promise.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e)),
    );
  });
}

/** Called when the event loop has emptied ('beforeExit'): fails every waiting load. True if any was waiting. */
export function notifyIdle(): boolean {
  if (idleWaiters.size === 0) return false;
  for (const fail of [...idleWaiters]) fail();
  return true;
}
