import {
  classifyAnswer,
  defineChecker,
  DOCS,
  envLine,
  excerpt,
  PROBES,
  reaskWithoutWorkspace,
  routeProblem,
  type DoctorContext,
  type Finding,
  type ProbeResponse,
} from '../../src/index.js';

interface Workspace {
  id: string;
  display_name?: string;
  role_name?: string | null;
}

export default defineChecker({
  id: 'auth',
  title: 'Authentication and workspace',
  requires: ['key-format', 'endpoint'],
  network: true,
  async run(ctx) {
    const { settings, http } = ctx;
    if (!settings.key.value) return ctx.skip('no API key to try');
    const policy = await http.keyPolicy(http.base ?? '');
    if (!policy.ok) return ctx.skip(`the key is not sent: ${policy.reason}`);

    // What the SDKs do first: who am I (GET /settings), and the projects list through the
    // official client (GET /sessions), in parallel.
    const [who, projects] = await Promise.all([http.request(PROBES.settings), sdkTenant(ctx)]);
    const evidence: Record<string, unknown> = {
      settings: { status: who.status ?? null, body: who.text ? excerpt(who.text, 200) : null },
      sdk: projects.error ? { sessions: projects.error } : { sessions: 'ok', tenantId: projects.tenantId ?? null },
    };

    const route = routeProblem(who, ctx.finding, { timeoutMs: http.timeoutMs });
    if (route) {
      // Rate limited before the key was confirmed: the authentication gate is not cleared.
      if (route.code === 'RATE_LIMITED') route.severity = 'fail';
      return ctx.report([route], { evidence });
    }

    if (who.status === 200 && who.isJson) {
      const ws = who.json as { id?: string; display_name?: string; tenant_handle?: string };
      evidence.workspace = { id: ws.id ?? null, name: ws.display_name ?? null, handle: ws.tenant_handle ?? null };
      evidence.workspaceId = ws.id ?? null;
      const findings: Finding[] = [];
      if (projects.error && projects.status !== undefined) {
        findings.push(ctx.finding('PERMISSION_UNKNOWN', 'warn', `The key authenticates, but the SDK's projects read (GET /sessions?limit=1) failed: ${projects.error}`, { evidence: { status: projects.status } }));
      }
      const region = settings.endpoint.info?.region;
      return ctx.report(findings, {
        summary: `Key accepted${region ? ` by the ${region.toUpperCase()} region` : ''}: workspace '${ws.display_name ?? ws.id}' (${ws.id})${settings.workspaceId.value ? '' : ', the key\'s default workspace'}`,
        evidence,
      });
    }

    // Refused. Sent with a workspace header, the refusal may be about either: the same read
    // without it tells the key from the workspace (one more request, to the same endpoint).
    const wsId = settings.workspaceId.value;
    const reask = await reaskWithoutWorkspace(http, PROBES.settings, who, !!wsId);
    if (reask) {
      const bare = reask.without;
      evidence.workspaceReask = {
        workspaceId: wsId,
        withHeader: { status: who.status ?? null, body: who.text ? excerpt(who.text, 200) : null },
        withoutHeader: { status: bare.status ?? null, error: bare.networkError?.code ?? bare.blocked ?? null, body: bare.text ? excerpt(bare.text, 200) : null },
        blame: reask.blame,
      };
    }
    const said = `GET ${who.url}${wsId ? ` with X-Tenant-Id ${wsId}` : ''} answered ${who.status} ${excerpt(who.text, 160)}${reask && reask.blame !== 'undecided' ? `; ${reask.why}` : ''}`;
    if (reask?.blame === 'workspace') return workspaceNotAccessible(ctx, said, evidence);

    // Name the cause from the answer, most specific first; a refusal that stands without the
    // workspace header is never blamed on the workspace.
    const matches = classifyAnswer(who.status, who.text);
    const codes = new Set(matches.map((m) => m.code));
    if (reask?.blame === 'key') codes.delete('WORKSPACE_NOT_ACCESSIBLE');

    if (codes.has('KEY_LEGACY')) {
      return refuse(ctx, 'KEY_LEGACY', `LangSmith refused the key as a legacy key: ${said}`, {
        fix: { text: `Create an lsv2_ key (${DOCS.apiKeys}) and remove every ls__ key from the shell, .env files and CI secrets.`, commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] }, evidence,
      });
    }
    if (codes.has('NO_PLAN')) {
      // sdk-audit #1: the one public report of this body was an upload sent with no key at all; this
      // probe did send one, so "the organisation has no plan" stays a hypothesis, said as one.
      return refuse(ctx, 'NO_PLAN', `LangSmith refused the key with "no plan found": ${said}. The one public report of this answer was a request sent without a key; this one carried a key, so the likely reading is that the organisation has no active plan (a hypothesis: check it in Settings → Usage and Billing)`, {
        fix: { text: 'Check the organisation\'s plan in Settings → Usage and Billing (the free Developer plan counts); if a plan is active, check that the app sends this same key (LANGSMITH_API_KEY where it runs).', commands: ['langsmith-doctor --watch 60   # confirms as soon as a plan is active'] }, evidence,
      });
    }
    if (codes.has('WORKSPACE_REQUIRED')) return workspaceRequired(ctx, said, evidence);
    if (codes.has('KEY_EXPIRED')) {
      return refuse(ctx, 'KEY_EXPIRED', `The key has expired: ${said}`, {
        fix: { text: `Expired keys cannot be renewed: create a new key (${DOCS.apiKeys}), with an expiry you will notice.`, commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] }, evidence,
      });
    }
    if (codes.has('WORKSPACE_NOT_ACCESSIBLE')) return workspaceNotAccessible(ctx, said, evidence);

    // An older self-hosted build may not serve /settings: the SDK's own read decides then.
    if (who.status === 404 && !projects.error) {
      evidence.workspaceId = projects.tenantId ?? null;
      return ctx.pass(`Key accepted (GET /sessions); this server has no /settings${projects.tenantId ? `; workspace ${projects.tenantId}` : ''}`, { evidence });
    }
    if (who.status !== 401 && who.status !== 403) {
      return refuse(ctx, 'NOT_LANGSMITH', `GET ${who.url} answered ${who.status} ${excerpt(who.text, 120)}: not an answer LangSmith gives to an authenticated read`, {
        fix: { text: `Check that the endpoint is the LangSmith API (SaaS region host, or a self-hosted base ending in /api/v1). Region hosts: ${Object.entries(settings.regions).map(([r, u]) => `${r} ${u}`).join(', ')}.`, commands: [envLine('LANGSMITH_ENDPOINT', '<the API URL of your region, or your self-hosted base ending in /api/v1>')] },
        docs: DOCS.regions, evidence,
      });
    }

    // Unknown here. A key of another region is unknown to this one (facts §3): ask the others.
    const elsewhere = await probeOtherRegions(ctx);
    evidence.regions = elsewhere.map((r) => ({ region: r.region, status: r.res.status ?? r.res.networkError?.code ?? r.res.blocked ?? null }));
    const home = elsewhere.filter((r) => r.res.status === 200 || classifyAnswer(r.res.status, r.res.text).some((m) => m.code === 'WORKSPACE_REQUIRED'));
    if (home.length === 1) {
      const { region, url } = home[0]!;
      const here = settings.endpoint.info?.region ?? 'the configured endpoint';
      // The host that accepted the key: what --fix writes as the endpoint.
      evidence.acceptedBy = { region, url };
      return refuse(ctx, 'REGION_MISMATCH', `The key belongs to the ${region.toUpperCase()} region: ${here === 'the configured endpoint' ? here : `the ${here.toUpperCase()} endpoint`} refused it (${who.status}${reask?.blame === 'key' ? ', with and without the workspace header' : ''}) and ${url} accepted it`, {
        fix: { text: 'Point the SDKs at your organisation\'s region (set both names for older clients).', commands: [envLine('LANGSMITH_ENDPOINT', url), envLine('LANGCHAIN_ENDPOINT', url)] },
        docs: DOCS.regions, evidence,
      });
    }
    const checked = elsewhere.length > 0 ? `; the other regions (${elsewhere.map((r) => r.region).join(', ')}) do not know it either` : '';
    return refuse(ctx, 'KEY_INVALID', `LangSmith does not accept this key: unknown, revoked, deleted or expired${checked}. ${said}`, {
      fix: { text: `Create a new key in Settings → API Keys (${DOCS.apiKeys}); it works at once. If a key was just created, check that this process really sends it (see the env-vars check).`, commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] },
      docs: DOCS.apiKeys, evidence,
    });
  },
});

/** A failing result with one finding; the evidence stays on the result, where reports show it. */
function refuse(ctx: DoctorContext, code: string, message: string, extras: { fix?: { text: string; commands?: string[] }; docs?: string; evidence?: Record<string, unknown> }) {
  const { evidence, ...rest } = extras;
  return ctx.report([ctx.finding(code, 'fail', message, rest)], { summary: message, evidence });
}

/**
 * The SDK's own first read: the client resolves its tenant from `GET /sessions?limit=1` (facts §10).
 * An empty workspace is fine (the SDK says "No projects found"); refusals carry the SDK's message.
 */
async function sdkTenant(ctx: DoctorContext): Promise<{ tenantId?: string; error?: string; status?: number }> {
  try {
    const client = (await ctx.http.sdkClient()) as unknown as { _getTenantId?: () => Promise<string> };
    if (typeof client._getTenantId !== 'function') return { error: 'this langsmith version has no _getTenantId' };
    return { tenantId: await client._getTenantId() };
  } catch (err) {
    const e = err as { message?: string; status?: number; probe?: ProbeResponse };
    const message = (e.message ?? String(err)).replace(/^Cancel: /, '');
    if (/No projects found/.test(message)) return {};
    return { error: message, status: e.status ?? e.probe?.status };
  }
}

async function workspaceRequired(ctx: DoctorContext, said: string, evidence: Record<string, unknown>) {
  const list = await ctx.http.request({ ...PROBES.workspaces, workspaceId: null });
  const workspaces = Array.isArray(list.json) ? (list.json as Workspace[]) : [];
  evidence.workspaces = workspaces.map((w) => ({ id: w.id, name: w.display_name ?? null, role: w.role_name ?? null }));
  // One command per fix: several workspaces are listed in the text, the command is their template.
  const listed = workspaces.map((w) => `${w.display_name ?? '(unnamed)'}${w.role_name ? ` (${w.role_name})` : ''}: ${w.id}`).join('; ');
  return refuse(ctx, 'WORKSPACE_REQUIRED', `The key is organisation-scoped and needs a workspace id (sent as X-Tenant-Id): ${said}`, {
    fix: {
      text: workspaces.length > 0 ? `Set the workspace to use; this key can see ${workspaces.length}: ${listed}.` : 'Set LANGSMITH_WORKSPACE_ID to the workspace to use (Settings → Workspaces), or use a workspace-scoped key. SDKs older than Python 0.4.20 / JS 0.3.65 never send it.',
      commands: [workspaceLine(workspaces)],
    },
    docs: DOCS.workspaces, evidence,
  });
}

async function workspaceNotAccessible(ctx: DoctorContext, said: string, evidence: Record<string, unknown>) {
  const list = await ctx.http.request({ ...PROBES.workspaces, workspaceId: null });
  const workspaces = Array.isArray(list.json) ? (list.json as Workspace[]) : [];
  evidence.workspaces = workspaces.map((w) => ({ id: w.id, name: w.display_name ?? null }));
  return refuse(ctx, 'WORKSPACE_NOT_ACCESSIBLE', `The key cannot use workspace ${ctx.settings.workspaceId.value}: ${said}`, {
    fix: {
      text: workspaces.length > 0 ? `Use one of the workspaces this key can see (${workspaces.map((w) => `${w.display_name ?? '(unnamed)'}: ${w.id}`).join('; ')}), or ask an admin to add the key (its user or service account) to that workspace.` : 'Check the workspace id, or unset it to use the key\'s default workspace.',
      commands: workspaces.length > 0 ? [workspaceLine(workspaces)] : ['unset LANGSMITH_WORKSPACE_ID'],
    },
    docs: DOCS.workspaces, evidence,
  });
}

/** The same read against every other configured region host, in parallel (never any other host). */
async function probeOtherRegions(ctx: DoctorContext): Promise<Array<{ region: string; url: string; res: ProbeResponse }>> {
  const { settings, http } = ctx;
  const info = settings.endpoint.info;
  // Only for SaaS-style endpoints: a self-hosted instance has no sibling regions.
  if (info && info.kind !== 'region') return [];
  const current = info?.url;
  const others = Object.entries(settings.regions).filter(([, url]) => url.replace(/\/+$/, '') !== current);
  return Promise.all(others.map(async ([region, url]) => ({ region, url, res: await http.request({ ...PROBES.settings, base: url }) })));
}

/** The id itself when there is one workspace; a template when the user must choose. */
function workspaceLine(workspaces: Workspace[]): string {
  return workspaces.length === 1
    ? envLine('LANGSMITH_WORKSPACE_ID', workspaces[0]!.id)
    : envLine('LANGSMITH_WORKSPACE_ID', workspaces.length === 0 ? '<workspace uuid>' : '<one of the workspace ids above>');
}
