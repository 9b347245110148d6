// What a command gets from the process: streams, environment, folder, and the output redactor.
import type { Redactor } from './redact.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Redacts everything written to stdout, stderr and report files (made in main when absent). */
  redactor?: Redactor;
  /**
   * How the user started the doctor, as a shell command (`langsmith-doctor`, or `node /abs/cli.js`):
   * printed commands name it so (made once by the executable; the installed name when absent).
   */
  invocation?: string;
}
