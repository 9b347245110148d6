// Property tests for the dotenv analysis: any text, never a throw; generated files, exact answers.
import fc from 'fast-check';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { dotenvEntries } from '../../src/langsmith/settings.js';

const name = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/);
const value = fc.stringMatching(/^[A-Za-z0-9_./:@+-]{0,40}$/);
const line = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), name, value, exported: fc.boolean(), quote: fc.constantFrom('', '"', "'") }),
  fc.record({ kind: fc.constant('comment' as const), text: fc.string({ maxLength: 30 }).map((t) => `# ${t.replace(/[\r\n]/g, ' ')}`) }),
  fc.constant({ kind: 'blank' as const }),
);

describe('dotenv analysis (property)', () => {
  it('never throws, whatever the bytes, and only reports names dotenv itself loads', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const entries = dotenvEntries(text);
        expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(parse(text)).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('each variable gets dotenv\'s value and the LAST line that set it', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines
          .map((l) => (l.kind === 'set' ? `${l.exported ? 'export ' : ''}${l.name}=${l.quote}${l.value}${l.quote}` : l.kind === 'comment' ? l.text : ''))
          .join(eol);
        const expectedLine = new Map<string, number>();
        lines.forEach((l, i) => {
          if (l.kind === 'set') expectedLine.set(l.name, i + 1);
        });
        const entries = dotenvEntries(text);
        expect(new Map(entries.map((e) => [e.name, e.line]))).toEqual(expectedLine);
        for (const e of entries) expect(e.value).toBe(parse(text)[e.name]);
      }),
      { numRuns: 300 },
    );
  });
});
