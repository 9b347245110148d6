// Property tests: no generated secret (a LangSmith key, another service's key, a random value of
// a key variable, a password in a URL) survives any renderer (JSON, Markdown, HTML, plain text,
// explain text and JSON), in any form a program produces (as is, JSON-escaped, URL-encoded,
// base64 of user:secret), whole or cut at any position.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare, run, makeRedactor } from '../../src/doctor.js';
import { explainText } from '../../src/langsmith/explain.js';
import { maskKey } from '../../src/langsmith/keys.js';
import { secretRedactor, secretsOfVariables } from '../../src/langsmith/secrets.js';
import { resolveSettings } from '../../src/langsmith/settings.js';
import { renderExplainText } from '../../src/report/explain-text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';

const RUNS = { numRuns: 100 };
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));

interface Case {
  variable: string;
  secret: string;
}

/** Secrets as they would sit in a variable. */
const secretCase: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(fc.constantFrom('pt', 'sk'), hex(32), hex(10)).map(([k, a, b]) => ({ variable: 'LANGSMITH_API_KEY', secret: `lsv2_${k}_${a}_${b}` })),
  alnum(17, 48).map((s) => ({ variable: 'LANGSMITH_API_KEY', secret: s })), // a random non-lsv2 value
  fc.tuple(fc.constantFrom('sk-proj-', 'sk-ant-api03-', 'sk_live_', 'ghp_', 'hf_'), alnum(24, 40)).map(([p, s]) => ({ variable: 'OTHER_API_KEY', secret: p + s })),
  alnum(20, 40).map((s) => ({ variable: 'GITHUB_TOKEN', secret: s })),
);

type Form = 'plain' | 'json' | 'url' | 'base64';
const forms: Form[] = ['plain', 'json', 'url', 'base64'];

function encode(secret: string, form: Form): string {
  switch (form) {
    case 'plain':
      return secret;
    case 'json':
      return JSON.stringify({ echo: `k="${secret}"` });
    case 'url':
      return `https://api.example/cb?key=${encodeURIComponent(secret)}`;
    case 'base64':
      return `Basic ${Buffer.from(`dana:${secret}`).toString('base64')}`;
  }
}

/** The 8-character pieces of `secret` that its masked form does not show. */
function hiddenPieces(secret: string): string[] {
  const shown = maskKey(secret);
  let p = 0;
  while (p < secret.length && secret[p] === shown[p]) p++;
  let q = 0;
  while (q < secret.length - p && secret[secret.length - 1 - q] === shown[shown.length - 1 - q]) q++;
  const out: string[] = [];
  for (let i = Math.max(0, p - 7); i < secret.length - q && i + 8 <= secret.length; i++) out.push(secret.slice(i, i + 8));
  return out;
}

/** 12-character pieces of base64(dana:secret) that encode only bytes of the secret. */
function base64Pieces(secret: string): string[] {
  const b64 = Buffer.from(`dana:${secret}`).toString('base64');
  const from = 5;
  const to = 5 + Buffer.byteLength(secret);
  const out: string[] = [];
  for (let w = 0; w + 12 <= b64.length; w++) {
    if (Math.floor((w * 6) / 8) >= from && Math.ceil(((w + 12) * 6) / 8) <= to) out.push(b64.slice(w, w + 12));
  }
  return out;
}

function assertNoSecret(out: string, c: Case, form: Form, where: string): void {
  expect(out.includes(c.secret), `${where}: the whole secret`).toBe(false);
  for (const piece of hiddenPieces(c.secret)) expect(out.includes(piece), `${where}: hidden piece ${piece}`).toBe(false);
  if (c.secret.startsWith('lsv2_')) expect(out, where).not.toMatch(/lsv2_(?:pt|sk)_[0-9a-f]/);
  if (form === 'base64') for (const piece of base64Pieces(c.secret)) expect(out.includes(piece), `${where}: base64 piece ${piece}`).toBe(false);
}

let base: Report;
beforeAll(async () => {
  const prepared = await prepare({ cwd: '/nonexistent', env: { LANGSMITH_TRACING: 'true' }, isolated: true, offline: true });
  base = await run(prepared);
});

/** The report with `text` in every free-text field a server, a plugin or the environment can fill. */
function reportWith(text: string): Report {
  const r = structuredClone(base);
  const c = r.checks[0]!;
  c.summary = `summary ${text}`;
  c.findings = [{ code: 'X_TEST', severity: 'fail', message: `message ${text}`, fix: { text: `fix ${text}`, commands: [`curl ${text}`] } }];
  c.evidence = { body: text, [text.slice(0, 40)]: 1 };
  r.diagnosis.causes = [{ code: 'X_TEST', check: c.id, message: `cause ${text}`, severity: 'fail', level: r.diagnosis.causes[0]?.level ?? ('configure' as never), relation: 'primary' }];
  r.diagnosis.plan = [{ step: 1, action: `do ${text}`, why: `because ${text}`, commands: [text] }];
  r.transcript = [{ method: 'GET', url: `http://127.0.0.1:1/x?${text.slice(0, 60)}`, status: 401, durationMs: 1, excerpt: text, error: `error ${text}` }];
  r.target.endpoint = `endpoint ${text}`;
  return r;
}

const RENDERERS: Array<[string, (r: Report) => string]> = [
  ['json', (r) => JSON.stringify(r, null, 2)],
  ['markdown', renderMarkdown],
  ['html', renderHtml],
  ['text', renderText],
];

describe('no generated secret survives any renderer', () => {
  it('whole or cut at any position, in every form, in every report field', () => {
    fc.assert(
      fc.property(secretCase, fc.constantFrom(...forms), fc.nat(), fc.nat(600), (c, form, cutSeed, padLen) => {
        const env = { [c.variable]: c.secret };
        const settings = resolveSettings({ env, cwd: '/nonexistent' });
        const runRedactor = makeRedactor(settings, env);
        const outputRedactor = secretRedactor(secretsOfVariables(Object.entries(env)));
        // A long prefix pushes the secret across the renderers' own cuts (one line = 400 characters).
        const full = `${'· '.repeat(padLen)}said: ${encode(c.secret, form)} (end)`;
        // A cut made BEFORE redaction (an excerpt that forgot the rule), marked as cuts are marked.
        const cut = cutSeed % (full.length + 1);
        for (const text of [full, `${full.slice(0, cut)}…`, `…${full.slice(cut)}`]) {
          const report = runRedactor.deep(reportWith(text));
          for (const [name, render] of RENDERERS) assertNoSecret(outputRedactor.text(render(report)), c, form, `${name} (cut ${cut}, ${form})`);
        }
      }),
      RUNS,
    );
  });

  it('passwords in URLs: neither user:password nor any part of the password, whole or cut', () => {
    const user = fc.stringMatching(/^u[a-z0-9]{3,9}$/);
    const password = fc.stringMatching(/^[A-Za-z0-9\-._~!$*+,;=]{8,24}$/);
    fc.assert(
      fc.property(user, password, fc.constantFrom('HTTPS_PROXY', 'LANGSMITH_ENDPOINT', 'DATABASE_URL'), fc.nat(), (u, pw, variable, cutSeed) => {
        const url = `https://${u}:${pw}@host.example:3128/api/v1`;
        const env = { [variable]: url };
        const settings = resolveSettings({ env, cwd: '/nonexistent' });
        const runRedactor = makeRedactor(settings, env);
        const full = `connect to ${url} failed`;
        const cut = cutSeed % (full.length + 1);
        for (const text of [full, `${full.slice(0, cut)}…`, `…${full.slice(cut)}`]) {
          for (const [name, render] of RENDERERS) {
            const out = render(runRedactor.deep(reportWith(text)));
            expect(out.includes(`${u}:${pw}`), name).toBe(false);
            expect(out.includes(`://${u}:`), `${name}: user`).toBe(false);
            for (let i = 0; i + 8 <= pw.length; i++) expect(out.includes(pw.slice(i, i + 8)), `${name}: piece of the password`).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('arbitrary userinfo in any URL is masked, and the host stays', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\s/?#@"'<>`]/.test(s)), (info) => {
        const out = secretRedactor().text(`GET https://${info}@host.example/x`);
        expect(out).toBe('GET https://…@host.example/x');
      }),
      RUNS,
    );
  });
});

describe('explain on arbitrary input', () => {
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => {
      explainText(s);
    }), { numRuns: 300 });
  });

  it('never echoes a secret of the environment or a key shape, whole or cut, in its text or JSON', () => {
    const noise = fc.constantFrom(
      '401 Unauthorized {"detail":"Invalid token"} from https://api.smith.langchain.com/runs',
      'LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart',
      '403 Forbidden {"error":"Forbidden"}',
      'openai.AuthenticationError: Error code: 401 - Incorrect API key provided:',
    );
    fc.assert(
      fc.property(secretCase, fc.constantFrom(...forms), noise, fc.nat(3000), fc.nat(), (c, form, line, padLen, cutSeed) => {
        const input = `${'-'.repeat(padLen)} ${line} ${encode(c.secret, form)} ${line}\n${line} key=${encode(c.secret, form)}`;
        const cut = cutSeed % (input.length + 1);
        for (const text of [input, input.slice(cut)]) {
          const result = explainText(text, { secrets: secretsOfVariables([[c.variable, c.secret]]) });
          assertNoSecret(JSON.stringify(result), c, form, 'explain json');
          assertNoSecret(renderExplainText(result), c, form, 'explain text');
        }
      }),
      { numRuns: 100 },
    );
  });
});
