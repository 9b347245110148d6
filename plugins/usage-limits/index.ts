import { defineChecker, DOCS, PROBES, routeProblem, type Finding } from '../../src/index.js';

export default defineChecker({
  id: 'usage-limits',
  title: 'Usage and rate limits',
  requires: ['auth'],
  network: true,
  async run(ctx) {
    const res = await ctx.http.request(PROBES.usageLimits);
    const findings: Finding[] = [];
    const body = res.json as { in_reject_set?: boolean; usage_limit_type?: string | null; tenant_limit?: number | null } | undefined;
    const evidence: Record<string, unknown> = { status: res.status ?? null, inRejectSet: body?.in_reject_set ?? null, type: body?.usage_limit_type ?? null, limit: body?.tenant_limit ?? null };
    if (res.status === 200 && body?.in_reject_set === true) {
      const type = body.usage_limit_type ?? 'a usage limit';
      findings.push(ctx.finding('USAGE_LIMIT_REACHED', 'fail', `The workspace is over ${type}${body.tenant_limit != null ? ` (limit ${body.tenant_limit})` : ''}: new traces are refused with 429 until it resets or is raised`, {
        fix: { text: 'Check Settings → Usage and Billing: raise the limit or add billing, wait for the reset, or send less (LANGSMITH_TRACING_SAMPLING_RATE). New limits apply within a minute or two.', commands: ['export LANGSMITH_TRACING_SAMPLING_RATE=0.1'] },
        docs: DOCS.limits, evidence,
      }));
    } else {
      const route = routeProblem(res, ctx.finding, { timeoutMs: ctx.http.timeoutMs });
      if (route?.code === 'RATE_LIMITED') findings.push(route);
    }
    // Any 429 another probe met counts too.
    if (!findings.some((f) => f.code === 'RATE_LIMITED')) {
      const limited = ctx.http.transcript.find((t) => t.status === 429);
      if (limited) {
        const retry = limited.retryAfter ? ` (Retry-After: ${limited.retryAfter} s)` : '';
        findings.push(ctx.finding('RATE_LIMITED', 'warn', `${limited.method} ${limited.url} answered 429 Too Many Requests${retry}: rate limits answer 429, never 403`, {
          fix: { text: `Wait${limited.retryAfter ? ` ${limited.retryAfter} s` : ''} and retry; lower request or trace volume.`, commands: ['export LANGSMITH_TRACING_SAMPLING_RATE=0.5'] }, docs: DOCS.limits,
          evidence: { retryAfter: limited.retryAfter ?? null },
        }));
      }
    }
    const summary = findings.length === 0
      ? res.status === 200 ? 'Within limits (not in the reject set)' : `Limit state not readable (${res.status ?? res.networkError?.code ?? 'no answer'}); no 429 seen`
      : undefined;
    return ctx.report(findings, { summary, evidence });
  },
});
