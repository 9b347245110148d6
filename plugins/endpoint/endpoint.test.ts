import { describe, expect } from 'vitest';
import { testRule } from '../../test/helpers/check-rule.js';
import endpoint from './index.js';

describe('endpoint (static)', () => {
  testRule(endpoint, [
    { description: 'default is the US region', codes: [], status: 'pass', then: (r) => {
      expect(r.evidence?.region).toBe('us');
      expect(r.summary).toContain('SDK default');
    } },
    { description: 'EU region', env: { LANGSMITH_ENDPOINT: 'https://eu.api.smith.langchain.com' }, codes: [], then: (r) => expect(r.evidence?.region).toBe('eu') },
    { description: 'region with /api/v1 suffix is still that region', env: { LANGSMITH_ENDPOINT: 'https://apac.api.smith.langchain.com/api/v1/' }, codes: [], then: (r) => expect(r.evidence?.region).toBe('apac') },
    { description: 'self-hosted base', env: { LANGSMITH_ENDPOINT: 'https://langsmith.acme.internal/api/v1' }, codes: [], then: (r) => expect(r.evidence?.kind).toBe('self-hosted') },
    { description: 'loopback over http is fine', env: { LANGSMITH_ENDPOINT: 'http://localhost:1984' }, codes: [] },
    { description: 'LANGCHAIN_ENDPOINT is read too', env: { LANGCHAIN_ENDPOINT: 'https://eu.api.smith.langchain.com' }, codes: [], then: (r) => expect(r.evidence?.region).toBe('eu') },
    { description: 'config regions replace the list', regions: { us: 'https://ls.acme.test' }, codes: [], then: (r) => expect(r.evidence?.url).toBe('https://ls.acme.test') },
    { description: 'field case (#637): the EU web app host', env: { LANGSMITH_ENDPOINT: 'https://eu.smith.langchain.com/' }, codes: ['ENDPOINT_UI_HOST'], status: 'fail',
      then: (r) => expect(r.findings[0]!.fix!.commands).toContain('export LANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com') },
    { description: 'US web app host', env: { LANGCHAIN_ENDPOINT: 'https://smith.langchain.com' }, codes: ['ENDPOINT_UI_HOST'],
      then: (r) => expect(r.findings[0]!.fix!.commands).toContain('export LANGCHAIN_ENDPOINT=https://api.smith.langchain.com') },
    { description: 'plain http to a remote host', env: { LANGSMITH_ENDPOINT: 'http://langsmith.acme.com/api/v1' }, codes: ['ENDPOINT_INSECURE'], status: 'fail' },
    { description: 'not a URL', env: { LANGSMITH_ENDPOINT: 'api.smith.langchain.com' }, codes: ['ENDPOINT_INVALID_URL'], status: 'fail' },
    { description: 'garbage bytes', env: { LANGSMITH_ENDPOINT: '\u0000\u0001zz' }, codes: ['ENDPOINT_INVALID_URL'] },
    { description: 'field case 21: wrong endpoint in a deployment .env', files: { '.env': 'LANGCHAIN_ENDPOINT=htps://api.smith.langchain.com\n' }, codes: ['ENDPOINT_INVALID_URL'] },
    { description: 'query string', env: { LANGSMITH_ENDPOINT: 'https://api.smith.langchain.com/?x=1' }, codes: ['ENDPOINT_INVALID_URL'], status: 'warn' },
  ]);
});
