// argv -> command -> renderer -> exit code. Ink is imported only for the interactive view, so
// --json and --plain stay near Node's own start-up time.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, MAX_TIMEOUT_MS } from './core/config.js';
import { UsageError } from './core/errors.js';
import { unwritableReason, writeFileAtomic } from './core/files.js';
import { createRedactor, guardWrites, type Redactor } from './core/redact.js';
import { didYouMean } from './core/suggest.js';
import { secretRedactor, secretsOfVariables } from './langsmith/secrets.js';
import { inDeclaredOrder, type RunEvent } from './core/runner.js';
import { prepare, run, targetOf, type DoctorOptions, type Prepared } from './doctor.js';
import { exitCodeOf, type Report } from './report/model.js';
import { renderReportFile } from './report/files.js';
import { renderCheck, renderConclusion, renderHeader } from './report/text.js';
import { TOOL_NAME, VERSION } from './version.js';

/** Past this, the interval is a typo (and past 2^31-1 ms Node's timers fire at once). */
export const MAX_WATCH_SECONDS = 86_400;

/** The global help; `self` is how the user started the doctor (so the examples run as printed). */
export function help(self: string = TOOL_NAME): string {
  return `${TOOL_NAME} ${VERSION} — finds out why LangSmith says 401/403, or why traces never arrive

Usage
  ${TOOL_NAME} [options]              diagnose this machine's LangSmith set-up
  ${TOOL_NAME} plugins                list discovered plugins and checkers, with where each came from
  ${TOOL_NAME} explain [FILE|-]       classify a pasted error log or traceback (stdin when no FILE)
  ${TOOL_NAME} --demo list            list the built-in emulator scenarios
  ${TOOL_NAME} --demo SCENARIO        diagnose against the built-in emulator (no account needed)
  ${TOOL_NAME} emulator --scenario NAME [--port N]
                                      run the emulator standalone (for your own tests)
  ${TOOL_NAME} init-plugin NAME [--command bash|python]
                                      scaffold checks/NAME (checker, README, test), wired into the config

Options
  --json               print only the JSON report (schemaVersion 1)
  --plain              plain text, no live updates (default when not a TTY or CI is set)
  --report FILE        also write a report: .md, .json or .html
  --config FILE        use this config file instead of searching
  --dotenv FILE        an extra dotenv file to analyse (repeatable); ./.env is analysed by default
  --cwd DIR            diagnose this folder (config, dotenv files, SDKs, --report paths); default:
                       where npm was invoked (INIT_CWD) under \`npm start\`, else the current folder
  --only IDS           only these checkers (comma-separated), plus what they require
  --skip IDS           skip these checkers
  --timeout MS         per-request timeout (default 5000, at most ${MAX_TIMEOUT_MS})
  --offline            run only checkers that make no network request
  --write-probe        also create and delete a throwaway project to prove write access
  --watch [SECONDS]    re-run the network checks every SECONDS (default 300, at most ${MAX_WATCH_SECONDS})
                       and show what changed
  --strict             warnings also make the exit code 1
  -h, --help           show this help
  -v, --version        show the version
  COMMAND --help       help for explain, plugins and emulator

Examples
  ${self}                                   diagnose the project in this folder
  ${self} --cwd ~/my-app --report doctor.md  diagnose another folder, write a report to paste
  ${self} --json --offline                  settings only, as JSON (no request sent)
  ${self} --demo viewer                     see a read-only key's diagnosis, no account needed
  ${self} explain error.log                 classify an error someone pasted

The API key is never taken from a flag: only from the environment, dotenv files or the
LangSmith SDK profile (~/.langsmith/config.json). It is never printed in full.
Exit codes: 0 no check failed, 1 a check failed or errored, 2 usage or configuration error.
LangSmith keys work the moment they are created: there is no activation period to wait out.
`;
}

/** For tests and callers that print the help with the installed name. */
export const HELP = help();

const COMMAND_HELP: Record<'explain' | 'plugins' | 'emulator' | 'init-plugin', (self: string) => string> = {
  explain: (self) => `Usage: ${self} explain [FILE|-] [--json] [--plain]

Classifies a pasted error log or traceback (LangSmith SDK, HTTP client, proxy, another provider)
and prints the finding codes with their fixes. Reads FILE, or stdin when FILE is - or absent.

Options
  --json      print { "schemaVersion": 1, "findings": [...] }
  --plain     plain text (the default when stdout is not a TTY)
  --cwd DIR   resolve FILE from this folder

Examples
  ${self} explain error.log
  pbpaste | ${self} explain -
`,
  plugins: (self) => `Usage: ${self} plugins [--json] [--config FILE] [--cwd DIR]

Lists the discovered plugins (built-in, from the config, command plugins) and their checkers, with
where each came from and why one failed to load. Exit code 1 when a plugin failed to load.

Options
  --json          print { "schemaVersion": 1, "config", "plugins": [...] }
  --config FILE   use this config file instead of searching
  --cwd DIR       search the config from this folder

Examples
  ${self} plugins
  ${self} plugins --json --cwd ~/my-app
`,
  emulator: (self) => `Usage: ${self} emulator --scenario NAME [--port N]

Runs the built-in LangSmith emulator on loopback for your own tests, and prints the environment
(export lines) that points an SDK at it. Scenarios: see '${self} --demo list'. Ctrl-C stops it.

Options
  --scenario NAME   the emulated account (required)
  --port N          listen on this port (default: any free port)

Examples
  ${self} emulator --scenario viewer
  ${self} emulator --scenario eu-key-on-us-default --port 8123
`,
  'init-plugin': (self) => `Usage: ${self} init-plugin NAME [--command bash|python] [--cwd DIR]

Scaffolds a checker plugin in checks/NAME/ (a TypeScript checker, or a bash or python command
plugin with --command), with a README listing its codes and a test that passes as generated, and
adds it to the project's config (.langsmith-doctorrc.json is created when there is none).

Options
  --command bash|python   a command plugin in that language instead of a TypeScript module
  --cwd DIR               the project folder (default: the current one)

Examples
  ${self} init-plugin vpn-route
  ${self} init-plugin proxy-allowlist --command python
`,
};

export { UsageError };


export interface ParsedArgs {
  command: 'diagnose' | 'plugins' | 'explain' | 'emulator' | 'init-plugin' | 'help' | 'version';
  /** With `help`: the command whose help was asked (`explain --help`). */
  helpFor?: 'explain' | 'plugins' | 'emulator' | 'init-plugin';
  positionals: string[];
  cwd?: string;
  json: boolean;
  plain: boolean;
  report?: string;
  config?: string;
  envFiles: string[];
  only?: string[];
  skip?: string[];
  timeoutMs?: number;
  offline: boolean;
  writeProbe: boolean;
  watchSeconds?: number;
  strict: boolean;
  demo?: string;
  scenario?: string;
  port?: number;
  /** init-plugin --command bash|python */
  pluginCommand?: string;
}

const OPTIONS = {
  json: { type: 'boolean' },
  plain: { type: 'boolean' },
  report: { type: 'string' },
  config: { type: 'string' },
  cwd: { type: 'string' },
  dotenv: { type: 'string', multiple: true },
  // Node 20 consumes --env-file itself (even after the script name); where it lets it through,
  // it is caught below and named.
  'env-file': { type: 'string', multiple: true },
  only: { type: 'string' },
  skip: { type: 'string' },
  timeout: { type: 'string' },
  offline: { type: 'boolean' },
  'write-probe': { type: 'boolean' },
  watch: { type: 'string' },
  strict: { type: 'boolean' },
  demo: { type: 'string' },
  scenario: { type: 'string' },
  port: { type: 'string' },
  command: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['plugins', 'explain', 'emulator', 'init-plugin', 'help'];

export function parseCli(argv: string[]): ParsedArgs {
  // `--watch` takes an optional value, which parseArgs cannot express: normalise it first.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--watch') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+(\.\d+)?$/.test(next)) {
        args.push(`--watch=${next}`);
        i++;
      } else args.push('--watch=300');
    } else args.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (err) {
    const e = err as Error & { code?: string };
    const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[^']+)'/.exec(e.message)?.[1] : undefined;
    if (unknown) {
      const flags = Object.keys(OPTIONS).filter((f) => f !== 'env-file').map((f) => `--${f}`);
      throw new UsageError(`unknown option '${unknown}'${didYouMean(unknown.split('=')[0]!, flags, (f) => f)}`);
    }
    throw new UsageError(e.message.replace(/\. To specify a positional.*$/s, ''));
  }
  const v = parsed.values;
  if (v['env-file'] !== undefined) {
    throw new UsageError(`--env-file is Node's own flag (Node 20 reads it even after the script name); use --dotenv ${v['env-file'][0]} to have a dotenv file analysed`);
  }
  const [first, ...rest] = parsed.positionals;
  let command: ParsedArgs['command'] = 'diagnose';
  let positionals = parsed.positionals;
  const named = first === 'plugins' || first === 'explain' || first === 'emulator' || first === 'init-plugin' ? first : undefined;
  if (v.help) command = 'help';
  else if (v.version) command = 'version';
  else if (first === 'plugins' || first === 'explain' || first === 'emulator' || first === 'init-plugin') {
    command = first;
    positionals = rest;
  } else if (first === 'help') command = 'help';
  else if (first !== undefined) throw new UsageError(`unknown command '${first}'${didYouMean(first, COMMANDS)} (commands: plugins, explain, emulator, init-plugin; see --help)`);
  if (v.command !== undefined && command !== 'init-plugin') throw new UsageError(`--command is an option of init-plugin (${TOOL_NAME} init-plugin NAME --command bash|python)`);
  if (command === 'plugins' && positionals.length > 0) throw new UsageError(`'plugins' takes no arguments`);
  if (command === 'explain' && positionals.length > 1) throw new UsageError(`'explain' takes one FILE (or - for stdin)`);

  const list = (s: string | undefined, flag: string) => {
    if (s === undefined) return undefined;
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (ids.length === 0) throw new UsageError(`${flag} needs checker ids, e.g. ${flag} key-format,endpoint`);
    return ids;
  };
  const num = (s: string | undefined, flag: string, min: number, max: number, integer = false) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (s.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new UsageError(`${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${s}'`);
    }
    return n;
  };
  if (v.report !== undefined && !/\.(md|markdown|json|html?)$/i.test(v.report)) {
    throw new UsageError(`--report ${v.report}: the extension picks the format: .md, .json or .html`);
  }
  if (v.json && v.plain) throw new UsageError('--json and --plain exclude each other');
  return {
    command,
    ...(command === 'help' && named ? { helpFor: named } : {}),
    positionals,
    cwd: v.cwd,
    json: v.json ?? false,
    plain: v.plain ?? false,
    report: v.report,
    config: v.config,
    envFiles: v.dotenv ?? [],
    only: list(v.only, '--only'),
    skip: list(v.skip, '--skip'),
    timeoutMs: num(v.timeout, '--timeout', 1, MAX_TIMEOUT_MS),
    offline: v.offline ?? false,
    writeProbe: v['write-probe'] ?? false,
    watchSeconds: num(v.watch, '--watch', 1, MAX_WATCH_SECONDS),
    strict: v.strict ?? false,
    demo: v.demo,
    scenario: v.scenario,
    port: num(v.port, '--port', 0, 65_535, true),
    pluginCommand: v.command,
  };
}

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

export async function main(argv: string[], ioIn: Io): Promise<number> {
  // Applied last, at one place: whatever any code path writes passes through the redactor, which
  // learns the dotenv and profile secrets in prepare(), before the run prints anything.
  const envSecrets = secretsOfVariables(Object.entries(ioIn.env));
  const redactor = ioIn.redactor ?? secretRedactor(envSecrets);
  let redactOut = redactor.text;
  guardWrites(ioIn.stdout, (s) => redactOut(s));
  guardWrites(ioIn.stderr, (s) => redactOut(s));
  const self = ioIn.invocation ?? TOOL_NAME;
  let io: Io = { ...ioIn, redactor, invocation: self };
  let args: ParsedArgs;
  try {
    args = parseCli(argv);
    io = { ...io, cwd: diagnosedFolder(args, io) };
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
    if (args.command === 'diagnose') checkReportTarget(args.report, io);
    if (args.command === 'explain') return await (await import('./commands/explain.js')).explainCommand(args, io);
    if (args.command === 'emulator') {
      // The emulator prints its own made-up keys for the user to copy: there only the
      // environment's real secrets are masked, not every key shape.
      redactOut = createRedactor({ secrets: envSecrets.map((x) => x.value) }).text;
      return await (await import('./commands/emulator.js')).emulatorCommand(args, io);
    }
    if (args.command === 'init-plugin') return await (await import('./commands/init-plugin.js')).initPluginCommand(args, io);
    if (args.demo !== undefined) return await (await import('./commands/demo.js')).demoCommand(args, io);
    const options = doctorOptions(args, io);
    if (args.command === 'plugins') return await pluginsCommand(options, args, io);
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
    throw err;
  }
}

export function doctorOptions(args: ParsedArgs, io: Io): DoctorOptions {
  return {
    cwd: io.cwd,
    env: io.env,
    configFile: args.config,
    envFiles: args.envFiles,
    only: args.only,
    skip: args.skip,
    offline: args.offline,
    timeoutMs: args.timeoutMs,
    writeProbe: args.writeProbe,
    outputRedactor: io.redactor,
    invocation: io.invocation,
  };
}

export type Mode = 'json' | 'plain' | 'interactive';

export function modeOf(args: ParsedArgs, io: Io): Mode {
  if (args.json) return 'json';
  if (args.plain || !io.stdout.isTTY || (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')) return 'plain';
  return 'interactive';
}

/** Runs a prepared diagnosis in the chosen mode and returns the final Report. */
export async function runInMode(preparedIn: Prepared, mode: Mode, io: Io): Promise<Report> {
  // The demo prepares its own options: how the doctor was started still comes from io.
  const prepared = preparedIn.options.invocation === undefined && io.invocation !== undefined
    ? { ...preparedIn, options: { ...preparedIn.options, invocation: io.invocation } }
    : preparedIn;
  if (mode === 'interactive') {
    const { renderInteractive } = await import('./ui/render.js');
    return renderInteractive(prepared, io);
  }
  if (mode === 'json') {
    const report = await run(prepared);
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return report;
  }
  const { redactor } = prepared;
  io.stdout.write(redactor.text(renderHeader(targetOf(prepared.settings, prepared.options.cwd, prepared.config), prepared.options.demo)) + '\n');
  const print = inDeclaredOrder((r) => io.stdout.write(redactor.text(renderCheck(r))));
  const report = await run(prepared, (e: RunEvent) => print(e));
  // Rows from the config's stage model problems are added after the run.
  for (const c of report.checks.filter((c) => c.id === 'config/stages')) io.stdout.write(renderCheck(c));
  io.stdout.write(renderConclusion(report));
  return report;
}

async function diagnoseCommand(options: DoctorOptions, args: ParsedArgs, io: Io): Promise<number> {
  const prepared = await prepare(options);
  const mode = modeOf(args, io);
  if (args.watchSeconds !== undefined) {
    const { watchCommand } = await import('./commands/watch.js');
    return watchCommand(prepared, args, io, mode);
  }
  const report = await runInMode(prepared, mode, io);
  if (args.report) writeReport(args.report, report, io);
  return exitCodeOf(report, args.strict);
}

/** `--report` to a place that cannot be written fails before the run, not after it. */
export function checkReportTarget(file: string | undefined, io: Io): void {
  if (file === undefined) return;
  const why = unwritableReason(path.resolve(io.cwd, file));
  if (why) throw new UsageError(`--report ${file}: cannot write there: ${why}`);
}

export function writeReport(file: string, report: Report, io: Io): void {
  const full = path.resolve(io.cwd, file);
  try {
    const text = renderReportFile(full, report);
    writeFileAtomic(full, io.redactor ? io.redactor.text(text) : text);
    io.stderr.write(`${TOOL_NAME}: report written to ${full}\n`);
  } catch (err) {
    throw new UsageError(`--report ${file}: cannot write: ${(err as Error).message}`);
  }
}

async function pluginsCommand(options: DoctorOptions, args: ParsedArgs, io: Io): Promise<number> {
  const prepared = await prepare(options);
  const { discovery, config } = prepared;
  if (args.json) {
    io.stdout.write(JSON.stringify({ schemaVersion: 1, folder: options.cwd, config: config.filepath ?? null, plugins: discovery.plugins }, null, 2) + '\n');
    return discovery.plugins.some((p) => p.error) ? 1 : 0;
  }
  const lines = [`Config: ${config.filepath ?? '(none found; built-ins only)'}`, `Folder: ${options.cwd}`, ''];
  for (const p of discovery.plugins) {
    const state = p.error ? `✖ ${p.error}` : `${p.checkers.length} checker${p.checkers.length === 1 ? '' : 's'}`;
    lines.push(`${p.kind.padEnd(8)} ${p.spec}${p.source !== p.spec ? `  (${p.source})` : ''} — ${state}`);
    for (const id of p.checkers) {
      const disabled = config.checks[id] === false ? ' (disabled in config)' : '';
      const entry = discovery.entries.find((e) => e.checker.id === id);
      lines.push(`  ${id}${entry ? ` — ${entry.checker.title}` : ''}${disabled}`);
    }
  }
  io.stdout.write(prepared.redactor.text(lines.join('\n') + '\n'));
  return discovery.plugins.some((p) => p.error) ? 1 : 0;
}
