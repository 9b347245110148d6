// What the screen says, as lines already fitted to the width: the header, the expanded check,
// the plan, the fix view, the key list and the footer. Pure functions of the state (tests read
// them directly); the components only colour them.
import type { Status } from '../core/checker.js';
import { stageLine } from '../diagnosis/diagnose.js';
import { exchangesOf } from '../report/exchanges.js';
import type { Report, ReportTarget } from '../report/model.js';
import { SEVERITY_GLYPH, oneLine } from '../report/text.js';
import { keyList } from './keymap.js';
import { breakLine, stringWidth, truncate, wrap } from './layout.js';
import { titleLine } from './title.js';
import type { ExportFormat, ScreenState } from './store.js';

export type Tone = Status | 'info' | 'dim' | 'cmd' | 'changed' | 'title' | 'plain';

export interface Line {
  text: string;
  tone?: Tone;
}

const line = (text: string, width: number, tone?: Tone): Line => ({ text: truncate(text, width), tone });
const wrapped = (text: string, width: number, first: string, indent: string, tone?: Tone): Line[] =>
  wrap(oneLine(text), width, first, indent).map((t) => ({ text: t, tone }));

/** Tool and version, the endpoint and region, the masked key and its source, the workspace. */
export function headerLines(h: { version: string; target: ReportTarget; demo?: Report['demo'] }, width: number): Line[] {
  const t = h.target;
  const out: Line[] = [];
  out.push({ text: titleLine(h.version, h.demo, width), tone: 'title' });
  const region = t.region ? ` · region ${t.region}` : '';
  out.push(line(oneLine(`endpoint ${t.endpoint ?? '(none)'}${t.endpointSource ? ` (${t.endpointSource})` : ''}${region}`), width));
  const workspace = t.workspaceId ? `workspace ${t.workspaceId}${t.workspaceSource ? ` (${t.workspaceSource})` : ''}` : 'workspace (none set)';
  out.push(line(oneLine(`key ${t.key ?? '(none)'}${t.keySource ? ` from ${t.keySource}` : ''} · ${t.keyKind} · ${workspace}`), width));
  // Which folder was diagnosed (config search, dotenv files) matters when started from elsewhere.
  if (t.folder !== undefined) out.push(line(oneLine(`folder ${t.folder}${h.demo ? " (the demo's own empty folder)" : ''}${t.config !== undefined ? ` · config ${t.config ?? '(none found)'}` : ''}`), width, 'dim'));
  return out;
}

/** The expanded check: its summary, findings with fixes, evidence, and its HTTP exchanges. */
export function detailLines(report: Report | undefined, row: ScreenState['rows'][number], width: number): Line[] {
  const r = row.result;
  if (!r) return [line(`    ${row.state === 'running' ? 'running…' : 'waiting to start…'}`, width, 'dim')];
  const out: Line[] = [];
  out.push(...wrapped(`${r.id} · ${r.source} · ${r.status} · ${r.summary}`, width, '    ', '    ', 'dim'));
  for (const f of r.findings) {
    out.push(...wrapped(`${SEVERITY_GLYPH[f.severity]} ${f.code}${f.ignored ? ' (ignored)' : ''}: ${f.message}`, width, '    ', '      ', f.severity === 'info' ? 'info' : f.severity));
    if (f.fix) {
      out.push(...wrapped(`fix: ${f.fix.text}`, width, '      ', '           '));
      // Commands stand on lines of their own, nothing before them on the line, so they copy cleanly.
      for (const c of f.fix.commands ?? []) out.push(...wrapped(c, width, '        ', '        ', 'cmd'));
    }
    if (f.docs) out.push(...wrapped(`docs: ${f.docs}`, width, '      ', '            ', 'dim'));
  }
  const evidence = Object.entries(report?.checks.find((c) => c.id === r.id)?.evidence ?? r.evidence ?? {});
  if (evidence.length > 0) {
    out.push(line('    evidence', width, 'title'));
    for (const [k, v] of evidence) out.push(...wrapped(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`, width, '      ', '        ', 'dim'));
  }
  const exchanges = report ? exchangesOf(report, r.id) : [];
  if (exchanges.length > 0) {
    out.push(line('    HTTP exchanges', width, 'title'));
    for (const x of exchanges) {
      const outcome = x.blocked ? `not sent: ${x.blocked}` : x.error ? `error: ${x.error}` : x.unfinished ? 'no answer yet' : `${x.status ?? '?'}`;
      out.push(...wrapped(`${x.method} ${x.url} → ${outcome} (${x.durationMs} ms)`, width, '      ', '        '));
      if (x.excerpt) out.push(line(`        ${oneLine(x.excerpt)}`, width, 'dim'));
    }
  }
  return out;
}

/** The stage's action plan: numbered steps, each command on a line of its own. */
export function planLines(report: Report, width: number): Line[] {
  const d = report.diagnosis;
  const out: Line[] = [line(`Plan for stage ${d.stage} (tier ${d.tier})${d.blockedBy ? `, blocked by ${d.blockedBy}` : ''}`, width, 'title')];
  if (d.plan.length === 0) out.push(line('  Nothing to do: no step for this stage.', width, 'dim'));
  for (const p of d.plan) {
    const n = `${p.step}. `;
    out.push(...wrapped(`${n}${p.action}`, width, '  ', '  ' + ' '.repeat(n.length)));
    out.push(...wrapped(p.why, width, '     ', '     ', 'dim'));
    if (p.commands.length > 0) {
      out.push({ text: '' });
      for (const c of p.commands) out.push(...wrapped(c, width, '       ', '       ', 'cmd'));
      out.push({ text: '' });
    }
    if (p.docs) out.push(...wrapped(`docs: ${p.docs}`, width, '     ', '           ', 'dim'));
  }
  return out;
}

/**
 * The fix view: what y and n do, the workspace pick list (when the key sees several), then the plan
 * as --fix prints it. Diff lines are broken, never re-flowed, so each stays a diff line.
 */
export function fixLines(fix: NonNullable<ScreenState['fix']>, width: number): Line[] {
  const out: Line[] = [line('Fix (dry run): nothing is written until you press y', width, 'title')];
  const files = fix.files.join(', ');
  if (fix.files.length > 0) {
    out.push(...wrapped(`y writes ${files} (a backup is kept beside each file) and re-runs the checks · n or Esc leaves, nothing changes`, width, '  ', '  ', 'info'));
  } else if (fix.choices.length > 0) {
    out.push(...wrapped('Pick a workspace below to see the edit that sets it · Esc leaves, nothing changes', width, '  ', '  ', 'info'));
  } else {
    out.push(...wrapped('Nothing here can be fixed by editing a file: what is left is manual (or for your shell), as below. Esc leaves.', width, '  ', '  ', 'info'));
  }
  if (fix.choices.length > 0) {
    out.push({ text: '' });
    const unset = fix.files.length > 0 ? ': y without a pick leaves the workspace unset' : '';
    out.push(...wrapped(`The key can see several workspaces; pick the one LANGSMITH_WORKSPACE_ID should name (↑/↓ and Enter, or its number). None is guessed${unset}.`, width, '  ', '  '));
    fix.choices.forEach((c, i) => out.push(...wrapped(`${i + 1}) ${c.label}`, width, i === fix.pick ? '  › ' : '    ', '       ', i === fix.pick ? 'title' : 'plain')));
  } else if (fix.chosen) {
    out.push(...wrapped(`Workspace picked: ${fix.chosen.label}`, width, '  ', '    '));
  }
  let inDiff = false;
  for (const raw of fix.text.replace(/^\n+|\n+$/g, '').split('\n')) {
    const text = oneLine(raw);
    if (text.startsWith('--- ')) inDiff = true;
    if (text === '') {
      out.push({ text: '' });
      inDiff = false;
    } else if (inDiff) {
      out.push(...breakLine(text, width).map((t) => ({ text: t, tone: diffTone(text) })));
    } else {
      const lead = /^ */.exec(text)![0];
      const command = lead.length >= 6 && !text.trimStart().startsWith('(');
      out.push(...wrapped(text.trimStart(), width, lead, lead + (command ? '' : '  '), command ? 'cmd' : lead === '' ? 'title' : undefined));
    }
  }
  return out;
}

function diffTone(text: string): Tone | undefined {
  if (text.startsWith('--- ') || text.startsWith('+++ ')) return 'title';
  if (text.startsWith('@@')) return 'dim';
  if (text.startsWith('+')) return 'pass';
  if (text.startsWith('-')) return 'fail';
  return undefined;
}

export function helpLines(canFix: boolean, width: number): Line[] {
  const keys = keyList(canFix);
  const w = Math.max(...keys.map(([k]) => k.length)) + 2;
  return [line('Keys', width, 'title'), ...keys.flatMap(([k, what]) => wrap(what, width, `  ${k.padEnd(w)}`, ' '.repeat(w + 2)).map((text) => ({ text })))];
}

/** `langsmith-doctor-report-2026-12-02T01-45-00.md`: one name per run, safe on every file system. */
export function exportFileName(report: Pick<Report, 'startedAt'>, format: ExportFormat): string {
  return `langsmith-doctor-report-${report.startedAt.slice(0, 19).replace(/:/g, '-')}.${format}`;
}

function countdown(state: ScreenState): string {
  const w = state.watch;
  if (!w.on) return '';
  if (state.running || w.nextAt === undefined) return `watching every ${w.seconds} s`;
  return `watching: next run in ${Math.max(0, Math.ceil((w.nextAt - state.now) / 1000))} s`;
}

/** Counts (or progress), the stage banner, the cause, what changed, a status line, the keys. */
export function footerLines(state: ScreenState, width: number): Line[] {
  const out: Line[] = [];
  const r = state.report;
  const round = state.round > 1 ? ` · run ${state.round}` : '';
  if (state.running) {
    const done = state.rows.filter((x) => x.state === 'done').length;
    out.push(line(`Running: ${done} of ${state.rows.length || '?'} checks done${round}`, width, 'info'));
  } else if (r) {
    const s = r.summary;
    out.push(line(`${s.pass} pass · ${s.warn} warn · ${s.fail} fail · ${s.skip} skip · ${s.error} error · ${r.durationMs} ms${round}`, width));
  }
  if (r) {
    const d = r.diagnosis;
    const stale = state.running ? ' (last run)' : '';
    out.push(line(oneLine(`Stage: ${d.stage} · tier ${d.tier}${stale} — ${stageLine(d)}`), width, d.causes.length > 0 ? 'fail' : 'pass'));
    const [primary] = d.causes;
    if (primary) out.push(line(oneLine(`Cause: ${primary.code} ${primary.message}`), width));
  }
  if (state.changes.length > 0 && !state.running) {
    out.push(line(`Changed: ${state.changes.map((c) => `${c.what}: ${c.from} → ${c.to}`).join(' · ')}`, width, 'changed'));
  }
  if (state.fixing) out.push(line('Fixing: writing the edits (a backup beside each file), then re-running to check them…', width, 'info'));
  for (const n of state.running ? [] : state.fixNotes) out.push(...wrapped(n.text, width, '', '  ', n.tone));
  const status = [state.message?.text, countdown(state)].filter((x) => x).join(' · ');
  if (status) out.push(line(status, width, state.message?.tone === 'error' ? 'fail' : 'info'));
  if (state.closed || !state.interactive) return out;
  if (state.view === 'export' && r) {
    out.push(line(`Export as: m Markdown · j JSON · h HTML (Enter: Markdown, Esc: cancel) → ./${exportFileName(r, 'md').replace(/\.md$/, '.…')}`, width, 'title'));
    return out;
  }
  const hints = state.view === 'list'
    ? `↑↓ select · Enter expand · ← collapse · p plan · r re-run · w watch · e export${fixOffered(state) ? ' · f fix' : ''} · ? keys · q quit`
    : state.view === 'fix' && state.fix ? fixHints(state.fix) : `↑↓ scroll · Esc back · q quit`;
  // Packed at the separators: a narrow terminal gets two lines of hints rather than a cut one.
  for (const text of packed(hints.split(' · '), ' · ', width)) out.push(line(text, width, 'dim'));
  return out;
}

/** Items joined with `sep`, a new line whenever the next would pass `width`. */
function packed(items: string[], sep: string, width: number): string[] {
  const out: string[] = [];
  for (const item of items) {
    const last = out.length - 1;
    if (last >= 0 && stringWidth(out[last] + sep + item) <= width) out[last] += sep + item;
    else out.push(item);
  }
  return out;
}


/** `f` is offered once a run has finished with a finding that has a configuration fix or manual step. */
export function fixOffered(state: Pick<ScreenState, 'canFix' | 'fixable' | 'running' | 'fixing' | 'report'>): boolean {
  return state.canFix && state.fixable && state.report !== undefined && !state.running && !state.fixing;
}

function fixHints(fix: NonNullable<ScreenState['fix']>): string {
  const pick = fix.choices.length > 0 ? `1-${fix.choices.length} or ↑↓ Enter pick a workspace · ` : '';
  const apply = fix.files.length > 0 ? `y apply${pick ? ' without one' : ''} · n/Esc leave, nothing changes` : 'Esc back';
  return `${pick}${apply}${pick ? '' : ' · ↑↓ scroll'} · q quit`;
}
