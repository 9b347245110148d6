// How probes reach a host: one name resolution per host per run (the answer the key policy
// checked is the address the socket connects to), direct or through the configured proxy.
import type dns from 'node:dns';
import { createRequire } from 'node:module';
import type net from 'node:net';
import { ipFamily, ipLiteral } from './addresses.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (tests inject one; never a second opinion). */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

// node:dns is loaded by the first lookup (an offline run makes none). `dns.lookup` is read at call
// time, so a preloaded test module that replaces it is honoured.
let dnsModule: typeof dns | undefined;
export const systemLookup: LookupFn = (hostname) =>
  new Promise((resolve, reject) =>
    (dnsModule ??= createRequire(import.meta.url)('node:dns') as typeof dns).lookup(hostname, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));

export interface Resolver {
  resolve(hostname: string): Promise<ResolvedAddress[]>;
  /** A `lookup` for net/tls.connect that answers from the same memo. */
  connectLookup: net.LookupFunction;
}

export function createResolver(lookup: LookupFn = systemLookup): Resolver {
  const memo = new Map<string, Promise<ResolvedAddress[]>>();
  const resolve = (hostname: string): Promise<ResolvedAddress[]> => {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const literal = ipLiteral(host);
    if (literal) return Promise.resolve([{ address: literal, family: ipFamily(literal) }]);
    let p = memo.get(host);
    if (!p) {
      p = lookup(host).then((addrs) => {
        if (addrs.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
        return addrs;
      });
      memo.set(host, p);
    }
    return p;
  };
  const connectLookup = ((hostname: string, options: dns.LookupOptions, callback: (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    resolve(hostname).then(
      (addrs) => {
        const fam = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const list = fam ? addrs.filter((a) => a.family === fam) : addrs;
        if (list.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: Error) => callback(err, ''),
    );
  }) as unknown as net.LookupFunction;
  return { resolve, connectLookup };
}

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;

/**
 * The undici package, loaded on first use. esbuild's code splitting turns this CommonJS package
 * into a chunk with only a default export (its named exports are then undefined, and every
 * proxied request failed with "EnvHttpProxyAgent is not a constructor"); Node's own ESM loader
 * gives both. Take whichever holds the classes.
 */
export function loadUndici(): Promise<Undici> {
  return (undici ??= import('undici').then((m) => {
    const mod = m as Undici & { default?: Undici };
    return typeof mod.Agent === 'function' ? mod : (mod.default as Undici);
  }));
}

export interface Dispatchers {
  /** The dispatcher for a request to this URL, after NO_PROXY: direct (pinned lookup) or the proxy. */
  forProxy(proxy: string | undefined): Promise<import('undici').Dispatcher>;
  fetch(): Promise<Undici['fetch']>;
  close(): Promise<void>;
}

export function createDispatchers(resolver: Resolver): Dispatchers {
  let direct: Promise<import('undici').Dispatcher> | undefined;
  const proxies = new Map<string, Promise<import('undici').Dispatcher>>();
  const connect = { lookup: resolver.connectLookup };
  return {
    forProxy(proxy) {
      if (!proxy) return (direct ??= loadUndici().then((u) => new u.Agent({ connect })));
      let p = proxies.get(proxy);
      if (!p) {
        // Credentials in the proxy URL become Proxy-Authorization (undici); the proxy's own
        // host name goes through the same resolver.
        p = loadUndici().then((u) => new u.ProxyAgent({ uri: proxy, proxyTls: { lookup: resolver.connectLookup } as never }));
        proxies.set(proxy, p);
      }
      return p;
    },
    fetch: () => loadUndici().then((u) => u.fetch),
    async close() {
      const all = [direct, ...proxies.values()].filter((d): d is Promise<import('undici').Dispatcher> => !!d);
      await Promise.all(all.map((d) => d.then((x) => x.destroy()).catch(() => undefined)));
    },
  };
}
