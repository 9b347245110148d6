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
  path: string;
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
}

export interface HttpOptions {
  endpoint: string | undefined;
  /** Region hosts the key may also go to. */
  regionUrls: readonly string[];
  apiKey: string | undefined;
  /** False when the key value is not a LangSmith key (placeholder, another provider's key…). */
  keySendable: boolean;
  workspaceId: string | undefined;
  timeoutMs: number;
  offline: boolean;
  userAgent: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

const EXCERPT_CHARS = 300;

export function createHttp(opts: HttpOptions): Http {
  const transcript: TranscriptEntry[] = [];
  const memo = new Map<string, Promise<ProbeResponse>>();
  const doFetch = opts.fetchImpl ?? fetch;
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
    const url = `${base}${req.path}`;
    const started = performance.now();
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

    const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: 'application/json' };
    const auth = req.auth ?? true;
    if (auth) {
      const policy = keyPolicy(url);
      if (!policy.ok) return done({ ...empty, blocked: policy.reason });
      headers['x-api-key'] = opts.apiKey!;
      const ws = req.workspaceId === undefined ? opts.workspaceId : req.workspaceId;
      if (ws) headers['x-tenant-id'] = ws;
    }
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const shownHeaders = { ...headers, ...(headers['x-api-key'] ? { 'x-api-key': '(the API key)' } : {}) };
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (opts.signal) signals.push(opts.signal);
    try {
      // redirect: 'manual' — a 3xx is an answer to report, never a reason to resend the key.
      const response = await doFetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.any(signals) });
      const text = await readText(response, timeoutMs);
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
    }
  };

  const request = (req: ProbeRequest): Promise<ProbeResponse> => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' || req.memo === false) return send(req);
    const key = JSON.stringify([req.base ?? '', req.path, req.auth ?? true, req.workspaceId === undefined ? '(default)' : req.workspaceId]);
    let p = memo.get(key);
    if (!p) {
      p = send(req);
      memo.set(key, p);
    }
    return p;
  };

  return {
    offline: opts.offline,
    timeoutMs: opts.timeoutMs,
    base: originOf(opts.endpoint) ? opts.endpoint!.replace(/\/+$/, '') : undefined,
    transcript,
    request,
    keyPolicy,
  };
}

async function readText(response: Response, timeoutMs: number): Promise<string> {
  // The body is read under the same deadline: a server that sends headers then stalls is a timeout.
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      response.text(),
      new Promise<string>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`body not received within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
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
