import { describe, expect } from 'vitest';
import { fakeKey, fakeLegacyKey } from '../../test/helpers/keys.js';
import { testRule } from '../../test/helpers/check-rule.js';
import keyFormat from './index.js';

const PAT = fakeKey('key-format');
const SK = fakeKey('key-format-sk', 'sk');

describe('key-format', () => {
  testRule(keyFormat, [
    // accept
    { description: 'personal access token', env: { LANGSMITH_API_KEY: PAT }, codes: [], status: 'pass',
      then: (r) => {
        expect(r.summary).toContain('Personal access token lsv2_pt_…');
        expect(r.evidence?.kind).toBe('personal-access-token');
      } },
    { description: 'service key', env: { LANGSMITH_API_KEY: SK }, codes: [], status: 'pass', then: (r) => expect(r.evidence?.kind).toBe('service-key') },
    { description: 'legacy name LANGCHAIN_API_KEY is still read', env: { LANGCHAIN_API_KEY: PAT }, codes: [], status: 'pass' },
    { description: 'key only in .env is still the key the app would load', files: { '.env': `LANGSMITH_API_KEY=${PAT}\n` }, codes: [], status: 'pass' },
    { description: 'OAuth token from the CLI profile', files: { '.langsmith/config.json': JSON.stringify({ current_profile: 'work', profiles: { work: { oauth: { access_token: 'eyJhbGciOi.fake.token' } } } }) },
      codes: [], status: 'pass', then: (r) => expect(r.summary).toContain('OAuth') },
    { description: 'any key on a self-hosted endpoint is only a warning', env: { LANGSMITH_API_KEY: 'foo-bar-self-hosted-token', LANGSMITH_ENDPOINT: 'https://ls.internal.example/api/v1' }, codes: ['KEY_MALFORMED'], status: 'warn' },
    { description: 'profile api_key_env names a variable that holds the key (JS >= 0.11.6)', env: { ACME_LS_KEY: PAT },
      files: { '.langsmith/config.json': JSON.stringify({ profiles: { default: { api_key_env: 'ACME_LS_KEY' } } }) }, codes: [], status: 'pass' },
    { description: 'profile with only an OAuth refresh token: named, not failed (the SDK refreshes it)',
      files: { '.langsmith/config.json': JSON.stringify({ profiles: { default: { oauth: { refresh_token: 'rt-0123456789abcdef' } } } }) }, codes: ['PROFILE_REFRESH_ONLY'], status: 'warn',
      then: (r) => expect(r.findings[0]!.message).toContain('does not refresh tokens') },
    // reject
    { description: 'nothing set', codes: ['KEY_MISSING'], status: 'fail' },
    { description: 'profile api_key_env names an unset variable: JS throws ProfileApiKeyError',
      files: { '.langsmith/config.json': JSON.stringify({ profiles: { default: { api_key_env: 'ACME_LS_KEY' } } }) }, codes: ['KEY_MISSING'], status: 'fail',
      then: (r) => {
        expect(r.findings[0]!.message).toContain('$ACME_LS_KEY');
        expect((r.findings[0]!.fix?.commands ?? []).join('\n')).toContain('ACME_LS_KEY=');
      } },
    { description: 'profile api_key_cmd: JS refuses it', files: { '.langsmith/config.json': JSON.stringify({ profiles: { default: { api_key_cmd: 'op read x' } } }) },
      codes: ['KEY_MISSING'], status: 'fail', then: (r) => expect(r.findings[0]!.message).toContain('api_key_cmd') },

    { description: 'set but empty', env: { LANGSMITH_API_KEY: '' }, codes: ['KEY_MISSING'], status: 'fail', then: (r) => expect(r.summary).toContain('empty') },
    { description: 'whitespace only wins over LANGCHAIN_ in JS and is then empty', env: { LANGSMITH_API_KEY: '   ', LANGCHAIN_API_KEY: PAT }, codes: ['KEY_MISSING'] },
    { description: 'field case 9: legacy ls__ key', env: { LANGSMITH_API_KEY: fakeLegacyKey('old') }, codes: ['KEY_LEGACY'], status: 'fail' },
    { description: 'field case 12: template placeholder', env: { LANGSMITH_API_KEY: '<your-api-key>' }, codes: ['KEY_PLACEHOLDER'], status: 'fail',
      then: (r) => expect(r.findings[0]!.message).toContain('"<your-api-key>"') },
    { description: 'placeholder with dots', env: { LANGSMITH_API_KEY: 'lsv2_pt_...' }, codes: ['KEY_PLACEHOLDER'] },
    { description: 'shell expression left unexpanded', env: { LANGSMITH_API_KEY: '${LANGSMITH_API_KEY}' }, codes: ['KEY_PLACEHOLDER'] },
    { description: 'code expression', env: { LANGSMITH_API_KEY: 'os.environ["LANGSMITH_API_KEY"]' }, codes: ['KEY_PLACEHOLDER'] },
    { description: 'OpenAI key in the LangSmith variable', env: { LANGSMITH_API_KEY: 'sk-proj-' + 'a'.repeat(40) }, codes: ['KEY_OTHER_PROVIDER'], status: 'fail',
      then: (r) => expect(r.findings[0]!.message).toContain('OpenAI') },
    { description: 'Anthropic key in the LangSmith variable', env: { LANGSMITH_API_KEY: 'sk-ant-api03-' + 'b'.repeat(40) }, codes: ['KEY_OTHER_PROVIDER'] },
    { description: 'quoted key: SDKs strip, others do not', env: { LANGSMITH_API_KEY: `"${PAT}"` }, codes: ['KEY_QUOTED'], status: 'warn' },
    { description: 'trailing space', env: { LANGSMITH_API_KEY: `${PAT} ` }, codes: ['KEY_QUOTED'], status: 'warn' },
    { description: 'unbalanced quote is sent as part of the key', env: { LANGSMITH_API_KEY: `"${PAT}` }, codes: ['KEY_QUOTED'], status: 'fail' },
    { description: 'cut short', env: { LANGSMITH_API_KEY: PAT.slice(0, 20) }, codes: ['KEY_MALFORMED'], status: 'warn' },
    { description: 'line break inside', env: { LANGSMITH_API_KEY: `${PAT.slice(0, 25)}\n${PAT.slice(25)}` }, codes: ['KEY_MALFORMED'], status: 'fail' },
    { description: 'binary garbage', env: { LANGSMITH_API_KEY: '\u0001\u0002\u00ff\ufffdgarbage\u0007' }, codes: ['KEY_MALFORMED'], status: 'fail' },
    { description: 'a 100 KB value', env: { LANGSMITH_API_KEY: 'A'.repeat(100_000) }, codes: ['KEY_MALFORMED'], status: 'fail',
      then: (r) => expect(r.findings[0]!.message.length).toBeLessThan(400) },
    { description: 'random non-key on SaaS', env: { LANGSMITH_API_KEY: 'abc123def456ghi789' }, codes: ['KEY_MALFORMED'], status: 'fail' },
  ]);
});
