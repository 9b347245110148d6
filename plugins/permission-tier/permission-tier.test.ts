import { describe, expect, it } from 'vitest';
import { tierFrom } from '../../src/langsmith/tiers.js';
import { runScenario } from '../../test/helpers/scenario.js';

describe('tierFrom (facts §5)', () => {
  const table: Array<[Parameters<typeof tierFrom>[0], string]> = [
    [{ permissions: ['projects:read', 'runs:read'] }, 'read-only'],
    [{ permissions: ['projects:read', 'runs:create'] }, 'limited-write'],
    [{ permissions: ['runs:create', 'projects:create', 'projects:delete'] }, 'full-access'],
    [{ permissions: ['runs:create', 'projects:create', 'projects:delete'], orgPermissions: ['organization:manage'] }, 'admin'],
    [{ permissions: ['runs:create'], orgPermissions: ['organization:manage'] }, 'limited-write'],
    [{ role: 'Viewer' }, 'read-only'],
    [{ role: 'Editor' }, 'limited-write'],
    [{ role: 'Admin' }, 'full-access'],
    [{ role: 'Organization Admin' }, 'admin'],
    [{ permissions: ['runs:create', 'projects:create', 'projects:delete'], readOnly: true }, 'read-only'],
    [{}, 'unknown'],
  ];
  for (const [input, tier] of table) it(`${JSON.stringify(input)} -> ${tier}`, () => expect(tierFrom(input).tier).toBe(tier));
});

describe('permission-tier against the emulator', () => {
  const cases: Array<{ scenario: string; codes: string[]; tier: string; writeProbe?: boolean; switches?: Record<string, unknown> }> = [
    { scenario: 'healthy-admin', codes: ['TIER_ADMIN'], tier: 'admin' },
    { scenario: 'healthy-workspace-admin', codes: ['TIER_FULL_ACCESS'], tier: 'full-access' },
    { scenario: 'editor', codes: ['TIER_LIMITED_WRITE'], tier: 'limited-write' },
    { scenario: 'viewer', codes: ['TIER_READ_ONLY'], tier: 'read-only' },
    // Permissions hidden: the empty batch alone gives a lower bound; --write-probe measures projects.
    { scenario: 'editor-permissions-hidden', codes: ['TIER_LIMITED_WRITE'], tier: 'limited-write', writeProbe: false },
    { scenario: 'editor-permissions-hidden', codes: ['TIER_LIMITED_WRITE'], tier: 'limited-write', writeProbe: true },
    { scenario: 'viewer-permissions-hidden', codes: ['TIER_READ_ONLY'], tier: 'read-only' },
    { scenario: 'editor-permissions-hidden', codes: ['TIER_LIMITED_WRITE'], tier: 'limited-write', switches: { emptyBatchAnswer: 422 } },
    { scenario: 'healthy-workspace-admin', codes: ['TIER_FULL_ACCESS'], tier: 'full-access', writeProbe: true, switches: { permissionsVisible: false } },
    { scenario: 'payload-too-large', codes: ['PAYLOAD_TOO_LARGE', 'TIER_ADMIN'], tier: 'admin' },
  ];
  for (const c of cases) {
    it(`${c.scenario}${c.writeProbe ? ' --write-probe' : ''}${c.switches ? ` ${JSON.stringify(c.switches)}` : ''}: ${c.tier}`, async () => {
      const r = await runScenario(c.scenario, { writeProbe: c.writeProbe, switches: c.switches as never });
      expect(r.codes('permission-tier')).toEqual(c.codes.sort());
      expect(r.check('permission-tier').evidence.tier).toBe(c.tier);
    });
  }

  it('viewer with tracing on fails and names the missing permission; the inference is stated when hidden', async () => {
    const r = await runScenario('viewer-permissions-hidden');
    const f = r.check('permission-tier').findings[0]!;
    expect(f.message).toMatch(/missing runs:create/);
    expect(f.message).toMatch(/Inferred: permissions are not listed for this key, and an empty trace batch \(which writes nothing\) was refused with 403/);
  });

  it('--write-probe creates a uniquely named project and always deletes it', async () => {
    const r = await runScenario('healthy-workspace-admin', { writeProbe: true, switches: { permissionsVisible: false } });
    const probe = r.check('permission-tier').evidence.writeProbe as { name: string; created: boolean; deleted: boolean };
    expect(probe).toMatchObject({ created: true, deleted: true });
    expect(probe.name).toMatch(/^langsmith-doctor-probe-[0-9a-f-]{36}$/);
    const calls = r.report.transcript.filter((t) => t.url.includes('/sessions') && t.method !== 'GET').map((t) => `${t.method} ${t.status}`);
    // permission-tier's probe first; the trace round trip (which requires permission-tier) makes its own pair after it.
    expect(calls.slice(0, 2)).toEqual(['POST 200', 'DELETE 202']);
  });
});
