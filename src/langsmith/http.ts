// Probes: fetch with our own timeout, no retries, error classification, memoised per request,
// and a transcript of every exchange. The key goes only to the resolved endpoint and the
// configured region hosts, never over plain HTTP except to loopback, never across a redirect.
import { cut, mapStrings, MAX_BODY_BYTES, MAX_FIELD_CHARS, MAX_HEADER_CHARS, readBounded, retryAfterSeconds } from './body.js';
import { isLoopbackAddress } from './addresses.js';
import { createDispatchers, createResolver, loadUndici, type LookupFn, type ResolvedAddress } from './transport.js';
import { monotonicMs } from '../core/clock.js';

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
  /** Header values as received, each cut to a few hundred characters. */
  headers: Record<string, string>;
  /** The body as text (redacted, at most MAX_BODY_BYTES of it). */
  text: string;
  /** Parsed body when it is JSON (strings cut, not redacted: outputs redact them). */
  json?: unknown;
  isJson: boolean;
  isHtml: boolean;
  /** The body was longer than the limit: only its beginning was read. */
  truncated?: boolean;
  /** Retry-After in seconds from now (delta or date), when the answer had a usable one. */
  retryAfterSeconds?: number;
  networkError?: { code: NetworkCode; message: string; cause?: string };
  /** Why the request was not sent (policy), if it was not. */
  blocked?: string;
  /** The proxy the request went through (credentials masked). */
  proxy?: string;
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
  /** Only the beginning of the body was read (it was over the size limit). */
  truncated?: boolean;
  /** Sent, but no answer yet when the run ended (a prefetch nobody waited for). */
  unfinished?: boolean;
}

export type KeyPolicy = { ok: true } | { ok: false; reason: string };

export interface Http {
  readonly offline: boolean;
  readonly timeoutMs: number;
  /** The resolved endpoint (base URL), when it is a valid URL. */
  readonly base: string | undefined;
  /** Every request of the run, in the order they were started; unfinished ones say so. */
  readonly transcript: TranscriptEntry[];
  request(req: ProbeRequest): Promise<ProbeResponse>;
  /**
   * Whether the key may be sent to this URL, and why not. Asynchronous: plain HTTP is allowed
   * only when every address the host resolves to is loopback, which takes a lookup.
   */
  keyPolicy(url: string): Promise<KeyPolicy>;
  /** A `fetch` for the official langsmith Client: every call goes through request() (policy, timeout, transcript). */
  fetchForSdk: typeof fetch;
  /** The proxy requests go through, credentials masked; undefined for direct connections. */
  readonly proxy: string | undefined;
  /** The official langsmith Client on this prober (loaded on first use). */
  sdkClient(): Promise<import('langsmith').Client>;
  /** A copy of the transcript as it stands (unfinished requests with their time so far). */
  transcriptSnapshot(): TranscriptEntry[];
  /** Aborts what is still in flight and closes idle connections (the run is over). */
  close(): Promise<void>;
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
  signal?: AbortSignal;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (the analysed environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Applied to every text a server sends before anything cuts it (the run's redactor). */
  redact?: (text: string) => string;
  /** Host name resolution (default dns.lookup); tests inject one. */
  lookup?: LookupFn;
  /** Body size limit in bytes, after decompression (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

const EXCERPT_CHARS = 300;
/** setTimeout fires at once for delays over 2^31-1 ms: a huge --timeout must still mean "wait". */
const MAX_TIMER_MS = 2_147_483_647;
const timerMs = (ms: number) => Math.min(Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_MS), MAX_TIMER_MS);

export function createHttp(opts: HttpOptions): Http {
  const transcript: TranscriptEntry[] = [];
  const startedAt = new WeakMap<TranscriptEntry, number>();
  const memo = new Map<string, Promise<ProbeResponse>>();
  const proxyEnv = proxySettings(opts.env ?? {});
  const resolver = createResolver(opts.lookup);
  const dispatchers = createDispatchers(resolver);
  const redact = opts.redact ?? ((s: string) => s);
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  // Ends whatever is still in flight when the run is over (and follows the caller's signal).
  const runOver = new AbortController();
  // Start loading the HTTP client now, while the static checks run.
  if (!opts.offline) void loadUndici().catch(() => undefined);
  opts.signal?.addEventListener('abort', () => runOver.abort(opts.signal?.reason), { once: true });
  const allowed = new Set<string>();
  for (const u of [opts.endpoint, ...opts.regionUrls]) {
    const o = originOf(u);
    if (o) allowed.add(o);
  }

  const keyPolicy = async (url: string): Promise<KeyPolicy> => {
    if (!opts.apiKey) return { ok: false, reason: 'no API key is set' };
    if (!opts.keySendable) return { ok: false, reason: 'the key value is not a LangSmith key, so it is sent nowhere' };
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: `not a valid URL: ${url}` };
    }
    if (!allowed.has(u.origin)) return { ok: false, reason: `${u.origin} is neither the endpoint nor a configured region host` };
    if (u.protocol === 'https:') return { ok: true };
    if (u.protocol !== 'http:') return { ok: false, reason: `unsupported protocol ${u.protocol}` };
    // Plain HTTP: the key must not leave this machine, and a proxy would read it.
    const proxy = proxyFor(url, proxyEnv);
    if (proxy) return { ok: false, reason: `plain HTTP to ${u.host} through the proxy ${maskProxy(proxy)} would show the key to the proxy; only https:// carries the key through a proxy (or add ${u.hostname} to NO_PROXY)` };
    let addrs: ResolvedAddress[];
    let timer: NodeJS.Timeout | undefined;
    try {
      // A resolver that never answers must not hold the run: the lookup has the request's deadline.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('lookup timed out'), { code: `no answer within ${opts.timeoutMs} ms` })), timerMs(opts.timeoutMs));
      });
      addrs = await Promise.race([resolver.resolve(u.hostname), late]);
    } catch (err) {
      return { ok: false, reason: `plain HTTP to ${u.host} would expose the key unless it is loopback, and ${u.hostname} does not resolve (${(err as { code?: string }).code ?? 'lookup failed'})` };
    } finally {
      clearTimeout(timer);
    }
    const outside = addrs.find((a) => !isLoopbackAddress(a.address));
    if (outside) return { ok: false, reason: `plain HTTP to ${u.host} would expose the key: it resolves to ${outside.address}, not a loopback address; only loopback may use http://` };
    return { ok: true };
  };

  const send = async (req: ProbeRequest): Promise<ProbeResponse> => {
    const method = req.method ?? 'GET';
    const base = (req.base ?? opts.endpoint ?? '').replace(/\/+$/, '');
    const url = req.url ?? `${base}${req.v1 ? v1Path(base, req.path ?? '') : req.path ?? ''}`;
    const started = monotonicMs();
    // Listed at once, so a request still in flight when the run ends is in the report too.
    const entry: TranscriptEntry = { method, url, durationMs: 0, unfinished: true };
    transcript.push(entry);
    startedAt.set(entry, started);
    const done = (r: Omit<ProbeResponse, 'durationMs' | 'method' | 'url'>, headersSent?: Record<string, string>, via?: string): ProbeResponse => {
      const durationMs = Math.round(monotonicMs() - started);
      const res: ProbeResponse = { method, url, durationMs, ...r, ...(via ? { proxy: via } : {}) };
      delete entry.unfinished;
      Object.assign(entry, {
        status: res.status,
        durationMs,
        error: res.networkError ? `${res.networkError.code}: ${res.networkError.message}` : undefined,
        blocked: res.blocked,
        excerpt: res.text ? excerpt(res.text) : undefined,
        requestHeaders: headersSent,
        proxy: via,
        retryAfter: res.retryAfterSeconds !== undefined ? String(res.retryAfterSeconds) : undefined,
        truncated: res.truncated || undefined,
      });
      for (const k of Object.keys(entry) as Array<keyof TranscriptEntry>) if (entry[k] === undefined) delete entry[k];
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
    if (runOver.signal.aborted) return done({ ...empty, blocked: 'the run is over' });

    const headers: Record<string, string> = { accept: 'application/json', ...req.headers, 'user-agent': opts.userAgent };
    delete headers['x-api-key'];
    delete headers['x-tenant-id'];
    delete headers.authorization;
    const auth = req.auth ?? true;
    if (auth) {
      const policy = await keyPolicy(url);
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
    const proxy = proxyFor(url, proxyEnv);
    const via = proxy ? maskProxy(proxy) : undefined;
    // An unfinished entry still says whether it carried the key, and through which proxy.
    entry.requestHeaders = shownHeaders;
    if (via) entry.proxy = via;
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
    // One deadline for the whole exchange, headers and body. A plain timer held here, not
    // AbortSignal.timeout() inside AbortSignal.any(): Node 20 may garbage-collect that timeout
    // signal before it fires, and the request then hangs (seen here under load).
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const forward = () => deadline.abort(Object.assign(new Error('the run ended before the answer'), { name: 'AbortError' }));
    runOver.signal.addEventListener('abort', forward, { once: true });
    try {
      // Loading undici is our cost, not the network's: the deadline starts after it (on a loaded
      // machine the first import alone can outlast a short --timeout).
      const [doFetch, dispatcher] = await Promise.all([dispatchers.fetch(), dispatchers.forProxy(proxy)]);
      timer = setTimeout(() => deadline.abort(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timerMs(timeoutMs));
      // redirect: 'manual' — a 3xx is an answer to report, never a reason to resend the key.
      const response = await doFetch(url, { method, headers, body: body as never, redirect: 'manual', signal: deadline.signal, dispatcher, duplex: 'half' } as never);
      const read = await readBounded(response.body as ReadableStream<Uint8Array> | null, maxBody);
      // Redact before anything cuts the text: a key cut in half by an excerpt would escape it.
      // A cut body may end inside a secret the redactor no longer recognises: drop its tail.
      const text = redact(read.truncated ? read.text.slice(0, Math.max(0, read.text.length - 512)) : read.text);
      const contentType = response.headers.get('content-type') ?? '';
      let json: unknown;
      let isJson = false;
      if (!read.truncated && read.text.trim() !== '' && (contentType.includes('json') || /^\s*[[{]/.test(read.text))) {
        try {
          // Values stay as the server sent them (checkers compare them: a key list's short_key is
          // a piece of a key by design); whatever reaches an output passes the redactor there, and
          // it masks a cut piece of a key as readily as a whole one.
          json = mapStrings(JSON.parse(read.text), (s) => cut(s, MAX_FIELD_CHARS));
          isJson = true;
        } catch {
          // truncated or not JSON after all; the classifier decides what that means
        }
      }
      const isHtml = contentType.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text);
      const hdrs: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        hdrs[k] = cut(redact(v), MAX_HEADER_CHARS);
      });
      const retry = response.status === 429 || response.status === 503 ? retryAfterSeconds(response.headers.get('retry-after') ?? undefined) : undefined;
      return done({
        status: response.status, statusText: cut(redact(response.statusText), 100), headers: hdrs, text, json, isJson, isHtml,
        ...(read.truncated ? { truncated: true } : {}),
        ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
      }, shownHeaders, via);
    } catch (err) {
      const networkError = classifyNetworkError(err, timeoutMs, deadline.signal.reason);
      return done({ ...empty, networkError: { ...networkError, message: cut(redact(networkError.message), 500) } }, shownHeaders, via);
    } finally {
      clearTimeout(timer);
      runOver.signal.removeEventListener('abort', forward);
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
    let rawBody = init?.body ?? undefined;
    if (rawBody != null && typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array) && !(rawBody instanceof ArrayBuffer)) {
      // FormData, Blob or a stream from the SDK (built with Node's own fetch classes): serialise
      // it here, with its multipart boundary, so our fetch sends exactly those bytes.
      const serialised = new Request(url, { method, body: rawBody, headers: init?.headers, duplex: 'half' } as RequestInit);
      rawBody = new Uint8Array(await serialised.arrayBuffer());
      const type = serialised.headers.get('content-type');
      if (type) passHeaders['content-type'] = type;
    }
    const res = await request({ url, method, rawBody, headers: passHeaders });
    if (res.networkError) throw Object.assign(new Error(`Cancel: ${res.networkError.code}: ${res.networkError.message}`), { probe: res });
    if (res.blocked) throw Object.assign(new Error(`Cancel: not sent: ${res.blocked}`), { probe: res });
    if (res.status !== undefined && (res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500)) {
      throw Object.assign(new Error(`Cancel: ${res.status} ${res.statusText ?? ''} from ${url}`), { probe: res, status: res.status });
    }
    // The SDK quotes error bodies in its messages: give it a short one for an error answer.
    const shown = res.status !== undefined && res.status >= 400 ? cut(res.text, MAX_FIELD_CHARS) : res.text;
    const hdrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      // The text is already decoded (no content-encoding, a new length); a value we cut or
      // redacted may hold '…', which a Headers object refuses.
      if (k !== 'content-encoding' && k !== 'content-length' && /^[\t\x20-\x7e\x80-\xff]*$/.test(v)) hdrs[k] = v;
    }
    return new Response(res.status === 204 || res.status === 304 ? null : shown, { status: res.status, statusText: res.statusText, headers: hdrs });
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

  const transcriptSnapshot = (): TranscriptEntry[] =>
    transcript.map((e) => (e.unfinished ? { ...e, durationMs: Math.round(monotonicMs() - (startedAt.get(e) ?? monotonicMs())) } : { ...e }));

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
    transcriptSnapshot,
    async close() {
      runOver.abort();
      await dispatchers.close();
    },
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

/** Network failures by their cause code: what Node/undici put on `err.cause`. `aborted` is why
 * our own deadline (or the end of the run) aborted the request, when it did. */
export function classifyNetworkError(err: unknown, timeoutMs: number, aborted?: unknown): { code: NetworkCode; message: string; cause?: string } {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
  const cause = e?.cause;
  const code = cause?.code ?? e?.code;
  const msg = String(cause?.message ?? e?.message ?? String(err));
  const abortedBy = (aborted as { name?: string } | undefined)?.name;
  if (abortedBy === 'TimeoutError' || e?.name === 'TimeoutError' || cause?.name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms`, cause: code };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return { code: 'DNS_FAILURE', message: msg, cause: code };
  if (code === 'ECONNREFUSED') return { code: 'CONNECTION_REFUSED', message: msg, cause: code };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return { code: 'CONNECTION_RESET', message: msg, cause: code };
  if (code && TLS_UNTRUSTED_CODES.has(code)) return { code: 'TLS_UNTRUSTED', message: msg, cause: code };
  if (code && (/CERT|TLS|SSL/.test(code) || code === 'EPROTO')) return { code: 'TLS_ERROR', message: msg, cause: code };
  // undici nests a refused tunnel two causes deep ("Request was cancelled." on top).
  const deeper = [e?.message, cause?.message, (cause as { cause?: { message?: string } } | undefined)?.cause?.message].filter(Boolean).join(' | ');
  const tunnel = /Proxy response \((\d+)\)/.exec(deeper);
  if (tunnel) return { code: 'NETWORK_ERROR', message: `the proxy refused the tunnel with ${tunnel[1]}${tunnel[1] === '407' ? ' (Proxy Authentication Required: check the user and password in the proxy URL)' : ''}`, cause: code };
  if (abortedBy === 'AbortError') return { code: 'NETWORK_ERROR', message: 'aborted: the run ended before the answer', cause: code };
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
