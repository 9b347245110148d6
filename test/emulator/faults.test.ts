// Host faults, observed with plain fetch / node:https.
import { describe, expect, it } from 'vitest';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEST_CERT_PEM, seededKey, seededUuid, startEmulator } from '../../src/emulator/index.js';
import type { Fault, HostSpec, RunningEmulator, World } from '../../src/emulator/index.js';

const SEED = 'faults-test';
const ORG = seededUuid(SEED, 'org');
const WS = seededUuid(SEED, 'ws');
const KEY = seededKey(SEED, 'k');

function world(hosts: Record<string, HostSpec>, extra: Partial<World> = {}): World {
  return {
    orgs: [{ id: ORG, name: 'Acme', region: 'us', plan: 'plus', workspaces: [{ id: WS, name: 'W', projects: [] }] }],
    keys: [{ id: seededUuid(SEED, 'key'), key: KEY, kind: 'pat', orgId: ORG, scope: 'workspace', workspaceIds: [WS], role: 'Admin', createdAgoMs: 1000 }],
    hosts,
    ...extra,
  };
}

async function withFault<T>(fault: Fault | HostSpec, fn: (base: string, emu: RunningEmulator) => Promise<T>, extra: Partial<World> = {}): Promise<T> {
  const spec: HostSpec = 'kind' in fault ? { fault } : fault;
  const emu = await startEmulator({ world: world({ us: spec }, extra) });
  try {
    return await fn(emu.urls.regions['us']!, emu);
  } finally {
    await emu.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<Error & { cause?: { code?: string; message?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { cause?: { code?: string } };
  }
  throw new Error('expected a rejection');
}

describe('faults', () => {
  it('refused: ECONNREFUSED', async () => {
    await withFault({ kind: 'refused' }, async (base) => {
      const e = await rejection(fetch(`${base}/info`));
      expect(e.cause?.code).toBe('ECONNREFUSED');
    });
  });

  it('hang: accepted, never answered; aborted by AbortSignal.timeout; close() still completes', async () => {
    await withFault({ kind: 'hang' }, async (base, emu) => {
      const e = await rejection(fetch(`${base}/info`, { signal: AbortSignal.timeout(300) }));
      expect(e.name).toBe('TimeoutError');
      expect(emu.requests.at(-1)).toMatchObject({ path: '/info', status: 0 });
    });
  });

  it('reset mid-response: headers arrive, the body read fails', async () => {
    await withFault({ kind: 'reset' }, async (base) => {
      const res = await fetch(`${base}/info`);
      expect(res.status).toBe(200);
      const e = await rejection(res.text());
      expect(e).toBeInstanceOf(Error);
    });
  });

  it('reset at accept: the request fails with a socket error', async () => {
    await withFault({ kind: 'reset', at: 'accept' }, async (base) => {
      const e = await rejection(fetch(`${base}/info`));
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(e.cause?.code);
    });
  });

  it('latency applies to every request (a short client timeout aborts; the answer itself is intact)', async () => {
    await withFault({ latencyMs: 1500 }, async (base) => {
      const e = await rejection(fetch(`${base}/info`, { signal: AbortSignal.timeout(100) }));
      expect(e.name).toBe('TimeoutError');
    });
    await withFault({ latencyMs: 50 }, async (base) => {
      const r = await fetch(`${base}/settings`, { headers: { 'x-api-key': KEY } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { id: string }).id).toBe(WS);
    });
  });

  it('5xx: HTML or JSON, /info included', async () => {
    await withFault({ kind: 'status', status: 503, body: 'html' }, async (base) => {
      const r = await fetch(`${base}/info`);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(await r.text()).toContain('503 Service Temporarily Unavailable');
    });
    await withFault({ kind: 'status', status: 500 }, async (base) => {
      const r = await fetch(`${base}/sessions`, { headers: { 'x-api-key': KEY } });
      expect(r.status).toBe(500);
      expect(await r.json()).toEqual({ detail: 'Internal Server Error' });
      const i = await fetch(`${base}/runs/multipart`, { method: 'POST', headers: { 'x-api-key': KEY } });
      expect(await i.text()).toBe('{"error":"Internal Server Error"}\n');
    });
  });

  it('429 with Retry-After, /info spared with skipInfo', async () => {
    await withFault({ kind: 'status', status: 429, retryAfterSeconds: 30, skipInfo: true }, async (base) => {
      expect((await fetch(`${base}/info`)).status).toBe(200);
      const r = await fetch(`${base}/api/v1/settings`, { headers: { 'x-api-key': KEY } });
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('30');
    });
  });

  it('proxy HTML: a Squid block page on every path', async () => {
    await withFault({ kind: 'proxy-html' }, async (base) => {
      const r = await fetch(`${base}/info`);
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.headers.get('via')).toContain('proxy.corp.example');
      const t = await r.text();
      expect(t).toContain('Access Denied');
      expect(t).toContain(`${base}/info`);
    });
  });

  it('web-UI host: HTML on GET, nginx 405 on POST', async () => {
    await withFault({ kind: 'web-ui' }, async (base) => {
      const g = await fetch(`${base}/info`);
      expect(g.status).toBe(200);
      const t = await g.text();
      expect(t).toContain('<title>LangSmith</title>');
      expect(() => JSON.parse(t)).toThrow();
      const p = await fetch(`${base}/runs/batch`, { method: 'POST', body: '{"post":[],"patch":[]}', headers: { 'content-type': 'application/json' } });
      expect(p.status).toBe(405);
      expect(p.headers.get('server')).toBe('nginx');
      expect(await p.text()).toContain('<center>nginx</center>');
    });
  });

  it('untrusted TLS: fetch fails on the self-signed certificate; trusting it makes the API answer', async () => {
    await withFault({ tls: true }, async (base) => {
      expect(base.startsWith('https://')).toBe(true);
      const e = await rejection(fetch(`${base}/info`));
      expect(e.cause?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`${base}/info`, { ca: TEST_CERT_PEM }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
    });
  });

  it('the inlined PEM is the committed fixture', () => {
    const dir = fileURLToPath(new URL('../../src/emulator/tls/', import.meta.url));
    expect(TEST_CERT_PEM.trim()).toBe(readFileSync(`${dir}cert.pem`, 'utf8').trim());
  });

  it('truncated JSON: well-formed HTTP, invalid JSON', async () => {
    await withFault({ kind: 'truncated-json' }, async (base) => {
      const r = await fetch(`${base}/info`);
      expect(r.status).toBe(200);
      const t = await r.text();
      expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(t));
      expect(t.startsWith('{"version"')).toBe(true);
      expect(() => JSON.parse(t)).toThrow();
    });
  });

  it('redirect to another listener keeps path and query', async () => {
    const emu = await startEmulator({ world: world({ us: { fault: { kind: 'redirect', to: 'eu', status: 308 } } }) });
    try {
      const base = emu.urls.regions['us']!;
      const r = await fetch(`${base}/sessions?limit=1`, { redirect: 'manual' });
      expect(r.status).toBe(308);
      expect(r.headers.get('location')).toBe(`${emu.urls.regions['eu']}/sessions?limit=1`);
      const followed = await fetch(`${base}/info`);
      expect(followed.redirected).toBe(true);
      expect(followed.status).toBe(200);
      expect(emu.requests.map((x) => x.region)).toEqual(['us', 'us', 'eu']);
    } finally {
      await emu.close();
    }
  });

  it('body limit: 413 nginx HTML for a large body, GETs pass', async () => {
    await withFault({ kind: 'body-limit', maxBytes: 16 }, async (base) => {
      const r = await fetch(`${base}/runs/batch`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: '{"post":[],"patch":[]}' });
      expect(r.status).toBe(413);
      expect(await r.text()).toContain('413 Request Entity Too Large');
      expect((await fetch(`${base}/settings`, { headers: { 'x-api-key': KEY } })).status).toBe(200);
    });
  });

  it('extra hosts appear in hosts but not in regions; refused ports stay closed', async () => {
    const emu = await startEmulator({ world: world({ ui: { fault: { kind: 'web-ui' } }, local: { fault: { kind: 'refused' } } }, { extraHosts: ['ui', 'local'], endpoint: 'ui' }) });
    try {
      expect(Object.keys(emu.urls.regions).sort()).toEqual(['apac', 'aws', 'eu', 'us']);
      expect(Object.keys(emu.urls.hosts).sort()).toEqual(['apac', 'aws', 'eu', 'local', 'ui', 'us']);
      expect(emu.urls.endpoint).toBe(emu.urls.hosts['ui']);
      expect((await rejection(fetch(`${emu.urls.hosts['local']}/info`))).cause?.code).toBe('ECONNREFUSED');
    } finally {
      await emu.close();
    }
  });
});

describe('close()', () => {
  function tcpHandles(): number {
    return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap').length;
  }

  it('leaves no open handles, even with a hanging request and keep-alive sockets in flight', async () => {
    await new Promise((r) => setTimeout(r, 50)); // let client sockets of earlier tests finish closing
    const before = tcpHandles();
    const emu = await startEmulator({ world: world({ eu: { fault: { kind: 'hang' } }, apac: { tls: true } }) });
    expect(tcpHandles()).toBeGreaterThan(before);
    const hanging = fetch(`${emu.urls.regions['eu']}/info`).catch((e: unknown) => e);
    await fetch(`${emu.urls.regions['us']}/info`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    await emu.close();
    await emu.close(); // idempotent
    const err = await hanging;
    expect(err).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 50));
    expect(tcpHandles()).toBeLessThanOrEqual(before);
    expect((await rejection(fetch(`${emu.urls.regions['us']}/info`))).cause?.code).toBe('ECONNREFUSED');
  });

  it('basePort gives consecutive ports in the order us, eu, apac, aws', async () => {
    // A base below Linux's ephemeral range (32768+), where the other tests' port-0 listeners never
    // land; a few tries in case something else holds one of the four.
    let emu: Awaited<ReturnType<typeof startEmulator>> | undefined;
    let base = 0;
    for (let attempt = 0; attempt < 10 && !emu; attempt++) {
      base = 20_000 + Math.floor(Math.random() * 10_000);
      emu = await startEmulator({ world: world({}), basePort: base }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') return undefined;
        throw err;
      });
    }
    if (!emu) throw new Error('no four consecutive free ports found in 10 tries');
    try {
      const ports = ['us', 'eu', 'apac', 'aws'].map((r) => Number(new URL(emu.urls.regions[r]!).port));
      expect(ports).toEqual([base, base + 1, base + 2, base + 3]);
    } finally {
      await emu.close();
    }
  });
});
