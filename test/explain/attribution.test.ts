// Attribution by structure (docs/field-corpus.md, held-out batch 130-172): a service is recognised
// by the shape of its answer, its headers, a field or prefix that names it, or its key prefix; a
// self-hosted LangSmith by the SDK frames that raised the error. The texts here are new wordings,
// not fixture sentences: the rules must carry over.
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain/index.js';

const first = (text: string) => explainText(text).findings[0];
const serviceOf = (text: string) => (first(text)?.evidence as { service?: string } | undefined)?.service;

describe('explain: other services recognised by structure', () => {
  it.each([
    ['a provider field names the service', 'provider: mistral\nmodel: mistral-large-latest\nstatus code: 401\n401 Unauthorized', 'mistral'],
    ['"<Service> error: <status>" names the service', 'Request failed. Cohere error: 429', 'cohere'],
    ['a status in a JSON "code" field, with the service named in an error prefix', 'OpenRouter API error {"error":{"code":402,"message":"Insufficient credits"}}', 'openrouter'],
    ["the answering service's own response headers", 'HTTP/1.1 429 Too Many Requests\nopenai-organization: user-abc123 openai-processing-ms: 12 retry-after: 20', 'openai'],
    ["litellm's provider exception name", 'litellm.RateLimitError: VertexAIException - 429 Too Many Requests: Resource exhausted. Please try again later.', 'google'],
    ['an Apigee fault body', 'HTTP 401 {"fault":{"faultstring":"Invalid ApiKey for given resource","detail":{"errorcode":"oauth.v2.InvalidApiKeyForGivenResource"}}}', 'apigee'],
    ['a key prefix that only one service uses', "Your key must start with 'fc- '\nStatus code: 401. Unauthorized: Invalid token", 'firecrawl'],
  ])('%s', (_n, text, service) => {
    const fs = explainText(text).findings;
    expect(fs.map((f) => f.code)).toEqual(['NOT_LANGSMITH_ERROR']);
    expect((fs[0]!.evidence as { service: string }).service).toBe(service);
  });

  it("another service's 404 raised by its own client class is named; a bare 404 of some site is not", () => {
    expect(first("groq.NotFoundError: Error code: 404 - {'error': {'message': 'The model llama-9 does not exist', 'type': 'invalid_request_error', 'code': 'model_not_found'}}")?.code).toBe('NOT_LANGSMITH_ERROR');
    expect(explainText('GET /favicon.ico 404 Not Found').findings).toEqual([]);
  });

  // Guards (these held before the structure rules, and must keep holding):
  it('a LangSmith error that names the service inside the body stays LangSmith', () => {
    // "LangSmith API error" must not be read as another service's "<Service> error".
    expect(serviceOf(`LangSmith API error: 403 {"error":"Forbidden"} for https://api.smith.langchain.com/runs/multipart`)).toBe('langsmith');
  });
});

describe('explain: a self-hosted LangSmith recognised by the SDK frames that raised the error', () => {
  const frames = `  File "/srv/venv/lib/python3.11/site-packages/langsmith/client.py", line 880, in request_with_retries
    ls_utils.raise_for_status_with_text(response)
  File "/srv/venv/lib/python3.11/site-packages/requests/models.py", line 1024, in raise_for_status
    raise HTTPError(http_error_msg, response=self)`;

  it('a 405 from an IP address after LangSmith frames: the endpoint is not the API (ENDPOINT_UI_HOST)', () => {
    const f = first(`${frames}\nrequests.exceptions.HTTPError: 405 Client Error: Not Allowed for url: http://10.20.30.40/runs/0b5c2a1e-7c1f-4f0e-9b1d-3c2f1e0a9b8c/share`);
    expect(f?.code).toBe('ENDPOINT_UI_HOST');
    expect((f!.evidence as { service: string }).service).toBe('langsmith');
  });

  it('the same 403 from a host without LangSmith frames is that host, not LangSmith', () => {
    const text = `  File "/srv/app/fetch.py", line 12, in get\n    r.raise_for_status()\nrequests.exceptions.HTTPError: 403 Client Error: Forbidden for url: http://10.20.30.40/reports/7`;
    expect(first(text)?.code).toBe('NOT_LANGSMITH_ERROR');
  });
});
