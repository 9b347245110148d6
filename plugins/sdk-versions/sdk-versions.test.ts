import { describe, expect } from 'vitest';
import { testRule } from '../../test/helpers/check-rule.js';
import { fakeKey } from '../../test/helpers/keys.js';
import sdkVersions from './index.js';

const KEY = fakeKey('sdk');
const WS = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const jsPkg = (v: string) => ({ 'node_modules/langsmith/package.json': JSON.stringify({ name: 'langsmith', version: v }) });
const pyPkg = (v: string) => ({ [`.venv/lib/python3.11/site-packages/langsmith-${v}.dist-info/METADATA`]: 'Name: langsmith\n' });
// python: false keeps the machine's own python3 out of these cases.
const options = { python: false };

describe('sdk-versions', () => {
  testRule(sdkVersions, [
    { description: 'current JS SDK', options, files: jsPkg('0.12.0'), env: { LANGSMITH_API_KEY: KEY }, codes: [], status: 'pass',
      then: (r) => expect(r.summary).toContain('JS langsmith 0.12.0') },
    { description: 'current Python SDK in .venv', options, files: pyPkg('0.4.31'), env: { LANGSMITH_API_KEY: KEY, LANGSMITH_WORKSPACE_ID: WS }, codes: [], status: 'pass' },
    { description: 'nothing installed', options, codes: ['SDK_NOT_FOUND'], status: 'pass' },
    { description: 'field cases 2 and 3: an old JS SDK reads only LANGCHAIN_*', options, files: jsPkg('0.1.20'), env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'true' },
      codes: ['SDK_IGNORES_LANGSMITH_VARS'], status: 'fail',
      then: (r) => { expect(r.findings[0]!.fix!.commands).toEqual(['npm install langsmith@latest']); expect(r.findings[0]!.fix!.text).toContain('LANGCHAIN_TRACING_V2'); } },
    { description: 'JS 0.1.30 already reads LANGSMITH_TRACING (0.1.26), not yet LANGSMITH_API_KEY (0.1.42)', options, files: jsPkg('0.1.30'), env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'true' },
      codes: ['SDK_IGNORES_LANGSMITH_VARS'], status: 'fail',
      then: (r) => { expect(r.findings[0]!.message).toMatch(/LANGSMITH_API_KEY is never read/); expect(r.findings[0]!.message).not.toContain('LANGSMITH_TRACING'); } },
    { description: 'JS 0.1.42 reads the LANGSMITH_* names', options, files: jsPkg('0.1.42'), env: { LANGSMITH_API_KEY: KEY }, codes: [] },
    { description: 'an old JS SDK with both names set is fine', options, files: jsPkg('0.1.20'), env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: KEY }, codes: [] },
    { description: 'workspace id with an SDK older than its support', options, files: { ...jsPkg('0.3.10'), ...pyPkg('0.4.2') }, env: { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: KEY, LANGSMITH_WORKSPACE_ID: WS },
      codes: ['SDK_IGNORES_WORKSPACE_ID', 'SDK_IGNORES_WORKSPACE_ID'], status: 'warn' },
  ]);
});
