// What a probe's answer says about the route to LangSmith, before any question of the key:
// network failures, TLS, outages, proxies, web-app hosts, redirects, rate limits.
import type { Finding } from '../core/checker.js';
import { DOCS } from './docs.js';
import type { ProbeResponse } from './http.js';
import { looksLikeLangSmithApp, looksLikeProxyPage } from './signatures.js';
import { envLine, shellQuote } from './text.js';

type Make = (code: string, severity: Finding['severity'], message: string, extras?: Omit<Finding, 'code' | 'severity' | 'message'>) => Finding;

const STATUS_PAGE = 'https://status.smith.langchain.com';

/** A finding when the answer shows a route problem; undefined when LangSmith itself answered. */
export function routeProblem(res: ProbeResponse, f: Make, opts: { timeoutMs: number; apiUrlsByRegion?: Record<string, string> } = { timeoutMs: 5000 }): Finding | undefined {
  const where = `${res.method} ${res.url}`;
  const host = hostOf(res.url);
  const evidence = { request: where, status: res.status ?? null, error: res.networkError?.code ?? null, durationMs: res.durationMs };
  if (res.networkError) {
    const { code, message, cause } = res.networkError;
    switch (code) {
      case 'DNS_FAILURE':
        // Through a proxy, the only name this side resolves is the proxy's.
        if (res.proxy) return f(code, 'fail', `The proxy ${res.proxy} does not resolve (${cause ?? message}): ${where}`, { fix: { text: 'Check the host name in HTTPS_PROXY / HTTP_PROXY / ALL_PROXY.', commands: [] }, evidence: { ...evidence, proxy: res.proxy } });
        return f(code, 'fail', `${host} does not resolve (${cause ?? message}): ${where}`, {
          fix: { text: 'Check the host name for typos; on a VPN or corporate network, check that its DNS resolves it.', commands: [`nslookup ${shellQuote(host.replace(/:\d+$/, ''))}`] }, evidence,
        });
      case 'CONNECTION_REFUSED':
        if (res.proxy) return f(code, 'fail', `The proxy ${res.proxy} refuses connections (${cause ?? 'ECONNREFUSED'}): ${where}`, { fix: { text: 'Check the proxy address and port in HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, or that the proxy is running.', commands: [] }, evidence: { ...evidence, proxy: res.proxy } });
        return f(code, 'fail', `Nothing accepts connections at ${host} (${cause ?? 'ECONNREFUSED'}): ${where}`, {
          fix: { text: 'Self-hosted: check that LangSmith is running and listening on that port. SaaS: a firewall or a required proxy refuses the route (set HTTPS_PROXY).', commands: [`curl -v ${shellQuote(`${originOf(res.url)}/info`)}`] }, evidence,
        });
      case 'CONNECTION_RESET':
        return f(code, 'fail', `The connection to ${host} was reset (${cause ?? message}): typical of a VPN or proxy cutting it`, {
          fix: { text: `Allow ${host} on the VPN or proxy, or bypass it for this host.`, commands: [`curl -v ${shellQuote(`${originOf(res.url)}/info`)}`] }, evidence,
        });
      case 'TIMEOUT':
        return f(code, 'fail', `No answer from ${host} within ${opts.timeoutMs} ms: ${where}`, {
          fix: { text: 'A firewall is dropping the traffic, or this network needs a proxy (set HTTPS_PROXY; Node SDK users also need a proxy-aware fetch). Raise --timeout only if the link is just slow.', commands: [`curl -sS --max-time 10 ${shellQuote(`${originOf(res.url)}/info`)}`] }, evidence,
        });
      case 'TLS_UNTRUSTED':
        return f(code, 'fail', `The certificate of ${host} is not trusted (${cause ?? message}): typical of a TLS-inspecting corporate proxy`, {
          fix: { text: "Give Node and Python your company's root CA instead of turning verification off.", commands: ['export NODE_EXTRA_CA_CERTS=<path to your corporate root CA .pem>   # Node (JS SDK)', 'export REQUESTS_CA_BUNDLE="$NODE_EXTRA_CA_CERTS"   # Python (requests)', 'export SSL_CERT_FILE="$NODE_EXTRA_CA_CERTS"'] }, evidence,
        });
      case 'TLS_ERROR':
        return f(code, 'fail', `TLS with ${host} failed (${cause ?? message})`, {
          fix: { text: 'Check the URL scheme and port (https to an http port fails), the certificate host name, and the system clock.', commands: [`openssl s_client -connect ${shellQuote(host.includes(':') ? host : `${host}:443`)} -servername ${shellQuote(host.split(':')[0]!)} </dev/null`] }, evidence,
        });
      default:
        if (/bad port/i.test(message)) {
          // fetch refuses a list of ports (6000, 6667, …) outright; the JS SDK cannot use them either.
          return f('ENDPOINT_INVALID_URL', 'fail', `${host} uses a port that fetch refuses to connect to ("bad port"): the JS SDK cannot reach it either`, {
            fix: { text: 'Serve the API on another port (443, 80, 8080, 1984…).', commands: [] }, evidence,
          });
        }
        // A failure none of the codes above names: say so, with the raw error, instead of guessing.
        return f('NETWORK_ERROR', 'fail', `The request to ${host} failed: ${message}${cause ? ` (${cause})` : ''}`, {
          fix: { text: 'Retry once; if it persists, run the same request with curl to see the raw failure.', commands: [`curl -v ${shellQuote(`${originOf(res.url)}/info`)}`] }, evidence,
        });
    }
  }
  if (res.blocked || res.status === undefined) return undefined;
  const status = res.status;
  if (status >= 500) {
    // A 5xx is the service's problem (even as an HTML page): never the key's.
    return f('SERVICE_ERROR', 'fail', `${host} answered ${status}${res.statusText ? ` ${res.statusText}` : ''} to ${where}: a server-side problem, not your key`, {
      fix: { text: `Check ${STATUS_PAGE} (self-hosted: the deployment's logs) and try again later; no change on your side is needed.`, commands: ['langsmith-doctor --watch 60   # re-probes until the service answers'] }, docs: STATUS_PAGE, evidence,
    });
  }
  if (status === 429) {
    // Seconds parsed by the prober (delta or HTTP date, capped); garbage or negative is no advice.
    const retry = res.retryAfterSeconds;
    return f('RATE_LIMITED', 'warn', `${host} answered 429 Too Many Requests${retry !== undefined ? ` (Retry-After: ${retry} s)` : ''}: limits answer 429, never 403`, {
      fix: { text: `Wait${retry !== undefined ? ` ${retry} s` : ''} and retry; lower request or trace volume (sampling: LANGSMITH_TRACING_SAMPLING_RATE).`, commands: ['export LANGSMITH_TRACING_SAMPLING_RATE=0.5', `langsmith-doctor --watch ${Math.min(3600, Math.max(60, retry ?? 0))}`] }, docs: DOCS.limits, evidence: { ...evidence, retryAfter: retry ?? null },
    });
  }
  if (status >= 300 && status < 400) {
    const location = res.headers.location;
    return f('ENDPOINT_REDIRECT', 'fail', `${host} redirects ${where} to ${location ?? '(no location)'}; the SDKs do not resend the key across a redirect, and neither does the doctor`, {
      fix: { text: 'Set the endpoint to the final API URL.', commands: location ? [envLine('LANGSMITH_ENDPOINT', location.replace(/\/info$/, ''))] : [] }, evidence: { ...evidence, location: location ?? null },
    });
  }
  if (res.isHtml) {
    if (looksLikeLangSmithApp(res.text) || status === 405) {
      return f('ENDPOINT_UI_HOST', 'fail', `${host} answers the LangSmith web app (HTML) instead of the API: the endpoint is the web host`, {
        fix: { text: `Point the endpoint at the API host of your region (${Object.entries(opts.apiUrlsByRegion ?? {}).map(([r, u]) => `${r} ${u}`).join(', ') || '…api.smith.langchain.com'}), or a self-hosted base ending in /api/v1.`, commands: [envLine('LANGSMITH_ENDPOINT', '<the API URL of your region, or your self-hosted base ending in /api/v1>')] }, docs: DOCS.regions, evidence,
      });
    }
    return f(looksLikeProxyPage(res.text, res.headers) ? 'PROXY_INTERFERENCE' : 'NOT_LANGSMITH', 'fail',
      `${where} answered ${status} with an HTML page${looksLikeProxyPage(res.text, res.headers) ? ' from a proxy or gateway' : ''}, not LangSmith JSON: "${excerpt(res.text)}"`, {
        fix: { text: `Something between you and LangSmith answers in its place: allow ${host} on the proxy, or set HTTPS_PROXY/NO_PROXY so the SDKs take the right route.`, commands: [`curl -sv ${originOf(res.url)}/info`] }, evidence,
      });
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/(info|settings|sessions.*|api\/v1\/.*)$/, '')}`;
  } catch {
    return url;
  }
}

export function excerpt(text: string, n = 100): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/[\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}
