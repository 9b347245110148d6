import { describe, expect, it } from 'vitest';
import { runScenario } from '../../test/helpers/scenario.js';

// Accept/reject against the emulator's worlds; each case names the codes auth must give, and no others.
const cases: Array<{ scenario: string; codes: string[]; status: string; switches?: Record<string, unknown>; then?: (r: Awaited<ReturnType<typeof runScenario>>) => void }> = [
  { scenario: 'healthy-admin', codes: [], status: 'pass', then: (r) => expect(r.check('auth').summary).toMatch(/^Key accepted by the US region: workspace/) },
  { scenario: 'new-key-works-at-once', codes: [], status: 'pass' },
  { scenario: 'org-scoped-key-with-workspace', codes: [], status: 'pass' },
  { scenario: 'self-hosted-healthy', codes: [], status: 'pass' },
  { scenario: 'eu-key-on-us-default', codes: ['REGION_MISMATCH'], status: 'fail', then: (r) => {
    const f = r.check('auth').findings[0]!;
    expect(f.fix!.commands![0]).toMatch(/^export LANGSMITH_ENDPOINT=http:\/\/127\.0\.0\.1:\d+$/);
    expect(f.message).toMatch(/belongs to the EU region/);
  } },
  { scenario: 'apac-key-on-us-default-403', codes: ['REGION_MISMATCH'], status: 'fail', then: (r) => expect(r.check('auth').findings[0]!.message).toMatch(/APAC/) },
  { scenario: 'eu-key-on-us-default', switches: { unknownKeyApiStatus: 403 }, codes: ['REGION_MISMATCH'], status: 'fail' },
  { scenario: 'org-scoped-key-without-workspace', codes: ['WORKSPACE_REQUIRED'], status: 'fail', then: (r) => {
    const f = r.check('auth').findings[0]!;
    // Several workspaces are alternatives: named in the text, one template line to fill in.
    expect(f.fix!.text).toMatch(/can see [2-9]\d*: .*[0-9a-f-]{36}; .*[0-9a-f-]{36}/);
    expect(f.fix!.commands).toEqual(['export LANGSMITH_WORKSPACE_ID=<one of the workspace ids above>']);
  } },
  { scenario: 'org-scoped-error-shape', codes: ['WORKSPACE_REQUIRED'], status: 'fail' },
  { scenario: 'workspace-not-accessible', codes: ['WORKSPACE_NOT_ACCESSIBLE'], status: 'fail' },
  { scenario: 'workspace-not-accessible-401', codes: ['WORKSPACE_NOT_ACCESSIBLE'], status: 'fail' },
  { scenario: 'org-scoped-key-wrong-workspace', codes: ['WORKSPACE_NOT_ACCESSIBLE'], status: 'fail', then: (r) => {
    // The org-scoped key sees both of its workspaces: the fix offers them, not the foreign one.
    expect(r.check('auth').findings[0]!.fix!.commands).toEqual(['export LANGSMITH_WORKSPACE_ID=<one of the workspace ids above>']);
  } },
  { scenario: 'revoked-key-with-workspace', codes: ['KEY_INVALID'], status: 'fail' },
  { scenario: 'wrong-region-key-with-workspace-403', codes: ['REGION_MISMATCH'], status: 'fail' },
  { scenario: 'revoked-key', codes: ['KEY_INVALID'], status: 'fail', then: (r) => expect(r.check('auth').findings[0]!.message).toMatch(/other regions \(eu, apac, aws\) do not know it either/) },
  { scenario: 'expired-key', codes: ['KEY_INVALID'], status: 'fail', then: (r) => expect(r.check('auth').findings[0]!.message).toMatch(/expired/) },
  { scenario: 'expired-key-explicit', codes: ['KEY_EXPIRED'], status: 'fail' },
  { scenario: 'no-plan', codes: ['NO_PLAN'], status: 'fail' },
  { scenario: 'rate-limited', codes: ['RATE_LIMITED'], status: 'fail' },
  { scenario: 'legacy-key', codes: [], status: 'skip' },
  { scenario: 'placeholder-key', codes: [], status: 'skip' },
  { scenario: 'connection-refused', codes: [], status: 'skip' },
];

describe('auth', () => {
  for (const c of cases) {
    it(`${c.scenario}${c.switches ? ` ${JSON.stringify(c.switches)}` : ''}: ${c.codes.join(', ') || c.status}`, async () => {
      const r = await runScenario(c.scenario, { switches: c.switches as never });
      expect(r.codes('auth')).toEqual(c.codes);
      expect(r.check('auth').status).toBe(c.status);
      c.then?.(r);
    });
  }

  it('an expired key sent with its workspace id is KEY_EXPIRED, not the workspace (refused without the header too)', async () => {
    const { getScenario } = await import('../../src/emulator/index.js');
    const ws = getScenario('expired-key-explicit')!.world.orgs[0]!.workspaces[0]!.id;
    const r = await runScenario('expired-key-explicit', { env: { LANGSMITH_WORKSPACE_ID: ws } });
    expect(r.codes('auth')).toEqual(['KEY_EXPIRED']);
    expect(r.check('auth').evidence.workspaceReask).toMatchObject({ withHeader: { status: 401 }, withoutHeader: { status: 401 }, blame: 'key' });
  });

  it('the region probe asks only the configured region hosts, and the SDK path is exercised', async () => {
    const r = await runScenario('eu-key-on-us-default');
    const origins = new Set(r.report.transcript.map((t) => new URL(t.url).origin));
    expect(origins.size).toBe(4);
    expect(r.check('auth').evidence.sdk).toMatchObject({ sessions: expect.stringContaining('401') });
    expect(r.report.transcript.some((t) => t.url.endsWith('/sessions?limit=1&offset=0'))).toBe(true);
  });

  it('an answer that is not LangSmith\'s is NOT_LANGSMITH, never an invalid key', async () => {
    const http = await import('node:http');
    const server = http.createServer((req, res) => {
      if (req.url === '/info') res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"0.1"}');
      else res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad request"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    try {
      const { prepare, run } = await import('../../src/doctor.js');
      const { fakeKey } = await import('../../test/helpers/keys.js');
      const report = await run(await prepare({ cwd: '/nonexistent', env: { LANGSMITH_API_KEY: fakeKey('odd'), LANGSMITH_ENDPOINT: url }, regions: { us: url }, only: ['auth'] }));
      expect(report.checks.find((c) => c.id === 'auth')!.findings.map((f) => f.code)).toEqual(['NOT_LANGSMITH']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
