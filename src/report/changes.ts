// What differs between two runs of the same diagnosis (--watch rounds, the screen's re-run).
import type { Report } from './model.js';

export interface Change {
  what: string;
  from: string;
  to: string;
}

/** What differs between two rounds: stage, tier, primary cause and each check's status. */
export function changesBetween(before: Report, after: Report): Change[] {
  const out: Change[] = [];
  const d0 = before.diagnosis;
  const d1 = after.diagnosis;
  if (d0.stage !== d1.stage) out.push({ what: 'stage', from: d0.stage, to: d1.stage });
  if (d0.tier !== d1.tier) out.push({ what: 'tier', from: d0.tier, to: d1.tier });
  const c0 = d0.causes[0]?.code ?? 'none';
  const c1 = d1.causes[0]?.code ?? 'none';
  if (c0 !== c1) out.push({ what: 'cause', from: c0, to: c1 });
  for (const check of after.checks) {
    const prior = before.checks.find((c) => c.id === check.id);
    if (prior && prior.status !== check.status) out.push({ what: check.id, from: prior.status, to: check.status });
  }
  return out;
}

/** Access changed: the stage or the tier moved (a new cause alone keeps watching). */
export function accessChanged(changes: readonly Change[]): boolean {
  return changes.some((c) => c.what === 'stage' || c.what === 'tier');
}
