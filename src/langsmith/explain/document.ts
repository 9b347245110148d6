// The analysed text as lines: where each line starts, and bounded pieces of long lines.

/** Characters of a long line looked at around a match. */
const SEGMENT = 1500;

export class Doc {
  readonly starts: Uint32Array;
  readonly lineCount: number;
  constructor(readonly text: string) {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Uint32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    this.lineCount = n;
  }
  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  start(line: number): number {
    return this.starts[line]!;
  }
  end(line: number): number {
    return line + 1 < this.lineCount ? this.starts[line + 1]! - 1 : this.text.length;
  }
  /** A bounded piece of a line: around `pos` when given, else its beginning. */
  segment(line: number, pos?: number): { text: string; offset: number } {
    const s = this.start(line);
    const e = this.end(line);
    if (e - s <= 2 * SEGMENT) return { text: this.text.slice(s, e), offset: s };
    const from = pos === undefined ? s : Math.max(s, pos - SEGMENT);
    const to = Math.min(e, from + 2 * SEGMENT);
    return { text: this.text.slice(from, to), offset: from };
  }
}
