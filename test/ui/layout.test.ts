// Measured lines: a row never exceeds its width, keeps the title whole while it can, cuts the
// summary with …, and puts the duration against the edge; wrapped text never passes the width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutRow, stringWidth, truncate, wrap } from '../../src/ui/layout.js';

const rowText = (p: Parameters<typeof layoutRow>[0], width: number) => {
  const l = layoutRow(p, width);
  return `${p.marker} ${p.glyph} ${l.title}${l.summary}${l.gap}${l.right}`;
};

describe('layoutRow', () => {
  const parts = { marker: '›', glyph: '✔', title: 'Authentication and workspace', summary: "Key accepted by the US region: workspace 'Production' (5635634f-ea98-4373-aba7-8f907ea0c01b)", right: '543 ms' };

  it.each([60, 80, 120])('at %i columns: title whole, summary cut with …, duration at the edge', (width) => {
    const text = rowText(parts, width);
    expect(stringWidth(text)).toBe(width);
    expect(text).toContain(parts.title);
    expect(text).toContain('…');
    expect(text.endsWith(' 543 ms')).toBe(true);
  });

  it('keeps the whole summary when it fits', () => {
    const text = rowText({ ...parts, summary: 'fine' }, 120);
    expect(text).toMatch(/Authentication and workspace {2}fine +543 ms$/);
    expect(text).not.toContain('…');
  });

  it('gives up the summary, then the duration, before the title', () => {
    expect(rowText(parts, 40)).toMatch(/^› ✔ Authentication and workspace +543 ms$/);
    const narrow = rowText(parts, 30);
    expect(narrow).toBe('› ✔ Authentication and worksp…'.slice(0, 30));
    expect(stringWidth(narrow)).toBeLessThanOrEqual(30);
  });

  it('counts wide characters as two columns', () => {
    const text = rowText({ ...parts, title: '認証とワークスペース', summary: '鍵は受け入れられました。'.repeat(5) }, 60);
    expect(stringWidth(text)).toBeLessThanOrEqual(60);
    expect(text).toContain('認証とワークスペース');
  });

  it('never exceeds the width, whatever the text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.fullUnicodeString({ maxLength: 300 }), fc.integer({ min: 20, max: 250 }), (title, summary, width) => {
      const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      expect(stringWidth(rowText({ ...parts, title: clean(title), summary: clean(summary) }, width))).toBeLessThanOrEqual(width);
    }));
  });
});

describe('wrap and truncate', () => {
  it('wraps words at the width with a hanging indent, breaking a word longer than a line', () => {
    const lines = wrap('fix: Ask a workspace admin for the Editor role https://docs.langchain.com/langsmith/rbac/a/very/long/path/that/does/not/fit', 40, '  ', '       ');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    expect(lines[0]!.startsWith('  fix: Ask')).toBe(true);
    expect(lines[1]!.startsWith('       ')).toBe(true);
  });

  it('cuts with … only when too long', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a longer line', 8)).toBe('a longe…');
  });
});
