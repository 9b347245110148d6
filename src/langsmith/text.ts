// Showing values safely: hostile or huge values become a description, never a wall of bytes.
import { shellQuote } from '../core/invocation.js';

const MAX_SHOWN = 80;

/** A short, printable description of a value (for messages about variables that are not keys). */
export function describeValue(value: string): string {
  if (value === '') return 'an empty value';
  // eslint-disable-next-line no-control-regex
  const controls = (value.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g) ?? []).length;
  if (controls > 0) return `a ${value.length}-character value with ${controls} control or invalid byte${controls === 1 ? '' : 's'}`;
  if (value.length > MAX_SHOWN) return `a ${value.length}-character value starting ${JSON.stringify(value.slice(0, 24))}…`;
  return JSON.stringify(value);
}

/**
 * A template's placeholder: what the user must type, written `<like this>`. Left unquoted on
 * purpose: a line that still holds one is a shell syntax error, so it cannot run by accident.
 */
export const PLACEHOLDER = /<[^<>\n]+>/g;

/**
 * A shell line that sets a variable for the commands after it: `export NAME=value`, the value
 * shell-quoted (a `<placeholder>` stays bare, see PLACEHOLDER). The caller passes no secret.
 */
export function envLine(name: string, value: string): string {
  return `export ${name}=${/^<[^<>\n]+>$/.test(value) ? value : shellQuote(value)}`;
}

export { shellQuote };
