import { describe, expect } from 'vitest';
import { fakeKey, fakeLegacyKey } from '../../test/helpers/keys.js';
import { testRule } from '../../test/helpers/check-rule.js';
import envVars from './index.js';

const KEY = fakeKey('env-vars');
const OTHER = fakeKey('env-vars-other');
const WS = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const ON = { LANGSMITH_TRACING: 'true' };

describe('env-vars', () => {
  testRule(envVars, [
    // accept
    { description: 'a clean set-up', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_PROJECT: 'app' }, codes: [], status: 'pass',
      then: (r) => expect(r.summary).toContain('tracing on') },
    { description: 'both prefixes with the same value', env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: KEY, LANGCHAIN_TRACING_V2: 'true', LANGSMITH_TRACING: 'true' }, codes: [] },
    { description: 'valid workspace id', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_WORKSPACE_ID: WS }, codes: [] },
    { description: 'the same value in the shell and .env', env: { LANGSMITH_API_KEY: KEY, ...ON }, files: { '.env': `LANGSMITH_API_KEY=${KEY}\nLANGSMITH_TRACING=true\n` }, codes: [] },
    // reject
    { description: 'tracing off', env: { LANGSMITH_API_KEY: KEY }, codes: ['TRACING_DISABLED'], status: 'warn' },
    { description: 'field case 22: "True" means off', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'True' }, codes: ['TRACING_FLAG_INVALID'], status: 'fail' },
    { description: '"1" means off', env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_TRACING_V2: '1' }, codes: ['TRACING_FLAG_INVALID'] },
    { description: 'an odd value that is not meant as on is a warning', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'sometimes' }, codes: ['TRACING_FLAG_INVALID'], status: 'warn' },
    { description: 'field case 11: tracing on without a key', env: { ...ON }, codes: ['TRACING_WITHOUT_KEY'], status: 'fail' },
    { description: 'JS and Python disagree on tracing: TRACING_V2=false wins in Python only', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING_V2: 'false', LANGSMITH_TRACING: 'true' }, codes: ['ENV_CONFLICT'],
      then: (r) => expect(r.findings[0]!.message).toMatch(/JS uses on, Python uses off/) },
    { description: 'LANGSMITH_ and LANGCHAIN_ keys disagree', env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: OTHER, ...ON }, codes: ['ENV_CONFLICT'],
      then: (r) => expect(r.findings[0]!.fix!.commands).toEqual(['unset LANGCHAIN_API_KEY']) },
    { description: 'whitespace LANGSMITH_ key: JS sends none, Python uses LANGCHAIN_', env: { LANGSMITH_API_KEY: ' ', LANGCHAIN_API_KEY: KEY, ...ON },
      codes: ['ENV_CONFLICT', 'ENV_CONFLICT', 'TRACING_WITHOUT_KEY'] },
    { description: 'field cases 10 and 23: key only in .env', files: { '.env': `LANGSMITH_API_KEY=${KEY}\nLANGSMITH_TRACING=true\n` }, codes: ['DOTENV_NOT_LOADED'], status: 'warn',
      then: (r) => expect(r.findings[0]!.message).toContain('LANGSMITH_API_KEY in .env:1') },
    { description: 'field case 9: a stale shell export shadows .env', env: { LANGSMITH_API_KEY: fakeLegacyKey('stale'), ...ON }, files: { '.env': `LANGSMITH_API_KEY=${KEY}\n` }, codes: ['DOTENV_SHADOWED'],
      then: (r) => expect(r.findings[0]!.fix!.commands).toEqual(['unset LANGSMITH_API_KEY']) },
    { description: 'extra env files: first one wins, a conflict is flagged', env: { ...ON }, envFiles: ['.env', '.env.local'], files: { '.env': `LANGSMITH_API_KEY=${KEY}\n`, '.env.local': `LANGSMITH_API_KEY=${OTHER}\n` },
      codes: ['DOTENV_NOT_LOADED', 'ENV_CONFLICT'] },
    { description: 'field case 8: LANGSMITH_BASE_URL (LiteLLM) without LANGSMITH_ENDPOINT', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_BASE_URL: 'https://eu.api.smith.langchain.com' }, codes: ['ENV_NAME_TYPO'],
      then: (r) => expect(r.findings[0]!.fix!.commands).toEqual(['export LANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com']) },
    { description: 'field case 14: LANGSMITH_TENANT_ID is not read by the Python/JS clients', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_TENANT_ID: WS }, codes: ['ENV_NAME_TYPO'],
      then: (r) => expect(r.findings[0]!.message).toContain('LANGSMITH_WORKSPACE_ID') },
    { description: 'LANGSMITH_APIKEY', env: { LANGSMITH_APIKEY: KEY, ...ON }, codes: ['ENV_NAME_TYPO', 'TRACING_WITHOUT_KEY'],
      then: (r) => expect(r.findings.find((f) => f.code === 'ENV_NAME_TYPO')!.message).toContain('did you mean LANGSMITH_API_KEY') },
    { description: 'lowercase name', env: { langsmith_api_key: KEY, LANGSMITH_API_KEY: KEY, ...ON }, codes: ['ENV_NAME_TYPO'], then: (r) => expect(r.findings[0]!.severity).toBe('info') },
    { description: 'hyphens in a dotenv file', env: { LANGSMITH_API_KEY: KEY }, files: { '.env': 'LANGSMITH-TRACING=true\n' }, codes: ['ENV_NAME_TYPO', 'TRACING_DISABLED'] },
    { description: 'misspelt suffix', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_ENDPIONT: 'https://eu.api.smith.langchain.com' }, codes: ['ENV_NAME_TYPO'] },
    { description: 'LANG_SMITH_API_KEY', env: { LANG_SMITH_API_KEY: KEY }, codes: ['ENV_NAME_TYPO', 'TRACING_DISABLED'] },
    { description: 'RUNS_ENDPOINTS with ENDPOINT', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_ENDPOINT: 'https://api.smith.langchain.com', LANGSMITH_RUNS_ENDPOINTS: JSON.stringify({ 'https://api.smith.langchain.com': KEY }) },
      codes: ['RUNS_ENDPOINTS_CONFLICT'], status: 'fail', then: (r) => expect(r.findings[0]!.message).toContain('both SDKs refuse this') },
    { description: 'RUNS_ENDPOINTS array form with ENDPOINT: only Python refuses', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_ENDPOINT: 'https://api.smith.langchain.com', LANGSMITH_RUNS_ENDPOINTS: JSON.stringify([{ api_url: 'https://api.smith.langchain.com', api_key: KEY }]) },
      codes: ['RUNS_ENDPOINTS_CONFLICT'], status: 'fail', then: (r) => expect(r.findings[0]!.message).toContain('the Python SDK refuses this') },
    { description: 'empty RUNS_ENDPOINTS with ENDPOINT: neither SDK reads it', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_ENDPOINT: 'https://api.smith.langchain.com', LANGSMITH_RUNS_ENDPOINTS: '' }, codes: [] },
    { description: 'LANGCHAIN_RUNS_ENDPOINTS array form with ENDPOINT: neither SDK refuses', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_ENDPOINT: 'https://api.smith.langchain.com', LANGCHAIN_RUNS_ENDPOINTS: JSON.stringify([{ api_url: 'https://x', api_key: KEY }]) }, codes: [] },
    { description: 'RUNS_ENDPOINTS not JSON: the place is named, the value (it holds keys) never quoted', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_RUNS_ENDPOINTS: `{"https://x": ${KEY}}` },
      codes: ['RUNS_ENDPOINTS_INVALID'], then: (r) => { expect(r.findings[0]!.message).toMatch(/is not valid JSON \(unexpected character 'l'\)/); expect(r.findings[0]!.message).not.toContain('lsv2'); } },
    { description: 'RUNS_ENDPOINTS not JSON', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_RUNS_ENDPOINTS: '{oops' }, codes: ['RUNS_ENDPOINTS_INVALID'] },
    { description: 'workspace id is not a UUID', env: { LANGSMITH_API_KEY: KEY, ...ON, LANGSMITH_WORKSPACE_ID: 'my-workspace' }, codes: ['WORKSPACE_ID_INVALID'], status: 'fail' },
    { description: 'a .env that cannot be read is named, the rest still runs', env: { LANGSMITH_API_KEY: KEY, ...ON }, files: { '.env/placeholder': '' }, codes: ['DOTENV_UNREADABLE'],
      then: (r) => expect(r.findings[0]!.message).toContain('.env') },
    { description: 'binary garbage and 100 KB values', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: '\u0000\u00ff\u0001', LANGSMITH_PROJECT: 'p'.repeat(100_000), LANGSMITH_WORKSPACE_ID: 'x'.repeat(100_000) },
      codes: ['TRACING_FLAG_INVALID', 'WORKSPACE_ID_INVALID'],
      then: (r) => {
        for (const f of r.findings) expect(f.message.length).toBeLessThan(500);
        expect(r.findings.map((f) => f.message).join('')).not.toMatch(/[\u0000\u0001]/);
      } },
  ]);
});
