// The interactive screen's `f` key, built from --fix's own pieces: the same plan and dry-run text
// (describePlan: diffs with secrets masked), the same writer (backup, atomic write, rollback). The
// screen gets data and functions; it never imports this layer.
import type { Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';
import type { FixChoice, FixNote, FixOffer, ScreenFixer } from '../ui/fixer.js';
import type { FixResult, PlannedFix } from './fix.js';

type Workspace = NonNullable<PlannedFix['choices']>[number];

export function screenFixer(): ScreenFixer {
  return {
    async offer(report: Report, prepared: Prepared, workspaceId?: string): Promise<FixOffer> {
      // Loaded when first needed (after the first run), not before the first frame.
      const { applyFixes, describePlan, planFixes } = await import('./fix.js');
      const plan = planFixes(report, prepared, workspaceId ? { workspaceId } : {});
      const say = (s: string) => prepared.redactor.text(s);
      const choose = plan.fixes.find((f) => f.action === 'choose');
      // The plan names the picked workspace only in its edit: its label comes from the run's list.
      const picked = choose || !workspaceId ? undefined : workspacesOf(report).find((w) => w.id === workspaceId);
      return {
        fixes: plan.fixes.length,
        text: say(describePlan(plan, false)),
        files: plan.files.map((f) => f.display),
        choices: (choose?.choices ?? []).map((w) => ({ id: w.id, label: say(labelOf(w)) })),
        chosen: picked ? { id: picked.id, label: say(labelOf(picked)) } : undefined,
        async apply(rerun) {
          const result = await applyFixes(plan, { rerun });
          return { applied: result.applied, notes: notesOf(result).map((n) => ({ ...n, text: say(n.text) })) };
        },
      };
    },
  };
}

function workspacesOf(report: Report): Workspace[] {
  return report.checks.flatMap((c) => (Array.isArray(c.evidence?.workspaces) ? (c.evidence.workspaces as Workspace[]) : []));
}

function labelOf(w: Workspace): FixChoice['label'] {
  return `${w.name ?? '(unnamed)'}${w.role ? ` (${w.role})` : ''}: ${w.id}`;
}

/** What a fix did, a line each: the screen shows them under the re-run's changed rows. */
export function notesOf(result: FixResult): FixNote[] {
  if (!result.applied) return result.findings.map((f) => ({ text: `${f.code}: ${f.message}`, tone: 'fail' }));
  const notes: FixNote[] = [];
  for (const f of result.files) {
    notes.push(f.rolledBack ? { text: `Restored ${f.file}: its edit did not fix the finding (rolled back).`, tone: 'warn' } : { text: `Wrote ${f.file} (backup: ${f.backup}).`, tone: 'info' });
  }
  const named = (r: FixResult['results'][number]) => `${r.code}${r.subject ? ` (${r.subject})` : ''}`;
  const gone = result.results.filter((r) => r.after === 'gone' && !r.rolledBack);
  const still = result.results.filter((r) => r.after === 'present');
  if (gone.length > 0) notes.push({ text: `Fixed (the re-run no longer shows it): ${gone.map(named).join(', ')}`, tone: 'info' });
  if (still.length > 0) notes.push({ text: `Still there after the edit: ${still.map(named).join(', ')}`, tone: 'warn' });
  for (const f of result.findings) notes.push({ text: `${f.code}: ${f.message}`, tone: f.severity === 'fail' ? 'fail' : 'warn' });
  return notes;
}
