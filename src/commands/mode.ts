// How a prepared diagnosis is shown: JSON, plain lines as checks finish, or the interactive screen
// (the only path that loads Ink).
import type { ParsedArgs } from '../args.js';
import { Interrupted } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { inDeclaredOrder, type RunEvent } from '../core/runner.js';
import { terminalCaps } from '../core/terminal.js';
import { run, targetOf, type Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';
import { renderCheck, renderConclusion, renderHeader, toAscii } from '../report/text.js';
import type { ScreenFixer } from '../ui/fixer.js';
import { titleLine } from '../ui/title.js';
import { uiVendorReady } from '../ui-vendor.js';
import { VERSION } from '../version.js';
import { saveReport } from './report-file.js';

export type Mode = 'json' | 'plain' | 'interactive';

const inCi = (io: Io) => io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false';

/**
 * The screen needs a terminal on stdout that can redraw: TERM=dumb and a non-UTF-8 locale
 * (LANG=C) get the plain renderer, in ASCII.
 */
export function modeOf(args: ParsedArgs, io: Io): Mode {
  if (args.json) return 'json';
  if (args.plain || !io.stdout.isTTY || inCi(io) || !terminalCaps(io.env, true).cursor) return 'plain';
  return 'interactive';
}

/**
 * The screen's first line, printed as soon as the command knows the screen will open, before the
 * configuration is read (the rest of the header needs it) and before Ink loads. Returns the
 * number of lines written, for runInMode's `announced`.
 */
export function announceScreen(io: Io, demo?: { scenario: string }): number {
  io.stdout.write(`${titleLine(VERSION, demo, screenWidth(io))}\n`);
  return 1;
}

const screenWidth = (io: Io) => Math.max(20, (io.stdout.columns || 80) - 1);

/** What only the interactive screen takes: the watch (`--watch` starts with it on) and the fixer. */
export interface ScreenExtras {
  watchSeconds?: number;
  watching?: boolean;
  /** The `f` key (src/commands/screen-fixer.ts: --fix's planner and writer); absent, `f` is not offered. */
  fixer?: ScreenFixer;
  /** Lines of the header announceScreen already printed. */
  announced?: number;
}

/** Runs a prepared diagnosis in the chosen mode and returns the final Report. */
export async function runInMode(preparedIn: Prepared, mode: Mode, io: Io, extras: ScreenExtras = {}): Promise<Report> {
  // The demo prepares its own options: how the doctor was started still comes from io.
  const prepared = preparedIn.options.invocation === undefined && io.invocation !== undefined
    ? { ...preparedIn, options: { ...preparedIn.options, invocation: io.invocation } }
    : preparedIn;
  if (mode === 'interactive') return runScreen(prepared, io, extras);
  if (mode === 'json') {
    const report = await run(prepared);
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return report;
  }
  const { redactor } = prepared;
  // A terminal that cannot show Unicode (TERM=dumb, LANG=C) gets the same lines in ASCII.
  const ascii = !terminalCaps(io.env, false).unicode;
  const out = (text: string) => io.stdout.write(ascii ? toAscii(text) : text);
  out(redactor.text(renderHeader(targetOf(prepared.settings, prepared.options.cwd, prepared.config), prepared.options.demo)) + '\n');
  const print = inDeclaredOrder((r) => out(redactor.text(renderCheck(r))));
  const report = await run(prepared, (e: RunEvent) => print(e));
  // Rows from the config's stage model problems are added after the run.
  for (const c of report.checks.filter((c) => c.id === 'config/stages')) out(renderCheck(c));
  out(renderConclusion(report));
  return report;
}

async function runScreen(prepared: Prepared, io: Io, extras: ScreenExtras): Promise<Report> {
  const caps = terminalCaps(io.env, true);
  // Ink and React take a while to load: start loading them now, show the header meanwhile (drawn
  // by the function the screen uses, so the first frame replaces it line for line), and start the
  // run without waiting for them.
  const ink = uiVendorReady().then(() => import('../ui/render.js'));
  const [{ headerLines, planLines }, { startSession }] = await Promise.all([import('../ui/lines.js'), import('../ui/session.js')]);
  const target = prepared.redactor.deep(targetOf(prepared.settings, prepared.options.cwd, prepared.config));
  const width = screenWidth(io);
  const header = headerLines({ version: VERSION, target, demo: prepared.options.demo }, width);
  io.stdout.write(header.slice(extras.announced ?? 0).map((l) => `${l.text}\n`).join(''));
  const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY);
  const session = startSession(prepared, io, {
    interactive,
    color: caps.color,
    watchSeconds: extras.watchSeconds ?? 30,
    watching: extras.watching,
    fixer: extras.fixer,
    saveReport: (file, report) => saveReport(file, report, io),
  });
  const outcome = await (await ink).mountScreen(session, io, header.length);
  if (outcome.interrupted || !outcome.report) throw new Interrupted('interrupted');
  // Without keys there is no `p`: the plan follows the last frame, as plain lines.
  if (!interactive) io.stdout.write('\n' + planLines(outcome.report, width).map((l) => `${l.text}\n`).join(''));
  return outcome.report;
}
