// Every field case of /work/shared/reference/field-cases.md that has an error text, as the user
// would paste it (paraphrased realistically), and the cause `explain` must name.
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain/index.js';

interface Case {
  n: string;
  text: string;
  /** The finding's code. */
  code: string;
  /** For ambiguous answers: candidate codes that must be present, in this relative order. */
  candidates?: string[];
  /** Candidates that must rank below another one: [higher, lower]. */
  below?: [string, string][];
}

const TRACE = 'trace=019a3b2c-1111-7000-8000-000000000001,id=019a3b2c-1111-7000-8000-000000000002';

const CASES: Case[] = [
  {
    n: '#1 403 on runs/batch after tracing worked (blamed on the free trace allowance)',
    text: `2025-01-06 10:14:02 WARNING langsmith.client Failed to batch ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/batch in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/batch', '{"detail":"Forbidden"}')`,
    code: 'REGION_MISMATCH',
    candidates: ['REGION_MISMATCH', 'KEY_INVALID', 'SERVICE_ERROR', 'USAGE_LIMIT_REACHED'],
    below: [['PAYLOAD_TOO_LARGE', 'USAGE_LIMIT_REACHED'], ['TIER_READ_ONLY', 'USAGE_LIMIT_REACHED']],
  },
  {
    n: '#2 401 Invalid token on runs/multipart, LANGSMITH_TRACING_V2 set (full Python traceback)',
    text: `$ env | grep LANGSMITH
LANGSMITH_TRACING_V2=true
LANGSMITH_PROJECT=rag-demo
$ python app.py
Failed to multipart ingest runs: langsmith.utils.LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Invalid token"}')${TRACE}
Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/langsmith/client.py", line 1785, in _send_multipart_req
    ls_utils.raise_for_status_with_text(response)
  File "/venv/lib/python3.11/site-packages/langsmith/utils.py", line 141, in raise_for_status_with_text
    raise requests.HTTPError(str(e), response.text) from e
requests.exceptions.HTTPError: [Errno 401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/multipart] {"detail":"Invalid token"}`,
    code: 'KEY_INVALID',
    candidates: ['KEY_INVALID', 'SDK_IGNORES_LANGSMITH_VARS', 'REGION_MISMATCH'],
  },
  {
    n: '#4 403 {"error":"Forbidden"} on api.smith.langchain.com/runs/multipart (EU key on US endpoint)',
    text: `WARNING:langsmith.client:Failed to send compressed multipart ingest: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')${TRACE}`,
    code: 'REGION_MISMATCH',
    candidates: ['REGION_MISMATCH', 'TRACING_WITHOUT_KEY', 'KEY_INVALID'],
  },
  {
    n: '#5 every call 403 on the US multipart route while /info answers 200',
    text: `INFO:httpx:HTTP Request: GET https://api.smith.langchain.com/info "HTTP/1.1 200 OK"
langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')
langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')`,
    code: 'REGION_MISMATCH',
    candidates: ['REGION_MISMATCH', 'KEY_INVALID', 'WORKSPACE_REQUIRED'],
  },
  {
    n: '#6 400 No prompt owner specified on hub.pull of a private prompt',
    text: `Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    prompt = hub.pull("my-private-prompt")
  File "/venv/lib/python3.12/site-packages/langsmith/client.py", line 6402, in pull_prompt_commit
    response = self.request_with_retries("GET", f"/commits/{owner}/{prompt_name}/{commit_hash}")
langsmith.utils.LangSmithError: Failed to GET /commits/-/my-private-prompt/latest in LangSmith API. HTTPError('400 Client Error: Bad Request for url: https://api.smith.langchain.com/commits/-/my-private-prompt/latest', '{"detail":"No prompt owner specified"}')`,
    code: 'REGION_MISMATCH',
  },
  {
    n: '#7 404 for a public hub prompt on the EU endpoint',
    text: `>>> from langchain import hub
>>> prompt = hub.pull("rlm/rag-prompt")
Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/langsmith/utils.py", line 141, in raise_for_status_with_text
    response.raise_for_status()
requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://eu.api.smith.langchain.com/commits/rlm/rag-prompt/latest
During handling of the above exception, another exception occurred:
langsmith.utils.LangSmithNotFoundError: Resource not found for /commits/rlm/rag-prompt/latest. HTTPError('404 Client Error: Not Found for url: https://eu.api.smith.langchain.com/commits/rlm/rag-prompt/latest', '{"detail":"Not Found"}')`,
    code: 'PUBLIC_PROMPT_REGION',
  },
  {
    n: '#9 401 Using legacy API key',
    text: `langsmith.utils.LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Using legacy API key. Please generate a new API key."}')`,
    code: 'KEY_LEGACY',
  },
  {
    n: '#10 401 on runs/multipart although the key is in .env',
    text: `# .env has LANGSMITH_API_KEY, load_dotenv() is called in settings.py
Failed to multipart ingest runs: langsmith.utils.LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Unauthorized"}\\n')`,
    code: 'KEY_INVALID',
    candidates: ['KEY_INVALID', 'DOTENV_NOT_LOADED'],
  },
  {
    n: '#11 first invoke(): compressed multipart 403 (tracing on, key a template value)',
    text: `LANGSMITH_TRACING=true
LANGSMITH_API_KEY=<your-langsmith-api-key>
Failed to send compressed multipart ingest: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')${TRACE}`,
    code: 'KEY_PLACEHOLDER',
    candidates: ['KEY_PLACEHOLDER', 'REGION_MISMATCH', 'KEY_INVALID'],
  },
  {
    n: '#11b the same 403 with no key hint at all',
    text: `Failed to send compressed multipart ingest: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')`,
    code: 'REGION_MISMATCH',
    candidates: ['REGION_MISMATCH', 'TRACING_WITHOUT_KEY', 'KEY_INVALID'],
  },
  {
    n: '#12 JS console.warn, empty Message (JS SDK drops the 403 body)',
    text: `Failed to Failed to send multipart request. Received status [403]: Forbidden. Message: 

Context: ${TRACE}`,
    code: 'REGION_MISMATCH',
    candidates: ['TRACING_WITHOUT_KEY', 'KEY_INVALID'],
  },
  {
    n: '#12b JS 0.12 console.warn with the body after Message:, tracing template',
    text: `# .env from the template
LANGSMITH_TRACING=true
LANGSMITH_API_KEY=
Failed to Failed to send multipart request. Received status [403]: Forbidden. Message: {"error":"Forbidden"}

Context: ${TRACE}`,
    code: 'TRACING_WITHOUT_KEY',
    candidates: ['TRACING_WITHOUT_KEY', 'REGION_MISMATCH', 'KEY_INVALID'],
  },
  {
    n: '#13 usage tool 403 with an org-scoped key',
    text: `httpx.HTTPStatusError: Client error '403 Forbidden' for url 'https://api.smith.langchain.com/api/v1/orgs/current/billing/usage'
Response body: {"detail":"This API key is org-scoped and requires workspace specification. Please provide 'X-Tenant-ID' header."}`,
    code: 'WORKSPACE_REQUIRED',
  },
  {
    n: '#14 LiteLLM logging with an org-scoped key (ingest body)',
    text: `LiteLLM:ERROR: langsmith.py:412 - Langsmith Layer Error - 403 {"error":"org_scoped_key_requires_workspace"} for POST https://api.smith.langchain.com/runs/batch`,
    code: 'WORKSPACE_REQUIRED',
  },
  {
    n: '#15 org-scoped service key in CI: the SDK rewrite',
    text: `langsmith.utils.LangSmithUserError: This API key is org-scoped and requires workspace specification. Please provide 'workspace_id' parameter, or set LANGSMITH_WORKSPACE_ID environment variable.`,
    code: 'WORKSPACE_REQUIRED',
  },
  {
    n: '#16 langgraph up: 403 on /auth?langgraph-api=true then License key is not valid',
    text: `langgraph-api-1  | 2024-07-01T10:00:00 [info] HTTP Request: GET https://api.smith.langchain.com/auth?langgraph-api=true "HTTP/1.1 403 Forbidden"
langgraph-api-1  | Traceback (most recent call last):
langgraph-api-1  |   File "/api/langgraph_api/lifespan.py", line 20, in lifespan
langgraph-api-1  |     await verify_license()
langgraph-api-1  | ValueError: License key is not valid`,
    code: 'LICENSE_INVALID',
  },
  {
    n: '#17 LangGraph Studio: License verification failed',
    text: `ValueError: License verification failed. Please ensure proper configuration: - For local development, set a valid LANGSMITH_API_KEY for an account with LangGraph Cloud access (in the environment or in the .env file)`,
    code: 'LICENSE_INVALID',
  },
  {
    n: '#18 self-hosted docker stack: Exception: License key is not valid',
    text: `langchain-backend-1  | Exception: License key is not valid
langchain-backend-1 exited with code 1`,
    code: 'LICENSE_INVALID',
  },
  {
    n: '#19 JS batch rejected: 413 Request Entity Too Large from nginx',
    text: `Error exporting batch: Error: Failed to batch ingest runs. Received status [413]: Request Entity Too Large. Message: <html>
<head><title>413 Request Entity Too Large</title></head>
<body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>`,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    n: '#19b JS batch rejected with 403 while sending a 27 MB payload',
    text: `[LANGSMITH]: sending batch of 412 runs (27.3 MB)
Failed to Failed to send multipart request. Received status [403]: Forbidden. Message: {"error":"Forbidden"}`,
    code: 'PAYLOAD_TOO_LARGE',
    candidates: ['PAYLOAD_TOO_LARGE', 'REGION_MISMATCH'],
  },
  {
    n: '#20 ConnectionResetError on runs/batch (VPN)',
    text: `Failed to batch ingest runs: LangSmithConnectionError("Connection error caused failure to POST https://api.smith.langchain.com/runs/batch  in LangSmith API. Please confirm your internet connection. ConnectionError(ProtocolError('Connection aborted.', ConnectionResetError(54, 'Connection reset by peer')))")`,
    code: 'CONNECTION_RESET',
  },
  {
    n: '#27 curl with Authorization: Bearer to /runs',
    text: `$ curl -i -X POST https://api.smith.langchain.com/runs -H "Authorization: Bearer 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" -H "Content-Type: application/json" -d @run.json
HTTP/2 401
content-type: application/json
{"detail":"Invalid token"}`,
    code: 'AUTH_HEADER_WRONG',
    candidates: ['AUTH_HEADER_WRONG', 'KEY_INVALID'],
  },
  {
    n: '#28 sudden 403 {"detail":"Forbidden"} (transient, service side)',
    text: `Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Forbidden"}')${TRACE}`,
    code: 'REGION_MISMATCH',
    candidates: ['REGION_MISMATCH', 'SERVICE_ERROR'],
  },
  {
    n: '#28b the same, with the user noting the dashboard would not load',
    text: `Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Forbidden"}')
(also: the LangSmith dashboard would not load at the same time)`,
    code: 'SERVICE_ERROR',
    candidates: ['SERVICE_ERROR', 'REGION_MISMATCH'],
  },
];

function codesOf(text: string): string[] {
  return explainText(text).findings.map((f) => f.code);
}

function candidatesOf(text: string, code: string): string[] {
  const f = explainText(text).findings.find((x) => x.code === code);
  const c = (f?.evidence as { candidates?: { code: string }[] } | undefined)?.candidates ?? [];
  return c.map((x) => x.code);
}

describe('explain: field cases', () => {
  it.each(CASES)('$n', ({ text, code, candidates, below }) => {
    const findings = explainText(text).findings;
    const ls = findings.filter((f) => f.code !== 'NOT_LANGSMITH_ERROR');
    expect(ls.map((f) => f.code)).toEqual([code]);
    const f = ls[0]!;
    expect(f.severity).not.toBe('info');
    const ev = f.evidence as { excerpt: string; line: number; candidates?: { code: string; why: string; howToTell: string }[] };
    expect(ev.excerpt.length).toBeGreaterThan(0);
    expect(ev.excerpt.length).toBeLessThanOrEqual(200);
    expect(ev.excerpt).not.toContain('\n');
    expect(ev.line).toBeGreaterThanOrEqual(1);
    if (candidates) {
      const got = candidatesOf(text, code);
      expect(got[0]).toBe(code);
      // In the given relative order.
      const idx = candidates.map((c) => got.indexOf(c));
      expect(idx.every((i) => i >= 0), `candidates ${got.join(',')} lack one of ${candidates.join(',')}`).toBe(true);
      expect([...idx].sort((a, b) => a - b)).toEqual(idx);
      for (const c of ev.candidates!) {
        expect(c.why.length).toBeGreaterThan(10);
        expect(c.howToTell.length).toBeGreaterThan(10);
      }
      expect(f.message).toMatch(/ambiguous|does not say why/);
      expect(f.fix?.commands).toContain('langsmith-doctor');
    }
    for (const [hi, lo] of below ?? []) {
      const got = candidatesOf(text, code);
      expect(got.indexOf(hi)).toBeGreaterThanOrEqual(0);
      expect(got.indexOf(hi)).toBeLessThan(got.indexOf(lo));
    }
  });

  it('#1: the usage limit is a candidate, ranked low, and says limits answer 429', () => {
    const f = explainText(CASES[0]!.text).findings[0]!;
    const c = (f.evidence as { candidates: { code: string; why: string }[] }).candidates;
    const usage = c.find((x) => x.code === 'USAGE_LIMIT_REACHED')!;
    expect(usage.why).toMatch(/429/);
    expect(c.indexOf(usage)).toBe(c.length - 1);
  });

  it('#4/#5: region ranks first and says how to tell (probe other regions / run the doctor)', () => {
    const f = explainText(CASES.find((c) => c.n.startsWith('#4'))!.text).findings[0]!;
    const c = (f.evidence as { candidates: { code: string; howToTell: string }[] }).candidates;
    expect(c[0]!.code).toBe('REGION_MISMATCH');
    expect(c[0]!.howToTell).toMatch(/langsmith-doctor/);
    expect(c[0]!.howToTell).toMatch(/eu\.api\.smith\.langchain\.com/);
  });

  it('a non-US host makes a region mismatch less likely', () => {
    const text = `langsmith.utils.LangSmithError: Failed to POST https://eu.api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://eu.api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')`;
    const c = candidatesOf(text, codesOf(text)[0]!);
    expect(c[0]).not.toBe('REGION_MISMATCH');
    expect(c.indexOf('REGION_MISMATCH')).toBeGreaterThan(c.indexOf('KEY_INVALID'));
  });

  it('#7 on the US host is a prompt that does not exist, not a region matter', () => {
    expect(codesOf(CASES.find((c) => c.n.startsWith('#7'))!.text.replaceAll('eu.api.', 'api.'))).toEqual(['PROMPT_NOT_FOUND']);
  });

  it('#9: one finding, not one per line of the same error', () => {
    const nine = CASES.find((c) => c.n.startsWith('#9'))!.text;
    const text = `${nine}\n${nine}`;
    const f = explainText(text).findings;
    expect(f).toHaveLength(1);
    expect((f[0]!.evidence as { occurrences: number }).occurrences).toBe(2);
  });

  it('#12 vs #11: the 403 in the old JS format (Server response:) is still recognised', () => {
    expect(codesOf('Failed to Failed to send multipart request. Received status [403]: Forbidden. Server response: {"error":"Forbidden"}')[0]).toBe('REGION_MISMATCH');
  });

  it('LangSmithMissingAPIKeyWarning puts the missing key first for a later 403', () => {
    const text = `/venv/lib/python3.12/site-packages/langsmith/client.py:253: LangSmithMissingAPIKeyWarning: API key must be provided when using hosted LangSmith API
  warnings.warn(
Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')`;
    const codes = codesOf(text);
    expect(codes).toContain('KEY_MISSING');
    expect(codes).toContain('TRACING_WITHOUT_KEY');
    expect(candidatesOf(text, 'TRACING_WITHOUT_KEY')[0]).toBe('TRACING_WITHOUT_KEY');
  });
});

describe('explain: other LangSmith signatures', () => {
  const cases: [string, string, string][] = [
    ['429 LangSmithRateLimitError', `langsmith.utils.LangSmithRateLimitError: Rate limit exceeded for https://api.smith.langchain.com/runs/multipart. HTTPError('429 Client Error: Too Many Requests for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Too Many Requests"}')`, 'RATE_LIMITED'],
    ['429 with a monthly usage limit', `Failed to multipart ingest runs: langsmith.utils.LangSmithRateLimitError: Rate limit exceeded for https://api.smith.langchain.com/runs/multipart. HTTPError('429 Client Error: Too Many Requests for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Monthly unique traces usage limit exceeded"}')`, 'USAGE_LIMIT_REACHED'],
    ['502 Bad Gateway', `Failed to batch ingest runs: langsmith.utils.LangSmithAPIError: Server error caused failure to POST https://api.smith.langchain.com/runs/batch in LangSmith API. HTTPError('502 Server Error: Bad Gateway for url: https://api.smith.langchain.com/runs/batch', '<html>502</html>')`, 'SERVICE_ERROR'],
    ['503 JS', `Failed to Failed to send multipart request. Received status [503]: Service Unavailable. Message: upstream connect error`, 'SERVICE_ERROR'],
    ['ECONNREFUSED self-hosted', `Error: [LANGSMITH]: Failed to fetch info on supported operations. Falling back to batch operations and default limits. Info: TypeError: fetch failed\n  [cause]: Error: connect ECONNREFUSED 127.0.0.1:1984`, 'CONNECTION_REFUSED'],
    ['DNS ENOTFOUND', `Error exporting batch: TypeError: fetch failed\n  [cause]: Error: getaddrinfo ENOTFOUND api.smith.langchian.com`, 'DNS_FAILURE'],
    ['DNS Python', `langsmith.utils.LangSmithConnectionError: Connection error caused failure to POST https://eu.api.smith.langchain.com/runs/multipart in LangSmith API. Please confirm your LANGCHAIN_ENDPOINT. ConnectionError(MaxRetryError("HTTPSConnectionPool(host='eu.api.smith.langchain.com', port=443): Max retries exceeded (Caused by NameResolutionError(\\"<urllib3.connection.HTTPSConnection object>: Failed to resolve 'eu.api.smith.langchain.com' ([Errno 8] nodename nor servname provided, or not known)\\"))"))`, 'DNS_FAILURE'],
    ['timeout', `Failed to multipart ingest runs: langsmith.utils.LangSmithConnectionError: Connection error caused failure to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. ReadTimeout(ReadTimeoutError("HTTPSConnectionPool(host='api.smith.langchain.com', port=443): Read timed out. (read timeout=10.0)"))`, 'TIMEOUT'],
    ['TLS untrusted (Python)', `langsmith.utils.LangSmithConnectionError: Connection error caused failure to GET https://api.smith.langchain.com/info in LangSmith API. SSLError(MaxRetryError("HTTPSConnectionPool(host='api.smith.langchain.com', port=443): Max retries exceeded with url: /info (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')))"))`, 'TLS_UNTRUSTED'],
    ['TLS untrusted (Node)', `Error exporting batch: TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13\n    at async Client._sendBatchToLangSmith (node_modules/langsmith/dist/client.js:812:9) {\n  [cause]: Error: self-signed certificate in certificate chain\n      code: 'SELF_SIGNED_CERT_IN_CHAIN'`, 'TLS_UNTRUSTED'],
    ['TLS other', `langsmith.utils.LangSmithConnectionError: Connection error caused failure to GET https://langsmith.corp.example:8080/api/v1/info in LangSmith API. SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1000)'))`, 'TLS_ERROR'],
    ['web host: Failed to get info JSONDecodeError', `WARNING:langsmith.client:Failed to get info from https://eu.smith.langchain.com: JSONDecodeError('Expecting value: line 1 column 1 (char 0)')`, 'ENDPOINT_UI_HOST'],
    ['web host: 405 nginx on runs/batch', `langsmith.utils.LangSmithError: Failed to POST https://eu.smith.langchain.com/runs/batch in LangSmith API. HTTPError('405 Client Error: Not Allowed for url: https://eu.smith.langchain.com/runs/batch', '<html>\\r\\n<head><title>405 Not Allowed</title></head>\\r\\n<body>\\r\\n<center><h1>405 Not Allowed</h1></center>\\r\\n<hr><center>nginx</center>\\r\\n</body>\\r\\n</html>\\r\\n')`, 'ENDPOINT_UI_HOST'],
    ['missing key warning', `/usr/lib/python3.12/site-packages/langsmith/client.py:253: LangSmithMissingAPIKeyWarning: API key must be provided when using hosted LangSmith API\n  warnings.warn(`, 'KEY_MISSING'],
    ['conflicting endpoints', `langsmith.utils.LangSmithUserError: You cannot provide both LANGSMITH_ENDPOINT / LANGCHAIN_ENDPOINT and LANGSMITH_RUNS_ENDPOINTS.`, 'RUNS_ENDPOINTS_CONFLICT'],
    ['empty URL', `langsmith.utils.LangSmithUserError: LangSmith API URL cannot be empty`, 'ENDPOINT_INVALID_URL'],
    ['expired key', `langsmith.utils.LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/sessions. HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/sessions', '{"detail":"API key has expired"}')`, 'KEY_EXPIRED'],
    ['old JS format 401', `Error: Failed to batch create run: 401 Unauthorized {"detail":"Invalid token"}`, 'KEY_INVALID'],
  ];
  it.each(cases)('%s', (_n, text, code) => {
    expect(codesOf(text).filter((c) => c !== 'NOT_LANGSMITH_ERROR')).toEqual([code]);
  });

  it('a successful licence check or /info is nothing', () => {
    expect(codesOf('INFO:httpx:HTTP Request: GET https://api.smith.langchain.com/auth?langgraph-api=true "HTTP/1.1 200 OK"')).toEqual([]);
    expect(codesOf('INFO:httpx:HTTP Request: GET https://api.smith.langchain.com/info "HTTP/1.1 200 OK"')).toEqual([]);
  });

  it('the license check answered 403 without the ValueError line is still the licence', () => {
    expect(codesOf('INFO:httpx:HTTP Request: GET https://api.smith.langchain.com/auth?langgraph-api=true "HTTP/1.1 403 Forbidden"')).toEqual(['LICENSE_INVALID']);
  });

  it('"Invalid token" with a 403 is treated as a 403', () => {
    const f = explainText(`HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"detail":"Invalid token"}')`).findings[0]!;
    expect(f.message).toMatch(/403/);
  });

  it('POST /sessions 403 (create project) points at the role, not the key', () => {
    const text = `langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/sessions in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/sessions', '{"detail":"Forbidden"}')`;
    expect(codesOf(text)).toEqual(['TIER_LIMITED_WRITE']);
  });

  it('an old JS SDK format ranks SDK_IGNORES_LANGSMITH_VARS up', () => {
    const c = candidatesOf('Error: Failed to batch create run: 401 Unauthorized {"detail":"Invalid token"}', 'KEY_INVALID');
    expect(c.indexOf('SDK_IGNORES_LANGSMITH_VARS')).toBe(1);
  });
});
