// Puts the pieces together: config -> settings -> plugins -> runner -> diagnosis -> Report.
// No rendering here; callers pass an event listener and render the Report they get back.
import type { CheckContext, CheckResult, Checker } from './core/checker.js';
import { ConfigError, emptyConfig, loadConfig, type DoctorConfig } from './core/config.js';
import { UsageError } from './core/errors.js';
import { didYouMean } from './core/suggest.js';
import { CODE_LEVELS } from './diagnosis/levels.js';
import { discoverPlugins, type Discovery } from './core/plugins.js';
import { commandEnvironment, looksSecretName, maskedEnvironment, type EnvPolicy } from './core/plugin-env.js';
import type { Redactor } from './core/redact.js';
import { runCheckers, type RunEntry, type RunEvent } from './core/runner.js';
import { diagnose } from './diagnosis/diagnose.js';
import { mergeStages, STAGES } from './diagnosis/stages.js';
import { createHttp, type Http } from './langsmith/http.js';
import { isSendableKey, maskKey, showKeyValue } from './langsmith/keys.js';
import { secretRedactor, secretsOfRun } from './langsmith/secrets.js';
import { DEFAULT_REGIONS, UI_HOSTS } from './langsmith/regions.js';
import { prefetchFor } from './langsmith/probes.js';
import { resolveSettings, sourceId, type Env, type LangSmithSettings } from './langsmith/settings.js';
import { environmentOf, summarize, type Report, type ReportTarget } from './report/model.js';
import { nameSelfIn } from './core/invocation.js';
import { TOOL_NAME, VERSION } from './version.js';
import { builtinCheckers } from '../plugins/builtin.js';
import { monotonicMs } from './core/clock.js';

export interface DoctorOptions {
  cwd: string;
  env: Env;
  configFile?: string;
  /** Extra dotenv files (`--dotenv`), analysed after the config's (or `./.env`). */
  envFiles?: string[];
  only?: string[];
  skip?: string[];
  offline?: boolean;
  timeoutMs?: number;
  writeProbe?: boolean;
  /** Read no config file and no dotenv file: only `env` (the demo, which must ignore the user's own set-up). */
  isolated?: boolean;
  /**
   * With `isolated`: still read the config, searched from here (or `configFile`), so the user's
   * plugins run against the demo's environment. Its dotenv files are still not read.
   */
  configFrom?: string;
  /** Use this config instead of loading one (the testing entry). */
  config?: DoctorConfig;
  /** Replaces config regions (the demo points them at the emulator). */
  regions?: Record<string, string>;
  demo?: { scenario: string; summary: string };
  /** Built-ins to use instead of plugins/ (tests). */
  builtins?: readonly Checker[];
  /**
   * The output streams' redactor (made by the executable): every secret this run learns (dotenv
   * files, the profile) is added to it before anything is printed.
   */
  outputRedactor?: Redactor;
  /**
   * How the user started the doctor (`langsmith-doctor`, or `node /abs/path/cli.js`): commands in
   * fixes and plans that start with the installed name are printed with it, so they run as pasted.
   */
  invocation?: string;
}

export interface Prepared {
  options: DoctorOptions;
  config: DoctorConfig;
  settings: LangSmithSettings;
  discovery: Discovery;
  entries: RunEntry[];
  redactor: Redactor;
  timeoutMs: number;
  stageProblems: string[];
  stages: ReturnType<typeof mergeStages>['stages'];
  codeLevels: Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = 5000;

/** Loads config, settings and plugins. Throws ConfigError (exit 2) for a bad config. */
export async function prepare(options: DoctorOptions): Promise<Prepared> {
  const config = options.config
    ?? (options.isolated && options.configFrom === undefined
      ? emptyConfig(options.cwd)
      : await loadConfig({ cwd: options.configFrom ?? options.cwd, file: options.configFile }));
  const regions = options.regions ?? config.regions ?? { ...DEFAULT_REGIONS };
  const envFiles = options.isolated ? [] : [...(config.envFiles ?? ['.env']), ...(options.envFiles ?? [])];
  const settings = resolveSettings({ env: options.env, cwd: options.cwd, envFiles, regions });
  const redactor = makeRedactor(settings, options.env, options.outputRedactor);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const discovery = await discoverPlugins({
    builtins: options.builtins ?? builtinCheckers,
    config,
    commandInput: (ctx) => commandContext(ctx, settings, redactor),
    commandEnv: commandEnvironment(options.env, envPolicy(redactor)),
    redactText: (text) => redactor.text(text),
    loadTimeoutMs: checkTimeoutMs(timeoutMs),
  });
  assertKnownNames(discovery, config, options);
  let entries = select(discovery.entries, options.only, options.skip);
  if (options.writeProbe) {
    // The checkers that write only when asked to: permission-tier's project probe, the trace round trip.
    entries = entries.map((e) => (e.checker.id === 'permission-tier' || e.checker.id === 'trace-round-trip' ? { ...e, options: { ...e.options, writeProbe: true } } : e));
  }
  const { stages, problems } = mergeStages(STAGES, [
    ...discovery.packs.map((p) => ({ from: `plugin pack ${p.name} (${p.source})`, stages: p.stages })),
    { from: config.filepath ?? 'config', stages: config.stages },
  ]);
  const codeLevels = Object.assign({}, ...discovery.packs.map((p) => p.codes ?? {})) as Record<string, string>;
  return { options, config, settings, discovery, entries, redactor, timeoutMs, stageProblems: problems, stages, codeLevels };
}

/** Runs the checkers and builds the redacted Report. */
export async function run(prepared: Prepared, onEvent?: (e: RunEvent) => void): Promise<Report> {
  const { settings, options, redactor } = prepared;
  const startedAt = new Date();
  const started = monotonicMs();
  const http = makeHttp(prepared);
  void prefetch(prepared, http);
  const results = await runCheckers(prepared.entries, {
    settings,
    http,
    env: options.env,
    // Plugins from the config never see the key or other secrets; ctx.http still sends the key itself.
    thirdPartyView: { settings: thirdPartySettings(settings, redactor), env: maskedEnvironment(options.env, envPolicy(redactor)) },
    cwd: options.cwd,
    offline: options.offline ?? false,
    defaultTimeoutMs: checkTimeoutMs(prepared.timeoutMs),
    deadlineMs: runDeadlineMs(prepared),
    ignore: prepared.config.ignore,
    concurrency: 8,
    onEvent,
    finalize: (r) => redactor.deep(r),
  });
  const stageChecks: CheckResult[] = prepared.stageProblems.map((p) => ({
    id: 'config/stages', title: 'Stage model extensions', source: prepared.config.filepath ?? 'config',
    status: 'error', summary: p, findings: [], durationMs: 0,
  }));
  const all = [...results, ...stageChecks];
  const diagnosis = diagnose(all, { stages: prepared.stages, codeLevels: prepared.codeLevels, endpoint: settings.endpoint.value });
  const self = (command: string) => nameSelfIn(command, TOOL_NAME, options.invocation);
  const report: Report = {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: VERSION },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(monotonicMs() - started),
    ...(options.demo ? { demo: options.demo } : {}),
    target: targetOf(settings, options.cwd, prepared.config),
    environment: environmentOf(options.env, all),
    checks: all.map((r) => ({ ...r, evidence: r.evidence ?? {}, findings: r.findings.map((f) => (f.fix?.commands ? { ...f, fix: { ...f.fix, commands: f.fix.commands.map(self) } } : f)) })),
    diagnosis: { ...diagnosis, plan: diagnosis.plan.map((p) => ({ ...p, commands: p.commands.map(self) })) },
    summary: summarize(all),
    // Every request sent, those still in flight included (marked unfinished); then they are ended.
    transcript: http.transcriptSnapshot(),
  };
  await http.close();
  return redactor.deep(report);
}

export function targetOf(settings: LangSmithSettings, folder?: string, config?: DoctorConfig): ReportTarget {
  return {
    ...(folder !== undefined ? { folder } : {}),
    ...(config !== undefined ? { config: config.filepath ?? null } : {}),
    endpoint: settings.endpoint.value ?? null,
    endpointSource: sourceId(settings.endpoint.source),
    region: settings.endpoint.info?.region ?? (settings.endpoint.info?.kind === 'self-hosted' ? 'self-hosted' : null),
    // Unmistakable template text helps the reader and is no secret; any other value is masked.
    key: settings.key.value === undefined ? null : showKeyValue(settings.key.value).replace(/^"(.*)"$/s, '$1'),
    keySource: sourceId(settings.key.source),
    keyKind: settings.key.kind,
    workspaceId: settings.workspaceId.value ?? null,
    workspaceSource: sourceId(settings.workspaceId.source),
  };
}

/**
 * Sends every read the selected built-in checkers will make, at once, before they ask: answers are
 * memoised, so `requires` chains cost no extra round trips. Only when the static checks would let
 * the key go out anyway (a LangSmith key, a valid endpoint that is not a web-app host).
 */
export async function prefetch(prepared: Prepared, http: Http): Promise<void> {
  const { settings, options } = prepared;
  const base = http.base;
  if (options.offline || !base || !settings.key.value) return;
  if (UI_HOSTS[new URL(base).hostname] !== undefined) return;
  if (!['personal-access-token', 'service-key', 'oauth'].includes(settings.key.kind)) return;
  const ids = new Set(prepared.entries.filter((e) => !e.loadError && e.source === 'builtin').map((e) => e.checker.id));
  const reads = prefetchFor(ids, base);
  // The whole key policy: a sendable key, an allowed host, plain HTTP only to loopback addresses.
  // When it says no, one keyed read still goes to request(), which records it as blocked with
  // the reason: the transcript then says what was not sent, and why.
  if (!(await http.keyPolicy(base)).ok) {
    const first = reads.find((r) => r.auth !== false);
    if (first) void http.request(first);
    return;
  }
  for (const req of reads) void http.request(req);
}

export function makeHttp(prepared: Prepared): Http {
  const { settings, options } = prepared;
  const kind = settings.key.kind;
  return createHttp({
    endpoint: settings.endpoint.value,
    regionUrls: Object.values(settings.regions),
    apiKey: settings.key.value,
    // Nothing is sent unless the value is shaped like a LangSmith key or a profile OAuth token,
    // whatever the endpoint (self-hosted and loopback included): see whyKeyNotSendable.
    keySendable: isSendableKey(settings.key.value, kind),
    workspaceId: settings.workspaceId.value,
    authScheme: kind === 'oauth' ? 'bearer' : 'x-api-key',
    timeoutMs: prepared.timeoutMs,
    offline: options.offline ?? false,
    userAgent: `${TOOL_NAME}/${VERSION}`,
    env: options.env,
    // Server text is redacted before any excerpt cuts it (a cut key would escape the redactor).
    redact: prepared.redactor.text,
  });
}

/**
 * Names the user typed must exist: checker ids in --only/--skip (usage errors) and in the config's
 * `checks`, codes in its `ignore` (config errors), each with the closest real one. Codes count when
 * built in, or declared by a plugin (`codes` on a checker, a pack or a command entry).
 */
function assertKnownNames(discovery: Discovery, config: DoctorConfig, options: DoctorOptions): void {
  const ids = discovery.plugins.flatMap((p) => p.checkers);
  const failedPlugins = discovery.plugins.some((p) => p.error !== undefined);
  for (const [flag, list] of [['--only', options.only], ['--skip', options.skip]] as const) {
    for (const id of list ?? []) {
      // A plugin that failed to load may be the one that defines it: its error row says why.
      if (!ids.includes(id) && !failedPlugins) throw new UsageError(`${flag} ${id}: no checker has this id${didYouMean(id, ids)}; see '${options.invocation ?? TOOL_NAME} plugins'`);
    }
  }
  const file = config.filepath ?? 'config';
  for (const id of Object.keys(config.checks)) {
    if (!ids.includes(id) && !failedPlugins) throw new ConfigError(file, `checks.${id}`, `no checker has this id${didYouMean(id, ids)}; known: ${ids.join(', ')}`);
  }
  const codes = new Set<string>([
    ...Object.keys(CODE_LEVELS),
    ...discovery.packs.flatMap((p) => Object.keys(p.codes ?? {})),
    ...discovery.entries.flatMap((e) => [...(e.checker.codes ?? [])]),
  ]);
  config.ignore.forEach((code, i) => {
    if (!codes.has(code) && !failedPlugins) {
      throw new ConfigError(file, `ignore[${i}]`, `'${code}' is not a code any checker emits${didYouMean(code, [...codes])}; a plugin's own codes count when it declares them (\`codes\` on the checker, the pack, or the command entry)`);
    }
  });
}

/** `--only` keeps the named checkers and what they require; `--skip` removes. */
export function select(entries: RunEntry[], only?: string[], skip?: string[]): RunEntry[] {
  let out = entries;
  if (only && only.length > 0) {
    const keep = new Set<string>();
    const byId = new Map(entries.map((e) => [e.checker.id, e]));
    const add = (id: string) => {
      if (keep.has(id)) return;
      keep.add(id);
      for (const r of byId.get(id)?.checker.requires ?? []) add(r);
    };
    only.forEach(add);
    out = out.filter((e) => keep.has(e.checker.id));
  }
  if (skip && skip.length > 0) out = out.filter((e) => !skip.includes(e.checker.id));
  return out;
}

/**
 * The run's redactor: every secret of the environment, the dotenv files and the profile, in every
 * form. When `into` is given (the output streams' redactor), the same secrets are added to it.
 */
export function makeRedactor(settings: LangSmithSettings, env: Env = {}, into?: Redactor): Redactor {
  const secrets = secretsOfRun(settings, env);
  for (const s of secrets) into?.add(s.value, s.mask);
  return secretRedactor(secrets);
}

/** A checker's own limit when it names none: two request timeouts and a margin. */
export function checkTimeoutMs(requestTimeoutMs: number): number {
  return requestTimeoutMs * 2 + 2000;
}

/**
 * The whole run ends by then: four checker timeouts (the longest `requires` chain of built-ins is
 * four deep), or a configured command plugin's timeout plus one, whichever is longer.
 */
export function runDeadlineMs(prepared: Pick<Prepared, 'timeoutMs' | 'config'>): number {
  const check = checkTimeoutMs(prepared.timeoutMs);
  const commands = prepared.config.plugins.map((p) => (typeof p === 'string' ? 0 : p.timeoutMs ?? 0));
  return Math.max(4 * check, Math.max(0, ...commands) + check);
}

/** LangSmith's part of what plugins may see of the environment (the generic rules are in core). */
function envPolicy(redactor: Redactor): EnvPolicy {
  return {
    // Non-secret LANGSMITH_*/LANGCHAIN_* settings help a plugin; *_API_KEY and the like are refused by core.
    allow: (name) => /^(LANGSMITH|LANGCHAIN)_/i.test(name),
    // The runs endpoints map URLs to keys.
    deny: (name) => /^(LANGSMITH|LANGCHAIN)_RUNS_ENDPOINTS$/i.test(name),
    clean: (value) => redactor.text(value),
    mask: (value) => maskKey(value),
  };
}

/** The settings third-party plugins see: every key, token and secret-named value masked. */
function thirdPartySettings(settings: LangSmithSettings, redactor: Redactor): LangSmithSettings {
  const copy = structuredClone(settings);
  const mask = (v: string | undefined) => (v === undefined ? v : maskKey(v));
  // Candidates, shadowed values and dotenv entries carry the name they were found under.
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string' && (looksSecretName(o.name) || /RUNS_ENDPOINTS/i.test(o.name))) {
      for (const f of ['raw', 'value']) if (typeof o[f] === 'string') o[f] = maskKey(o[f] as string);
    }
    Object.values(o).forEach(visit);
  };
  visit(copy);
  for (const r of [copy.key, copy.python.key, copy.runsEndpoints]) {
    r.value = mask(r.value);
    r.raw = mask(r.raw);
  }
  if (copy.profile) {
    copy.profile.apiKey = mask(copy.profile.apiKey);
    copy.profile.oauthAccessToken = mask(copy.profile.oauthAccessToken);
  }
  return redactor.deep(copy);
}

/** What a command plugin gets on stdin: settings with the key masked, and prerequisite results. */
function commandContext(ctx: CheckContext, settings: LangSmithSettings, redactor: Redactor): unknown {
  return redactor.deep({
    id: ctx.id,
    options: ctx.options,
    offline: ctx.offline,
    settings: {
      endpoint: settings.endpoint.value ?? null,
      region: settings.endpoint.info?.region ?? null,
      key: settings.key.value !== undefined ? maskKey(settings.key.value) : null,
      keyKind: settings.key.kind,
      keySource: sourceId(settings.key.source),
      workspaceId: settings.workspaceId.value ?? null,
      tracing: settings.tracing.enabled,
      project: settings.project.value ?? null,
      regions: settings.regions,
    },
    results: ctx.results,
  });
}
