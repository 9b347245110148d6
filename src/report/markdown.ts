// Markdown: to paste into a GitHub issue or a support ticket. Already redacted upstream.
import { stageLine } from '../diagnosis/diagnose.js';
import { describeEnvironment, type Report } from './model.js';
import { STATUS_GLYPH, oneLine } from './text.js';

export function renderMarkdown(report: Report): string {
  const t = report.target;
  const d = report.diagnosis;
  const s = report.summary;
  const out: string[] = [];
  out.push(`# LangSmith doctor report`, '');
  if (report.demo) out.push(`> Demo run: scenario \`${report.demo.scenario}\` against the built-in emulator, not a real account.`, '');
  out.push(
    `| | |`, `|---|---|`,
    ...(t.folder !== undefined ? [`| Folder | \`${esc(t.folder)}\` (config: ${t.config ? `\`${esc(t.config)}\`` : 'none found'}) |`] : []),
    `| Endpoint | \`${t.endpoint ?? '(none)'}\` (${t.endpointSource ?? 'unset'}${t.region ? `, ${t.region}` : ''}) |`,
    `| Key | \`${t.key ?? '(none)'}\` (${t.keyKind}${t.keySource ? `, from ${t.keySource}` : ''}) |`,
    `| Workspace | ${t.workspaceId ? `\`${t.workspaceId}\`` : '(not set)'} |`,
    `| Stage | **${d.stage}** — ${esc(stageLine(d))} |`,
    `| Tier | ${d.tier} |`,
    `| Checks | ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skip} skip, ${s.error} error |`,
    `| Tool | ${report.tool.name} ${report.tool.version}, ${report.startedAt} |`,
    ...(report.environment ? [`| Environment | ${esc(describeEnvironment(report.environment))} |`] : []),
    '',
  );
  if (d.causes.length > 0) {
    out.push('## Causes', '');
    d.causes.forEach((c, i) => out.push(`${i === 0 ? '- **Primary:**' : `- ${c.relation}:`} \`${c.code}\` (${c.check}) ${esc(c.message)}`));
    out.push('');
  }
  if (d.plan.length > 0) {
    out.push('## Plan', '');
    for (const p of d.plan) {
      out.push(`${p.step}. **${esc(p.action)}** — ${esc(p.why)}`);
      if (p.commands.length) out.push('', '   ```sh', ...p.commands.map((c) => `   ${oneLine(c)}`), '   ```');
      if (p.docs) out.push(`   (${p.docs})`);
    }
    out.push('');
  }
  out.push('## Checks', '', '| | Check | Result | Time |', '|---|---|---|---|');
  for (const c of report.checks) out.push(`| ${STATUS_GLYPH[c.status]} ${c.status} | ${esc(c.title)} \`${c.id}\` | ${esc(c.summary)} | ${c.durationMs} ms |`);
  out.push('');
  const withFindings = report.checks.filter((c) => c.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('## Findings', '');
    for (const c of withFindings) {
      for (const f of c.findings) {
        out.push(`- \`${f.code}\` (${f.severity}${f.ignored ? ', ignored' : ''}, ${c.id}): ${esc(f.message)}`);
        if (f.fix) out.push(`  - Fix: ${esc(f.fix.text)}`);
        // One block per fix: its lines run in sequence, as printed.
        if (f.fix?.commands?.length) out.push('', '    ```sh', ...f.fix.commands.map((x) => `    ${oneLine(x)}`), '    ```', '');
      }
    }
    out.push('');
  }
  if (report.transcript.length > 0) {
    out.push('## Requests', '', '| Method | URL | Status | Time |', '|---|---|---|---|');
    for (const r of report.transcript) out.push(`| ${r.method} | \`${r.url}\` | ${r.status ?? esc(r.error ?? r.blocked ?? '-')} | ${r.durationMs} ms |`);
    out.push('');
  }
  return out.join('\n');
}

function esc(s: string): string {
  return oneLine(s).replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
