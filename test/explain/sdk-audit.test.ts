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

// httpx (_models.py raise_for_status): "{Client|Server} error '{status} {reason}' for url '{url}'\n
// For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{status}".
const MDN = (status: number) => `For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}`;

describe("sdk-audit #11: httpx's trailing MDN link never yields a second, contradicting finding", () => {
  it('a 401 from the async client: one finding, LangSmith KEY_INVALID, nothing about developer.mozilla.org', () => {
    const text = `httpx.HTTPStatusError: Client error '401 Unauthorized' for url 'https://api.smith.langchain.com/runs/multipart'\n${MDN(401)}`;
    const r = explainText(text);
    expect(r.findings.map((f) => f.code)).toEqual(['KEY_INVALID']);
    expect(JSON.stringify(r)).not.toMatch(/mozilla/i);
  });

  it('a 401 whose URL the log elided: the MDN line is a documentation link, not the service that failed', () => {
    const r = explainText(`Client error '401 Unauthorized' for url '...'\n${MDN(401)}`);
    expect(r.findings.map((f) => f.code)).not.toContain('NOT_LANGSMITH_ERROR');
    expect(JSON.stringify(r.findings)).not.toMatch(/developer\.mozilla\.org/);
  });

  it('a traceback through langsmith/async_client.py: 403 on /sessions, one LangSmith finding', () => {
    const text = `Traceback (most recent call last):
  File "/app/.venv/lib/python3.12/site-packages/langsmith/async_client.py", line 191, in _arequest_with_retries
    response.raise_for_status()
  File "/app/.venv/lib/python3.12/site-packages/httpx/_models.py", line 829, in raise_for_status
    raise HTTPStatusError(message, request=request, response=self)
httpx.HTTPStatusError: Client error '403 Forbidden' for url 'https://api.smith.langchain.com/sessions?limit=1'
${MDN(403)}`;
    const fs = explainText(text).findings;
    expect(fs).toHaveLength(1);
    expect((fs[0]!.evidence as { service: string }).service).toBe('langsmith');
    expect(fs[0]!.code).toBe('REGION_MISMATCH');
  });

  it('a 503: SERVICE_ERROR only', () => {
    expect(codes(`httpx.HTTPStatusError: Server error '503 Service Unavailable' for url 'https://api.smith.langchain.com/runs/multipart'\n${MDN(503)}`)).toEqual(['SERVICE_ERROR']);
  });
});

// JS langsmith 0.12 generated client (lib/core/error.js APIError.makeMessage): `${status} ${json}`,
// `${status} status code (no body)`; APIConnectionError's message is "Connection error.".
const FRAME = '    at APIError.generate (file:///app/node_modules/langsmith/core/error.js:60:20)';

describe('sdk-audit #12: JS 0.12 generated-client errors', () => {
  it.each([
    ['AuthenticationError: 401 {"detail":"Invalid token"}', 'KEY_INVALID'],
    ['AuthenticationError: 401 status code (no body)', 'KEY_INVALID'],
    ['PermissionDeniedError: 403 {"detail":"Forbidden"}', 'REGION_MISMATCH'],
    ['RateLimitError: 429 {"detail":"Too many requests"}', 'RATE_LIMITED'],
    ['InternalServerError: 500 {"detail":"Internal server error"}', 'SERVICE_ERROR'],
    ['InternalServerError: 502 status code (no body)', 'SERVICE_ERROR'],
    ['APIConnectionError: Connection error.', 'NETWORK_ERROR'],
  ])('%s -> %s', (line, code) => {
    const fs = explainText(`${line}\n${FRAME}`).findings;
    expect(fs.map((f) => f.code)).toEqual([code]);
    expect((fs[0]!.evidence as { service: string }).service).toBe('langsmith');
  });

  it('a 404 with JSON on a dataset is not an access problem; on the trace upload route it is the endpoint', () => {
    expect(codes(`NotFoundError: 404 {"detail":"Dataset not found"}\n${FRAME}`)).toEqual([]);
    expect(codes(`Failed to ingest multipart runs. Received status [404]: Not Found. Server response: {"detail":"Not Found"} Context: trace=019a3b2c-1111-7000-8000-000000000001`)).toEqual(['ENDPOINT_UI_HOST']);
  });

  it('"Connection error." stays silent when its printed cause names the failure (that line speaks)', () => {
    const text = `APIConnectionError: Connection error.\n${FRAME}\n  cause: Error: getaddrinfo ENOTFOUND api.smith.langchain.co`;
    expect(codes(text)).toEqual(['DNS_FAILURE']);
  });

  it("the same format from OpenAI's generated client stays OpenAI's", () => {
    const text = `AuthenticationError: 401 Incorrect API key provided: sk-proj-****FAKE. You can find your API key at https://platform.openai.com/account/api-keys.\n    at APIError.generate (file:///app/node_modules/openai/error.mjs:41:20)`;
    expect(codes(text)).toEqual(['NOT_LANGSMITH_ERROR']);
  });
});

describe('sdk-audit #13: 408, 409, a self-hosted /runs/multipart 404, ProfileApiKeyError', () => {
  it('Python 408 "Client took too long to send request to POST<url>": TIMEOUT, named as a slow upload', () => {
    const a = explainText('Failed to multipart ingest runs: langsmith.utils.LangSmithRequestTimeout: Client took too long to send request to POST/runs/multipart trace=019a3b2c-1111-7000-8000-000000000001,id=019a3b2c-1111-7000-8000-000000000002').findings;
    expect(a.map((f) => f.code)).toEqual(['TIMEOUT']);
    expect(a[0]!.message).toMatch(/408/);
    const b = explainText('Failed to batch ingest runs: Client took too long to send request to POSThttps://langsmith.internal.example.com/api/v1/runs/batch').findings;
    expect(b.map((f) => f.code)).toEqual(['TIMEOUT']);
    expect((b[0]!.evidence as { service: string }).service).toBe('langsmith');
  });

  it('409 conflicts (Python and JS) blame nothing in the access set-up', () => {
    const py = `langsmith.utils.LangSmithConflictError: Conflict for /datasets. HTTPError('409 Client Error: Conflict for url: https://api.smith.langchain.com/datasets', '{"detail":"Dataset with this name already exists."}')`;
    const js = `Error: Failed to create dataset. Received status [409]: Conflict. Server response: {"detail":"Dataset with this name already exists."}\n    at raiseForStatus (file:///app/node_modules/langsmith/dist/utils/error.js:82:11)`;
    const gen = `ConflictError: 409 {"detail":"Dataset with this name already exists."}\n${FRAME}`;
    for (const t of [py, js, gen]) expect(codes(t)).toEqual([]);
  });

  it('a self-hosted /runs/multipart 404: the endpoint path is wrong (ENDPOINT_UI_HOST), not a key problem', () => {
    const text = `Failed to multipart ingest runs: langsmith.utils.LangSmithNotFoundError: Resource not found for https://langsmith.internal.example.com/runs/multipart. HTTPError('404 Client Error: Not Found for url: https://langsmith.internal.example.com/runs/multipart', '{"detail":"Not Found"}')`;
    const [f, ...rest] = explainText(text).findings;
    expect(rest).toEqual([]);
    expect(f!.code).toBe('ENDPOINT_UI_HOST');
    expect(f!.message).toMatch(/\/api\/v1/);
    // A 404 on one run (read_run of an id that does not exist) is still no finding.
    expect(codes(`langsmith.utils.LangSmithNotFoundError: Resource not found for /runs/0b5c2a1e-7c1f-4f0e-9b1d-3c2f1e0a9b8c. HTTPError('404 Client Error: Not Found for url: https://api.smith.langchain.com/runs/0b5c2a1e-7c1f-4f0e-9b1d-3c2f1e0a9b8c', '{"detail":"Run not found"}')`)).toEqual([]);
  });

  it('JS ProfileApiKeyError (api_key_env unset, api_key_cmd unsupported): KEY_MISSING with the profile fix', () => {
    for (const text of [
      'ProfileApiKeyError: LangSmith profile "default" reads its API key from $LS_WORK_KEY, which is not set\n    at profileApiKey (/app/node_modules/langsmith/dist/utils/profiles.js:496:15)',
      'ProfileApiKeyError: LangSmith profile "work" gets its API key from a command (api_key_cmd), which the JS SDK does not support yet. Set api_key_env in the profile, or set LANGSMITH_API_KEY.',
    ]) {
      const [f, ...rest] = explainText(text).findings;
      expect(rest).toEqual([]);
      expect(f!.code).toBe('KEY_MISSING');
      expect(f!.fix?.text).toMatch(/api_key_env/);
    }
  });
});
