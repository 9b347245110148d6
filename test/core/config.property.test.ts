// Property tests for config validation: any parsed value yields a config or a ConfigError naming
// the file, never another exception; valid configs come back as written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, MAX_TIMEOUT_MS, validateConfig } from '../../src/core/config.js';

const FILE = '/project/.langsmith-doctorrc.json';
const known = fc.constantFrom('plugins', 'checks', 'ignore', 'regions', 'timeoutMs', 'envFiles', 'stages');

describe('config validation (property)', () => {
  it('arbitrary JSON (with known keys mixed in) gives a config or a ConfigError naming the file', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const config = fc.oneof(value, fc.dictionary(fc.oneof(known, fc.string({ maxLength: 8 })), value, { maxKeys: 5 }));
    fc.assert(
      fc.property(config, (raw) => {
        try {
          const c = validateConfig(raw, FILE);
          expect(c.filepath).toBe(FILE);
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).file).toBe(FILE);
          expect((err as ConfigError).detail.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a valid config comes back with the same values', () => {
    const code = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/);
    const valid = fc.record(
      {
        plugins: fc.array(fc.oneof(fc.stringMatching(/^\.\/[a-z]{1,8}\.mjs$/), fc.record({ command: fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,5})?$/) })), { maxLength: 4 }),
        ignore: fc.array(code, { maxLength: 4 }),
        timeoutMs: fc.integer({ min: 1, max: MAX_TIMEOUT_MS }),
        envFiles: fc.array(fc.stringMatching(/^\.env(\.[a-z]{1,6})?$/), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, (raw) => {
        const c = validateConfig(raw, FILE);
        if (raw.plugins) expect(c.plugins).toEqual(raw.plugins);
        if (raw.ignore) expect(c.ignore).toEqual(raw.ignore);
        if (raw.timeoutMs !== undefined) expect(c.timeoutMs).toBe(raw.timeoutMs);
        if (raw.envFiles) expect(c.envFiles).toEqual(raw.envFiles);
      }),
      { numRuns: 300 },
    );
  });

  it('timeouts outside 1..MAX_TIMEOUT_MS are refused at their key path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ max: 0 }), fc.double({ min: MAX_TIMEOUT_MS + 1, noNaN: true }), fc.constant(Number.NaN)), (t) => {
        expect(() => validateConfig({ timeoutMs: t }, FILE)).toThrow(ConfigError);
        expect(() => validateConfig({ plugins: [{ command: 'x', timeoutMs: t }] }, FILE)).toThrow(/plugins\[0\]\.timeoutMs/);
      }),
    );
  });
});
