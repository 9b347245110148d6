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

/** Name resolution from a table, never the real resolver; records every name asked. */
function fakeLookup(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const addrs = table[host];
    if (!addrs) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addrs.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

const make = (o: Partial<HttpOptions> = {}) =>
  createHttp({ endpoint: base, regionUrls: [], apiKey: KEY, keySendable: true, workspaceId: undefined, timeoutMs: 1000, offline: false, userAgent: 'test', lookup: fakeLookup({ localhost: ['127.0.0.1'] }).lookup, ...o });

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
    const h = make({ regionUrls: ['http://eu.example.test'], lookup: fakeLookup({ 'eu.example.test': ['192.0.2.10'] }).lookup });
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

  it('a timeout beyond the timer range still waits (it does not fire at once)', async () => {
    const res = await make({ timeoutMs: 3_000_000_000 }).request({ path: '/huge-timeout', auth: false });
    expect(res.status).toBe(200);
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
      const res = await h.request({ path: '/via-proxy', auth: false });
      expect(res.status).toBe(200);
      expect(seen.at(-1)!.headers['x-api-key']).toBeUndefined();
      expect(proxied).toEqual([new URL(base).host]);
      expect(seen.at(-1)!.url).toBe('/via-proxy');
      expect(h.proxy).toBe(proxyUrl.replace('user:secret', '…'));
      expect(h.transcript[0]!.proxy).not.toContain('secret');
      const bypass = make({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
      await bypass.request({ path: '/direct' });
      expect(proxied).toHaveLength(1);
      // Plain HTTP with the key through a proxy: never sent (the proxy would read the key).
      const withKey = await h.request({ path: '/via-proxy-with-key' });
      expect(withKey.blocked).toMatch(/through the proxy .* would show the key to the proxy/);
      expect(withKey.blocked).not.toContain('secret');
      expect(proxied).toHaveLength(1);
      expect(seen.some((x) => x.url === '/via-proxy-with-key')).toBe(false);
    } finally {
      proxy.closeAllConnections();
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

describe('plain HTTP carries the key only to addresses that are loopback (resolved, then pinned)', () => {
  it('a name that resolves to a non-loopback address gets no key, and nothing is sent', async () => {
    const port = new URL(base).port;
    const { lookup, asked } = fakeLookup({ 'x.localhost': ['127.0.0.1', '203.0.113.7'] });
    const ep = `http://x.localhost:${port}`;
    const before = seen.length;
    const h = make({ endpoint: ep, lookup });
    expect(await h.keyPolicy(ep)).toMatchObject({ ok: false, reason: expect.stringMatching(/resolves to 203\.0\.113\.7, not a loopback address/) });
    const res = await h.request({ path: '/settings' });
    expect(res.blocked).toMatch(/not a loopback address/);
    expect(seen.length).toBe(before);
    // One lookup for the host, shared by the policy and any connection.
    expect(asked).toEqual(['x.localhost']);
  });

  it('a name that resolves to loopback gets the key, over a connection to the checked address', async () => {
    const port = new URL(base).port;
    const asked: string[] = [];
    // A resolver that answers differently the second time (127.0.0.9: nothing listens there):
    // only a connection pinned to the first, checked answer reaches the server.
    const lookup = async (host: string) => {
      asked.push(host);
      return [{ address: asked.length === 1 ? '127.0.0.1' : '127.0.0.9', family: 4 }];
    };
    const ep = `http://api.localhost:${port}`;
    const h = make({ endpoint: ep, lookup });
    const res = await h.request({ path: '/pinned' });
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.headers['x-api-key']).toBe(KEY);
    expect(seen.at(-1)!.headers.host).toBe(`api.localhost:${port}`);
    expect(asked).toEqual(['api.localhost']);
  });

  it('the SDK client\'s fetch enforces the policy too: a key that is not sendable goes nowhere', async () => {
    const before = seen.length;
    await expect(make({ keySendable: false }).fetchForSdk(`${base}/sessions?limit=1`)).rejects.toThrow(/^Cancel: not sent: the key value is not a LangSmith key/);
    expect(seen.length).toBe(before);
  });

  it('prefetch respects the whole policy: with a key that is not sendable, nothing keyed goes out, and the transcript says why', async () => {
    const { prepare, prefetch } = await import('../../src/doctor.js');
    const prepared = await prepare({ cwd: '/nonexistent-cwd', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_ENDPOINT: base }, isolated: true, regions: { us: base } });
    const h = make({ keySendable: false });
    const before = seen.length;
    await prefetch(prepared, h);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.slice(before).some((x) => x.headers['x-api-key'] !== undefined)).toBe(false);
    expect(h.transcript.length).toBeGreaterThan(0);
    for (const t of h.transcript) expect(t.blocked).toMatch(/not a LangSmith key/);
  });

  it('IPv4-mapped loopback [::ffff:127.0.0.1] is loopback; other literals are not; an unresolvable name gets nothing', async () => {
    const mapped = 'http://[::ffff:127.0.0.1]:1984';
    const h = make({ endpoint: mapped, regionUrls: ['http://10.1.2.3:1984', 'http://[::ffff:10.0.0.1]:1984', 'http://nowhere.test:1984', 'http://[::1]:1984'] });
    expect(await h.keyPolicy(mapped)).toEqual({ ok: true });
    expect(await h.keyPolicy('http://[::1]:1984')).toEqual({ ok: true });
    expect((await h.keyPolicy('http://10.1.2.3:1984')).ok).toBe(false);
    expect((await h.keyPolicy('http://[::ffff:10.0.0.1]:1984')).ok).toBe(false);
    expect(await h.keyPolicy('http://nowhere.test:1984')).toMatchObject({ ok: false, reason: expect.stringMatching(/does not resolve \(ENOTFOUND\)/) });
  });

  it('a resolver that never answers does not hold the key policy past the timeout', async () => {
    const h = make({ endpoint: 'http://stuck.localhost:1984', timeoutMs: 200, lookup: () => new Promise(() => undefined) });
    expect(await h.keyPolicy('http://stuck.localhost:1984')).toMatchObject({ ok: false, reason: expect.stringMatching(/does not resolve \(no answer within 200 ms\)/) });
  });

  it('a request to a name that does not resolve is DNS_FAILURE (injected resolution)', async () => {
    const h = make({ endpoint: 'https://api.nowhere.test', lookup: fakeLookup({}).lookup });
    const res = await h.request({ path: '/info', auth: false });
    expect(res.networkError?.code).toBe('DNS_FAILURE');
  });
});

describe('bounded answers', () => {
  let hostile: http.Server;
  let hbase = '';
  beforeAll(async () => {
    const zlib = await import('node:zlib');
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
    hostile = http.createServer((req, res) => {
      if (req.url === '/bomb') res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(bomb);
      else if (req.url === '/big') res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(3 * 1024 * 1024, 0x62));
      else if (req.url === '/key-at-cut') res.writeHead(500, { 'content-type': 'text/plain' }).end(`${'x'.repeat(280)}${KEY} trailing`);
      else if (req.url === '/long-header') res.writeHead(200, { 'content-type': 'application/json', 'x-long': 'h'.repeat(5000) }).end('[]');
      else if (req.url?.startsWith('/retry/')) res.writeHead(429, { 'retry-after': decodeURIComponent(req.url.slice(7)) }).end('{}');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    hbase = `http://127.0.0.1:${(hostile.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => hostile.close(r)));

  it('a gzip bomb is cut at the decompressed limit and marked truncated', async () => {
    const h = make({ endpoint: hbase, maxBodyBytes: 256 * 1024 });
    const res = await h.request({ path: '/bomb', auth: false });
    expect(res.status).toBe(200);
    expect(res.truncated).toBe(true);
    expect(res.text.length).toBeLessThanOrEqual(256 * 1024);
    expect(h.transcript[0]).toMatchObject({ truncated: true });
  });

  it('header values are cut, and the SDK fetch still builds its Response from them', async () => {
    const h = make({ endpoint: hbase });
    const res = await h.request({ path: '/long-header', auth: false });
    expect(res.headers['x-long']!.length).toBeLessThan(600);
    const sdk = await h.fetchForSdk(`${hbase}/long-header`);
    expect(sdk.status).toBe(200);
    expect(await sdk.json()).toEqual([]);
  });

  it('a big body is cut at the limit', async () => {
    const res = await make({ endpoint: hbase }).request({ path: '/big', auth: false });
    expect(res.truncated).toBe(true);
    expect(res.text.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('redacts before the excerpt cuts: a key straddling the cut shows none of its hidden characters', async () => {
    const { createRedactor } = await import('../../src/core/redact.js');
    const { maskKey } = await import('../../src/langsmith/keys.js');
    const redactor = createRedactor({ secrets: [KEY], mask: maskKey });
    const h = make({ endpoint: hbase, redact: redactor.text });
    await h.request({ path: '/key-at-cut', auth: false });
    const shown = JSON.stringify(h.transcript);
    // Any 6-character run of the key's secret middle would be a leak.
    const middle = KEY.slice(8, -4);
    for (let i = 0; i + 6 <= middle.length; i++) expect(shown).not.toContain(middle.slice(i, i + 6));
  });

  it('Retry-After: seconds, an HTTP date, and nothing for garbage, negative or absurd values', async () => {
    const h = make({ endpoint: hbase });
    const ra = async (v: string) => (await h.request({ path: `/retry/${encodeURIComponent(v)}`, auth: false })).retryAfterSeconds;
    expect(await ra('120')).toBe(120);
    expect(await ra('0')).toBe(0);
    expect(await ra('-5')).toBeUndefined();
    expect(await ra('soon')).toBeUndefined();
    expect(await ra('99999999999999')).toBe(86_400);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(await ra(inAMinute)).toBeGreaterThan(50);
    expect(await ra('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
  });
});
