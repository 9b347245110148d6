// The screen's controller, without Ink: runs the diagnosis into the store (starting before Ink has
// even loaded) and carries out what the keys ask for: re-run (prepared afresh), watch, export,
// fix (the dry-run plan, then the edits and a re-run that checks them), quit. render.tsx mounts Ink on it.
import type { Io } from '../core/io.js';
import { prepare, run, targetOf, type Prepared } from '../doctor.js';
import { accessChanged } from '../report/changes.js';
import type { Report } from '../report/model.js';
import { VERSION } from '../version.js';
import type { FixOffer, FixOfferView, ScreenFixer } from './fixer.js';
import type { Intent } from './keymap.js';
import { exportFileName } from './lines.js';
import { createScreenStore, type ExportFormat, type ScreenStore } from './store.js';

export interface ScreenOptions {
  /** Keys are read (stdin is a terminal). Without them the screen shows one run and ends. */
  interactive: boolean;
  color: boolean;
  /** Seconds between watch runs (`w`, or `--watch` which starts with watching on). */
  watchSeconds: number;
  watching?: boolean;
  /** Writes a report file (redacted, atomically; the command's --report writer) and returns its full path. */
  saveReport: (file: string, report: Report) => string;
  /** The `f` key: given by the command that can fix (then `?` lists it); absent, `f` does nothing. */
  fixer?: ScreenFixer;
}

export interface ScreenOutcome {
  /** The last finished run; undefined when none finished. */
  report?: Report;
  /** Quit while a run was going (exit 130). */
  interrupted: boolean;
}

/** What the Ink side needs: the store to draw, where keys go, and how to let go of the terminal. */
export interface Session {
  store: ScreenStore;
  onIntent(intent: Intent): void;
  /** Ink is up: quitting unmounts it (and waits for the terminal to be restored). */
  attach(release: () => Promise<void>): void;
  outcome: Promise<ScreenOutcome>;
}

export function startSession(first: Prepared, _io: Io, opts: ScreenOptions): Session {
  const targetFor = (p: Prepared) => p.redactor.deep(targetOf(p.settings, p.options.cwd, p.config));
  const store = createScreenStore({
    version: VERSION,
    target: targetFor(first),
    demo: first.options.demo,
    interactive: opts.interactive,
    canFix: opts.interactive && opts.fixer !== undefined,
    color: opts.color,
    watchSeconds: opts.watchSeconds,
    watching: opts.watching,
  });
  let current = first;
  let report: Report | undefined;
  let running = false;
  let closed = false;
  let watchTimer: NodeJS.Timeout | undefined;
  let release: (() => Promise<void>) | undefined;
  let pendingQuit: (() => void) | undefined;
  /** The dry-run plan the fix view shows: `y` writes exactly this one. */
  let offer: FixOffer | undefined;
  /** Edits are being written and checked: no other run starts meanwhile. */
  let fixing = false;
  let finish: (o: ScreenOutcome) => void = () => {};
  const outcome = new Promise<ScreenOutcome>((resolve) => (finish = resolve));

  const clock = setInterval(() => store.dispatch({ type: 'tick', now: Date.now() }), 1000);

  const scheduleWatch = () => {
    clearTimeout(watchTimer);
    const { watch } = store.getState();
    if (!watch.on || running || closed || fixing) return;
    const ms = watch.seconds * 1000;
    store.dispatch({ type: 'watch', on: true, nextAt: Date.now() + ms });
    watchTimer = setTimeout(() => void rerun(), ms);
  };

  /** One run drawn live; the report, or undefined when it failed or the screen closed meanwhile. */
  const runOnce = async (p: Prepared, baseline?: Report): Promise<Report | undefined> => {
    running = true;
    store.dispatch({ type: 'run-start', target: targetFor(p), at: Date.now() });
    let r: Report | undefined;
    try {
      r = await run(p, (event) => {
        if (!closed) store.dispatch({ type: 'event', event, at: Date.now() });
      });
      // Known with the run's end, so the key hints never offer `f` a moment late (or wrongly).
      const fixable = await fixableOf(r, p);
      if (closed) return undefined;
      report = r;
      store.dispatch({ type: 'run-end', report: r, at: Date.now(), baseline, fixable });
      const s = store.getState();
      if (s.watch.on && accessChanged(s.changes)) {
        store.dispatch({ type: 'watch', on: false });
        store.dispatch({ type: 'message', text: 'Access changed; watch stopped.' });
      }
    } catch (err) {
      r = undefined;
      store.dispatch({ type: 'run-error', message: `The run failed: ${(err as Error).message}` });
    } finally {
      running = false;
    }
    if (!opts.interactive) {
      quit();
      return r;
    }
    scheduleWatch();
    return r;
  };

  // Prepared afresh: a fixed .env, config or profile counts, and no answer is reused from memo.
  const rerun = async () => {
    if (running || closed || fixing) return;
    clearTimeout(watchTimer);
    try {
      current = await prepare(current.options);
    } catch (err) {
      store.dispatch({ type: 'run-error', message: `Cannot re-run: ${(err as Error).message}` });
      scheduleWatch();
      return;
    }
    await runOnce(current);
  };

  const exportAs = (format: ExportFormat) => {
    store.dispatch({ type: 'collapse' });
    if (!report) return;
    try {
      const full = opts.saveReport(exportFileName(report, format), report);
      store.dispatch({ type: 'message', text: `Report written to ${full}` });
    } catch (err) {
      store.dispatch({ type: 'message', text: `Export failed: ${(err as Error).message}`, tone: 'error' });
    }
  };

  const quit = () => {
    if (closed) return;
    if (!release) {
      // Ink is still loading: quit as soon as it is up (a one-shot run can end before that).
      pendingQuit = quit;
      return;
    }
    closed = true;
    clearTimeout(watchTimer);
    clearInterval(clock);
    store.dispatch({ type: 'close' });
    const interrupted = running;
    const letGo = release;
    // One turn for React to draw the closing frame (no key hints), then Ink restores the terminal.
    setImmediate(() => void letGo().finally(() => finish({ report, interrupted })));
  };

  // -- the `f` key: a dry-run plan in the fix view; `y` writes it and re-runs ---------------------

  /** Whether `f` has anything to show for this run (the hint line offers it only then). */
  async function fixableOf(r: Report, p: Prepared): Promise<boolean> {
    if (!opts.fixer || !opts.interactive) return false;
    try {
      return (await opts.fixer.offer(r, p)).fixes > 0;
    } catch {
      // The key still answers (and says why) when pressed.
      return false;
    }
  }

  const openFix = async (workspaceId?: string) => {
    if (!opts.fixer || !report || running || fixing || closed) return;
    const r = report;
    const p = current;
    let o: FixOffer;
    try {
      // Planned again, not taken from fixableOf: the dotenv files may have changed since the run.
      o = await opts.fixer.offer(r, p, workspaceId);
    } catch (err) {
      store.dispatch({ type: 'message', text: p.redactor.text(`Cannot plan the fixes: ${(err as Error).message}`), tone: 'error' });
      return;
    }
    // A run that started meanwhile makes this plan stale.
    if (closed || running || report !== r) return;
    if (o.fixes === 0) {
      store.dispatch({ type: 'collapse' });
      store.dispatch({ type: 'message', text: 'Nothing to fix: no finding of this run has a configuration fix or a manual step.' });
      return;
    }
    offer = o;
    const { apply: _apply, ...view } = o;
    store.dispatch({ type: 'fix-open', offer: view satisfies FixOfferView });
  };

  const applyFix = async () => {
    const o = offer;
    const before = report;
    if (!o || !before || running || fixing || closed || store.getState().view !== 'fix' || o.files.length === 0) return;
    offer = undefined;
    fixing = true;
    clearTimeout(watchTimer);
    store.dispatch({ type: 'fix-applying' });
    // Prepared afresh (the edited files are read again), drawn live, compared with the run before the edits.
    const check = async (): Promise<Report> => {
      current = await prepare(current.options);
      const r = await runOnce(current, before);
      if (!r) throw new Error('the re-run after the edits did not finish');
      return r;
    };
    try {
      const outcome = await o.apply(check);
      store.dispatch({ type: 'fix-done', notes: outcome.notes });
    } catch (err) {
      store.dispatch({ type: 'fix-done', notes: [{ text: current.redactor.text(`Fix failed: ${(err as Error).message}`), tone: 'fail' }] });
    } finally {
      fixing = false;
    }
    scheduleWatch();
  };

  const onIntent = (intent: Intent) => {
    if (intent.type === 'quit') return quit();
    if (intent.type === 'rerun') return void rerun();
    if (intent.type === 'export') return exportAs(intent.format);
    if (intent.type === 'watch') {
      const on = !store.getState().watch.on;
      store.dispatch({ type: 'watch', on });
      if (on) scheduleWatch();
      else clearTimeout(watchTimer);
      return;
    }
    if (intent.type === 'fix') return void openFix();
    if (intent.type === 'fix-apply') return void applyFix();
    if (intent.type === 'fix-choose') {
      const choice = store.getState().fix?.choices[intent.index];
      if (choice) void openFix(choice.id);
    }
  };

  void runOnce(current);
  return {
    store,
    onIntent,
    attach(r) {
      release = r;
      if (pendingQuit) {
        pendingQuit = undefined;
        quit();
      }
    },
    outcome,
  };
}
