// The testing entry runs a third-party checker against an emulator scenario, after the built-ins
// it requires, and gives back its result.
import { describe, expect, it } from 'vitest';
import { runChecker } from '../../src/testing.js';
import type { Checker } from '../../src/core/checker.js';

const tierEcho: Checker = {
  id: 'acme/tier-echo',
  title: 'Echoes the measured tier',
  requires: ['permission-tier'],
  run(ctx) {
    const tier = ctx.results['permission-tier'];
    if (tier?.status === 'fail') return ctx.fail('ACME_NO_WRITE', `tier check failed: ${tier.summary}`);
    return ctx.pass(`tier: ${tier?.summary ?? 'none'} (${String((ctx.options as { label?: string }).label)})`);
  },
};

describe('runChecker', () => {
  it('runs the required built-ins first and returns the checker result', async () => {
    const run = await runChecker(tierEcho, { scenario: 'healthy-admin', options: { label: 'L' } });
    expect(run.result.status).toBe('pass');
    expect(run.result.summary).toContain('(L)');
    expect(run.report.checks.map((c) => c.id)).toContain('permission-tier');
    // Only the checker and its requires chain ran.
    expect(run.report.checks.map((c) => c.id)).not.toContain('usage-limits');
  });

  it('sees the failure of a scenario where the key is refused', async () => {
    const run = await runChecker(tierEcho, { scenario: 'revoked-key' });
    expect(run.result.status).toBe('skip');
  });

  it('refuses a checker with a bare id', async () => {
    await expect(runChecker({ ...tierEcho, id: 'bare' }, { scenario: 'healthy-admin' })).rejects.toThrow(/namespaced/);
  });

  it('refuses an unknown scenario, naming the known ones', async () => {
    await expect(runChecker(tierEcho, { scenario: 'nope' })).rejects.toThrow(/viewer/);
  });

  it('runs a command plugin entry with the redacted context on stdin', async () => {
    const script = `const d=JSON.parse(require('fs').readFileSync(0,'utf8'));console.log(JSON.stringify({status:'pass',summary:'endpoint '+d.settings.endpoint+' key '+d.settings.key}))`;
    const run = await runChecker({ command: `node -e "${script}"`, id: 'acme/cmd', title: 'cmd' }, { scenario: 'viewer' });
    expect(run.result.status).toBe('pass');
    expect(run.result.summary).toMatch(/^endpoint http:\/\/127\.0\.0\.1:\d+ key /);
  });
});
