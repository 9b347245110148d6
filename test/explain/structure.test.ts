// `explain` attributes an error by its structure (the shape of a service's error, its host, the
// line it is on), not by sentences it has seen: each text here is a NEW wording (not in the field
// corpus) of a shape the corpus taught, and must be placed right.
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain/index.js';

const codes = (text: string) => explainText(text).findings.map((f) => f.code);
const ACCESS_BLAME = /^(?:KEY_|REGION_|WORKSPACE_|TIER_|TRACING_|AUTH_|ENDPOINT_|LICENSE_|SDK_|DOTENV_)/;

describe('other services are placed by the shape of their errors', () => {
  it.each([
    ['Google: a gRPC status name in "status"', `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Generate Content API requests per minute'","status":"RESOURCE_EXHAUSTED"}}`],
    ['Google: an ErrorInfo with the googleapis.com domain', `403 Your project has been denied access. [reason: "CONSUMER_INVALID"\ndomain: "googleapis.com"\n]`],
    ['AWS: botocore, any operation and error code', 'An error occurred (ThrottlingException) when calling the ConverseStream operation (reached max retries: 4): Too many requests, please wait before trying again.'],
    ['Mistral: the SDK message shape, another status', 'API error occurred: Status 429 Content-Type application/json Body {"message":"Requests rate limit exceeded"}'],
    ['Cohere: another exception module', "cohere.core.api_error.ApiError: status_code: 401, body: {'message': 'no api key supplied'}"],
    ['Pinecone: the generated client\'s exception path', 'pinecone.openapi_support.exceptions.ForbiddenException: (403)\nReason: Forbidden'],
    ['Langfuse: a key pair service', "{'error': 'UnauthorizedError', 'message': 'Invalid secret key. Confirm that you have configured the correct host.'}"],
    ['axios: not a client the LangSmith SDKs use', 'AxiosError: Request failed with status code 403\n    at settle (node_modules/axios/lib/core/settle.js:19:12)'],
    ['a body that names another service\'s key', '401 {"error":"Invalid Exa API key"}'],
    ['the Vercel AI SDK', 'AI_APICallError: Forbidden\n    at async postToApi (node_modules/@ai-sdk/provider-utils/dist/index.mjs:445:14)'],
    ['a 4xx from another host', "HTTPError: 400 Client Error: Bad Request for url: https://api.firecrawl.dev/v1/scrape"],
  ])('%s', (_what, text) => {
    const found = codes(text);
    expect(found[0]).toBe('NOT_LANGSMITH_ERROR');
    expect(found.filter((c) => ACCESS_BLAME.test(c))).toEqual([]);
  });

  it('a status on a line that one service\'s error proves is that service\'s, not a second LangSmith guess', () => {
    const found = codes('cohere.core.api_error.ApiError: status_code: 403, body: <html><title>403 Forbidden</title></html>');
    expect(found).toEqual(['NOT_LANGSMITH_ERROR']);
  });
});

describe('LangSmith texts whose words are new', () => {
  it('a v1/v2 wording of the legacy-key refusal is KEY_LEGACY', () => {
    expect(codes(`HTTPError('401 Client Error: Unauthorized for url: https://api.smith.langchain.com/runs/batch', '{"error":"Unauthorized: deprecated v1 api key"}')`)[0]).toBe('KEY_LEGACY');
  });

  it('a 400/422 about the content of a run blames no part of the access set-up', () => {
    const found = codes(`Failed to batch ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/batch in LangSmith API. HTTPError('422 Client Error: Unprocessable Entity for url: https://api.smith.langchain.com/runs/batch', '{"detail":"run_id already exists"}')`);
    expect(found.filter((c) => ACCESS_BLAME.test(c))).toEqual([]);
    expect(found).not.toContain('NOT_LANGSMITH_ERROR');
  });

  it('a URL the HTTP client cannot use is ENDPOINT_INVALID_URL', () => {
    expect(codes(`Failed to get info from "https://api.smith.langchain.com": MissingSchema("Invalid URL '\\"https://api.smith.langchain.com\\"/info': No scheme supplied")`)[0]).toBe('ENDPOINT_INVALID_URL');
  });

  it('a Windows refusal of the local LangSmith is CONNECTION_REFUSED', () => {
    expect(codes(`ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=1984): Max retries exceeded with url: /runs (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x0000>: Failed to establish a new connection: [WinError 10061]'))`)[0]).toBe('CONNECTION_REFUSED');
  });

  it('an expired certificate is TLS_ERROR, an untrusted chain TLS_UNTRUSTED', () => {
    const url = 'https://eu.api.smith.langchain.com/runs/multipart';
    expect(codes(`Connection error caused failure to POST ${url} in LangSmith API. SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)'))`)[0]).toBe('TLS_ERROR');
    expect(codes(`Connection error caused failure to POST ${url} in LangSmith API. SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)'))`)[0]).toBe('TLS_UNTRUSTED');
  });

  it('a LangSmith host cut off by a pasted title keeps its region', () => {
    const f = explainText(`Failed to batch ingest runs: LangSmithError('Failed to POST https://api.smith.langchain.com/runs/batch in LangSmith API. HTTPError(\\'403 Client Error: Forbidden for url: https://api.smith.langchain.c`).findings;
    expect(f[0]!.code).toBe('REGION_MISMATCH');
  });

  it('a key the poster masked with * says nothing about the key; a code expression is a placeholder', () => {
    const forbidden = `Failed to multipart ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/multipart', '{"error":"Forbidden"}')`;
    expect(codes(`LANGSMITH_API_KEY="**********"\n${forbidden}`)[0]).toBe('REGION_MISMATCH');
    expect(codes(`LANGSMITH_API_KEY=os.getenv("LS_KEY")\n${forbidden}`)[0]).toBe('KEY_PLACEHOLDER');
  });

  it('a 404 on a prompt whose owner is named "Workspace" is about the prompt', () => {
    expect(codes(`LangSmithNotFoundError: Resource not found for /commits/Workspace 2/router/latest. HTTPError('404 Client Error: Not Found for url: https://api.smith.langchain.com/commits/Workspace%202/router/latest', '{"detail":"Repo Workspace 2/router not found"}')`)[0]).toBe('PROMPT_NOT_FOUND');
  });
});

describe('a 401/403 whose body names something other than the key is never an invalid key', () => {
  const url = 'https://api.smith.langchain.com/api/v1/sessions';
  it('a header: AUTH_HEADER_WRONG first, KEY_INVALID last', () => {
    const f = explainText(`langsmith.utils.LangSmithAuthError: Authentication failed for /sessions. HTTPError('401 Client Error: Unauthorized for url: ${url}', '{"detail":"Invalid authorization header format"}')`).findings[0]!;
    expect(f.code).toBe('AUTH_HEADER_WRONG');
    const cands = (f.evidence!.candidates as Array<{ code: string }>).map((c) => c.code);
    expect(cands.at(-1)).toBe('KEY_INVALID');
  });

  it('a workspace: WORKSPACE_REQUIRED first', () => {
    const f = explainText(`HTTPError('403 Client Error: Forbidden for url: ${url}', '{"error":"Forbidden: no workspace selected for this key"}')`).findings[0]!;
    expect(f.code).toBe('WORKSPACE_REQUIRED');
  });

  it('no key at all ("Missing … header") is KEY_MISSING', () => {
    expect(codes('POST https://my-agent-1a2b3c.us.langgraph.app/threads -> 403 {"detail":"Missing API key header"}')[0]).toBe('KEY_MISSING');
  });
});

describe('more LangSmith shapes', () => {
  it('a fetch that failed before any answer, from the LangSmith tracer, is NETWORK_ERROR', () => {
    expect(codes('[LangChainTracer] handleRetrieverEnd: FetchError: request to https://eu.api.smith.langchain.com/runs failed, reason: getaddrinfo EAI_AGAIN')[0]).toBe('DNS_FAILURE');
    expect(codes('Error in handler LangChainTracer, handleToolEnd: TypeError: fetch failed')[0]).toBe('NETWORK_ERROR');
  });

  it('a 403 while the user says the web app fails too is SERVICE_ERROR', () => {
    expect(codes(`Failed to batch ingest runs: langsmith.utils.LangSmithError: Failed to POST https://api.smith.langchain.com/runs/batch in LangSmith API. HTTPError('403 Client Error: Forbidden for url: https://api.smith.langchain.com/runs/batch', '{"detail":"Forbidden"}')\nAlso I can't open the dashboard since this morning.`)[0]).toBe('SERVICE_ERROR');
  });
});

describe('requests and sockets shown in a paste', () => {
  it('a request to LangSmith with a Bearer header is AUTH_HEADER_WRONG even without a status', () => {
    expect(codes(`curl https://eu.api.smith.langchain.com/api/v1/sessions \\\n  -H "Authorization: Bearer $LANGSMITH_API_KEY"\nit keeps saying not authorized`)[0]).toBe('AUTH_HEADER_WRONG');
  });

  it('a Bearer header to a service that expects it is no error at all', () => {
    expect(codes('curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"')).toEqual([]);
  });

  it("aiohttp's refusal and Windows' connect timeout are read as such", () => {
    expect(codes("aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host langsmith.internal.example:443 ssl:default [Connect call failed ('10.0.0.5', 443)] while posting /api/v1/runs/multipart")[0]).toBe('CONNECTION_REFUSED');
    expect(codes("Connection error caused failure to POST https://api.smith.langchain.com/runs/multipart in LangSmith API. ConnectionError(MaxRetryError(\"HTTPSConnectionPool(host='api.smith.langchain.com', port=443): Max retries exceeded (Caused by NewConnectionError('Failed to establish a new connection: [WinError 10060] A connection attempt failed'))\"))")[0]).toBe('TIMEOUT');
  });
});

describe('the prompt hub client is LangSmith', () => {
  it("a reset from the hub client's calls is LangSmith's CONNECTION_RESET", () => {
    expect(codes("hub_client.push_repo('team/summarizer', chain) -> requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))")[0]).toBe('CONNECTION_RESET');
  });
});

describe('a missing LangSmith key said in words', () => {
  it('"your LangSmith API key is missing" is KEY_MISSING', () => {
    expect(codes('Warning: traces will not be sent because the LangSmith API key is missing (set LANGSMITH_API_KEY).')[0]).toBe('KEY_MISSING');
  });
});
