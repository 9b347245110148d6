// The screen's state and every way it changes, as a reducer: testable without Ink. The runner's
// events, the run's end and the user's intents (from keymap.ts) are all actions.
import type { CheckResult } from '../core/checker.js';
import type { RunEvent } from '../core/runner.js';
import { changesBetween, type Change } from '../report/changes.js';
import type { Report, ReportTarget } from '../report/model.js';
import type { FixNote, FixOfferView } from './fixer.js';

export interface Row {
  id: string;
  title: string;
  state: 'pending' | 'running' | 'done';
  startedAt?: number;
  result?: CheckResult;
}

export type View = 'list' | 'plan' | 'help' | 'export' | 'fix';
export type ExportFormat = 'md' | 'json' | 'html';

export interface ScreenState {
  version: string;
  target: ReportTarget;
  demo?: Report['demo'];
  rows: Row[];
  running: boolean;
  /** 1 for the first run, then one more per re-run (by `r` or the watch). */
  round: number;
  /** The last finished run. */
  report?: Report;
  /** What the last run changed against the one before it (empty after the first). */
  changes: Change[];
  selected: number;
  expanded: boolean;
  view: View;
  /** Lines scrolled in the expanded body, the plan or the key list. */
  scroll: number;
  watch: { on: boolean; seconds: number; nextAt?: number };
  /** The clock, for countdowns and elapsed times (ticked by the controller). */
  now: number;
  message?: { text: string; tone: 'info' | 'error' };
  /** Keys are read (stdin is a terminal); otherwise the screen shows one run and ends. */
  interactive: boolean;
  /** `f` is a key (the command passed a fixer and keys are read). */
  canFix: boolean;
  /** The last run has a finding with a configuration fix or a manual step: the hints offer `f`. */
  fixable: boolean;
  /** The fix view's dry-run plan (view `fix`), and the workspace highlighted in its pick list. */
  fix?: FixOfferView & { pick: number };
  /** Edits are being written and checked by a re-run. */
  fixing: boolean;
  /** What the last fix did (backups, fixed, rolled back, refused), until the next run. */
  fixNotes: FixNote[];
  /** Quit: the last frame drops the key hints. */
  closed: boolean;
  color: boolean;
}

export type Action =
  | { type: 'run-start'; target: ReportTarget; at: number }
  | { type: 'event'; event: RunEvent; at: number }
  /** `baseline`: the run to compare with (after a fix: the run before the edits, even across a rollback's re-run). */
  | { type: 'run-end'; report: Report; at: number; baseline?: Report; fixable?: boolean }
  | { type: 'run-error'; message: string }
  | { type: 'move'; delta: number }
  | { type: 'expand' }
  | { type: 'collapse' }
  | { type: 'view'; view: View }
  | { type: 'scroll'; delta: number }
  | { type: 'watch'; on: boolean; nextAt?: number }
  | { type: 'tick'; now: number }
  | { type: 'message'; text: string; tone?: 'info' | 'error' }
  | { type: 'close' }
  | { type: 'fix-open'; offer: FixOfferView }
  | { type: 'fix-pick'; delta: number }
  | { type: 'fix-applying' }
  | { type: 'fix-done'; notes: FixNote[] };

export type Init = Pick<ScreenState, 'version' | 'target' | 'demo' | 'interactive' | 'canFix' | 'color'> & {
  watchSeconds: number;
  watching?: boolean;
  now?: number;
};

export function initialState(init: Init): ScreenState {
  const { watchSeconds, watching, now, ...rest } = init;
  return {
    ...rest,
    rows: [],
    running: false,
    round: 0,
    changes: [],
    selected: 0,
    expanded: false,
    view: 'list',
    scroll: 0,
    watch: { on: watching ?? false, seconds: watchSeconds },
    now: now ?? Date.now(),
    closed: false,
    fixable: false,
    fixing: false,
    fixNotes: [],
  };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function reduce(state: ScreenState, action: Action): ScreenState {
  switch (action.type) {
    case 'run-start': {
      // A dry-run plan is for the run it was made from: a new run closes it.
      const view = state.view === 'fix' ? 'list' : state.view;
      const fixNotes = state.fixing ? state.fixNotes : [];
      return { ...state, target: action.target, running: true, round: state.round + 1, now: action.at, message: undefined, watch: { ...state.watch, nextAt: undefined }, view, fix: undefined, fixable: false, fixNotes };
    }
    case 'event':
      return onEvent(state, action.event, action.at);
    case 'run-end': {
      const { report } = action;
      const selectedId = state.rows[state.selected]?.id;
      // The report's rows are the final word (stage-model problems are added after the run).
      const rows: Row[] = report.checks.map((c) => ({ id: c.id, title: c.title, state: 'done', result: c }));
      const keep = rows.findIndex((r) => r.id === selectedId);
      const base = action.baseline ?? state.report;
      return {
        ...state,
        running: false,
        report,
        rows,
        changes: base ? changesBetween(base, report) : [],
        fixable: action.fixable ?? false,
        selected: keep >= 0 ? keep : clamp(state.selected, 0, Math.max(0, rows.length - 1)),
        now: action.at,
      };
    }
    case 'run-error':
      return { ...state, running: false, message: { text: action.message, tone: 'error' } };
    case 'move': {
      if (state.view === 'plan' || state.view === 'help' || state.view === 'fix') return { ...state, scroll: Math.max(0, state.scroll + action.delta) };
      const selected = clamp(state.selected + action.delta, 0, Math.max(0, state.rows.length - 1));
      return { ...state, selected, scroll: 0 };
    }
    case 'expand':
      return state.rows.length === 0 ? state : { ...state, expanded: true, view: 'list', scroll: 0 };
    case 'collapse':
      return state.view !== 'list' ? { ...state, view: 'list', scroll: 0, fix: undefined } : { ...state, expanded: false, scroll: 0 };
    case 'view':
      // The same key closes what it opened.
      return { ...state, view: state.view === action.view ? 'list' : action.view, scroll: 0, fix: undefined };
    case 'scroll':
      return { ...state, scroll: Math.max(0, state.scroll + action.delta) };
    case 'watch':
      return { ...state, watch: { ...state.watch, on: action.on, nextAt: action.on ? action.nextAt : undefined } };
    case 'tick':
      return { ...state, now: action.now };
    case 'message':
      return { ...state, message: { text: action.text, tone: action.tone ?? 'info' } };
    case 'close':
      return { ...state, closed: true, view: state.view === 'export' || state.view === 'fix' ? 'list' : state.view };
    case 'fix-open':
      return { ...state, view: 'fix', fix: { ...action.offer, pick: 0 }, scroll: 0, message: undefined, fixNotes: [] };
    case 'fix-pick':
      return state.fix ? { ...state, fix: { ...state.fix, pick: clamp(state.fix.pick + action.delta, 0, Math.max(0, state.fix.choices.length - 1)) } } : state;
    case 'fix-applying':
      // Back to the rows: the re-run that checks the edits is drawn there, changed rows marked.
      return { ...state, view: 'list', fix: undefined, scroll: 0, fixing: true, fixNotes: [], message: undefined };
    case 'fix-done':
      return { ...state, fixing: false, fixNotes: action.notes };
  }
}

function onEvent(state: ScreenState, event: RunEvent, at: number): ScreenState {
  if (event.type === 'plan') {
    return { ...state, now: at, rows: event.checks.map((c) => ({ id: c.id, title: c.title, state: 'pending' })) };
  }
  if (event.type === 'start') {
    return { ...state, rows: state.rows.map((r, i) => (i === event.index ? { ...r, state: 'running', startedAt: at } : r)) };
  }
  if (event.type === 'finish') {
    return { ...state, rows: state.rows.map((r, i) => (i === event.index ? { ...r, state: 'done', result: event.result } : r)) };
  }
  return state;
}

export interface ScreenStore {
  getState(): ScreenState;
  subscribe(listener: () => void): () => void;
  dispatch(action: Action): void;
}

export function createScreenStore(init: Init): ScreenStore {
  let state = initialState(init);
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      state = reduce(state, action);
      for (const l of listeners) l();
    },
  };
}
