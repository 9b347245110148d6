// "The key, or the workspace it was sent with?" A read that carried X-Tenant-Id and was refused
// (401/403) says nothing about which of the two LangSmith refused: a foreign tenant id can get the
// very answer an unknown key gets (facts §3). The same read once more without the header tells.
import type { Http, ProbeRequest, ProbeResponse } from './http.js';
import { classifyAnswer } from './signatures.js';

/** Who the refusal is about, once the same read was asked without the workspace header. */
export type WorkspaceBlame = 'workspace' | 'key' | 'undecided';

export interface WorkspaceReask {
  /** The same read, without X-Tenant-Id. */
  without: ProbeResponse;
  blame: WorkspaceBlame;
  /** One sentence: what the second answer shows. */
  why: string;
}

/**
 * Answers worth asking again, only when the header was sent: the refusals 401 and 403, and a 404
 * (a server may hide a workspace it will not show this key; the auth checker re-asked 404s before).
 */
export function needsWorkspaceReask(first: Pick<ProbeResponse, 'status'>, workspaceSent: boolean): boolean {
  return workspaceSent && (first.status === 401 || first.status === 403 || first.status === 404);
}

/** What the answer without the workspace header says about the refusal with it. */
export function judgeWithoutWorkspace(without: Pick<ProbeResponse, 'status' | 'text' | 'networkError' | 'blocked'>): { blame: WorkspaceBlame; why: string } {
  const { status } = without;
  if (without.networkError || without.blocked || status === undefined) {
    return { blame: 'undecided', why: `the read without the workspace header got no answer (${without.networkError?.code ?? without.blocked ?? 'none'})` };
  }
  if (status >= 200 && status < 300) return { blame: 'workspace', why: `without the workspace header the same read answered ${status}: the key works, the workspace it was sent with does not` };
  if (status === 401 || status === 403) {
    // An org-scoped key is known to LangSmith when it asks for a workspace: only the one it named is refused.
    if (classifyAnswer(status, without.text).some((m) => m.code === 'WORKSPACE_REQUIRED')) {
      return { blame: 'workspace', why: `without the workspace header LangSmith knows the key (organisation-scoped, ${status} asking for a workspace): the workspace it was sent with is refused` };
    }
    return { blame: 'key', why: `without the workspace header the same read is refused too (${status}): the key itself is refused, not the workspace` };
  }
  // A 404, 429, 5xx…: an answer that says nothing about the key or the workspace.
  return { blame: 'undecided', why: `without the workspace header the same read answered ${status}, which does not tell the key from the workspace` };
}

/**
 * Asks `req` once more without X-Tenant-Id when `first` (its answer with the header) is a 401/403/404.
 * Only to the resolved endpoint (a request with its own base or URL is never re-asked), through
 * the same prober: the same key policy, timeout and transcript. Undefined when not warranted.
 */
export async function reaskWithoutWorkspace(http: Http, req: ProbeRequest, first: ProbeResponse, workspaceSent: boolean): Promise<WorkspaceReask | undefined> {
  if (!needsWorkspaceReask(first, workspaceSent) || req.base !== undefined || req.url !== undefined) return undefined;
  const without = await http.request({ ...req, workspaceId: null });
  return { without, ...judgeWithoutWorkspace(without) };
}
