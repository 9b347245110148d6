// Every command the doctor prints, in every demo scenario, runs as printed in a user's shell:
// it parses (bash -n), names no variable that nothing set, offers no `a || b` alternatives, and
// every doctor invocation in it resolves (run with --help appended: the flags parse, exit 0).
// Templates: what the user must type is a `<placeholder>`; such a line must NOT parse as it is
// (so it cannot run by accident), and parses once each placeholder is filled in.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { problemsOf } from '../helpers/shell-commands.js';

/** The doctor commands in a report: lines that start the CLI under test. */
function doctorCommands(block: string[]): string[] {
  return block.filter((c) => c.includes(CLI));
}

describe('commands printed by every demo scenario run as printed', () => {
  it('parse, rely on no unset variable, and every doctor invocation resolves', async () => {
    const list = (await runCli(['--demo', 'list', '--json'])).json<Array<{ name: string }>>();
    expect(list.length).toBeGreaterThan(20);
    // A few at a time: the scenarios' timeouts are real, and the machine is small.
    const reports: Array<{ name: string; report: any }> = [];
    for (let i = 0; i < list.length; i += 4) {
      const batch = await Promise.all(list.slice(i, i + 4).map(async ({ name }) => ({ name, report: (await runCli(['--demo', name, '--json'], { timeoutMs: 60_000 })).json() })));
      reports.push(...batch);
    }
    const problems: string[] = [];
    const doctor = new Set<string>();
    let commands = 0;
    for (const { name, report } of reports) {
      const blocks: Array<[string, string[]]> = [
        ...report.diagnosis.plan.map((p: any) => [`${name} plan step ${p.step}`, p.commands] as [string, string[]]),
        ...report.checks.flatMap((c: any) => c.findings.filter((f: any) => f.fix?.commands).map((f: any) => [`${name} ${c.id} ${f.code}`, f.fix.commands] as [string, string[]])),
      ];
      for (const [where, block] of blocks) {
        commands += block.length;
        problems.push(...problemsOf(block, where));
        for (const c of doctorCommands(block)) doctor.add(c.replace(/\s+#.*$/, ''));
      }
    }
    expect(problems).toEqual([]);
    expect(commands).toBeGreaterThan(50);
    // Not installed on this PATH: the doctor is named `node /abs/path/dist/cli.js`.
    expect(doctor.size).toBeGreaterThan(1);
    const shellCwd = tempDir();
    for (const c of doctor) {
      const run = spawnSync('bash', ['-c', `${c} --help`], { cwd: shellCwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: shellCwd } });
      expect(run.status, `${c} --help: ${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/^Usage/m);
    }
  }, 240_000);

  it('the checks themselves catch what they must (a broken command, an unset variable, a live placeholder, an alternative)', () => {
    expect(problemsOf(['curl -sS "$LANGSMITH_ENDPOINT/info"'], 't')).toHaveLength(1);
    expect(problemsOf(['export LANGSMITH_API_KEY=\'<your key>\''], 't')).toHaveLength(1);
    expect(problemsOf(['pip install -U langsmith   # or: npm install langsmith@latest'], 't')).toHaveLength(1);
    expect(problemsOf(['npx langsmith-doctor'], 't')).toHaveLength(1);
    expect(problemsOf(['LANGSMITH_TRACING=true'], 't')).toHaveLength(1);
    expect(problemsOf(['echo "unterminated'], 't')).toHaveLength(1);
    expect(problemsOf(['export A=<a value>', 'export B="$A"'], 't')).toEqual([]);
  });
});
