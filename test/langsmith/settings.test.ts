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
