// The pasted-commands rules (test/helpers/shell-commands.ts) beyond the demo scenarios: the
// configuration findings the demo never shows (quoted keys, misnamed variables, dotenv files not
// loaded, an invalid endpoint, tracing flags) through the built CLI from an app folder, and every
// fix `explain` can print.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_FIXES } from '../../src/langsmith/explain.js';
import { nameSelfIn } from '../../src/core/invocation.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { fakeKey, fakeLegacyKey } from '../helpers/keys.js';
import { problemsOf } from '../helpers/shell-commands.js';

const KEY = fakeKey('pasted-settings');

const CASES: Array<{ name: string; env?: Record<string, string>; dotenv?: string }> = [
  { name: 'quoted key, tracing True', env: { LANGSMITH_API_KEY: `"${KEY}"`, LANGSMITH_TRACING: 'True' } },
  { name: 'misnamed variables', env: { LANGSMITH_APIKEY: KEY, LANGSMITH_BASE_URL: 'https://eu.api.smith.langchain.com', LANGSMITH_TRACING: 'true' } },
  { name: 'dotenv not loaded, in a folder with a space', dotenv: `LANGSMITH_API_KEY=${KEY}\nLANGSMITH_TRACING=true\n` },
  { name: 'invalid endpoint', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_ENDPOINT: 'api.smith.langchain.com/x y' } },
  { name: 'UI host', env: { LANGSMITH_API_KEY: KEY, LANGSMITH_ENDPOINT: 'https://eu.smith.langchain.com' } },
  { name: 'legacy key, conflicting twins', env: { LANGSMITH_API_KEY: fakeLegacyKey('pasted'), LANGCHAIN_PROJECT: "it's mine", LANGSMITH_PROJECT: 'other' } },
  { name: 'tracing without a key', env: { LANGSMITH_TRACING: 'true', LANGSMITH_WORKSPACE_ID: 'not-a-uuid' } },
  { name: 'placeholder key', env: { LANGSMITH_API_KEY: '<your-api-key>', LANGSMITH_TRACING: 'true' } },
];

describe('commands printed for configuration findings run as printed', () => {
  it.each(CASES)('$name', async ({ env, dotenv }) => {
    const app = tempDir("lsd-it's app ");
    if (dotenv) writeFileSync(path.join(app, '.env'), dotenv);
    const report = (await runCli(['--json', '--offline'], { cwd: app, env, secrets: [KEY] })).json();
    const blocks: Array<[string, string[]]> = [
      ...report.diagnosis.plan.map((p: any) => [`plan step ${p.step}`, p.commands] as [string, string[]]),
      ...report.checks.flatMap((c: any) => c.findings.filter((f: any) => f.fix?.commands).map((f: any) => [`${c.id} ${f.code}`, f.fix.commands] as [string, string[]])),
    ];
    const findings = report.checks.flatMap((c: any) => c.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(blocks.flatMap(([where, block]) => problemsOf(block, where))).toEqual([]);
  });
});

describe('every fix explain can print runs as printed', () => {
  it('each code of the table', () => {
    // As printed by `explain`: a leading installed name becomes the way the doctor was started.
    const printed = (c: string) => nameSelfIn(c, 'langsmith-doctor', `node ${CLI}`);
    const problems = Object.entries(EXPLAIN_FIXES).flatMap(([code, f]) => problemsOf((f.fix.commands ?? []).map(printed), `explain ${code}`));
    expect(Object.keys(EXPLAIN_FIXES).length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
