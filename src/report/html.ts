// HTML: a single self-contained page (no scripts, no external assets). Already redacted upstream.
import { stageLine } from '../diagnosis/diagnose.js';
import { describeEnvironment, type Report } from './model.js';

const COLORS = { pass: '#1a7f37', warn: '#9a6700', fail: '#cf222e', skip: '#6e7781', error: '#8250df' } as const;

export function renderHtml(report: Report): string {
  const t = report.target;
  const d = report.diagnosis;
  const s = report.summary;
  const rows = report.checks.map((c) => `
      <tr class="check ${c.status}" data-id="${e(c.id)}">
        <td><span class="badge" style="background:${COLORS[c.status]}">${c.status}</span></td>
        <td><strong>${e(c.title)}</strong><br><code>${e(c.id)}</code></td>
        <td>${e(c.summary)}${c.findings.length ? `<ul>${c.findings.map((f) => `<li class="finding ${f.severity}"><code>${e(f.code)}</code> ${e(f.message)}${f.fix ? `<div class="fix">Fix: ${e(f.fix.text)}${(f.fix.commands ?? []).map((x) => `<pre>${e(x)}</pre>`).join('')}</div>` : ''}</li>`).join('')}</ul>` : ''}</td>
        <td>${c.durationMs}&nbsp;ms</td>
      </tr>`).join('');
  const plan = d.plan.map((p) => `<li><strong>${e(p.action)}</strong><div class="why">${e(p.why)}</div>${p.commands.map((c) => `<pre>${e(c)}</pre>`).join('')}${p.docs ? `<a href="${e(p.docs)}">${e(p.docs)}</a>` : ''}</li>`).join('');
  const causes = d.causes.map((c, i) => `<li class="${i === 0 ? 'primary' : c.relation}"><code>${e(c.code)}</code> ${e(c.message)} <small>(${e(c.check)})</small></li>`).join('');
  const transcript = report.transcript.map((r) => `<tr><td>${e(r.method)}</td><td><code>${e(r.url)}</code></td><td>${e(String(r.status ?? r.error ?? r.blocked ?? '-'))}</td><td>${r.durationMs}&nbsp;ms</td></tr>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>LangSmith doctor report — ${e(d.stage)}</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #d0d7de; padding: .45rem; vertical-align: top; text-align: left; }
  .badge { color: #fff; border-radius: 4px; padding: 1px 6px; font-size: 12px; text-transform: uppercase; }
  .stage { font-size: 1.2rem; padding: .75rem 1rem; border-left: 4px solid ${d.causes.length ? COLORS.fail : COLORS.pass}; background: #f6f8fa; }
  pre { background: #f6f8fa; padding: .3rem .5rem; margin: .25rem 0; white-space: pre-wrap; word-break: break-all; }
  .why { color: #57606a; } .primary { font-weight: 600; } .demo { background: #fff8c5; padding: .5rem 1rem; }
  code { font-size: 12px; }
</style>
</head>
<body>
<h1>LangSmith doctor report</h1>
${report.environment ? `<p class="environment">Folder <code>${e(t.folder ?? '')}</code> · config ${t.config ? `<code>${e(t.config)}</code>` : 'none found'} · ${e(describeEnvironment(report.environment))}</p>` : ''}
${report.demo ? `<p class="demo">Demo run: scenario <code>${e(report.demo.scenario)}</code> against the built-in emulator, not a real account.</p>` : ''}
<p class="stage" id="stage">Stage: <strong>${e(d.stage)}</strong> · tier <strong>${e(d.tier)}</strong><br><span class="why">${e(stageLine(d))}</span></p>
<table id="target">
  <tr><th>Endpoint</th><td><code>${e(t.endpoint ?? '(none)')}</code> (${e(t.endpointSource ?? 'unset')}${t.region ? `, ${e(t.region)}` : ''})</td></tr>
  <tr><th>Key</th><td><code>${e(t.key ?? '(none)')}</code> (${e(t.keyKind)}${t.keySource ? `, from ${e(t.keySource)}` : ''})</td></tr>
  <tr><th>Workspace</th><td>${t.workspaceId ? `<code>${e(t.workspaceId)}</code>` : '(not set)'}</td></tr>
  <tr><th>Checks</th><td id="summary">${s.pass} pass · ${s.warn} warn · ${s.fail} fail · ${s.skip} skip · ${s.error} error</td></tr>
  <tr><th>Tool</th><td>${e(report.tool.name)} ${e(report.tool.version)} · ${e(report.startedAt)} · ${report.durationMs} ms</td></tr>
</table>
${causes ? `<h2>Causes</h2><ol id="causes">${causes}</ol>` : ''}
${plan ? `<h2>Plan</h2><ol id="plan">${plan}</ol>` : ''}
<h2>Checks</h2>
<table id="checks"><thead><tr><th>Status</th><th>Check</th><th>Result</th><th>Time</th></tr></thead><tbody>${rows}
</tbody></table>
${transcript ? `<h2>Requests</h2><table id="transcript"><thead><tr><th>Method</th><th>URL</th><th>Status</th><th>Time</th></tr></thead><tbody>${transcript}</tbody></table>` : ''}
</body>
</html>
`;
}

function e(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
