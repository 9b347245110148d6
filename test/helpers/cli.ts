// Runs the built CLI as a subprocess with a controlled environment, and checks on every run that
// no secret from that environment appears in stdout or stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** Extra secret strings that must not appear in the output. */
  secrets?: string[];
  /** Flags for node itself, before the script. */
  nodeArgs?: string[];
}

/** A fresh empty directory with its own HOME, so no real profile or .env leaks in. */
export function tempDir(prefix = 'lsd-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const cwd = opts.cwd ?? tempDir();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd, ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        assertNoSecrets(stdout + stderr, [...secretsIn(env), ...(opts.secrets ?? [])]);
      } catch (err) {
        reject(err);
        return;
      }
      resolve({
        code,
        stdout,
        stderr,
        json() {
          return JSON.parse(stdout);
        },
      });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function secretsIn(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([k, v]) => /API_KEY|TOKEN|SECRET/i.test(k) && typeof v === 'string' && v.trim().length >= 12 && !/^<.*>$/.test(v.trim()))
    .map(([, v]) => v!.trim());
}

/** Fails when any secret appears whole in the text. */
export function assertNoSecrets(text: string, secrets: string[]): void {
  for (const s of secrets) {
    const bare = s.replace(/^["']+|["']+$/g, '');
    expect(text.includes(bare), `output contains a full secret (${bare.slice(0, 8)}…)`).toBe(false);
  }
}

/** Runs any program (npm, an installed bin) with exactly this environment; stdout and stderr collected. */
export function runProgram(file: string, args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
