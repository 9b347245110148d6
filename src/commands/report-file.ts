// --report FILE: checked before the run, written atomically and redacted after it.
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { unwritableReason, writeFileAtomic } from '../core/files.js';
import type { Io } from '../core/io.js';
import type { Report } from '../report/model.js';
import { renderReportFile } from '../report/files.js';
import { TOOL_NAME } from '../version.js';

/** `--report` to a place that cannot be written fails before the run, not after it. */
export function checkReportTarget(file: string | undefined, io: Io): void {
  if (file === undefined) return;
  const why = unwritableReason(path.resolve(io.cwd, file));
  if (why) throw new UsageError(`--report ${file}: cannot write there: ${why}`);
}

/** Renders, redacts and writes a report (format from the extension) atomically; returns its full path. */
export function saveReport(file: string, report: Report, io: Io): string {
  const full = path.resolve(io.cwd, file);
  const text = renderReportFile(full, report);
  writeFileAtomic(full, io.redactor ? io.redactor.text(text) : text);
  return full;
}

export function writeReport(file: string, report: Report, io: Io): void {
  try {
    const full = saveReport(file, report, io);
    io.stderr.write(`${TOOL_NAME}: report written to ${full}\n`);
  } catch (err) {
    throw new UsageError(`--report ${file}: cannot write: ${(err as Error).message}`);
  }
}
