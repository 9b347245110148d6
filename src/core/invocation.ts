// How to name this program in a command the user will paste: the installed name when that name,
// looked up on PATH, is this very file; otherwise `node /abs/path/cli.js`. Computed once by the
// executable and passed down (Io.invocation -> DoctorOptions.invocation).
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';

/** POSIX shell single-quoting when needed, so a printed command runs as printed. */
export function shellQuote(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

function real(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The first executable `name` on PATH, resolved through links; undefined when there is none. */
export function whichReal(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    return real(candidate);
  }
  return undefined;
}

export interface InvocationInput {
  /** The script Node runs (process.argv[1]). */
  script: string;
  /** The Node binary (process.execPath). */
  execPath: string;
  /** PATH as the user's shell sees it. */
  pathVar: string | undefined;
  /** The installed command name (package.json bin). */
  name: string;
}

export function selfInvocation(input: InvocationInput): string {
  const script = real(input.script) ?? path.resolve(input.script);
  if (whichReal(input.name, input.pathVar) === script) return input.name;
  // `node` only when the shell's node is the one running us (another version may not run the bundle).
  const node = whichReal('node', input.pathVar) === (real(input.execPath) ?? input.execPath) ? 'node' : shellQuote(input.execPath);
  return `${node} ${shellQuote(script)}`;
}

/**
 * Commands are written with the installed name (`langsmith-doctor --watch 60`); this names the
 * program the way it was started. Only a leading name is replaced: it is the command's program.
 */
export function nameSelfIn(command: string, name: string, invocation: string | undefined): string {
  if (invocation === undefined || invocation === name) return command;
  return command === name || command.startsWith(`${name} `) ? invocation + command.slice(name.length) : command;
}
