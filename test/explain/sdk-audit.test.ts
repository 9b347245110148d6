// sdk-audit.md items that `explain` must get right, each on the verbatim text (a public report, or
// the message format of the SDK source the audit cites).
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain/index.js';

const codes = (text: string) => explainText(text).findings.map((f) => f.code);
const candidates = (f: { evidence?: Record<string, unknown> }) => ((f.evidence?.candidates as Array<{ code: string }> | undefined) ?? []).map((c) => c.code);

describe('sdk-audit #1: "Forbidden - no plan found" is read as no usable key, the plan model a hypothesis', () => {
  // santosomar/AI-agents-for-cybersecurity PR #125 ("Problem being fixed"); the fix was to turn
  // tracing off when no key is set.
  const PR125 = `Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST
https://api.smith.langchain.com/runs/multipart ... 403 ... "Forbidden - no plan found"`;

  it('a trace upload: TRACING_WITHOUT_KEY first, KEY_MISSING next, NO_PLAN last as a hypothesis; the fix sets a key or turns tracing off', () => {
    const [f, ...rest] = explainText(PR125).findings;
    expect(rest).toEqual([]);
    expect(f!.code).toBe('TRACING_WITHOUT_KEY');
    expect(candidates(f!)).toEqual(['TRACING_WITHOUT_KEY', 'KEY_MISSING', 'NO_PLAN']);
    expect(f!.message).toMatch(/no API key/);
    expect(f!.message).toMatch(/hypothesis/);
    expect(f!.fix?.commands).toEqual(expect.arrayContaining([expect.stringMatching(/^export LANGSMITH_API_KEY=/), expect.stringMatching(/^export LANGSMITH_TRACING=false/)]));
    const noPlan = (f!.evidence!.candidates as Array<{ code: string; why: string }>).find((c) => c.code === 'NO_PLAN')!;
    expect(noPlan.why).toMatch(/hypothesis/i);
  });

  it('another call (not a trace upload): KEY_MISSING first', () => {
    const text = `langsmith.utils.LangSmithError: Failed to GET /sessions in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/sessions?limit=1', '{"detail":"Forbidden - no plan found"}')`;
    const [f] = explainText(text).findings;
    expect(f!.code).toBe('KEY_MISSING');
    expect(candidates(f!).at(-1)).toBe('NO_PLAN');
  });

  it('a template key shown in the text is the unusable key: KEY_PLACEHOLDER first', () => {
    const text = `LANGSMITH_API_KEY=<your-api-key>\nLANGSMITH_TRACING=true\n${PR125}`;
    expect(codes(text)[0]).toBe('KEY_PLACEHOLDER');
  });

  it('"No plan found" of some other program is not a LangSmith finding', () => {
    // An app's own 404 (public code, not LangSmith): the words alone prove nothing.
    expect(codes(`[GET-PLAN] Not found in either table\n{ success: false, error: 'No plan found for this user' } status: 404`)).toEqual([]);
    expect(codes(`console.warn('PlanContext: No plan found for user, fetching free plan as fallback');`)).toEqual([]);
  });
});
