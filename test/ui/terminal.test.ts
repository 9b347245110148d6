// Terminal conventions: which mode a terminal gets, colours, ASCII for terminals without Unicode.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { modeOf } from '../../src/commands/mode.js';
import type { Io } from '../../src/core/io.js';
import { terminalCaps, utf8Locale } from '../../src/core/terminal.js';
import { STATUS_GLYPH, renderCheck, toAscii } from '../../src/report/text.js';

const io = (env: Record<string, string>, tty = true): Io => ({ stdout: { write: () => true, isTTY: tty } as never, stderr: process.stderr, stdin: process.stdin, env, cwd: '/' });

describe('terminal conventions', () => {
  it.each([
    [{ TERM: 'xterm-256color' }, { color: true, unicode: true, cursor: true }],
    [{ TERM: 'xterm', NO_COLOR: '1' }, { color: false, unicode: true, cursor: true }],
    [{ TERM: 'xterm', NO_COLOR: '' }, { color: true, unicode: true, cursor: true }],
    [{ TERM: 'xterm', NO_COLOR: '1', FORCE_COLOR: '1' }, { color: true, unicode: true, cursor: true }],
    [{ TERM: 'xterm', FORCE_COLOR: '0' }, { color: false, unicode: true, cursor: true }],
    [{ TERM: 'dumb' }, { color: false, unicode: false, cursor: false }],
    [{ TERM: 'xterm', LANG: 'C' }, { color: true, unicode: false, cursor: false }],
    [{ TERM: 'xterm', LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' }, { color: true, unicode: false, cursor: false }],
    [{ TERM: 'xterm', LC_CTYPE: 'de_DE.ISO-8859-1' }, { color: true, unicode: false, cursor: false }],
    [{ TERM: 'xterm', LANG: 'C', LC_ALL: 'C.utf8' }, { color: true, unicode: true, cursor: true }],
  ])('%j → %j', (env, caps) => {
    expect(terminalCaps(env, true)).toEqual(caps);
  });

  it('no locale set at all counts as UTF-8 (what terminals are today); a pipe never redraws', () => {
    expect(utf8Locale({})).toBe(true);
    expect(terminalCaps({ TERM: 'xterm' }, false)).toMatchObject({ color: false, cursor: false });
  });

  it('the screen only in a terminal that can redraw: TERM=dumb, LANG=C, CI, --plain, --json and pipes are one-shot', () => {
    const args = parseCli([]);
    expect(modeOf(args, io({ TERM: 'xterm' }))).toBe('interactive');
    expect(modeOf(args, io({ TERM: 'dumb' }))).toBe('plain');
    expect(modeOf(args, io({ TERM: 'xterm', LANG: 'C' }))).toBe('plain');
    expect(modeOf(args, io({ TERM: 'xterm', CI: 'true' }))).toBe('plain');
    expect(modeOf(args, io({ TERM: 'xterm' }, false))).toBe('plain');
    expect(modeOf(parseCli(['--plain']), io({ TERM: 'xterm' }))).toBe('plain');
    expect(modeOf(parseCli(['--json']), io({ TERM: 'dumb' }))).toBe('json');
  });

  it('ASCII text keeps every status distinct and leaves no Unicode in a plain row', () => {
    const glyphs = Object.values(STATUS_GLYPH).map(toAscii);
    expect(new Set(glyphs).size).toBe(glyphs.length - 1); // warn and error are both `!`; the status word follows
    const row = toAscii(renderCheck({ id: 'auth', title: 'Auth', source: 'builtin', status: 'fail', summary: 'Refused — see…', durationMs: 3, findings: [{ code: 'KEY_INVALID', severity: 'fail', message: 'x → y · z' }] }));
    expect(row).toMatch(/^x FAIL  Auth \[auth\] - Refused - see\.\.\./);
    expect(/[^\x00-\x7f]/.test(row)).toBe(false);
  });
});
