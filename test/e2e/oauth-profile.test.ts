// An OAuth access token from the SDK profile (a `langsmith` CLI login) travels as
// `Authorization: Bearer`, as the SDKs send it, and the emulator authenticates it that way
// (sdk-audit #14), while the same token in x-api-key is refused. On the built CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkb2N0b3ItdGVzdCJ9.b2F1dGgtdG9rZW4tZm9yLXRlc3RzLW9ubHk';
let emu: RunningEmulator;

beforeAll(async () => {
  const world = structuredClone(getScenario('healthy-admin')!.world);
  const main = world.keys[0]!;
  main.kind = 'oauth';
  main.key = TOKEN;
  emu = await startEmulator({ world });
});
afterAll(() => emu.close());

describe('an OAuth profile token (built CLI, emulator)', () => {
  it('authenticates as Bearer, from the profile, and the token is never printed', async () => {
    const home = tempDir('lsd-oauth-');
    mkdirSync(path.join(home, '.langsmith'));
    writeFileSync(path.join(home, '.langsmith', 'config.json'), JSON.stringify({ current_profile: 'default', profiles: { default: { oauth: { access_token: TOKEN } } } }));
    writeFileSync(path.join(home, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
    const r = await runCli(['--json'], { cwd: home, env: { HOME: home }, secrets: [TOKEN] });
    const report = r.json();
    expect(report.target).toMatchObject({ keySource: 'profile:default', keyKind: 'oauth' });
    expect(report.checks.find((c: { id: string }) => c.id === 'auth').status).toBe('pass');
    const sent = report.transcript.filter((t: { requestHeaders?: Record<string, string> }) => t.requestHeaders?.authorization);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0].requestHeaders).toMatchObject({ authorization: 'Bearer (the OAuth token)' });
    expect(sent[0].requestHeaders['x-api-key']).toBeUndefined();
  });

  it('a profile naming its key by api_key_env sends that variable\'s key (JS 0.11.6+), never printed; an unset one is KEY_MISSING naming it', async () => {
    const healthy = getScenario('healthy-admin')!;
    const plain = await startEmulator({ world: healthy.world });
    const key = healthy.env(plain.urls).LANGSMITH_API_KEY!;
    const home = tempDir('lsd-keyenv-');
    mkdirSync(path.join(home, '.langsmith'));
    writeFileSync(path.join(home, '.langsmith', 'config.json'), JSON.stringify({ profiles: { default: { api_key_env: 'ACME_LANGSMITH_TOKEN' } } }));
    writeFileSync(path.join(home, '.langsmith-doctorrc.json'), JSON.stringify({ regions: plain.urls.regions }));
    const ok = await runCli(['--json', '--skip', 'sdk-versions'], { cwd: home, env: { HOME: home, ACME_LANGSMITH_TOKEN: key }, secrets: [key] });
    await plain.close();
    const report = ok.json();
    expect(report.target.keySource).toBe('profile:default');
    expect(report.checks.find((c: { id: string }) => c.id === 'auth').status).toBe('pass');
    const unset = await runCli(['--json', '--offline'], { cwd: home, env: { HOME: home }, secrets: [key] });
    const format = unset.json().checks.find((c: { id: string }) => c.id === 'key-format');
    expect(format.findings[0]).toMatchObject({ code: 'KEY_MISSING' });
    expect(format.findings[0].message).toContain('$ACME_LANGSMITH_TOKEN');
  });

  it('the emulator refuses the same token sent as x-api-key, and an API key sent as Bearer', async () => {
    const base = emu.urls.regions['us']!;
    expect((await fetch(`${base}/settings`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${base}/settings`, { headers: { 'x-api-key': TOKEN } })).status).toBe(401);
  });
});
