// The prober against real loopback servers: key policy, redirects, memo, timeouts, proxies.
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttp, proxyFor, v1Path, type HttpOptions } from '../../src/langsmith/http.js';
import { ROOT } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('http');
let server: http.Server;
let base = '';
const seen: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://127.0.0.2:1/elsewhere' }).end();
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":'); // headers, then nothing more
    } else if (req.url === '/html') {
      res.writeHead(403, { 'content-type': 'text/html', via: '1.1 squid' }).end('<html><title>Access denied by proxy</title></html>');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path: req.url }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** A minimal forward proxy that tunnels with CONNECT, as squid does; records each tunnel's target. */
function connectProxy() {
  const proxied: string[] = [];
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    proxied.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { proxy, proxied };
}

const make = (o: Partial<HttpOptions> = {}) =>
  createHttp({ endpoint: base, regionUrls: [], apiKey: KEY, keySendable: true, workspaceId: undefined, timeoutMs: 1000, offline: false, userAgent: 'test', ...o });

describe('http prober', () => {
  it('sends the key and workspace to the endpoint, and masks them in the transcript', async () => {
    const h = make({ workspaceId: 'ws-1' });
    const res = await h.request({ path: '/settings' });
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.headers['x-api-key']).toBe(KEY);
    expect(seen.at(-1)!.headers['x-tenant-id']).toBe('ws-1');
    expect(JSON.stringify(h.transcript)).not.toContain(KEY);
    expect(h.transcript[0]).toMatchObject({ method: 'GET', status: 200, requestHeaders: { 'x-api-key': '(the API key)' } });
  });

  it('never sends the key to a host that is not the endpoint or a region, nor over http to a non-loopback host', async () => {
    const h = make({ regionUrls: ['http://eu.example.test'] });
    const other = await h.request({ base: 'http://127.0.0.2:9', path: '/settings' });
    expect(other.blocked).toMatch(/neither the endpoint nor a configured region host/);
    const insecure = await h.request({ base: 'http://eu.example.test', path: '/settings' });
    expect(insecure.blocked).toMatch(/plain HTTP .* would expose the key/);
    expect(h.transcript.map((t) => t.blocked).filter(Boolean)).toHaveLength(2);
  });

  it('never sends a value that is not a LangSmith key', async () => {
    const before = seen.length;
    const res = await make({ keySendable: false }).request({ path: '/settings' });
    expect(res.blocked).toMatch(/not a LangSmith key/);
    expect(seen.length).toBe(before);
  });

  it('reports a redirect and does not follow it', async () => {
    const res = await make().request({ path: '/redirect' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://127.0.0.2:1/elsewhere');
    expect(seen.some((s) => s.url === '/elsewhere')).toBe(false);
  });

  it('memoises GETs so checkers share one request, and not POSTs', async () => {
    const h = make();
    const before = seen.length;
    await Promise.all([h.request({ path: '/shared' }), h.request({ path: '/shared' }), h.request({ path: '/shared' })]);
    await h.request({ method: 'POST', path: '/shared', body: {} });
    await h.request({ method: 'POST', path: '/shared', body: {} });
    expect(seen.length - before).toBe(3);
    await h.request({ path: '/shared', memo: false });
    expect(seen.length - before).toBe(4);
  });

  it('times out a stalled body, classifies refused connections, HTML proxies are parsed as HTML', async () => {
    const h = make({ timeoutMs: 300 });
    expect((await h.request({ path: '/stall' })).networkError?.code).toBe('TIMEOUT');
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await make({ endpoint: `http://127.0.0.1:${port}` }).request({ path: '/info', auth: false });
    expect(refused.networkError?.code).toBe('CONNECTION_REFUSED');
    const html = await h.request({ path: '/html' });
    expect(html).toMatchObject({ status: 403, isHtml: true, isJson: false });
  });

  it('offline makes no request', async () => {
    const before = seen.length;
    expect((await make({ offline: true }).request({ path: '/info' })).blocked).toMatch(/offline/);
    expect(seen.length).toBe(before);
  });

  it('routes through HTTP_PROXY when set, honouring NO_PROXY, and says which proxy', async () => {
    const { proxy, proxied } = connectProxy();
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://user:secret@127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      const h = make({ env: { HTTP_PROXY: proxyUrl } });
      const res = await h.request({ path: '/via-proxy' });
      expect(res.status).toBe(200);
      expect(proxied).toEqual([new URL(base).host]);
      expect(seen.at(-1)!.url).toBe('/via-proxy');
      expect(h.proxy).toBe(proxyUrl.replace('user:secret', '…'));
      expect(h.transcript[0]!.proxy).not.toContain('secret');
      const bypass = make({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
      await bypass.request({ path: '/direct' });
      expect(proxied).toHaveLength(1);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('the SDK fetch stops the SDK from retrying: retryable answers become a Cancel error at once', async () => {
    const h = make();
    await expect(h.fetchForSdk(`${base}/html`)).resolves.toMatchObject({ status: 403 });
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const dead = `http://127.0.0.1:${(closed.address() as net.AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const outage = createHttp({ endpoint: dead, regionUrls: [], apiKey: KEY, keySendable: true, workspaceId: undefined, timeoutMs: 500, offline: false, userAgent: 't' });
    await expect(outage.fetchForSdk(`${dead}/sessions`)).rejects.toThrow(/^Cancel: CONNECTION_REFUSED/);
  });

  it('path helpers and NO_PROXY rules', () => {
    expect(v1Path('https://api.smith.langchain.com', '/workspaces')).toBe('/api/v1/workspaces');
    expect(v1Path('https://ls.acme.internal/api/v1', '/workspaces')).toBe('/workspaces');
    const p = { https: 'http://proxy:3128', http: undefined, noProxy: ['.internal', 'example.com:8443'] };
    expect(proxyFor('https://api.smith.langchain.com/info', p)).toBe('http://proxy:3128');
    expect(proxyFor('https://ls.acme.internal/info', p)).toBeUndefined();
    expect(proxyFor('https://example.com:8443/', p)).toBeUndefined();
    expect(proxyFor('https://example.com/', p)).toBe('http://proxy:3128');
    expect(proxyFor('http://plain.test/', p)).toBeUndefined();
  });

  it('the endpoint check says which proxy carried /info (through the doctor, end to end)', async () => {
    const { prepare, run } = await import('../../src/doctor.js');
    const { proxy } = connectProxy();
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const info = http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"0.12.1"}'));
    await new Promise<void>((r) => info.listen(0, '127.0.0.1', r));
    const ep = `http://127.0.0.1:${(info.address() as net.AddressInfo).port}`;
    try {
      const report = await run(await prepare({ cwd: '/nonexistent-cwd', env: { HTTP_PROXY: proxyUrl, LANGSMITH_ENDPOINT: ep }, only: ['endpoint'], regions: { us: ep } }));
      const endpoint = report.checks.find((c) => c.id === 'endpoint')!;
      expect(endpoint.summary).toContain(`via proxy ${proxyUrl}`);
      expect(report.transcript[0]!.proxy).toBe(proxyUrl);
    } finally {
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => info.close(r))]);
    }
  });

  it('an OAuth token from the CLI profile travels as a Bearer token, never as x-api-key', async () => {
    const h = make({ authScheme: 'bearer', workspaceId: 'ws-9' });
    await h.request({ path: '/settings', memo: false });
    const sent = seen.at(-1)!.headers;
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(sent['x-api-key']).toBeUndefined();
    expect(sent['x-tenant-id']).toBe('ws-9');
    expect(JSON.stringify(h.transcript)).not.toContain(KEY);
  });

  it('a hanging server is cut at the deadline even under constant garbage collection', async () => {
    // The deadline is a timer the prober holds itself. (A rare hang past the deadline was seen once
    // with AbortSignal.timeout inside AbortSignal.any; this does not reproduce it deterministically.)
    const { execFileSync } = await import('node:child_process');
    const lib = path.join(ROOT, 'dist/lib/src/langsmith/http.js');
    const script = `
      import net from 'node:net';
      import { createHttp } from ${JSON.stringify(lib)};
      const srv = net.createServer(() => {}); // accepts, never answers
      await new Promise((r) => srv.listen(0, '127.0.0.1', r));
      const base = 'http://127.0.0.1:' + srv.address().port;
      const h = createHttp({ endpoint: base, regionUrls: [], apiKey: undefined, keySendable: false, workspaceId: undefined, timeoutMs: 300, offline: false, userAgent: 't' });
      const gc = setInterval(() => globalThis.gc(), 20);
      const res = await Promise.race([h.request({ path: '/info', auth: false }), new Promise((r) => setTimeout(() => r({ hung: true }), 4000))]);
      clearInterval(gc);
      console.log(JSON.stringify(res.networkError ?? res));
      process.exit(0);`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15_000 });
    expect(JSON.parse(out)).toMatchObject({ code: 'TIMEOUT' });
  });
});
