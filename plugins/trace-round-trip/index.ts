import { defineChecker, DOCS, envLine, PROBES, type DoctorContext, type Finding } from '../../src/index.js';
import { PROBE_PREFIX, roundTrip, type Exchange, type RoundTrip, type Workspace } from './round-trip.js';

export default defineChecker<{ writeProbe?: boolean }>({
  id: 'trace-round-trip',
  title: 'Trace round trip',
  requires: ['permission-tier'],
  // auth's evidence names the workspace reads act in (what /settings answered).
  after: ['auth'],
  network: true,
  codes: ['TRACE_ROUND_TRIP_OK', 'TRACE_PROJECT_CREATE_REFUSED', 'TRACE_INGEST_REFUSED', 'TRACE_NOT_VISIBLE', 'WRITE_PROBE_LEFTOVER'],
  async run(ctx) {
    // Opt-in: without --write-probe nothing is written (not even a request is made).
    if (!ctx.options.writeProbe) return ctx.skip('opt-in: run with --write-probe to send one run and read it back (in a throwaway project, deleted after)');
    const tier = ctx.results['permission-tier']?.evidence?.tier;
    if (tier === 'read-only') return ctx.skip('skipped: a read-only key cannot send runs (permission-tier says why)');

    const ws = await workspaces(ctx);
    const rt = await roundTrip(ctx, ws);
    const findings: Finding[] = [];
    if (rt.step === 'create') findings.push(await createRefused(ctx, rt));
    else if (rt.step === 'ingest') findings.push(ingestRefused(ctx, rt));
    else if (rt.step === 'read') findings.push(notVisible(ctx, rt));
    else findings.push(completed(ctx, rt));
    for (const d of rt.deletes.filter((x) => !x.ok)) {
      findings.push(ctx.finding('WRITE_PROBE_LEFTOVER', 'warn',
        `The round trip's project ${d.project} (${d.projectId}${d.workspace ? ` in workspace ${label(d.workspace)}` : ''}) could not be deleted: DELETE ${d.url} ${d.status !== null ? 'answered' : 'failed:'} ${said(d)}. Delete it by hand.`, {
          fix: { text: `Delete the project ${d.project} in LangSmith → Projects${d.workspace ? ` (workspace ${label(d.workspace)})` : ''}, or ask a workspace admin to.`, commands: [] },
          evidence: { delete: d },
        }));
    }
    return ctx.report(findings, { summary: summaryOf(rt), evidence: evidenceOf(rt) });
  },
});

/** Where reads act (the workspace /settings named), and the key's other workspaces to look in. */
async function workspaces(ctx: DoctorContext): Promise<{ readsIn: Workspace | null; others: Workspace[] }> {
  const list = await ctx.http.request(PROBES.workspaces);
  const items = Array.isArray(list.json) ? (list.json as Array<{ id?: string; display_name?: string }>).filter((w) => typeof w.id === 'string') : [];
  const id = (ctx.results.auth?.evidence?.workspaceId as string | undefined) ?? ctx.settings.workspaceId.value;
  const all = items.map((w) => ({ id: w.id!, name: w.display_name ?? null }));
  const readsIn = all.find((w) => w.id.toLowerCase() === id?.toLowerCase()) ?? (id ? { id, name: null } : all.length === 1 ? all[0]! : null);
  // A few: each costs a read of GET /runs/:id, which is limited to 30 a minute per key. Not
  // knowing where reads act, a run found "elsewhere" could be where they act: then none.
  const others = readsIn ? all.filter((w) => w.id.toLowerCase() !== readsIn.id.toLowerCase()).slice(0, 8) : [];
  return { readsIn, others };
}

async function createRefused(ctx: DoctorContext, rt: RoundTrip): Promise<Finding> {
  const c = rt.create;
  const role = ctx.results['permission-tier']?.evidence?.role as string | null | undefined;
  const existing = await existingProject(ctx);
  const forbidden = c.status === 403;
  const who = role ? `the role ${role}` : 'this key';
  const because = forbidden ? `: ${who} cannot create projects (projects:create; Editors and Viewers cannot, an Admin can)` : '';
  const offer = existing
    ? `Tracing into an existing project does not need projects:create: '${existing}' is one this key can see.`
    : 'Tracing into an existing project does not need projects:create (this key sees none to name).';
  return ctx.finding('TRACE_PROJECT_CREATE_REFUSED', forbidden ? 'warn' : 'fail',
    `Round trip stopped at step 1 (create a throwaway project): ${c.method} ${c.url} answered ${said(c)}${because}. Nothing was sent. ${offer}`, {
      fix: {
        text: `Send your traces into an existing project (the doctor does not send its probe run there, since it could not delete it again)${forbidden ? '; to run the round trip itself, use a key with the Admin role' : ''}.`,
        commands: [envLine('LANGSMITH_PROJECT', existing ?? '<an existing project name>')],
      },
      docs: DOCS.rbac,
      evidence: { create: c, existingProject: existing ?? null },
    });
}

/** A project the key can see: the configured one when it exists, else the newest that is not a probe's. */
async function existingProject(ctx: DoctorContext): Promise<string | undefined> {
  const res = await ctx.http.request({ path: '/sessions?limit=20' });
  const names = Array.isArray(res.json) ? (res.json as Array<{ name?: unknown }>).map((p) => p.name).filter((n): n is string => typeof n === 'string' && !n.startsWith(PROBE_PREFIX) && !n.startsWith('langsmith-doctor-probe-')) : [];
  const configured = ctx.settings.project.value;
  return configured && names.includes(configured) ? configured : names[0];
}

function ingestRefused(ctx: DoctorContext, rt: RoundTrip): Finding {
  const i = rt.ingest!;
  const status = i.status;
  const hint = status === 403 ? ' A 403 here, with reads working, is the role (no runs:create), the workspace header, or the region (facts §3).'
    : status === 429 ? ' 429: a rate or usage limit (see usage-limits).'
    : status === 413 ? ' 413: a body limit in front of LangSmith refuses even one small run.'
    : '';
  return ctx.finding('TRACE_INGEST_REFUSED', 'fail',
    `Round trip stopped at step 2 (send one run): POST ${i.url} (${how(rt)}, as the SDK sends it; ${tenant(i.workspaceHeader)}) answered ${said(i)}.${hint} Traced code never sees this: the SDK only logs it and drops the run. The throwaway project was deleted.`, {
      fix: {
        text: status === 403 ? 'Check the key\'s role in this workspace (runs:create), LANGSMITH_WORKSPACE_ID, and the endpoint\'s region; the doctor\'s other findings name which.' : 'Fix what the answer names, then re-run the round trip.',
        commands: ['langsmith-doctor --write-probe'],
      },
      evidence: { ingest: i },
    });
}

function notVisible(ctx: DoctorContext, rt: RoundTrip): Finding {
  const i = rt.ingest!;
  const r = rt.read!;
  const sent = `POST ${i.url} (${how(rt)}, as the SDK sends it; ${tenant(i.workspaceHeader)}) answered ${i.status}`;
  const where = r.workspace ? label(r.workspace) : 'the workspace reads act in';
  const polled = `${r.reads} ${r.reads === 1 ? 'read' : 'reads'} of GET /runs/{id} over ${seconds(r.waitedMs)} answered 404`;
  if (r.stopped === 'refused') {
    return ctx.finding('TRACE_NOT_VISIBLE', 'fail',
      `Round trip stopped at step 3 (read it back): the run was accepted (${sent}), but GET /runs/{id} (${tenant(r.last!.workspaceHeader)}) answered ${said(r.last!)}.`, {
        fix: { text: 'Reads of runs need runs:read (every role has it): a refusal here comes from something between you and LangSmith, a custom role, or the workspace header. Fix what the answer names.', commands: ['langsmith-doctor --write-probe'] },
        evidence: { ingest: i, read: r },
      });
  }
  if (rt.foundIn) {
    const f = rt.foundIn;
    return ctx.finding('TRACE_NOT_VISIBLE', 'fail',
      `The run landed in workspace ${label(f)}, not in ${where}, where reads act: ${sent}, then ${polled}, and the same read in ${short(f)} found it. Traces sent this way are written where you do not look.`, {
        fix: {
          text: `Look for your traces in workspace ${label(f)}, or set LANGSMITH_WORKSPACE_ID to it so reads and writes agree. If they belong in ${where}, use a key whose default workspace is that one (and check LANGSMITH_RUNS_ENDPOINTS).`,
          commands: [envLine('LANGSMITH_WORKSPACE_ID', f.id)],
        },
        docs: DOCS.rbac,
        evidence: { ingest: i, read: r, foundIn: f },
      });
  }
  const searched = rt.searched?.length ? ` Nor is it in the key's other ${rt.searched.length === 1 ? 'workspace' : `${rt.searched.length} workspaces`} (${rt.searched.map(label).join(', ')}).` : '';
  return ctx.finding('TRACE_NOT_VISIBLE', 'warn',
    `The run was accepted but not visible in ${where} within ${seconds(r.waitedMs)}: ${sent}, then ${polled}.${searched} Either ingestion is slower than that here, or runs sent to ${originOf(i.url)} land in another region or data plane than the one read.`, {
      fix: { text: 'Re-run with a longer --timeout: the round trip waits about --timeout + 0.75 s for the run to appear. If it still does not, compare LANGSMITH_ENDPOINT and LANGSMITH_RUNS_ENDPOINTS with the region your workspace lives in.', commands: [`langsmith-doctor --write-probe --timeout ${Math.max(10_000, ctx.http.timeoutMs * 2)}`] },
      evidence: { ingest: i, read: r, searched: rt.searched ?? [] },
    });
}

function completed(ctx: DoctorContext, rt: RoundTrip): Finding {
  const r = rt.read!;
  return ctx.finding('TRACE_ROUND_TRIP_OK', 'info',
    `Round trip complete: created project ${rt.project.name}, sent one run (POST ${pathOf(rt.ingest!.url)}${rt.ingest!.gzip ? ', gzip' : ''} → ${rt.ingest!.status}; ${tenant(rt.ingest!.workspaceHeader)}), read it back ${seconds(r.latencyMs!)} after ingest (${r.reads} ${r.reads === 1 ? 'read' : 'reads'} of GET /runs/{id}${r.workspace ? ` in workspace ${label(r.workspace)}` : ''}), deleted the project.`, {
      evidence: { latencyMs: r.latencyMs, reads: r.reads },
    });
}

function summaryOf(rt: RoundTrip): string {
  const left = rt.deletes.some((d) => !d.ok) ? '; a project was left behind' : '';
  switch (rt.step) {
    case 'create':
      return `step 1 refused: creating a project answered ${rt.create.status ?? rt.create.answer}`;
    case 'ingest':
      return `step 2 refused: POST ${pathOf(rt.ingest!.url)} answered ${rt.ingest!.status ?? rt.ingest!.answer}${left}`;
    case 'read': {
      const r = rt.read!;
      if (r.stopped === 'refused') return `step 3: reading the run back answered ${r.last?.status ?? r.last?.answer}${left}`;
      if (rt.foundIn) return `run accepted, but it landed in workspace ${short(rt.foundIn)}${r.workspace ? `, not ${short(r.workspace)}` : ''}${left}`;
      return `run accepted, but not visible within ${seconds(r.waitedMs)}${left}`;
    }
    default:
      return `run visible ${seconds(rt.read!.latencyMs!)} after ingest (${how(rt)}); project deleted${left}`;
  }
}

function evidenceOf(rt: RoundTrip): Record<string, unknown> {
  return {
    step: rt.step,
    project: rt.project,
    create: rt.create,
    ingest: rt.ingest ?? null,
    read: rt.read ?? null,
    latencyMs: rt.read?.latencyMs ?? null,
    searched: rt.searched ?? [],
    foundIn: rt.foundIn ?? null,
    deletes: rt.deletes,
    leftover: rt.deletes.some((d) => !d.ok),
  };
}

const how = (rt: RoundTrip) => `${rt.ingest!.via}${rt.ingest!.gzip ? ', gzip' : ''}`;
const tenant = (h: string | null) => (h ? `x-tenant-id ${h}` : 'no x-tenant-id: the key\'s default workspace');
const short = (w: Workspace) => (w.name ? `'${w.name}'` : w.id);
const label = (w: Workspace) => (w.name ? `'${w.name}' (${w.id})` : w.id);
const said = (e: Exchange) => (e.status !== null ? `${e.status}${e.answer ? ` ${e.answer}` : ''}` : e.answer || 'no answer');
const pathOf = (u: string) => (URL.canParse(u) ? new URL(u).pathname : u);
const originOf = (u: string) => (URL.canParse(u) ? new URL(u).origin : u);
const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
