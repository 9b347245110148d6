// What only happens off loopback, on the built CLI: a real CONNECT proxy in front of an HTTPS
// emulator (with and without proxy credentials, NO_PROXY), TLS trust, DNS failure, and where
// plain HTTP may carry the key. Every run has the net-guard preload: names resolve from a table,
// and a connect to any non-loopback address is refused and logged (the tests assert none).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getScenario, startEmulator, type RunningEmulator, type World } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { certFile, netGuard, projectWithRegions } from '../helpers/offnet.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/proxy.js';

const PROXY_USER = 'lsd-proxy-user-91';
const PROXY_PASS = 'Pr0xy-Passw0rd-7f3a';
const PROXY_SECRETS = [PROXY_PASS, `${PROXY_USER}:${PROXY_PASS}`, Buffer.from(`${PROXY_USER}:${PROXY_PASS}`).toString('base64'), PROXY_USER];
const CA = certFile();

function tlsWorld(name: string): World {
  const world = structuredClone(getScenario(name)!.world);
  world.hosts = { ...world.hosts };
  for (const r of ['us', 'eu', 'apac', 'aws']) world.hosts[r] = { ...world.hosts[r], tls: true };
  return world;
}

const emulators: RunningEmulator[] = [];
const proxies: ConnectProxy[] = [];
afterEach(async () => {
  await Promise.all([...emulators.splice(0).map((e) => e.close()), ...proxies.splice(0).map((p) => p.close())]);
});

async function httpsScenario(name: string) {
  const scenario = getScenario(name)!;
  const emu = await startEmulator({ world: tlsWorld(name) });
  emulators.push(emu);
  const env = scenario.env(emu.urls);
  return { scenario, emu, env, key: env.LANGSMITH_API_KEY!, cwd: projectWithRegions(emu.urls.regions) };
}

const diagnosisOf = (report: any) => ({ stage: report.diagnosis.stage, cause: report.diagnosis.causes[0]?.code ?? null, tier: report.diagnosis.tier });

describe('through a CONNECT proxy, to an HTTPS emulator (built CLI)', () => {
  it('with proxy credentials: the proxy gets Proxy-Authorization, the diagnosis is the real one, the credentials are shown nowhere', async () => {
    const { scenario, emu, env, key, cwd } = await httpsScenario('healthy-admin');
    const proxy = await startConnectProxy({ credentials: `${PROXY_USER}:${PROXY_PASS}` });
    proxies.push(proxy);
    const guard = netGuard();
    const proxyUrl = `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${proxy.port}`;
    const reportFile = path.join(cwd, 'report.md');
    const r = await runCli(['--json', '--report', reportFile], {
      cwd, nodeArgs: guard.nodeArgs, secrets: [key, ...PROXY_SECRETS], timeoutMs: 30_000,
      env: { ...env, ...guard.env, HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: CA },
    });
    const report = r.json();
    expect(diagnosisOf(report)).toEqual(scenario.expect);
    expect(r.code).toBe(0);
    // Every request went through the proxy, each tunnel authenticated.
    const emuHost = new URL(emu.urls.regions.us!).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([emuHost]));
    expect(proxy.authorizations.every((a) => a === `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASS}`).toString('base64')}`)).toBe(true);
    // The key reached the emulator (inside the TLS tunnel), and the transcript says which proxy, masked.
    expect(emu.requests.some((q) => q.headers['x-api-key'] === key)).toBe(true);
    expect(report.transcript.length).toBeGreaterThan(0);
    for (const t of report.transcript) expect(t.proxy).toBe(`http://…@127.0.0.1:${proxy.port}`);
    expect(guard.refused()).toEqual([]);
    const written = readFileSync(reportFile, 'utf8');
    for (const s of [key, ...PROXY_SECRETS]) expect(written.includes(s), s.slice(0, 6)).toBe(false);
  });

  it('without credentials: another scenario keeps its own diagnosis (REGION_MISMATCH) through the proxy', async () => {
    const { scenario, env, key, cwd } = await httpsScenario('eu-key-on-us-default');
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const guard = netGuard();
    const r = await runCli(['--json'], {
      cwd, nodeArgs: guard.nodeArgs, secrets: [key], timeoutMs: 30_000,
      env: { ...env, ...guard.env, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: CA },
    });
    const report = r.json();
    expect(diagnosisOf(report)).toEqual(scenario.expect);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(proxy.authorizations.every((a) => a === undefined)).toBe(true);
    expect(guard.refused()).toEqual([]);
  });

  it('ALL_PROXY alone is honoured too', async () => {
    const { scenario, env, key, cwd } = await httpsScenario('healthy-admin');
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const r = await runCli(['--json'], { cwd, secrets: [key], timeoutMs: 30_000, env: { ...env, ALL_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: CA } });
    expect(diagnosisOf(r.json())).toEqual(scenario.expect);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  });

  it('NO_PROXY is honoured: the proxy sees nothing, the diagnosis is the same', async () => {
    const { scenario, env, key, cwd } = await httpsScenario('healthy-admin');
    const proxy = await startConnectProxy({ credentials: `${PROXY_USER}:${PROXY_PASS}` });
    proxies.push(proxy);
    const guard = netGuard();
    const r = await runCli(['--json'], {
      cwd, nodeArgs: guard.nodeArgs, secrets: [key, ...PROXY_SECRETS], timeoutMs: 30_000,
      env: { ...env, ...guard.env, HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${proxy.port}`, NO_PROXY: 'localhost,127.0.0.1', NODE_EXTRA_CA_CERTS: CA },
    });
    const report = r.json();
    expect(diagnosisOf(report)).toEqual(scenario.expect);
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.plain).toEqual([]);
    expect(report.transcript.every((t: { proxy?: string }) => t.proxy === undefined)).toBe(true);
    expect(guard.refused()).toEqual([]);
  });

  it('a proxy that refuses the credentials (407) is a network finding naming the proxy answer, not a reset', async () => {
    const { env, key, cwd } = await httpsScenario('healthy-admin');
    const proxy = await startConnectProxy({ credentials: 'someone:else' });
    proxies.push(proxy);
    const r = await runCli(['--json', '--only', 'endpoint'], {
      cwd, secrets: [key, ...PROXY_SECRETS], timeoutMs: 30_000,
      env: { ...env, HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: CA },
    });
    const finding = r.json().checks.find((c: { id: string }) => c.id === 'endpoint').findings[0];
    expect(finding.code).toBe('NETWORK_ERROR');
    expect(finding.message).toMatch(/407/);
  });
});

describe('a proxy that is not there (built CLI)', () => {
  it('a refused proxy is CONNECTION_REFUSED naming the proxy (credentials masked), not the API host', async () => {
    const { env, key, cwd } = await httpsScenario('healthy-admin');
    const closed = await startConnectProxy();
    await closed.close();
    const r = await runCli(['--json', '--only', 'endpoint'], {
      cwd, secrets: [key, ...PROXY_SECRETS], timeoutMs: 30_000,
      env: { ...env, HTTPS_PROXY: `http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${closed.port}`, NODE_EXTRA_CA_CERTS: CA },
    });
    const finding = r.json().checks.find((c: { id: string }) => c.id === 'endpoint').findings[0];
    expect(finding.code).toBe('CONNECTION_REFUSED');
    expect(finding.message).toContain(`The proxy http://…@127.0.0.1:${closed.port} refuses connections`);
  });
});

describe('TLS and DNS (built CLI)', () => {
  it('an HTTPS endpoint trusted through NODE_EXTRA_CA_CERTS passes; without it the certificate is TLS_UNTRUSTED', async () => {
    const { scenario, env, key, cwd } = await httpsScenario('healthy-admin');
    const trusted = await runCli(['--json'], { cwd, secrets: [key], timeoutMs: 30_000, env: { ...env, NODE_EXTRA_CA_CERTS: CA } });
    expect(diagnosisOf(trusted.json())).toEqual(scenario.expect);
    const untrusted = await runCli(['--json'], { cwd, secrets: [key], timeoutMs: 30_000, env });
    const report = untrusted.json();
    expect(report.diagnosis.stage).toBe('connect');
    expect(report.diagnosis.causes[0].code).toBe('TLS_UNTRUSTED');
  });

  it('a host name that does not resolve is DNS_FAILURE (injected resolution; nothing leaves loopback)', async () => {
    const cwd = projectWithRegions({ us: 'https://api.langsmith.invalid-host.test' });
    const guard = netGuard({});
    const key = getScenario('healthy-admin')!.env({ regions: {}, endpoint: '', hosts: {} }).LANGSMITH_API_KEY!;
    const r = await runCli(['--json'], { cwd, nodeArgs: guard.nodeArgs, secrets: [key], env: { ...guard.env, LANGSMITH_API_KEY: key } });
    const report = r.json();
    expect(report.diagnosis.stage).toBe('connect');
    expect(report.diagnosis.causes[0].code).toBe('DNS_FAILURE');
    expect(guard.lookups()).toContain('api.langsmith.invalid-host.test');
    expect(guard.refused()).toEqual([]);
  });
});

describe('plain HTTP carries the key only to loopback addresses (built CLI)', () => {
  let emu: RunningEmulator;
  const scenario = getScenario('healthy-admin')!;
  beforeAll(async () => {
    emu = await startEmulator({ world: scenario.world });
  });
  afterAll(() => emu.close());

  it('http://x.localhost that resolves to a non-loopback address never gets the key: blocked before any connection', async () => {
    const port = new URL(emu.urls.regions.us!).port;
    const endpoint = `http://x.localhost:${port}`;
    const guard = netGuard({ 'x.localhost': ['192.0.2.55'] });
    const env: Record<string, string> = { ...scenario.env(emu.urls), LANGSMITH_ENDPOINT: endpoint };
    const r = await runCli(['--json'], { cwd: projectWithRegions({ us: endpoint }), nodeArgs: guard.nodeArgs, secrets: [env.LANGSMITH_API_KEY!], env: { ...env, ...guard.env } });
    const report = r.json();
    // Every request that would carry the key is blocked, with the reason; only the keyless /info was tried.
    const keyed = report.transcript.filter((t: { url: string }) => !t.url.endsWith('/info'));
    expect(keyed.length).toBeGreaterThan(0);
    for (const t of keyed) expect(t.blocked).toMatch(/resolves to 192\.0\.2\.55, not a loopback address/);
    const tried = report.transcript.filter((t: { blocked?: string }) => !t.blocked);
    expect(tried.map((t: { url: string }) => new URL(t.url).pathname)).toEqual(['/info']);
    // The guard refused exactly that one keyless attempt; nothing else tried to leave loopback.
    expect(guard.refused()).toHaveLength(1);
  });

  it('a name resolving to loopback AND elsewhere is not loopback: the key reaches no one, not even the loopback listener', async () => {
    const port = new URL(emu.urls.regions.us!).port;
    const endpoint = `http://mixed.localhost:${port}`;
    // The guard passes on only the loopback answer, so whatever is sent lands on the emulator.
    const guard = netGuard({ 'mixed.localhost': ['127.0.0.1', '192.0.2.56'] });
    const env: Record<string, string> = { ...scenario.env(emu.urls), LANGSMITH_ENDPOINT: endpoint };
    const before = emu.requests.length;
    const r = await runCli(['--json'], { cwd: projectWithRegions({ us: endpoint }), nodeArgs: guard.nodeArgs, secrets: [env.LANGSMITH_API_KEY!], env: { ...env, ...guard.env } });
    const report = r.json();
    const seen = emu.requests.slice(before);
    expect(seen.map((q) => q.path)).toContain('/info');
    expect(seen.some((q) => q.headers['x-api-key'] !== undefined)).toBe(false);
    const auth = report.checks.find((c: { id: string }) => c.id === 'auth');
    expect(auth.status).toBe('skip');
    expect(auth.summary).toMatch(/resolves to 192\.0\.2\.56, not a loopback address/);
  });

  it('a loopback name and [::ffff:127.0.0.1] do get the key over plain HTTP', async () => {
    const port = new URL(emu.urls.regions.us!).port;
    for (const endpoint of [`http://api.localhost:${port}`, `http://[::ffff:127.0.0.1]:${port}`]) {
      const guard = netGuard({ 'api.localhost': ['127.0.0.1'] });
      const env: Record<string, string> = { ...scenario.env(emu.urls), LANGSMITH_ENDPOINT: endpoint };
      const r = await runCli(['--json'], { cwd: projectWithRegions({ us: endpoint }), nodeArgs: guard.nodeArgs, secrets: [env.LANGSMITH_API_KEY!], env: { ...env, ...guard.env } });
      expect(diagnosisOf(r.json())).toEqual(scenario.expect);
      expect(guard.refused()).toEqual([]);
    }
  });

  it('through a proxy, a plain-HTTP request never carries the key (blocked, with the reason in the transcript)', async () => {
    const proxy = await startConnectProxy();
    proxies.push(proxy);
    const env: Record<string, string> = { ...scenario.env(emu.urls), LANGSMITH_ENDPOINT: emu.urls.regions.us! };
    const before = emu.requests.length;
    const r = await runCli(['--json'], { cwd: projectWithRegions(emu.urls.regions), secrets: [env.LANGSMITH_API_KEY!], env: { ...env, HTTP_PROXY: proxy.url } });
    const report = r.json();
    const blocked = report.transcript.filter((t: { blocked?: string }) => t.blocked);
    expect(blocked.length).toBeGreaterThan(0);
    for (const t of blocked) expect(t.blocked).toMatch(/through the proxy .* would show the key to the proxy/);
    expect(emu.requests.slice(before).some((q) => q.headers['x-api-key'] !== undefined)).toBe(false);
    await proxy.close();
  });
});
