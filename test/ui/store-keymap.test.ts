// The screen's state and keys without Ink: each key gives its intent, each intent its state.
import { describe, expect, it } from 'vitest';
import { intentOf, keyList, splitKeys } from '../../src/ui/keymap.js';
import { initialState, reduce } from '../../src/ui/store.js';
import { failing, finished, keyInvalid, reportOf, result, target } from './fixtures.js';

describe('keymap', () => {
  const done = finished(failing());
  const running = { ...done, running: true };

  it.each([
    ['k', {}, { type: 'move', delta: -1 }],
    ['', { upArrow: true }, { type: 'move', delta: -1 }],
    ['j', {}, { type: 'move', delta: 1 }],
    ['', { downArrow: true }, { type: 'move', delta: 1 }],
    ['', { return: true }, { type: 'expand' }],
    ['', { rightArrow: true }, { type: 'expand' }],
    ['', { leftArrow: true }, { type: 'collapse' }],
    ['', { escape: true }, { type: 'collapse' }],
    ['', { pageDown: true }, { type: 'scroll', delta: 10 }],
    [' ', {}, { type: 'scroll', delta: 10 }],
    ['', { pageUp: true }, { type: 'scroll', delta: -10 }],
    ['p', {}, { type: 'view', view: 'plan' }],
    ['?', {}, { type: 'view', view: 'help' }],
    ['e', {}, { type: 'view', view: 'export' }],
    ['r', {}, { type: 'rerun' }],
    ['w', {}, { type: 'watch' }],
    ['q', {}, { type: 'quit' }],
    ['c', { ctrl: true }, { type: 'quit' }],
  ])('%j %j after a run: %j', (input, key, intent) => {
    expect(intentOf(input, key, done)).toEqual(intent);
  });

  it('during a run: r and e wait, q and Ctrl-C still quit at once, selection still moves', () => {
    expect(intentOf('r', {}, running)).toBeUndefined();
    expect(intentOf('e', {}, running)).toBeUndefined();
    expect(intentOf('q', {}, running)).toEqual({ type: 'quit' });
    expect(intentOf('c', { ctrl: true }, running)).toEqual({ type: 'quit' });
    expect(intentOf('j', {}, running)).toEqual({ type: 'move', delta: 1 });
  });

  it('before any run finished there is no plan and no export', () => {
    const first = { ...done, report: undefined, running: true };
    expect(intentOf('p', {}, first)).toBeUndefined();
    expect(intentOf('e', {}, first)).toBeUndefined();
  });

  it('f is a key only when a fixer was given, and ? lists it only then', () => {
    expect(intentOf('f', {}, done)).toBeUndefined();
    expect(intentOf('f', {}, { ...done, canFix: true })).toEqual({ type: 'fix' });
    expect(keyList(false).map(([k]) => k)).not.toContain('f');
    expect(keyList(true).map(([k]) => k)).toContain('f');
  });

  it('the export prompt reads the format: m/Enter Markdown, j JSON, h HTML, Esc cancels', () => {
    const asking = { ...done, view: 'export' as const };
    expect(intentOf('', { return: true }, asking)).toEqual({ type: 'export', format: 'md' });
    expect(intentOf('m', {}, asking)).toEqual({ type: 'export', format: 'md' });
    expect(intentOf('j', {}, asking)).toEqual({ type: 'export', format: 'json' });
    expect(intentOf('h', {}, asking)).toEqual({ type: 'export', format: 'html' });
    expect(intentOf('', { escape: true }, asking)).toEqual({ type: 'collapse' });
    expect(intentOf('x', {}, asking)).toBeUndefined();
  });

  it('keys that arrive together are taken one by one', () => {
    expect(splitKeys('jj\r', {})).toEqual([['j', {}], ['j', {}], ['', { return: true }]]);
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('[A', { upArrow: true })).toEqual([['[A', { upArrow: true }]]);
  });
});

describe('store', () => {
  it('fills rows from the runner events, then from the report', () => {
    let s = initialState({ version: '0.1.0', target, interactive: true, canFix: false, color: false, watchSeconds: 30 });
    s = reduce(s, { type: 'run-start', target, at: 0 });
    expect(s.running).toBe(true);
    expect(s.round).toBe(1);
    s = reduce(s, { type: 'event', at: 1, event: { type: 'plan', checks: [{ id: 'key-format', title: 'API key format', source: 'builtin' }, { id: 'auth', title: 'Auth', source: 'builtin' }] } });
    s = reduce(s, { type: 'event', at: 2, event: { type: 'start', id: 'auth', index: 1 } });
    expect(s.rows.map((r) => r.state)).toEqual(['pending', 'running']);
    expect(s.rows[1]!.startedAt).toBe(2);
    s = reduce(s, { type: 'event', at: 3, event: { type: 'finish', index: 1, result: keyInvalid } });
    expect(s.rows[1]!.result?.status).toBe('fail');
    s = reduce(s, { type: 'run-end', report: failing(), at: 4 });
    expect(s.running).toBe(false);
    expect(s.rows.every((r) => r.state === 'done')).toBe(true);
    expect(s.changes).toEqual([]);
  });

  it('selection stays within the rows; expand, collapse and the views toggle', () => {
    let s = finished(failing());
    s = reduce(s, { type: 'move', delta: -1 });
    expect(s.selected).toBe(0);
    s = reduce(reduce(reduce(s, { type: 'move', delta: 1 }), { type: 'move', delta: 1 }), { type: 'move', delta: 1 });
    expect(s.selected).toBe(1);
    s = reduce(s, { type: 'expand' });
    expect(s.expanded).toBe(true);
    s = reduce(s, { type: 'view', view: 'plan' });
    expect(s.view).toBe('plan');
    s = reduce(s, { type: 'move', delta: 1 });
    expect([s.selected, s.scroll]).toEqual([1, 1]);
    s = reduce(s, { type: 'collapse' });
    expect([s.view, s.expanded]).toEqual(['list', true]);
    s = reduce(s, { type: 'collapse' });
    expect(s.expanded).toBe(false);
    s = reduce(reduce(s, { type: 'view', view: 'help' }), { type: 'view', view: 'help' });
    expect(s.view).toBe('list');
  });

  it('a re-run names what changed and keeps the selected check selected', () => {
    let s = finished(failing());
    s = reduce(s, { type: 'move', delta: 1 });
    const fixed = reportOf([result('key-format', { title: 'API key format' }), result('auth', { title: 'Authentication and workspace' })]);
    s = reduce(s, { type: 'run-start', target, at: 5 });
    s = reduce(s, { type: 'run-end', report: fixed, at: 6 });
    expect(s.round).toBe(2);
    expect(s.changes).toContainEqual({ what: 'auth', from: 'fail', to: 'pass' });
    expect(s.changes.find((c) => c.what === 'stage')).toBeDefined();
    expect(s.rows[s.selected]!.id).toBe('auth');
  });

  it('watch on and off, and the countdown target', () => {
    let s = finished(failing());
    s = reduce(s, { type: 'watch', on: true, nextAt: 31_000 });
    expect(s.watch).toEqual({ on: true, seconds: 30, nextAt: 31_000 });
    s = reduce(s, { type: 'watch', on: false });
    expect(s.watch.on).toBe(false);
    expect(s.watch.nextAt).toBeUndefined();
  });
});
