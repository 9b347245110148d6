// The default command: prepare, run in the chosen mode (or watch), write the report, exit code.
import type { ParsedArgs } from '../args.js';
import type { Io } from '../core/io.js';
import { prepare, type DoctorOptions } from '../doctor.js';
import { exitCodeOf } from '../report/model.js';
import { announceScreen, modeOf, runInMode } from './mode.js';
import { writeReport } from './report-file.js';
import { screenFixer } from './screen-fixer.js';

export function doctorOptions(args: ParsedArgs, io: Io): DoctorOptions {
  return {
    cwd: io.cwd,
    env: io.env,
    configFile: args.config,
    envFiles: args.envFiles,
    only: args.only,
    skip: args.skip,
    offline: args.offline,
    timeoutMs: args.timeoutMs,
    writeProbe: args.writeProbe,
    outputRedactor: io.redactor,
    invocation: io.invocation,
  };
}

export async function diagnoseCommand(options: DoctorOptions, args: ParsedArgs, io: Io): Promise<number> {
  const mode = modeOf(args, io);
  if (args.fix) {
    const prepared = await prepare(options);
    const { fixCommand } = await import('./fix.js');
    return fixCommand(prepared, args, io);
  }
  // The screen's first line goes out before the configuration is read: the first frame is quick.
  const announced = mode === 'interactive' ? announceScreen(io) : 0;
  const prepared = await prepare(options);
  if (args.watchSeconds !== undefined) {
    const { watchCommand } = await import('./watch.js');
    return watchCommand(prepared, args, io, mode, announced);
  }
  // The screen's `f` key; --json, --plain and pipes have --fix instead.
  const report = await runInMode(prepared, mode, io, { announced, fixer: mode === 'interactive' ? screenFixer() : undefined });
  if (args.report) writeReport(args.report, report, io);
  return exitCodeOf(report, args.strict);
}
