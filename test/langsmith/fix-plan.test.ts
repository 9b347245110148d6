// The --fix planner on its own: findings + resolved settings -> edits, exports and manual steps.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/checker.js';
import { outsideReason, planFixes, stillPresent, type FixableReport } from '../../src/langsmith/fix-plan.js';
import { resolveSettings } from '../../src/langsmith/settings.js';
import { tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const A = fakeKey('fix-plan-a');
const B = fakeKey('fix-plan-b');

function project(files: Record<string, string>, env: Record<string, string> = {}, envFiles = ['.env']) {
  const dir = tempDir('lsd-fixplan-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const settings = resolveSettings({ env: { HOME: dir, ...env }, cwd: dir, envFiles, sdks: [] });
  return { dir, settings };
}

const report = (check: string, findings: Finding[], evidence: Record<string, unknown> = {}): FixableReport => ({ checks: [{ id: check, findings, evidence }] });
const f = (code: string, severity: Finding['severity'], evidence?: Record<string, unknown>, fix?: Finding['fix']): Finding => ({ code, severity, message: code, evidence, fix });

describe('fix planner', () => {
  it('a key quoted in the process environment is a manual step that never shows the key', () => {
    const { dir, settings } = project({}, { LANGSMITH_API_KEY: `"${A}"` });
    const plan = planFixes(report('key-format', [f('KEY_QUOTED', 'warn', { name: 'LANGSMITH_API_KEY' }, { text: 'Set the bare key', commands: ['export LANGSMITH_API_KEY=<the key, without quotes or spaces>'] })]), { settings, folder: dir });
    expect(plan.fixes).toMatchObject([{ code: 'KEY_QUOTED', action: 'manual' }]);
    expect(plan.fixes[0]!.what).toMatch(/process environment/);
    expect(plan.files).toEqual([]);
    expect(JSON.stringify(plan)).not.toContain(A.slice(8, 24));
  });

  it('a stale LANGCHAIN_API_KEY in another file is removed, never replaced by the LANGSMITH_ key', () => {
    const { dir, settings } = project({ '.env': `LANGSMITH_API_KEY=${A}\n`, '.env.local': `# old\nLANGCHAIN_API_KEY=${B}\nOTHER=1\n` }, {}, ['.env', '.env.local']);
    const plan = planFixes(report('env-vars', [f('ENV_CONFLICT', 'warn', { names: ['LANGSMITH_API_KEY', 'LANGCHAIN_API_KEY'] })]), { settings, folder: dir });
    expect(plan.files.map((x) => x.display)).toEqual(['.env.local']);
    expect(plan.files[0]!.after).toBe('# old\nOTHER=1\n');
    // The key written nowhere new, and neither key in the diff.
    expect(plan.files[0]!.after).not.toContain(A);
    expect(plan.files[0]!.diff).toContain(`-LANGCHAIN_API_KEY=lsv2_pt_…${B.slice(-4)}`);
    expect(plan.files[0]!.diff).not.toContain(B.slice(8, 24));
  });

  it('the same conflict inside one file copies the key only there (the file already holds it)', () => {
    const { dir, settings } = project({ '.env': `LANGSMITH_API_KEY=${A}\nLANGCHAIN_API_KEY=${B}\n` });
    const plan = planFixes(report('env-vars', [f('ENV_CONFLICT', 'warn', { names: ['LANGSMITH_API_KEY', 'LANGCHAIN_API_KEY'] })]), { settings, folder: dir });
    expect(plan.files[0]!.after).toBe(`LANGSMITH_API_KEY=${A}\nLANGCHAIN_API_KEY=${A}\n`);
  });

  it('the endpoint goes beside the key when it was unset; the LANGCHAIN_ twin follows', () => {
    const { dir, settings } = project({ '.env': `LANGSMITH_API_KEY=${A}\nLANGCHAIN_ENDPOINT=https://api.smith.langchain.com\n` });
    const url = 'https://eu.api.smith.langchain.com';
    const plan = planFixes(report('auth', [f('REGION_MISMATCH', 'fail')], { acceptedBy: { region: 'eu', url } }), { settings, folder: dir });
    // LANGCHAIN_ENDPOINT was the source (the only one set): it is changed in place.
    expect(plan.files[0]!.after).toBe(`LANGSMITH_API_KEY=${A}\nLANGCHAIN_ENDPOINT=${url}\n`);
    const unset = project({ '.env': `LANGSMITH_API_KEY=${A}\n` });
    const plan2 = planFixes(report('auth', [f('REGION_MISMATCH', 'fail')], { acceptedBy: { region: 'eu', url } }), { settings: unset.settings, folder: unset.dir });
    expect(plan2.files[0]!.after).toBe(`LANGSMITH_API_KEY=${A}\nLANGSMITH_ENDPOINT=${url}\n`);
  });

  it('the diff shows LangSmith settings; other variables around the change show only their names', () => {
    const { dir, settings } = project({ '.env': `MY_PW=hunter2-hunter2\nLANGSMITH_API_KEY=${A}\nLANGSMITH_TRACING=True\nDB=postgres://localhost/app\n` });
    const plan = planFixes(report('env-vars', [f('TRACING_FLAG_INVALID', 'fail', { name: 'LANGSMITH_TRACING', meantOn: true })]), { settings, folder: dir });
    expect(plan.files[0]!.diff).toBe([
      '--- .env',
      '+++ .env (after --fix)',
      '@@ -1,4 +1,4 @@',
      ' MY_PW=…',
      ` LANGSMITH_API_KEY=lsv2_pt_…${A.slice(-4)}`,
      '-LANGSMITH_TRACING=True',
      '+LANGSMITH_TRACING=true',
      ' DB=…',
      '',
    ].join('\n'));
  });

  it('a layout dotenv reads differently from the editor is refused, not mis-edited', () => {
    // dotenv reads `NOTE:` + line break as taking the next line as its value: an appended line would vanish into it.
    const { dir, settings } = project({ '.env': `LANGSMITH_API_KEY=${A}\nNOTE:\n` });
    const plan = planFixes(report('auth', [f('REGION_MISMATCH', 'fail')], { acceptedBy: { region: 'eu', url: 'https://eu.api.smith.langchain.com' } }), { settings, folder: dir });
    expect(plan.files).toEqual([]);
    expect(plan.fixes).toMatchObject([{ code: 'REGION_MISMATCH', action: 'manual' }]);
    expect(plan.fixes[0]!.what).toMatch(/cannot change safely/);
  });

  it('a key from the environment and no endpoint: an export line, no file', () => {
    const { dir, settings } = project({}, { LANGSMITH_API_KEY: A });
    const plan = planFixes(report('auth', [f('REGION_MISMATCH', 'fail')], { acceptedBy: { region: 'eu', url: 'https://eu.api.smith.langchain.com' } }), { settings, folder: dir });
    expect(plan.fixes).toMatchObject([{ action: 'export', commands: ["export LANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com"] }]);
    expect(plan.files).toEqual([]);
  });

  it('what no edit fixes gets its manual step by kind (roles, new keys, proxies, limits)', () => {
    const { dir, settings } = project({});
    const plan = planFixes({ checks: [
      { id: 'permission-tier', findings: [f('TIER_READ_ONLY', 'fail')] },
      { id: 'auth', findings: [f('KEY_INVALID', 'fail', undefined, { text: 'Create a new key', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] })] },
      { id: 'endpoint', findings: [f('PROXY_INTERFERENCE', 'fail')] },
      { id: 'usage-limits', findings: [f('USAGE_LIMIT_REACHED', 'fail'), { ...f('RATE_LIMITED', 'warn'), ignored: true }, f('KEY_AGE', 'info')] },
    ] }, { settings, folder: dir });
    expect(plan.fixes.map((x) => [x.code, x.action])).toEqual([
      ['TIER_READ_ONLY', 'manual'], ['KEY_INVALID', 'manual'], ['PROXY_INTERFERENCE', 'manual'], ['USAGE_LIMIT_REACHED', 'manual'],
    ]);
    expect(plan.fixes[0]!.what).toMatch(/does not change roles/);
    expect(plan.fixes[1]!.what).toMatch(/never writes a key/);
    expect(plan.fixes[1]!.commands).toEqual(['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>']);
    expect(plan.fixes[2]!.what).toMatch(/proxy/);
    expect(plan.fixes[3]!.what).toMatch(/Limits and plans/);
  });

  it('files outside the folder, symlinked out of it, or shell profiles are never edited', () => {
    const { dir } = project({ '.bashrc': 'X=1\n', 'app/.env': 'A=1\n' });
    const elsewhere = tempDir('lsd-fixplan-out-');
    writeFileSync(path.join(elsewhere, 'real.env'), 'A=1\n');
    symlinkSync(path.join(elsewhere, 'real.env'), path.join(dir, 'linked.env'));
    expect(outsideReason(path.join(dir, 'app/.env'), dir)).toBeUndefined();
    expect(outsideReason(path.join(dir, '.bashrc'), dir)).toMatch(/shell profile/);
    expect(outsideReason(path.join(dir, 'linked.env'), dir)).toMatch(/outside the project folder/);
    expect(outsideReason(path.join(elsewhere, 'real.env'), dir)).toMatch(/outside the project folder/);
  });

  it('a re-run finding counts as the same when check, code and variable match', () => {
    const after = report('env-vars', [f('TRACING_FLAG_INVALID', 'fail', { name: 'LANGCHAIN_TRACING_V2' }), f('ENV_CONFLICT', 'warn', { names: ['LANGSMITH_PROJECT', 'LANGCHAIN_PROJECT'] })]);
    expect(stillPresent({ check: 'env-vars', code: 'TRACING_FLAG_INVALID', subject: 'LANGSMITH_TRACING' }, after)).toBe(false);
    expect(stillPresent({ check: 'env-vars', code: 'TRACING_FLAG_INVALID', subject: 'LANGCHAIN_TRACING_V2' }, after)).toBe(true);
    expect(stillPresent({ check: 'env-vars', code: 'ENV_CONFLICT', subject: 'LANGCHAIN_PROJECT' }, after)).toBe(true);
    expect(stillPresent({ check: 'auth', code: 'REGION_MISMATCH', subject: 'LANGSMITH_ENDPOINT' }, report('auth', [f('REGION_MISMATCH', 'fail')]))).toBe(true);
    expect(stillPresent({ check: 'auth', code: 'REGION_MISMATCH' }, report('auth', []))).toBe(false);
  });
});
