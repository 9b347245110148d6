// The excerpt of a match shown as evidence: redacted first, then cut, never inside a token.
import { oneLine } from '../../core/text.js';
import type { Redactor } from '../../core/redact.js';
import type { Doc } from './document.js';
import type { Hit } from './types.js';

const EXCERPT_MAX = 200;
/** Characters of a token (a key, a base64 run): a segment is never cut inside one. */
const TOKEN_CHAR = /[A-Za-z0-9_\-.~+/=%]/;

export function excerptOf(doc: Doc, redactor: Redactor, hit: Hit): string {
  const seg = wholeTokens(doc, doc.segment(hit.line, hit.pos), hit.line);
  // Redact BEFORE cutting, on a piece that cuts no token in two: a key is seen whole or not at all.
  const red = redactor.text(seg.text);
  const matched = redactor.text(doc.text.slice(hit.pos, Math.min(hit.end, hit.pos + 150)));
  let at = red.indexOf(matched);
  if (at < 0) at = Math.round(((hit.pos - seg.offset) / Math.max(1, seg.text.length)) * red.length);
  const flat = (s: string) => oneLine(s).replace(/ ⏎ /g, ' ');
  const whole = flat(red).trim();
  if (whole.length <= EXCERPT_MAX) return whole;
  const start = Math.max(0, at - 60);
  const piece = flat(red.slice(start, start + EXCERPT_MAX * 2)).trim();
  const pre = start > 0 ? '…' : '';
  const room = EXCERPT_MAX - pre.length - 1;
  return pre + (piece.length > room ? `${piece.slice(0, room)}…` : piece);
}

/** Widens a segment of a long line so that it starts and ends between tokens. */
function wholeTokens(doc: Doc, seg: { text: string; offset: number }, line: number): { text: string; offset: number } {
  const text = doc.text;
  const min = doc.start(line);
  const max = doc.end(line);
  let a = seg.offset;
  let b = seg.offset + seg.text.length;
  if (a === min && b === max) return seg;
  for (let n = 0; a > min && n < 4096 && TOKEN_CHAR.test(text[a - 1]!); n++) a--;
  for (let n = 0; b < max && n < 4096 && TOKEN_CHAR.test(text[b]!); n++) b++;
  return { text: text.slice(a, b), offset: a };
}
