import { jsonSecrets } from '../../src/langsmith/secrets.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyStripQuotes, resolveSettings, sourceLabel, trimQuotesJs } from '../../src/langsmith/settings.js';
import { tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const A = fakeKey('settings-a');
const B = fakeKey('settings-b');
const resolve = (env: Record<string, string>, files: Record<string, string> = {}, envFiles?: string[]) => {
  const dir = tempDir('lsd-settings-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return resolveSettings({ env: { HOME: dir, ...env }, cwd: dir, envFiles });
};

describe('settings resolution (facts §2)', () => {
  it('LANGSMITH_ wins over LANGCHAIN_, and the loser is recorded as shadowed', () => {
    const s = resolve({ LANGSMITH_API_KEY: A, LANGCHAIN_API_KEY: B });
    expect(s.key.value).toBe(A);
    expect(s.key.source).toEqual({ kind: 'env', name: 'LANGSMITH_API_KEY' });
    expect(s.key.shadowed.map((c) => c.name)).toEqual(['LANGCHAIN_API_KEY']);
  });

  it('an empty LANGSMITH_ falls through to LANGCHAIN_ in both SDKs', () => {
    const s = resolve({ LANGSMITH_API_KEY: '', LANGCHAIN_API_KEY: B });
    expect(s.key.value).toBe(B);
    expect(s.python.key.value).toBe(B);
  });

  it('whitespace-only LANGSMITH_ wins in JS (no key) but falls through in Python', () => {
    const s = resolve({ LANGSMITH_API_KEY: '  ', LANGCHAIN_API_KEY: B });
    expect(s.key.value).toBeUndefined();
    expect(s.python.key.value).toBe(B);
    expect(s.divergences.map((d) => d.setting)).toContain('API key');
  });

  it('quotes: JS strips one balanced pair, Python strips any at the ends', () => {
    expect(trimQuotesJs(` "${A}" `)).toBe(A);
    expect(trimQuotesJs(`"${A}`)).toBe(`"${A}`);
    expect(pyStripQuotes(`"${A}`)).toBe(A);
    expect(pyStripQuotes(`"'${A}'"`)).toBe(A);
  });

  it('tracing: exactly "true"; Python lets TRACING_V2=false hide TRACING=true, JS does not', () => {
    expect(resolve({ LANGSMITH_TRACING: 'True' }).tracing.enabled).toBe(false);
    const s = resolve({ LANGSMITH_TRACING_V2: 'false', LANGSMITH_TRACING: 'true' });
    expect(s.tracing.enabled).toBe(true);
    expect(s.python.tracing).toBe(false);
  });

  it('endpoint: env, then the default; trailing slash removed; LANGCHAIN_ read', () => {
    expect(resolve({}).endpoint).toMatchObject({ value: 'https://api.smith.langchain.com', source: { kind: 'default' } });
    expect(resolve({ LANGCHAIN_ENDPOINT: 'https://eu.api.smith.langchain.com/' }).endpoint.value).toBe('https://eu.api.smith.langchain.com');
  });

  it('the process value wins over .env (dotenv does not override); the file value is shadowed', () => {
    const s = resolve({ LANGSMITH_API_KEY: A }, { '.env': `# comment\nLANGSMITH_API_KEY=${B}\n` });
    expect(s.key.value).toBe(A);
    expect(s.candidates.filter((c) => c.name === 'LANGSMITH_API_KEY').map((c) => sourceLabel(c.source))).toEqual(['LANGSMITH_API_KEY (environment)', 'LANGSMITH_API_KEY in .env:2']);
  });

  it('reads dotenv files with export, quotes and line numbers, first file wins', () => {
    const s = resolve({}, { '.env': `\n\nexport LANGSMITH_API_KEY="${A}"\n`, '.env.local': `LANGSMITH_API_KEY=${B}\nLANGSMITH_PROJECT='p'\n` }, ['.env', '.env.local']);
    expect(s.key.value).toBe(A);
    expect(s.key.source).toEqual({ kind: 'dotenv', name: 'LANGSMITH_API_KEY', file: '.env', line: 3 });
    expect(s.project.value).toBe('p');
  });

  it('the SDK profile supplies the key only when no env key is set', () => {
    const profile = JSON.stringify({ current_profile: 'dev', profiles: { dev: { api_key: B, api_url: 'https://eu.api.smith.langchain.com', workspace_id: 'ws-1' } } });
    const withEnv = resolve({ LANGSMITH_API_KEY: A }, { '.langsmith/config.json': profile });
    expect(withEnv.key.value).toBe(A);
    expect(withEnv.endpoint.value).toBe('https://eu.api.smith.langchain.com');
    const only = resolve({}, { '.langsmith/config.json': profile });
    expect(only.key).toMatchObject({ value: B, source: { kind: 'profile', profile: 'dev', field: 'api_key' } });
    expect(only.workspaceId.value).toBe('ws-1');
  });

  it('LANGSMITH_PROFILE picks the profile; a broken profile file is reported, not thrown', () => {
    const profile = JSON.stringify({ profiles: { a: { api_key: A }, b: { api_key: B } } });
    expect(resolve({ LANGSMITH_PROFILE: 'b' }, { '.langsmith/config.json': profile }).key.value).toBe(B);
    const broken = resolve({}, { '.langsmith/config.json': '{nope' });
    expect(broken.profile?.error).toContain('not valid JSON');
    expect(broken.key.value).toBeUndefined();
  });

  it('project: JS and Python precedence', () => {
    const s = resolve({ LANGCHAIN_SESSION: 'sess', HOSTED_LANGSERVE_PROJECT_NAME: 'hosted' });
    expect(s.project.value).toBe('sess');
    expect(s.python.project.value).toBe('hosted');
  });
});

describe('settings resolution follows the installed SDK versions (sdk-audit #2-#7)', () => {
  const sdk = (language: 'js' | 'python', version: string) => ({ language, name: 'langsmith', version, where: 'test' });
  const at = (env: Record<string, string>, sdks: ReturnType<typeof sdk>[], files: Record<string, string> = {}) => {
    const dir = tempDir('lsd-settings-');
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return resolveSettings({ env: { HOME: dir, ...env }, cwd: dir, sdks });
  };
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLWZvci10ZXN0cw';
  const profile = (p: Record<string, unknown>) => ({ '.langsmith/config.json': JSON.stringify({ current_profile: 'default', profiles: { default: p } }) });

  it('Python before 0.5.1 takes an empty LANGSMITH_ value instead of falling through, and says why', () => {
    const old = at({ LANGSMITH_API_KEY: '', LANGCHAIN_API_KEY: B, LANGSMITH_ENDPOINT: '', LANGCHAIN_ENDPOINT: 'https://eu.api.smith.langchain.com' }, [sdk('python', '0.5.0')]);
    expect(old.key.value).toBe(B);
    expect(old.python.key.value).toBeUndefined();
    expect(old.python.endpoint.value).toBeUndefined();
    expect(old.divergences.find((d) => d.setting === 'API key')?.why).toContain('Python langsmith 0.5.0 (before 0.5.1) takes the empty LANGSMITH_API_KEY');
    expect(old.divergences.find((d) => d.setting === 'endpoint')?.why).toContain('LangSmith API URL cannot be empty');
    const current = at({ LANGSMITH_API_KEY: '', LANGCHAIN_API_KEY: B }, [sdk('python', '0.5.1')]);
    expect(current.python.key.value).toBe(B);
    expect(current.divergences).toEqual([]);
  });

  it('a profile with an api_key and an OAuth token: JS sends the token (Bearer), Python the api_key', () => {
    const s = at({}, [], profile({ api_key: A, oauth: { access_token: TOKEN } }));
    expect(s.key).toMatchObject({ value: TOKEN, kind: 'oauth', source: { kind: 'profile', field: 'oauth.access_token' } });
    expect(s.python.key).toMatchObject({ value: A, source: { field: 'api_key' } });
    expect(s.divergences.find((d) => d.setting === 'API key')?.why).toMatch(/JS sends the OAuth token \(Bearer\), Python the api_key/);
  });

  it('an OAuth-only profile is used by Python 0.8.1 and later; older Pythons and JS before 0.6.1 have no profiles', () => {
    const files = profile({ oauth: { access_token: TOKEN } });
    expect(at({}, [sdk('python', '0.8.1')], files).python.key.value).toBe(TOKEN);
    const old = at({}, [sdk('python', '0.8.0')], files);
    expect(old.python.key.value).toBeUndefined();
    expect(old.key.value).toBe(TOKEN);
    expect(old.divergences.find((d) => d.setting === 'API key')?.why).toBe('Python langsmith 0.8.0 predates the profile file (0.8.1)');
    expect(at({}, [sdk('js', '0.5.9')], files).key.value).toBeUndefined();
  });

  it('a profile naming its key by api_key_env: JS 0.11.6+ reads that variable; unset, or older JS, no key and says why (sdk-audit #5)', () => {
    const files = profile({ api_key_env: 'ACME_LS_KEY' });
    const set = at({ ACME_LS_KEY: `  ${A} ` }, [sdk('js', '0.11.6'), sdk('python', '0.14.0')], files);
    expect(set.key).toMatchObject({ value: A, source: { kind: 'profile', field: 'api_key_env ($ACME_LS_KEY)' } });
    expect(set.profileKeyGap).toBeUndefined();
    expect(set.python.key.value).toBeUndefined();
    expect(set.divergences.find((d) => d.setting === 'API key')?.why).toContain("does not read the profile's api_key_env");
    // A Python newer than the audited 0.14.0 wheel (or none installed) is taken to read it too.
    expect(at({ ACME_LS_KEY: A }, [sdk('python', '0.14.1')], files).python.key.value).toBe(A);
    const unset = at({}, [], files);
    expect(unset.key.value).toBeUndefined();
    expect(unset.profileKeyGap).toMatchObject({ state: 'env-unset' });
    expect(unset.profileKeyGap?.detail).toContain('$ACME_LS_KEY');
    const old = at({ ACME_LS_KEY: A }, [sdk('js', '0.11.5')], files);
    expect(old.key.value).toBeUndefined();
    expect(old.profileKeyGap).toMatchObject({ state: 'ref-ignored' });
    expect(old.profileKeyGap?.detail).toContain('0.11.5');
  });

  it('api_key_cmd is refused by JS and its text is never kept; a refresh-token-only profile is named, not sent', () => {
    const cmd = at({}, [], profile({ api_key_cmd: `echo ${A}` }));
    expect(cmd.key.value).toBeUndefined();
    expect(cmd.profileKeyGap?.state).toBe('cmd-unsupported');
    expect(JSON.stringify(cmd.profile)).not.toContain('echo');
    const refresh = at({}, [], profile({ oauth: { refresh_token: 'rt-1234567890abcdef' } }));
    expect(refresh.key.value).toBeUndefined();
    expect(refresh.profileKeyGap?.state).toBe('refresh-only');
    expect(JSON.stringify(refresh)).not.toContain('rt-1234567890abcdef');
    // A key pasted into api_key_env by mistake is still a secret to the redactor; a variable name is not.
    expect(jsonSecrets(JSON.stringify({ profiles: { default: { api_key_env: A } } }))).toContain(A);
    expect(jsonSecrets(JSON.stringify({ profiles: { default: { api_key_env: 'ACME_LS_KEY' } } }))).not.toContain('ACME_LS_KEY');
    // An api_key beside them wins, as in the SDK.
    expect(at({}, [], profile({ api_key: A, api_key_env: 'X' })).key.value).toBe(A);
  });

  it('~ in LANGSMITH_CONFIG_FILE: JS 0.12 expands it, Python and older JS read it literally', () => {
    const files = { 'alt/profile.json': JSON.stringify({ profiles: { default: { api_key: A } } }) };
    const current = at({ LANGSMITH_CONFIG_FILE: '~/alt/profile.json' }, [], files);
    expect(current.key.value).toBe(A);
    expect(current.python.key.value).toBeUndefined();
    expect(current.divergences.find((d) => d.setting === 'API key')?.why).toMatch(/only JS langsmith 0\.12\.0 and later expand ~/);
    expect(at({ LANGSMITH_CONFIG_FILE: '~/alt/profile.json' }, [sdk('js', '0.9.0')], files).key.value).toBeUndefined();
  });
});
