// Plain text for `explain`: one block per finding, then a one-line summary. No colours, no cursor
// movement; every line goes through oneLine (hostile pasted text stays on one line).
import type { Finding } from '../core/checker.js';
import { SEVERITY_GLYPH, oneLine } from './text.js';

export interface ExplainReport {
  findings: Finding[];
  input: { bytes: number; analysedBytes: number; lines: number; truncated: boolean };
}

interface CandidateView {
  code: string;
  why: string;
  howToTell: string;
}

const isLangSmith = (f: Finding) => f.code !== 'NOT_LANGSMITH_ERROR';

export function renderExplainText(report: ExplainReport, source = 'input'): string {
  const { findings, input } = report;
  const out: string[] = [];
  const size = input.bytes >= 1024 * 1024 ? `${(input.bytes / 1024 / 1024).toFixed(1)} MB` : input.bytes >= 1024 ? `${(input.bytes / 1024).toFixed(1)} kB` : `${input.bytes} bytes`;
  out.push(oneLine(`langsmith-doctor explain — ${source}: ${input.lines} line${input.lines === 1 ? '' : 's'}, ${size}`));
  if (input.truncated) {
    out.push(oneLine(`  (only the last ${(input.analysedBytes / 1024 / 1024).toFixed(1)} MB were analysed; line numbers are those of the whole input)`));
  }
  out.push('');
  if (findings.length === 0) {
    out.push('Nothing recognised: no LangSmith error (and no other service\'s error) that langsmith-doctor knows.');
    out.push('Run `langsmith-doctor` to diagnose the set-up directly (key, endpoint, region, workspace, permissions).');
    return out.join('\n') + '\n';
  }
  for (const f of findings) {
    const ev = (f.evidence ?? {}) as { excerpt?: string; line?: number; occurrences?: number; candidates?: CandidateView[] };
    out.push(oneLine(`${SEVERITY_GLYPH[f.severity]} ${f.code}: ${f.message}`));
    if (ev.excerpt !== undefined) {
      const times = ev.occurrences && ev.occurrences > 1 ? ` (${ev.occurrences} matching lines)` : '';
      out.push(oneLine(`    line ${ev.line ?? '?'}${times}: ${ev.excerpt}`));
    }
    if (ev.candidates && ev.candidates.length > 0) {
      out.push('    possible causes, most likely first:');
      ev.candidates.forEach((c, i) => {
        out.push(oneLine(`      ${i + 1}. ${c.code}: ${c.why}`));
        out.push(oneLine(`         how to tell: ${c.howToTell}`));
      });
    }
    if (f.fix) {
      out.push(oneLine(`    fix: ${f.fix.text}`));
      for (const c of f.fix.commands ?? []) out.push(oneLine(`      ${c}`));
    }
    if (f.docs) out.push(oneLine(`    docs: ${f.docs}`));
    out.push('');
  }
  const ls = findings.filter(isLangSmith);
  const others = findings.filter((f) => !isLangSmith(f));
  const parts: string[] = [];
  if (ls.length > 0) parts.push(`${ls.length} LangSmith finding${ls.length === 1 ? '' : 's'} (${ls.map((f) => f.code).join(', ')})`);
  else parts.push('no LangSmith problem');
  if (others.length > 0) {
    const names = others.map((f) => String((f.evidence as { serviceName?: string } | undefined)?.serviceName ?? 'another service'));
    parts.push(`${others.length} error${others.length === 1 ? '' : 's'} from other services (${[...new Set(names)].join(', ')})`);
  }
  out.push(oneLine(`Summary: ${parts.join('; ')}.`));
  if (ls.length > 0) out.push('Run `langsmith-doctor` to measure which cause applies.');
  return out.join('\n') + '\n';
}
