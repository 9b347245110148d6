// A tiny external store fed by runner events; the Ink tree subscribes with useSyncExternalStore.
import type { CheckResult } from '../core/checker.js';
import type { RunEvent } from '../core/runner.js';
import type { Report, ReportTarget } from '../report/model.js';

export interface Row {
  id: string;
  title: string;
  state: 'pending' | 'running' | 'done';
  startedAt?: number;
  result?: CheckResult;
}

export interface ChecklistState {
  target: ReportTarget;
  demo?: Report['demo'];
  rows: Row[];
  /** How many rows, from the top, are finished: they move to <Static> in declared order. */
  settled: number;
  report?: Report;
  color: boolean;
}

export interface ChecklistStore {
  getState(): ChecklistState;
  subscribe(listener: () => void): () => void;
  dispatch(event: RunEvent): void;
  finish(report: Report): void;
}

export function createChecklistStore(initial: Omit<ChecklistState, 'rows' | 'settled'>): ChecklistStore {
  let state: ChecklistState = { ...initial, rows: [], settled: 0 };
  const listeners = new Set<() => void>();
  const set = (next: ChecklistState) => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(event) {
      if (event.type === 'plan') {
        set({ ...state, rows: event.checks.map((c) => ({ id: c.id, title: c.title, state: 'pending' })), settled: 0 });
      } else if (event.type === 'start') {
        set({ ...state, rows: state.rows.map((r, i) => (i === event.index ? { ...r, state: 'running', startedAt: Date.now() } : r)) });
      } else if (event.type === 'finish') {
        const rows = state.rows.map((r, i) => (i === event.index ? { ...r, state: 'done' as const, result: event.result } : r));
        let settled = state.settled;
        while (settled < rows.length && rows[settled]!.state === 'done') settled++;
        set({ ...state, rows, settled });
      }
    },
    finish(report) {
      set({ ...state, report, settled: state.rows.length });
    },
  };
}
