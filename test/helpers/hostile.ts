// Hostile servers on loopback for the fault matrix: an HTTP(S) server from a handler, or a raw
// TCP server that writes whatever bytes a case needs (malformed HTTP, oversized headers).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { TEST_CERT_PEM, TEST_KEY_PEM } from '../../src/emulator/tls.js';

export interface Hostile {
  url: string;
  port: number;
  /** Method and path of every request received (raw servers: the request line). */
  requests: string[];
  close(): Promise<void>;
}

/** The /info answer of a LangSmith API, so the endpoint check passes and the next probes run. */
export const INFO_JSON = JSON.stringify({ version: '0.12.33', license_expiration_time: null, instance_flags: {} });

export async function hostileHttp(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, opts: { tls?: boolean; host?: string } = {}): Promise<Hostile> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const wrapped = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    res.on('error', () => undefined);
    req.socket.on('error', () => undefined);
    handler(req, res);
  };
  const server = opts.tls ? https.createServer({ cert: TEST_CERT_PEM, key: TEST_KEY_PEM }, wrapped) : http.createServer(wrapped);
  server.maxHeadersCount = 0;
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_e, s) => s.destroy());
  return listen(server, opts.host ?? '127.0.0.1', opts.tls ? 'https' : 'http', requests, sockets);
}

export async function hostileRaw(onRequest: (socket: net.Socket, requestLine: string) => void): Promise<Hostile> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (d) => {
      if (buf.includes('\r\n\r\n')) return;
      buf += d.toString('latin1');
      if (buf.includes('\r\n\r\n')) {
        const line = buf.split('\r\n')[0]!;
        requests.push(line);
        onRequest(socket, line);
      }
    });
  });
  return listen(server, '127.0.0.1', 'http', requests, sockets);
}

async function listen(server: net.Server, host: string, proto: string, requests: string[], sockets: Set<net.Socket>): Promise<Hostile> {
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${proto}://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
