// --watch [SECONDS]: diagnose, then re-probe every SECONDS until access changes (stage or tier),
// printing one line per unchanged round and what changed when it does. Ctrl-C stops it.
import type { ParsedArgs } from '../args.js';
import type { Io } from '../core/io.js';
import { runInMode, type Mode } from './mode.js';
import { writeReport } from './report-file.js';
import { screenFixer } from './screen-fixer.js';
import { prepare, run, type Prepared } from '../doctor.js';
import { exitCodeOf, type Report } from '../report/model.js';
import { renderConclusion } from '../report/text.js';
import { accessChanged, changesBetween } from '../report/changes.js';
import { claimSignals } from '../core/signals.js';

// Moved down to report/ (the interactive screen highlights changes too); re-exported for callers.
export { accessChanged, changesBetween, type Change } from '../report/changes.js';

export async function watchCommand(first: Prepared, args: ParsedArgs, io: Io, mode: Mode, announced = 0): Promise<number> {
  const seconds = args.watchSeconds ?? 300;
  const json = mode === 'json';
  const say = (line: string) => {
    if (!json) io.stdout.write(`${line}\n`);
  };
  if (mode === 'interactive') {
    // In a terminal, the screen watches itself (countdown, changes highlighted, `w` to stop).
    const report = await runInMode(first, mode, io, { watchSeconds: seconds, watching: true, announced, fixer: screenFixer() });
    if (args.report) writeReport(args.report, report, io);
    return exitCodeOf(report, args.strict);
  }
  const stop = new AbortController();
  // Ctrl-C and SIGTERM end the watch, not the process: the last round is still reported.
  const release = claimSignals(() => stop.abort());
  let previous: Report = json ? await run(first) : await runInMode(first, mode, io);
  if (json) io.stdout.write(JSON.stringify(previous) + '\n');
  if (args.report) writeReport(args.report, previous, io);
  say(`\nWatching: re-probing every ${seconds} s until the stage or tier changes (Ctrl-C to stop).`);
  try {
    for (let round = 2; ; round++) {
      if (!(await sleep(seconds * 1000, stop.signal))) break;
      // Prepared afresh: a fixed .env or config counts, and no answer is reused from memo.
      const next = await run(await prepare(first.options));
      if (json) io.stdout.write(JSON.stringify(next) + '\n');
      const changes = changesBetween(previous, next);
      const time = new Date().toISOString().slice(11, 19);
      if (changes.length === 0) {
        say(`${time} round ${round}: no change (stage ${next.diagnosis.stage}, tier ${next.diagnosis.tier}${next.diagnosis.causes[0] ? `, ${next.diagnosis.causes[0].code}` : ''})`);
      } else {
        say(`${time} round ${round}: ${changes.map((c) => `${c.what} ${c.from} → ${c.to}`).join('; ')}`);
      }
      previous = next;
      // --report always holds the latest round.
      if (args.report) writeReport(args.report, next, io);
      if (accessChanged(changes)) {
        if (!json) io.stdout.write(renderConclusion(next));
        say('Access changed; stopped watching.');
        return exitCodeOf(next, args.strict);
      }
    }
  } finally {
    release();
  }
  say('Stopped.');
  return exitCodeOf(previous, args.strict);
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
