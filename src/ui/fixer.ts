// What the screen's `f` key needs from whoever can fix: a dry-run offer for a finished run, and a
// way to apply exactly that offer. The commands layer builds it from --fix's own planner and writer
// (src/commands/screen-fixer.ts) and passes it in: src/ui never imports commands.
import type { Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';

/** A workspace the key can see, offered when several are and none is set. */
export interface FixChoice {
  id: string;
  /** `Name (Role): id`, for the pick list. */
  label: string;
}

export interface FixNote {
  text: string;
  tone: 'info' | 'warn' | 'fail';
}

/** The fix view's content: plain data (the store holds it). */
export interface FixOfferView {
  /** Findings with a configuration fix or a manual step; 0 means there is nothing to fix. */
  fixes: number;
  /** The plan exactly as `--fix` prints it (describePlan): unified diffs with secrets masked, manual steps. */
  text: string;
  /** Files `y` would write (as displayed); empty when every step is manual or for the shell. */
  files: string[];
  /** Workspaces to pick from (the key sees several, none is set): never guessed. */
  choices: FixChoice[];
  /** The workspace picked in the view, once one was. */
  chosen?: FixChoice;
}

export interface FixOffer extends FixOfferView {
  /** Writes exactly this plan (backup, atomic write, rollback when a re-run still shows the finding). */
  apply(rerun: () => Promise<Report>): Promise<FixOutcome>;
}

export interface FixOutcome {
  /** False when nothing was written (FIX_REFUSED: a read-only file, a file changed meanwhile). */
  applied: boolean;
  /** One line each: files written and their backups, what the re-run shows fixed, rollbacks, refusals. */
  notes: FixNote[];
}

export interface ScreenFixer {
  /** The dry-run plan for `report` (diagnosed as `prepared`), with the workspace picked if any. */
  offer(report: Report, prepared: Prepared, workspaceId?: string): Promise<FixOffer>;
}
