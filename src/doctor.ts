// Puts the pieces together: config -> settings -> plugins -> runner -> diagnosis -> Report.
// No rendering here; callers pass an event listener and render the Report they get back.
import type { CheckContext, CheckResult, Checker } from './core/checker.js';
import { emptyConfig, loadConfig, type DoctorConfig } from './core/config.js';
import { discoverPlugins, type Discovery } from './core/plugins.js';
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
import { summarize, type Report, type ReportTarget } from './report/model.js';
import { TOOL_NAME, VERSION } from './version.js';
import { builtinCheckers } from '../plugins/builtin.js';

export interface DoctorOptions {
  cwd: string;
  env: Env;
  configFile?: string;
  /** Extra dotenv files (`--env-file`), analysed after the config's (or `./.env`). */
  envFiles?: string[];
  only?: string[];
  skip?: string[];
  offline?: boolean;
  timeoutMs?: number;
  writeProbe?: boolean;
  /** Read no config file and no dotenv file: only `env` (the demo, which must ignore the user's own set-up). */
  isolated?: boolean;
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
  const config = options.isolated ? emptyConfig(options.cwd) : await loadConfig({ cwd: options.cwd, file: options.configFile });
  const regions = options.regions ?? config.regions ?? { ...DEFAULT_REGIONS };
  const envFiles = options.isolated ? [] : [...(config.envFiles ?? ['.env']), ...(options.envFiles ?? [])];
  const settings = resolveSettings({ env: options.env, cwd: options.cwd, envFiles, regions });
  const redactor = makeRedactor(settings, options.env, options.outputRedactor);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const discovery = await discoverPlugins({
    builtins: options.builtins ?? builtinCheckers,
    config,
    commandInput: (ctx) => commandContext(ctx, settings, redactor),
    commandEnv: withoutSecrets(options.env),
  });
  let entries = select(discovery.entries, options.only, options.skip);
  if (options.writeProbe) {
    entries = entries.map((e) => (e.checker.id === 'permission-tier' ? { ...e, options: { ...e.options, writeProbe: true } } : e));
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
  const started = performance.now();
  const http = makeHttp(prepared);
  prefetch(prepared, http);
  const results = await runCheckers(prepared.entries, {
    settings,
    http,
    env: options.env,
    cwd: options.cwd,
    offline: options.offline ?? false,
    defaultTimeoutMs: prepared.timeoutMs * 2 + 2000,
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
  const diagnosis = diagnose(all, { stages: prepared.stages, codeLevels: prepared.codeLevels });
  const report: Report = {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: VERSION },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...(options.demo ? { demo: options.demo } : {}),
    target: targetOf(settings),
    checks: all.map((r) => ({ ...r, evidence: r.evidence ?? {} })),
    diagnosis,
    summary: summarize(all),
    transcript: http.transcript,
  };
  return redactor.deep(report);
}

export function targetOf(settings: LangSmithSettings): ReportTarget {
  return {
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
function prefetch(prepared: Prepared, http: Http): void {
  const { settings, options } = prepared;
  const base = http.base;
  if (options.offline || !base || !settings.key.value) return;
  if (!http.keyPolicy(base).ok || UI_HOSTS[new URL(base).hostname] !== undefined) return;
  if (!['personal-access-token', 'service-key', 'oauth'].includes(settings.key.kind) || !isSendableKey(settings.key.value, settings.key.kind)) return;
  const ids = new Set(prepared.entries.filter((e) => !e.loadError && e.source === 'builtin').map((e) => e.checker.id));
  for (const req of prefetchFor(ids, base)) void http.request(req);
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

function withoutSecrets(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (!/^(LANGSMITH|LANGCHAIN)_API_KEY$/.test(k)) out[k] = v;
  return out;
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
