// A small forward proxy that tunnels with CONNECT (as squid does), on loopback. It records each
// tunnel's target and the Proxy-Authorization it was given, and with `credentials` it refuses
// (407) any tunnel without them, as an authenticating corporate proxy does.
import http from 'node:http';
import net from 'node:net';

export interface ConnectProxy {
  /** http://127.0.0.1:PORT (no credentials in it). */
  url: string;
  port: number;
  /** host:port of every tunnel asked for, in order. */
  tunnels: string[];
  /** The Proxy-Authorization header of every CONNECT (undefined when absent). */
  authorizations: Array<string | undefined>;
  /** Plain (non-CONNECT) requests that reached the proxy. */
  plain: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(opts: { credentials?: string } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const plain: string[] = [];
  const sockets = new Set<net.Socket>();
  const expected = opts.credentials ? `Basic ${Buffer.from(opts.credentials).toString('base64')}` : undefined;
  const server = http.createServer((req, res) => {
    plain.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const auth = req.headers['proxy-authorization'];
    authorizations.push(auth);
    client.on('error', () => undefined);
    if (expected && auth !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = splitHostPort(req.url ?? '');
    // Only loopback targets: this proxy exists for tests and must never reach further.
    if (!/^(127\.|localhost$|\[?::1\]?$)/.test(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    authorizations,
    plain,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function splitHostPort(target: string): [string, string] {
  const i = target.lastIndexOf(':');
  return [target.slice(0, i), target.slice(i + 1)];
}
