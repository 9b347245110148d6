// Errors of other services are named as such (NOT_LANGSMITH_ERROR), never as a LangSmith cause;
// a log with both yields both; secrets never come out whole.
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain/index.js';
import { renderExplainText } from '../../src/report/explain-text.js';
import { fakeKey } from '../helpers/keys.js';

const OPENAI_KEY = 'sk-proj-Zq8vX2mN4bT6yR1wK9pL3sD5fG7hJ0cV2xB4nM6qW8eR1tY3uI5oP7aS9dF';
const ANTHROPIC_KEY = 'sk-ant-api03-Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc3Vb5Nm7Qw9Er1Ty3Ui5Op7As9Df1Gh3Jk5Lz7Xc9Vb1Nm3Qw5E-AbCdEfAA';
const LS_KEY = fakeKey('explain-redaction');

const OTHERS: [string, string, string][] = [
  ['OpenAI 401 body (Python)', 'openai', `Traceback (most recent call last):
  File "/app/chain.py", line 40, in <module>
    chain.invoke({"question": "hi"})
  File "/venv/lib/python3.11/site-packages/langsmith/run_helpers.py", line 612, in wrapper
    raise e
  File "/venv/lib/python3.11/site-packages/openai/_base_client.py", line 1037, in _request
    raise self._make_status_error_from_response(err.response) from None
openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-****************************************************xYzA. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}`],
  ['OpenAI 401 raw HTTP', 'openai', `POST https://api.openai.com/v1/chat/completions
HTTP/1.1 401 Unauthorized
{
  "error": {
    "message": "Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.",
    "type": "invalid_request_error",
    "code": "invalid_api_key"
  }
}`],
  ['OpenAI JS 429 quota', 'openai', `RateLimitError: 429 You exceeded your current quota, please check your plan and billing details.
    at APIError.generate (node_modules/openai/error.js:62:20)
    at OpenAI.makeStatusError (node_modules/openai/core.js:293:33) {
  status: 429,
  code: 'insufficient_quota'`],
  ['Anthropic 401', 'anthropic', `anthropic.AuthenticationError: Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}, 'request_id': 'req_011CUx'}`],
  ['Anthropic raw', 'anthropic', `< HTTP/2 401
< content-type: application/json
{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`],
  ['Google Gemini', 'google', `google.api_core.exceptions.InvalidArgument: 400 API key not valid. Please pass a valid API key. [reason: "API_KEY_INVALID"
domain: "googleapis.com"
metadata {
  key: "service"
  value: "generativelanguage.googleapis.com"
}
]`],
  ['Azure OpenAI', 'azure', `openai.AuthenticationError: Error code: 401 - {'error': {'code': '401', 'message': 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'}}`],
  ['Cohere', 'cohere', `cohere.errors.unauthorized_error.UnauthorizedError: status_code: 401, body: {'message': 'invalid api token'}`],
  ['Groq', 'groq', `groq.AuthenticationError: Error code: 401 - {'error': {'message': 'Invalid API Key', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}`],
  ['Tavily', 'tavily', `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.tavily.com/search`],
  ['Pinecone', 'pinecone', `pinecone.exceptions.UnauthorizedException: (401)
Reason: Unauthorized
HTTP response headers: HTTPHeaderDict({'www-authenticate': 'API key is missing or invalid for the environment "us-east-1-aws"'})
HTTP response body: API key is missing or invalid for the environment "us-east-1-aws". Check that the correct environment is specified.`],
  ['WebBaseLoader 403 for a random site', 'other', `Traceback (most recent call last):
  File "/app/ingest.py", line 8, in <module>
    docs = WebBaseLoader("https://www.example.com/blog/how-to-rag").load()
  File "/venv/lib/python3.11/site-packages/langchain_community/document_loaders/web_base.py", line 265, in _scrape
    html_doc.raise_for_status()
requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://www.example.com/blog/how-to-rag`],
  ['Cloudflare page', 'cloudflare', `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<head>
<title>Attention Required! | Cloudflare</title>
</head>
<body>
<h1>Sorry, you have been blocked</h1>
<span class="cf-footer-item">Cloudflare Ray ID: <strong>8f1a2b3c4d5e6f70</strong></span>
</body>`],
  ['Ollama refused', 'ollama', `httpx.ConnectError: [Errno 111] Connection refused
  while calling ChatOllama at http://localhost:11434/api/chat`],
  ['git auth', 'github', `fatal: Authentication failed for 'https://github.com/acme/private-repo.git/'`],
];

describe('explain: errors of other services', () => {
  it.each(OTHERS)('%s → only NOT_LANGSMITH_ERROR', (_n, service, text) => {
    const findings = explainText(text).findings;
    expect(findings.length).toBeGreaterThanOrEqual(1);
    for (const f of findings) {
      expect(f.code).toBe('NOT_LANGSMITH_ERROR');
      expect(['info', 'warn']).toContain(f.severity);
      expect(f.message).toMatch(/not from LangSmith/);
      expect(f.message).toMatch(/not a LangSmith key problem/);
    }
    expect((findings[0]!.evidence as { service: string }).service).toBe(service);
  });

  it('the WebBaseLoader 403 names the site', () => {
    const f = explainText(OTHERS.find((o) => o[0].startsWith('WebBaseLoader'))![2]).findings[0]!;
    expect(f.message).toContain('www.example.com');
  });

  it('a log with a LangSmith ingest 403 AND an OpenAI 401 yields both', () => {
    const text = `2025-11-02 09:00:01 INFO  app starting
2025-11-02 09:00:02 WARNING langsmith.client Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')
2025-11-02 09:00:03 ERROR app request failed
openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${OPENAI_KEY}.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}
2025-11-02 09:00:04 WARNING langsmith.client Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}\\n')`;
    const findings = explainText(text).findings;
    const codes = findings.map((f) => f.code);
    expect(codes).toContain('NOT_LANGSMITH_ERROR');
    expect(codes).toContain('REGION_MISMATCH');
    expect(findings).toHaveLength(2);
    const ls = findings.find((f) => f.code === 'REGION_MISMATCH')!;
    expect((ls.evidence as { occurrences: number; line: number }).occurrences).toBe(2);
    expect((ls.evidence as { line: number }).line).toBe(2);
    const oa = findings.find((f) => f.code === 'NOT_LANGSMITH_ERROR')!;
    expect((oa.evidence as { service: string; line: number })).toMatchObject({ service: 'openai', line: 4 });
    expect(JSON.stringify(findings)).not.toContain(OPENAI_KEY);
  });

  it('an OpenAI connection error is not LangSmith, a LangSmith one is', () => {
    const text = `openai.APIConnectionError: Connection error.
httpx.ConnectError: [Errno 111] Connection refused (api.openai.com)
Failed to batch ingest runs: langsmith.utils.LangSmithConnectionError: Connection error caused failure to POST https://api.smith.langchain.com/runs/batch in LangSmith API. ConnectionError(ProtocolError('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer')))`;
    const codes = explainText(text).findings.map((f) => f.code);
    expect(codes).toContain('CONNECTION_RESET');
    expect(codes).toContain('NOT_LANGSMITH_ERROR');
    expect(codes).not.toContain('CONNECTION_REFUSED');
  });

  it('a plain application log is nothing at all', () => {
    expect(explainText('INFO server started on :8080\nGET /health 200 3ms\nDEBUG cache warm\n').findings).toEqual([]);
    expect(explainText('FAIL src/app.test.ts > loads\nError: Test timed out in 5000ms.\n').findings).toEqual([]);
    expect(explainText('client_loop: send disconnect: Connection reset by peer\n').findings).toEqual([]);
  });

  it('a bare LangSmith-shaped 403 with no service named is a guess, said so (warn)', () => {
    const f = explainText('{"error":"Forbidden"}').findings;
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warn');
    expect(f[0]!.message).toMatch(/does not say which service/);
    expect((f[0]!.evidence as { service: string }).service).toBe('unknown');
  });
});

describe('explain: redaction', () => {
  const text = `LANGSMITH_API_KEY=${LS_KEY}
OPENAI_API_KEY=${OPENAI_KEY}
ANTHROPIC_API_KEY=${ANTHROPIC_KEY}
curl -H "Authorization: Bearer ${LS_KEY}" https://api.smith.langchain.com/runs -> HTTP/2 401 {"detail":"Invalid token"} key=${LS_KEY}
anthropic.AuthenticationError: Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key ${ANTHROPIC_KEY}'}}
openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${OPENAI_KEY}', 'code': 'invalid_api_key'}}
Failed to multipart ingest runs: LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart with key ${LS_KEY}. HTTPError('401 Client Error: Unauthorized', '{"detail":"Invalid token"}')`;

  it('no full key in the findings or the plain text, masked forms instead', () => {
    const result = explainText(text);
    const out = JSON.stringify(result) + renderExplainText(result);
    for (const k of [LS_KEY, OPENAI_KEY, ANTHROPIC_KEY]) {
      expect(out.includes(k)).toBe(false);
      // Not even a long run of it.
      expect(out.includes(k.slice(0, 24))).toBe(false);
    }
    expect(out).toMatch(/lsv2_pt_…[0-9a-f]{4}/);
    expect(out).toContain('sk-ant-…');
    expect(out).toContain('sk-proj-…');
  });

  it('a key cut by the excerpt limit is not printed in part', () => {
    const long = `${'x'.repeat(150)} 403 Forbidden on https://api.smith.langchain.com/runs/multipart {"error":"Forbidden"} ${'y'.repeat(40)}${LS_KEY}`;
    const out = JSON.stringify(explainText(long));
    expect(out.includes(LS_KEY.slice(0, 20))).toBe(false);
  });
});
