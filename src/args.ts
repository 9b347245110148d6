// argv -> ParsedArgs: flags, commands and their typos (usage errors name the closest valid one).
import { parseArgs } from 'node:util';
import { MAX_TIMEOUT_MS } from './core/config.js';
import { UsageError } from './core/errors.js';
import { didYouMean } from './core/suggest.js';
import { TOOL_NAME } from './version.js';

/** Past this, the interval is a typo (and past 2^31-1 ms Node's timers fire at once). */
export const MAX_WATCH_SECONDS = 86_400;

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
  /** --fix: offer the configuration edits that fix findings; --yes applies them without asking. */
  fix: boolean;
  yes: boolean;
  demo?: string;
  scenario?: string;
  port?: number;
  /** init-plugin --command bash|python */
  pluginCommand?: string;
}

export const OPTIONS = {
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
  fix: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
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
  if (v.yes && !v.fix) throw new UsageError('--yes confirms the edits of --fix; add --fix');
  if (v.fix && command !== 'diagnose') throw new UsageError(`--fix applies to a diagnosis, not to '${command}'`);
  if (v.fix && v.watch !== undefined) throw new UsageError('--fix and --watch exclude each other: fix first, then watch');
  if (v.fix && v.demo !== undefined) throw new UsageError('--fix edits the dotenv files of the diagnosed folder; --demo has none (it uses its own environment)');
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
    fix: v.fix ?? false,
    yes: v.yes ?? false,
    demo: v.demo,
    scenario: v.scenario,
    port: num(v.port, '--port', 0, 65_535, true),
    pluginCommand: v.command,
  };
}
