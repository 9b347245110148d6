// The BUILT CLI as a subprocess (run `npm run build` first): files, `-`, pipes, --json, exit codes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const LS_KEY = fakeKey('explain-cli');
const OPENAI_KEY = 'sk-proj-Zq8vX2mN4bT6yR1wK9pL3sD5fG7hJ0cV2xB4nM6qW8eR1tY3uI5oP7aS9dF';

const INGEST_403 = `Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}')`;
const LEGACY_401 = `langsmith.utils.LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Using legacy API key. Please generate a new API key."}')`;
const OPENAI_401 = `openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${OPENAI_KEY}.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}`;

function file(content: string | Buffer, name = 'error.log'): { cwd: string; name: string } {
  const cwd = tempDir('lsd-explain-');
  writeFileSync(path.join(cwd, name), content);
  return { cwd, name };
}

describe('langsmith-doctor explain (built CLI)', () => {
  it('explain FILE: plain text, the cause, the line, the candidates, the summary; exit 1', async () => {
    const { cwd, name } = file(`starting\n${INGEST_403}\n`);
    const r = await runCli(['explain', name], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('REGION_MISMATCH');
    expect(r.stdout).toContain('line 2:');
    expect(r.stdout).toContain('possible causes, most likely first:');
    expect(r.stdout).toMatch(/Summary: 1 LangSmith finding/);
    expect(r.stdout).toContain('Run `langsmith-doctor` to measure which cause applies.');
    expect(r.stderr).toBe('');
  });

  it('explain - reads stdin', async () => {
    const r = await runCli(['explain', '-'], { input: LEGACY_401 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KEY_LEGACY');
  });

  it('a pipe with no FILE (… 2>&1 | langsmith-doctor explain)', async () => {
    const r = await runCli(['explain'], { input: `Traceback (most recent call last):\n  File "app.py", line 3\n${LEGACY_401}\n` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KEY_LEGACY');
    expect(r.stderr).toBe('');
  });

  it('--json: exactly schemaVersion, findings and input; the finding shape', async () => {
    const r = await runCli(['explain', '--json'], { input: `${INGEST_403}\n${OPENAI_401}\n`, secrets: [OPENAI_KEY] });
    expect(r.code).toBe(1);
    const j = r.json();
    expect(Object.keys(j).sort()).toEqual(['findings', 'input', 'schemaVersion']);
    expect(j.schemaVersion).toBe(1);
    expect(j.input).toEqual({ bytes: expect.any(Number), analysedBytes: expect.any(Number), lines: 2, truncated: false });
    const codes = j.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['REGION_MISMATCH', 'NOT_LANGSMITH_ERROR']);
    for (const f of j.findings) {
      expect(f).toMatchObject({ code: expect.any(String), severity: expect.stringMatching(/^(info|warn|fail)$/), message: expect.any(String), fix: { text: expect.any(String), commands: expect.any(Array) } });
      expect(f.evidence).toMatchObject({ excerpt: expect.any(String), line: expect.any(Number), occurrences: 1 });
    }
    expect(j.findings[0].evidence.candidates[0]).toEqual({ code: 'REGION_MISMATCH', why: expect.any(String), howToTell: expect.any(String) });
  });

  it('only another service\'s error: exit 0, named as such', async () => {
    const r = await runCli(['explain', '--plain'], { input: OPENAI_401, secrets: [OPENAI_KEY] });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NOT_LANGSMITH_ERROR');
    expect(r.stdout).toContain('OpenAI');
    expect(r.stdout).toMatch(/no LangSmith problem/);
    expect(r.stdout).not.toContain('Run `langsmith-doctor` to measure');
  });

  it('nothing recognised: said plainly, exit 0', async () => {
    const r = await runCli(['explain'], { input: 'all good\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nothing recognised/);
    expect(r.stdout).toMatch(/langsmith-doctor/);
    const j = (await runCli(['explain', '--json'], { input: '' })).json();
    expect(j.findings).toEqual([]);
  });

  it('unreadable file: exit 2, the message names the file', async () => {
    const cwd = tempDir('lsd-explain-');
    const r = await runCli(['explain', 'missing.log'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'missing.log'");
    expect(r.stdout).toBe('');
    const d = await runCli(['explain', '.'], { cwd });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/cannot read '\.'/);
  });

  it('two FILEs are a usage error (exit 2)', async () => {
    const r = await runCli(['explain', 'a', 'b']);
    expect(r.code).toBe(2);
  });

  it('no key comes out whole, in plain or JSON', async () => {
    const text = `LANGSMITH_API_KEY=${LS_KEY}\nOPENAI_API_KEY=${OPENAI_KEY}\n${INGEST_403} key=${LS_KEY}\n${OPENAI_401}\n`;
    for (const flag of ['--plain', '--json']) {
      const r = await runCli(['explain', flag], { input: text, secrets: [LS_KEY, OPENAI_KEY] });
      expect(r.code).toBe(1);
    }
  });

  it('binary garbage and a large file: no crash', { timeout: 60_000 }, async () => {
    const bytes = Buffer.alloc(3_000_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const { cwd, name } = file(Buffer.concat([bytes, Buffer.from(`\n${INGEST_403}\n`)]), 'garbage.bin');
    const r = await runCli(['explain', '--json', name], { cwd, timeoutMs: 50_000 });
    expect(r.code).toBe(1);
    expect(r.json().findings.map((f: { code: string }) => f.code)).toContain('REGION_MISMATCH');
  });
});
