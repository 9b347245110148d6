// Runs checkers: all start together under a concurrency cap, `requires` gates, per-checker
// timeouts, one overall deadline, crash isolation. Results are made plain JSON data, finalized
// (redacted) and bounded before anyone outside sees them. Emits events for renderers; results
// come back in declared order.
import {
  normalizeOutcome,
  resultHelpers,
  statusOf,
  type CheckContext,
  type CheckOutcome,
  type CheckResult,
  type Checker,
} from './checker.js';
import { timerMs } from './guard.js';
import { toPlainData } from './plain-data.js';
import { monotonicMs } from './clock.js';

export interface RunEntry {
  checker: Checker;
  /** Where it came from: `builtin`, a module path, `package:…`, `command:…`. */
  source: string;
  options?: Record<string, unknown>;
  /** A plugin that could not load: reported as status error, never run. */
  loadError?: string;
  /** Someone else's code: it gets `thirdPartyView` instead of the real settings and env. */
  thirdParty?: boolean;
}

export type RunEvent =
  | { type: 'plan'; checks: Array<{ id: string; title: string; source: string }> }
  | { type: 'start'; id: string; index: number }
  | { type: 'finish'; result: CheckResult; index: number }
  | { type: 'done'; results: CheckResult[] };

export interface RunOptions<Settings, Http> {
  settings: Settings;
  http: Http;
  env: Readonly<Record<string, string | undefined>>;
  /** The project directory (default: the process's). */
  cwd?: string;
  offline?: boolean;
  /** How many checkers run at once. */
  concurrency?: number;
  /** Used when a checker names no timeoutMs of its own. */
  defaultTimeoutMs?: number;
  /** Finding codes to list as ignored and not count. */
  ignore?: readonly string[];
  onEvent?: (event: RunEvent) => void;
  /** Applied to every result before anyone outside the runner sees it (redaction). */
  finalize?: (result: CheckResult) => CheckResult;
  /** What third-party checkers see as ctx.settings and ctx.env (secrets masked by the caller). */
  thirdPartyView?: { settings: Settings; env: Readonly<Record<string, string | undefined>> };
  /** The whole run ends by then: checks still running or waiting are reported as error. */
  deadlineMs?: number;
}

/** Longest string a result may carry, after redaction (a plugin's megabyte summary is cut). */
export const MAX_RESULT_STRING = 8_000;

export async function runCheckers<Settings, Http>(
  entries: readonly RunEntry[],
  opts: RunOptions<Settings, Http>,
): Promise<CheckResult[]> {
  const emit = opts.onEvent ?? (() => {});
  const finalize = safeFinalize(opts.finalize ?? ((r: CheckResult) => r));
  const ignore = new Set(opts.ignore ?? []);
  const limit = createLimiter(Math.max(1, opts.concurrency ?? 8));
  const byId = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!byId.has(e.checker.id)) byId.set(e.checker.id, i);
  });
  const cycles = findCycles(entries, byId);
  // Aborted at the overall deadline: every running checker's signal follows it.
  const runAbort = new AbortController();

  emit({
    type: 'plan',
    checks: entries.map((e) => ({ id: e.checker.id, title: e.checker.title, source: e.source })),
  });

  // Every result gets its promise up front, so a checker may require one declared after it.
  // Built-ins read each other's raw results; third-party checkers get the finalized copies.
  const settled = entries.map(() => deferred<{ raw: CheckResult; final: CheckResult }>());
  const runOne = async (entry: RunEntry, index: number): Promise<CheckResult> => {
    const { checker } = entry;
    const base = { id: checker.id, title: checker.title, source: entry.source };
    if (entry.loadError !== undefined) {
      return { ...base, status: 'error', summary: entry.loadError, findings: [], durationMs: 0 };
    }
    const cycle = cycles.get(checker.id);
    if (cycle) {
      return { ...base, status: 'error', summary: `requires form a cycle: ${cycle}`, findings: [], durationMs: 0 };
    }
    // Prerequisites first; a slot is taken only once this checker can really run.
    const prereqs: Record<string, CheckResult> = {};
    const pick = (r: { raw: CheckResult; final: CheckResult }) => (entry.thirdParty ? r.final : r.raw);
    for (const req of checker.requires ?? []) {
      const at = byId.get(req);
      if (at === undefined || at === index) {
        return { ...base, status: 'skip', summary: `requires '${req}', which is not loaded`, findings: [], durationMs: 0 };
      }
      const r = pick(await settled[at]!.promise);
      prereqs[req] = r;
      if (r.status !== 'pass' && r.status !== 'warn') {
        return { ...base, status: 'skip', summary: `skipped: '${req}' did not pass (${r.status})`, findings: [], durationMs: 0 };
      }
    }
    // `after`: wait and read, never gate. A missing id is simply absent from ctx.results.
    for (const id of checker.after ?? []) {
      const at = byId.get(id);
      if (at !== undefined && at !== index) prereqs[id] = pick(await settled[at]!.promise);
    }
    if (opts.offline && checker.network) {
      return { ...base, status: 'skip', summary: 'skipped: needs the network (--offline)', findings: [], durationMs: 0 };
    }
    return limit(async () => {
      if (runAbort.signal.aborted) return { ...base, status: 'error', summary: 'not started: the run reached its deadline', findings: [], durationMs: 0 };
      emit({ type: 'start', id: checker.id, index });
      const started = monotonicMs();
      const outcome = await runWithTimeout(checker, entry, prereqs, opts, runAbort.signal);
      const durationMs = Math.round(monotonicMs() - started);
      return applyIgnore({ ...base, ...outcome, durationMs }, ignore);
    });
  };

  const finals: Array<CheckResult | undefined> = entries.map(() => undefined);
  const record = (index: number, raw: CheckResult) => {
    if (finals[index]) return; // already reported (the deadline came first)
    const final = finalize(raw);
    finals[index] = final;
    settled[index]!.resolve({ raw, final });
    emit({ type: 'finish', result: final, index });
  };
  const all = Promise.all(entries.map((entry, index) => runOne(entry, index).then((result) => record(index, result))));

  let deadlineTimer: NodeJS.Timeout | undefined;
  const deadlineMs = positive(opts.deadlineMs);
  const deadline = new Promise<void>((resolve) => {
    if (deadlineMs === undefined) return;
    deadlineTimer = setTimeout(() => {
      runAbort.abort(new Error(`the run reached its overall deadline (${deadlineMs} ms)`));
      entries.forEach((entry, index) => {
        const { checker } = entry;
        record(index, {
          id: checker.id, title: checker.title, source: entry.source, status: 'error',
          summary: `did not finish before the run's overall deadline (${deadlineMs} ms)`, findings: [], durationMs: deadlineMs,
        });
      });
      resolve();
    }, timerMs(deadlineMs));
  });
  try {
    await Promise.race([all, deadline]);
  } finally {
    clearTimeout(deadlineTimer);
  }
  const results = finals.map((r) => r!);
  emit({ type: 'done', results });
  return results;
}

async function runWithTimeout<Settings, Http>(
  checker: Checker,
  entry: RunEntry,
  results: Record<string, CheckResult>,
  opts: RunOptions<Settings, Http>,
  runSignal: AbortSignal,
): Promise<CheckOutcome> {
  const timeoutMs = positive(checker.timeoutMs) ?? opts.defaultTimeoutMs ?? 15_000;
  const controller = new AbortController();
  const onRunAbort = () => controller.abort(runSignal.reason);
  runSignal.addEventListener('abort', onRunAbort, { once: true });
  const view = entry.thirdParty && opts.thirdPartyView ? opts.thirdPartyView : { settings: opts.settings, env: opts.env };
  const ctx: CheckContext<Record<string, unknown>, Settings, Http> = {
    ...resultHelpers,
    id: checker.id,
    options: entry.options ?? {},
    settings: view.settings,
    http: opts.http,
    env: view.env,
    offline: opts.offline ?? false,
    cwd: opts.cwd ?? process.cwd(),
    signal: controller.signal,
    results,
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve({ status: 'error', summary: `timed out after ${timeoutMs} ms`, findings: [] });
    }, timerMs(timeoutMs));
  });
  const work = (async (): Promise<CheckOutcome> => {
    try {
      const value = await checker.run(ctx);
      const outcome = normalizeOutcome(value);
      if ('invalid' in outcome) {
        return { status: 'error', summary: `returned an invalid result: ${outcome.invalid}`, findings: [] };
      }
      return plainOutcome(checker.id, outcome);
    } catch (err) {
      return { status: 'error', summary: `crashed: ${describeError(err)}`, findings: [] };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}

/**
 * Evidence made plain JSON data. What JSON cannot hold (cycles, BigInt, functions, getters that
 * throw) turns the row into an error naming the checker, with what could be kept.
 */
function plainOutcome(id: string, outcome: CheckOutcome): CheckOutcome {
  const problems: string[] = [];
  const plain = (value: Record<string, unknown> | undefined, where: string) => {
    if (value === undefined) return undefined;
    const r = toPlainData(value, where);
    problems.push(...r.problems);
    return r.value as Record<string, unknown>;
  };
  const findings = outcome.findings.map((f, i) => {
    const evidence = plain(f.evidence, `findings[${i}].evidence`);
    return evidence === undefined ? f : { ...f, evidence };
  });
  const evidence = plain(outcome.evidence, 'evidence');
  const out: CheckOutcome = { ...outcome, findings, ...(evidence === undefined ? {} : { evidence }) };
  if (problems.length === 0) return out;
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
  return {
    ...out,
    status: 'error',
    summary: `checker '${id}' returned evidence that cannot be serialised as JSON (${shown}); it said: ${outcome.summary}`,
  };
}

/** finalize (redaction) that cannot throw, followed by the cut of over-long strings (after redaction, never before). */
function safeFinalize(finalize: (r: CheckResult) => CheckResult): (r: CheckResult) => CheckResult {
  return (result) => {
    let out: CheckResult;
    try {
      out = finalize(result);
    } catch (err) {
      out = finalize({
        id: result.id, title: result.title, source: result.source, status: 'error', findings: [], durationMs: result.durationMs,
        summary: `checker '${result.id}' returned a result that could not be processed: ${describeError(err)}`,
      });
    }
    return boundStrings(out) as CheckResult;
  };
}

function boundStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_RESULT_STRING ? `${value.slice(0, MAX_RESULT_STRING)}… [cut: ${value.length - MAX_RESULT_STRING} more characters]` : value;
  }
  if (Array.isArray(value)) return value.map(boundStrings);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = boundStrings(v);
  return out;
}

function applyIgnore(result: CheckResult, ignore: ReadonlySet<string>): CheckResult {
  if (ignore.size === 0 || !result.findings.some((f) => ignore.has(f.code))) return result;
  const findings = result.findings.map((f) => (ignore.has(f.code) ? { ...f, ignored: true } : f));
  const status = result.status === 'warn' || result.status === 'fail' ? statusOf(findings) : result.status;
  return { ...result, findings, status };
}

export function describeError(err: unknown): string {
  try {
    if (err instanceof Error) return err.message || err.name;
    if (typeof err === 'string') return err;
    return JSON.stringify(err) ?? String(err);
  } catch {
    try {
      return String(err);
    } catch {
      return 'an unprintable error';
    }
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function positive(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A tiny p-limit: at most `n` tasks at once, FIFO. */
export function createLimiter(n: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

/** Checker ids caught in a `requires` cycle, each with the cycle spelled out. */
function findCycles(entries: readonly RunEntry[], byId: Map<string, number>): Map<string, string> {
  const out = new Map<string, string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      for (const member of cycle) out.set(member, cycle.join(' -> '));
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const at = byId.get(id);
    const c = at === undefined ? undefined : entries[at]!.checker;
    for (const req of [...(c?.requires ?? []), ...(c?.after ?? [])]) {
      if (byId.has(req)) visit(req);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const e of entries) visit(e.checker.id);
  return out;
}

/**
 * Calls `cb` with results in declared order as soon as each one and all before it are done:
 * checks start together, output order stays stable (flutter doctor's rule).
 */
export function inDeclaredOrder(cb: (result: CheckResult, index: number) => void) {
  const buffer = new Map<number, CheckResult>();
  let nextIndex = 0;
  return (event: RunEvent) => {
    if (event.type === 'plan') nextIndex = 0;
    if (event.type !== 'finish') return;
    buffer.set(event.index, event.result);
    while (buffer.has(nextIndex)) {
      cb(buffer.get(nextIndex)!, nextIndex);
      buffer.delete(nextIndex);
      nextIndex++;
    }
  };
}
