// Runs the doctor in-process against an emulator scenario (optionally with changed switches or
// world), for table-driven tests of the network checkers.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getScenario, startEmulator, type Switches, type World } from '../../src/emulator/index.js';
import { prepare, run } from '../../src/doctor.js';
import type { Report } from '../../src/report/model.js';

export interface ScenarioRun {
  report: Report;
  check(id: string): Report['checks'][number];
  codes(id: string): string[];
  key: string;
}

export async function runScenario(
  name: string,
  opts: { switches?: Partial<Switches>; edit?: (w: World) => void; writeProbe?: boolean; env?: Record<string, string> } = {},
): Promise<ScenarioRun> {
  const scenario = getScenario(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const world = structuredClone(scenario.world);
  world.switches = { ...world.switches, ...opts.switches };
  opts.edit?.(world);
  const emu = await startEmulator({ world });
  try {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'lsd-scn-'));
    const env: Record<string, string> = { ...scenario.env(emu.urls), HOME: cwd, ...opts.env };
    const prepared = await prepare({
      cwd, env, isolated: true, regions: emu.urls.regions, timeoutMs: scenario.timeoutMs ?? 3000,
      writeProbe: opts.writeProbe ?? (scenario.args ?? []).includes('--write-probe'),
      demo: { scenario: name, summary: scenario.summary },
    });
    const report = await run(prepared);
    const check = (id: string) => {
      const c = report.checks.find((x) => x.id === id);
      if (!c) throw new Error(`no check ${id}`);
      return c;
    };
    return { report, check, codes: (id) => check(id).findings.map((f) => f.code).sort(), key: env.LANGSMITH_API_KEY ?? '' };
  } finally {
    await emu.close();
  }
}
