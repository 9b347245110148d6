// Which addresses are loopback: the only places plain HTTP may carry the key.
import net from 'node:net';

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x (`::ffff:127.0.0.1`, which URLs spell `::ffff:7f00:1`). */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = net.isIP(ip);
  if (family === 4) return LOOPBACK.check(ip, 'ipv4');
  if (family === 6) return LOOPBACK.check(ip, 'ipv6');
  return false;
}

/** The IP literal a URL host names (brackets removed), or undefined for a name. */
export function ipLiteral(hostname: string): string | undefined {
  const h = hostname.replace(/^\[|\]$/g, '');
  return net.isIP(h) ? h : undefined;
}

