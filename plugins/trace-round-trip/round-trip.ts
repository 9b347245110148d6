// The round trip's steps: create a throwaway project, send one run the way the SDK does, read it
// back until it appears or the time runs out, look for it in the key's other workspaces, and
// delete every project it made. What happened at each step is recorded; findings are made elsewhere.
import { excerpt, PROBES, type DoctorContext, type ProbeResponse } from '../../src/index.js';

/** One request as the findings show it: where it went, with which workspace header, what came back. */
export interface Exchange {
  method: string;
  url: string;
  /** The X-Tenant-Id sent, or null when none was (the key's default workspace). */
  workspaceHeader: string | null;
  status: number | null;
  /** A short excerpt of the answer, or the network error / the reason it was not sent. */
  answer: string;
}

export interface Workspace {
  id: string;
  name: string | null;
}

export interface RoundTrip {
  project: { name: string; id: string | null };
  /** The step the round trip stopped at (`done` when the run was read back). */
  step: 'create' | 'ingest' | 'read' | 'done';
  create: Exchange;
  ingest?: Exchange & { via: 'multipart' | 'batch'; gzip: boolean; why: string; sdkSaid?: string };
  read?: {
    first?: Exchange;
    last?: Exchange;
    /** The workspace reads act in (the one the user looks at). */
    workspace: Workspace | null;
    reads: number;
    waitedMs: number;
    /** Ingest accepted -> first read that returned the run. */
    latencyMs?: number;
    /** Why polling stopped without the run: `deadline`, the read's refusal, or the run found `elsewhere`. */
    stopped?: 'deadline' | 'refused' | 'elsewhere';
  };
  /** Other workspaces looked in when the run did not appear, and where it was found. */
  searched?: Workspace[];
  foundIn?: Workspace & { projectId: string | null };
  /** Every delete attempted (the throwaway project, and any project the run created elsewhere). */
  deletes: Array<Exchange & { ok: boolean; project: string; projectId: string; workspace: Workspace | null }>;
}

/**
 * The time plan, inside the runner's limit for a checker that names none (two request timeouts
 * and 2 s, `checkTimeoutMs`): the deletes keep a reserve, so they always get their turn.
 */
export function timePlan(requestTimeoutMs: number, now = performance.now()) {
  const limit = 2 * requestTimeoutMs + 2000;
  const hardEnd = now + limit - 250;
  const workEnd = hardEnd - Math.min(requestTimeoutMs, limit / 3);
  const pollEnd = workEnd - Math.min(requestTimeoutMs, limit / 6);
  const left = (until: number) => Math.max(0, until - performance.now());
  return {
    pollEnd,
    /** A request timeout for work before the deletes' reserve. */
    work: () => Math.max(1, Math.min(requestTimeoutMs, left(workEnd))),
    /** A request timeout for a delete: whatever is left, at most one request timeout, at least a moment. */
    cleanup: () => Math.max(500, Math.min(requestTimeoutMs, left(hardEnd))),
    pollLeft: () => left(pollEnd),
  };
}

/** Waits between reads: quick at first (runs often appear within a second), then every 2 s (GET /runs/:id is limited to 30/min per key). */
const BACKOFF_MS = [200, 300, 500, 1000, 2000];
/** After this many 404s (about 0.5 s) the other workspaces are read once. */
const EARLY_LOOK_AFTER_READS = 3;

const PROBE_PREFIX = 'langsmith-doctor-trace-';

export async function roundTrip(ctx: DoctorContext, ws: { readsIn: Workspace | null; others: Workspace[] }): Promise<RoundTrip> {
  const { http } = ctx;
  const plan = timePlan(http.timeoutMs);
  const header = ctx.settings.workspaceId.value ?? null;
  const name = `${PROBE_PREFIX}${globalThis.crypto.randomUUID()}`;
  const rt: RoundTrip = { project: { name, id: null }, step: 'create', create: placeholder('POST', '/sessions', header), deletes: [] };

  const created = await http.request({
    method: 'POST', path: '/sessions', timeoutMs: plan.work(),
    body: { name, extra: {}, description: 'Created and deleted by langsmith-doctor --write-probe (trace round trip)' },
  });
  rt.create = exchange(created, header);
  const projectId = (created.json as { id?: unknown } | undefined)?.id;
  if (created.status === undefined || created.status >= 300 || typeof projectId !== 'string') return rt;
  rt.project.id = projectId;

  try {
    rt.step = 'ingest';
    const runId = globalThis.crypto.randomUUID();
    const ingest = await sendRun(ctx, runId, name, header);
    rt.ingest = ingest;
    if (ingest.status === null || ingest.status >= 300) return rt;
    const acceptedAt = performance.now();

    rt.step = 'read';
    // A run lives in one workspace: found in another, it will never appear here. One look early
    // (after the first reads), one at the end.
    const lookElsewhere = async (): Promise<boolean> => {
      if (ws.others.length === 0) return false;
      rt.searched = ws.others;
      rt.foundIn = await searchElsewhere(ctx, runId, ws.others, plan);
      return rt.foundIn !== undefined;
    };
    rt.read = await pollRun(ctx, runId, header, acceptedAt, plan, lookElsewhere);
    rt.read.workspace = ws.readsIn;
    if (rt.read.latencyMs !== undefined) {
      rt.step = 'done';
      return rt;
    }
    if (rt.read.stopped === 'deadline') await lookElsewhere();
    return rt;
  } finally {
    await cleanUp(ctx, rt, header, ws, plan);
  }
}

/**
 * One finished root run, sent by the official client the way its tracing queue sends it: multipart
 * unless `/info` says `use_multipart_endpoint: false`, gzipped when `gzip_body_enabled`.
 */
async function sendRun(ctx: DoctorContext, runId: string, project: string, header: string | null): Promise<NonNullable<RoundTrip['ingest']>> {
  const { http } = ctx;
  const info = await http.request(PROBES.info);
  const body = (info.json ?? {}) as { batch_ingest_config?: { use_multipart_endpoint?: boolean }; instance_flags?: { gzip_body_enabled?: boolean } };
  const multipart = info.status === 200 ? body.batch_ingest_config?.use_multipart_endpoint ?? true : true;
  const gzip = multipart && body.instance_flags?.gzip_body_enabled === true;
  const why = info.status === 200
    ? `GET /info: use_multipart_endpoint ${String(body.batch_ingest_config?.use_multipart_endpoint ?? '(absent)')}, gzip_body_enabled ${String(body.instance_flags?.gzip_body_enabled ?? '(absent)')}`
    : `GET /info gave no answer to go by (${info.status ?? info.networkError?.code ?? info.blocked ?? 'no answer'}): the SDK then uses multipart`;
  const start = new Date();
  const run = {
    id: runId,
    trace_id: runId,
    dotted_order: dottedOrder(start, runId),
    name: 'langsmith-doctor round trip',
    run_type: 'chain',
    inputs: { probe: 'langsmith-doctor --write-probe' },
    outputs: { ok: true },
    start_time: start.toISOString(),
    end_time: new Date().toISOString(),
    session_name: project,
    extra: { metadata: { created_by: 'langsmith-doctor' } },
  };
  const path = multipart ? '/runs/multipart' : '/runs/batch';
  const before = http.transcript.length;
  const said: string[] = [];
  let thrown: string | undefined;
  try {
    const client = await http.sdkClient();
    // A failed upload is only logged by the SDK (console.warn) and, with LANGSMITH_FAILED_TRACES_DIR
    // set, written into that folder: the doctor's probe run must do neither.
    (client as unknown as { failedTracesDir?: string }).failedTracesDir = undefined;
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void said.push(args.map(String).join(' ').replace(/^Cancel: /, ''));
    try {
      if (multipart) await client.multipartIngestRuns({ runCreates: [run as never] }, { useGzip: gzip });
      else await client.batchIngestRuns({ runCreates: [run as never] });
    } finally {
      console.warn = warn;
    }
  } catch (err) {
    thrown = String((err as { message?: string }).message ?? err).replace(/^Cancel: /, '');
  }
  // What the server answered is in the transcript (the SDK hides some answers: a 403's body, for one).
  const sent = http.transcript.slice(before).filter((t) => t.method === 'POST' && t.url.split('?')[0]!.endsWith(path)).at(-1);
  const sdkSaid = [...said, ...(thrown ? [thrown] : [])].join(' | ') || undefined;
  return {
    method: 'POST',
    url: sent?.url ?? `${http.base ?? ''}${path}`,
    workspaceHeader: header,
    status: sent?.status ?? null,
    answer: sent ? sent.excerpt ?? sent.error ?? sent.blocked ?? '' : sdkSaid ?? 'the SDK sent nothing',
    via: multipart ? 'multipart' : 'batch',
    gzip,
    why,
    ...(sdkSaid ? { sdkSaid: excerpt(sdkSaid, 300) } : {}),
  };
}

/** GET /runs/{id} with backoff until the run is there, a read is refused, or the poll time is over. */
async function pollRun(ctx: DoctorContext, runId: string, header: string | null, acceptedAt: number, plan: ReturnType<typeof timePlan>, lookElsewhere: () => Promise<boolean>): Promise<NonNullable<RoundTrip['read']>> {
  const out: NonNullable<RoundTrip['read']> = { workspace: null, reads: 0, waitedMs: 0 };
  for (let i = 0; ; i++) {
    const res = await ctx.http.request({ path: `/runs/${runId}`, memo: false, timeoutMs: plan.work() });
    out.reads++;
    const ex = exchange(res, header);
    out.first ??= ex;
    out.last = ex;
    out.waitedMs = Math.round(performance.now() - acceptedAt);
    if (res.status === 200 && (res.json as { id?: unknown } | undefined)?.id === runId) {
      out.latencyMs = out.waitedMs;
      return out;
    }
    // 404 is "not there yet"; anything else will not change by asking again.
    if (res.status !== 404) {
      out.stopped = 'refused';
      return out;
    }
    if (out.reads === EARLY_LOOK_AFTER_READS && (await lookElsewhere())) {
      out.stopped = 'elsewhere';
      return out;
    }
    const pause = Math.min(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]!, plan.pollLeft());
    if (pause <= 0 || ctx.signal.aborted) {
      out.stopped = 'deadline';
      return out;
    }
    await sleep(pause, ctx.signal);
  }
}

/** The run in another workspace of the key (one read each, with that workspace's id). */
async function searchElsewhere(ctx: DoctorContext, runId: string, others: Workspace[], plan: ReturnType<typeof timePlan>): Promise<RoundTrip['foundIn']> {
  const found = await Promise.all(others.map(async (w) => {
    const res = await ctx.http.request({ path: `/runs/${runId}`, workspaceId: w.id, memo: false, timeoutMs: plan.work() });
    const run = res.status === 200 ? (res.json as { id?: unknown; session_id?: unknown } | undefined) : undefined;
    return run?.id === runId ? { ...w, projectId: typeof run.session_id === 'string' ? run.session_id : null } : undefined;
  }));
  return found.find((f) => f !== undefined);
}

/** Deletes the throwaway project, and the project of the same name the run created where it landed. */
async function cleanUp(ctx: DoctorContext, rt: RoundTrip, header: string | null, ws: { readsIn: Workspace | null; others: Workspace[] }, plan: ReturnType<typeof timePlan>): Promise<void> {
  const targets: Array<{ projectId: string; workspace: Workspace | null; workspaceId?: string }> = [];
  if (rt.project.id) targets.push({ projectId: rt.project.id, workspace: ws.readsIn });
  const landed = rt.foundIn;
  if (landed) {
    let strayId = landed.projectId;
    if (!strayId) {
      const list = await ctx.http.request({ path: `/sessions?name=${encodeURIComponent(rt.project.name)}`, workspaceId: landed.id, memo: false, timeoutMs: plan.cleanup() });
      strayId = Array.isArray(list.json) ? ((list.json as Array<{ id?: string; name?: string }>).find((p) => p.name === rt.project.name)?.id ?? null) : null;
    }
    if (strayId) targets.push({ projectId: strayId, workspace: { id: landed.id, name: landed.name }, workspaceId: landed.id });
  }
  await Promise.all(targets.map(async (t) => {
    const res = await ctx.http.request({ method: 'DELETE', path: `/sessions/${encodeURIComponent(t.projectId)}`, ...(t.workspaceId ? { workspaceId: t.workspaceId } : {}), timeoutMs: plan.cleanup() });
    // 404: already gone, nothing left behind.
    const ok = res.status !== undefined && (res.status < 300 || res.status === 404);
    rt.deletes.push({ ...exchange(res, t.workspaceId ?? header), ok, project: rt.project.name, projectId: t.projectId, workspace: t.workspace });
  }));
}

function exchange(res: ProbeResponse, header: string | null): Exchange {
  return {
    method: res.method,
    url: res.url,
    workspaceHeader: header,
    status: res.status ?? null,
    answer: res.status !== undefined ? excerpt(res.text, 160) : res.networkError ? `${res.networkError.code}: ${res.networkError.message}` : res.blocked ? `not sent: ${res.blocked}` : '',
  };
}

function placeholder(method: string, path: string, header: string | null): Exchange {
  return { method, url: path, workspaceHeader: header, status: null, answer: '' };
}

/** The SDK's dotted order for a root run: start time to the microsecond, `Z`, then the run id. */
function dottedOrder(start: Date, runId: string): string {
  return `${start.toISOString().replace(/[-:.]/g, '').replace('Z', '000Z')}${runId}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export { PROBE_PREFIX };
