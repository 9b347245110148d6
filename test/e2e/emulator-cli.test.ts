// `langsmith-doctor emulator --scenario NAME`: starts, prints its URLs and env lines, answers like
// LangSmith, and stops cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';

describe('emulator (standalone)', () => {
  it('prints the URL and environment, serves /info, stops on SIGINT with exit 0', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI, 'emulator', '--scenario', 'viewer'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
    let out = '';
    let info: unknown;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', async (d: string) => {
        out += d;
        if (info === undefined && out.includes('Press Ctrl+C to stop.')) {
          info = null;
          const url = /^ {2}us\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(out)![1];
          info = await (await fetch(`${url}/info`)).json();
          child.kill('SIGINT');
        }
      });
      child.on('close', resolve);
      setTimeout(() => child.kill('SIGKILL'), 15_000);
    });
    expect(out).toMatch(/^export LANGSMITH_API_KEY=lsv2_pt_[0-9a-f]{32}_[0-9a-f]{10}$/m);
    expect(out).toContain('"regions":{"us":"http://127.0.0.1:');
    expect(info).toMatchObject({ version: expect.any(String) });
    expect(out).toContain('Emulator stopped.');
    expect(code).toBe(0);
  });

  it('an unknown scenario is a usage error', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI, 'emulator', '--scenario', 'nope'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(2);
    expect(err).toContain("unknown scenario 'nope'");
  });
});
