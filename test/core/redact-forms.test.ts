// Redaction that cannot be dodged: every form of a secret, every place a secret can come from,
// credentials in URLs, pieces of keys, and the output streams themselves.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardWrites } from '../../src/core/redact.js';
import { makeRedactor, targetOf } from '../../src/doctor.js';
import { classifyKey, maskKey, showKeyValue } from '../../src/langsmith/keys.js';
import { secretRedactor, secretsOfVariables } from '../../src/langsmith/secrets.js';
import { resolveSettings } from '../../src/langsmith/settings.js';
import { renderHeader } from '../../src/report/text.js';
import { tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('redact-forms');
/** Every 8-character piece of what maskKey hides of `key`. */
function hiddenPieces(key: string, shownPrefix: number, shownTail: number): string[] {
  const out: string[] = [];
  for (let i = Math.max(0, shownPrefix - 7); i + 8 <= key.length - 0 && i < key.length - shownTail; i++) out.push(key.slice(i, i + 8));
  return out;
}

describe('a key variable that is not a LangSmith key', () => {
  // Random text that happens to contain placeholder words (none, test, true, here).
  const RANDOM = 'q8ZtrUeXnoneK2testPw9trueHb3hereLm4Zx';

  it('is not classed as a placeholder because a word appears inside it', () => {
    expect(classifyKey(RANDOM).kind).toBe('unknown');
    for (const t of ['<your-api-key>', '${LANGSMITH_API_KEY}', 'your-api-key-here', 'lsv2_pt_...', 'os.environ["LANGSMITH_API_KEY"]', 'test', 'changeme']) {
      expect(classifyKey(t).kind, t).toBe('placeholder');
    }
  });

  it('is never printed in full: header, JSON target.key, the redactor', () => {
    const settings = resolveSettings({ env: { LANGSMITH_API_KEY: RANDOM }, cwd: '/nonexistent' });
    const target = targetOf(settings);
    expect(target.key).not.toContain(RANDOM.slice(0, 8));
    expect(renderHeader(target)).not.toContain(RANDOM.slice(0, 8));
    expect(makeRedactor(settings, {}).text(`x ${RANDOM} y`)).not.toContain(RANDOM);
  });

  it('template text is still shown as it is (it helps and is no secret)', () => {
    expect(showKeyValue('<your-api-key>')).toBe('"<your-api-key>"');
    expect(showKeyValue('your-api-key-here')).toBe('"your-api-key-here"');
    // A wrapper around a long random run is no template.
    expect(showKeyValue(`<${RANDOM}>`)).not.toContain(RANDOM.slice(0, 8));
  });
});

describe('every form of a secret', () => {
  const SPECIAL = 'Pa$$/wörd+"quoted" &more=1%';
  const r = secretRedactor([{ value: KEY }, { value: SPECIAL }]);

  it('JSON-escaped, URL-encoded (both cases, + for space), base64 of user:secret', () => {
    for (const s of [KEY, SPECIAL]) {
      const forms = [
        JSON.stringify({ body: `echo ${s}` }),
        encodeURIComponent(s),
        encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
        `Basic ${Buffer.from(`dana:${s}`).toString('base64')}`,
        `Basic ${Buffer.from(`da:${s}`).toString('base64')}`,
        `Basic ${Buffer.from(`d:${s}`).toString('base64')}`,
      ];
      for (const f of forms) {
        const out = r.text(`got ${f} back`);
        expect(out, f).not.toContain(s);
        expect(out, f).not.toContain(f.replace(/^Basic /, ''));
        expect(out, f).not.toContain(JSON.stringify(s).slice(1, -1));
      }
    }
  });

  it('a piece of the key (an excerpt cut it) shows none of its hidden characters', () => {
    for (let cut = 9; cut < KEY.length; cut++) {
      const out = r.text(`body: ${KEY.slice(0, cut)}…`) + r.text(`…${KEY.slice(cut - 9)} tail`);
      for (const piece of hiddenPieces(KEY, 8, 4)) expect(out, `cut at ${cut}`).not.toContain(piece);
      expect(out).not.toMatch(/lsv2_pt_[0-9a-f]/);
    }
  });
});

describe('credentials in URLs', () => {
  const r = secretRedactor(secretsOfVariables([['HTTPS_PROXY', 'http://proxyuser:S3cretPw@proxy.corp:3128']]));

  it('https://user:pw@host shows neither user:pw nor any part of it', () => {
    for (const t of [
      'endpoint https://dana:hunter2@ls.internal/api/v1 refused',
      'proxy http://proxyuser:S3cretPw@proxy.corp:3128 said 407',
      'https://dana:p@ss:w@rd@ls.internal/',
      'cut in the middle https://dana:hunter2…',
    ]) {
      const out = r.text(t);
      expect(out, t).not.toMatch(/dana|hunter2|proxyuser|S3cretPw|p@ss|w@rd/);
    }
    // The password on its own, outside a URL, is masked too (it was learned from the variable).
    expect(r.text('password S3cretPw')).not.toContain('S3cretPw');
    // Hosts and ports stay readable.
    expect(r.text('http://127.0.0.1:8080/info')).toBe('http://127.0.0.1:8080/info');
  });
});

describe('every secret-like variable, from the environment, dotenv files and the profile', () => {
  it('*_KEY, *_TOKEN, *SECRET*, *PASSWORD*, *PASSWD*, license keys, keys inside LANGSMITH_RUNS_ENDPOINTS', () => {
    const cwd = tempDir();
    const runsKey = fakeKey('replica', 'sk');
    const values = {
      OPENAI_API_KEY: 'sk-proj-' + 'A1b2C3d4'.repeat(5),
      GITHUB_TOKEN: 'ghp_' + 'Zz9'.repeat(12),
      STRIPE_KEY: 'sk_live_' + 'Q7'.repeat(14),
      MY_SECRET_VALUE: 'mySecretValue-1234567',
      DB_PASSWORD: 'correct-horse-battery',
      SMTP_PASSWD: 'smtp-pass-99887766',
      LANGSMITH_LICENSE_KEY: 'lic-' + '9f8e7d6c'.repeat(4),
    };
    writeFileSync(path.join(cwd, '.env'), `DOTENV_ONLY_TOKEN=dotenvTokenValue12345\nLANGSMITH_RUNS_ENDPOINTS='[{"api_url":"https://replica.example","api_key":"${runsKey}"}]'\n`);
    mkdirSync(path.join(cwd, '.langsmith'));
    writeFileSync(path.join(cwd, '.langsmith', 'config.json'), JSON.stringify({ current_profile: 'p', profiles: { p: { oauth: { access_token: 'profileAccessToken0987654321', refresh_token: 'profileRefreshToken1234567' } } } }));
    const env = { ...values, HOME: cwd };
    const settings = resolveSettings({ env, cwd, envFiles: ['.env'] });
    const r = makeRedactor(settings, env);
    const all = [...Object.values(values), 'dotenvTokenValue12345', runsKey, 'profileAccessToken0987654321', 'profileRefreshToken1234567'];
    const out = r.text(all.join(' | '));
    for (const s of all) expect(out, s).not.toContain(s);
    // A password shows nothing of itself, not even its last characters.
    expect(r.text('correct-horse-battery')).toBe('…');
  });

  it('settings words in secret-named variables are not masked (they would mangle the text)', () => {
    const r = secretRedactor(secretsOfVariables([['FEATURE_TOKEN', 'disabled'], ['CACHE_KEY', 'default']]));
    expect(r.text('default and disabled')).toBe('default and disabled');
  });
});

describe('the output streams', () => {
  it('everything written passes through the redactor, strings and bytes alike', async () => {
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (d: Buffer) => (out += d.toString()));
    const r = secretRedactor([{ value: KEY }]);
    guardWrites(stream, r.text);
    guardWrites(stream, r.text); // idempotent
    stream.write(`a ${KEY}\n`);
    stream.write(Buffer.from(`b ${encodeURIComponent(KEY)}\n`));
    stream.end();
    await new Promise((res) => stream.on('end', res));
    expect(out).not.toContain(KEY);
    expect(out).toContain(maskKey(KEY));
  });
});
