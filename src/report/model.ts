// The Report (CONTRACT.md, schemaVersion 1): the one final state every renderer draws.
import type { CheckResult, Status } from '../core/checker.js';
import type { Diagnosis } from '../diagnosis/diagnose.js';
import type { TranscriptEntry } from '../langsmith/http.js';
import type { ReportEnvironment } from './environment.js';

export { environmentOf, describeEnvironment, type ReportEnvironment } from './environment.js';

export interface ReportTarget {
  /** The folder diagnosed (config search, dotenv files, SDK detection). */
  folder?: string;
  /** The config file used; null when none was found. */
  config?: string | null;
  endpoint: string | null;
  endpointSource: string | null;
  region: string | null;
  key: string | null;
  keySource: string | null;
  keyKind: string;
  workspaceId: string | null;
  workspaceSource?: string | null;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'langsmith-doctor'; version: string };
  startedAt: string;
  durationMs: number;
  /** Present when the run was a demo against the built-in emulator. */
  demo?: { scenario: string; summary: string };
  target: ReportTarget;
  /** Where the run happened (OS, Node, shell, CI, SDK versions). */
  environment?: ReportEnvironment;
  checks: Array<CheckResult & { evidence: Record<string, unknown> }>;
  diagnosis: Diagnosis;
  summary: Record<Status, number>;
  transcript: TranscriptEntry[];
}

export function summarize(results: readonly CheckResult[]): Record<Status, number> {
  const summary: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) summary[r.status]++;
  return summary;
}

/** Exit code: 1 when a check failed or errored (or warned, under --strict), else 0. */
export function exitCodeOf(report: Pick<Report, 'summary'>, strict: boolean): 0 | 1 {
  const s = report.summary;
  return s.fail > 0 || s.error > 0 || (strict && s.warn > 0) ? 1 : 0;
}
