// `--fix` / `--yes`: after the diagnosis, the configuration edits that fix findings, shown as a
// dry-run diff, confirmed, applied with a backup, proven by a re-run (and rolled back when they do
// not help). planFixes/applyFixes are the seam the interactive screen can call too.
import { accessSync, constants, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import type { Finding } from '../core/checker.js';
import { readRegularFile, unwritableReason, writeFileAtomic } from '../core/files.js';
import type { Io } from '../core/io.js';
import { prepare, run, type Prepared } from '../doctor.js';
import { planFixes as planEdits, stillPresent, type FixPlan, type PlanChoices, type PlannedFix } from '../langsmith/fix-plan.js';
import { MAX_SETTINGS_FILE_BYTES } from '../langsmith/settings.js';
import { exitCodeOf, type Report } from '../report/model.js';
import { renderConclusion } from '../report/text.js';
import { runInMode } from './mode.js';
import { writeReport } from './report-file.js';

export type { FixPlan, PlannedFix, PlanChoices };

/** The edits that fix this report's findings, for the folder `prepared` diagnosed. */
export function planFixes(report: Report, prepared: Prepared, choices: PlanChoices = {}): FixPlan {
  return planEdits(report, { settings: prepared.settings, folder: prepared.options.cwd }, choices);
}

export interface FixResultEntry {
  code: string;
  check: string;
  subject?: string;
  before: Finding['severity'];
  after: 'gone' | 'present';
  file?: string;
  rolledBack: boolean;
}

export interface FixResult {
  /** False when nothing was written (a file could not be written: `error` says which and why). */
  applied: boolean;
  error?: string;
  files: Array<{ file: string; backup?: string; rolledBack: boolean }>;
  results: FixResultEntry[];
  /** FIX_REFUSED, FIX_ROLLED_BACK: what went wrong, as findings. */
  findings: Finding[];
  /** The diagnosis after the edits (after a rollback, of the restored files); absent when nothing was written. */
  report?: Report;
}

export interface ApplyOptions {
  /** Runs the diagnosis again from scratch (prepare() re-reads the dotenv files). */
  rerun: () => Promise<Report>;
  /** For the backup's name. */
  now?: Date;
}

/**
 * Writes the planned files (each after a backup beside it, atomically, keeping its mode), re-runs
 * the diagnosis, and restores any file whose fixes did not make their findings go away. Nothing is
 * written unless every file can be: a read-only file stops all of it.
 */
export async function applyFixes(plan: FixPlan, opts: ApplyOptions): Promise<FixResult> {
  const edits = plan.fixes.filter((f) => f.action === 'edit' && f.file !== undefined);
  const refused = plan.files.map((f) => ({ f, why: whyNotWritable(f.path, f.before) })).filter((x) => x.why !== undefined);
  if (refused.length > 0) {
    const error = refused.map((x) => `${x.f.display}: ${x.why}`).join('; ');
    return {
      applied: false,
      error,
      files: [],
      results: [],
      findings: refused.map((x) => ({ code: 'FIX_REFUSED', severity: 'fail', message: `${x.f.display} (${x.f.path}) was not changed: ${x.why}; nothing was written` })),
    };
  }
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const written: Array<{ file: FixPlan['files'][number]; real: string; mode: number; backup: string }> = [];
  for (const file of plan.files) {
    const real = realpathSync(file.path);
    const mode = statSync(real).mode & 0o7777;
    const backup = `${real}.langsmith-doctor-${stamp}.bak`;
    // The backup holds what the file holds (keys included): same mode as the file.
    writeFileAtomic(backup, file.before, { mode });
    writeFileAtomic(real, file.after, { mode });
    written.push({ file, real, mode, backup });
  }
  const after = await opts.rerun();
  const results: FixResultEntry[] = edits.map((f) => ({ code: f.code, check: f.check, subject: f.subject, before: f.severity, after: stillPresent(f, after) ? 'present' : 'gone', file: f.file, rolledBack: false }));
  const findings: Finding[] = [];
  const files: FixResult['files'] = [];
  let rolledBackAny = false;
  for (const w of written) {
    const failed = results.filter((r) => r.file === w.file.display && r.after === 'present');
    if (failed.length === 0) {
      files.push({ file: w.file.display, backup: displayBackup(w.file.display, w.backup), rolledBack: false });
      continue;
    }
    writeFileAtomic(w.real, w.file.before, { mode: w.mode });
    // The file is as it was: its copy (which holds its secrets) is not needed.
    rmSync(w.backup, { force: true });
    rolledBackAny = true;
    for (const r of results.filter((r) => r.file === w.file.display)) r.rolledBack = true;
    files.push({ file: w.file.display, rolledBack: true });
    findings.push({
      code: 'FIX_ROLLED_BACK',
      severity: 'warn',
      message: `${w.file.display} was restored: the re-run still shows ${failed.map((r) => `${r.code}${r.subject ? ` (${r.subject})` : ''}`).join(', ')} after the edit, so the edit did not fix it`,
    });
  }
  const report = rolledBackAny ? await opts.rerun() : after;
  return { applied: true, files, results, findings, report };
}

/** Why a planned file cannot be replaced now; undefined when it can. */
export function whyNotWritable(file: string, expected: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(file);
    const st = statSync(real);
    // Mode bits first: root may write anything, but a file made read-only says "do not edit".
    if ((st.mode & 0o222) === 0) return 'the file is read-only';
    accessSync(real, constants.W_OK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'EACCES' || e.code === 'EPERM' ? 'the file is not writable' : `it cannot be opened (${e.code ?? e.message})`;
  }
  const folder = unwritableReason(real);
  if (folder) return folder;
  const now = readRegularFile(real, MAX_SETTINGS_FILE_BYTES);
  if (!now.ok || now.text !== expected) return 'it changed since it was read';
  return undefined;
}

function displayBackup(display: string, backup: string): string {
  return path.join(path.dirname(display), path.basename(backup));
}

// -- the command ----------------------------------------------------------------------------------

/** The diagnosis, then the fix flow. Exit code: that of the final (after-fix) diagnosis. */
export async function fixCommand(prepared: Prepared, args: ParsedArgs, io: Io): Promise<number> {
  const json = args.json;
  // The interactive screen has its own `f` key; --fix prints and asks line by line.
  const before = json ? await run(prepared) : await runInMode(prepared, 'plain', io);
  const say = (s: string) => io.stdout.write(prepared.redactor.text(s));
  const input = json || args.yes ? undefined : lineReader(io.stdin);
  try {
    let plan = planFixes(before, prepared);
    const choose = plan.fixes.find((f) => f.action === 'choose');
    let chosen: string | undefined;
    if (choose && input) {
      say(`\n${choose.code}: the key can see ${choose.choices!.length} workspaces. Which one should LANGSMITH_WORKSPACE_ID name?\n`);
      choose.choices!.forEach((w, i) => say(`  ${i + 1}) ${w.name ?? '(unnamed)'}${w.role ? ` (${w.role})` : ''}: ${w.id}\n`));
      say(`Number (Enter to skip): `);
      const answer = (await input.next())?.trim() ?? '';
      const n = Number(answer);
      chosen = Number.isInteger(n) && n >= 1 && n <= choose.choices!.length ? choose.choices![n - 1]!.id : choose.choices!.find((w) => w.id === answer)?.id;
      say(chosen ? `${chosen}\n` : 'skipped\n');
      if (chosen) plan = planFixes(before, prepared, { workspaceId: chosen });
    }

    if (json) return finishJson(before, plan, prepared, args, io);
    say(describePlan(plan, args.yes));
    if (plan.files.length === 0) {
      say(plan.fixes.length === 0 ? '\nNothing to fix.\n' : '\nNo file to edit.\n');
      return finish(before, args, io);
    }
    const names = plan.files.map((f) => f.display).join(', ');
    if (!args.yes) {
      say(`\nApply these edits to ${names}? A backup is kept beside each file. [y/N] `);
      const answer = (await input!.next())?.trim() ?? '';
      if (!/^y(es)?$/i.test(answer)) {
        say(`${answer === '' ? '\n' : ''}Nothing changed.\n`);
        return finish(before, args, io);
      }
    }
    const result = await applyFixes(plan, { rerun: () => rerun(prepared) });
    if (!result.applied) {
      io.stderr.write(prepared.redactor.text(`langsmith-doctor: --fix changed nothing: ${result.error}\n`));
      return finish(before, args, io);
    }
    say(describeResult(result, before));
    return finish(result.report!, args, io);
  } finally {
    input?.close();
  }
}

async function rerun(prepared: Prepared): Promise<Report> {
  return run(await prepare(prepared.options));
}

function finish(report: Report, args: ParsedArgs, io: Io): number {
  if (args.report) writeReport(args.report, report, io);
  return exitCodeOf(report, args.strict);
}

/** --json: without --yes only the plan; with --yes the edits are applied and the final report printed. */
async function finishJson(before: Report, plan: FixPlan, prepared: Prepared, args: ParsedArgs, io: Io): Promise<number> {
  const planned = plan.fixes.map((f) => ({ ...f, choices: f.choices ?? undefined }));
  const files = plan.files.map((f) => ({ file: f.display, diff: f.diff }));
  const findings: Finding[] = plan.fixes.filter((f) => f.action === 'choose').map((f) => ({
    code: 'FIX_CHOICE_NEEDED', severity: 'warn', message: `${f.code}: ${f.what}; --yes does not choose: set LANGSMITH_WORKSPACE_ID yourself, or run --fix without --json to be asked`,
  }));
  let final = before;
  let fix: Record<string, unknown> = { applied: false, planned, files, findings };
  if (args.yes && plan.files.length > 0) {
    const result = await applyFixes(plan, { rerun: () => rerun(prepared) });
    final = result.report ?? before;
    fix = {
      applied: result.applied,
      ...(result.error ? { error: result.error } : {}),
      planned,
      files: files.map((f) => ({ ...f, ...result.files.find((r) => r.file === f.file) })),
      results: result.results,
      findings: [...findings, ...result.findings],
      before: { stage: before.diagnosis.stage, summary: before.summary, exitCode: exitCodeOf(before, args.strict) },
    };
  }
  io.stdout.write(JSON.stringify({ ...final, fix: prepared.redactor.deep(fix) }, null, 2) + '\n');
  return finish(final, args, io);
}

const GLYPH: Record<PlannedFix['action'], string> = { edit: '✎', export: '$', choose: '?', manual: '✋' };

export function describePlan(plan: FixPlan, yes: boolean): string {
  if (plan.fixes.length === 0) return '\nFixes (--fix): no finding has a fix.\n';
  const out = ['', 'Fixes (--fix)'];
  for (const f of plan.fixes) {
    const head = `  ${GLYPH[f.action]} ${f.code} (${f.check}${f.subject ? `, ${f.subject}` : ''})`;
    if (f.action === 'edit') out.push(`${head}: ${f.what} — edits ${f.file}`);
    else if (f.action === 'export') out.push(`${head}: ${f.what}. Run:`);
    else if (f.action === 'choose') out.push(`${head}: ${f.what}${yes ? '. --yes does not choose: set LANGSMITH_WORKSPACE_ID to one of them yourself, or run --fix without --yes to be asked' : ''}`);
    else out.push(`${head}: cannot be fixed by a configuration edit. ${f.what}`);
    for (const c of f.commands) if (f.action !== 'choose' || yes) out.push(`      ${c}`);
    if (f.action === 'edit' && f.commands.length > 0) out.push('      (the lines above are for your shell; the file edit is below)');
  }
  for (const file of plan.files) out.push('', file.diff.replace(/\n$/, ''));
  return out.join('\n') + '\n';
}

function describeResult(result: FixResult, before: Report): string {
  const out = [''];
  for (const f of result.files) {
    out.push(f.rolledBack ? `Restored ${f.file}: its edit did not fix the finding (rolled back).` : `Wrote ${f.file} (backup: ${f.backup}).`);
  }
  out.push('', 'Re-run after the edits (before → after):');
  for (const r of result.results) {
    out.push(`  ${r.after === 'gone' ? '✔' : '✘'} ${r.code} (${r.check}${r.subject ? `, ${r.subject}` : ''}): ${r.before} → ${r.after === 'gone' ? 'gone' : `still there${r.rolledBack ? `; ${r.file} rolled back` : ''}`}`);
  }
  for (const f of result.findings) out.push(`  ${f.code}: ${f.message}`);
  const after = result.report!;
  out.push(`  Stage: ${before.diagnosis.stage} → ${after.diagnosis.stage}; checks failing: ${before.summary.fail + before.summary.error} → ${after.summary.fail + after.summary.error}`);
  return out.join('\n') + '\n' + renderConclusion(after);
}

/** Lines from a stream, one answer at a time; undefined at the end of input. */
export function lineReader(stream: NodeJS.ReadableStream): { next(): Promise<string | undefined>; close(): void } {
  let buf = '';
  let ended = false;
  const waiting: Array<(line: string | undefined) => void> = [];
  const flush = () => {
    while (waiting.length > 0) {
      const i = buf.indexOf('\n');
      if (i >= 0) {
        const line = buf.slice(0, i).replace(/\r$/, '');
        buf = buf.slice(i + 1);
        waiting.shift()!(line);
      } else if (ended) {
        const rest = buf;
        buf = '';
        waiting.shift()!(rest === '' ? undefined : rest);
      } else break;
    }
  };
  const onData = (d: Buffer | string) => {
    buf += d.toString();
    flush();
  };
  const onEnd = () => {
    ended = true;
    flush();
  };
  let listening = false;
  return {
    next() {
      if (!listening) {
        listening = true;
        stream.on('data', onData);
        stream.on('end', onEnd);
        stream.on('error', onEnd);
      }
      return new Promise((resolve) => {
        waiting.push(resolve);
        flush();
      });
    },
    close() {
      if (!listening) return;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
      // Let the process end: a paused stdin holds no reference.
      stream.pause();
    },
  };
}
