import { defineChecker, DOCS, excerpt, PROBES, shellQuote, tierFrom, type DoctorContext, type Finding, type Tier } from '../../src/index.js';


interface WorkspaceItem {
  id: string;
  display_name?: string;
  role_name?: string | null;
  read_only?: boolean;
  permissions?: string[] | null;
}

export default defineChecker<{ writeProbe?: boolean }>({
  id: 'permission-tier',
  title: 'Permission tier',
  requires: ['auth'],
  network: true,
  async run(ctx) {
    const { http } = ctx;
    const wsId = ctx.results.auth?.evidence?.workspaceId as string | undefined;
    const [list, org] = await Promise.all([
      http.request(PROBES.workspaces),
      http.request(PROBES.orgCurrent),
    ]);
    const items = Array.isArray(list.json) ? (list.json as WorkspaceItem[]) : [];
    const ws = items.find((w) => w.id === wsId) ?? (items.length === 1 ? items[0] : undefined);
    const orgPerms = Array.isArray((org.json as { permissions?: unknown })?.permissions) ? ((org.json as { permissions: string[] }).permissions) : [];
    const evidence: Record<string, unknown> = {
      workspace: ws ? { id: ws.id, name: ws.display_name ?? null } : wsId ?? null,
      role: ws?.role_name ?? null,
      permissions: ws?.permissions ?? null,
      readOnlyKey: ws?.read_only ?? null,
      orgPermissions: orgPerms,
    };

    let measured = tierFrom({ role: ws?.role_name ?? undefined, permissions: ws?.permissions ?? undefined, readOnly: ws?.read_only, orgPermissions: orgPerms });
    let how = measured.tier === 'unknown' ? '' : `Measured from the workspace's role and permissions (${measured.basis}).`;

    // Permissions not visible to this key (facts §10: UNCERTAIN): measure with a write that writes nothing.
    if (measured.tier === 'unknown') {
      const batch = await http.request({ method: 'POST', path: '/runs/batch', body: { post: [], patch: [] } });
      evidence.emptyBatch = { status: batch.status ?? batch.networkError?.code ?? null, body: batch.text ? excerpt(batch.text, 120) : null };
      if (batch.status === 401 || batch.status === 403) {
        measured = { tier: 'read-only', basis: 'an empty trace batch was refused', missing: ['runs:create'] };
        how = `Inferred: permissions are not listed for this key, and an empty trace batch (which writes nothing) was refused with ${batch.status}.`;
      } else if (batch.status !== undefined && batch.status < 500 && batch.status !== 429) {
        measured = { tier: 'limited-write', basis: 'an empty trace batch was accepted', missing: [], lowerBound: true };
        how = `Inferred: permissions are not listed for this key, and an empty trace batch (which writes nothing) was accepted with ${batch.status}.`;
      }
    }

    // Opt-in proof of project management: a uniquely named project, always deleted.
    if (ctx.options.writeProbe && measured.tier !== 'read-only') {
      const probe = await projectProbe(ctx);
      evidence.writeProbe = probe;
      if (probe.created && measured.tier !== 'admin') {
        measured = { tier: 'full-access', basis: 'created and deleted a throwaway project', missing: [] };
        how = `Measured: --write-probe created and deleted project ${probe.name}.`;
      } else if (!probe.created && probe.status === 403) {
        measured = { tier: 'limited-write', basis: 'creating a project was refused', missing: ['projects:create', 'projects:delete'] };
        how = 'Measured: --write-probe could not create a project (403).';
      }
    }
    evidence.tier = measured.tier;

    const findings: Finding[] = [];
    const tooLarge = [evidence.emptyBatch, evidence.writeProbe].some((e) => (e as { status?: unknown } | undefined)?.status === 413);
    if (tooLarge) {
      findings.push(ctx.finding('PAYLOAD_TOO_LARGE', 'fail', 'A write of a few bytes was refused with 413 Request Entity Too Large: a proxy or the server\'s body limit will refuse trace batches', {
        // A keyless POST shows who answers 413 (its Server header: nginx, the proxy) without sending the key.
        fix: { text: 'Self-hosted: raise the ingress body limit (nginx client_max_body_size, about 25 MB to match LangSmith). Otherwise check proxies between you and LangSmith. The command shows which server answers 413 (its Server header), without sending the key.', commands: [`curl -sS -i -X POST -H 'Content-Type: application/json' --data '{}' ${shellQuote(`${(ctx.settings.endpoint.value ?? '').replace(/\/+$/, '')}/runs/batch`)}`] },
        docs: DOCS.selfHosted,
      }));
    }
    const role = ws?.role_name ? `role ${ws.role_name}` : 'this key';
    const where = ws?.display_name ? ` in workspace '${ws.display_name}'` : '';
    const tracing = ctx.settings.tracing.enabled;
    switch (measured.tier) {
      case 'read-only':
        findings.push(ctx.finding('TIER_READ_ONLY', tracing ? 'fail' : 'warn',
          `Read-only: ${role}${where} can read but not write traces (missing runs:create)${tracing ? '; with tracing on, every upload is refused with 403' : ''}. ${how}`, {
            fix: { text: 'Ask a workspace admin for the Editor role, or for a service key with a role that has runs:create. Waiting changes nothing: keys have no activation period.', commands: ['langsmith-doctor --watch 60   # tells you the moment the role changes'] },
            docs: DOCS.rbac, evidence: { missing: measured.missing },
          }));
        break;
      case 'limited-write':
        findings.push(ctx.finding('TIER_LIMITED_WRITE', 'warn',
          `Limited write: ${role}${where} can trace (runs:create)${measured.lowerBound ? ' — at least; whether it can manage projects is not visible (run with --write-probe to measure)' : ' but cannot create or delete projects (missing projects:create, projects:delete)'}. ${how}`, {
            fix: { text: 'Tracing works: runs sent to a new project name create it. For project management ask an admin for the Admin role.', commands: ['export LANGSMITH_TRACING=true', 'export LANGSMITH_PROJECT=<a new or existing project name>'] },
            docs: DOCS.rbac, evidence: { missing: measured.missing },
          }));
        break;
      case 'full-access':
        findings.push(ctx.finding('TIER_FULL_ACCESS', 'info', `Full access: ${role}${where} can trace and manage projects. ${how}${ws?.role_name || ws?.permissions?.length ? '' : ' Whether it is also an organisation admin is not visible to this key.'}`));
        break;
      case 'admin':
        // organization:manage is also held by an Organization Operator, who cannot create
        // org-wide service keys (rbac.mdx; sdk-audit #17): no read tells the two apart.
        findings.push(ctx.finding('TIER_ADMIN', 'info', `Organisation admin: ${role}${where} manages the organisation (organization:manage; an Organization Operator holds it too, and cannot create org-wide service keys). ${how}`));
        break;
      default:
        findings.push(ctx.finding('PERMISSION_UNKNOWN', 'warn',
          `The tier could not be measured: the workspace list gave no role or permissions (${list.status ?? list.networkError?.code ?? 'no answer'}) and the empty-batch probe was inconclusive`, {
            fix: { text: 'Run with --write-probe to measure by creating and deleting a throwaway project.', commands: ['langsmith-doctor --write-probe'] },
          }));
    }
    if (evidence.writeProbe && (evidence.writeProbe as { leftover?: boolean }).leftover) {
      const p = evidence.writeProbe as { name: string };
      findings.push(ctx.finding('WRITE_PROBE_LEFTOVER', 'warn', `The throwaway project ${p.name} was created but could not be deleted; delete it by hand`, {
        fix: { text: 'Delete it in LangSmith → Projects.', commands: [] },
      }));
    }
    return ctx.report(findings, { summary: tierSummary(measured.tier, role, where), evidence });
  },
});

function tierSummary(tier: Tier, role: string, where: string): string {
  const label: Record<Tier, string> = {
    none: 'no access', 'read-only': 'read-only', 'limited-write': 'limited write', 'full-access': 'full access', admin: 'admin', unknown: 'unknown',
  };
  return `${label[tier]} (${role}${where})`;
}

async function projectProbe(ctx: DoctorContext): Promise<{ name: string; created: boolean; status?: number; deleted?: boolean; leftover?: boolean }> {
  // The global Web Crypto: node:crypto is loaded only by the one run that writes a probe project.
  const name = `langsmith-doctor-probe-${globalThis.crypto.randomUUID()}`;
  const created = await ctx.http.request({ method: 'POST', path: '/sessions', body: { name, extra: {}, description: 'Created and deleted by langsmith-doctor --write-probe' } });
  const id = (created.json as { id?: string } | undefined)?.id;
  if (!created.status || created.status >= 300 || !id) return { name, created: false, status: created.status };
  const deleted = await ctx.http.request({ method: 'DELETE', path: `/sessions/${encodeURIComponent(id)}` });
  const ok = deleted.status !== undefined && deleted.status < 300;
  return { name, created: true, status: created.status, deleted: ok, leftover: !ok };
}
