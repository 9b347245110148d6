// Resolves key, endpoint, workspace, tracing, project and runs endpoints exactly as the JS and
// Python SDKs do (facts §2), with the source of each value and what it shadowed. Dotenv files are
// parsed for analysis only; nothing is loaded into the process.
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readRegularFile } from '../core/files.js';
import { classifyKey, type KeyKind } from './keys.js';
import { detectSdks, JS_EXPANDS_TILDE_SINCE, JS_PROFILE_KEY_REF_SINCE, olderThan, PROFILE_SINCE, PYTHON_PROFILE_KEY_ENV_AFTER, PYTHON_SKIPS_EMPTY_SINCE, type InstalledSdk } from './sdks.js';
import { DEFAULT_REGIONS, describeEndpoint, type EndpointInfo } from './regions.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type Source =
  | { kind: 'env'; name: string }
  | { kind: 'dotenv'; name: string; file: string; line?: number }
  | { kind: 'profile'; file: string; profile: string; field: string }
  | { kind: 'default' };

/** One place a variable was found. */
export interface Candidate {
  name: string;
  raw: string;
  source: Source;
}

export interface Resolved {
  /** After the SDK's trimming; undefined when nothing usable is set. */
  value: string | undefined;
  /** As found, before trimming. */
  raw: string | undefined;
  source: Source | undefined;
  /** Other values that lost to this one (other prefix, other file, process vs dotenv). */
  shadowed: Candidate[];
}

export interface DotenvEntry {
  name: string;
  value: string;
  line?: number;
}

export interface DotenvFile {
  path: string;
  /** As given (relative), for messages. */
  display: string;
  exists: boolean;
  error?: string;
  entries: DotenvEntry[];
}

export interface ProfileInfo {
  file: string;
  name?: string;
  error?: string;
  apiKey?: string;
  apiUrl?: string;
  workspaceId?: string;
  oauthAccessToken?: string;
  oauthExpiresAt?: string;
  /** `api_key_env`: the NAME of the variable that holds the key (JS >= 0.11.6). */
  apiKeyEnv?: string;
  /** `api_key_cmd` is set (JS refuses it; its text is never kept: it may hold a secret). */
  apiKeyCmd?: boolean;
  /** `oauth.refresh_token` is set (presence only): JS exchanges it for an access token on first use. */
  hasRefreshToken?: boolean;
}

/** Why the profile gave an SDK no key although it holds key material (sdk-audit #5). */
export interface ProfileKeyGap {
  state: 'refresh-only' | 'env-unset' | 'cmd-unsupported' | 'ref-ignored';
  /** One sentence, naming the profile, the field and the SDK version behind it. */
  detail: string;
}

export interface SdkView {
  /** The installed version this view was resolved for; undefined = not found, current behaviour assumed. */
  version?: string;
  key: Resolved;
  endpoint: Resolved;
  workspaceId: Resolved;
  tracing: boolean;
  project: Resolved;
}

export interface LangSmithSettings {
  /** What the JS SDK would use; the doctor's main view. */
  key: Resolved & { kind: KeyKind };
  endpoint: Resolved & { info?: EndpointInfo };
  workspaceId: Resolved;
  tracing: { enabled: boolean; candidates: Candidate[] };
  project: Resolved;
  runsEndpoints: Resolved;
  /** What the Python SDK would use. */
  python: SdkView;
  /** Where the two SDKs would disagree (`why`: the SDK version behind it, when that is the reason). */
  divergences: Array<{ setting: string; js: string; python: string; why?: string }>;
  /** The installed langsmith SDKs the resolution followed (JS view and Python view). */
  sdks: InstalledSdk[];
  /** The JS SDK's installed version, when found (the main view follows it). */
  jsVersion?: string;
  /** Every LANGSMITH_/LANGCHAIN_ (and look-alike) variable seen, process first, then dotenv files. */
  candidates: Candidate[];
  dotenvFiles: DotenvFile[];
  profile?: ProfileInfo;
  /** Set when the JS SDK gets no key from a profile that has key material it cannot use as is. */
  profileKeyGap?: ProfileKeyGap;
  regions: Readonly<Record<string, string>>;
  defaultEndpoint: string;
}

export interface ResolveOptions {
  env: Env;
  cwd: string;
  /** Dotenv files to analyse, in priority order (dotenv's rule: the first one to set a name wins). */
  envFiles?: string[];
  regions?: Readonly<Record<string, string>>;
  /** Installed SDKs to resolve for; detected from `cwd` and `env` (file system only) when omitted. */
  sdks?: InstalledSdk[];
}

/** Variables that matter, and names people type when they mean them. */
export const RELEVANT_NAME = /^HOSTED_LANGSERVE_PROJECT_NAME$|^(LANGSMITH|LANGCHAIN)[_-]|^(LANG_?SMITH|LANG_?CHAIN)|^LS_|SMITH/i;

export function resolveSettings(opts: ResolveOptions): LangSmithSettings {
  const regions = opts.regions ?? DEFAULT_REGIONS;
  const defaultEndpoint = regions.us ?? Object.values(regions)[0] ?? DEFAULT_REGIONS.us!;
  const dotenvFiles = (opts.envFiles ?? ['.env']).map((f) => readDotenv(f, opts.cwd));
  const candidates = collectCandidates(opts.env, dotenvFiles);
  const view = effectiveView(candidates);
  const sdks = opts.sdks ?? detectSdks(opts.env, opts.cwd);
  const jsVersion = sdks.find((x) => x.language === 'js')?.version;
  const pyVersion = sdks.find((x) => x.language === 'python')?.version;
  // Each SDK reads the profile its own way (sdk-audit #5-#7): since which version, and `~` expanded or not.
  const profile = readProfile(opts.env, !olderThan(jsVersion, JS_EXPANDS_TILDE_SINCE));
  const jsProfile = olderThan(jsVersion, PROFILE_SINCE.js) ? undefined : profile;
  const pyProfile = olderThan(pyVersion, PROFILE_SINCE.python) ? undefined : opts.env.LANGSMITH_CONFIG_FILE?.startsWith('~') ? readProfile(opts.env, false) : profile;

  // JS: `LANGSMITH_X || LANGCHAIN_X` (empty falls through; whitespace wins), then trimQuotes.
  const jsKey = resolveJs('API_KEY', view, candidates);
  const jsKeyTrimmed = trimQuotesJs(jsKey.raw);
  let key: Resolved = { ...jsKey, value: hasValue(jsKeyTrimmed) ? jsKeyTrimmed : undefined };
  let keyKind: KeyKind;
  let profileKeyGap: ProfileKeyGap | undefined;
  const jsRef = key.value === undefined && jsProfile && !jsProfile.error && !jsProfile.apiKey && !jsProfile.oauthAccessToken
    ? profileKeyRef(jsProfile, opts.env, dotenvFiles, jsVersion)
    : undefined;
  if (jsRef && 'key' in jsRef) {
    key = { ...jsRef.key, shadowed: key.shadowed };
    keyKind = classifyKey(key.value).kind;
  } else if (key.value === undefined && jsProfile && !jsProfile.error && (jsProfile.apiKey || jsProfile.oauthAccessToken)) {
    // Profile auth is used only when no env key is set (facts §2); JS sends the OAuth token
    // first (Bearer), the profile's api_key only without one (profiles.ts ~485; sdk-audit #3).
    const oauth = jsProfile.oauthAccessToken !== undefined;
    const raw = jsProfile.oauthAccessToken ?? jsProfile.apiKey!;
    key = {
      value: raw.trim().replace(/^["']|["']$/g, ''),
      raw,
      source: { kind: 'profile', file: jsProfile.file, profile: jsProfile.name ?? 'default', field: oauth ? 'oauth.access_token' : 'api_key' },
      shadowed: key.shadowed,
    };
    keyKind = oauth ? 'oauth' : classifyKey(key.value).kind;
  } else {
    keyKind = classifyKey(key.value).kind;
    if (jsRef && 'gap' in jsRef) profileKeyGap = jsRef.gap;
  }

  const jsEndpoint = resolveJs('ENDPOINT', view, candidates);
  let endpoint: Resolved;
  if (jsEndpoint.raw !== undefined) endpoint = { ...jsEndpoint, value: stripSlash(trimQuotesJs(jsEndpoint.raw)) };
  else if (jsProfile?.apiUrl) {
    endpoint = { value: stripSlash(trimQuotesJs(jsProfile.apiUrl)), raw: jsProfile.apiUrl, source: { kind: 'profile', file: jsProfile.file, profile: jsProfile.name ?? 'default', field: 'api_url' }, shadowed: [] };
  } else endpoint = { value: defaultEndpoint, raw: undefined, source: { kind: 'default' }, shadowed: [] };

  const jsWs = resolveJs('WORKSPACE_ID', view, candidates);
  let workspaceId: Resolved;
  if (jsWs.raw !== undefined) workspaceId = { ...jsWs, value: emptyToUndef(trimQuotesJs(jsWs.raw)) };
  else if (jsProfile?.workspaceId) {
    workspaceId = { value: jsProfile.workspaceId.trim(), raw: jsProfile.workspaceId, source: { kind: 'profile', file: jsProfile.file, profile: jsProfile.name ?? 'default', field: 'workspace_id' }, shadowed: [] };
  } else workspaceId = { value: undefined, raw: undefined, source: undefined, shadowed: [] };

  // JS tracing: TRACING_V2 or TRACING (each LANGSMITH_ || LANGCHAIN_) === "true", case-sensitive.
  const jsTracing = resolveJs('TRACING_V2', view, candidates).raw === 'true' || resolveJs('TRACING', view, candidates).raw === 'true';
  const tracingCandidates = candidates.filter((c) => /^(LANGSMITH|LANGCHAIN)_TRACING(_V2)?$/.test(c.name));

  const project = firstOf(
    [resolveJs('PROJECT', view, candidates), pick('LANGCHAIN_SESSION', view, candidates)],
    'default',
  );
  // JS reads only LANGSMITH_RUNS_ENDPOINTS; Python also LANGCHAIN_RUNS_ENDPOINTS.
  const runsEndpoints = pick('LANGSMITH_RUNS_ENDPOINTS', view, candidates);

  const python = resolvePython(view, candidates, pyProfile, defaultEndpoint, pyVersion, opts.env, dotenvFiles);

  const info = endpoint.value ? describeEndpoint(endpoint.value, regions) : undefined;
  const settings: LangSmithSettings = {
    key: { ...key, kind: keyKind },
    endpoint: { ...endpoint, info },
    workspaceId,
    tracing: { enabled: jsTracing, candidates: tracingCandidates },
    project,
    runsEndpoints,
    python,
    divergences: [],
    sdks,
    jsVersion,
    candidates,
    dotenvFiles,
    profile,
    ...(profileKeyGap ? { profileKeyGap } : {}),
    regions,
    defaultEndpoint,
  };
  settings.divergences = compare(settings).map((d) => ({ ...d, why: versionReason(d.setting, settings, opts.env) }));
  return settings;
}

/** When a divergence comes from an installed SDK's version, which version and what it does. */
function versionReason(setting: string, s: LangSmithSettings, env: Env): string | undefined {
  const py = s.python.version;
  const js = s.jsVersion;
  const suffix = setting === 'API key' ? 'API_KEY' : setting === 'endpoint' ? 'ENDPOINT' : setting === 'workspace id' ? 'WORKSPACE_ID' : undefined;
  if (suffix && olderThan(py, PYTHON_SKIPS_EMPTY_SINCE) && s.candidates.some((c) => c.name === `LANGSMITH_${suffix}` && c.raw.trim() === '')) {
    return `Python langsmith ${py} (before ${PYTHON_SKIPS_EMPTY_SINCE}) takes the empty LANGSMITH_${suffix} instead of skipping it${suffix === 'ENDPOINT' ? ' and raises "LangSmith API URL cannot be empty"' : ''}`;
  }
  const fromProfile = (r: Resolved) => r.source?.kind === 'profile';
  if (setting === 'API key' && fromProfile(s.key) !== fromProfile(s.python.key)) {
    if (olderThan(py, PROFILE_SINCE.python)) return `Python langsmith ${py} predates the profile file (${PROFILE_SINCE.python})`;
    if (olderThan(js, PROFILE_SINCE.js)) return `JS langsmith ${js} predates the profile file (about ${PROFILE_SINCE.js})`;
    if (env.LANGSMITH_CONFIG_FILE?.startsWith('~')) return `only JS langsmith ${JS_EXPANDS_TILDE_SINCE} and later expand ~ in LANGSMITH_CONFIG_FILE; Python reads it literally`;
  }
  if (setting === 'API key' && s.profile?.apiKeyEnv && fromProfile(s.key) && !fromProfile(s.python.key) && !olderThan(py, PROFILE_SINCE.python)) {
    return `Python langsmith ${py ?? ''} (${PYTHON_PROFILE_KEY_ENV_AFTER} and older) does not read the profile's api_key_env`.replace('  ', ' ');
  }
  if (setting === 'API key' && fromProfile(s.key) && fromProfile(s.python.key)) {
    return 'the profile has both an api_key and an OAuth token: JS sends the OAuth token (Bearer), Python the api_key';
  }
  return undefined;
}

function resolvePython(view: Map<string, Candidate>, candidates: Candidate[], profile: ProfileInfo | undefined, defaultEndpoint: string, version: string | undefined, env: Env, dotenvFiles: DotenvFile[]): SdkView {
  // get_env_var: LANGSMITH_ then LANGCHAIN_, skipping unset values, and since 0.5.1 empty and
  // whitespace-only ones too (before, an empty LANGSMITH_X hides LANGCHAIN_X; sdk-audit #2).
  const skipBlank = !olderThan(version, PYTHON_SKIPS_EMPTY_SINCE);
  const key = resolvePy('API_KEY', view, candidates, skipBlank);
  const keyValue = key.raw === undefined ? undefined : pyStripQuotes(key.raw);
  let pyKey: Resolved = { ...key, value: keyValue || undefined };
  // The profile: its api_key first, then (since 0.8.1, like profiles themselves) its OAuth token.
  const profileAuth = profile && !profile.error ? (profile.apiKey ? ['api_key', profile.apiKey] : profile.oauthAccessToken ? ['oauth.access_token', profile.oauthAccessToken] : undefined) : undefined;
  if (pyKey.value === undefined && profileAuth) {
    const [field, raw] = profileAuth as [string, string];
    pyKey = { value: pyStripQuotes(raw), raw, source: { kind: 'profile', file: profile!.file, profile: profile!.name ?? 'default', field }, shadowed: [] };
  } else if (pyKey.value === undefined && profile && !profile.error && profile.apiKeyEnv && !olderThan(version, nextPatch(PYTHON_PROFILE_KEY_ENV_AFTER))) {
    // Newer than the 0.14.0 wheel (or not installed): the changelog says Python reads api_key_env too.
    const value = variableValue(profile.apiKeyEnv, env, dotenvFiles);
    if (value) pyKey = { value, raw: value, source: { kind: 'profile', file: profile.file, profile: profile.name ?? 'default', field: `api_key_env ($${profile.apiKeyEnv})` }, shadowed: [] };
  }
  const ep = resolvePy('ENDPOINT', view, candidates, skipBlank);
  const endpoint: Resolved = ep.raw !== undefined
    // Before 0.5.1 an empty endpoint is not skipped: the client raises "LangSmith API URL cannot be empty".
    ? { ...ep, value: emptyToUndef(stripSlash(pyStripQuotes(ep.raw))) }
    : profile?.apiUrl
      ? { value: stripSlash(pyStripQuotes(profile.apiUrl)), raw: profile.apiUrl, source: { kind: 'profile', file: profile.file, profile: profile.name ?? 'default', field: 'api_url' }, shadowed: [] }
      : { value: defaultEndpoint, raw: undefined, source: { kind: 'default' }, shadowed: [] };
  const ws = resolvePy('WORKSPACE_ID', view, candidates, skipBlank);
  const workspaceId: Resolved = { ...ws, value: ws.raw === undefined ? profile?.workspaceId : emptyToUndef(pyStripQuotes(ws.raw)) };
  // tracing_is_enabled: get_env_var("TRACING_V2", default=get_env_var("TRACING")) == "true".
  const v2 = resolvePy('TRACING_V2', view, candidates, skipBlank).raw;
  const tracing = (v2 !== undefined ? v2 : resolvePy('TRACING', view, candidates, skipBlank).raw) === 'true';
  const project = firstOf(
    [pick('HOSTED_LANGSERVE_PROJECT_NAME', view, candidates), resolvePy('PROJECT', view, candidates, skipBlank), resolvePy('SESSION', view, candidates, skipBlank)],
    'default',
  );
  return { version, key: pyKey, endpoint, workspaceId, tracing, project };
}

function compare(s: LangSmithSettings): LangSmithSettings['divergences'] {
  const out: LangSmithSettings['divergences'] = [];
  const show = (r: Resolved) => (r.source ? sourceLabel(r.source) : '(unset)');
  if (s.key.value !== s.python.key.value) out.push({ setting: 'API key', js: show(s.key), python: show(s.python.key) });
  if (s.endpoint.value !== s.python.endpoint.value) {
    out.push({ setting: 'endpoint', js: `${s.endpoint.value ?? '(unset)'} from ${show(s.endpoint)}`, python: `${s.python.endpoint.value ?? '(unset)'} from ${show(s.python.endpoint)}` });
  }
  if ((s.workspaceId.value ?? '') !== (s.python.workspaceId.value ?? '')) {
    out.push({ setting: 'workspace id', js: s.workspaceId.value ?? '(unset)', python: s.python.workspaceId.value ?? '(unset)' });
  }
  if (s.tracing.enabled !== s.python.tracing) {
    out.push({ setting: 'tracing', js: s.tracing.enabled ? 'on' : 'off', python: s.python.tracing ? 'on' : 'off' });
  }
  if (s.project.value !== s.python.project.value) out.push({ setting: 'project', js: s.project.value ?? 'default', python: s.python.project.value ?? 'default' });
  return out;
}

// -- reading the sources ---------------------------------------------------------------------

/** Dotenv files and the profile are small; anything bigger is a mistake we must not choke on. */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

export function readDotenv(file: string, cwd: string): DotenvFile {
  const full = path.resolve(cwd, file);
  const read = readRegularFile(full, MAX_SETTINGS_FILE_BYTES);
  if (!read.ok) {
    if (read.missing) return { path: full, display: file, exists: false, entries: [] };
    return { path: full, display: file, exists: true, error: read.reason, entries: [] };
  }
  return { path: full, display: file, exists: true, entries: dotenvEntries(read.text) };
}

/** What dotenv would load from this text, each with the line that set it. Linear in the text. */
export function dotenvEntries(text: string): DotenvEntry[] {
  const parsed = parseDotenv(text);
  // One pass over the lines: the last line defining each name (dotenv keeps the last definition).
  const lastLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((l, i) => {
    const name = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]/.exec(l)?.[1];
    if (name !== undefined) lastLine.set(name, i + 1);
  });
  return Object.entries(parsed).map(([name, value]): DotenvEntry => ({ name, value, line: lastLine.get(name) }));
}

function readProfile(env: Env, expandTilde = true): ProfileInfo | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  const explicit = env.LANGSMITH_CONFIG_FILE;
  const file = explicit ? path.resolve(expandTilde ? explicit.replace(/^~(?=$|\/)/, home ?? '~') : explicit) : home ? path.join(home, '.langsmith', 'config.json') : undefined;
  if (!file) return undefined;
  const read = readRegularFile(file, MAX_SETTINGS_FILE_BYTES);
  if (!read.ok) return read.missing && !explicit ? undefined : { file, error: read.missing ? 'no such file (LANGSMITH_CONFIG_FILE names it)' : read.reason };
  const { text } = read;
  let config: Record<string, any>;
  try {
    config = JSON.parse(text) as Record<string, any>;
  } catch (err) {
    return { file, error: `not valid JSON${jsonErrorPlace((err as Error).message, text)}` };
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return { file, error: 'not a JSON object' };
  const chosen = env.LANGSMITH_PROFILE || (typeof config.current_profile === 'string' ? config.current_profile : undefined) || (config.profiles?.default ? 'default' : undefined);
  const profile = chosen ? config.profiles?.[chosen] : undefined;
  if (!chosen || typeof profile !== 'object' || profile === null) return { file, name: chosen };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return {
    file,
    name: chosen,
    apiKey: str(profile.api_key),
    apiUrl: str(profile.api_url),
    workspaceId: str(profile.workspace_id),
    oauthAccessToken: str(profile.oauth?.access_token),
    oauthExpiresAt: str(profile.oauth?.expires_at),
    apiKeyEnv: str(profile.api_key_env)?.trim(),
    apiKeyCmd: str(profile.api_key_cmd) !== undefined,
    hasRefreshToken: str(profile.oauth?.refresh_token) !== undefined,
  };
}

/** A variable as the app's process would see it: the environment, else the first dotenv file that sets it. */
function variableValue(name: string, env: Env, dotenvFiles: DotenvFile[]): string | undefined {
  const raw = env[name] ?? dotenvFiles.flatMap((f) => f.entries).find((e) => e.name === name)?.value;
  const value = raw?.trim();
  return value ? value : undefined;
}

function nextPatch(version: string): string {
  const [a = '0', b = '0', c = '0'] = version.split('.');
  return `${a}.${b}.${Number(c) + 1}`;
}

/**
 * A profile without api_key or access token, as JS reads it (lib/utils/profiles.js
 * currentAuthHeaderFromProfile / profileApiKey): a refresh token is exchanged on first use; since
 * 0.11.6 `api_key_env` names the variable holding the key (unset: ProfileApiKeyError) and
 * `api_key_cmd` is refused.
 */
function profileKeyRef(p: ProfileInfo, env: Env, dotenvFiles: DotenvFile[], jsVersion: string | undefined): { key: Resolved } | { gap: ProfileKeyGap } | undefined {
  const where = `profile '${p.name ?? 'default'}' in ${p.file}`;
  if (p.hasRefreshToken) {
    return { gap: { state: 'refresh-only', detail: `The ${where} has only an OAuth refresh token: the JS SDK exchanges it for an access token on the first request (and rewrites the profile), Python sends no key from it` } };
  }
  if (!p.apiKeyEnv && !p.apiKeyCmd) return undefined;
  const field = p.apiKeyEnv ? `api_key_env ($${p.apiKeyEnv})` : 'api_key_cmd';
  if (olderThan(jsVersion, JS_PROFILE_KEY_REF_SINCE)) {
    return { gap: { state: 'ref-ignored', detail: `The ${where} names its key by ${field}, which JS langsmith ${jsVersion} ignores (read since ${JS_PROFILE_KEY_REF_SINCE}): no key is sent` } };
  }
  if (p.apiKeyEnv) {
    const value = variableValue(p.apiKeyEnv, env, dotenvFiles);
    if (value) return { key: { value, raw: value, source: { kind: 'profile', file: p.file, profile: p.name ?? 'default', field }, shadowed: [] } };
    return { gap: { state: 'env-unset', detail: `The ${where} reads its key from $${p.apiKeyEnv} (api_key_env), which is not set: the JS SDK throws ProfileApiKeyError` } };
  }
  return { gap: { state: 'cmd-unsupported', detail: `The ${where} gets its key from a command (api_key_cmd), which the JS SDK refuses (ProfileApiKeyError); Python ${PYTHON_PROFILE_KEY_ENV_AFTER} and older ignore it` } };
}

/** Where JSON.parse failed, as line and column. Never V8's own message: it quotes the text, which may hold a key. */
export function jsonErrorPlace(message: string, text: string): string {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at === undefined) {
    if (/end of JSON input/i.test(message)) return ' (it ends too early)';
    // One character is all of the text we show.
    const token = /^Unexpected token '(.)'/.exec(message)?.[1];
    return token ? ` (unexpected character '${token}')` : '';
  }
  const before = text.slice(0, Number(at)).split('\n');
  return ` (at line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

function collectCandidates(env: Env, files: DotenvFile[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && RELEVANT_NAME.test(name)) out.push({ name, raw: value, source: { kind: 'env', name } });
  }
  for (const f of files) {
    for (const e of f.entries) {
      if (RELEVANT_NAME.test(e.name)) out.push({ name: e.name, raw: e.value, source: { kind: 'dotenv', name: e.name, file: f.display, line: e.line } });
    }
  }
  return out;
}

/** Per variable name: the process value wins, else the first dotenv file that sets it. */
function effectiveView(candidates: Candidate[]): Map<string, Candidate> {
  const view = new Map<string, Candidate>();
  for (const c of candidates) if (!view.has(c.name)) view.set(c.name, c);
  return view;
}

function pick(name: string, view: Map<string, Candidate>, all: Candidate[]): Resolved {
  const c = view.get(name);
  return { value: c?.raw, raw: c?.raw, source: c?.source, shadowed: all.filter((x) => x.name === name && x !== c) };
}

function resolveJs(suffix: string, view: Map<string, Candidate>, all: Candidate[]): Resolved {
  const ls = view.get(`LANGSMITH_${suffix}`);
  const lc = view.get(`LANGCHAIN_${suffix}`);
  // JS `||`: an empty LANGSMITH_ value falls through (to nothing, if LANGCHAIN_ is unset too).
  const winner = ls && ls.raw !== '' ? ls : lc;
  const names = [`LANGSMITH_${suffix}`, `LANGCHAIN_${suffix}`];
  const shadowed = all.filter((x) => names.includes(x.name) && x !== winner);
  return { value: winner?.raw, raw: winner?.raw, source: winner?.source, shadowed };
}

function resolvePy(suffix: string, view: Map<string, Candidate>, all: Candidate[], skipBlank = true): Resolved {
  const ls = view.get(`LANGSMITH_${suffix}`);
  const lc = view.get(`LANGCHAIN_${suffix}`);
  const usable = (c: Candidate | undefined) => c !== undefined && (!skipBlank || c.raw.trim() !== '');
  const winner = usable(ls) ? ls : usable(lc) ? lc : undefined;
  const names = [`LANGSMITH_${suffix}`, `LANGCHAIN_${suffix}`];
  const shadowed = all.filter((x) => names.includes(x.name) && x !== winner);
  return { value: winner?.raw, raw: winner?.raw, source: winner?.source, shadowed };
}

function firstOf(list: Resolved[], fallback: string): Resolved {
  const hit = list.find((r) => r.raw !== undefined && r.raw !== '');
  if (hit) return hit;
  return { value: fallback, raw: undefined, source: { kind: 'default' }, shadowed: [] };
}

/** The JS SDK's trimQuotes: trim, then one pair of "…", then one pair of '…'. */
export function trimQuotesJs(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v.trim().replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
}

/** Python: strip(), then strip('"'), then strip("'") — unbalanced quotes go too. */
export function pyStripQuotes(v: string): string {
  return v.trim().replace(/^"+|"+$/g, '').replace(/^'+|'+$/g, '');
}

function hasValue(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

function emptyToUndef(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

function stripSlash(v: string | undefined): string | undefined {
  return v === undefined ? undefined : v.replace(/\/+$/, '');
}


export function sourceLabel(source: Source): string {
  switch (source.kind) {
    case 'env':
      return `${source.name} (environment)`;
    case 'dotenv':
      return `${source.name} in ${source.file}${source.line ? `:${source.line}` : ''}`;
    case 'profile':
      return `${source.field} of profile '${source.profile}' in ${source.file}`;
    case 'default':
      return 'default';
  }
}

/** The `target.*Source` strings of the JSON report: the variable name, or `dotenv:<file>`, `profile`, `default`. */
export function sourceId(source: Source | undefined): string | null {
  if (!source) return null;
  switch (source.kind) {
    case 'env':
      return source.name;
    case 'dotenv':
      return `${source.name} (${source.file}${source.line ? `:${source.line}` : ''})`;
    case 'profile':
      return `profile:${source.profile}`;
    case 'default':
      return 'default';
  }
}

