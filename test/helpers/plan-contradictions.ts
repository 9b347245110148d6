// Steps of one plan that cannot all work: a plan's commands are pasted in order into one shell, so
// what one step sets, another must not undo or contradict. Checked over every demo scenario's plan
// (test/e2e/plans.test.ts) and on made-up plans that break each rule.
import { splitCommand } from '../../src/core/shell-words.js';

export interface PlanLike {
  step: number;
  commands: string[];
}

/** Variables that mean nothing unless tracing is on (the SDK reads them only when it sends traces). */
export const NEEDS_TRACING = new Set([
  'LANGSMITH_FAILED_TRACES_DIR', // written only when an upload fails: nothing is uploaded with tracing off
  'LANGSMITH_FAILED_TRACES_MAX_MB',
  'LANGSMITH_PROJECT',
  'LANGSMITH_TRACING_SAMPLING_RATE',
  'LANGSMITH_RUNS_ENDPOINTS',
]);

/** The tracing switches (both SDKs: TRACING_V2 or TRACING, LANGSMITH_ then LANGCHAIN_). */
const TRACING_FLAG = /^(LANGSMITH|LANGCHAIN)_TRACING(_V2)?$/;

/** LANGCHAIN_X and LANGSMITH_X are one setting to the SDKs; TRACING_V2 and TRACING are one switch. */
export function settingOf(name: string): string {
  if (TRACING_FLAG.test(name)) return 'LANGSMITH_TRACING';
  return name.replace(/^LANGCHAIN_/, 'LANGSMITH_');
}

type Effect =
  | { kind: 'export'; name: string; value: string }
  | { kind: 'unset'; name: string }
  | { kind: 'uses'; name: string };

/** What one pasted command does to the environment: exports, unsets, and the variables it reads. */
export function effectsOf(command: string): Effect[] {
  // `<placeholder>` is typed by the user: keep its text (two different templates are two values).
  const line = command.replace(/\s#.*$/, '').replace(/<([^<>\n]+)>/g, (_, t: string) => `«${t.replace(/\s+/g, '_')}»`);
  const effects: Effect[] = [];
  // Reads: $NAME / ${NAME} outside single quotes.
  for (const m of line.replace(/'[^']*'/g, "''").matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) effects.push({ kind: 'uses', name: m[1]! });
  let words: string[];
  try {
    words = splitCommand(line);
  } catch {
    return effects; // not a plain command (a pipe, a redirect): it sets nothing
  }
  if (words[0] === 'export') {
    for (const w of words.slice(1)) {
      const eq = w.indexOf('=');
      if (eq > 0) effects.push({ kind: 'export', name: w.slice(0, eq), value: w.slice(eq + 1) });
    }
  } else if (words[0] === 'unset') {
    for (const w of words.slice(1)) if (!w.startsWith('-')) effects.push({ kind: 'unset', name: w });
  }
  return effects;
}

/** Every pair of steps (or commands) of a plan that contradict each other, in words. */
export function planContradictions(plan: readonly PlanLike[]): string[] {
  const problems: string[] = [];
  const exported = new Map<string, { name: string; value: string; step: number }>(); // by setting
  const exportedNames = new Map<string, number>();
  const unset = new Map<string, number>();
  const uses: Array<{ name: string; step: number }> = [];
  let tracingOff: { step: number; how: string } | undefined;
  const needsTracing: Array<{ step: number; what: string }> = [];

  for (const p of plan) {
    for (const c of p.commands) {
      for (const e of effectsOf(c)) {
        if (e.kind === 'uses') {
          uses.push({ name: e.name, step: p.step });
          continue;
        }
        if (e.kind === 'unset') {
          unset.set(e.name, unset.get(e.name) ?? p.step);
          if (settingOf(e.name) === 'LANGSMITH_TRACING') tracingOff ??= { step: p.step, how: `unset ${e.name}` };
          continue;
        }
        const setting = settingOf(e.name);
        const before = exported.get(setting);
        if (before && before.value !== e.value) {
          problems.push(`steps ${before.step} and ${p.step} set ${setting} to different values: ${before.name}=${before.value} and ${e.name}=${e.value}`);
        }
        exported.set(setting, { name: e.name, value: e.value, step: p.step });
        exportedNames.set(e.name, exportedNames.get(e.name) ?? p.step);
        if (setting === 'LANGSMITH_TRACING') {
          // Both SDKs trace only on the exact value `true`.
          if (e.value === 'true') needsTracing.push({ step: p.step, what: `${e.name}=true` });
          else tracingOff ??= { step: p.step, how: `${e.name}=${e.value}` };
        } else if (NEEDS_TRACING.has(setting)) {
          needsTracing.push({ step: p.step, what: `${e.name}=${e.value}` });
        }
      }
    }
  }
  for (const [name, step] of unset) {
    const setAt = exportedNames.get(name);
    if (setAt !== undefined) problems.push(`step ${setAt} exports ${name} and step ${step} unsets it`);
    for (const u of uses) if (u.name === name) problems.push(`step ${u.step} reads $${name}, which step ${step} unsets`);
  }
  if (tracingOff) {
    for (const n of needsTracing) problems.push(`step ${tracingOff.step} turns tracing off (${tracingOff.how}), and step ${n.step} needs it on (${n.what})`);
  }
  return problems;
}
