import { afterEach, describe, expect, it } from 'vitest';
import { ExitAttemptError, guardProcessExit, notifyIdle, settleWithin, StalledError } from '../../src/core/guard.js';

describe('guardProcessExit', () => {
  let release: (() => void) | undefined;
  afterEach(() => release?.());

  it('turns process.exit into an error thrown where it was called, and undoes itself', () => {
    const original = process.exit;
    const attempts: unknown[] = [];
    release = guardProcessExit((e) => attempts.push(e.exitCode));
    expect(() => process.exit(0)).toThrow(ExitAttemptError);
    expect(() => process.exit(3)).toThrow('called process.exit(3)');
    expect(attempts).toEqual([0, 3]);
    release();
    expect(process.exit).toBe(original);
  });
});

describe('settleWithin', () => {
  it('passes a settled value and error through', async () => {
    await expect(settleWithin(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(settleWithin(Promise.reject(new Error('no')), 1000, 'x')).rejects.toThrow('no');
  });

  it('fails a promise that never settles at its deadline, naming what was waiting', async () => {
    const err = await settleWithin(new Promise(() => {}), 50, 'loading /p/plugin.mjs').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalledError);
    expect((err as Error).message).toBe('loading /p/plugin.mjs did not finish within 50 ms');
  });

  it('fails at once when the event loop goes idle (notifyIdle), and not after', async () => {
    const waiting = settleWithin(new Promise(() => {}), 60_000, 'loading the config').catch((e: unknown) => e);
    expect(notifyIdle()).toBe(true);
    const err = await waiting;
    expect((err as Error).message).toMatch(/^loading the config never finished: it waits for something that can never happen/);
    expect(notifyIdle()).toBe(false);
  });
});
