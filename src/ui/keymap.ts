// Every key the screen answers, in one place: a key (as Ink's useInput reports it) and the state
// give an intent. Pure: the App dispatches view intents to the store and hands the others
// (re-run, watch, export, fix, quit) to the controller.
import type { ExportFormat, ScreenState } from './store.js';

/** The part of Ink's `Key` we read. */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
}

export type Intent =
  | { type: 'move'; delta: number }
  | { type: 'expand' }
  | { type: 'collapse' }
  | { type: 'scroll'; delta: number }
  | { type: 'view'; view: 'plan' | 'help' | 'export' }
  | { type: 'rerun' }
  | { type: 'watch' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'fix' }
  /** In the fix view: write the edits (y). */
  | { type: 'fix-apply' }
  /** In the fix view: the workspace at this index of the pick list. */
  | { type: 'fix-choose'; index: number }
  /** In the fix view: move the highlight in the pick list. */
  | { type: 'fix-pick'; delta: number }
  | { type: 'quit' };

/** What `?` lists: every key, in the order a newcomer needs them. `f` only when a fixer is given. */
export function keyList(canFix: boolean): Array<[keys: string, what: string]> {
  return [
    ['↑/↓  j/k', 'select a check (scroll in the plan and this list)'],
    ['Enter  →', 'expand the check: findings, fix commands, evidence, HTTP exchanges'],
    ['←  Esc', 'collapse, or close the plan / this list'],
    ['PgUp/PgDn  space', 'scroll the expanded check'],
    ['p', 'the action plan for the stage (commands on lines of their own)'],
    ['r', 're-run everything, re-reading config, dotenv files and the SDK profile'],
    ['w', 'watch on/off: re-run on a timer, with a countdown'],
    ['e', 'export a report (Markdown, JSON or HTML) to the working folder'],
    ...(canFix ? [['f', 'fix: the edits that fix findings, as a dry-run diff; y writes them (a backup kept) and re-runs, n leaves'] as [string, string]] : []),
    ['?', 'this list of keys'],
    ['q  Ctrl-C', 'quit (exit code of the last run; 130 during a run)'],
  ];
}

/**
 * Keys typed faster than a frame (or by tmux send-keys) arrive as one string: `jj`, `jj\r`.
 * Each character is a key of its own; arrows and other sequences come alone.
 */
export function splitKeys(input: string, key: KeyPress): Array<[string, KeyPress]> {
  // eslint-disable-next-line no-control-regex
  if (input.length <= 1 || Object.values(key).some((v) => v === true) || !/^[\x20-\x7e\r\n\u0003]+$/.test(input)) return [[input, key]];
  return [...input].map((c): [string, KeyPress] => (c === '\r' || c === '\n' ? ['', { return: true }] : c === '\u0003' ? ['c', { ctrl: true }] : [c, {}]));
}

export function intentOf(input: string, key: KeyPress, state: Pick<ScreenState, 'view' | 'running' | 'report' | 'canFix' | 'expanded' | 'fix' | 'fixing'>): Intent | undefined {
  if ((key.ctrl && input === 'c') || input === '\u0003' || input === 'q') return { type: 'quit' };
  if (state.view === 'fix') return fixViewIntent(input, key, state.fix);
  if (state.view === 'export') {
    if (key.escape || key.leftArrow) return { type: 'collapse' };
    if (key.return || input === 'm' || input === '1') return { type: 'export', format: 'md' };
    if (input === 'j' || input === '2') return { type: 'export', format: 'json' };
    if (input === 'h' || input === '3') return { type: 'export', format: 'html' };
    return undefined;
  }
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.pageDown || input === ' ') return { type: 'scroll', delta: 10 };
  if (key.pageUp) return { type: 'scroll', delta: -10 };
  if (key.return || key.rightArrow) return { type: 'expand' };
  if (key.leftArrow || key.escape) return { type: 'collapse' };
  if (input === '?') return { type: 'view', view: 'help' };
  // The plan, an export and a fix need a finished run; a re-run waits for the current one.
  if (input === 'p') return state.report ? { type: 'view', view: 'plan' } : undefined;
  if (input === 'e') return state.report && !state.running ? { type: 'view', view: 'export' } : undefined;
  if (input === 'r') return state.running ? undefined : { type: 'rerun' };
  if (input === 'w') return { type: 'watch' };
  if (input === 'f') return state.canFix && state.report && !state.running && !state.fixing ? { type: 'fix' } : undefined;
  return undefined;
}

/**
 * The fix view: y writes, n/Esc/f leave. With a workspace to pick, ↑/↓ move the highlight, Enter or
 * its number picks it; otherwise ↑/↓ scroll the plan.
 */
function fixViewIntent(input: string, key: KeyPress, fix: ScreenState['fix']): Intent | undefined {
  if (input === 'n' || input === 'f' || key.escape || key.leftArrow) return { type: 'collapse' };
  if (!fix) return undefined;
  if (input === 'y') return fix.files.length > 0 ? { type: 'fix-apply' } : undefined;
  const choices = fix.choices.length;
  if (choices > 0) {
    if (/^[1-9]$/.test(input) && Number(input) <= choices) return { type: 'fix-choose', index: Number(input) - 1 };
    if (key.return) return { type: 'fix-choose', index: fix.pick };
    if (key.upArrow || input === 'k') return { type: 'fix-pick', delta: -1 };
    if (key.downArrow || input === 'j') return { type: 'fix-pick', delta: 1 };
  } else {
    if (key.upArrow || input === 'k') return { type: 'scroll', delta: -1 };
    if (key.downArrow || input === 'j') return { type: 'scroll', delta: 1 };
  }
  if (key.pageDown || input === ' ') return { type: 'scroll', delta: 10 };
  if (key.pageUp) return { type: 'scroll', delta: -10 };
  return undefined;
}
