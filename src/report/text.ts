// Plain text: the CI log and pipe renderer. No colours, no cursor movement, one line per fact.
import type { CheckResult, Finding, Status } from '../core/checker.js';
import { oneLine } from '../core/text.js';
import { stageLine } from '../diagnosis/diagnose.js';
import { describeEnvironment, type Report, type ReportTarget } from './model.js';

export const STATUS_GLYPH: Record<Status, string> = { pass: '✔', warn: '⚠', fail: '✖', skip: '○', error: '!' };
export const SEVERITY_GLYPH: Record<Finding['severity'], string> = { info: 'ℹ', warn: '⚠', fail: '✖' };

export function renderHeader(target: ReportTarget, demo?: Report['demo']): string {
  const lines = [];
  if (demo) lines.push(`DEMO — scenario '${demo.scenario}' against the built-in LangSmith emulator (not your account): ${demo.summary}`);
  lines.push(oneLine(`langsmith-doctor — endpoint ${target.endpoint ?? '(none)'}${target.endpointSource ? ` (${target.endpointSource})` : ''}`));
  if (target.folder !== undefined) lines.push(oneLine(`  folder ${target.folder}${demo ? ' (the demo\'s own empty folder)' : ''}${target.config !== undefined ? ` · config ${target.config ?? '(none found)'}` : ''}`));
  lines.push(oneLine(`  key ${target.key ?? '(none)'}${target.keySource ? ` from ${target.keySource}` : ''} · ${target.keyKind}${target.workspaceId ? ` · workspace ${target.workspaceId}` : ''}`));
  return lines.join('\n') + '\n';
}

export function renderCheck(r: CheckResult): string {
  const lines = [`${STATUS_GLYPH[r.status]} ${r.status.toUpperCase().padEnd(5)} ${r.title} [${r.id}] — ${oneLine(r.summary)} (${r.durationMs} ms)`];
  for (const f of r.findings) {
    // The summary already says the first finding's message when it is the only one.
    const same = r.findings.length === 1 && oneLine(f.message) === oneLine(r.summary);
    lines.push(`    ${SEVERITY_GLYPH[f.severity]} ${f.code}${f.ignored ? ' (ignored)' : ''}${same ? '' : `: ${oneLine(f.message)}`}`);
    if (f.fix) {
      lines.push(`      fix: ${oneLine(f.fix.text)}`);
      for (const c of f.fix.commands ?? []) lines.push(`        ${oneLine(c)}`);
    }
    if (f.docs) lines.push(`      docs: ${f.docs}`);
  }
  return lines.join('\n') + '\n';
}

export function renderConclusion(report: Pick<Report, 'summary' | 'diagnosis' | 'durationMs'>): string {
  const { summary: s, diagnosis: d } = report;
  const lines = [
    '',
    `Checks: ${s.pass} pass · ${s.warn} warn · ${s.fail} fail · ${s.skip} skip · ${s.error} error (${report.durationMs} ms)`,
    `Stage: ${d.stage} — ${stageLine(d)}`,
    `Tier: ${d.tier}`,
  ];
  const [primary, ...others] = d.causes;
  if (primary) lines.push(`Cause: ${primary.code} [${primary.check}] ${oneLine(primary.message)}`);
  for (const c of others.slice(0, 8)) lines.push(`  ${c.relation === 'follows' ? 'then' : 'also'}: ${c.code} [${c.check}] ${oneLine(c.message)}`);
  if (others.length > 8) lines.push(`  … and ${others.length - 8} more`);
  if (d.plan.length > 0) {
    lines.push('Plan:');
    for (const step of d.plan) {
      lines.push(`  ${step.step}. ${oneLine(step.action)}`);
      lines.push(`     why: ${oneLine(step.why)}`);
      for (const c of step.commands) lines.push(`       ${oneLine(c)}`);
      if (step.docs) lines.push(`     docs: ${step.docs}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderText(report: Report): string {
  const env = report.environment ? oneLine(`  environment: ${describeEnvironment(report.environment)}`) + '\n' : '';
  return renderHeader(report.target, report.demo) + env + '\n' + report.checks.map(renderCheck).join('') + renderConclusion(report);
}

// Where the terminal cannot show Unicode (TERM=dumb, LANG=C): the same text in ASCII. Glyphs keep
// distinct letters (the status word follows them in plain rows anyway).
const ASCII: Record<string, string> = {
  '✔': '+', '⚠': '!', '✖': 'x', '○': '-', 'ℹ': 'i', '—': '-', '–': '-', '·': '|', '…': '...',
  '→': '->', '←': '<-', '⏎': '/', '‘': "'", '’': "'", '“': '"', '”': '"', '•': '*', '↑': '^', '↓': 'v',
};

export function toAscii(text: string): string {
  return text.replace(/[✔⚠✖○ℹ—–·…→←⏎‘’“”•↑↓]/g, (c) => ASCII[c] ?? c);
}

// oneLine lives in core (every layer shows hostile text); re-exported for the renderers.
export { oneLine };
