// URLs and host names in a line, and the service (and LangSmith region) each belongs to.
import { isLoopbackHost } from '../regions.js';
import { LANGSMITH_API_HOST, LANGSMITH_PATH, LANGSMITH_UI_HOST, NEUTRAL_HOST, OTHER_SERVICES } from '../signatures.js';
import type { Attribution, UrlRef } from './types.js';

export const URL_RE = /\bhttps?:\/\/([A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]{2,45}\])(?::(\d{1,5}))?([^\s"'<>()[\]{}`,\\|^]{0,500})/gi;
export const HOST_RE = /\bhost=['"]([A-Za-z0-9.-]{1,253})['"](?:,\s{0,3}port=(\d{1,5}))?|\b(?:ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET)\s{1,3}([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?/g;
export const METHOD_RE = /\b(GET|POST|PATCH|PUT|DELETE)\s{1,3}(?:to\s{1,3})?$/;

export function regionOfHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  // A LangSmith API host cut off by a pasted title or a wrapped line is still that host.
  const h = completeLangSmithHost(host.toLowerCase());
  if (LANGSMITH_API_HOST.test(h) || LANGSMITH_UI_HOST.test(h)) {
    const first = h.split('.')[0]!;
    return ['eu', 'apac', 'aws', 'dev', 'beta'].includes(first) ? first : 'us';
  }
  return 'self-hosted';
}

/** `api.smith.langchain.co` (a truncated paste) -> `api.smith.langchain.com`; other hosts unchanged. */
function completeLangSmithHost(h: string): string {
  const m = /^((?:eu|apac|aws)\.)?api\.smith\.langchain\.c(?:o)?$/.exec(h);
  return m ? `${m[1] ?? ''}api.smith.langchain.com` : h;
}

/** Loopback as regions.ts defines it, plus the names that mean "this machine" in pasted logs. */
function isLoopback(host: string): boolean {
  return isLoopbackHost(host) || /^(?:0\.0\.0\.0|host\.docker\.internal)$/i.test(host);
}

/** The service a URL belongs to; undefined for links that say nothing (docs, status pages). */
export function serviceOfUrl(u: UrlRef): Attribution | undefined {
  const host = u.host.toLowerCase();
  if (NEUTRAL_HOST.test(host)) return undefined;
  if (LANGSMITH_API_HOST.test(host) || LANGSMITH_UI_HOST.test(host) || /\.langgraph\.app$/.test(host)) return { service: 'langsmith', host, path: u.path, how: 'url' };
  for (const s of OTHER_SERVICES) if (s.hosts.test(host)) return { service: s.id, name: s.name, host, path: u.path, how: 'url' };
  if (isLoopback(host)) {
    if (u.port === '11434') return { service: 'ollama', name: 'Ollama', host, how: 'url' };
    if (u.port === '1984' || u.port === '1980' || LANGSMITH_PATH.test(u.path)) return { service: 'langsmith', host: `${host}${u.port ? `:${u.port}` : ''}`, path: u.path, how: 'url' };
    return undefined;
  }
  // A self-hosted API path, or a typo of a LangSmith host (api.smith.langchian.com).
  if (LANGSMITH_PATH.test(u.path) || /smith|langchain|langsmith|langchian/i.test(host)) return { service: 'langsmith', host, path: u.path, how: 'url' };
  return { service: 'host', name: host, host, path: u.path, how: 'url' };
}

export function urlsIn(seg: string): UrlRef[] {
  const out: UrlRef[] = [];
  const re = new RegExp(URL_RE.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null && out.length < 50) {
    const before = seg.slice(Math.max(0, m.index - 12), m.index);
    out.push({ index: m.index, host: m[1]!, port: m[2], path: (m[3] ?? '').replace(/[.,;:'")\]]+$/, '') || '/', method: METHOD_RE.exec(before)?.[1] });
  }
  const hr = new RegExp(HOST_RE.source, 'g');
  while ((m = hr.exec(seg)) !== null && out.length < 60) {
    out.push({ index: m.index, host: (m[1] ?? m[3])!, port: m[2] ?? m[4], path: '/', weak: true });
  }
  return out;
}
