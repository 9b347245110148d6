// The field corpus: real error texts from public issue threads (test/fixtures/field-corpus/, see
// docs/field-corpus.md) run through the real `explain`. The score may only go up (a ratchet), and
// every miss is listed below with what explain says and what it should say, so a fixed miss fails
// here until it is removed from the list, and a new miss fails until it is fixed or listed.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadCorpus, saidOf, score, scoreCorpus, summary } from './field-corpus.js';

/** Measured scores (docs/field-corpus.md). Raise them when explain improves; never lower them. */
const RATCHET = { count: 172, first: 168, named: 169 };

type MissKind = 'other-service' | 'langsmith-cause' | 'network' | 'not-access';
/** Every fixture whose primary code is not explain's first finding: kind, what explain says (codes in order), what it should say first. */
const KNOWN_MISSES: Record<string, { kind: MissKind; says: string; should: string }> = {
// BEGIN KNOWN_MISSES
  '001-py-401-invalid-token-langsmith-tracing-v2': { kind: 'langsmith-cause', says: 'KEY_PLACEHOLDER', should: 'SDK_IGNORES_LANGSMITH_VARS' },
  '155-vertex-403-permission-denied-placeholder-project': { kind: 'other-service', says: '', should: 'NOT_LANGSMITH_ERROR' },
  '165-langfuse-unexpected-error-contact-support': { kind: 'other-service', says: '', should: 'NOT_LANGSMITH_ERROR' },
  '166-llama-download-httpx-403': { kind: 'other-service', says: 'REGION_MISMATCH', should: 'NOT_LANGSMITH_ERROR' },
// END KNOWN_MISSES
};

const results = scoreCorpus();

describe('field corpus', () => {
  it('holds at least 80 real texts, each with a source and a primary code', () => {
    const cases = loadCorpus();
    expect(cases.length).toBeGreaterThanOrEqual(80);
    for (const c of cases) {
      expect(c.source, c.id).toMatch(/^(?:https:\/\/|[\w.-]+\/[\w.-]+#\d+)/);
      expect(['py', 'js', 'other'], c.id).toContain(c.sdk);
      expect(c.expect.length, c.id).toBeGreaterThan(0);
      expect(c.text.trim().length, c.id).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('carries no real-looking secret (every key in a fixture is masked or an obvious fake)', () => {
    const KEY_SHAPES = [
      /lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}/,
      /\bsk-(?:proj-|ant-[a-z0-9]{2,8}-)?[A-Za-z0-9_-]{24,}/,
      /\bAIza[0-9A-Za-z_-]{35}\b/,
      /\b(?:tvly|tavily)-[A-Za-z0-9]{20,}/,
      /\bgsk_[A-Za-z0-9]{20,}/,
      /\bhf_[A-Za-z0-9]{30,}/,
      /\bls__[0-9a-f]{32}/,
    ];
    for (const c of loadCorpus()) {
      for (const re of KEY_SHAPES) {
        const m = re.exec(c.text);
        if (m) expect(m[0], `${c.id} holds a key-shaped value`).toMatch(/FAKE/);
      }
    }
  });

  it('scores at least the recorded ratchet', () => {
    const s = summary(results);
    expect(s.count).toBe(RATCHET.count);
    expect(s.first).toBeGreaterThanOrEqual(RATCHET.first);
    expect(s.named).toBeGreaterThanOrEqual(RATCHET.named);
  });

  for (const r of results) {
    const known = KNOWN_MISSES[r.c.id];
    if (known) {
      it(`known miss ${r.c.id}: says [${known.says}], should say ${known.should}`, () => {
        // A fixed miss fails here: remove it from KNOWN_MISSES and raise RATCHET.
        expect(r.first, 'this miss is fixed: remove it from KNOWN_MISSES and raise RATCHET').toBe(false);
        expect(r.said.codes.join(', ')).toBe(known.says);
        expect(r.c.expect[0]).toBe(known.should);
      });
    } else {
      it(`${r.c.id} is named ${r.c.expect[0]} first`, () => {
        expect(r.first, `explain says [${r.said.codes.join(', ')}]`).toBe(true);
        // Another service's error is never a LangSmith key problem.
        expect(r.falseKeyBlame).toBe(false);
      });
    }
  }

  it('lists no miss for a fixture that does not exist', () => {
    const ids = new Set(results.map((r) => r.c.id));
    for (const id of Object.keys(KNOWN_MISSES)) expect(ids.has(id), id).toBe(true);
  });

  // The built CLI gives the same answer as the module, on a sample of every kind of text.
  const sample = results.filter((_, i) => i % 6 === 0);
  it.each(sample.map((r) => [r.c.id, r] as const))('dist/cli.js explain - --json agrees on %s', async (_id, r) => {
    const run = await runCli(['explain', '-', '--json'], { input: r.c.text });
    expect([0, 1]).toContain(run.code);
    const viaCli = score(r.c, saidOf(run.json<{ findings: Array<{ code: string; evidence?: Record<string, unknown> }> }>().findings));
    expect(viaCli.said.codes).toEqual(r.said.codes);
    expect(viaCli.first).toBe(r.first);
  }, 30_000);
});
