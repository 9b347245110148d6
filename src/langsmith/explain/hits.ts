// Finding segments: every signature of the shared table (scope text or both) run over the text,
// one hit per signature and line.
import { SIGNATURES } from '../signatures.js';
import type { Doc } from './document.js';
import type { Hit } from './types.js';

/** Matches of one signature looked at in detail; further ones are only counted. */
const MAX_HITS_PER_SIGNATURE = 5000;

export function findHits(text: string, doc: Doc): { hits: Hit[]; overflow: Map<Hit, number> } {
  const hits: Hit[] = [];
  const overflow = new Map<Hit, number>();
  for (const sig of SIGNATURES) {
    if (sig.scope === 'answer') continue;
    const re = new RegExp(sig.pattern.source, sig.pattern.flags.includes('g') ? sig.pattern.flags : sig.pattern.flags + 'g');
    let m: RegExpExecArray | null;
    let n = 0;
    let lastLine = -1;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const line = doc.lineOf(m.index);
      // One hit per signature and line is enough (a line repeating a body 10 000 times is one error).
      if (line !== lastLine) {
        hits.push({ sig, line, pos: m.index, end: m.index + m[0].length });
        lastLine = line;
        if (++n >= MAX_HITS_PER_SIGNATURE) {
          // Count the further lines (cheaply) toward the last analysed one.
          const last = hits[hits.length - 1]!;
          let more = 0;
          re.lastIndex = doc.end(line);
          while ((m = re.exec(text)) !== null) {
            more++;
            re.lastIndex = Math.max(re.lastIndex, doc.end(doc.lineOf(m.index)));
          }
          overflow.set(last, more);
          break;
        }
      } else {
        // Skip to the next line: nothing more to learn from this one for this signature.
        re.lastIndex = Math.max(re.lastIndex, doc.end(line));
      }
    }
  }
  return { hits, overflow };
}
