// Loads the field corpus (test/fixtures/field-corpus/*.json) and scores `explain` against it.
// Used by field-corpus.test.ts and by `npx tsx test/explain/field-corpus.ts` (prints the misses).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainText } from '../../src/langsmith/explain/index.js';

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/field-corpus');

export interface FieldCase {
  /** The file name without `.json`, e.g. `001-py-401-invalid-token`. */
  id: string;
  text: string;
  source: string;
  sdk: 'py' | 'js' | 'other';
  cause: string | null;
  /** Codes a correct doctor names; the first is the primary. */
  expect: string[];
  notes?: string;
}

/** What `explain` said about one text, reduced to what the score needs. */
export interface Said {
  /** Finding codes in output order. */
  codes: string[];
  /** Finding codes plus every ranked candidate of an ambiguous finding. */
  named: string[];
}

export interface Scored {
  c: FieldCase;
  said: Said;
  /** The first finding's code is the primary expected code. */
  first: boolean;
  /** The primary expected code is a finding or a candidate of one. */
  named: boolean;
  /** A text from another service was reported as a LangSmith key problem. */
  falseKeyBlame: boolean;
}

export function loadCorpus(dir = CORPUS_DIR): FieldCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: f.slice(0, -5), ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Omit<FieldCase, 'id'>) }));
}

export function saidOf(findings: Array<{ code: string; evidence?: Record<string, unknown> }>): Said {
  const codes = findings.map((f) => f.code);
  const named = new Set(codes);
  for (const f of findings) {
    const cands = (f.evidence?.candidates as Array<{ code: string }> | undefined) ?? [];
    for (const c of cands) named.add(c.code);
  }
  return { codes, named: [...named] };
}

/** Codes that blame the access set-up: the key, endpoint, region, workspace, tier, SDK or licence. */
export const ACCESS_BLAME = /^(?:KEY_|REGION_|WORKSPACE_|TIER_|TRACING_|AUTH_|ENDPOINT_|LICENSE_|SDK_|DOTENV_|PERMISSION_|NO_PLAN)/;

/** Scoring marker (not a finding code): the text is a LangSmith error that is not about access. */
export const NOT_AN_ACCESS_PROBLEM = 'NOT_AN_ACCESS_PROBLEM';

export function score(c: FieldCase, said: Said): Scored {
  const primary = c.expect[0]!;
  if (primary === NOT_AN_ACCESS_PROBLEM) {
    const ok = !said.codes.some((k) => ACCESS_BLAME.test(k));
    return { c, said, first: ok, named: ok, falseKeyBlame: false };
  }
  const negative = primary === 'NOT_LANGSMITH_ERROR';
  return {
    c,
    said,
    first: said.codes[0] === primary,
    named: said.named.includes(primary),
    falseKeyBlame: negative && said.codes.some((k) => k === 'KEY_INVALID' || k === 'KEY_EXPIRED'),
  };
}

export function scoreCorpus(cases = loadCorpus()): Scored[] {
  return cases.map((c) => score(c, saidOf(explainText(c.text).findings)));
}

export function summary(results: Scored[]): { count: number; first: number; named: number; firstPct: number; namedPct: number } {
  const first = results.filter((r) => r.first).length;
  const named = results.filter((r) => r.named).length;
  const pct = (n: number) => Math.floor((1000 * n) / results.length) / 10;
  return { count: results.length, first, named, firstPct: pct(first), namedPct: pct(named) };
}

// `npx tsx test/explain/field-corpus.ts`: the score and every miss, for updating the docs and
// the known-miss list.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const results = scoreCorpus();
  console.log(JSON.stringify(summary(results)));
  if (process.argv.includes('--misses-json')) {
    const misses = results.filter((r) => !r.first).map((r) => ({ id: r.c.id, says: r.said.codes.join(', '), should: r.c.expect[0] }));
    console.log(JSON.stringify(misses));
    process.exit(0);
  }
  for (const r of results) {
    if (!r.first) console.log(`${r.named ? 'NAMED' : 'MISS '} ${r.c.id}: says [${r.said.codes.join(', ') || 'nothing'}] should ${r.c.expect[0]}`);
  }
}
