// Showing values safely: hostile or huge values become a description, never a wall of bytes.

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

/** A dotenv/shell line to set a variable. The caller passes masked or placeholder values only. */
export function envLine(name: string, value: string): string {
  return `${name}=${value}`;
}

/** POSIX shell single-quoting when needed, so a printed command runs as printed. */
export function shellQuote(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
