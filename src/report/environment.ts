// Where the run happened, for whoever reads a report pasted into an issue: OS, Node, doctor
// version, shell, CI, and the LangSmith SDK versions the sdk-versions checker found. Redacted
// with the rest of the report (a shell path or CI name is no secret, but nothing is exempt).
import os from 'node:os';
import type { CheckResult } from '../core/checker.js';
import { VERSION } from '../version.js';

export interface ReportEnvironment {
  /** process.platform: linux, darwin, win32, … */
  os: string;
  osRelease: string;
  arch: string;
  /** The Node that ran the doctor (process.version). */
  node: string;
  doctorVersion: string;
  /** $SHELL (or %ComSpec% on Windows); null when unset. */
  shell: string | null;
  ci: boolean;
  /** The CI service when one is recognised (github-actions, gitlab, …); null otherwise. */
  ciProvider: string | null;
  /** SDKs found by the sdk-versions checker; null when it did not run. */
  sdks: Array<{ language: string; name: string; version: string }> | null;
}

const CI_PROVIDERS: ReadonlyArray<[string, string]> = [
  ['GITHUB_ACTIONS', 'github-actions'],
  ['GITLAB_CI', 'gitlab'],
  ['CIRCLECI', 'circleci'],
  ['BUILDKITE', 'buildkite'],
  ['JENKINS_URL', 'jenkins'],
  ['TF_BUILD', 'azure-pipelines'],
  ['BITBUCKET_BUILD_NUMBER', 'bitbucket'],
  ['TRAVIS', 'travis'],
];

const set = (v: string | undefined) => v !== undefined && v !== '' && v !== 'false' && v !== '0';

export function environmentOf(env: Readonly<Record<string, string | undefined>>, results: readonly CheckResult[]): ReportEnvironment {
  const provider = CI_PROVIDERS.find(([name]) => set(env[name]))?.[1] ?? null;
  return {
    os: process.platform,
    osRelease: os.release(),
    arch: process.arch,
    node: process.version,
    doctorVersion: VERSION,
    shell: env.SHELL || env.ComSpec || null,
    ci: provider !== null || set(env.CI),
    ciProvider: provider,
    sdks: sdksOf(results),
  };
}

function sdksOf(results: readonly CheckResult[]): ReportEnvironment['sdks'] {
  const r = results.find((x) => x.id === 'sdk-versions');
  if (!r || r.status === 'skip' || r.status === 'error') return null;
  const found = r.evidence?.sdks;
  if (!Array.isArray(found)) return [];
  return found
    .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
    .map((s) => ({ language: String(s.language ?? ''), name: String(s.name ?? ''), version: String(s.version ?? '') }));
}

/** One line: `linux 6.1 x64 · Node v20.20.0 · doctor 0.1.0 · shell /bin/bash · CI github-actions · SDKs: js langsmith 0.3.70`. */
export function describeEnvironment(e: ReportEnvironment): string {
  const sdks = e.sdks === null ? 'not checked' : e.sdks.length === 0 ? 'none found' : e.sdks.map((s) => `${s.language} ${s.name} ${s.version}`).join(', ');
  return `${e.os} ${e.osRelease} ${e.arch} · Node ${e.node} · doctor ${e.doctorVersion} · shell ${e.shell ?? '(unset)'} · ${e.ci ? `CI${e.ciProvider ? ` ${e.ciProvider}` : ''}` : 'not CI'} · SDKs: ${sdks}`;
}
