// Issue 11 item 3 on the built CLI: when a read sent with a workspace id is refused (401/403), the
// doctor asks the same read once more without X-Tenant-Id, to the same endpoint, and the
// diagnosis separates "the key" from "the workspace it was sent with".
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface Entry { method: string; url: string; status?: number; requestHeaders?: Record<string, string> }

async function demo(name: string) {
  const r = await runCli(['--demo', name, '--json'], { timeoutMs: 30_000 });
  const report = r.json();
  const auth = report.checks.find((c: { id: string }) => c.id === 'auth');
  const endpoint: string = report.target.endpoint;
  // The reads of /settings sent to the resolved endpoint (region probes go to other hosts).
  const settings = (report.transcript as Entry[]).filter((t) => t.url === `${endpoint}/settings`);
  return { r, report, auth, settings, workspaceId: report.target.workspaceId as string | null };
}

// Both worlds: the key works without the header (the workspace is the cause), or the key is
// refused without it too (the key is the cause, the workspace is not blamed).
const worlds = [
  { scenario: 'workspace-not-accessible', cause: 'WORKSPACE_NOT_ACCESSIBLE', first: 403, second: 200, blame: 'workspace' },
  { scenario: 'workspace-not-accessible-401', cause: 'WORKSPACE_NOT_ACCESSIBLE', first: 401, second: 200, blame: 'workspace' },
  { scenario: 'org-scoped-key-wrong-workspace', cause: 'WORKSPACE_NOT_ACCESSIBLE', first: 403, second: 403, blame: 'workspace' },
  { scenario: 'revoked-key-with-workspace', cause: 'KEY_INVALID', first: 401, second: 401, blame: 'key' },
  { scenario: 'wrong-region-key-with-workspace-403', cause: 'REGION_MISMATCH', first: 403, second: 403, blame: 'key' },
];

describe('the workspace re-ask (built CLI, --demo --json)', () => {
  for (const w of worlds) {
    it(`${w.scenario}: ${w.first} with the header, ${w.second} without -> ${w.cause}`, async () => {
      const { r, report, auth, settings, workspaceId } = await demo(w.scenario);
      expect(r.code).toBe(1);
      expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(report.diagnosis.stage).toBe('authenticate');
      expect(report.diagnosis.causes[0].code).toBe(w.cause);
      expect(auth.findings.map((f: { code: string }) => f.code)).toEqual([w.cause]);

      // The transcript: the read with X-Tenant-Id, then exactly one more without it, same URL.
      expect(settings.map((t) => [t.status, t.requestHeaders?.['x-tenant-id'] ?? null])).toEqual([[w.first, workspaceId], [w.second, null]]);
      // Same key policy: the re-ask carries the key too (masked in the transcript).
      expect(settings[1]!.requestHeaders?.['x-api-key']).toBe('(the API key)');

      // The evidence shows both answers and whom they blame.
      expect(auth.evidence.workspaceReask).toMatchObject({
        workspaceId,
        withHeader: { status: w.first, body: expect.any(String) },
        withoutHeader: { status: w.second, body: expect.any(String) },
        blame: w.blame,
      });
      const message: string = auth.findings[0].message;
      if (w.blame === 'workspace') {
        expect(message).toContain(`cannot use workspace ${workspaceId}`);
        expect(message).toMatch(/without the workspace header/);
        // The fix names the workspaces the key can use, never the one it was sent with.
        expect(auth.findings[0].fix.commands.join('\n')).toMatch(/^export LANGSMITH_WORKSPACE_ID=/);
        expect(auth.findings[0].fix.commands.join('\n')).not.toContain(workspaceId);
      } else {
        expect(message).not.toMatch(/cannot use workspace/);
        expect(message).toMatch(/with and without the workspace header|refused too/);
        expect(report.diagnosis.causes.map((c: { code: string }) => c.code)).not.toContain('WORKSPACE_NOT_ACCESSIBLE');
      }
    });
  }

  it('asks only once, and only when a workspace header was sent and refused', async () => {
    // No workspace id: a refusal is not asked again (the region probe decides).
    const noHeader = await demo('eu-key-on-us-default');
    expect(noHeader.workspaceId).toBeNull();
    expect(noHeader.settings).toHaveLength(1);
    expect(noHeader.auth.evidence.workspaceReask).toBeUndefined();
    // A workspace id that is accepted: nothing to ask again.
    const accepted = await demo('org-scoped-key-with-workspace');
    expect(accepted.settings.map((t) => [t.status, t.requestHeaders?.['x-tenant-id'] ?? null])).toEqual([[200, accepted.workspaceId]]);
  });
});
