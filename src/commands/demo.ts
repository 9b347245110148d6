// --demo list | --demo SCENARIO: the diagnosis against the built-in emulator, with the scenario's
// environment instead of the user's own (no .env, no profile), said plainly. The project's config
// is read, so its plugins can be tried against every scenario (the regions stay the emulator's).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { didYouMean } from '../core/suggest.js';
import { prepare } from '../doctor.js';
import { exitCodeOf } from '../report/model.js';
import { announceScreen, modeOf, runInMode } from './mode.js';
import { writeReport } from './report-file.js';
import { screenFixer } from './screen-fixer.js';

export async function demoCommand(args: ParsedArgs, io: Io): Promise<number> {
  const { scenarios, getScenario, startEmulator } = await import('../emulator/index.js');
  const name = args.demo!;
  if (name === 'list' || name === '') {
    if (args.json) {
      io.stdout.write(JSON.stringify(scenarios.map((s) => ({ name: s.name, summary: s.summary, expect: s.expect, args: s.args ?? [] })), null, 2) + '\n');
      return 0;
    }
    const width = Math.max(...scenarios.map((s) => s.name.length));
    const lines = scenarios.map((s) => `${s.name.padEnd(width)}  ${s.summary}`);
    io.stdout.write(`Demo scenarios (run one with --demo NAME):\n\n${lines.join('\n')}\n`);
    return 0;
  }
  const scenario = getScenario(name);
  if (!scenario) throw new UsageError(`unknown demo scenario '${name}'${didYouMean(name, scenarios.map((s) => s.name))}; see --demo list`);
  const mode = modeOf(args, io);
  const announced = mode === 'interactive' ? announceScreen(io, { scenario: scenario.name }) : 0;
  const emulator = await startEmulator({ world: scenario.world });
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'langsmith-doctor-demo-'));
  try {
    const env = { ...scenario.env(emulator.urls), HOME: cwd };
    const prepared = await prepare({
      cwd,
      env,
      isolated: true,
      configFrom: io.cwd,
      configFile: args.config,
      regions: emulator.urls.regions,
      timeoutMs: args.timeoutMs ?? scenario.timeoutMs,
      writeProbe: args.writeProbe || (scenario.args ?? []).includes('--write-probe'),
      only: args.only,
      // The demo's project folder is empty: installed SDK versions would say nothing.
      skip: [...(args.skip ?? []), 'sdk-versions'],
      offline: args.offline,
      demo: { scenario: scenario.name, summary: scenario.summary },
      outputRedactor: io.redactor,
    });
    // `f` in the demo shows what --fix would do for the scenario (its settings are not in a file).
    const report = await runInMode(prepared, mode, io, { announced, fixer: mode === 'interactive' ? screenFixer() : undefined });
    if (args.report) writeReport(args.report, report, io);
    return exitCodeOf(report, args.strict);
  } finally {
    await emulator.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}
