// A hostile server that echoes the key it receives: in the body (plain, JSON-escaped, URL-encoded,
// split across the 300-character excerpt boundary), in headers and in a redirect's Location. On
// the built CLI, stdout, stderr, the JSON report and the --report .md/.html/.json files show no
// full key and no hidden part of it.
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

let server: http.Server;
let base = '';
let requests = 0;

/** Bodies that echo the key, by path; each puts it where an excerpt or a renderer may cut it. */
function echo(path: string, key: string): { status: number; body: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-echo-key': key, 'www-authenticate': `Bearer realm="${key}"` };
  // /info answers like LangSmith (so the checkers go on and read the echoing answers below)...
  if (path.startsWith('/info')) return { status: 200, body: JSON.stringify({ version: '0.10.0', echo: key }), headers };
  // ...and one read is redirected, the key in the Location.
  if (path.includes('workspaces')) return { status: 302, body: '', headers: { ...headers, location: `https://elsewhere.invalid/login?api_key=${encodeURIComponent(key)}&next=${key}` } };
  // The key split by an excerpt limit (300 in the transcript, 200 in evidence) so that 1 to 7 of
  // its hidden characters fall inside the excerpt; then the key again, JSON-escaped and URL-encoded.
  const hidden = 1 + (path.length % 7);
  const limit = path.length % 2 === 0 ? 300 : 200;
  const pad = 'x'.repeat(limit - 8 - hidden);
  const rest = JSON.stringify({ detail: `Invalid token ${key}`, quoted: `k="${key}"\n`, url: `https://api.example/?k=${encodeURIComponent(key)}` });
  return { status: path.includes('settings') ? 401 : 403, body: `${pad}${key} ${rest}`, headers };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    const key = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '');
    const e = echo(req.url ?? '/', key);
    res.writeHead(e.status, e.headers);
    res.end(e.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Every 8-character piece of the key that maskKey hides (it shows `lsv2_pt_` and the last 4). */
function hiddenPieces(key: string): string[] {
  const out: string[] = [];
  for (let i = 1; i + 8 <= key.length - 4 + 7 && i + 8 <= key.length; i++) out.push(key.slice(i, i + 8));
  return out;
}

function assertNothingOf(key: string, text: string, where: string): void {
  expect(text.includes(key), `${where}: full key`).toBe(false);
  for (const p of hiddenPieces(key)) expect(text.includes(p), `${where}: hidden piece ${p}`).toBe(false);
  // Not even one hidden character after the prefix (a cut key shows only lsv2_pt_…).
  expect(text, where).not.toMatch(/lsv2_(?:pt|sk)_[0-9a-f]/);
  expect(text.includes(encodeURIComponent(key)), `${where}: URL-encoded`).toBe(false);
}

describe('a server that echoes the key back (built CLI)', () => {
  for (const [label, endpointVar] of [['LANGSMITH_ENDPOINT on loopback', true], ['default region on loopback', false]] as const) {
    it(`${label}: stdout, stderr and every report file show nothing of the key`, async () => {
      const key = fakeKey(`echo-${label}`);
      const cwd = tempDir('lsd-echo-');
      writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: { us: base } }));
      const env: Record<string, string> = { LANGSMITH_API_KEY: key, LANGSMITH_TRACING: 'true' };
      if (endpointVar) env.LANGSMITH_ENDPOINT = base;
      const before = requests;
      const json = await runCli(['--json', '--report', 'r.md'], { cwd, env });
      const plain = await runCli(['--plain', '--report', 'r.html'], { cwd, env });
      const again = await runCli(['--json', '--report', 'r.json'], { cwd, env });
      expect(requests - before).toBeGreaterThan(3); // the hostile server was reached and echoed
      // The echoed body did reach the report (so redaction, not silence, is what is tested).
      expect(JSON.stringify(json.json().transcript)).toMatch(/xxxxxxxxxx/);
      for (const [where, text] of [
        ['json stdout', json.stdout], ['json stderr', json.stderr], ['plain stdout', plain.stdout], ['plain stderr', plain.stderr], ['again', again.stdout],
        ['r.md', readFileSync(path.join(cwd, 'r.md'), 'utf8')],
        ['r.html', readFileSync(path.join(cwd, 'r.html'), 'utf8')],
        ['r.json', readFileSync(path.join(cwd, 'r.json'), 'utf8')],
      ] as const) {
        assertNothingOf(key, text, where);
      }
    });
  }
});

describe('text the user typed or pasted (built CLI)', () => {
  const RANDOM = 'q8ZtrUeXnoneK2testPw9trueHb3hereLm4Zx';

  it('a usage error that repeats an argument masks the environment\'s key', async () => {
    const key = fakeKey('usage-echo');
    const r = await runCli([key], { env: { LANGSMITH_API_KEY: key } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    assertNothingOf(key, r.stderr, 'usage error');
  });

  it('explain: a pasted log with the (non-lsv2) key value of the environment never shows it', async () => {
    const log = `LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart with key ${RANDOM}. HTTPError('401 Client Error: Unauthorized', '{"detail":"Invalid token"}')\n`;
    for (const args of [['explain', '--json'], ['explain']]) {
      const r = await runCli(args, { env: { LANGSMITH_API_KEY: RANDOM }, input: log });
      expect(r.stdout).toMatch(/KEY_INVALID|Invalid token|401/);
      for (let i = 0; i + 8 <= RANDOM.length - 4; i++) expect(r.stdout.includes(RANDOM.slice(i, i + 8)), RANDOM.slice(i, i + 8)).toBe(false);
    }
  });
});
