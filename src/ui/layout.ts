// Measured text for the screen: every line is cut or wrapped to the terminal's width here, by
// display width (wide CJK and emoji count two), so Ink never has to wrap one into a neighbour.
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export { stringWidth };

/** Cut to `width` columns with a trailing `…` (nothing is cut when it fits). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  const cut = cliTruncate(text, width, { position: 'end' });
  if (stringWidth(cut) <= width) return cut;
  // A wide character on the edge: count by graphemes instead, and stop one short of it.
  let out = '';
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    if (stringWidth(out + segment) > width - 1) break;
    out += segment;
  }
  return `${out}…`;
}

/** Pads with spaces to exactly `width` columns (cutting first when longer). */
export function pad(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/**
 * Word-wraps at `width` columns: the first line starts with `first`, the others with `indent`
 * (a hanging indent). A word longer than a line is broken (a URL must not push past the edge).
 */
export function wrap(text: string, width: number, first = '', indent = first): string[] {
  const room = Math.max(8, width - Math.max(stringWidth(first), stringWidth(indent)));
  const lines = wrapAnsi(text, room, { hard: true, trim: true }).split('\n');
  return lines.map((l, i) => truncate((i === 0 ? first : indent) + l, width));
}

export interface RowParts {
  /** Selection marker and status glyph, one column each. */
  marker: string;
  glyph: string;
  title: string;
  summary: string;
  /** Right-aligned (the duration, or the elapsed time of a running check). */
  right: string;
}

export interface RowLayout {
  title: string;
  summary: string;
  gap: string;
  right: string;
}

/**
 * One check on one line of at most `width` columns: the title whole whenever it can be, then
 * the summary cut with `…`, the right part aligned to the edge. What gives way first is the
 * summary, then the right part, and only then the title.
 */
export function layoutRow(parts: RowParts, width: number): RowLayout {
  const lead = stringWidth(parts.marker) + stringWidth(parts.glyph) + 2;
  let right = parts.right;
  let room = width - lead;
  let title = parts.title;
  if (stringWidth(title) + 1 + stringWidth(right) > room) right = '';
  title = truncate(title, room);
  room -= stringWidth(title);
  const rightWidth = right === '' ? 0 : stringWidth(right) + 1;
  const summaryRoom = room - rightWidth - 2;
  const summary = summaryRoom >= 4 && parts.summary !== '' ? truncate(parts.summary, summaryRoom) : '';
  const used = stringWidth(title) + (summary === '' ? 0 : 2 + stringWidth(summary));
  const gap = ' '.repeat(Math.max(right === '' ? 0 : 1, width - lead - used - stringWidth(right)));
  return { title, summary: summary === '' ? '' : `  ${summary}`, gap: right === '' ? '' : gap, right };
}

/**
 * Breaks a line at `width` columns keeping every character and space (a diff line must not be
 * re-flowed); each continuation starts with `cont`.
 */
export function breakLine(text: string, width: number, cont = '↳ '): string[] {
  if (stringWidth(text) <= width) return [text];
  const out: string[] = [];
  let current = '';
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    if (current !== '' && stringWidth(current + segment) > width) {
      out.push(current);
      current = cont;
    }
    current += segment;
  }
  out.push(current);
  return out.map((l) => truncate(l, width));
}
