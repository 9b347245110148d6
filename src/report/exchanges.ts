// Which HTTP exchanges of the run's transcript belong to a check. Reads are memoised and shared,
// so the transcript names no checker: a built-in's own reads are known (probes.ts), and any URL
// its evidence mentions counts too (how a plugin's exchanges are found).
import { prefetchFor } from '../langsmith/probes.js';
import type { TranscriptEntry } from '../langsmith/http.js';
import type { Report } from './model.js';

function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return url;
  }
}

/** The paths a built-in checker reads (on any host: the region probe asks every region the same). */
function builtinPaths(id: string): string[] {
  return prefetchFor(new Set([id]), 'http://x').map((r) => (r.url ? pathOf(r.url) : r.path ?? '')).filter((p) => p !== '');
}

export function exchangesOf(report: Pick<Report, 'checks' | 'transcript'>, checkId: string): TranscriptEntry[] {
  const check = report.checks.find((c) => c.id === checkId);
  if (!check) return [];
  const paths = check.source === 'builtin' ? builtinPaths(checkId) : [];
  const evidence = JSON.stringify(check.evidence ?? {});
  return report.transcript.filter((t) => {
    const p = pathOf(t.url);
    return paths.some((q) => p.endsWith(q)) || evidence.includes(t.url);
  });
}
