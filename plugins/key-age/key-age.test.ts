import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../src/emulator/index.js';
import { findKey, matchesKey, shortKeyParts } from '../../src/langsmith/key-lists.js';
import { fakeKey } from '../../test/helpers/keys.js';
import { runScenario } from '../../test/helpers/scenario.js';

const KEY = fakeKey('key-age');

describe('short_key matching (facts §6: the mask is uncertain)', () => {
  const tail = KEY.slice(-4);
  for (const mask of ['…', '...', '****', '']) {
    it(`matches lsv2_pt_${mask}${tail}`, () => expect(matchesKey(`lsv2_pt_${mask}${tail}`, KEY)).toBe(true));
  }
  it('rejects another tail, another prefix, and a bare prefix', () => {
    expect(matchesKey('lsv2_pt_…zzzz', KEY)).toBe(false);
    expect(matchesKey(`lsv2_sk_…${tail}`, KEY)).toBe(false);
    expect(matchesKey('lsv2_pt_…', KEY)).toBe(false);
  });
  it('several matches are ambiguous, never a guess', () => {
    const items = [{ short_key: `lsv2_pt_…${tail}` }, { short_key: `lsv2_pt_***${tail}` }];
    expect(findKey(items, KEY)).toEqual({ match: undefined, ambiguous: 2 });
    expect(shortKeyParts('lsv2_sk_abcd')).toEqual({ prefix: 'lsv2_sk_', tail: 'abcd' });
  });
});

describe('key-age against the emulator', () => {
  it('a key created minutes ago reports its age and that keys work at once', async () => {
    const r = await runScenario('new-key-works-at-once');
    const c = r.check('key-age');
    expect(r.codes('key-age')).toEqual(['KEY_AGE']);
    expect(c.summary).toMatch(/^Created \d+ minutes?( \d+ seconds?)? ago/);
    expect(c.findings[0]!.message).toMatch(/Keys are active from creation; age never limits them/);
  });

  it('a young key that is restricted: says plainly that age is not the cause', async () => {
    const r = await runScenario('viewer', { edit: (w) => { for (const k of w.keys) k.createdAgoMs = 10 * MINUTE; } });
    const f = r.check('key-age').findings.find((x) => x.code === 'KEY_AGE')!;
    expect(f.message).toMatch(/It is read-only now, and that is not because it is new: LangSmith keys have no activation period/);
    expect(f.message).toMatch(/waiting will not change it/);
  });

  it('expiring within warnExpiryDays is KEY_EXPIRING_SOON with the date; a longer horizon is only KEY_AGE', async () => {
    const soon = await runScenario('expiring-soon');
    expect(soon.codes('key-age')).toEqual(['KEY_AGE', 'KEY_EXPIRING_SOON']);
    const later = await runScenario('expiring-soon', { edit: (w) => { for (const k of w.keys) if (k.expiresInMs) k.expiresInMs = 30 * DAY; } });
    expect(later.codes('key-age')).toEqual(['KEY_AGE']);
  });

  it('works with every mask the server may use', async () => {
    for (const shortKeyMask of ['...', '*', '']) {
      const r = await runScenario('expiring-soon', { switches: { shortKeyMask } });
      expect(r.codes('key-age'), shortKeyMask).toContain('KEY_EXPIRING_SOON');
    }
  });
});

describe('humanDuration', () => {
  it('gives the two largest units, never rounding up', async () => {
    const { humanDuration } = await import('../../src/langsmith/key-lists.js');
    expect(humanDuration(3 * DAY - 60_000)).toBe('2 days 23 hours');
    expect(humanDuration(3 * DAY)).toBe('3 days');
    expect(humanDuration(5 * MINUTE + 30_000)).toBe('5 minutes 30 seconds');
    expect(humanDuration(500)).toBe('moments');
  });
});
