// Reading the input: the last 8 MiB of the bytes, decoded leniently, terminal escapes removed.

/** At most this much of the input is analysed: the end of it, where the latest errors are. */
export const MAX_ANALYSED_BYTES = 8 * 1024 * 1024;

/** Keeps the last `max` bytes, starting at a line boundary when one is near. */
export function capTail(buf: Uint8Array, max = MAX_ANALYSED_BYTES): { tail: Uint8Array; droppedBytes: number; droppedLines: number } {
  if (buf.length <= max) return { tail: buf, droppedBytes: 0, droppedLines: 0 };
  let cut = buf.length - max;
  const nl = buf.indexOf(10, cut);
  if (nl !== -1 && nl - cut < 64 * 1024) cut = nl + 1;
  return { tail: buf.subarray(cut), droppedBytes: cut, droppedLines: countNewlines(buf, 0, cut) };
}

export function countNewlines(buf: Uint8Array, from = 0, to = buf.length): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Lenient UTF-8 (invalid bytes become U+FFFD), terminal escapes removed, one newline style. */
export function decodeText(buf: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return stripAnsi(text).replace(/\r\n?/g, '\n');
}

export function stripAnsi(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\][^\u0007\u001b\n]{0,2048}(?:\u0007|\u001b\\)?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b[@-Z\\-_]?/g, '');
}
