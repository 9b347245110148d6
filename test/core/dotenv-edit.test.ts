import { parse as dotenvParse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deleteVariable,
  parseDotenvDoc,
  renameVariable,
  renderDotenvDoc,
  setVariable,
  unifiedDiff,
  writtenValue,
} from '../../src/core/dotenv-edit.js';

const edit = (text: string, f: (d: ReturnType<typeof parseDotenvDoc>) => ReturnType<typeof parseDotenvDoc>) => renderDotenvDoc(f(parseDotenvDoc(text)));

describe('dotenv line editor', () => {
  it('sets a value in place, keeping export, spacing, quotes and a trailing comment', () => {
    const text = '# LangSmith\nexport LANGSMITH_TRACING = "True"   # on\n\nOTHER=1\n';
    expect(edit(text, (d) => setVariable(d, 'LANGSMITH_TRACING', 'true'))).toBe('# LangSmith\nexport LANGSMITH_TRACING = "true"   # on\n\nOTHER=1\n');
  });

  it('keeps CRLF line endings and the BOM', () => {
    const text = '\uFEFF# c\r\nLANGSMITH_ENDPOINT=https://api.smith.langchain.com\r\nX=2\r\n';
    const out = edit(text, (d) => setVariable(d, 'LANGSMITH_ENDPOINT', 'https://eu.api.smith.langchain.com'));
    expect(out).toBe('\uFEFF# c\r\nLANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com\r\nX=2\r\n');
  });

  it('appends an unset name with the file\'s line ending, and keeps a missing final newline missing', () => {
    expect(edit('A=1\r\nB=2\r\n', (d) => setVariable(d, 'C', '3'))).toBe('A=1\r\nB=2\r\nC=3\r\n');
    expect(edit('A=1\nB=2', (d) => setVariable(d, 'C', '3'))).toBe('A=1\nB=2\nC=3');
    expect(edit('', (d) => setVariable(d, 'C', '3'))).toBe('C=3\n');
  });

  it('changes the last assignment of a name (the one dotenv keeps)', () => {
    const out = edit('K=a\nK=b\n', (d) => setVariable(d, 'K', 'c'));
    expect(out).toBe('K=a\nK=c\n');
    expect(dotenvParse(out).K).toBe('c');
  });

  it('writes bare when asked (a quoted key loses its quotes)', () => {
    const out = edit(`LANGSMITH_API_KEY='" lsv2_pt_x "'\n`, (d) => setVariable(d, 'LANGSMITH_API_KEY', 'lsv2_pt_x', { quote: 'none' }));
    expect(out).toBe('LANGSMITH_API_KEY=lsv2_pt_x\n');
  });

  it('renames every assignment and deletes whole items, multi-line values included', () => {
    expect(edit('# x\nLANGSMITH-API-KEY=v # c\n', (d) => renameVariable(d, 'LANGSMITH-API-KEY', 'LANGSMITH_API_KEY'))).toBe('# x\nLANGSMITH_API_KEY=v # c\n');
    const multi = 'A=1\nCERT="line1\nline2"\nB=2\n';
    expect(edit(multi, (d) => deleteVariable(d, 'CERT'))).toBe('A=1\nB=2\n');
    expect(edit('A=1\nB=2', (d) => deleteVariable(d, 'B'))).toBe('A=1');
  });

  it('reads the value as written: up to a comment, quotes included', () => {
    const d = parseDotenvDoc('A=abc # c\nB="x # y" # z\nC=\n');
    expect(writtenValue(d, 'A')).toBe('abc');
    expect(writtenValue(d, 'B')).toBe('"x # y"');
    expect(writtenValue(d, 'C')).toBe('');
  });

  it('diffs with context and masks secret values, keeping their quotes and spaces', () => {
    const before = parseDotenvDoc('# keys\nLANGSMITH_API_KEY=" lsv2_pt_0123456789abcdef0123456789abcdef_0123456789 "\nLANGSMITH_TRACING=True\n');
    const after = setVariable(setVariable(before, 'LANGSMITH_API_KEY', 'lsv2_pt_0123456789abcdef0123456789abcdef_0123456789', { quote: 'none' }), 'LANGSMITH_TRACING', 'true');
    const diff = unifiedDiff(before, after, { from: '.env', to: '.env', isSecret: (n) => n.endsWith('_KEY'), mask: (v) => `${v.slice(0, 8)}…` });
    expect(diff).toBe([
      '--- .env',
      '+++ .env',
      '@@ -1,3 +1,3 @@',
      ' # keys',
      '-LANGSMITH_API_KEY=" lsv2_pt_… "',
      '-LANGSMITH_TRACING=True',
      '+LANGSMITH_API_KEY=lsv2_pt_…',
      '+LANGSMITH_TRACING=true',
      '',
    ].join('\n'));
    expect(diff).not.toContain('0123456789abcdef');
    expect(unifiedDiff(before, before, { from: 'a', to: 'b' })).toBe('');
  });

  it('separates distant changes into hunks with correct line numbers', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `V${i}=${i}`);
    const before = parseDotenvDoc(lines.join('\n') + '\n');
    const after = setVariable(setVariable(before, 'V1', 'x'), 'V18', 'y');
    const diff = unifiedDiff(before, after, { from: 'a', to: 'b' });
    expect(diff.match(/^@@.*$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
  });
});

// Lines a dotenv file may hold: assignments of every shape, comments, blanks, junk; any line ending.
const name = fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/);
const bareValue = fc.stringMatching(/^[^\r\n#'"`\\]{0,16}$/);
const line = fc.oneof(
  fc.tuple(fc.constantFrom('', 'export ', '  '), name, fc.constantFrom('=', ' = ', ': '), fc.oneof(
    bareValue,
    bareValue.map((v) => `"${v}"`),
    bareValue.map((v) => `'${v}'`),
    bareValue.map((v) => `"${v}\n${v}"`),
  ), fc.constantFrom('', ' # comment', '   ')).map(([e, n, sep, v, c]) => `${e}${n}${sep}${v}${c}`),
  fc.constantFrom('# comment', '', '   ', 'not an assignment', '"unterminated', 'X="open'),
  fc.string({ maxLength: 20 }),
);
const file = fc.tuple(fc.boolean(), fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 12 }), fc.boolean())
  .map(([bom, ls, finalBreak]) => {
    const text = ls.map(([l, e]) => l + e).join('');
    return (bom ? '\uFEFF' : '') + (finalBreak ? text : text.replace(/(\r\n|\n|\r)$/, ''));
  });

describe('dotenv line editor, properties', () => {
  it('parse then render gives back the same text, byte for byte', () => {
    fc.assert(fc.property(file, (text) => renderDotenvDoc(parseDotenvDoc(text)) === text), { numRuns: 2000 });
  });

  it('setting a variable changes only that variable, as dotenv reads the file', () => {
    const value = fc.stringMatching(/^[\w:/.@-]{1,30}$/);
    fc.assert(fc.property(file, name, value, (text, n, v) => {
      // dotenv reads `NAME:` with nothing after it as taking the NEXT line as its value (`:\s+?` spans
      // the line break): the editor does not model that; the planner's dotenv cross-check refuses
      // such files (test/langsmith/fix-plan.test.ts).
      fc.pre(!/^\s*(?:export\s+)?[\w.-]+\s*:\s*$/m.test(text.replace(/\r\n?/g, '\n')));
      const before = dotenvParse(text.replace(/^\uFEFF/, ''));
      const out = edit(text, (d) => setVariable(d, n, v));
      const after = dotenvParse(out.replace(/^\uFEFF/, ''));
      expect(after[n]).toBe(v);
      for (const k of Object.keys(before)) if (k !== n) expect(after[k]).toBe(before[k]);
      expect(out.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
    }), { numRuns: 3000 });
  });

  it('renaming keeps the value and every other line', () => {
    fc.assert(fc.property(file, (text) => {
      const doc = parseDotenvDoc(text);
      const first = doc.items.find((i) => i.assignment)?.assignment?.name;
      fc.pre(first !== undefined && !first.includes('RENAMED'));
      const out = renderDotenvDoc(renameVariable(doc, first!, `${first}_RENAMED`));
      expect(out.replaceAll(`${first}_RENAMED`, first!)).toBe(text);
    }), { numRuns: 1000 });
  });
});
