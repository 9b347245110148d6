// Config discovery (cosmiconfig) and validation. Every error names the file and the key path.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPlainObject } from './checker.js';
import { ExitAttemptError, settleWithin, StalledError } from './guard.js';
import { defaultExport, importModule } from './module-loader.js';
import { didYouMean } from './suggest.js';

export const MODULE_NAME = 'langsmith-doctor';

/** The longest timeout anyone may set (10 min): past 2^31-1 ms Node's timers fire at once. */
export const MAX_TIMEOUT_MS = 600_000;

export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.cjs`,
  `.${MODULE_NAME}rc.mjs`,
  `.${MODULE_NAME}rc.ts`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.ts`,
];

export interface CommandPluginSpec {
  command: string;
  id?: string;
  title?: string;
  timeoutMs?: number;
  requires?: string[];
  /** Finding codes the command may print (so `ignore` may name them). */
  codes?: string[];
}

export type PluginSpec = string | CommandPluginSpec;

export interface DoctorConfig {
  /** The file it came from; undefined when no config was found. */
  filepath?: string;
  /** Plugin paths resolve from here: the config file's folder, or the working directory. */
  dir: string;
  plugins: PluginSpec[];
  checks: Record<string, Record<string, unknown> | false>;
  ignore: string[];
  regions?: Record<string, string>;
  timeoutMs?: number;
  envFiles?: string[];
  stages?: Record<string, unknown>;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}${keyPath ? `: ${keyPath}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`: load this instead of searching. */
  file?: string;
  /** How long a JS config may take to load (default 10 s). */
  loadTimeoutMs?: number;
}

export const CONFIG_LOAD_TIMEOUT_MS = 10_000;

export async function loadConfig(opts: LoadConfigOptions): Promise<DoctorConfig> {
  // Most projects have no config: proving that with a few stats costs far less than loading
  // cosmiconfig (and its CommonJS graph) to search for nothing.
  if (!opts.file && !configMayExist(opts.cwd, process.cwd())) return emptyConfig(opts.cwd);
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'project',
    cache: false,
    // A .ts config loads through jiti (a dependency), not cosmiconfig's loader, which needs the
    // `typescript` package installed in the user's project.
    loaders: { '.ts': loadTypeScriptConfig, '.mts': loadTypeScriptConfig, '.cts': loadTypeScriptConfig },
  });
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  const explicit = opts.file ? path.resolve(opts.cwd, opts.file) : undefined;
  const loadTimeoutMs = opts.loadTimeoutMs ?? CONFIG_LOAD_TIMEOUT_MS;
  try {
    // A JS config is code: it may await forever; it cannot end the process (see guard.ts).
    result = await settleWithin(explicit ? explorer.load(explicit) : explorer.search(opts.cwd), loadTimeoutMs, 'loading the config');
  } catch (err) {
    // cosmiconfig names the file in parse errors, not when a JS config throws: find it ourselves.
    const file = explicit ?? locateConfigFile(opts.cwd) ?? opts.cwd;
    if (err instanceof ExitAttemptError) throw new ConfigError(file, undefined, `${err.message} while loading: a config file must export settings, not end the process`);
    if (err instanceof StalledError) throw new ConfigError(file, undefined, err.message);
    throw toConfigError(await clarify(err, file, loadTimeoutMs), file);
  }
  if (!result) return emptyConfig(opts.cwd);
  if (result.isEmpty || result.config === undefined || result.config === null) {
    return { ...emptyConfig(path.dirname(result.filepath)), filepath: result.filepath };
  }
  // An ES module config may export its object as `default`.
  let raw: unknown = result.config;
  if (isPlainObject(raw) && 'default' in raw && Object.keys(raw).length === 1) raw = raw.default;
  return validateConfig(raw, result.filepath);
}

async function loadTypeScriptConfig(filepath: string): Promise<unknown> {
  return defaultExport(await importModule(filepath));
}

export function emptyConfig(dir: string): DoctorConfig {
  return { dir, plugins: [], checks: {}, ignore: [] };
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  // Errors from another realm (a loader, a test runner's module graph) are not `instanceof Error`.
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}

function toConfigError(err: unknown, where: string): ConfigError {
  const message = messageOf(err);
  if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new ConfigError(where, undefined, 'no such file');
  }
  // cosmiconfig names the file in its parse errors ("JSON Error in /x/.rc: …"); keep that file.
  const named = /(?:Error|error) in ([^\s:]+(?::\\[^\s:]+)?):?/.exec(message)?.[1];
  const file = named ?? where;
  const detail = message.replace(/^(JSON|YAML) Error in [^\n]+?:\s*/, '$1 error: ').trim();
  return new ConfigError(file, undefined, firstLines(detail, 6));
}

/** The file cosmiconfig's search would load: the first search place, from cwd up to the project root. */
export function locateConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      if (!existsSync(file)) continue;
      if (place !== 'package.json') return file;
      try {
        if (MODULE_NAME in (JSON.parse(readFileSync(file, 'utf8')) as object)) return file;
      } catch {
        return file;
      }
    }
    if (existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * False only when cosmiconfig's search (project strategy, our search places) could not find a
 * file: none of the places exists in the folders it visits (cwd up to the first folder holding a
 * package.json or package.yaml), no package.json there has a `langsmith-doctor` key, and
 * `processCwd` holds no cosmiconfig meta config (package.json `cosmiconfig` key, package.yaml,
 * .config/config.*), which could add search places. Anything unsure counts as "may exist".
 */
export function configMayExist(cwd: string, processCwd: string): boolean {
  const hasKey = (file: string, key: string): boolean => {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return pkg === null || typeof pkg !== 'object' || key in pkg;
    } catch (err) {
      // Gone between the check and the read: no key; unreadable or invalid: let cosmiconfig say so.
      return (err as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  };
  const meta = path.resolve(processCwd);
  for (const place of META_SEARCH_PLACES) {
    const file = path.join(meta, place);
    if (existsSync(file) && (place !== 'package.json' || hasKey(file, 'cosmiconfig'))) return true;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      if (existsSync(file) && (place !== 'package.json' || hasKey(file, MODULE_NAME))) return true;
    }
    if (existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, 'package.yaml')) || path.dirname(dir) === dir) return false;
  }
}

/** Where cosmiconfig looks, in the process's working directory, for options of its own. */
const META_SEARCH_PLACES = ['package.json', 'package.yaml', ...['json', 'yaml', 'yml', 'js', 'ts', 'cjs', 'mjs'].map((x) => `.config/config.${x}`)];

/** Node's loader can hide a JS config's own error behind "Cannot require() ES Module…"; import it to get the real one. */
async function clarify(err: unknown, file: string, loadTimeoutMs: number): Promise<unknown> {
  const message = messageOf(err);
  if (!/Cannot require\(\) ES Module|ERR_REQUIRE/.test(message) || !/\.(m|c)?js$/.test(file)) return err;
  try {
    await settleWithin(import(`${pathToFileURL(file).href}?retry=${Date.now()}`), loadTimeoutMs, 'loading the config');
    return err;
  } catch (real) {
    return real;
  }
}

function firstLines(s: string, n: number): string {
  const lines = s.split('\n');
  return lines.length > n ? [...lines.slice(0, n), '…'].join('\n') : s;
}

/** `$schema` lets editors complete the file (see schemas/config.schema.json); it is not a setting. */
export const KNOWN_KEYS = ['$schema', 'plugins', 'checks', 'ignore', 'regions', 'timeoutMs', 'envFiles', 'stages'];
export const COMMAND_KEYS = ['command', 'id', 'title', 'timeoutMs', 'requires', 'codes'];

/** Validates a parsed config; throws ConfigError naming the file and the key path. */
export function validateConfig(raw: unknown, filepath: string): DoctorConfig {
  const err = (keyPath: string | undefined, detail: string) => new ConfigError(filepath, keyPath, detail);
  if (exceedsValues(raw, MAX_CONFIG_VALUES)) {
    throw err(undefined, `the config expands to more than ${MAX_CONFIG_VALUES} values (YAML aliases that repeat each other, or a cycle?); refusing to read it`);
  }
  if (!isPlainObject(raw)) throw err(undefined, `the config must be an object, got ${kind(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw err(key, `unknown key${didYouMean(key, KNOWN_KEYS)}; known keys: ${KNOWN_KEYS.join(', ')}`);
    }
  }
  if (raw.$schema !== undefined && typeof raw.$schema !== 'string') throw err('$schema', `must be a URL or path string, got ${kind(raw.$schema)}`);
  const config: DoctorConfig = { ...emptyConfig(path.dirname(filepath)), filepath };

  if (raw.plugins !== undefined) {
    if (!Array.isArray(raw.plugins)) throw err('plugins', `must be an array, got ${kind(raw.plugins)}`);
    config.plugins = raw.plugins.map((p, i): PluginSpec => {
      const at = `plugins[${i}]`;
      if (typeof p === 'string') {
        if (p.trim() === '') throw err(at, 'must not be empty');
        return p;
      }
      if (!isPlainObject(p)) throw err(at, `must be a module path, a package name or { command }, got ${kind(p)}`);
      for (const key of Object.keys(p)) {
        if (!COMMAND_KEYS.includes(key)) throw err(`${at}.${key}`, `unknown key; known keys: ${COMMAND_KEYS.join(', ')}`);
      }
      if (typeof p.command !== 'string' || p.command.trim() === '') throw err(`${at}.command`, 'must be a non-empty string');
      if (p.id !== undefined && (typeof p.id !== 'string' || p.id === '')) throw err(`${at}.id`, 'must be a non-empty string');
      if (p.title !== undefined && typeof p.title !== 'string') throw err(`${at}.title`, 'must be a string');
      if (p.timeoutMs !== undefined && !isTimeout(p.timeoutMs)) throw err(`${at}.timeoutMs`, `must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
      if (p.requires !== undefined && !isStringArray(p.requires)) throw err(`${at}.requires`, 'must be an array of checker ids');
      if (p.codes !== undefined && !isStringArray(p.codes)) throw err(`${at}.codes`, 'must be an array of finding codes');
      return p as unknown as CommandPluginSpec;
    });
  }

  if (raw.checks !== undefined) {
    if (!isPlainObject(raw.checks)) throw err('checks', `must be an object of checker id -> options or false, got ${kind(raw.checks)}`);
    for (const [id, value] of Object.entries(raw.checks)) {
      if (value === false) config.checks[id] = false;
      else if (value === true) config.checks[id] = {};
      else if (isPlainObject(value)) config.checks[id] = value;
      else throw err(`checks.${id}`, `must be an options object, true or false, got ${kind(value)}`);
    }
  }

  if (raw.ignore !== undefined) {
    if (!isStringArray(raw.ignore)) throw err('ignore', 'must be an array of finding codes');
    raw.ignore.forEach((code, i) => {
      if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw err(`ignore[${i}]`, `'${code}' is not a finding code (UPPER_SNAKE_CASE)`);
    });
    config.ignore = raw.ignore;
  }

  if (raw.regions !== undefined) {
    if (!isPlainObject(raw.regions)) throw err('regions', `must be an object of region name -> API URL, got ${kind(raw.regions)}`);
    const regions: Record<string, string> = {};
    for (const [name, url] of Object.entries(raw.regions)) {
      if (typeof url !== 'string') throw err(`regions.${name}`, `must be a URL string, got ${kind(url)}`);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw err(`regions.${name}`, `'${url}' is not a valid URL`);
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw err(`regions.${name}`, 'must be an http(s) URL');
      regions[name] = url.replace(/\/+$/, '');
    }
    config.regions = regions;
  }

  if (raw.timeoutMs !== undefined) {
    if (!isTimeout(raw.timeoutMs)) throw err('timeoutMs', `must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${JSON.stringify(raw.timeoutMs)}`);
    config.timeoutMs = raw.timeoutMs;
  }

  if (raw.envFiles !== undefined) {
    if (!isStringArray(raw.envFiles)) throw err('envFiles', 'must be an array of file paths');
    config.envFiles = raw.envFiles;
  }

  if (raw.stages !== undefined) {
    if (!isPlainObject(raw.stages)) throw err('stages', `must be an object, got ${kind(raw.stages)}`);
    config.stages = raw.stages;
  }
  return config;
}

/** Far more than any real config; YAML aliases can make a tiny file expand exponentially. */
export const MAX_CONFIG_VALUES = 100_000;

/** Counts values as a walker that follows every alias (or cycle) would see them, stopping at `budget`. */
function exceedsValues(root: unknown, budget: number): boolean {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (++count > budget) return true;
    if (v === null || typeof v !== 'object') continue;
    for (const child of Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : []) {
      stack.push(child);
      if (stack.length > budget) return true;
    }
  }
  return false;
}

function isTimeout(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_TIMEOUT_MS;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
