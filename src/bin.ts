// The executable: real process streams in, exit code out. Everything else lives in cli.ts.
// It also owns the process's lifetime, which plugins and JS configs (other people's code, loaded
// in-process) must not take over: they cannot end it (process.exit throws where it is called),
// stall it in silence (an idle event loop fails what was waiting), keep it alive (we exit once
// the output is flushed) or leave command plugin process groups behind.
import { Console } from 'node:console';
import { main } from './cli.js';
import { killLeftoverGroups } from './core/command.js';
import { guardProcessExit, notifyIdle } from './core/guard.js';
import { selfInvocation } from './core/invocation.js';
import { deliverSignal } from './core/signals.js';
import { looksSecretName, stripUrlCredentials } from './core/plugin-env.js';
import { guardWrites } from './core/redact.js';
import { SECRET_NAME, secretRedactor, secretsOfVariables } from './langsmith/secrets.js';
import { TOOL_NAME } from './version.js';

const exit = process.exit.bind(process);
let finished = false;
let escaped = false;

// The doctor analyses a snapshot (and passes it explicitly everywhere, proxies included);
// process.env keeps no secret and no URL credentials for in-process plugins to read.
const env = { ...process.env };
for (const [name, value] of Object.entries(process.env)) {
  if (looksSecretName(name) || SECRET_NAME.test(name)) delete process.env[name];
  else if (value !== undefined && value.includes('@')) process.env[name] = stripUrlCredentials(value, /_PROXY$/i.test(name));
}

// One redactor for everything this process prints (main guards stdout with it; stderr is guarded
// when it is made, below); the run adds the secrets of dotenv files and the profile to it, so even
// a crash report knows them.
const redactor = secretRedactor(secretsOfVariables(Object.entries(env)));
const redact = (text: string): string => redactor.text(text);

const describe = (err: unknown): string => {
  try {
    return err instanceof Error ? err.stack ?? err.message : String(err);
  } catch {
    return 'an unprintable error';
  }
};

// A closed pipe (`… | head`) is not an error worth a stack trace: the reader has what it wanted.
// Any other failure to write the output (EIO: the terminal is gone; ENOSPC) means nothing we print
// can arrive: stop, rather than go on drawing for no one (exit 74, EX_IOERR). A stderr that cannot
// be written only loses the notes.
const onStreamError = (stream: NodeJS.WriteStream) => (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') {
    finished = true;
    exit(process.exitCode ?? 0);
  }
  if (stream === process.stdout) outputLost(err);
};
process.stdout.on('error', onStreamError(process.stdout));

// process.stderr is made on first use: setting up a pipe or terminal stream costs ~7 ms, and a
// run that goes well may never write to it. Whoever makes it (our code, a plugin, Node itself),
// it is made redacted and with the handler above.
let stderrMade = false;
const makeStderr = Object.getOwnPropertyDescriptor(process, 'stderr')!.get!;
Object.defineProperty(process, 'stderr', {
  configurable: true,
  enumerable: true,
  get() {
    const stream = makeStderr.call(process) as NodeJS.WriteStream;
    if (!stderrMade) {
      stderrMade = true;
      guardWrites(stream, redact);
      stream.on('error', onStreamError(stream));
    }
    return stream;
  },
});

function outputLost(err: NodeJS.ErrnoException): never {
  finished = true;
  process.stderr.write(`langsmith-doctor: stopped: the output cannot be written (${err.code ?? err.message})\n`);
  return exit(74);
}

const releaseExit = guardProcessExit();

// stdout carries the result (a JSON report must parse); our own code writes it explicitly. What a
// plugin logs with console.* goes to stderr, where it cannot corrupt that result.
let onStderr: Console | undefined;
for (const method of ['log', 'info', 'debug', 'dir', 'table', 'trace'] as const) {
  (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    onStderr ??= new Console({ stdout: process.stderr, stderr: process.stderr });
    (onStderr[method] as (...a: unknown[]) => void)(...args);
  };
}

// Errors thrown from a plugin's timers or callbacks (process.exit included) are reported, not fatal.
const onEscaped = (err: unknown) => {
  if (finished) return;
  escaped = true;
  process.stderr.write(`langsmith-doctor: an uncaught error was ignored (a plugin's or config's timer or callback?); the run goes on: ${redact(describe(err)).split('\n')[0]}\n`);
};
process.on('uncaughtException', onEscaped);
process.on('unhandledRejection', onEscaped);

process.on('beforeExit', () => {
  if (finished) return;
  // Nothing is left to wait for: fail the loads that were waiting; the run goes on without them.
  if (notifyIdle()) return;
  finished = true;
  process.stderr.write('langsmith-doctor: stopped: the run was left waiting for something that can never happen (a plugin or config awaiting a promise that never settles); no report was produced\n');
  exit(70);
});

// Command plugins run in process groups of their own, out of reach of the terminal's Ctrl-C:
// stop them ourselves. The process ends (128 + the signal's number) unless a command claimed the
// signal (src/core/signals.ts says why listeners are not counted). SIGHUP (the terminal closed)
// always ends it.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    killLeftoverGroups();
    if (signal === 'SIGHUP' || !deliverSignal(signal)) {
      finished = true;
      exit(code);
    }
  });
}

process.on('exit', () => {
  killLeftoverGroups();
  if (!finished) {
    process.stderr.write('langsmith-doctor: the process ended before the run finished (no report was produced)\n');
    process.exitCode = 70;
  }
});

const done = (code: number) => {
  finished = true;
  releaseExit();
  // An escaped error means something did not go as reported: never exit 0 after one.
  const final = escaped && code === 0 ? 1 : code;
  process.exitCode = final;
  // Exit once the output is flushed: timers or sockets a plugin left behind must not keep us alive.
  // A write that failed (stdout on a full disk) shows here, in the flush's callback: its 'error'
  // event would come only after this exit.
  let pending = 2;
  let lost: NodeJS.ErrnoException | undefined;
  const flushed = () => {
    if (--pending > 0) return;
    if (lost && lost.code !== 'EPIPE') outputLost(lost);
    exit(final);
  };
  process.stdout.write('', (err?: Error | null) => {
    lost = err ?? undefined;
    flushed();
  });
  if (stderrMade) process.stderr.write('', flushed);
  else flushed();
};

main(process.argv.slice(2), {
  stdout: process.stdout,
  get stderr() {
    return process.stderr;
  },
  // Node makes process.stdin on first use (a stream over a file, pipe or terminal): only explain
  // and the interactive view read it.
  get stdin() {
    return process.stdin;
  },
  env,
  cwd: process.cwd(),
  redactor,
  // Printed commands name the doctor the way it can be started again from the user's shell.
  invocation: selfInvocation({ script: process.argv[1] ?? '', execPath: process.execPath, pathVar: env.PATH, name: TOOL_NAME }),
}).then(done, (err: unknown) => {
  // Even a crash report passes through redaction (here, and again in the guarded stderr).
  process.stderr.write(`langsmith-doctor: internal error (please report it): ${redact(describe(err))}\n`);
  done(70);
});
