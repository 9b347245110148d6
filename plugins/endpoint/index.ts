import {
  defineChecker,
  describeValue,
  DOCS,
  envLine,
  isLoopbackHost,
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
    const regionLines = Object.entries(regions).map(([r, u]) => `${envLine(name, u)}   # ${r}`);

    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      return ctx.fail('ENDPOINT_INVALID_URL', `${where} is ${describeValue(url)}, not an http(s) URL`, {
        fix: { text: 'Set the API URL of your region (or unset it for the US default), or your self-hosted base ending in /api/v1.', commands: regionLines },
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
    const summary = findings.length === 0 ? `${what}, from ${endpoint.source?.kind === 'default' ? 'the SDK default' : where}` : undefined;
    return ctx.report(findings, {
      summary,
      evidence: { url: info?.url ?? url, kind: info?.kind, region: info?.region ?? null, source: where },
    });
  },
});
