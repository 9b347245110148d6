// The fault matrix: the built CLI against hostile loopback servers. Every case must end with a
// report, name the right finding, stay small (server text is cut before it reaches a message),
// and show no secret. The net-guard preload refuses any connect off loopback (none may happen).
import zlib from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hostileHttp, hostileRaw, INFO_JSON, type Hostile } from '../helpers/hostile.js';
import { fakeKey } from '../helpers/keys.js';
import { certFile, netGuard, projectWithRegions } from '../helpers/offnet.js';

const KEY = fakeKey('hostile-servers');
/** A healthy report is ~30 kB; a report that grows with what a server sends is a defect. */
const MAX_REPORT_CHARS = 256 * 1024;
const CA = certFile();

const servers: Hostile[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  timers.splice(0).forEach(clearInterval);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const track = (s: Hostile) => (servers.push(s), s);

interface Outcome {
  report: any;
  cause: string | undefined;
  codes: string[];
  findings: Array<{ code: string; message: string }>;
  stdout: string;
}

async function diagnose(url: string, args: string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  const guard = netGuard();
  const r = await runCli(['--json', ...args], {
    cwd: projectWithRegions({ us: url }), nodeArgs: guard.nodeArgs, timeoutMs: 40_000,
    env: { LANGSMITH_API_KEY: KEY, LANGSMITH_ENDPOINT: url, LANGSMITH_TRACING: 'true', ...guard.env, ...env },
  });
  expect(r.stdout.length).toBeLessThan(MAX_REPORT_CHARS);
  expect(r.stderr).toBe('');
  const report = r.json();
  expect(report.schemaVersion).toBe(1);
  expect(guard.refused()).toEqual([]);
  const findings = report.checks.flatMap((c: { findings: Array<{ code: string; message: string }> }) => c.findings);
  for (const f of findings) expect(f.message.length, f.code).toBeLessThan(2000);
  return { report, cause: report.diagnosis.causes[0]?.code, codes: findings.map((f: { code: string }) => f.code), findings, stdout: r.stdout };
}

/** /info answers like LangSmith; everything else through `rest`. */
const infoThen = (rest: Parameters<typeof hostileHttp>[0]): Parameters<typeof hostileHttp>[0] => (req, res) => {
  if (req.url === '/info') res.writeHead(200, { 'content-type': 'application/json' }).end(INFO_JSON);
  else rest(req, res);
};

describe('redirects are reported, never followed', () => {
  it('to another host: ENDPOINT_REDIRECT, and the other host receives nothing', async () => {
    const other = track(await hostileHttp((_q, s) => s.writeHead(200).end('{}'), { host: '127.0.0.2' }));
    const server = track(await hostileHttp((req, res) => res.writeHead(302, { location: `${other.url}${req.url}` }).end()));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('ENDPOINT_REDIRECT');
    expect(other.requests).toEqual([]);
  });

  it('from https to plain http: ENDPOINT_REDIRECT, nothing reaches the http listener', async () => {
    const plain = track(await hostileHttp((_q, s) => s.writeHead(200).end('{}')));
    const server = track(await hostileHttp((req, res) => res.writeHead(301, { location: `${plain.url}${req.url}` }).end(), { tls: true }));
    const o = await diagnose(server.url, [], { NODE_EXTRA_CA_CERTS: CA });
    expect(o.cause).toBe('ENDPOINT_REDIRECT');
    expect(plain.requests).toEqual([]);
  });

  it('a redirect loop: ENDPOINT_REDIRECT, one request per probe (nothing followed)', async () => {
    const server = track(await hostileHttp((req, res) => res.writeHead(307, { location: req.url }).end()));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('ENDPOINT_REDIRECT');
    expect(server.requests.length).toBeLessThanOrEqual(o.report.transcript.length);
  });
});

describe('bodies are bounded', () => {
  let bomb: Buffer;
  beforeAll(() => {
    // ~2 MB of gzip that inflates to ~2 GB: concatenated gzip members of 64 MB of 'a' each.
    const member = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61), { level: 9 });
    bomb = Buffer.concat(Array.from({ length: Math.ceil((2 * 1024 * 1024) / member.length) }, () => member));
  });

  it('a gzip bomb on /info is cut at the decompressed limit: a finding, a truncated transcript entry, a small report', async () => {
    const server = track(await hostileHttp((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb)));
    const o = await diagnose(server.url);
    expect(o.report.diagnosis.stage).toBe('connect');
    expect(o.cause).toBe('PROXY_INTERFERENCE');
    expect(o.findings.find((f) => f.code === 'PROXY_INTERFERENCE')!.message).toMatch(/over the size limit/);
    expect(o.report.transcript.find((t: { url: string }) => t.url.endsWith('/info'))).toMatchObject({ status: 200, truncated: true });
  });

  it('a 50 MB error body on every keyed request: KEY_INVALID, and the report stays small', async () => {
    const pad = 'x'.repeat(1024 * 1024);
    const server = track(await hostileHttp(infoThen((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.write('{"detail":"Invalid token","pad":"');
      let left = 50;
      const more = () => {
        while (left > 0) {
          left--;
          if (!res.write(pad)) return void res.once('drain', more);
        }
        res.end('"}');
      };
      more();
    })));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('KEY_INVALID');
    expect(o.report.transcript.some((t: { truncated?: boolean }) => t.truncated)).toBe(true);
  });

  it('a 50 MB HTML page on /info: NOT_LANGSMITH with a short excerpt', async () => {
    const chunk = `<p>${'y'.repeat(1024 * 1024)}</p>`;
    const server = track(await hostileHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
      let left = 50;
      const more = () => {
        while (left > 0) {
          left--;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end('</body></html>');
      };
      more();
    }));
    const o = await diagnose(server.url);
    expect(['NOT_LANGSMITH', 'PROXY_INTERFERENCE']).toContain(o.cause);
  });

  it('a body that trickles forever ends at the deadline: TIMEOUT', async () => {
    const server = track(await hostileHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"version":"');
      const t = setInterval(() => res.write('1'), 100);
      timers.push(t);
      res.on('close', () => clearInterval(t));
    }));
    const o = await diagnose(server.url, ['--timeout', '1500']);
    expect(o.cause).toBe('TIMEOUT');
  });
});

describe('broken HTTP is a network finding with the raw error, never a crash or a hang', () => {
  it('malformed status line: NETWORK_ERROR (not CONNECTION_RESET), the parser error in the message', async () => {
    const server = track(await hostileRaw((s) => s.end('HELLO THIS IS NOT HTTP\r\n\r\n')));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('NETWORK_ERROR');
    expect(o.findings.find((f) => f.code === 'NETWORK_ERROR')!.message).toMatch(/HPE_|parse|invalid|expected/i);
  });

  it('an invalid Content-Length: NETWORK_ERROR', async () => {
    const server = track(await hostileRaw((s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: nope\r\n\r\n{}')));
    expect((await diagnose(server.url)).cause).toBe('NETWORK_ERROR');
  });

  it('a 200 kB header: NETWORK_ERROR (header overflow)', async () => {
    const server = track(await hostileRaw((s) => s.end(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(200_000)}\r\nContent-Length: 2\r\n\r\n{}`)));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('NETWORK_ERROR');
    expect(o.stdout).not.toContain('a'.repeat(1000));
  });

  it('ten thousand headers: NETWORK_ERROR', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const server = track(await hostileRaw((s) => s.end(`HTTP/1.1 200 OK\r\n${many}\r\nContent-Length: 2\r\n\r\n{}`)));
    expect((await diagnose(server.url)).cause).toBe('NETWORK_ERROR');
  });
});

describe('Retry-After extremes give a sane RATE_LIMITED', () => {
  const cases: Array<[string, string, RegExp | null]> = [
    ['zero', '0', /Retry-After: 0 s/],
    ['negative', '-5', null],
    ['huge', '99999999999999999999', /Retry-After: 86400 s/],
    ['a past date', 'Wed, 21 Oct 2015 07:28:00 GMT', /Retry-After: 0 s/],
    ['garbage', 'soon-ish', null],
    ['8 kB of garbage', 'z'.repeat(8000), null],
  ];
  for (const [label, value, shown] of cases) {
    it(`${label}`, async () => {
      const server = track(await hostileHttp(infoThen((_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': value }).end('{"detail":"Too many requests"}'))));
      const o = await diagnose(server.url);
      expect(o.cause).toBe('RATE_LIMITED');
      const text = JSON.stringify(o.report.checks);
      expect(text).not.toMatch(/NaN|Infinity|undefined s/);
      if (shown) expect(text).toMatch(shown);
      else expect(text).not.toMatch(/Retry-After: /);
      expect(o.stdout).not.toContain('z'.repeat(600));
    });
  }
});

describe('the transcript lists every request sent', () => {
  it('a key straddling the excerpt cut is redacted before the cut: none of its hidden characters shows', async () => {
    // A key value no pattern knows (only the exact value is redacted), 280 characters into the
    // body: a cut at 300 keeps 20 of its characters unless redaction came first.
    const odd = 'selfhosted_3f9a7c1e2b4d6f8a0c2e4a6b8d0f1e3c';
    const server = track(await hostileHttp((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${'x'.repeat(274)}${odd} is what you sent</html>`)));
    const guard = netGuard();
    const r = await runCli(['--json'], {
      cwd: projectWithRegions({ us: server.url }), nodeArgs: guard.nodeArgs, secrets: [odd],
      env: { LANGSMITH_API_KEY: odd, LANGSMITH_ENDPOINT: server.url, ...guard.env },
    });
    const hidden = odd.slice('selfhosted_'.length, -4);
    for (let i = 0; i + 6 <= hidden.length; i++) expect(r.stdout).not.toContain(hidden.slice(i, i + 6));
    expect(r.json().transcript.find((t: { url: string }) => t.url.endsWith('/info')).excerpt).toMatch(/^<html>x+/);
  });

  it('prefetches nobody waited for are listed as unfinished', async () => {
    const server = track(await hostileHttp(infoThen((req, res) => {
      if (req.url === '/settings' || req.url?.startsWith('/sessions')) res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"Invalid token"}');
      // everything else never answers
    })));
    const o = await diagnose(server.url);
    expect(o.cause).toBe('KEY_INVALID');
    const unfinished = o.report.transcript.filter((t: { unfinished?: boolean }) => t.unfinished);
    expect(unfinished.length).toBeGreaterThan(0);
    // Each request the server received is in the transcript.
    const listed = o.report.transcript.map((t: { method: string; url: string }) => `${t.method} ${new URL(t.url).pathname}${new URL(t.url).search}`);
    for (const r of server.requests) expect(listed).toContain(r);
    for (const t of unfinished) expect(t.status).toBeUndefined();
  });
});
