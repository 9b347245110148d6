// The decision behind the workspace re-ask: which refusals are asked again without X-Tenant-Id,
// and what the second answer says about the key and the workspace.
import { describe, expect, it } from 'vitest';
import { judgeWithoutWorkspace, needsWorkspaceReask, reaskWithoutWorkspace } from '../../src/langsmith/workspace-reask.js';
import type { Http, ProbeRequest, ProbeResponse } from '../../src/langsmith/http.js';
import { PROBES } from '../../src/langsmith/probes.js';

const answer = (status: number | undefined, text = '', extra: Partial<ProbeResponse> = {}): ProbeResponse => ({
  method: 'GET', url: 'https://api.smith.langchain.com/settings', status, headers: {}, text, isJson: text.startsWith('{'), isHtml: false, durationMs: 1, ...extra,
});

describe('needsWorkspaceReask', () => {
  it.each([
    [401, true, true], [403, true, true], [404, true, true],
    [401, false, false], [403, false, false], [404, false, false], // no header was sent: nothing to separate
    [200, true, false], [400, true, false], [429, true, false], [500, true, false], [undefined, true, false],
  ])('status %s, header sent %s -> %s', (status, sent, expected) => {
    expect(needsWorkspaceReask({ status }, sent)).toBe(expected);
  });
});

describe('judgeWithoutWorkspace', () => {
  const cases: Array<[string, ProbeResponse, 'workspace' | 'key' | 'undecided']> = [
    ['accepted without the header', answer(200, '{"id":"w"}'), 'workspace'],
    ['org-scoped 403 (detail sentence): the key is known', answer(403, `{"detail":"This API key is org-scoped and requires workspace specification. Please provide 'X-Tenant-ID' header."}`), 'workspace'],
    ['org-scoped 403 (error code)', answer(403, '{"error":"org_scoped_key_requires_workspace"}'), 'workspace'],
    ['401 Invalid token again', answer(401, '{"detail":"Invalid token"}'), 'key'],
    ['403 Forbidden again', answer(403, '{"detail":"Forbidden"}'), 'key'],
    ['401 expired', answer(401, '{"detail":"API key has expired"}'), 'key'],
    ['no plan, with or without', answer(403, '{"detail":"Forbidden - no plan found"}'), 'key'],
    ['a rate limit says nothing', answer(429, '{"detail":"Too many requests"}'), 'undecided'],
    ['an outage says nothing', answer(503, '<html>'), 'undecided'],
    ['a 404 says nothing', answer(404, '{"detail":"Not Found"}'), 'undecided'],
    ['a timeout', answer(undefined, '', { networkError: { code: 'TIMEOUT', message: 'no answer within 5000 ms' } }), 'undecided'],
    ['not sent', answer(undefined, '', { blocked: 'offline (--offline)' }), 'undecided'],
  ];
  it.each(cases)('%s -> %s', (_, without, blame) => {
    const verdict = judgeWithoutWorkspace(without);
    expect(verdict.blame).toBe(blame);
    expect(verdict.why.length).toBeGreaterThan(20);
  });
});

describe('reaskWithoutWorkspace', () => {
  function fakeHttp(reply: ProbeResponse) {
    const asked: ProbeRequest[] = [];
    const http = { request: async (req: ProbeRequest) => (asked.push(req), reply) } as unknown as Http;
    return { http, asked };
  }

  it('asks the same read once, without the workspace, to the resolved endpoint', async () => {
    const { http, asked } = fakeHttp(answer(200, '{"id":"w"}'));
    const r = await reaskWithoutWorkspace(http, PROBES.settings, answer(401, '{"detail":"Invalid token"}'), true);
    expect(asked).toEqual([{ ...PROBES.settings, workspaceId: null }]);
    expect(asked[0]!.base).toBeUndefined();
    expect(r?.blame).toBe('workspace');
    expect(r?.without.status).toBe(200);
  });

  it('does not ask when no header was sent, when the first answer is not a refusal, or for another host', async () => {
    const { http, asked } = fakeHttp(answer(200));
    expect(await reaskWithoutWorkspace(http, PROBES.settings, answer(403), false)).toBeUndefined();
    expect(await reaskWithoutWorkspace(http, PROBES.settings, answer(200), true)).toBeUndefined();
    expect(await reaskWithoutWorkspace(http, PROBES.settings, answer(429), true)).toBeUndefined();
    // A region probe (its own base) or a whole URL is never re-asked: only the resolved endpoint.
    expect(await reaskWithoutWorkspace(http, { ...PROBES.settings, base: 'https://eu.api.smith.langchain.com' }, answer(401), true)).toBeUndefined();
    expect(await reaskWithoutWorkspace(http, { url: 'https://api.smith.langchain.com/settings' }, answer(401), true)).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
