// Plugin discovery: built-ins, config modules (paths relative to the config file), packages
// (resolved from the config file's folder) and commands in any language (own process group,
// allow-listed environment, no shell). A plugin that cannot load, or never finishes loading,
// becomes a row with status error; the others still run.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isPlainObject, normalizeOutcome, type CheckContext, type Checker } from './checker.js';
import { KILL_GRACE_MS, runCommand } from './command.js';
import type { CommandPluginSpec, DoctorConfig } from './config.js';
import { settleWithin } from './guard.js';
import { defaultExport, importModule } from './module-loader.js';
import { commandEnvironment } from './plugin-env.js';
import { CommandSyntaxError, splitCommand } from './shell-words.js';
import type { RunEntry } from './runner.js';

export interface LoadedPack {
  name: string;
  source: string;
  stages?: unknown;
  codes?: Record<string, string>;
}

export interface PluginInfo {
  /** What the config said (or `builtin`). */
  spec: string;
  kind: 'builtin' | 'module' | 'package' | 'command';
  /** Resolved file, package name@version or command line. */
  source: string;
  checkers: string[];
  error?: string;
}

export interface Discovery {
  entries: RunEntry[];
  plugins: PluginInfo[];
  packs: LoadedPack[];
}

export interface DiscoverOptions {
  builtins: readonly Checker[];
  config: DoctorConfig;
  /** What a command plugin receives on stdin: the redacted context. */
  commandInput?: (ctx: CheckContext) => unknown;
  /** The environment a command plugin runs with (see plugin-env.ts); nothing else is inherited. */
  commandEnv?: Record<string, string>;
  /** Applied to a command plugin's output before any of it is cut into an excerpt. */
  redactText?: (text: string) => string;
  /** How long a module or package may take to import (default 10 s). */
  loadTimeoutMs?: number;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

const ID_PATTERN = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)*$/;

export async function discoverPlugins(opts: DiscoverOptions): Promise<Discovery> {
  const { config } = opts;
  const entries: RunEntry[] = [];
  const plugins: PluginInfo[] = [];
  const packs: LoadedPack[] = [];
  const seen = new Map<string, string>();

  const add = (checker: Checker, source: string, info: PluginInfo, thirdParty = true) => {
    const prior = seen.get(checker.id);
    if (prior !== undefined) {
      entries.push(errorEntry(`duplicate:${checker.id}`, checker.title || checker.id, source,
        `duplicate checker id '${checker.id}' from ${source}; already defined by ${prior}`));
      info.error = `duplicate checker id '${checker.id}'`;
      return;
    }
    seen.set(checker.id, source);
    info.checkers.push(checker.id);
    const opt = config.checks[checker.id];
    if (opt === false) return; // disabled in config: not run, still listed by `plugins`
    entries.push({ checker, source, options: opt ?? {}, ...(thirdParty ? { thirdParty } : {}) });
  };

  const builtinInfo: PluginInfo = { spec: 'builtin', kind: 'builtin', source: 'builtin', checkers: [] };
  plugins.push(builtinInfo);
  for (const checker of opts.builtins) add(checker, 'builtin', builtinInfo, false);

  // Config plugins load in parallel; their rows keep config order.
  const loaded = await Promise.all(
    config.plugins.map(async (spec, i) => {
      if (typeof spec !== 'string') return { spec, i, result: loadCommand(spec, config.dir, opts) };
      return { spec, i, result: await loadModule(spec, config.dir, opts.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS) };
    }),
  );

  for (const { spec, result } of loaded) {
    const specText = typeof spec === 'string' ? spec : spec.command;
    const info: PluginInfo = { spec: specText, kind: result.kind, source: result.source, checkers: [] };
    plugins.push(info);
    if ('error' in result) {
      info.error = result.error;
      entries.push(errorEntry(`plugin:${specText}`, `Plugin ${specText}`, result.source, result.error));
      continue;
    }
    for (const pack of result.packs) packs.push({ ...pack, source: result.source });
    for (const checker of result.checkers) {
      const problem = checkerProblem(checker, result.kind !== 'builtin');
      if (problem) {
        const id = typeof checker?.id === 'string' && checker.id ? checker.id : `plugin:${specText}`;
        info.error = problem;
        entries.push(errorEntry(id, `Plugin ${specText}`, result.source, `${result.source}: ${problem}`));
        continue;
      }
      add(checker, result.source, info);
    }
  }
  return { entries, plugins, packs };
}

type LoadResult =
  | { kind: PluginInfo['kind']; source: string; checkers: Checker[]; packs: Omit<LoadedPack, 'source'>[] }
  | { kind: PluginInfo['kind']; source: string; error: string };

async function loadModule(spec: string, dir: string, loadTimeoutMs: number): Promise<LoadResult> {
  const isPath = spec.startsWith('.') || path.isAbsolute(spec);
  const kind = isPath ? 'module' : 'package';
  let file: string;
  let source: string;
  if (isPath) {
    file = path.resolve(dir, spec);
    source = file;
    if (!existsSync(file)) return { kind, source, error: `plugin module not found: ${file} (from '${spec}', relative to ${dir})` };
  } else {
    const resolved = resolvePackage(spec, dir);
    if ('error' in resolved) return { kind, source: `package:${spec}`, error: resolved.error };
    file = resolved.file;
    source = `package:${spec}${resolved.version ? `@${resolved.version}` : ''}`;
  }
  let mod: Record<string, unknown>;
  try {
    mod = await settleWithin(importModule(file), loadTimeoutMs, 'loading it');
  } catch (err) {
    const message = messageOf(err);
    return { kind, source, error: `${source}: failed to load: ${message.split('\n')[0]}` };
  }
  const shape = checkersOf(defaultExport(mod));
  if ('error' in shape) return { kind, source, error: `${source}: ${shape.error}` };
  return { kind, source, ...shape };
}

/** One checker, an array of checkers, or a pack `{ name, checkers, stages? }`. */
function checkersOf(value: unknown): { checkers: Checker[]; packs: Omit<LoadedPack, 'source'>[] } | { error: string } {
  const expected = 'expected a default export that is a checker { id, title, run }, an array of checkers, or a pack { name, checkers }';
  if (Array.isArray(value)) {
    if (value.length === 0) return { error: `exports an empty array; ${expected}` };
    return { checkers: value as Checker[], packs: [] };
  }
  if (!isPlainObject(value)) return { error: `${expected}; got ${value === null ? 'null' : typeof value}` };
  if (Array.isArray(value.checkers)) {
    const name = typeof value.name === 'string' ? value.name : 'unnamed pack';
    const codes = isPlainObject(value.codes) ? (value.codes as Record<string, string>) : undefined;
    return { checkers: value.checkers as Checker[], packs: [{ name, stages: value.stages, codes }] };
  }
  if (typeof value.run === 'function' || typeof value.id === 'string') return { checkers: [value as unknown as Checker], packs: [] };
  const keys = Object.keys(value).slice(0, 6).join(', ');
  return { error: `${expected}; got an object with keys: ${keys || '(none)'}` };
}

export function checkerProblem(c: unknown, thirdParty: boolean): string | undefined {
  if (!isPlainObject(c)) return 'a checker must be an object { id, title, run }';
  if (typeof c.id !== 'string' || !ID_PATTERN.test(c.id)) return `checker id must be a string like 'acme/proxy', got ${JSON.stringify(c.id)}`;
  if (thirdParty && !c.id.includes('/')) return `checker id '${c.id}' must be namespaced, e.g. 'acme/${c.id}' (bare ids are for built-ins)`;
  if (typeof c.title !== 'string' || c.title === '') return `checker '${c.id}' needs a title string`;
  if (typeof c.run !== 'function') return `checker '${c.id}' needs a run(ctx) function`;
  for (const field of ['requires', 'after'] as const) {
    const v = c[field];
    if (v !== undefined && !(Array.isArray(v) && v.every((r) => typeof r === 'string'))) return `checker '${c.id}': ${field} must be an array of checker ids`;
  }
  if (c.timeoutMs !== undefined && !(typeof c.timeoutMs === 'number' && c.timeoutMs > 0)) {
    return `checker '${c.id}': timeoutMs must be a positive number`;
  }
  return undefined;
}

function resolvePackage(name: string, dir: string): { file: string; version?: string } | { error: string } {
  const require = createRequire(path.join(dir, '__langsmith_doctor__.js'));
  let pkgJson: string | undefined;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    // Packages whose `exports` hide package.json: walk node_modules ourselves.
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        pkgJson = candidate;
        break;
      }
      if (path.dirname(d) === d) break;
    }
  }
  if (!pkgJson) return { error: `plugin package '${name}' is not installed (looked in node_modules from ${dir}); run: npm install --save-dev ${name}` };
  let pkg: Record<string, unknown> = {};
  try {
    pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return { error: `plugin package '${name}': unreadable ${pkgJson}: ${(err as Error).message}` };
  }
  const version = typeof pkg.version === 'string' ? pkg.version : undefined;
  const root = path.dirname(pkgJson);
  const entry = exportEntry(pkg.exports) ?? (typeof pkg.module === 'string' ? pkg.module : undefined) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  const file = path.resolve(root, entry);
  if (!existsSync(file)) return { error: `plugin package '${name}': its entry ${file} does not exist` };
  return { file, version };
}

function exportEntry(exp: unknown): string | undefined {
  if (typeof exp === 'string') return exp;
  if (!isPlainObject(exp)) return undefined;
  const dot = '.' in exp ? exp['.'] : exp;
  if (typeof dot === 'string') return dot;
  if (!isPlainObject(dot)) return undefined;
  for (const cond of ['import', 'node', 'default', 'require']) {
    const v = dot[cond];
    if (typeof v === 'string') return v;
    const nested = exportEntry(v);
    if (nested) return nested;
  }
  return undefined;
}

// -- command plugins --------------------------------------------------------------------

export const COMMAND_DEFAULT_TIMEOUT_MS = 5000;
const EXCERPT_BYTES = 200;
/** What a command plugin may print on stdout or stderr before it is stopped. */
export const COMMAND_MAX_OUTPUT_BYTES = 1_000_000;

function loadCommand(spec: CommandPluginSpec, dir: string, opts: DiscoverOptions): LoadResult {
  const source = `command:${spec.command}`;
  let words: string[];
  try {
    words = splitCommand(spec.command);
  } catch (err) {
    if (!(err instanceof CommandSyntaxError)) throw err;
    return { kind: 'command', source, error: `command '${spec.command}' cannot be parsed: ${err.message}` };
  }
  if (words.length === 0 || words[0] === '') return { kind: 'command', source, error: `command '${spec.command}' names no program` };
  const timeoutMs = spec.timeoutMs ?? COMMAND_DEFAULT_TIMEOUT_MS;
  const id = spec.id ?? `command/${slug(words)}`;
  const checker: Checker = {
    id,
    title: spec.title ?? `Command: ${spec.command}`,
    requires: spec.requires,
    codes: spec.codes,
    // Longer than the child's own limit plus the kill grace, so the child's timeout is what we report.
    timeoutMs: timeoutMs + KILL_GRACE_MS + 1500,
    run: (ctx) => runCommandPlugin(spec.command, words, dir, timeoutMs, ctx, opts),
  };
  return { kind: 'command', source, checkers: [checker], packs: [] };
}

async function runCommandPlugin(
  command: string,
  [file, ...args]: string[],
  cwd: string,
  timeoutMs: number,
  ctx: CheckContext,
  opts: DiscoverOptions,
) {
  const input = JSON.stringify(opts.commandInput ? opts.commandInput(ctx) : { id: ctx.id, options: ctx.options });
  const result = await runCommand(file!, args, {
    cwd,
    input,
    env: opts.commandEnv ?? commandEnvironment(process.env),
    timeoutMs,
    signal: ctx.signal,
    maxBytes: COMMAND_MAX_OUTPUT_BYTES,
  });
  // Redact before cutting: a cut secret would no longer be recognised.
  const cut = (text: string) => excerpt(opts.redactText ? opts.redactText(text) : text);
  const where = `command '${command}' (in ${cwd})`;
  const error = (summary: string) => ({ status: 'error' as const, summary, findings: [] });
  if (result.spawnError) {
    const reason = result.spawnError.code === 'ENOENT' ? `'${file}' was not found on PATH` : result.spawnError.message;
    return error(`${where} could not start: ${reason}`);
  }
  if (result.timedOut) return error(`${where} timed out after ${timeoutMs} ms (its process group was killed)`);
  if (result.cancelled) return error(`${where} was stopped: ${describeAbort(ctx.signal)}`);
  if (result.overflow) {
    return error(`${where} printed more than ${COMMAND_MAX_OUTPUT_BYTES} bytes on ${result.overflow} and was stopped: ${cut(result[result.overflow])}`);
  }
  const stdout = result.stdout.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const stderr = result.stderr.trim();
    const tail = result.exitCode ? ` (exit code ${result.exitCode}${stderr ? `; stderr: ${cut(stderr)}` : ''})` : '';
    return error(`${where} printed invalid JSON${tail}: ${stdout ? cut(stdout) : '(nothing)'}`);
  }
  const outcome = normalizeOutcome(parsed);
  if ('invalid' in outcome) return error(`${where} printed an invalid result: ${outcome.invalid}: ${cut(stdout)}`);
  return outcome;
}

function describeAbort(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'cancelled';
}

function messageOf(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'an unprintable error';
  }
}

function excerpt(s: string): string {
  const cut = Buffer.from(s).subarray(0, EXCERPT_BYTES).toString('utf8');
  return JSON.stringify(cut.length < s.length ? `${cut}…` : cut);
}

function slug(words: string[]): string {
  const script = words.find((w, i) => i > 0 && /[./]/.test(w)) ?? words[0] ?? 'command';
  return path.basename(script).replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-') || 'command';
}

function errorEntry(id: string, title: string, source: string, message: string): RunEntry {
  return {
    checker: { id, title, run: () => undefined },
    source,
    loadError: message,
  };
}
