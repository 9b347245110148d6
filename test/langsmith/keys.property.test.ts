// Property tests of key classification and the send gate (whyKeyNotSendable): every well-formed
// LangSmith key is sendable; no value with whitespace, control or non-ASCII characters, quotes or
// over 512 bytes is; classification and masking never throw; a random value of a key variable is
// never template text and never shown in full.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { targetOf } from '../../src/doctor.js';
import { classifyKey, isSendableKey, maskKey, MAX_KEY_BYTES, showKeyValue, whyKeyNotSendable, type KeyKind } from '../../src/langsmith/keys.js';
import { resolveSettings } from '../../src/langsmith/settings.js';

const RUNS = { numRuns: 300 };
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const KINDS: KeyKind[] = ['personal-access-token', 'service-key', 'legacy', 'oauth', 'other-provider', 'placeholder', 'unknown', 'none'];

/** Keys as LangSmith issues them (observed shape) and as the SDK anonymiser accepts them. */
const validKey = fc.oneof(
  fc.tuple(fc.constantFrom('pt', 'sk'), hex(32), hex(10)).map(([k, a, b]) => `lsv2_${k}_${a}_${b}`),
  fc.tuple(fc.constantFrom('pt', 'sk'), fc.stringMatching(/^[A-Za-z0-9]{32,64}$/), fc.stringMatching(/^(_[A-Za-z0-9]{1,12}){0,2}$/)).map(([k, a, b]) => `lsv2_${k}_${a}${b}`),
);
/** Characters that make a value unsendable wherever they are. */
const poison = fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u007f', '\u0085', 'é', 'ß', '🔑', '\u00a0', '\u2028', '"', "'");

describe('the send gate', () => {
  it('every generated valid lsv2 key is sendable, and its kind is a LangSmith key', () => {
    fc.assert(fc.property(validKey, (key) => {
      expect(whyKeyNotSendable(key, classifyKey(key).kind)).toBeUndefined();
      expect(['personal-access-token', 'service-key']).toContain(classifyKey(key).kind);
    }), RUNS);
  });

  it('a valid key with whitespace, a control, non-ASCII character or a quote inside is never sendable', () => {
    fc.assert(fc.property(validKey, poison, fc.nat(), (key, ch, at) => {
      const i = 1 + (at % (key.length - 1));
      const bad = key.slice(0, i) + ch + key.slice(i);
      for (const kind of KINDS) expect(isSendableKey(bad, kind), JSON.stringify([bad, kind])).toBe(false);
    }), RUNS);
  });

  it('over 512 bytes is never sendable as a key', () => {
    fc.assert(fc.property(fc.constantFrom('lsv2_pt_', 'lsv2_sk_', 'ls__'), fc.integer({ min: MAX_KEY_BYTES + 1, max: 5000 }), (prefix, len) => {
      const v = prefix + 'a'.repeat(len - prefix.length);
      expect(isSendableKey(v, classifyKey(v).kind)).toBe(false);
    }), { numRuns: 50 });
  });

  it('other services\' keys are never sendable', () => {
    const other = fc.tuple(fc.constantFrom('sk-', 'sk-proj-', 'sk-ant-api03-', 'sk_live_', 'sk_test_', 'rk_live_', 'ghp_', 'AIza', 'hf_', 'gsk_', 'xoxb-'), fc.stringMatching(/^[A-Za-z0-9]{24,48}$/)).map(([p, s]) => p + s);
    fc.assert(fc.property(other, (v) => {
      expect(isSendableKey(v, classifyKey(v).kind), v).toBe(false);
    }), RUNS);
  });

  it('classification, the gate and masking never throw, on any string', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.string({ maxLength: 2000 })), fc.constantFrom(...KINDS), (v, kind) => {
      const c = classifyKey(v);
      expect(KINDS).toContain(c.kind);
      whyKeyNotSendable(v, kind);
      expect(typeof maskKey(v)).toBe('string');
      expect(typeof showKeyValue(v)).toBe('string');
    }), { numRuns: 1000 });
  });

  it('maskKey of a valid key shows its prefix and last 4 characters, nothing else', () => {
    fc.assert(fc.property(validKey, (key) => {
      expect(maskKey(key)).toBe(`${key.slice(0, 8)}…${key.slice(-4)}`);
    }), RUNS);
  });
});

describe('a random value of a key variable', () => {
  const words = fc.constantFrom('none', 'true', 'false', 'test', 'here', 'your', 'key', 'secret', 'null', 'example', 'dummy', 'todo');
  const randomWithWords = fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{12,40}$/), words, fc.nat()).map(([r, w, at]) => {
    const i = at % (r.length + 1);
    return r.slice(0, i) + w + r.slice(i);
  });

  it('is not a placeholder because a template word appears in it, and is never shown in full', () => {
    fc.assert(fc.property(randomWithWords, (v) => {
      expect(classifyKey(v).kind).not.toBe('placeholder');
      const target = targetOf(resolveSettings({ env: { LANGSMITH_API_KEY: v }, cwd: '/nonexistent' }));
      expect(target.key).not.toContain(v.slice(0, 8));
      expect(showKeyValue(v)).not.toContain(v.slice(0, 8));
    }), RUNS);
  });
});
