// Probes: fetch with our own timeout, no retries, error classification, memoised per request,
// and a transcript of every exchange. The key goes only to the resolved endpoint and the
// configured region hosts, never over plain HTTP except to loopback, never across a redirect.
import { isLoopbackHost } from './regions.js';

export type NetworkCode =
  | 'DNS_FAILURE'
  | 'CONNECTION_REFUSED'
  | 'CONNECTION_RESET'
  | 'TIMEOUT'
  | 'TLS_UNTRUSTED'
  | 'TLS_ERROR'
  | 'NETWORK_ERROR';

export interface ProbeRequest {
  method?: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Base URL; defaults to the resolved endpoint. */
  base?: string;
  /** Path appended to the base, e.g. `/info` or `/api/v1/workspaces`. */
  path?: string;
  /** The path is under /api/v1 (`/workspaces` -> `/api/v1/workspaces`), whether or not the base already ends in /api/v1. */
  v1?: boolean;
  /** A whole URL instead of base + path (the SDK's own requests). */
  url?: string;
  /** A raw body as the SDK built it (multipart, gzip); sent as is. */
  rawBody?: RequestInit['body'];
  /** Headers to pass through (never the auth headers: those are ours). */
  headers?: Record<string, string>;
  /** Send the API key (default true). */
  auth?: boolean;
  /** Workspace id for x-tenant-id: undefined = the configured one, null = none. */
  workspaceId?: string | null;
  body?: unknown;
  timeoutMs?: number;
  /** GETs are memoised; set false to force a fresh request (e.g. --watch). */
  memo?: boolean;
}

export interface ProbeResponse {
  method: string;
  url: string;
  status?: number;
  statusText?: string;
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON. */
  json?: unknown;
  isJson: boolean;
  isHtml: boolean;
  networkError?: { code: NetworkCode; message: string; cause?: string };
  /** Why the request was not sent (policy), if it was not. */
  blocked?: string;
  durationMs: number;
}

export interface TranscriptEntry {
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  error?: string;
  blocked?: string;
  excerpt?: string;
  requestHeaders?: Record<string, string>;
  proxy?: string;
  /** Seconds, from a 429 or 503 answer's Retry-After. */
  retryAfter?: string;
}

export interface Http {
  readonly offline: boolean;
  readonly timeoutMs: number;
  /** The resolved endpoint (base URL), when it is a valid URL. */
  readonly base: string | undefined;
  readonly transcript: TranscriptEntry[];
  request(req: ProbeRequest): Promise<ProbeResponse>;
  /** Whether the key may be sent to this URL, and why not. */
  keyPolicy(url: string): { ok: true } | { ok: false; reason: string };
  /** A `fetch` for the official langsmith Client: every call goes through request() (policy, timeout, transcript). */
  fetchForSdk: typeof fetch;
  /** The proxy requests go through, credentials masked; undefined for direct connections. */
  readonly proxy: string | undefined;
  /** The official langsmith Client on this prober (loaded on first use). */
  sdkClient(): Promise<import('langsmith').Client>;
}

export interface HttpOptions {
  endpoint: string | undefined;
  /** Region hosts the key may also go to. */
  regionUrls: readonly string[];
  apiKey: string | undefined;
  /** False when the key value is not a LangSmith key (placeholder, another provider's key…). */
  keySendable: boolean;
  workspaceId: string | undefined;
  /** How the key travels: `x-api-key` (API keys), or `bearer` (OAuth tokens from the CLI profile, facts §1). */
  authScheme?: 'x-api-key' | 'bearer';
  timeoutMs: number;
  offline: boolean;
  userAgent: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (the analysed environment). */
  env?: Readonly<Record<string, string | undefined>>;
}

const EXCERPT_CHARS = 300;

export function createHttp(opts: HttpOptions): Http {
  const transcript: TranscriptEntry[] = [];
  const memo = new Map<string, Promise<ProbeResponse>>();
  const proxyEnv = proxySettings(opts.env ?? {});
  let proxiedFetch: Promise<typeof fetch> | undefined;
  // Node's fetch ignores proxy variables; the SDK users' Python (requests) honours them, so do we.
  const fetchFor = (url: string): Promise<{ fetch: typeof fetch; proxy?: string }> => {
    if (opts.fetchImpl) return Promise.resolve({ fetch: opts.fetchImpl });
    const proxy = proxyFor(url, proxyEnv);
    if (!proxy) return Promise.resolve({ fetch });
    proxiedFetch ??= makeProxiedFetch(proxyEnv);
    return proxiedFetch.then((f) => ({ fetch: f, proxy: maskProxy(proxy) }));
  };
  const allowed = new Set<string>();
  for (const u of [opts.endpoint, ...opts.regionUrls]) {
    const o = originOf(u);
    if (o) allowed.add(o);
  }

  const keyPolicy = (url: string): { ok: true } | { ok: false; reason: string } => {
    if (!opts.apiKey) return { ok: false, reason: 'no API key is set' };
    if (!opts.keySendable) return { ok: false, reason: 'the key value is not a LangSmith key, so it is sent nowhere' };
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: `not a valid URL: ${url}` };
    }
    if (!allowed.has(u.origin)) return { ok: false, reason: `${u.origin} is neither the endpoint nor a configured region host` };
    if (u.protocol !== 'https:' && !isLoopbackHost(u.hostname)) {
      return { ok: false, reason: `plain HTTP to ${u.host} would expose the key; only loopback may use http://` };
    }
    return { ok: true };
  };

  const send = async (req: ProbeRequest): Promise<ProbeResponse> => {
    const method = req.method ?? 'GET';
    const base = (req.base ?? opts.endpoint ?? '').replace(/\/+$/, '');
    const url = req.url ?? `${base}${req.v1 ? v1Path(base, req.path ?? '') : req.path ?? ''}`;
    const started = performance.now();
    let via: string | undefined;
    const done = (r: Omit<ProbeResponse, 'durationMs' | 'method' | 'url'>, headersSent?: Record<string, string>): ProbeResponse => {
      const durationMs = Math.round(performance.now() - started);
      const res: ProbeResponse = { method, url, durationMs, ...r };
      transcript.push({
        method,
        url,
        status: res.status,
        durationMs,
        error: res.networkError ? `${res.networkError.code}: ${res.networkError.message}` : undefined,
        blocked: res.blocked,
        excerpt: res.text ? excerpt(res.text) : undefined,
        requestHeaders: headersSent,
        proxy: via,
        retryAfter: res.headers['retry-after'],
      });
      return res;
    };
    const empty = { headers: {}, text: '', isJson: false, isHtml: false };
    if (opts.offline) return done({ ...empty, blocked: 'offline (--offline)' });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return done({ ...empty, blocked: `not a valid URL: ${url}` });
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return done({ ...empty, blocked: `unsupported protocol ${parsed.protocol}` });

    const headers: Record<string, string> = { accept: 'application/json', ...req.headers, 'user-agent': opts.userAgent };
    delete headers['x-api-key'];
    delete headers['x-tenant-id'];
    delete headers.authorization;
    const auth = req.auth ?? true;
    if (auth) {
      const policy = keyPolicy(url);
      if (!policy.ok) return done({ ...empty, blocked: policy.reason });
      if (opts.authScheme === 'bearer') headers.authorization = `Bearer ${opts.apiKey!}`;
      else headers['x-api-key'] = opts.apiKey!;
      const ws = req.workspaceId === undefined ? opts.workspaceId : req.workspaceId;
      if (ws) headers['x-tenant-id'] = ws;
    }
    let body: RequestInit['body'] = req.rawBody;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const shownHeaders = {
      ...headers,
      ...(headers['x-api-key'] ? { 'x-api-key': '(the API key)' } : {}),
      ...(headers.authorization ? { authorization: 'Bearer (the OAuth token)' } : {}),
    };
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
    // One deadline for the whole exchange, headers and body. A plain timer held here, not
    // AbortSignal.timeout() inside AbortSignal.any(): Node 20 may garbage-collect that timeout
    // signal before it fires, and the request then hangs (seen here under load).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    const forward = () => deadline.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', forward, { once: true });
    try {
      // redirect: 'manual' — a 3xx is an answer to report, never a reason to resend the key.
      const chosen = await fetchFor(url);
      via = chosen.proxy;
      const response = await chosen.fetch(url, { method, headers, body, redirect: 'manual', signal: deadline.signal });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      let json: unknown;
      let isJson = false;
      if (text.trim() !== '' && (contentType.includes('json') || /^\s*[[{]/.test(text))) {
        try {
          json = JSON.parse(text);
          isJson = true;
        } catch {
          // truncated or not JSON after all; the classifier decides what that means
        }
      }
      const isHtml = contentType.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text);
      const hdrs: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        hdrs[k] = v;
      });
      return done({ status: response.status, statusText: response.statusText, headers: hdrs, text, json, isJson, isHtml }, shownHeaders);
    } catch (err) {
      return done({ ...empty, networkError: classifyNetworkError(err, timeoutMs) }, shownHeaders);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', forward);
    }
  };

  const request = (req: ProbeRequest): Promise<ProbeResponse> => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' || req.memo === false) return send(req);
    const key = JSON.stringify([req.url ?? `${req.base ?? ''}${req.v1 ? '/api/v1' : ''}${req.path ?? ''}`, req.auth ?? true, req.workspaceId === undefined ? '(default)' : req.workspaceId]);
    let p = memo.get(key);
    if (!p) {
      p = send(req);
      memo.set(key, p);
    }
    return p;
  };

  // The SDK retries 5xx, 429 and network errors for 20+ s; a probe wants one answer. A thrown
  // "Cancel…" error is the SDK's own signal to stop retrying, so retryable answers become that.
  const fetchForSdk = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const passHeaders: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      if (k === 'content-type' || k === 'content-encoding' || k === 'accept') passHeaders[k] = v;
    });
    const method = (init?.method ?? 'GET').toUpperCase() as ProbeRequest['method'];
    const res = await request({ url, method, rawBody: init?.body ?? undefined, headers: passHeaders });
    if (res.networkError) throw Object.assign(new Error(`Cancel: ${res.networkError.code}: ${res.networkError.message}`), { probe: res });
    if (res.blocked) throw Object.assign(new Error(`Cancel: not sent: ${res.blocked}`), { probe: res });
    if (res.status !== undefined && (res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500)) {
      throw Object.assign(new Error(`Cancel: ${res.status} ${res.statusText ?? ''} from ${url}`), { probe: res, status: res.status });
    }
    return new Response(res.status === 204 || res.status === 304 ? null : res.text, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;

  let client: Promise<import('langsmith').Client> | undefined;
  const sdkClient = () =>
    (client ??= import('langsmith').then(
      ({ Client }) =>
        new Client({
          apiUrl: opts.endpoint,
          apiKey: opts.apiKey ?? '',
          workspaceId: opts.workspaceId,
          fetchImplementation: fetchForSdk,
          autoBatchTracing: false,
          timeout_ms: opts.timeoutMs,
        }),
    ));

  return {
    offline: opts.offline,
    timeoutMs: opts.timeoutMs,
    fetchForSdk,
    sdkClient,
    proxy: proxyEnv.https ?? proxyEnv.http ? maskProxy((proxyEnv.https ?? proxyEnv.http)!) : undefined,
    base: originOf(opts.endpoint) ? opts.endpoint!.replace(/\/+$/, '') : undefined,
    transcript,
    request,
    keyPolicy,
  };
}

const TLS_UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** Network failures by their cause code: what Node/undici put on `err.cause`. */
export function classifyNetworkError(err: unknown, timeoutMs: number): { code: NetworkCode; message: string; cause?: string } {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
  const cause = e?.cause;
  const code = cause?.code ?? e?.code;
  const msg = cause?.message ?? e?.message ?? String(err);
  if (e?.name === 'TimeoutError' || cause?.name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms`, cause: code };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { code: 'DNS_FAILURE', message: msg, cause: code };
  if (code === 'ECONNREFUSED') return { code: 'CONNECTION_REFUSED', message: msg, cause: code };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return { code: 'CONNECTION_RESET', message: msg, cause: code };
  if (code && TLS_UNTRUSTED_CODES.has(code)) return { code: 'TLS_UNTRUSTED', message: msg, cause: code };
  if (code && (/CERT|TLS|SSL/.test(code) || code === 'EPROTO')) return { code: 'TLS_ERROR', message: msg, cause: code };
  if (e?.name === 'AbortError') return { code: 'TIMEOUT', message: 'aborted', cause: code };
  return { code: 'NETWORK_ERROR', message: msg, cause: code };
}

/** `/api/v1` + path, unless the base (a self-hosted one) already ends with it (facts §3). */
export function v1Path(base: string, path: string): string {
  return /\/api\/v1\/?$/.test(base) ? path : `/api/v1${path}`;
}

interface ProxyEnv {
  https?: string;
  http?: string;
  noProxy: string[];
}

function proxySettings(env: Readonly<Record<string, string | undefined>>): ProxyEnv {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '')?.trim();
  return {
    https: pick('HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'),
    http: pick('HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'),
    noProxy: (pick('NO_PROXY', 'no_proxy') ?? '').split(/[\s,]+/).filter(Boolean),
  };
}

/** The proxy for a URL, after NO_PROXY (`*`, exact host, `.suffix`, `suffix`, host:port). */
export function proxyFor(url: string, p: ProxyEnv): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const proxy = u.protocol === 'https:' ? p.https : p.http;
  if (!proxy) return undefined;
  const host = u.hostname.toLowerCase();
  for (const rule of p.noProxy) {
    const r = rule.toLowerCase();
    if (r === '*') return undefined;
    const [rHost, rPort] = r.split(':');
    if (rPort && rPort !== (u.port || (u.protocol === 'https:' ? '443' : '80'))) continue;
    const bare = rHost!.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  return proxy;
}

async function makeProxiedFetch(p: ProxyEnv): Promise<typeof fetch> {
  const undici = await import('undici');
  const dispatcher = new undici.EnvHttpProxyAgent({ httpProxy: p.http, httpsProxy: p.https, noProxy: p.noProxy.join(',') });
  return ((input: string | URL | Request, init?: RequestInit) => undici.fetch(input as string, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

function maskProxy(proxy: string): string {
  return proxy.replace(/\/\/[^@/]*@/, '//…@');
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS)}…` : oneLine;
}
