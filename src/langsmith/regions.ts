// Known LangSmith API hosts by region (facts §3). Config `regions` replaces the list.
import { isLoopbackAddress } from './addresses.js';

export const DEFAULT_REGIONS: Readonly<Record<string, string>> = {
  us: 'https://api.smith.langchain.com',
  eu: 'https://eu.api.smith.langchain.com',
  apac: 'https://apac.api.smith.langchain.com',
  aws: 'https://aws.api.smith.langchain.com',
};

/** Web-app hosts people paste instead of the API host, mapped to the API URL they meant. */
export const UI_HOSTS: Readonly<Record<string, string>> = {
  'smith.langchain.com': 'https://api.smith.langchain.com',
  'eu.smith.langchain.com': 'https://eu.api.smith.langchain.com',
  'apac.smith.langchain.com': 'https://apac.api.smith.langchain.com',
  'aws.smith.langchain.com': 'https://aws.api.smith.langchain.com',
};

export type EndpointKind = 'region' | 'self-hosted' | 'loopback' | 'custom';

export interface EndpointInfo {
  url: string;
  kind: EndpointKind;
  /** The region name when the URL is a configured region host. */
  region?: string;
  host: string;
  loopback: boolean;
}

export function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** A loopback name (`localhost`, `*.localhost`: by name only, the prober checks what it resolves to) or address (`::ffff:127.0.0.1` too). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h);
}

/** What the endpoint is: a known region, a self-hosted base (`/api/v1`), loopback or custom. */
export function describeEndpoint(url: string, regions: Readonly<Record<string, string>>): EndpointInfo | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const loopback = isLoopbackHost(parsed.hostname);
  const norm = normalizeUrl(url);
  const stripped = norm.replace(/\/api(?:\/v1)?$/, '');
  for (const [name, regionUrl] of Object.entries(regions)) {
    const r = normalizeUrl(regionUrl);
    if (r === norm || r === stripped) return { url: norm, kind: 'region', region: name, host: parsed.host, loopback };
  }
  if (/\/api(\/v1)?$/.test(parsed.pathname.replace(/\/+$/, ''))) {
    return { url: norm, kind: 'self-hosted', host: parsed.host, loopback };
  }
  return { url: norm, kind: loopback ? 'loopback' : 'custom', host: parsed.host, loopback };
}

/** The region a URL's host belongs to (for messages), or undefined. */
export function regionOfHost(host: string, regions: Readonly<Record<string, string>>): string | undefined {
  for (const [name, url] of Object.entries(regions)) {
    try {
      if (new URL(url).host === host) return name;
    } catch {
      // a bad region URL was rejected by config validation already
    }
  }
  return undefined;
}
