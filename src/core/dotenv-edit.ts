// A dotenv line editor that changes only what it is asked to: the file is parsed into items (one
// per line, or several lines for a quoted multi-line value) that keep every byte, so rendering an
// unchanged document gives the same text back (BOM, comments, blank lines, CRLF, no final newline).
// Knows nothing of LangSmith: callers say which names to set, rename or delete, and which are secret.

export type Eol = '' | '\n' | '\r\n' | '\r';

/** Where a `NAME=value` assignment sits inside its item's text. */
export interface Assignment {
  name: string;
  nameStart: number;
  /** The value as written: quotes included, the trailing spaces and `# comment` excluded. */
  valueStart: number;
  valueEnd: number;
}

export interface DotenvItem {
  /** The item's text without its final line ending (inner line endings of a multi-line value kept). */
  text: string;
  eol: Eol;
  assignment?: Assignment;
}

export interface DotenvDoc {
  bom: string;
  items: DotenvItem[];
  /** The line ending new lines get: the file's most common one. */
  eol: '\n' | '\r\n';
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([\w.-]+)(\s*=[ \t]*|:[ \t]+)/;
const LINE_BREAK = /\r\n|\n|\r/g;

export function parseDotenvDoc(text: string): DotenvDoc {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const lines: Array<{ text: string; eol: Eol }> = [];
  let at = 0;
  let crlf = 0;
  let lf = 0;
  for (const m of body.matchAll(LINE_BREAK)) {
    lines.push({ text: body.slice(at, m.index), eol: m[0] as Eol });
    if (m[0] === '\r\n') crlf++;
    else lf++;
    at = m.index! + m[0].length;
  }
  // A text ending with a line break has no empty item after it.
  if (at < body.length || lines.length === 0) lines.push({ text: body.slice(at), eol: '' });
  const items: DotenvItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = ASSIGNMENT.exec(line.text);
    if (!m) {
      items.push({ text: line.text, eol: line.eol });
      continue;
    }
    const valueStart = m[0].length;
    const rest = line.text.slice(valueStart);
    const quote = /^[ \t]*(['"`])/.exec(rest);
    if (quote) {
      // A quoted value may run over several lines until its closing quote (as dotenv reads it).
      const q = quote[1]!;
      const open = valueStart + quote[0].length - 1;
      let text = line.text;
      let eol = line.eol;
      let j = i;
      for (;;) {
        const close = closingQuote(text, open + 1, q);
        if (close >= 0) {
          // Only a comment may follow the closing quote; otherwise dotenv reads the line unquoted.
          if (/^\s*(#.*)?$/s.test(text.slice(close + 1).split(/\r\n|\n|\r/)[0]!) && !/[\r\n]/.test(text.slice(close + 1))) {
            items.push({ text, eol, assignment: { name: m[2]!, nameStart: m[1]!.length, valueStart: open, valueEnd: close + 1 } });
            i = j;
            break;
          }
          pushUnquoted(items, line.text, line.eol, m);
          break;
        }
        if (j + 1 >= lines.length || eol === '') {
          pushUnquoted(items, line.text, line.eol, m);
          break;
        }
        j++;
        text = text + eol + lines[j]!.text;
        eol = lines[j]!.eol;
      }
      continue;
    }
    pushUnquoted(items, line.text, line.eol, m);
  }
  return { bom, items, eol: crlf > lf ? '\r\n' : '\n' };
}

function pushUnquoted(items: DotenvItem[], text: string, eol: Eol, m: RegExpExecArray): void {
  const valueStart = m[0].length;
  // dotenv: the value stops at the first '#', and is trimmed.
  const hash = text.indexOf('#', valueStart);
  const raw = text.slice(valueStart, hash < 0 ? text.length : hash);
  const valueEnd = valueStart + raw.replace(/\s+$/, '').length;
  items.push({ text, eol, assignment: { name: m[2]!, nameStart: m[1]!.length, valueStart, valueEnd } });
}

function closingQuote(text: string, from: number, q: string): number {
  for (let k = from; k < text.length; k++) {
    if (text[k] === '\\' && text[k + 1] === q) {
      k++;
      continue;
    }
    if (text[k] === q) return k;
  }
  return -1;
}

export function renderDotenvDoc(doc: DotenvDoc): string {
  return doc.bom + doc.items.map((i) => i.text + i.eol).join('');
}

/** The names the document assigns, in order (a name assigned twice is listed twice). */
export function assignedNames(doc: DotenvDoc): string[] {
  return doc.items.flatMap((i) => (i.assignment ? [i.assignment.name] : []));
}

export function hasName(doc: DotenvDoc, name: string): boolean {
  return doc.items.some((i) => i.assignment?.name === name);
}

/** The value text of the last assignment of `name`, as written (quotes included). */
export function writtenValue(doc: DotenvDoc, name: string): string | undefined {
  const item = lastItem(doc, name);
  return item ? item.text.slice(item.assignment!.valueStart, item.assignment!.valueEnd) : undefined;
}

function lastItem(doc: DotenvDoc, name: string): DotenvItem | undefined {
  for (let i = doc.items.length - 1; i >= 0; i--) if (doc.items[i]!.assignment?.name === name) return doc.items[i];
  return undefined;
}

export interface SetOptions {
  /** `keep` (default): the old quote style when the new value fits in it; `none`: written bare when safe. */
  quote?: 'keep' | 'none';
}

/**
 * Sets `name` to `value`: its last assignment (the one dotenv keeps) is changed in place, keeping
 * `export`, spacing and a trailing comment; an unset name is appended as `NAME=value`.
 */
export function setVariable(doc: DotenvDoc, name: string, value: string, opts: SetOptions = {}): DotenvDoc {
  const items = doc.items.map((i) => ({ ...i }));
  const next: DotenvDoc = { ...doc, items };
  let index = -1;
  for (let i = items.length - 1; i >= 0 && index < 0; i--) if (items[i]!.assignment?.name === name) index = i;
  if (index >= 0) {
    const item = items[index]!;
    const a = item.assignment!;
    const old = item.text.slice(a.valueStart, a.valueEnd);
    const written = formatValue(value, opts.quote === 'none' ? undefined : quoteOf(old));
    const text = item.text.slice(0, a.valueStart) + written + item.text.slice(a.valueEnd);
    items[index] = { text, eol: item.eol, assignment: { ...a, valueEnd: a.valueStart + written.length } };
    return next;
  }
  const line = `${name}=`;
  const written = formatValue(value, undefined);
  const added: DotenvItem = { text: line + written, eol: doc.eol, assignment: { name, nameStart: 0, valueStart: line.length, valueEnd: line.length + written.length } };
  const last = items[items.length - 1];
  if (!last || (items.length === 1 && last.text === '' && last.eol === '')) items.splice(0, items.length, added);
  else if (last.eol === '') {
    // No final newline: the old last line gets one, the new line goes without (the file's style).
    items[items.length - 1] = { ...last, eol: doc.eol };
    items.push({ ...added, eol: '' });
  } else items.push(added);
  return next;
}

/** Renames every assignment of `from` to `to`; the value, comment and spacing stay. */
export function renameVariable(doc: DotenvDoc, from: string, to: string): DotenvDoc {
  const shift = to.length - from.length;
  return {
    ...doc,
    items: doc.items.map((i) => {
      const a = i.assignment;
      if (a?.name !== from) return i;
      return {
        text: i.text.slice(0, a.nameStart) + to + i.text.slice(a.nameStart + from.length),
        eol: i.eol,
        assignment: { name: to, nameStart: a.nameStart, valueStart: a.valueStart + shift, valueEnd: a.valueEnd + shift },
      };
    }),
  };
}

/** Removes every assignment of `name` (whole lines, multi-line values included). */
export function deleteVariable(doc: DotenvDoc, name: string): DotenvDoc {
  const items = doc.items.filter((i) => i.assignment?.name !== name);
  // Removing the last line of a file without a final newline: the new last line loses its break.
  const last = doc.items[doc.items.length - 1];
  if (items.length > 0 && last?.eol === '' && last.assignment?.name === name) items[items.length - 1] = { ...items[items.length - 1]!, eol: '' };
  return { ...doc, items };
}

function quoteOf(written: string): string | undefined {
  const q = written[0];
  return (q === '"' || q === "'" || q === '`') && written.length >= 2 && written.endsWith(q) ? q : undefined;
}

/** Bare when dotenv reads it back unchanged; else in the given (or double) quotes. */
function formatValue(value: string, quote: string | undefined): string {
  if (quote && !value.includes(quote) && !/[\r\n]/.test(value)) return quote + value + quote;
  if (/^[^\s#'"`\\]*$/.test(value)) return value;
  const q = [quote, '"', "'", '`'].find((c) => c !== undefined && !value.includes(c));
  if (q === undefined || /[\r\n]/.test(value)) throw new Error('value cannot be written to a dotenv file unchanged');
  return q + value + q;
}

// -- showing a change ---------------------------------------------------------------------------

export interface DiffOptions {
  /** File labels for the `---` / `+++` header. */
  from: string;
  to: string;
  /** Names whose values are not shown as they are: shown through `mask` (quotes and surrounding spaces kept). */
  isSecret?: (name: string) => boolean;
  mask?: (value: string, name: string) => string;
  context?: number;
}

/** A unified diff of two versions of a document (empty when nothing changed), secret values masked. */
export function unifiedDiff(before: DotenvDoc, after: DotenvDoc, opts: DiffOptions): string {
  const a = physicalLines(before, opts);
  const b = physicalLines(after, opts);
  const ops = diffLines(a.real, b.real);
  if (ops.every((o) => o.kind === ' ')) return '';
  const context = opts.context ?? 3;
  const out = [`--- ${opts.from}`, `+++ ${opts.to}`];
  // Group changes with their context into hunks.
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context + 1) end++;
    const from = Math.max(0, changed[start]! - context);
    const to = Math.min(ops.length - 1, changed[end]! + context);
    const slice = ops.slice(from, to + 1);
    const aStart = slice.find((o) => o.a !== undefined)?.a ?? ops.slice(0, from).filter((o) => o.a !== undefined).length;
    const bStart = slice.find((o) => o.b !== undefined)?.b ?? ops.slice(0, from).filter((o) => o.b !== undefined).length;
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
    for (const o of slice) out.push(o.kind + (o.kind === '+' ? b.shown[o.b!] : a.shown[o.a!]));
    start = end + 1;
  }
  return out.join('\n') + '\n';
}

/** Each physical line with its line ending (compared) and as shown (masked, ending as a marker). */
function physicalLines(doc: DotenvDoc, opts: DiffOptions): { real: string[]; shown: string[] } {
  const real: string[] = [];
  const shown: string[] = [];
  doc.items.forEach((item, n) => {
    const parts = splitKeep(item.text);
    const a = item.assignment;
    let shownParts = parts.map((p) => p.text);
    if (a && opts.isSecret?.(a.name)) {
      const masked = item.text.slice(0, a.valueStart) + maskWritten(item.text.slice(a.valueStart, a.valueEnd), (v) => (opts.mask ?? (() => '…'))(v, a.name)) + item.text.slice(a.valueEnd);
      const lines = masked.split(/\r\n|\n|\r/);
      // A multi-line secret shows as its masked first line and … for the rest.
      shownParts = parts.map((_, i) => (i === 0 ? lines.join(' ') : '…'));
    }
    parts.forEach((p, i) => {
      const eol = i === parts.length - 1 ? item.eol : p.eol;
      real.push((n === 0 && i === 0 ? doc.bom : '') + p.text + eol);
      shown.push(shownParts[i]!);
    });
  });
  return { real, shown };
}

function splitKeep(text: string): Array<{ text: string; eol: Eol }> {
  const out: Array<{ text: string; eol: Eol }> = [];
  let at = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    out.push({ text: text.slice(at, m.index), eol: m[0] as Eol });
    at = m.index! + m[0].length;
  }
  out.push({ text: text.slice(at), eol: '' });
  return out;
}

/** The written value with its inner text masked; quotes and surrounding spaces stay visible. */
function maskWritten(written: string, mask: (value: string) => string): string {
  const q = quoteOf(written);
  const inner = q ? written.slice(1, -1) : written;
  const lead = /^\s*/.exec(inner)![0];
  const core = inner.slice(lead.length).replace(/\s+$/, '');
  const trail = inner.slice(lead.length + core.length);
  const shown = core === '' ? '' : mask(core);
  return q ? q + lead + shown + trail + q : lead + shown + trail;
}

type Op = { kind: ' ' | '-' | '+'; a?: number; b?: number };

/** Line diff: common head and tail first, then an LCS over the (small) changed middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', a: i, b: i });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > 4_000_000) {
    // Too big to align cheaply: the whole middle is replaced.
    am.forEach((_, i) => ops.push({ kind: '-', a: head + i }));
    bm.forEach((_, i) => ops.push({ kind: '+', b: head + i }));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) ops.push({ kind: ' ', a: head + i++, b: head + j++ });
      // Removals before additions, as diff(1) shows them.
      else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', a: head + i++ });
      else ops.push({ kind: '+', b: head + j++ });
    }
  }
  for (let k = tail; k > 0; k--) ops.push({ kind: ' ', a: a.length - k, b: b.length - k });
  return ops;
}
