// The reads the built-in checkers make, defined once: checkers use these objects, and the doctor
// sends them all at once at the start (memoised), so a healthy diagnosis costs one round trip
// instead of one per `requires` link.
import type { ProbeRequest } from './http.js';

export const PROBES = {
  info: { path: '/info', auth: false },
  settings: { path: '/settings' },
  workspaces: { v1: true, path: '/workspaces' },
  orgCurrent: { v1: true, path: '/orgs/current' },
  apiKeys: { v1: true, path: '/api-key' },
  orgServiceKeys: { v1: true, path: '/orgs/current/service-keys' },
  personalTokens: { v1: true, path: '/orgs/current/personal-access-tokens' },
  usageLimits: { v1: true, path: '/workspaces/current/usage_limits' },
} as const satisfies Record<string, ProbeRequest>;

/** The read the official client makes to resolve its tenant (`_getTenantId`: GET /sessions?limit=1). */
export function sdkProjectsRequest(base: string): ProbeRequest {
  return { url: `${base}/sessions?limit=1&offset=0` };
}

/** What each built-in checker will read, keyed by checker id. */
export function prefetchFor(checkerIds: ReadonlySet<string>, base: string): ProbeRequest[] {
  const out: ProbeRequest[] = [];
  if (checkerIds.has('endpoint')) out.push(PROBES.info);
  if (checkerIds.has('auth')) out.push(PROBES.settings, sdkProjectsRequest(base));
  if (checkerIds.has('permission-tier')) out.push(PROBES.workspaces, PROBES.orgCurrent);
  if (checkerIds.has('key-age')) out.push(PROBES.apiKeys, PROBES.orgServiceKeys, PROBES.personalTokens);
  if (checkerIds.has('usage-limits')) out.push(PROBES.usageLimits);
  return out;
}
