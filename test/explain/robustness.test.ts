// Megabytes and hostile bytes: linear-time patterns, no crash, sane output. No timing assertions:
// a catastrophic regex would blow the per-test timeout instead.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { capTail, decodeText, explainBytes, explainText, MAX_ANALYSED_BYTES } from '../../src/langsmith/explain/index.js';
import { renderExplainText } from '../../src/report/explain-text.js';

const INGEST_403 = `WARNING langsmith.client Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}')\n`;

function check(buf: Buffer) {
  const r = explainBytes(buf);
  expect(r.schemaVersion).toBe(1);
  const text = renderExplainText(r);
  for (const f of r.findings) {
    const ev = f.evidence as { excerpt: string };
    expect(ev.excerpt.length).toBeLessThanOrEqual(200);
    // eslint-disable-next-line no-control-regex
    expect(ev.excerpt).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  }
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/\u001b/);
  return r;
}

describe('explain: huge and garbage input', () => {
  it('a 5 MB log of the same error: one finding with every line counted', { timeout: 20_000 }, () => {
    const n = Math.ceil(5e6 / INGEST_403.length);
    const r = check(Buffer.from(INGEST_403.repeat(n)));
    expect(r.findings).toHaveLength(1);
    expect((r.findings[0]!.evidence as { occurrences: number }).occurrences).toBe(n);
  });

  it('a 5 MB log of noise with one error at the end finds it on the right line', { timeout: 20_000 }, () => {
    const filler = 'INFO 2025-11-02 request handled in 12ms path=/api/items user=42 status=200 ok\n';
    const n = Math.ceil(5e6 / filler.length);
    const r = check(Buffer.from(filler.repeat(n) + INGEST_403));
    expect(r.findings.map((f) => f.code)).toEqual(['REGION_MISMATCH']);
    expect((r.findings[0]!.evidence as { line: number }).line).toBe(n + 1);
  });

  it('1 MB of {"error": repeats (no newline) finishes', { timeout: 20_000 }, () => {
    check(Buffer.from('{"error":'.repeat(120_000)));
    check(Buffer.from('{"error":"Forbidden"}'.repeat(50_000)));
    check(Buffer.from('{"detail":"'.repeat(100_000)));
  });

  it('other pathological shapes finish', { timeout: 30_000 }, () => {
    check(Buffer.from('status: 403 '.repeat(150_000)));
    check(Buffer.from('https://'.repeat(300_000)));
    check(Buffer.from(('Failed to get info ' + 'x'.repeat(290) + ' ').repeat(8000)));
    check(Buffer.from('LANGSMITH_API_KEY='.repeat(100_000)));
    check(Buffer.from('a'.repeat(3e6)));
    check(Buffer.from('\n'.repeat(3e6)));
    check(Buffer.from('\u001b]'.repeat(200_000)));
    check(Buffer.from('ENOTFOUND '.repeat(200_000)));
  });

  it('random bytes, NUL bytes and invalid UTF-8 do not crash', { timeout: 20_000 }, () => {
    for (let i = 0; i < 5; i++) check(randomBytes(200_000 + i * 1000));
    check(Buffer.alloc(1_000_000));
    check(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]));
    const mixed = Buffer.concat([randomBytes(50_000), Buffer.from('\0' + INGEST_403 + '\0'), randomBytes(50_000)]);
    expect(check(mixed).findings.map((f) => f.code)).toContain('REGION_MISMATCH');
  });

  it('ANSI colours and control characters are stripped before matching and from excerpts', () => {
    const text = '\u001b[33mWARNING\u001b[0m \u001b[1mFailed to multipart ingest runs\u001b[0m: LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. HTTPError(\'4\u001b[31m01\u001b[0m Client Error\', \'{"detail":"Using legacy API key. Please generate a new API key."}\')\u0007\u0008';
    const r = check(Buffer.from(text));
    expect(r.findings.map((f) => f.code)).toEqual(['KEY_LEGACY']);
    expect(decodeText(Buffer.from('\u001b]0;title\u0007ok\r\nnext\rline'))).toBe('ok\nnext\nline');
  });

  it('more than the cap: only the end is analysed, with absolute line numbers', { timeout: 30_000 }, () => {
    const filler = 'x'.repeat(99) + '\n';
    const lines = Math.ceil((MAX_ANALYSED_BYTES + 2e6) / filler.length);
    const buf = Buffer.from(filler.repeat(lines) + INGEST_403);
    const r = check(buf);
    expect(r.input.truncated).toBe(true);
    expect(r.input.bytes).toBe(buf.length);
    expect(r.input.analysedBytes).toBeLessThanOrEqual(MAX_ANALYSED_BYTES);
    expect(r.input.lines).toBe(lines + 1);
    expect((r.findings[0]!.evidence as { line: number }).line).toBe(lines + 1);
    expect(renderExplainText(r)).toMatch(/only the last/);
    const { tail, droppedLines } = capTail(buf);
    expect(tail.length).toBeLessThanOrEqual(MAX_ANALYSED_BYTES);
    expect(droppedLines).toBeGreaterThan(0);
  });

  it('empty input and whitespace: nothing, said plainly', () => {
    for (const t of ['', '   \n\n\t']) {
      const r = explainText(t);
      expect(r.findings).toEqual([]);
      expect(renderExplainText(r)).toMatch(/Nothing recognised/);
      expect(renderExplainText(r)).toMatch(/Run `langsmith-doctor`/);
    }
  });
});
