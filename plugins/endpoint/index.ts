import {
  defineChecker,
  describeValue,
  DOCS,
  envLine,
  shellQuote,
  isLoopbackHost,
  PROBES,
  routeProblem,
  sourceLabel,
  UI_HOSTS,
  type Finding,
} from '../../src/index.js';

export default defineChecker({
  id: 'endpoint',
  title: 'Endpoint and region',
  async run(ctx) {
    const { endpoint, regions } = ctx.settings;
    const url = endpoint.value ?? '';
    const where = endpoint.source ? sourceLabel(endpoint.source) : 'the endpoint';
    const name = endpoint.source?.kind === 'env' || endpoint.source?.kind === 'dotenv' ? endpoint.source.name : 'LANGSMITH_ENDPOINT';
    // Regions are alternatives: listed in the text; the one command is a template.
    const regionList = `Region API hosts: ${Object.entries(regions).map(([r, u]) => `${r} ${u}`).join(', ')}.`;
    const regionLines = [envLine(name, '<the API URL of your region, or your self-hosted base ending in /api/v1>')];

    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      return ctx.fail('ENDPOINT_INVALID_URL', `${where} is ${describeValue(url)}, not an http(s) URL`, {
        fix: { text: `Set the API URL of your region (or unset it for the US default), or your self-hosted base ending in /api/v1. ${regionList}`, commands: regionLines },
        docs: DOCS.regions,
      });
    }
    const findings: Finding[] = [];
    const uiFor = UI_HOSTS[parsed.hostname];
    if (uiFor) {
      findings.push(ctx.finding('ENDPOINT_UI_HOST', 'fail',
        `${where} is the web app (${parsed.host}), not the API: /info answers HTML and trace uploads get 405`,
        { fix: { text: 'Point it at the API host of the same region.', commands: [envLine(name, uiFor)] }, docs: DOCS.regions }));
    }
    if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
      findings.push(ctx.finding('ENDPOINT_INSECURE', 'fail',
        `${where} uses plain HTTP to ${parsed.host}: the key would cross the network unencrypted, so the doctor sends nothing there`,
        { fix: { text: 'Use https:// (self-hosted: put TLS in front of LangSmith).', commands: [envLine(name, url.replace(/^http:/, 'https:'))] }, docs: DOCS.selfHosted }));
    }
    if (parsed.search || parsed.hash) {
      findings.push(ctx.finding('ENDPOINT_INVALID_URL', 'warn', `${where} has a query or fragment (${parsed.search}${parsed.hash}); the SDKs append paths after it`, {
        fix: { text: 'Remove everything after the path.', commands: [envLine(name, `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`)] },
      }));
    }
    const info = endpoint.info;
    const what = info?.kind === 'region'
      ? `${info.region!.toUpperCase()} region (${info.url})`
      : info?.kind === 'self-hosted'
        ? `self-hosted LangSmith at ${info.url}`
        : `custom endpoint ${info?.url ?? url}`;
    const evidence: Record<string, unknown> = { url: info?.url ?? url, kind: info?.kind, region: info?.region ?? null, source: where };
    const from = endpoint.source?.kind === 'default' ? 'the SDK default' : where;

    // Live: GET /info needs no key and proves a LangSmith API answers there (facts §8).
    let live = ctx.offline ? ' (live check skipped: --offline)' : '';
    if (!ctx.offline && !findings.some((f) => f.severity === 'fail')) {
      let res = await ctx.http.request(PROBES.info);
      // Self-hosted may require auth on /info (FF_INFO_ENDPOINT_AUTH_REQUIRED).
      if ((res.status === 401 || res.status === 403) && (await ctx.http.keyPolicy(res.url)).ok) res = await ctx.http.request({ ...PROBES.info, auth: true });
      const problem = routeProblem(res, ctx.finding, { timeoutMs: ctx.http.timeoutMs, apiUrlsByRegion: regions });
      const body = res.json as Record<string, unknown> | undefined;
      if (problem) findings.push(problem);
      else if (res.status === 200 && res.isJson && typeof body?.version === 'string') {
        const selfHosted = body.license_expiration_time != null || info?.kind === 'self-hosted';
        evidence.version = body.version;
        evidence.selfHosted = selfHosted;
        evidence.sizeLimitBytes = (body.batch_ingest_config as Record<string, unknown> | undefined)?.size_limit_bytes ?? null;
        const via = ctx.http.transcript.find((t) => t.url === res.url)?.proxy;
        evidence.proxy = via ?? null;
        live = `: LangSmith ${body.version}${selfHosted ? ' (self-hosted)' : ''} answers /info in ${res.durationMs} ms${via ? ` via proxy ${via}` : ''}`;
      } else if (res.status === 200 && !res.isJson && /json/.test(res.headers['content-type'] ?? '')) {
        findings.push(ctx.finding('PROXY_INTERFERENCE', 'fail', res.truncated
          ? `${res.url} answered 200 with a body over the size limit (only its first MB was read; /info is a few hundred bytes): something on the route changes answers`
          : `${res.url} answered 200 with JSON that is cut short or altered ("${res.text.slice(0, 60)}…"): something on the route changes answers`, {
          fix: { text: 'Check proxies, VPNs or security agents between you and LangSmith; allow the host.', commands: [`curl -sv ${shellQuote(`${url.replace(/\/+$/, '')}/info`)}`] },
          evidence: { request: `GET ${res.url}`, status: res.status },
        }));
      } else if (res.status === 404 && info?.kind !== 'region') {
        findings.push(ctx.finding('NOT_LANGSMITH', 'fail', `${res.url} answered 404: no LangSmith API at this path`, {
          fix: { text: 'A self-hosted endpoint ends with /api/v1 (the API sits under the app host).', commands: [envLine(name, `${url.replace(/\/api(\/v1)?$/, '')}/api/v1`)] }, docs: DOCS.selfHosted,
          evidence: { request: `GET ${res.url}`, status: res.status },
        }));
      } else if (!res.blocked && res.status !== 401 && res.status !== 403) {
        findings.push(ctx.finding('NOT_LANGSMITH', 'fail', `${res.url} answered ${res.status ?? 'nothing'} without LangSmith's /info document: something else listens there`, {
          fix: { text: `Check the endpoint: it should be the LangSmith API of your region or your self-hosted base ending in /api/v1. ${regionList}`, commands: regionLines },
          evidence: { request: `GET ${res.url}`, status: res.status ?? null },
        }));
      }
    }
    const summary = findings.length === 0 ? `${what}, from ${from}${live}` : undefined;
    return ctx.report(findings, { summary, evidence });
  },
});
