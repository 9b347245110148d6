import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandEnvironment, looksSecretName, maskedEnvironment, stripUrlCredentials } from '../../src/core/plugin-env.js';

const USER_ENV = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/ada',
  LANG: 'en_GB.UTF-8',
  LC_ALL: 'en_GB.UTF-8',
  TMPDIR: '/tmp/ada',
  TERM: 'xterm-256color',
  HTTPS_PROXY: 'http://bob:hunter2@proxy.acme:3128',
  http_proxy: 'bob:hunter2@proxy.acme:3128',
  NO_PROXY: 'localhost,127.0.0.1',
  OPENAI_API_KEY: 'sk-proj-0123456789abcdefghijklmnop',
  ANTHROPIC_API_KEY: 'sk-ant-api03-0123456789abcdefghij',
  GITHUB_TOKEN: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  DB_PASSWORD: 'correct horse',
  SOME_LICENSE: 'ABCD-EFGH',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEJr',
  EDITOR: 'vim',
  LANGSMITH_PROJECT: 'chatbot',
  LANGSMITH_API_KEY: 'lsv2_pt_0123456789abcdef0123456789abcdef_0123456789',
  LANGSMITH_RUNS_ENDPOINTS: '{"https://eu.api.smith.langchain.com":"lsv2_pt_x"}',
  LANGSMITH_LICENSE_KEY: 'license-abc',
  LANGSMITH_ENDPOINT: 'https://user:pw@langsmith.acme.internal',
};

const langsmith = {
  allow: (n: string) => /^(LANGSMITH|LANGCHAIN)_/.test(n),
  deny: (n: string) => /RUNS_ENDPOINTS$/.test(n),
};

describe('commandEnvironment: an allow-list, never the user environment', () => {
  it('keeps what a program needs, strips proxy credentials, drops every secret and everything unlisted', () => {
    expect(commandEnvironment(USER_ENV, langsmith)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/ada',
      LANG: 'en_GB.UTF-8',
      LC_ALL: 'en_GB.UTF-8',
      TMPDIR: '/tmp/ada',
      TERM: 'xterm-256color',
      HTTPS_PROXY: 'http://proxy.acme:3128',
      http_proxy: 'proxy.acme:3128',
      NO_PROXY: 'localhost,127.0.0.1',
      LANGSMITH_PROJECT: 'chatbot',
      LANGSMITH_ENDPOINT: 'https://langsmith.acme.internal',
    });
  });

  it('without a domain policy, no LANGSMITH_* name is passed either', () => {
    const env = commandEnvironment(USER_ENV);
    expect(Object.keys(env).filter((k) => k.startsWith('LANGSMITH'))).toEqual([]);
  });

  it('applies the domain clean step last', () => {
    const env = commandEnvironment({ LANGSMITH_PROJECT: 'has lsv2_pt_secret inside' }, { ...langsmith, clean: (v) => v.replace('lsv2_pt_secret', '[key]') });
    expect(env.LANGSMITH_PROJECT).toBe('has [key] inside');
  });
});

describe('maskedEnvironment: what in-process plugins read as ctx.env', () => {
  it('keeps every name, masks every secret value and URL credentials', () => {
    const env = maskedEnvironment(USER_ENV, { ...langsmith, mask: (v) => `${v.slice(0, 3)}…` });
    expect(Object.keys(env).sort()).toEqual(Object.keys(USER_ENV).sort());
    expect(env.OPENAI_API_KEY).toBe('sk-…');
    expect(env.LANGSMITH_RUNS_ENDPOINTS).toBe('{"h…');
    expect(env.EDITOR).toBe('vim');
    expect(env.HTTPS_PROXY).toBe('http://proxy.acme:3128');
    const text = JSON.stringify(env);
    for (const secret of ['hunter2', 'pw@', 'sk-proj-0123', 'ghp_0123', 'correct horse', 'lsv2_pt_0123', 'wJalrXUtnFEMI']) expect(text).not.toContain(secret);
  });
});

describe('names and URLs', () => {
  it('secret-looking names', () => {
    for (const n of ['OPENAI_API_KEY', 'GITHUB_TOKEN', 'MY_SECRET', 'DB_PASSWORD', 'X_PASSWD', 'LANGSMITH_LICENSE_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'npm_config__auth', 'SSH_PRIVATE_KEY']) expect(looksSecretName(n), n).toBe(true);
    for (const n of ['PATH', 'HOME', 'LANG', 'LANGSMITH_PROJECT', 'LANGSMITH_ENDPOINT', 'TERM', 'NO_PROXY']) expect(looksSecretName(n), n).toBe(false);
  });

  it('property: no user:password survives in a URL', () => {
    const part = fc.stringOf(fc.constantFrom(...'abcXYZ019-_.~!$&()*+,;=%:'.split('')), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom('http', 'https', 'socks5'), part, part, fc.domain(), (scheme, user, pw, host) => {
        const url = `${scheme}://${user}:${pw}@${host}:3128/`;
        expect(stripUrlCredentials(url)).toBe(`${scheme}://${host}:3128/`);
        expect(stripUrlCredentials(`${user}:${pw}@${host}:3128`, true)).toBe(`${host}:3128`);
      }),
    );
  });

  it('a 100 KB value is handled in linear time (no backtracking blow-up)', () => {
    const long = 'x'.repeat(200_000) + '@';
    expect(stripUrlCredentials(long)).toBe(long);
  });
});
