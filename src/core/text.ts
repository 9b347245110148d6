// Showing untrusted text on one terminal line: no control sequences, no line breaks, bounded length.

const MAX_LINE = 400;

/** Hostile text stays on one line, short, and free of terminal control sequences. */
export function oneLine(s: string): string {
  const flat = s
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*(\u0007|\u001b\\)?/g, '')
    .replace(/\s*\n\s*/g, ' ⏎ ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}… (${flat.length - MAX_LINE} more characters)` : flat;
}
