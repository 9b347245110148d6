// What the terminal can show, from the environment alone (no Ink, no probing): colour, Unicode
// glyphs, and whether cursor movement (a live, redrawn screen) is safe.

export interface TerminalCaps {
  /** Colours: FORCE_COLOR wins (as in Node itself), then NO_COLOR, then TERM=dumb, then a TTY. */
  color: boolean;
  /** Unicode glyphs; ASCII under TERM=dumb or a locale that names no UTF-8 charset (LANG=C). */
  unicode: boolean;
  /** Redrawing in place; a dumb terminal or a non-UTF-8 locale gets plain lines instead. */
  cursor: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The locale's charset is UTF-8. The first of LC_ALL, LC_CTYPE, LANG that is set decides (POSIX
 * order); with none set we assume UTF-8, as terminals set up today are (an explicit C/POSIX or
 * ISO-8859 locale is what says otherwise).
 */
export function utf8Locale(env: Env): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  return locale === undefined || /utf-?8/i.test(locale);
}

export function terminalCaps(env: Env, isTTY: boolean): TerminalCaps {
  const dumb = env.TERM === 'dumb';
  const force = env.FORCE_COLOR;
  const forced = force !== undefined && force !== '0' && force !== 'false';
  const refused = (force !== undefined && !forced) || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const unicode = !dumb && utf8Locale(env);
  return {
    color: forced || (!refused && !dumb && isTTY),
    unicode,
    cursor: isTTY && unicode,
  };
}
