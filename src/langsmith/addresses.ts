// Which addresses are loopback: the only places plain HTTP may carry the key.
import type net from 'node:net';
import { createRequire } from 'node:module';

// node:net and its IPv6 pattern cost more than the rest of an offline run's checks (~8 ms): they
// are loaded for the first string that can be an IP literal. A host name (letters, no colon)
// cannot be one, and that is what nearly every run meets.
let netModule: typeof net | undefined;
let loopback: net.BlockList | undefined;
const loadNet = () => (netModule ??= createRequire(import.meta.url)('node:net') as typeof net);
const mayBeIp = (s: string) => s.includes(':') || /^[\d.]+$/.test(s);

/** 4 or 6 for an IPv4 or IPv6 literal, else 0 (net.isIP, without loading net for a name). */
export function ipFamily(s: string): number {
  return mayBeIp(s) ? loadNet().isIP(s) : 0;
}

function loopbackList(): net.BlockList {
  if (!loopback) {
    loopback = new (loadNet().BlockList)();
    loopback.addSubnet('127.0.0.0', 8, 'ipv4');
    loopback.addAddress('::1', 'ipv6');
  }
  return loopback;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x (`::ffff:127.0.0.1`, which URLs spell `::ffff:7f00:1`). */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = ipFamily(ip);
  if (family === 4) return loopbackList().check(ip, 'ipv4');
  if (family === 6) return loopbackList().check(ip, 'ipv6');
  return false;
}

/** The IP literal a URL host names (brackets removed), or undefined for a name. */
export function ipLiteral(hostname: string): string | undefined {
  const h = hostname.replace(/^\[|\]$/g, '');
  return ipFamily(h) ? h : undefined;
}

