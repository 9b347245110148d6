// Reports and states for the screen's tests: small, with every part the screen shows.
import type { CheckResult } from '../../src/core/checker.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { summarize, type Report } from '../../src/report/model.js';
import { initialState, reduce, type ScreenState } from '../../src/ui/store.js';

export const target = {
  endpoint: 'https://eu.api.smith.langchain.com', endpointSource: 'LANGSMITH_ENDPOINT', region: 'eu',
  key: 'lsv2_pt_…abcd', keySource: 'LANGSMITH_API_KEY', keyKind: 'personal-access-token', workspaceId: null,
};

export const result = (id: string, over: Partial<CheckResult> = {}): CheckResult => ({
  id, title: id.toUpperCase(), source: 'builtin', status: 'pass', summary: `${id} ok`, findings: [], durationMs: 3, ...over,
});

export const keyInvalid = result('auth', {
  title: 'Authentication and workspace', status: 'fail', summary: 'The EU region refused the key (401)', durationMs: 543,
  findings: [{ code: 'KEY_INVALID', severity: 'fail', message: 'The key is unknown, revoked or deleted', fix: { text: 'Make a new key in Settings → API Keys', commands: ['export LANGSMITH_API_KEY=<new key>'] }, docs: 'https://docs.langchain.com/langsmith/create-account-api-key' }],
  evidence: { settings: { status: 401 } },
});

export function reportOf(results: CheckResult[], over: Partial<Report> = {}): Report {
  const diagnosis = diagnose(results);
  return {
    schemaVersion: 1, tool: { name: 'langsmith-doctor', version: '0.1.0' }, startedAt: '2026-12-02T01:45:00.000Z', durationMs: 812,
    target, checks: results.map((r) => ({ ...r, evidence: r.evidence ?? {} })), diagnosis, summary: summarize(results),
    transcript: [
      { method: 'GET', url: 'https://eu.api.smith.langchain.com/info', status: 200, durationMs: 40 },
      { method: 'GET', url: 'https://eu.api.smith.langchain.com/settings', status: 401, durationMs: 41, excerpt: '{"detail":"Invalid token"}' },
    ],
    ...over,
  };
}

export const failing = () => reportOf([result('key-format', { title: 'API key format', summary: 'Personal access token, well-formed' }), keyInvalid]);

/** A finished run's state, as the reducer makes it. */
export function finished(report: Report, over: Partial<ScreenState> = {}): ScreenState {
  let s = initialState({ version: '0.1.0', target, interactive: true, canFix: false, color: false, watchSeconds: 30, now: 0 });
  s = reduce(s, { type: 'run-start', target, at: 0 });
  s = reduce(s, { type: 'run-end', report, at: 1000 });
  return { ...s, ...over };
}

import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactNode } from 'react';

/** ink-testing-library's terminal is 100 columns: this one is as wide as asked. */
export function renderAt(tree: ReactNode, columns: number): { lastFrame: () => string; unmount: () => void } {
  const stdout = Object.assign(new EventEmitter(), { columns, rows: 60, frames: [] as string[], write(frame: string) { stdout.frames.push(frame); return true; } });
  const instance = inkRender(tree, { stdout: stdout as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  return { lastFrame: () => stdout.frames.at(-1) ?? '', unmount: () => instance.unmount() };
}
