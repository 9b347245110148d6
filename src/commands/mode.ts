// How a prepared diagnosis is shown: JSON, plain lines as checks finish, or the interactive view
// (the only path that loads Ink).
import type { ParsedArgs } from '../args.js';
import type { Io } from '../core/io.js';
import { inDeclaredOrder, type RunEvent } from '../core/runner.js';
import { run, targetOf, type Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';
import { renderCheck, renderConclusion, renderHeader } from '../report/text.js';

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
    const { renderInteractive } = await import('../ui/render.js');
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
