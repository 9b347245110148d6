// A reader that goes away early (`langsmith-doctor | head -1`): the doctor ends quietly, with no
// stack trace and no internal-error exit code (EPIPE is handled in the executable).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';

describe('stdout closed early', () => {
  it('ends quietly when the reader closes the pipe after the first line', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI, '--demo', 'viewer', '--plain'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      first = d;
      // What `head -1` does once it has its line.
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toContain('DEMO');
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
  }, 30_000);
});
