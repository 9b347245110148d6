// `langsmith-doctor/testing`: run a checker against a built-in emulator scenario in a unit test,
// the way the built-ins are tested. The emulator listens on loopback only and is closed after.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult, Checker } from './core/checker.js';
import { emptyConfig, type CommandPluginSpec } from './core/config.js';
import { checkerProblem } from './core/plugins.js';
import { prepare, run } from './doctor.js';
import type { RunEntry } from './core/runner.js';
import { getScenario, scenarios, startEmulator } from './emulator/index.js';
import type { Report } from './report/model.js';

export type { Report, CheckResult };

export interface RunCheckerOptions {
  /** A built-in emulator scenario (`langsmith-doctor --demo list`), e.g. `viewer` or `healthy`. */
  scenario: string;
  /** What `checks[id]` in the config would give the checker. */
  options?: Record<string, unknown>;
  /** Variables added to (or replacing) the scenario's environment. */
  env?: Record<string, string>;
  /** Per-request timeout (default: the scenario's, else 3000 ms). */
  timeoutMs?: number;
  /** A command plugin's working directory (default: process.cwd()). */
  cwd?: string;
}

export interface CheckerRun {
  /** The checker's own result (redacted, like in a report). */
  result: CheckResult;
  /** Its finding codes, sorted. */
  codes: string[];
  /** The whole report: the checker and the built-ins it requires. */
  report: Report;
}

/** A command plugin as the config would list it: `{ command, id, … }`. */
export type CommandEntry = CommandPluginSpec & { id: string };

/**
 * Runs `checker` (an object, or a command plugin entry) against the scenario, after the built-in
 * checkers it `requires`, and returns its result. Throws when the checker is not valid.
 */
export async function runChecker(checker: Checker | CommandEntry, opts: RunCheckerOptions): Promise<CheckerRun> {
  const scenario = getScenario(opts.scenario);
  if (!scenario) throw new Error(`no emulator scenario '${opts.scenario}'; known: ${scenarios.map((s) => s.name).join(', ')}`);
  const isCommand = typeof (checker as CommandEntry).command === 'string';
  if (!isCommand) {
    const problem = checkerProblem(checker, true);
    if (problem) throw new Error(problem);
  } else if (!checker.id?.includes('/')) throw new Error(`a command entry needs a namespaced id, e.g. 'acme/vpn'`);

  const emulator = await startEmulator({ world: structuredClone(scenario.world) });
  const home = mkdtempSync(path.join(os.tmpdir(), 'langsmith-doctor-test-'));
  try {
    const env: Record<string, string> = { ...scenario.env(emulator.urls), HOME: home, ...opts.env };
    const config = emptyConfig(opts.cwd ?? process.cwd());
    if (isCommand) {
      config.plugins = [checker as CommandEntry];
      if (opts.options) config.checks[checker.id] = opts.options;
    }
    const prepared = await prepare({
      cwd: home,
      env,
      isolated: true,
      config,
      regions: emulator.urls.regions,
      timeoutMs: opts.timeoutMs ?? scenario.timeoutMs ?? 3000,
      writeProbe: (scenario.args ?? []).includes('--write-probe'),
      demo: { scenario: scenario.name, summary: scenario.summary },
    });
    const entries = isCommand
      ? prepared.entries
      : [...prepared.entries, { checker: checker as Checker, source: 'test', options: opts.options ?? {}, thirdParty: true }];
    prepared.entries = withPrerequisites(entries, checker.id);
    const report = await run(prepared);
    const result = report.checks.find((c) => c.id === checker.id);
    if (!result) throw new Error(`the run has no result for '${checker.id}'`);
    return { result, codes: result.findings.map((f) => f.code).sort(), report };
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The checker and everything it `requires` or reads `after`, transitively (the built-ins it builds on). */
function withPrerequisites(entries: RunEntry[], id: string): RunEntry[] {
  const byId = new Map(entries.map((e) => [e.checker.id, e]));
  const keep = new Set<string>();
  const add = (x: string) => {
    if (keep.has(x)) return;
    keep.add(x);
    const c = byId.get(x)?.checker;
    for (const r of [...(c?.requires ?? []), ...(c?.after ?? [])]) add(r);
  };
  add(id);
  return entries.filter((e) => keep.has(e.checker.id));
}

/** The scenario names `runChecker` accepts. */
export function scenarioNames(): string[] {
  return scenarios.map((s) => s.name);
}
