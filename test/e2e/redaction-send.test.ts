// Nothing is sent before the key passes the format check: on the built CLI, a value that is not
// shaped like a LangSmith key (or a profile OAuth token) reaches no server, not even a loopback
// one, prefetch included. A loopback server records every request it gets.
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('latin1')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.url?.endsWith('/info') ? 200 : 401, { 'content-type': 'application/json' });
      res.end(req.url?.endsWith('/info') ? '{"version":"0.10.0"}' : '{"detail":"Invalid token"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const PAT = fakeKey('send-gate');
/** Values that must reach no server; `file` puts the value in .env (NUL and line breaks cannot go in an environment). */
const UNSENDABLE: Array<{ name: string; value: string; file?: boolean }> = [
  { name: 'a Stripe secret key', value: 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc'.repeat(2) },
  { name: 'an OpenAI key', value: 'sk-' + 'T3BlbkFJ'.repeat(6) },
  { name: 'a space inside', value: `${PAT.slice(0, 20)} ${PAT.slice(20)}` },
  { name: 'a tab inside', value: `${PAT.slice(0, 20)}\t${PAT.slice(20)}` },
  { name: 'a line break inside', value: `${PAT.slice(0, 20)}\n${PAT.slice(20)}`, file: true },
  { name: 'a NUL inside', value: `${PAT.slice(0, 20)}\u0000${PAT.slice(20)}`, file: true },
  { name: 'an é inside', value: `${PAT.slice(0, 20)}é${PAT.slice(21)}` },
  { name: 'an emoji inside', value: `${PAT.slice(0, 20)}🔑${PAT.slice(21)}` },
  { name: 'an unbalanced quote', value: `"${PAT}` },
  { name: 'a 600-byte lsv2 value', value: `lsv2_pt_${'a1b2c3d4'.repeat(74)}` },
  { name: 'random text (unknown shape)', value: 'q8ZtrUeXnoneK2testPw9trueHb3hereLm4Zx' },
];

function project(endpointVar: boolean, entry: { value: string; file?: boolean }): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir('lsd-send-');
  // Every region is this loopback server: nothing can leave the machine.
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: { us: base } }));
  const env: Record<string, string> = { LANGSMITH_TRACING: 'true' };
  if (endpointVar) env.LANGSMITH_ENDPOINT = base;
  if (entry.file) writeFileSync(path.join(cwd, '.env'), `LANGSMITH_API_KEY="${entry.value.replace(/\n/g, '\\n')}"\n`);
  else env.LANGSMITH_API_KEY = entry.value;
  return { cwd, env };
}

function carriesKey(s: Seen, value: string): boolean {
  const core = value.replace(/^"/, '').slice(0, 20);
  return s.headers['x-api-key'] !== undefined || s.headers.authorization !== undefined || decodeURIComponent(s.url).includes(core) || s.body.includes(core);
}

describe('nothing is sent before the key passes the format check (built CLI)', () => {
  for (const entry of UNSENDABLE) {
    // Loopback endpoint for all (where an unrecognised value used to be sent); the default region too for a few.
    for (const endpointVar of /Stripe|600-byte|random/.test(entry.name) ? [false, true] : [true]) {
      it(`${entry.name}: no request carries it (${endpointVar ? 'LANGSMITH_ENDPOINT on loopback' : 'default region on loopback'})`, async () => {
        seen.length = 0;
        const { cwd, env } = project(endpointVar, entry);
        const r = await runCli(['--json'], { cwd, env, secrets: [entry.value.replace(/^"/, '')] });
        // The server may be asked unauthenticated reads, but never with the value.
        expect(seen.filter((s) => carriesKey(s, entry.value)).map((s) => `${s.method} ${s.url}`)).toEqual([]);
        // And the key-format check says why it was not sent.
        const keyFormat = r.json().checks.find((c: { id: string }) => c.id === 'key-format');
        expect(keyFormat.findings.length, JSON.stringify(keyFormat)).toBeGreaterThan(0);
        expect(keyFormat.evidence.sendable).toBe(false);
      });
    }
  }

  it('a well-formed key is still sent to the loopback endpoint (the gate is not shut for everyone)', async () => {
    seen.length = 0;
    const { cwd, env } = project(true, { value: PAT });
    await runCli(['--json'], { cwd, env });
    expect(seen.some((s) => s.headers['x-api-key'] === PAT)).toBe(true);
  });

  it('an OAuth token from the SDK profile travels as Bearer; a malformed one goes nowhere', async () => {
    for (const [token, sent] of [['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYW5hIn0.c2lnbmF0dXJlLXZhbHVl', true], ['not a token with spaces', false]] as const) {
      seen.length = 0;
      const cwd = tempDir('lsd-send-');
      writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: { us: base } }));
      mkdirSync(path.join(cwd, '.langsmith'));
      writeFileSync(path.join(cwd, '.langsmith', 'config.json'), JSON.stringify({ current_profile: 'p', profiles: { p: { api_url: base, oauth: { access_token: token } } } }));
      await runCli(['--json'], { cwd, env: {}, secrets: [token] });
      expect(seen.some((s) => s.headers.authorization === `Bearer ${token}`), token).toBe(sent);
      if (!sent) expect(seen.filter((s) => s.headers.authorization !== undefined || s.headers['x-api-key'] !== undefined)).toEqual([]);
    }
  });
});
