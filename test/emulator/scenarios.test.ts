// Every scenario starts, shows its fault or answers /info on its endpoint, and its observable
// answers agree with the stage it expects.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { getScenario, scenarios, serveScenario, startEmulator } from '../../src/emulator/index.js';
import type { Scenario } from '../../src/emulator/index.js';

const STAGES = ['configure', 'connect', 'authenticate', 'read-only', 'limited-write', 'full-access', 'admin', 'unknown'];
const TIERS = ['none', 'read-only', 'limited-write', 'full-access', 'admin', 'unknown'];
// Finding codes of CONTRACT.md that scenarios may name.
const CODES = new Set([
  'KEY_MISSING', 'KEY_LEGACY', 'KEY_MALFORMED', 'KEY_PLACEHOLDER', 'KEY_OTHER_PROVIDER', 'KEY_QUOTED', 'ENV_CONFLICT', 'ENV_NAME_TYPO',
  'TRACING_FLAG_INVALID', 'TRACING_DISABLED', 'TRACING_WITHOUT_KEY', 'DOTENV_NOT_LOADED', 'DOTENV_SHADOWED', 'ENDPOINT_INVALID_URL',
  'ENDPOINT_UI_HOST', 'ENDPOINT_INSECURE', 'RUNS_ENDPOINTS_CONFLICT', 'WORKSPACE_ID_INVALID', 'DNS_FAILURE', 'CONNECTION_REFUSED',
  'CONNECTION_RESET', 'TIMEOUT', 'TLS_UNTRUSTED', 'TLS_ERROR', 'PROXY_INTERFERENCE', 'NOT_LANGSMITH', 'SERVICE_ERROR', 'KEY_INVALID',
  'KEY_EXPIRED', 'REGION_MISMATCH', 'WORKSPACE_REQUIRED', 'WORKSPACE_NOT_ACCESSIBLE', 'NO_PLAN', 'TIER_READ_ONLY', 'TIER_LIMITED_WRITE',
  'TIER_FULL_ACCESS', 'TIER_ADMIN', 'PERMISSION_UNKNOWN', 'RATE_LIMITED', 'USAGE_LIMIT_REACHED', 'PAYLOAD_TOO_LARGE', 'KEY_EXPIRING_SOON', 'KEY_AGE',
  // Added to the contract's list (docs/report.md, "Added finding codes").
  'TRACE_NOT_VISIBLE',
]);

describe('scenario catalogue', () => {
  it('has at least 15 uniquely named kebab-case presets with valid expectations', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
    for (const s of scenarios) {
      expect(s.name, s.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(s.summary.length, s.name).toBeGreaterThan(10);
      expect(STAGES, s.name).toContain(s.expect.stage);
      expect(TIERS, s.name).toContain(s.expect.tier);
      if (s.expect.cause !== null) expect(CODES.has(s.expect.cause), `${s.name}: ${s.expect.cause}`).toBe(true);
      if (['read-only', 'limited-write', 'full-access', 'admin'].includes(s.expect.stage)) expect(s.expect.tier, s.name).toBe(s.expect.stage);
    }
    expect(getScenario('eu-key-on-us-default')?.expect.cause).toBe('REGION_MISMATCH');
    expect(getScenario('nope')).toBeUndefined();
  });

  it('covers every stage and the common causes', () => {
    const stages = new Set(scenarios.map((s) => s.expect.stage));
    for (const st of ['configure', 'connect', 'authenticate', 'read-only', 'limited-write', 'full-access', 'admin']) expect(stages).toContain(st);
    const causes = new Set(scenarios.map((s) => s.expect.cause));
    for (const c of [null, 'TIER_LIMITED_WRITE', 'TIER_READ_ONLY', 'REGION_MISMATCH', 'WORKSPACE_REQUIRED', 'KEY_LEGACY', 'KEY_INVALID', 'KEY_EXPIRED',
      'USAGE_LIMIT_REACHED', 'KEY_EXPIRING_SOON', 'ENDPOINT_UI_HOST', 'PROXY_INTERFERENCE', 'CONNECTION_REFUSED', 'TIMEOUT', 'TLS_UNTRUSTED',
      'SERVICE_ERROR', 'NO_PLAN', 'RATE_LIMITED', 'KEY_PLACEHOLDER']) {
      expect(causes, String(c)).toContain(c);
    }
  });

  it('keys look real and are deterministic (no real secret in the repo)', async () => {
    const seen = new Set<string>();
    for (const s of scenarios) {
      for (const k of s.world.keys) {
        if (k.kind === 'legacy') expect(k.key).toMatch(/^ls__[a-f0-9]{32}$/);
        else if (!k.key.startsWith('<')) expect(k.key, s.name).toMatch(/^lsv2_(pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}$/);
        expect(seen.has(k.key), `${s.name} reuses ${k.key}`).toBe(false);
        seen.add(k.key);
      }
    }
    // Within a world, key lists are matched by prefix + last 4 characters: they must not collide.
    for (const s of scenarios) {
      const shorts = s.world.keys.filter((k) => k.orgId === s.world.keys[0]!.orgId).map((k) => k.key.slice(0, 8) + k.key.slice(-4));
      expect(new Set(shorts).size, s.name).toBe(shorts.length);
    }
    // Re-importing gives the same keys.
    const again = await import(`../../src/emulator/scenarios.js?again=${Date.now()}`).catch(() => undefined);
    if (again) expect(again.scenarios[0].world.keys[0].key).toBe(scenarios[0]!.world.keys[0]!.key);
  });
});

type Outcome = 'refused' | 'timeout' | 'reset' | 'tls' | 'json' | 'html' | 'status';

function expectedInfoOutcome(s: Scenario): Outcome {
  switch (s.expect.cause) {
    case 'CONNECTION_REFUSED':
      return 'refused';
    case 'TIMEOUT':
      return 'timeout';
    case 'CONNECTION_RESET':
      return 'reset';
    case 'TLS_UNTRUSTED':
      return 'tls';
    case 'PROXY_INTERFERENCE':
      return 'html';
    case 'SERVICE_ERROR':
      return 'status';
    default:
      return s.expect.cause === 'ENDPOINT_UI_HOST' && !s.offline ? 'html' : 'json';
  }
}

async function observeInfo(url: string, timeoutMs: number): Promise<{ outcome: Outcome; status?: number; body?: string }> {
  try {
    const r = await fetch(`${url}/info`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await r.text();
    if (r.status >= 500) return { outcome: 'status', status: r.status, body };
    try {
      JSON.parse(body);
      return { outcome: 'json', status: r.status, body };
    } catch {
      return { outcome: 'html', status: r.status, body };
    }
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError') return { outcome: 'timeout' };
    const code = err.cause?.code ?? '';
    if (code === 'ECONNREFUSED') return { outcome: 'refused' };
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { outcome: 'reset' };
    if (/CERT|SELF_SIGNED/.test(code)) return { outcome: 'tls' };
    throw e;
  }
}

/** Headers a doctor would send for the scenario's env (key + workspace). */
function authHeaders(env: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = {};
  if (env['LANGSMITH_API_KEY']) h['x-api-key'] = env['LANGSMITH_API_KEY'];
  if (env['LANGSMITH_WORKSPACE_ID']) h['x-tenant-id'] = env['LANGSMITH_WORKSPACE_ID'];
  return h;
}

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s', (_name, s) => {
  it('starts, and its endpoint answers /info or shows its fault; the settings probe matches the stage', async () => {
    const emu = await startEmulator({ world: s.world });
    try {
      const env = s.env(emu.urls);
      expect(env['LANGSMITH_API_KEY']).toBeTruthy();
      expect(Object.keys(emu.urls.regions)).toEqual(expect.arrayContaining(['us', 'eu', 'apac', 'aws']));
      if (env['LANGSMITH_ENDPOINT'] === undefined) expect(emu.urls.endpoint).toBe(emu.urls.regions['us']);
      else if (!s.offline) expect(env['LANGSMITH_ENDPOINT']).toBe(emu.urls.endpoint);

      const obs = await observeInfo(emu.urls.endpoint, s.timeoutMs ?? 1500);
      expect(obs.outcome).toBe(expectedInfoOutcome(s));
      if (obs.outcome === 'json') expect(JSON.parse(obs.body!)).toHaveProperty('version');
      if (s.expect.cause === 'ENDPOINT_UI_HOST' && !s.offline) expect(obs.body).toContain('<title>LangSmith</title>');

      // The key/workspace probe: tiers clear authentication, authenticate-stage scenarios do not.
      if (obs.outcome === 'json' && !s.offline) {
        const r = await fetch(`${emu.urls.endpoint}/settings`, { headers: authHeaders(env) });
        const text = await r.text();
        if (['read-only', 'limited-write', 'full-access', 'admin'].includes(s.expect.stage)) {
          expect(r.status, text).toBe(200);
        } else if (s.expect.stage === 'authenticate') {
          expect([401, 403, 429], text).toContain(r.status);
          if (s.expect.cause === 'REGION_MISMATCH') {
            // Exactly one other region knows the key.
            const ok: string[] = [];
            for (const [region, url] of Object.entries(emu.urls.regions)) {
              const rr = await fetch(`${url}/api/v1/settings`, { headers: authHeaders(env) });
              await rr.text();
              if (rr.status === 200) ok.push(region);
            }
            expect(ok).toHaveLength(1);
            expect(ok[0]).not.toBe('us');
          }
          if (s.expect.cause === 'WORKSPACE_REQUIRED') expect(text).toMatch(/org[-_]scoped/);
          if (s.expect.cause === 'NO_PLAN') {
            expect(text).toContain('no plan found');
            // The public case of that body (sdk-audit #1): an upload with NO key gets it too.
            const up = await fetch(`${emu.urls.endpoint}/runs/multipart`, { method: 'POST' });
            expect(up.status).toBe(403);
            expect(await up.text()).toBe('{"error":"Forbidden - no plan found"}\n');
          }
          if (s.expect.cause === 'RATE_LIMITED') expect(r.headers.get('retry-after')).toBeTruthy();
          if (s.expect.cause === 'KEY_EXPIRED') expect(text).toMatch(/expired/);
        }
      }
    } finally {
      await emu.close();
    }
  });
});

describe('serveScenario', () => {
  it('prints the URLs, env lines and regions config, serves, and stops on abort', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const ac = new AbortController();
    const done = serveScenario({ scenario: 'eu-key-on-us-default', out, signal: ac.signal });
    while (!text.includes('Press Ctrl+C')) await new Promise((r) => setTimeout(r, 10));
    const s = getScenario('eu-key-on-us-default')!;
    const key = s.world.keys[0]!.key;
    expect(text).toContain(`export LANGSMITH_API_KEY=${key}`);
    expect(text).toContain('export LANGSMITH_TRACING=true');
    expect(text).not.toContain('export LANGSMITH_ENDPOINT=');
    const cfgLine = text.split('\n').find((l) => l.startsWith('{"regions":'));
    const cfg = JSON.parse(cfgLine!) as { regions: Record<string, string> };
    expect(Object.keys(cfg.regions).sort()).toEqual(['apac', 'aws', 'eu', 'us']);
    expect(text).toContain('stage authenticate, cause REGION_MISMATCH, tier none');
    const r = await fetch(`${cfg.regions['eu']}/api/v1/settings`, { headers: { 'x-api-key': key } });
    expect(r.status).toBe(200);
    ac.abort();
    await done;
    expect(text).toContain('Emulator stopped.');
    await expect(fetch(`${cfg.regions['us']}/info`)).rejects.toThrow();
  });

  it('quotes placeholder keys and sets the endpoint when the scenario does', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const ac = new AbortController();
    const done = serveScenario({ scenario: 'placeholder-key', out, signal: ac.signal });
    while (!text.includes('Press Ctrl+C')) await new Promise((r) => setTimeout(r, 10));
    expect(text).toContain("export LANGSMITH_API_KEY='<your-langsmith-api-key>'");
    ac.abort();
    await done;

    const out2 = new PassThrough();
    let text2 = '';
    out2.on('data', (c: Buffer) => (text2 += c.toString()));
    const ac2 = new AbortController();
    const done2 = serveScenario({ scenario: 'self-hosted-healthy', out: out2, signal: ac2.signal });
    while (!text2.includes('Press Ctrl+C')) await new Promise((r) => setTimeout(r, 10));
    expect(text2).toMatch(/export LANGSMITH_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/api\/v1\n/);
    ac2.abort();
    await done2;
  });

  it('rejects an unknown scenario', async () => {
    await expect(serveScenario({ scenario: 'nope', out: new PassThrough() })).rejects.toThrow(/Unknown scenario "nope"/);
  });
});

describe('startScenario', () => {
  it('returns the emulator and the env of a named scenario', async () => {
    const { emulator, env, scenario } = await import('../../src/emulator/index.js').then((m) => m.startScenario('viewer'));
    try {
      expect(scenario.expect.stage).toBe('read-only');
      const r = await fetch(`${emulator.urls.endpoint}/runs/batch`, {
        method: 'POST',
        headers: { 'x-api-key': env['LANGSMITH_API_KEY']!, 'content-type': 'application/json' },
        body: '{"post":[],"patch":[]}',
      });
      expect(r.status).toBe(403);
      expect(await r.text()).toBe('{"error":"Forbidden"}\n');
    } finally {
      await emulator.close();
    }
  });
});
