import { describe, expect, it } from 'vitest';
import { runScenario } from '../../test/helpers/scenario.js';

describe('usage-limits against the emulator', () => {
  it('in the reject set: USAGE_LIMIT_REACHED with the limit type', async () => {
    const r = await runScenario('usage-limit-reached');
    expect(r.codes('usage-limits')).toEqual(['USAGE_LIMIT_REACHED']);
    const f = r.check('usage-limits').findings[0]!;
    expect(f.message).toMatch(/over total_unique_traces|over [a-z_]+/);
    expect(r.check('usage-limits').evidence).toMatchObject({ inRejectSet: true });
  });

  it('within limits: passes', async () => {
    const r = await runScenario('healthy-admin');
    expect(r.check('usage-limits')).toMatchObject({ status: 'pass', summary: 'Within limits (not in the reject set)' });
  });
});
