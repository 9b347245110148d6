// argv -> command -> renderer -> exit code. Ink is imported only for the interactive view, so
// --json and --plain stay near Node's own start-up time.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseCli, type ParsedArgs } from './args.js';
import { ConfigError } from './core/config.js';
import { Interrupted, UsageError } from './core/errors.js';
import type { Io } from './core/io.js';
import { createRedactor, guardWrites } from './core/redact.js';
import { COMMAND_HELP, help } from './help.js';
import { secretRedactor, secretsOfVariables } from './langsmith/secrets.js';
import { TOOL_NAME, VERSION } from './version.js';

export type { Io };


/**
 * The folder diagnosed: --cwd when given (it must exist); under an npm script (\`npm start\`,
 * whose working directory is the package), the folder npm was invoked from; else the working
 * directory. A stale INIT_CWD in a shell does not count outside an npm script.
 */
export function diagnosedFolder(args: Pick<ParsedArgs, 'cwd'>, io: Pick<Io, 'cwd' | 'env'>): string {
  if (args.cwd !== undefined) {
    const full = path.resolve(io.cwd, args.cwd);
    if (!isFolder(full)) throw new UsageError(`--cwd ${args.cwd}: no such folder (${full})`);
    return full;
  }
  const init = io.env.INIT_CWD;
  const npmScript = Boolean(io.env.npm_lifecycle_event || io.env.npm_command);
  if (init && npmScript && path.isAbsolute(init) && isFolder(init)) return init;
  return io.cwd;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A copy of `io` with some fields replaced; getters stay getters (the executable's stdin is made on first use). */
function withIo(io: Io, fields: Partial<Io>): Io {
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(io), ...Object.getOwnPropertyDescriptors(fields) }) as Io;
}

export async function main(argv: string[], ioIn: Io): Promise<number> {
  // Applied last, at one place: whatever any code path writes passes through the redactor, which
  // learns the dotenv and profile secrets in prepare(), before the run prints anything.
  const envSecrets = secretsOfVariables(Object.entries(ioIn.env));
  const redactor = ioIn.redactor ?? secretRedactor(envSecrets);
  let redactOut = redactor.text;
  guardWrites(ioIn.stdout, (s) => redactOut(s));
  // stderr is guarded when first used: the executable makes it on first use (it costs a few ms).
  let stderrGuarded = false;
  const stderr = () => {
    const stream = ioIn.stderr;
    if (!stderrGuarded) {
      stderrGuarded = true;
      guardWrites(stream, (s) => redactOut(s));
    }
    return stream;
  };
  const self = ioIn.invocation ?? TOOL_NAME;
  let io: Io = withIo(ioIn, {
    redactor,
    invocation: self,
    get stderr() {
      return stderr();
    },
  });
  let args: ParsedArgs;
  try {
    args = parseCli(argv);
    io = withIo(io, { cwd: diagnosedFolder(args, io) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${TOOL_NAME}: ${err.message}\nRun '${self} --help' for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    io.stdout.write(args.helpFor ? COMMAND_HELP[args.helpFor](self) : help(self));
    return 0;
  }
  if (args.command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    // The doctor itself is loaded only by the commands that run it (--version and --help never do).
    if (args.command === 'diagnose') (await import('./commands/report-file.js')).checkReportTarget(args.report, io);
    if (args.command === 'explain') return await (await import('./commands/explain.js')).explainCommand(args, io);
    if (args.command === 'emulator') {
      // The emulator prints its own made-up keys for the user to copy: there only the
      // environment's real secrets are masked, not every key shape.
      redactOut = createRedactor({ secrets: envSecrets.map((x) => x.value) }).text;
      return await (await import('./commands/emulator.js')).emulatorCommand(args, io);
    }
    if (args.command === 'init-plugin') return await (await import('./commands/init-plugin.js')).initPluginCommand(args, io);
    if (args.demo !== undefined) return await (await import('./commands/demo.js')).demoCommand(args, io);
    const { doctorOptions, diagnoseCommand } = await import('./commands/diagnose.js');
    const options = doctorOptions(args, io);
    if (args.command === 'plugins') return await (await import('./commands/plugins.js')).pluginsCommand(options, args, io);
    return await diagnoseCommand(options, args, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`${TOOL_NAME}: configuration error in ${err.file}${err.keyPath ? ` at ${err.keyPath}` : ''}: ${err.detail}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`${TOOL_NAME}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Interrupted) return 130;
    throw err;
  }
}
