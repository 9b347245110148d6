// Every demo scenario's plan, on the built CLI: no step twice, no command twice, and no steps that
// cannot all work (tracing off beside something that needs it on, a variable exported twice with
// different values, a step reading a variable another step unsets). And a run's stage line fits
// its cause in JSON (`diagnosis.headline`), plain text and Markdown: a run that exits 1 never
// headlines the tier; past the gates a failing cause outside the role ladder (a limit, a payload
// size, an SDK, a proxy) is named as what blocks (diagnosis.blockedBy); and a gate held closed by
// such a cause (a 429 before the key is confirmed) never reads as the key being refused.
import { oneLine } from '../../src/core/text.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { levelOf } from '../../src/diagnosis/levels.js';
import { STAGES } from '../../src/diagnosis/stages.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { planContradictions } from '../helpers/plan-contradictions.js';

const GATES = ['configure', 'connect', 'authenticate'];

interface Run {
  name: string;
  code: number | null;
  report: any;
  /** The text after `Stage: STAGE — ` in plain output, and after `**STAGE** — ` in Markdown. */
  plain: string;
  markdown: string;
}

// Ports and durations differ between two runs of a scenario; the words must not.
const sameWords = (s: string) => s.replace(/\d+/g, 'N');

describe('plans and stage lines (built CLI, every demo scenario)', () => {
  const runs: Run[] = [];

  beforeAll(async () => {
    const list = (await runCli(['--demo', 'list', '--json'])).json<Array<{ name: string; args: string[] }>>();
    const dir = tempDir('lsd-plans-');
    const one = async ({ name, args }: { name: string; args: string[] }): Promise<Run> => {
      const md = path.join(dir, `${name}.md`);
      const json = await runCli(['--demo', name, '--json', '--report', md, ...args], { timeoutMs: 60_000 });
      const plain = await runCli(['--demo', name, '--plain', ...args], { timeoutMs: 60_000 });
      const report = json.json();
      const stage = report.diagnosis.stage;
      const plainLine = plain.stdout.split('\n').find((l) => l.startsWith('Stage: ')) ?? '';
      const mdLine = readFileSync(md, 'utf8').split('\n').find((l) => l.startsWith('| Stage |')) ?? '';
      return {
        name, code: json.code, report,
        plain: plainLine.replace(`Stage: ${stage} — `, ''),
        markdown: mdLine.replace(`| Stage | **${stage}** — `, '').replace(/ \|$/, '').replace(/\\\|/g, '|').replace(/&lt;/g, '<'),
      };
    };
    // A few at a time: the scenarios' timeouts are real, and the machine is small.
    for (let i = 0; i < list.length; i += 3) runs.push(...(await Promise.all(list.slice(i, i + 3).map(one))));
  }, 600_000);

  it('ran every scenario', () => {
    expect(runs.length).toBeGreaterThan(30);
  });

  it('blockedBy is set exactly when the gates are cleared and a non-permission failure decides the exit code', () => {
    const blocked: string[] = [];
    for (const { name, code, report } of runs) {
      const d = report.diagnosis;
      const primary = d.causes[0];
      const expected = !GATES.includes(d.stage) && primary?.severity === 'fail' && primary.level !== 'permission' ? primary.code : undefined;
      expect(d.blockedBy, name).toBe(expected);
      if (d.blockedBy) {
        blocked.push(`${name}:${d.blockedBy}`);
        expect(code, name).toBe(1);
      }
    }
    // The limits the emulator models are among them (and the healthy ones are not).
    expect(blocked).toEqual(expect.arrayContaining(['usage-limit-reached:USAGE_LIMIT_REACHED', 'payload-too-large:PAYLOAD_TOO_LARGE']));
    expect(blocked.some((b) => b.startsWith('healthy'))).toBe(false);
  });

  it('no plan repeats a step or a command', () => {
    for (const { name, report } of runs) {
      const plan = report.diagnosis.plan as Array<{ action: string; commands: string[] }>;
      const actions = plan.map((p) => p.action);
      // The same command with another trailing comment is the same command.
      const commands = plan.flatMap((p) => p.commands).map((c) => c.replace(/\s+#.*$/, ''));
      expect(new Set(actions).size, `${name}: a plan step repeated`).toBe(actions.length);
      expect(new Set(commands).size, `${name}: a plan command repeated: ${commands.join(' | ')}`).toBe(commands.length);
      // A step told twice in other words: two actions that open with the same six words.
      const openings = actions.map((a) => a.toLowerCase().split(/\W+/).filter(Boolean).slice(0, 6).join(' '));
      expect(new Set(openings).size, `${name}: a plan step told twice: ${actions.join(' | ')}`).toBe(openings.length);
    }
  });

  it('no plan has steps that cannot all work', () => {
    const problems = runs.flatMap(({ name, report }) => planContradictions(report.diagnosis.plan).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the stage line is the same in JSON, plain text and Markdown, and fits the cause', () => {
    const held: string[] = [];
    for (const { name, code, report, plain, markdown } of runs) {
      const d = report.diagnosis;
      const line: string = d.headline;
      expect(typeof line, `${name}: diagnosis.headline`).toBe('string');
      expect(sameWords(plain), `${name}: plain`).toBe(sameWords(line));
      // Markdown bounds every line it takes from a finding (oneLine: 400 characters, then a count).
      expect(sameWords(markdown), `${name}: Markdown`).toBe(sameWords(oneLine(line)));

      const primary = d.causes[0];
      const meaning = STAGES[d.stage as keyof typeof STAGES].meaning;
      const ownLevel = primary ? levelOf(primary.code) : undefined;
      if (d.blockedBy) {
        // Past the gates: what blocks is the headline, never what the tier means.
        expect(line, name).toMatch(new RegExp(`^Blocked by ${d.blockedBy}: `));
        expect(line, name).not.toContain(meaning);
      } else if (GATES.includes(d.stage) && primary?.severity === 'fail' && !GATES.includes(ownLevel!) && code === 1) {
        // A gate held closed by a later-level cause (a 429 on the first authenticated read).
        held.push(`${name}:${primary.code}`);
        expect(line, name).toMatch(new RegExp(`^Blocked by ${primary.code}: `));
        expect(line, name).not.toContain(meaning);
      } else {
        expect(line, name).toBe(meaning);
      }
      // The two headlines the issue names, checked over every run and renderer by their own words.
      for (const [where, text] of [['JSON', line], ['plain', plain], ['Markdown', markdown]]) {
        if (code === 1 && primary && primary.level !== 'permission') expect(text, `${name} (${where})`).not.toMatch(/acts as an Organization Admin/);
        if (primary?.code === 'RATE_LIMITED') expect(text, `${name} (${where})`).not.toMatch(/refuses the key/);
      }
    }
    expect(held).toContain('rate-limited:RATE_LIMITED');
  });

  it('the stage line says what blocks, not what the tier means, in plain text and Markdown', async () => {
    const plain = await runCli(['--demo', 'usage-limit-reached', '--plain']);
    expect(plain.code).toBe(1);
    const stage = plain.stdout.split('\n').find((l) => l.startsWith('Stage: '))!;
    expect(stage).toMatch(/^Stage: admin — Blocked by USAGE_LIMIT_REACHED: .*The access tier itself is admin\.$/);
    const healthy = await runCli(['--demo', 'healthy-admin', '--plain']);
    expect(healthy.stdout.split('\n').find((l) => l.startsWith('Stage: '))).not.toContain('Blocked by');
  });
});

describe('the contradiction check itself (plans made to break each rule)', () => {
  const plan = (...steps: string[][]) => steps.map((commands, i) => ({ step: i + 1, commands }));

  it('accepts a plan whose steps agree', () => {
    expect(planContradictions(plan(
      ['export LANGSMITH_TRACING=true', 'export LANGSMITH_PROJECT=<your project name>'],
      ['export LANGSMITH_FAILED_TRACES_DIR=./failed-traces', 'unset LANGCHAIN_API_KEY'],
      ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>', 'node /x/cli.js --watch 60   # re-probes'],
    ))).toEqual([]);
  });

  it('tracing off beside a failed-traces folder (the old read-only step)', () => {
    expect(planContradictions(plan(['export LANGSMITH_TRACING=false', 'export LANGSMITH_FAILED_TRACES_DIR=./traces']))).toEqual([
      'step 1 turns tracing off (LANGSMITH_TRACING=false), and step 1 needs it on (LANGSMITH_FAILED_TRACES_DIR=./traces)',
    ]);
    // Off by any spelling or name the SDKs read, against anything that needs it on.
    expect(planContradictions(plan(['export LANGCHAIN_TRACING_V2=True'], ['export LANGSMITH_PROJECT=demo']))).toHaveLength(1);
    expect(planContradictions(plan(['unset LANGSMITH_TRACING'], ['export LANGSMITH_TRACING_SAMPLING_RATE=0.5']))).toHaveLength(1);
  });

  it('the same setting exported twice with different values (either prefix)', () => {
    expect(planContradictions(plan(['export LANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com'], ['export LANGCHAIN_ENDPOINT=https://api.smith.langchain.com']))).toEqual([
      'steps 1 and 2 set LANGSMITH_ENDPOINT to different values: LANGSMITH_ENDPOINT=https://eu.api.smith.langchain.com and LANGCHAIN_ENDPOINT=https://api.smith.langchain.com',
    ]);
    expect(planContradictions(plan(['export LANGSMITH_API_KEY=<a service key>'], ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>']))).toHaveLength(1);
    expect(planContradictions(plan(['export LANGSMITH_TRACING=true'], ['export LANGSMITH_TRACING=true']))).toEqual([]);
  });

  it('a step that reads or sets a variable another step unsets', () => {
    expect(planContradictions(plan(['unset NODE_EXTRA_CA_CERTS'], ['export SSL_CERT_FILE="$NODE_EXTRA_CA_CERTS"']))).toEqual([
      'step 2 reads $NODE_EXTRA_CA_CERTS, which step 1 unsets',
    ]);
    expect(planContradictions(plan(['export LANGSMITH_WORKSPACE_ID=<workspace uuid>'], ['unset LANGSMITH_WORKSPACE_ID']))).toEqual([
      'step 1 exports LANGSMITH_WORKSPACE_ID and step 2 unsets it',
    ]);
  });
});
