import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/core/redact.js';
import { makeRedactor } from '../../src/doctor.js';
import { maskKey, SECRET_PATTERNS } from '../../src/langsmith/keys.js';
import { resolveSettings } from '../../src/langsmith/settings.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('redact');

describe('redaction', () => {
  it('masks exact secrets everywhere in a deep object, keys of objects too', () => {
    const r = createRedactor({ secrets: [KEY], mask: maskKey });
    const out = r.deep({ a: `x ${KEY} y`, list: [KEY], [KEY]: 1, n: 3 });
    const text = JSON.stringify(out);
    expect(text).not.toContain(KEY);
    expect(text).toContain('lsv2_pt_…');
    expect(out.n).toBe(3);
  });

  it('masks key shapes in foreign text (error bodies, logs) by pattern', () => {
    const r = createRedactor({ patterns: [...SECRET_PATTERNS], mask: maskKey });
    const other = fakeKey('someone-else', 'sk');
    expect(r.text(`401 for key ${other} and sk-proj-${'z'.repeat(30)}`)).not.toMatch(/lsv2_sk_[0-9a-f]{20}|z{30}/);
  });

  it('keeps the prefix and last 4 characters', () => {
    expect(maskKey(KEY)).toBe(`lsv2_pt_…${KEY.slice(-4)}`);
    expect(maskKey('short')).toBe('…');
  });

  it('redacts every API key variable the run saw, not only the winner', () => {
    const shadowed = fakeKey('shadowed');
    const settings = resolveSettings({ env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: shadowed }, cwd: '/nonexistent' });
    const r = makeRedactor(settings);
    const text = r.text(`${KEY} ${shadowed} "${KEY}"`);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(shadowed);
  });

  it('does not mask placeholders, which help the reader', () => {
    const settings = resolveSettings({ env: { LANGSMITH_API_KEY: '<your-api-key>' }, cwd: '/nonexistent' });
    expect(makeRedactor(settings).text('value <your-api-key>')).toBe('value <your-api-key>');
  });
});
