// Every emulator scenario through the built CLI: stage, primary cause and tier as a correct
// diagnosis gives them, and no output path showing the scenario's key.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

// Field cases (../shared/reference/field-cases.md) each scenario stands for.
const FIELD_CASES: Record<string, string> = {
  'eu-key-on-us-default': 'field cases 4, 5',
  'apac-key-on-us-default-403': 'field case 5 (403 variant)',
  'org-scoped-key-without-workspace': 'field cases 13, 15',
  'org-scoped-error-shape': 'field case 14',
  'legacy-key': 'field case 9',
  'placeholder-key': 'field cases 11, 12',
  'usage-limit-reached': 'field case 1',
  'payload-too-large': 'field case 19',
  'connection-reset': 'field case 20',
  'outage': 'field case 28',
  'ui-host-endpoint': 'SDK issue #637',
};

const noUrls = { regions: {}, endpoint: '', hosts: {} };
/** The scenario's key when it is a real-looking secret (placeholders are template text, shown as such). */
const keyOf = (name: string) => {
  const key = scenarios.find((s) => s.name === name)!.env(noUrls).LANGSMITH_API_KEY ?? '';
  return /^(lsv2_|ls__)/.test(key) ? key : '';
};

describe('every demo scenario, through the built CLI (--demo NAME --json)', () => {
  for (const s of scenarios) {
    const label = FIELD_CASES[s.name] ? ` (${FIELD_CASES[s.name]})` : '';
    it(`${s.name}${label}: stage ${s.expect.stage}, cause ${s.expect.cause ?? 'none'}, tier ${s.expect.tier}`, async () => {
      const key = keyOf(s.name);
      const r = await runCli(['--demo', s.name, '--json'], { secrets: key.length >= 12 ? [key] : [], timeoutMs: 30_000 });
      const report = r.json();
      expect(report.demo.scenario).toBe(s.name);
      expect({ stage: report.diagnosis.stage, cause: report.diagnosis.causes[0]?.code ?? null, tier: report.diagnosis.tier }).toEqual(s.expect);
      const failed = report.summary.fail + report.summary.error > 0;
      expect(r.code).toBe(failed ? 1 : 0);
      // Every plan starts with something concrete to run or set.
      expect(report.diagnosis.plan[0].commands.length, report.diagnosis.plan[0].action).toBeGreaterThan(0);
      // No plan ever says to wait for an activation period: LangSmith keys have none.
      const plan = JSON.stringify(report.diagnosis.plan);
      expect(plan.replace(/no activation period/gi, '')).not.toMatch(/activat/i);
      expect(plan).not.toMatch(/wait (for )?(24|48|72|a few|several|\d+-\d+) (hours|days)/i);
    });
  }
});

describe('no output of any scenario contains its key', () => {
  it('plain text, JSON, Markdown, HTML reports and the transcript, for every scenario', async () => {
    const dir = tempDir();
    const one = async (name: string) => {
      const key = keyOf(name);
      if (key.length < 12) return;
      const file = path.join(dir, `${name}.html`);
      const md = path.join(dir, `${name}.md`);
      const plain = await runCli(['--demo', name, '--plain', '--report', file], { cwd: dir, secrets: [key], timeoutMs: 60_000 });
      await runCli(['--demo', name, '--json', '--report', md], { cwd: dir, secrets: [key], timeoutMs: 60_000 });
      for (const text of [plain.stdout, plain.stderr, readFileSync(file, 'utf8'), readFileSync(md, 'utf8')]) {
        expect(text.includes(key)).toBe(false);
        // Not even most of it: no 20-character run of the key's secret part.
        expect(text.includes(key.slice(8, 28))).toBe(false);
      }
    };
    // A few at a time: the catalogue grows, and one at a time no longer fits the budget on a busy machine.
    for (let i = 0; i < scenarios.length; i += 3) await Promise.all(scenarios.slice(i, i + 3).map((s) => one(s.name)));
  }, 480_000);
});

describe('the real path: emulator on loopback, config regions, the user environment', () => {
  let emu: RunningEmulator;
  const scenario = scenarios.find((s) => s.name === 'eu-key-on-us-default')!;
  beforeAll(async () => {
    emu = await startEmulator({ world: scenario.world });
  });
  afterAll(() => emu.close());

  it('field case 4: an EU key on the US default is REGION_MISMATCH with the exact endpoint line', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
    const env = scenario.env(emu.urls);
    const r = await runCli(['--json'], { cwd, env });
    const report = r.json();
    expect(report.target.endpoint).toBe(emu.urls.regions.us);
    expect(report.target.endpointSource).toBe('default');
    const cause = report.diagnosis.causes[0];
    expect(cause.code).toBe('REGION_MISMATCH');
    expect(report.diagnosis.plan[0].commands).toContain(`export LANGSMITH_ENDPOINT=${emu.urls.regions.eu}`);
    // The key went only to the configured region hosts.
    const hosts = new Set(report.transcript.map((t: { url: string }) => new URL(t.url).origin));
    for (const h of hosts) expect(Object.values(emu.urls.regions).map((u) => new URL(u).origin)).toContain(h);
    // The official client's own read is in the transcript (GET /sessions?limit=1, its tenant lookup).
    expect(report.transcript.some((t: { url: string }) => t.url.includes('/sessions?limit=1&offset=0'))).toBe(true);
    expect(JSON.stringify(report.transcript)).not.toContain(env.LANGSMITH_API_KEY);
  });
});
