// The public checker API: what a plugin author writes against. The engine knows nothing of
// LangSmith; the domain layer fills in the context's `settings` and `http` types.

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';
export type Severity = 'info' | 'warn' | 'fail';

export interface Fix {
  /** What to do, in one or two sentences. */
  text: string;
  /** Exact commands or lines to set; safe to copy. Keys appear masked. */
  commands?: string[];
}

export interface Finding {
  /** Stable code (SCREAMING_SNAKE); third parties should prefix theirs (ACME_…). */
  code: string;
  severity: Severity;
  message: string;
  fix?: Fix;
  docs?: string;
  evidence?: Record<string, unknown>;
  /** Set by the runner when config `ignore` names the code: listed, but not counted. */
  ignored?: boolean;
}

export interface CheckOutcome {
  status: Status;
  summary: string;
  findings: Finding[];
  evidence?: Record<string, unknown>;
}

/** What a finished checker looks like to renderers and reports. */
export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  /** `builtin`, a module path, `package:<name>` or `command:<cmd>`. */
  source: string;
  durationMs: number;
}

export interface FindingExtras {
  fix?: Fix;
  docs?: string;
  evidence?: Record<string, unknown>;
}

export interface OutcomeExtras {
  findings?: Finding[];
  evidence?: Record<string, unknown>;
}

// -- result helpers: plugin authors never assemble result objects by hand --------------------

export function finding(
  code: string,
  severity: Severity,
  message: string,
  extras: FindingExtras = {},
): Finding {
  return { code, severity, message, ...extras };
}

export function pass(summary = 'OK', extras: OutcomeExtras = {}): CheckOutcome {
  return { status: 'pass', summary, findings: extras.findings ?? [], evidence: extras.evidence };
}

export function skip(reason: string, extras: OutcomeExtras = {}): CheckOutcome {
  return { status: 'skip', summary: reason, findings: extras.findings ?? [], evidence: extras.evidence };
}

/** A passing outcome that still tells something (severity info). */
export function info(code: string, message: string, extras: FindingExtras & { summary?: string } = {}): CheckOutcome {
  const { summary, ...rest } = extras;
  return { status: 'pass', summary: summary ?? message, findings: [finding(code, 'info', message, rest)] };
}

export function warn(code: string, message: string, extras: FindingExtras & { summary?: string } = {}): CheckOutcome {
  const { summary, ...rest } = extras;
  return { status: 'warn', summary: summary ?? message, findings: [finding(code, 'warn', message, rest)] };
}

export function fail(code: string, message: string, extras: FindingExtras & { summary?: string } = {}): CheckOutcome {
  const { summary, ...rest } = extras;
  return { status: 'fail', summary: summary ?? message, findings: [finding(code, 'fail', message, rest)] };
}

/** The outcome of several findings: the status is the worst severity among them. */
export function report(
  findings: Finding[],
  opts: { summary?: string; evidence?: Record<string, unknown> } = {},
): CheckOutcome {
  const status = statusOf(findings);
  const first = findings.find((f) => f.severity === status) ?? findings[0];
  return {
    status,
    summary: opts.summary ?? first?.message ?? 'OK',
    findings,
    evidence: opts.evidence,
  };
}

export function statusOf(findings: Finding[]): 'pass' | 'warn' | 'fail' {
  const live = findings.filter((f) => !f.ignored);
  if (live.some((f) => f.severity === 'fail')) return 'fail';
  if (live.some((f) => f.severity === 'warn')) return 'warn';
  return 'pass';
}

// -- the context a checker receives ---------------------------------------------------------

export interface ResultHelpers {
  pass: typeof pass;
  fail: typeof fail;
  warn: typeof warn;
  info: typeof info;
  skip: typeof skip;
  report: typeof report;
  finding: typeof finding;
}

export interface CheckContext<Options = Record<string, unknown>, Settings = unknown, Http = unknown>
  extends ResultHelpers {
  /** The id of the checker being run. */
  id: string;
  /** From config `checks[id]` (an object), or `{}`. */
  options: Options;
  /** Resolved once, shared by every checker. */
  settings: Settings;
  /** The shared, memoised, recorded HTTP interface. */
  http: Http;
  /** The environment the doctor analyses (the process's own, or a demo's). */
  env: Readonly<Record<string, string | undefined>>;
  /** True under `--offline`: make no network request. */
  offline: boolean;
  /** The project directory the doctor analyses. */
  cwd: string;
  /** Aborted when the checker times out. */
  signal: AbortSignal;
  /** Finished results of this checker's `requires`, by id. */
  results: Readonly<Record<string, CheckResult>>;
}

export type CheckReturn = CheckOutcome | Finding[] | void;

export interface Checker<Options = any, Settings = any, Http = any> {
  id: string;
  title: string;
  description?: string;
  /** Ids that must pass or warn first; otherwise this checker is skipped. */
  requires?: string[];
  /** Ids to wait for and read in ctx.results, whatever their status (no gating). */
  after?: string[];
  /** Enforced by the runner; a timeout is status error. */
  timeoutMs?: number;
  /** True when the checker needs the network; `--offline` skips it. */
  network?: boolean;
  /** The finding codes it may emit, so a config may `ignore` them (an unknown code there is a typo). */
  codes?: readonly string[];
  run(ctx: CheckContext<Options, Settings, Http>): Promise<CheckReturn> | CheckReturn;
}

/** A module may export a checker, an array of checkers, or a pack. */
export interface CheckerPack<Stages = unknown> {
  name: string;
  checkers: Checker[];
  stages?: Stages;
  /** Levels of a pack's own finding codes (configure | connect | authenticate | permission | …). */
  codes?: Record<string, string>;
}

/** Only adds types: a plain object with id, title and run is a checker too. */
export function defineChecker<Options = Record<string, unknown>, Settings = unknown, Http = unknown>(
  checker: Checker<Options, Settings, Http>,
): Checker<Options, Settings, Http> {
  return checker;
}

export const resultHelpers: ResultHelpers = { pass, fail, warn, info, skip, report, finding };

const STATUSES: ReadonlySet<string> = new Set(['pass', 'warn', 'fail', 'skip', 'error']);
const SEVERITIES: ReadonlySet<string> = new Set(['info', 'warn', 'fail']);

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && STATUSES.has(value);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && SEVERITIES.has(value);
}

/**
 * Turns whatever a checker returned into an outcome, or explains why it cannot.
 * Plugins are other people's code: every field is checked, nothing is trusted.
 */
export function normalizeOutcome(value: unknown): CheckOutcome | { invalid: string } {
  if (value === undefined || value === null) return pass();
  if (Array.isArray(value)) {
    const findings = value.map(normalizeFinding);
    const bad = findings.findIndex((f) => 'invalid' in f);
    if (bad >= 0) return { invalid: `finding ${bad}: ${(findings[bad] as { invalid: string }).invalid}` };
    return report(findings as Finding[]);
  }
  if (typeof value !== 'object') return { invalid: `run() returned a ${typeof value}, not a result` };
  const v = value as Record<string, unknown>;
  if (!isStatus(v.status)) return { invalid: `status must be one of pass|warn|fail|skip|error, got ${JSON.stringify(v.status)}` };
  const rawFindings = v.findings ?? [];
  if (!Array.isArray(rawFindings)) return { invalid: 'findings must be an array' };
  const findings: Finding[] = [];
  for (const [i, raw] of rawFindings.entries()) {
    const f = normalizeFinding(raw);
    if ('invalid' in f) return { invalid: `findings[${i}]: ${f.invalid}` };
    findings.push(f);
  }
  const summary = typeof v.summary === 'string' ? v.summary : findings[0]?.message ?? v.status;
  const evidence = isPlainObject(v.evidence) ? v.evidence : undefined;
  return { status: v.status, summary, findings, evidence };
}

export function normalizeFinding(raw: unknown): Finding | { invalid: string } {
  if (!isPlainObject(raw)) return { invalid: 'not an object' };
  if (typeof raw.code !== 'string' || raw.code === '') return { invalid: 'code must be a non-empty string' };
  if (!isSeverity(raw.severity)) return { invalid: `severity must be info|warn|fail, got ${JSON.stringify(raw.severity)}` };
  if (typeof raw.message !== 'string') return { invalid: 'message must be a string' };
  const out: Finding = { code: raw.code, severity: raw.severity, message: raw.message };
  if (isPlainObject(raw.fix) && typeof raw.fix.text === 'string') {
    const commands = Array.isArray(raw.fix.commands) ? raw.fix.commands.filter((c): c is string => typeof c === 'string') : [];
    out.fix = { text: raw.fix.text, commands };
  }
  if (typeof raw.docs === 'string') out.docs = raw.docs;
  if (isPlainObject(raw.evidence)) out.evidence = raw.evidence;
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
