// Known LangSmith answers and error texts -> finding codes. One table, shared by the live probes
// (a status and a body) and by `explain` (a pasted log). Facts §4, §7; field cases.
//
// Every pattern here runs on megabytes of pasted text: keep them linear (no nested or adjacent
// unbounded quantifiers that can overlap; bound every gap with {0,N}).

export interface Signature {
  id: string;
  /** The finding code this points to (for text: the code when nothing around it says more). */
  code: string;
  /** Matched against the text (a body, or a whole log). */
  pattern: RegExp;
  /** When given, the signature applies to bodies only with one of these statuses. */
  statuses?: number[];
  /** What it means, in one sentence. */
  meaning: string;
  /** How sure a match is: 3 = says it outright, 2 = strong hint, 1 = one of several causes. */
  weight: 1 | 2 | 3;
  /** Where it applies: `answer` = a probe's status and body only (`classifyAnswer`), `text` = a
   * pasted log only (`explain`). Both when omitted. */
  scope?: 'answer' | 'text';
  /** The service the matched text itself proves: `langsmith`, or another service's id
   * (see OTHER_SERVICES). Omitted when the text could come from anywhere (a 403, a reset). */
  service?: string;
  /** The HTTP status the matched text implies, when it does not say it. */
  status?: number;
}

// -- HTTP status lines, as the SDKs, requests/httpx, curl and nginx print them -----------------

const STATUS_NAMES =
  'Unauthorized|Forbidden|Not Found|Bad Request|Too Many Requests|Request Entity Too Large|Payload Too Large|Content Too Large|' +
  'Method Not Allowed|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Unprocessable Entity|Conflict|Request Timeout|Proxy Authentication Required';

function statusPattern(code: string): RegExp {
  // `code` is a literal like 403 or a class like 5\d\d.
  return new RegExp(
    `\\b${code} (?:Client|Server) Error\\b|Received status \\[${code}\\]|\\bHTTP\\/\\d(?:\\.\\d)? ${code}\\b|\\bError code: ${code}\\b|` +
      `\\bstatus(?:[ _-]?code)?["']?\\s{0,3}[:=]?\\s{0,3}\\[?${code}\\b|\\b${code} (?:${STATUS_NAMES})\\b|\\b(?:create run|ingest runs?|request): ${code}\\b|` +
      // Generated (Stainless) clients, JS langsmith 0.12 among them: `${status} ${json}`, `${status} status code (no body)`.
      `Error:\\s{0,3}${code} (?:\\{|status code \\(no body\\))|` +
      // A status in a structured field or after "error:" ("code": 403, "batch code: 401", "Groq error: 401"),
      // and an HTML error page's title ("Error 403 (Forbidden)").
      `\\bcode["']?\\s{0,3}[:=]\\s{0,3}${code}\\b|\\berror:\\s{0,3}${code}\\b|\\b(?:Error|HTTP) ${code} \\((?:${STATUS_NAMES})\\)`,
    'i',
  );
}

/** Finds an HTTP status in a line of text; group 1..n holds it (the first defined one). */
export const STATUS_IN_TEXT = new RegExp(statusPattern('([1-5]\\d\\d)').source, 'gi');

/** The HTTP status a piece of text names: the first error (4xx/5xx) if any, else the first one. */
export function statusInText(text: string): number | undefined {
  const re = new RegExp(STATUS_IN_TEXT.source, 'gi');
  let m: RegExpExecArray | null;
  let first: number | undefined;
  let n = 0;
  while ((m = re.exec(text)) !== null && n++ < 100) {
    const s = Number(m.slice(1).find((g) => g !== undefined));
    if (s >= 400 && s <= 599) return s;
    first ??= s;
  }
  return first;
}

export const SIGNATURES: readonly Signature[] = [
  // -- answers and texts alike: LangSmith's own words --------------------------------------------
  { id: 'legacy-key', code: 'KEY_LEGACY', weight: 3, service: 'langsmith', status: 401,
    pattern: /Using legacy API key|(?:outdated|legacy|deprecated) v1 api key|Please use (?:a )?v2 api key/i,
    meaning: 'LangSmith refused a legacy ls__ key (end of life 2024-10-22).' },
  { id: 'org-scoped', code: 'WORKSPACE_REQUIRED', weight: 3, service: 'langsmith', status: 403,
    pattern: /org_scoped_key_requires_workspace|org-scoped and requires workspace|requires workspace specification|provide 'X-Tenant-ID'|set LANGSMITH_WORKSPACE_ID/i,
    meaning: 'An organisation-scoped key was sent without a workspace id (X-Tenant-Id).' },
  // sdk-audit #1: the one public report of this body was a trace upload with NO API key (tracing on,
  // no key; fixed by setting one or turning tracing off). A live probe always sends a key, so there
  // the code stays NO_PLAN; `explain` reads a pasted one as "no usable key reached the SDK" first.
  { id: 'no-plan', code: 'NO_PLAN', weight: 3, pattern: /Forbidden\s{0,3}[-–:]\s{0,3}no plan found/i,
    meaning: 'LangSmith answered "Forbidden - no plan found": seen in public only for requests that carried no API key; "the organisation has no plan" is a hypothesis.' },
  { id: 'expired', code: 'KEY_EXPIRED', weight: 3, statuses: [401, 403], pattern: /(api[_ ]?key|token)[^"]{0,40}expired|expired[^"]{0,20}(api[_ ]?key|token)/i,
    meaning: 'The key passed its expiry date; an expired key cannot be renewed.' },
  { id: 'workspace-access', code: 'WORKSPACE_NOT_ACCESSIBLE', weight: 3, statuses: [403, 404],
    pattern: /(workspace|tenant)[^"]{0,60}(not found|not accessible|does not exist|not a member|no access|does not have access)|(not a member|no access)[^"]{0,40}(workspace|tenant)/i,
    meaning: 'The workspace id names a workspace this key cannot use.' },
  { id: 'no-prompt-owner', code: 'REGION_MISMATCH', weight: 2, pattern: /No prompt owner specified/i, service: 'langsmith', status: 400,
    meaning: 'The request reached a region that does not know the key, so it could not resolve a prompt owner (field case 6).' },
  { id: 'invalid-token', code: 'KEY_INVALID', weight: 2, statuses: [401, 403], pattern: /Invalid (token|auth|api key)|"Unauthorized"|Authentication failed/i, status: 401,
    meaning: 'LangSmith does not know the key as sent: unknown, revoked or deleted, or a key of another region.' },
  { id: 'ingest-forbidden', code: 'KEY_INVALID', weight: 1, statuses: [403], pattern: /"(error|detail)"\s*:\s*"Forbidden"/, status: 403,
    meaning: 'A bare 403 Forbidden: a key of another region, a key without write permission, a missing or placeholder key, or an oversized batch all look like this.' },
  { id: 'rate-limited', code: 'RATE_LIMITED', weight: 2, statuses: [429], pattern: /./s, scope: 'answer',
    meaning: 'Rate or usage limits answer 429, not 403.' },
  { id: 'usage-limit', code: 'USAGE_LIMIT_REACHED', weight: 3, pattern: /usage[_ ]limit|monthly (unique )?traces? limit|in_reject_set"\s*:\s*true|exceeded your (monthly|plan)/i,
    meaning: 'A usage limit (plan or self-configured) is reached; ingestion is refused with 429 until it resets or is raised.' },
  { id: 'too-large', code: 'PAYLOAD_TOO_LARGE', weight: 3, pattern: /Request Entity Too Large|payload too large|\b413\b/i, scope: 'answer',
    meaning: 'The batch is larger than the server accepts (about 20-25 MB).' },
  { id: 'web-ui-405', code: 'ENDPOINT_UI_HOST', weight: 2, statuses: [405], pattern: /<html|Not Allowed/i, scope: 'answer',
    meaning: 'An nginx 405 page: the endpoint is the web app, not the API.' },

  // -- pasted text only: SDK messages and exceptions (facts §2, §7) ---------------------------
  { id: 'license', code: 'LICENSE_INVALID', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /License key is not valid|License verification failed|license key (?:has )?expired|invalid license key/i,
    meaning: 'A LangGraph/LangSmith licence check failed: the account is not entitled (LangGraph Cloud) or the self-hosted licence key is missing or invalid. Not an API-key permission problem.' },
  { id: 'langgraph-license-check', code: 'LICENSE_INVALID', weight: 2, scope: 'text', service: 'langsmith',
    pattern: /\/auth\?langgraph-api=true/,
    meaning: 'The LangGraph server checks its licence against LangSmith (GET /auth?langgraph-api=true); a 403 there is an entitlement problem.' },
  { id: 'missing-key-warning', code: 'KEY_MISSING', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /LangSmithMissingAPIKeyWarning|API key must be provided when using hosted LangSmith API/,
    meaning: 'The Python SDK started without an API key while tracing to hosted LangSmith.' },
  { id: 'conflicting-endpoints', code: 'RUNS_ENDPOINTS_CONFLICT', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /ConflictingEndpointsError|You cannot provide both LANGSMITH_ENDPOINT|cannot (?:provide|set) both (?:LANGSMITH|LANGCHAIN)_ENDPOINT/i,
    meaning: 'LANGSMITH_ENDPOINT (or LANGCHAIN_ENDPOINT) and LANGSMITH_RUNS_ENDPOINTS are both set; the Python SDK refuses that.' },
  { id: 'empty-url', code: 'ENDPOINT_INVALID_URL', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /LangSmith API URL cannot be empty/i,
    meaning: 'LANGSMITH_ENDPOINT is set but empty (or only quotes/whitespace).' },
  { id: 'invalid-url', code: 'ENDPOINT_INVALID_URL', weight: 3, scope: 'text',
    pattern: /No connection adapters were found|\bInvalidSchema\b|\bMissingSchema\b|\bInvalidURL\b|\bERR_INVALID_URL\b|TypeError: Invalid URL|UnsupportedProtocol/,
    meaning: 'The HTTP client could not use the URL at all (no scheme, an unknown scheme, or text around it such as <…> or quotes).' },
  { id: 'info-not-json', code: 'ENDPOINT_UI_HOST', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /Failed to (?:get|fetch) info[^\n]{0,300}(?:JSONDecodeError|Expecting value|Unexpected token|is not valid JSON|<!doctype|<html)/i,
    meaning: 'GET /info answered something that is not JSON: the endpoint is the web app (or a proxy page), not the API.' },
  { id: 'not-json', code: 'ENDPOINT_UI_HOST', weight: 1, scope: 'text',
    pattern: /JSONDecodeError|Expecting value: line 1 column 1|Unexpected token '?<'?|is not valid JSON/,
    meaning: 'An HTML page where JSON was expected.' },
  { id: 'nginx-405', code: 'ENDPOINT_UI_HOST', weight: 2, scope: 'text', status: 405,
    pattern: /405 Not Allowed|\b405 Method Not Allowed/i,
    meaning: 'An nginx 405 page: POSTs to the web app are not allowed; the endpoint is the web host, not the API.' },
  { id: 'auth-error', code: 'KEY_INVALID', weight: 2, scope: 'text', service: 'langsmith', status: 401,
    pattern: /LangSmithAuthError/,
    meaning: 'The Python SDK got 401 from LangSmith.' },
  { id: 'rate-limit-error', code: 'RATE_LIMITED', weight: 3, scope: 'text', service: 'langsmith', status: 429,
    pattern: /LangSmithRateLimitError/,
    meaning: 'The Python SDK got 429 from LangSmith.' },
  { id: 'rate-limit-text', code: 'RATE_LIMITED', weight: 2, scope: 'text', status: 429,
    pattern: /Rate limit exceeded|Too Many Requests/i,
    meaning: 'A rate limit answered 429.' },
  { id: 'api-error', code: 'SERVICE_ERROR', weight: 2, scope: 'text', service: 'langsmith', status: 500,
    pattern: /LangSmithAPIError/,
    meaning: 'LangSmith answered with a server error (5xx).' },
  { id: 'not-found-error', code: 'PROMPT_NOT_FOUND', weight: 1, scope: 'text', service: 'langsmith', status: 404,
    pattern: /LangSmithNotFoundError/,
    meaning: 'LangSmith answered 404.' },
  { id: 'missing-auth', code: 'KEY_MISSING', weight: 3, scope: 'text',
    pattern: /Missing (?:authentication|auth|x-api-key)(?: header)?s?\b|Missing (?:LangSmith )?API key(?: header)?\b|LangSmith API key is missing|No API key (?:was )?(?:provided|found)|x-api-key header (?:is )?(?:missing|required)/i,
    meaning: 'The answer says the request carried no key (no authentication header).' },
  { id: 'bearer-header', code: 'AUTH_HEADER_WRONG', weight: 2, scope: 'text',
    pattern: /Authorization["']?\s{0,3}:\s{0,3}Bearer\b/i,
    meaning: 'A request shown with an Authorization: Bearer header: LangSmith reads API keys only from x-api-key.' },
  { id: 'fetch-failed', code: 'NETWORK_ERROR', weight: 1, scope: 'text',
    pattern: /TypeError: fetch failed|FetchError: request to \S{1,300} failed/,
    meaning: "Node's fetch failed before any answer; the cause (DNS, refused, reset, TLS, proxy) is hidden in err.cause." },
  { id: 'api-connection-error', code: 'NETWORK_ERROR', weight: 1, scope: 'text',
    // Generated (Stainless) clients (JS langsmith 0.12, and OpenAI/Anthropic SDKs): the cause is in err.cause.
    pattern: /\bAPIConnectionError\b[^\n]{0,20}Connection error\.|\bError: Connection error\./,
    meaning: 'A generated client could not reach the server ("Connection error."); the cause (DNS, refused, reset, TLS, proxy) is in err.cause.' },
  { id: 'profile-api-key', code: 'KEY_MISSING', weight: 3, scope: 'text', service: 'langsmith',
    pattern: /ProfileApiKeyError|LangSmith profile "[^"\n]{0,100}" (?:reads its API key from|gets its API key from a command)/,
    meaning: 'JS (0.11.6+): the profile names its key by api_key_env (a variable that is not set) or api_key_cmd (not supported by the JS SDK), so no key reaches the SDK.' },
  { id: 'connection-error', code: 'CONNECTION_RESET', weight: 1, scope: 'text', service: 'langsmith',
    pattern: /LangSmithConnectionError/,
    meaning: 'The SDK could not complete the request to LangSmith.' },
  { id: 'request-timeout-408', code: 'TIMEOUT', weight: 2, scope: 'text', service: 'langsmith', status: 408,
    // Python client.py turns a 408 into "Client took too long to send request to POST/runs/…" (sdk-audit #13).
    pattern: /Client took too long to send request to/,
    meaning: 'LangSmith answered 408: the SDK took too long to send the request (a large trace on a slow uplink).' },
  { id: 'request-timeout-error', code: 'TIMEOUT', weight: 2, scope: 'text', service: 'langsmith',
    pattern: /LangSmithRequestTimeout/,
    meaning: 'The request to LangSmith timed out (408 or no answer).' },
  { id: 'too-large-text', code: 'PAYLOAD_TOO_LARGE', weight: 3, scope: 'text', status: 413,
    pattern: /Request Entity Too Large|Payload Too Large|Content Too Large|payload (?:is )?too large|exceeds? the (?:maximum|max) (?:payload|batch|request|body) size/i,
    meaning: 'The request body is larger than the server (or a proxy in front of it) accepts.' },

  // -- pasted text only: networks (facts §7; the probes classify these from error codes) ---------
  { id: 'tls-untrusted', code: 'TLS_UNTRUSTED', weight: 3, scope: 'text',
    pattern: /CERTIFICATE_VERIFY_FAILED|certificate verify failed|self[- ]signed certificate|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED/i,
    meaning: 'The certificate chain is not trusted: typically a TLS-inspecting corporate proxy.' },
  { id: 'tls-error', code: 'TLS_ERROR', weight: 2, scope: 'text',
    pattern: /\bSSLError\b|\[SSL: [A-Z_]{3,40}\]|WRONG_VERSION_NUMBER|wrong version number|ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match|CERT_HAS_EXPIRED|certificate has expired|sslv3 alert|handshake failure|tlsv1 alert|EPROTO\b|UNEXPECTED_EOF_WHILE_READING/i,
    meaning: 'The TLS handshake failed (wrong port or scheme, host-name mismatch, expired certificate, clock).' },
  { id: 'dns', code: 'DNS_FAILURE', weight: 3, scope: 'text',
    pattern: /\bENOTFOUND\b|getaddrinfo|Name or service not known|nodename nor servname|Temporary failure in name resolution|NameResolutionError|Failed to resolve|\bEAI_AGAIN\b|No address associated with hostname/i,
    meaning: 'The host name does not resolve.' },
  { id: 'refused', code: 'CONNECTION_REFUSED', weight: 3, scope: 'text',
    pattern: /\bECONNREFUSED\b|Connection refused|ConnectionRefusedError|\[(?:Errno|WinError) (?:111|61|10061)\]|actively refused|Connect call failed/i,
    meaning: 'Nothing accepts connections at that host and port.' },
  { id: 'timeout', code: 'TIMEOUT', weight: 2, scope: 'text',
    pattern: /\[(?:Errno|WinError) (?:110|60|10060)\]|\bReadTimeout(?:Error)?\b|\bConnectTimeout(?:Error)?\b|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|\btimed out\b|\bTimeoutError\b|Timeout exceeded/i,
    meaning: 'No answer in time: a firewall dropping traffic, a required proxy, or a slow link.' },
  { id: 'reset', code: 'CONNECTION_RESET', weight: 2, scope: 'text',
    pattern: /ConnectionResetError|Connection reset by peer|\bECONNRESET\b|socket hang up|RemoteDisconnected|Connection aborted|other side closed|UND_ERR_SOCKET/i,
    meaning: 'The connection was cut: typical of a VPN or proxy, or of a very large request.' },

  // -- pasted text only: bare statuses (the context says whose and why) ----------------------
  { id: 'http-401', code: 'KEY_INVALID', weight: 1, scope: 'text', status: 401, pattern: statusPattern('401'),
    meaning: '401 Unauthorized: the key was not accepted.' },
  { id: 'http-403', code: 'KEY_INVALID', weight: 1, scope: 'text', status: 403, pattern: statusPattern('403'),
    meaning: '403 Forbidden: ambiguous without context.' },
  { id: 'http-404', code: 'PROMPT_NOT_FOUND', weight: 1, scope: 'text', status: 404, pattern: statusPattern('404'),
    meaning: '404 Not Found.' },
  { id: 'http-405', code: 'ENDPOINT_UI_HOST', weight: 1, scope: 'text', status: 405, pattern: statusPattern('405'),
    meaning: '405 Method Not Allowed: the web app host answers, not the API.' },
  { id: 'http-407', code: 'PROXY_INTERFERENCE', weight: 2, scope: 'text', status: 407, pattern: statusPattern('407'),
    meaning: '407 Proxy Authentication Required: a proxy wants credentials.' },
  { id: 'http-413', code: 'PAYLOAD_TOO_LARGE', weight: 3, scope: 'text', status: 413, pattern: statusPattern('413'),
    meaning: '413: the request body is too large.' },
  { id: 'http-429', code: 'RATE_LIMITED', weight: 2, scope: 'text', status: 429, pattern: statusPattern('429'),
    meaning: '429: rate or usage limit.' },
  { id: 'http-4xx', code: 'NOT_LANGSMITH_ERROR', weight: 1, scope: 'text', pattern: statusPattern('(?:400|402|409|410|422)'),
    meaning: "Another 4xx: the request itself was refused (its content, a conflict). Another service's is named as such; LangSmith's is not an access problem, so explain names nothing for it." },
  { id: 'http-5xx', code: 'SERVICE_ERROR', weight: 2, scope: 'text', status: 500, pattern: statusPattern('5\\d\\d'),
    meaning: '5xx: a server-side problem.' },

  // -- pasted text only: other services' errors (explain says NOT_LANGSMITH_ERROR) -------------
  { id: 'openai-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'openai',
    pattern: /Incorrect API key provided|\binvalid_api_key\b|\bopenai\.(?:AuthenticationError|PermissionDeniedError|RateLimitError|APIConnectionError|APITimeoutError|InternalServerError|NotFoundError)\b|insufficient_quota|You exceeded your current quota/,
    meaning: 'An OpenAI API error.' },
  { id: 'anthropic-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'anthropic',
    pattern: /\bauthentication_error\b|invalid x-api-key|\banthropic\.(?:AuthenticationError|PermissionDeniedError|RateLimitError|APIConnectionError|InternalServerError|NotFoundError)\b|credit balance is too low|\boverloaded_error\b/,
    meaning: 'An Anthropic API error.' },
  { id: 'google-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'google',
    // Google's error shape: a canonical gRPC status name in "status", an ErrorInfo with a
    // googleapis.com domain or a google.rpc type, whatever the message says.
    pattern: /API key not valid|API_KEY_INVALID|google\.api_core\.exceptions\.\w{3,40}|google\.auth\.exceptions\.\w{3,40}|PERMISSION_DENIED|"status"\s{0,3}:\s{0,3}"(?:UNAUTHENTICATED|INVALID_ARGUMENT|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|NOT_FOUND|UNAVAILABLE|INTERNAL)"|\bdomain["']?\s{0,3}:\s{0,3}"googleapis\.com"|type\.googleapis\.com\/google\.rpc\.|\breason["']?\s{0,3}:\s{0,3}"(?:SERVICE_DISABLED|CONSUMER_[A-Z_]{3,30}|API_KEY_[A-Z_]{3,30}|ACCESS_TOKEN_[A-Z_]{3,30})"/,
    meaning: 'A Google (Gemini / Vertex AI) API error.' },
  { id: 'azure-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'azure',
    pattern: /invalid subscription key or wrong API endpoint|Access denied due to invalid subscription key|DeploymentNotFound/,
    meaning: 'An Azure OpenAI / Azure AI error.' },
  { id: 'cohere-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'cohere',
    pattern: /\bcohere(?:\.[a-z_]{2,30}){1,3}\.\w{0,40}(?:Error|Exception)\b|invalid api token/i,
    meaning: 'A Cohere API error.' },
  { id: 'groq-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'groq',
    pattern: /\bgroq\.(?:AuthenticationError|PermissionDeniedError|RateLimitError|APIConnectionError)\b/,
    meaning: 'A Groq API error.' },
  { id: 'tavily-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'tavily',
    pattern: /Unauthorized: missing or invalid API key|InvalidAPIKeyError|tavily[^\n]{0,60}(?:Unauthorized|invalid API key|Forbidden)/i,
    meaning: 'A Tavily search API error.' },
  { id: 'pinecone-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'pinecone',
    pattern: /PineconeApiException|PineconeException|\bpinecone(?:\.[a-z_]{2,30}){1,4}\.\w{3,40}(?:Exception|Error)\b/,
    meaning: 'A Pinecone API error.' },
  { id: 'aws-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'bedrock',
    // botocore's message shape, whatever the service and the error code.
    pattern: /An error occurred \(\w{3,80}\) when calling the \w{2,80} operation|\bbotocore\.(?:exceptions|errorfactory)\.\w{3,60}/,
    meaning: 'An AWS API error (Bedrock and every other AWS service, through botocore).' },
  { id: 'mistral-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'mistral',
    // The Mistral SDK's (Speakeasy-generated) message shape.
    pattern: /API error occurred: Status \d{3}\b|\bmistralai\.(?:models\.)?\w{3,40}(?:Error|Exception)\b/,
    meaning: 'A Mistral API error.' },
  { id: 'langfuse-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'langfuse',
    // Langfuse keys come in pairs (public/secret); LangSmith has no public key.
    pattern: /\blangfuse(?:\.[a-z_]{2,30}){1,3}\.\w{0,40}(?:Error|Exception)\b|Invalid (?:public|secret) key\b/,
    meaning: 'A Langfuse (another tracing service) API error.' },
  { id: 'ai-sdk-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'vercel-ai',
    pattern: /\bAI_APICallError\b|\bAPICallError \[AI_/,
    meaning: 'A model provider error raised by the Vercel AI SDK (LangSmith is never called through it).' },
  { id: 'axios-error', code: 'NOT_LANGSMITH_ERROR', weight: 2, scope: 'text', service: 'axios',
    pattern: /\bAxiosError\b|Request failed with status code \d{3}\b/,
    meaning: 'An HTTP error raised by axios; the LangSmith SDKs use fetch (JS) and requests/httpx (Python), never axios.' },
  { id: 'web-loader-error', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'web',
    pattern: /URL return an error: \{?\w{0,40}\}?|Error fetching or processing https?/,
    meaning: 'A document loader could not fetch a web page (unstructured / LangChain URL loaders).' },
  { id: 'named-provider-key', code: 'NOT_LANGSMITH_ERROR', weight: 2, scope: 'text',
    // "Invalid Jina API key", "Invalid Groq API Key": the body names a service, and it is not LangSmith.
    pattern: /\b(?:Invalid|Incorrect|Missing|Wrong) (?!LangSmith\b|LangChain\b|API\b)([A-Z][A-Za-z0-9]{1,20}) API [Kk]ey\b/,
    meaning: "An error that names another service's API key." },
  { id: 'apigee-fault', code: 'NOT_LANGSMITH_ERROR', weight: 3, scope: 'text', service: 'apigee',
    // Apigee gateways answer {"fault":{"faultstring":…,"detail":{"errorcode":…}}}; LangSmith never does.
    pattern: /['"]fault['"]\s{0,3}:\s{0,3}\{\s{0,3}['"]faultstring['"]/,
    meaning: 'An error from an API behind an Apigee gateway (its fault shape), not from LangSmith.' },
  { id: 'cloudflare-page', code: 'NOT_LANGSMITH_ERROR', weight: 2, scope: 'text', service: 'cloudflare',
    pattern: /Attention Required! \| Cloudflare|\bcf-ray\b|\bcf-mitigated\b|Just a moment\.\.\.|Cloudflare Ray ID|\bcf-chl-/i,
    meaning: "A Cloudflare bot-protection or block page: a web site refused an automated request." },
];

// -- which service a text is about ------------------------------------------------------------

export interface ServiceInfo {
  id: string;
  name: string;
  /** Host names (from URLs in the text) that belong to it. */
  hosts: RegExp;
  /** Words that only its errors, packages or variables use. */
  markers: RegExp;
  /** The variable its key usually lives in. */
  keyVar?: string;
}

/** Services whose errors people paste into a LangSmith troubleshooter (facts §9: LangSmith is run
 * by LangChain Inc.; Anthropic, OpenAI… only appear as traced model providers). */
export const OTHER_SERVICES: readonly ServiceInfo[] = [
  { id: 'azure', name: 'Azure OpenAI / Azure AI', keyVar: 'AZURE_OPENAI_API_KEY',
    hosts: /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|azure-api\.net|services\.ai\.azure\.com|inference\.ai\.azure\.com)$/i,
    markers: /AzureOpenAI|AZURE_OPENAI_|openai\.azure\.com|invalid subscription key|DeploymentNotFound/ },
  { id: 'openai', name: 'OpenAI', keyVar: 'OPENAI_API_KEY', hosts: /(?:^|\.)openai\.com$/i,
    markers: /\bopenai-(?:organization|processing-ms|project|version)\b|\bopenai\.(?:AuthenticationError|PermissionDeniedError|RateLimitError|APIConnectionError|APITimeoutError|InternalServerError|NotFoundError|APIStatusError)\b|\bOPENAI_API_KEY\b|api\.openai\.com|platform\.openai\.com|Incorrect API key provided|\binvalid_api_key\b|insufficient_quota|\bChatOpenAI\b|\bOpenAIError\b/ },
  { id: 'anthropic', name: 'Anthropic', keyVar: 'ANTHROPIC_API_KEY', hosts: /(?:^|\.)anthropic\.com$/i,
    markers: /\banthropic\.\w{3,40}Error\b|\banthropic-(?:ratelimit|organization|version|beta)\b|\bANTHROPIC_API_KEY\b|api\.anthropic\.com|\bauthentication_error\b|invalid x-api-key|\bChatAnthropic\b|\boverloaded_error\b/ },
  { id: 'google', name: 'Google (Gemini / Vertex AI)', keyVar: 'GOOGLE_API_KEY', hosts: /(?:^|\.)(?:googleapis\.com|google\.com)$/i,
    markers: /googleapis\.com|API key not valid|API_KEY_INVALID|google\.api_core|google\.auth|\bGOOGLE_API_KEY\b|\bGEMINI_API_KEY\b|ChatGoogleGenerativeAI|ChatVertexAI|google\.genai|\bVertexAI(?:Exception)?\b|\bvertex_ai\b/ },
  { id: 'cohere', name: 'Cohere', keyVar: 'COHERE_API_KEY', hosts: /(?:^|\.)cohere\.(?:ai|com)$/i,
    markers: /\bcohere\.errors\b|api\.cohere\.(?:ai|com)|\bCOHERE_API_KEY\b|\bChatCohere\b|invalid api token/ },
  { id: 'groq', name: 'Groq', keyVar: 'GROQ_API_KEY', hosts: /(?:^|\.)groq\.com$/i,
    markers: /\bgroq\.\w{3,40}Error\b|api\.groq\.com|\bGROQ_API_KEY\b|\bChatGroq\b/ },
  { id: 'mistral', name: 'Mistral', keyVar: 'MISTRAL_API_KEY', hosts: /(?:^|\.)mistral\.ai$/i,
    markers: /api\.mistral\.ai|\bMISTRAL_API_KEY\b|\bChatMistralAI\b|@ai-sdk\/mistral|\bmistralai\b/ },
  { id: 'langfuse', name: 'Langfuse', keyVar: 'LANGFUSE_SECRET_KEY', hosts: /(?:^|\.)langfuse\.com$/i,
    markers: /\blangfuse\b|\bLANGFUSE_(?:PUBLIC|SECRET)_KEY\b/i },
  { id: 'vercel-ai', name: 'a model provider (through the Vercel AI SDK)', hosts: /^$/, markers: /\bAI_APICallError\b|@ai-sdk\// },
  { id: 'axios', name: 'a service called with axios (not a LangSmith SDK)', hosts: /^$/, markers: /\bAxiosError\b|axios-fetch-adapter/ },
  { id: 'tavily', name: 'Tavily', keyVar: 'TAVILY_API_KEY', hosts: /(?:^|\.)tavily\.com$/i,
    markers: /\btavily\b|\bTAVILY_API_KEY\b|TavilySearch/i },
  { id: 'pinecone', name: 'Pinecone', keyVar: 'PINECONE_API_KEY', hosts: /(?:^|\.)pinecone\.io$/i,
    markers: /\bpinecone\b|\bPINECONE_API_KEY\b/i },
  { id: 'huggingface', name: 'Hugging Face', keyVar: 'HUGGINGFACEHUB_API_TOKEN', hosts: /(?:^|\.)(?:huggingface\.co|hf\.co)$/i,
    markers: /huggingface_hub|HUGGINGFACEHUB_API_TOKEN|\bHF_TOKEN\b|huggingface\.co/ },
  { id: 'bedrock', name: 'AWS (Bedrock)', hosts: /(?:^|\.)amazonaws\.com$/i,
    markers: /\bbotocore\b|UnrecognizedClientException|ExpiredTokenException|bedrock-runtime|ChatBedrock|AccessDeniedException|when calling the \w{2,80} operation/ },
  { id: 'firecrawl', name: 'Firecrawl', keyVar: 'FIRECRAWL_API_KEY', hosts: /(?:^|\.)firecrawl\.dev$/i,
    // Firecrawl keys start with fc-: a text that talks about that prefix is about Firecrawl.
    markers: /\bfire_?crawl\b|\bFIRECRAWL_API_KEY\b|\bfc-(?=["'\s])/i },
  { id: 'fireworks', name: 'Fireworks AI', keyVar: 'FIREWORKS_API_KEY', hosts: /(?:^|\.)fireworks\.ai$/i,
    markers: /\bfireworks\.ai\b|\bFIREWORKS_API_KEY\b|\bChatFireworks\b|:llm:Fireworks\b/ },
  { id: 'apigee', name: 'a service behind an Apigee API gateway', hosts: /^$/, markers: /['"]faultstring['"]\s{0,3}:/ },
  { id: 'exa', name: 'Exa', keyVar: 'EXA_API_KEY', hosts: /(?:^|\.)exa\.ai$/i, markers: /api\.exa\.ai|\bEXA_API_KEY\b/ },
  { id: 'openrouter', name: 'OpenRouter', keyVar: 'OPENROUTER_API_KEY', hosts: /(?:^|\.)openrouter\.ai$/i, markers: /openrouter\.ai|\bOPENROUTER_API_KEY\b/ },
  { id: 'ollama', name: 'Ollama', hosts: /^$/, markers: /\bollama\b|:11434\b/i },
  { id: 'github', name: 'GitHub', hosts: /(?:^|\.)github(?:usercontent)?\.com$/i, markers: /\bgit (?:clone|push|pull|fetch)\b/ },
  { id: 'cloudflare', name: 'a Cloudflare-protected web site', hosts: /^$/,
    markers: /Attention Required! \| Cloudflare|\bcf-ray\b|\bcf-mitigated\b|Cloudflare Ray ID/i },
  { id: 'web', name: 'a web page loader', hosts: /^$/,
    markers: /\b(?:WebBaseLoader|RecursiveUrlLoader|AsyncHtmlLoader|AsyncChromiumLoader|SitemapLoader|CheerioWebBaseLoader|PuppeteerWebBaseLoader|PlaywrightURLLoader|SeleniumURLLoader|UnstructuredURLLoader|FireCrawlLoader)\b|document_loaders[/.]web_base/ },
];

/** Words only LangSmith errors, the SDK's packages and its variables use (LangGraph Cloud /
 * Platform deployments are LangSmith deployments: same keys, same hosts family). */
export const LANGSMITH_MARKERS =
  /LangSmith|LangGraph (?:Cloud|Platform)|\.langgraph\.app\b|\[LANGSMITH\]|smith\.langchain\.com|\/runs\/(?:multipart|batch)\b|Failed to (?:multipart ingest|batch ingest|ingest multipart runs|send (?:compressed )?multipart|Failed to send multipart|batch create run)|Error exporting batch|\bhub\.pull\b|\bpull_prompt\b|\blangchainhub\b|\b(?:push|pull)_repo\b|\blist_repos\b|\b(?:LANGSMITH|LANGCHAIN)_(?:API_KEY|ENDPOINT|TRACING|TRACING_V2|PROJECT|WORKSPACE_ID)\b|LangChainTracer|tracers[/.]langchain|awaitPendingTraceBatches|langgraph-api=true/i;

/** LangSmith hosts: the API hosts of every region, and the web-app hosts (a common mistake). */
export const LANGSMITH_API_HOST = /^(?:(?:eu|apac|aws|dev|beta)\.)?api\.smith\.langchain\.com$|^api\.hub\.langchain\.com$/i;
export const LANGSMITH_UI_HOST = /^(?:(?:eu|apac|aws|dev|beta)\.)?smith\.langchain\.com$/i;
/** Documentation and status pages that error messages link to: they say nothing about who failed
 * (httpx ends every status error with "For more information check: https://developer.mozilla.org/…"). */
export const NEUTRAL_HOST = /^(?:docs|status|python|js|academy|blog|www|support|trust)\.(?:smith\.)?langchain\.com$|^(?:docs\.)?langchain\.com$|^(?:help|status)\.openai\.com$|^docs\.(?:anthropic|cohere)\.com$|^developer\.mozilla\.org$/i;
/** Paths only a LangSmith API (SaaS or self-hosted) serves. */
export const LANGSMITH_PATH = /^\/(?:api\/v1\/|runs\/(?:multipart|batch)\b|commits\/[^/\s]{1,100}\/|repos\/)/;

export interface BodyMatch {
  code: string;
  signature: Signature;
  excerpt: string;
}

/** Codes a status and body point to, strongest first. */
export function classifyAnswer(status: number | undefined, body: string): BodyMatch[] {
  const out: BodyMatch[] = [];
  for (const s of SIGNATURES) {
    if (s.scope === 'text') continue;
    if (s.statuses && (status === undefined || !s.statuses.includes(status))) continue;
    const m = s.pattern.exec(body);
    if (m) out.push({ code: s.code, signature: s, excerpt: m[0].slice(0, 120) });
  }
  return out.sort((a, b) => b.signature.weight - a.signature.weight);
}

/** The strongest code for an answer, or undefined. */
export function codeForAnswer(status: number | undefined, body: string): string | undefined {
  return classifyAnswer(status, body)[0]?.code;
}

/** True when an HTML page looks like a proxy's or gateway's block page rather than a web app. */
export function looksLikeProxyPage(body: string, headers: Record<string, string>): boolean {
  const text = body.slice(0, 20_000);
  const proxyHeader = Object.keys(headers).some((h) => /^(via|x-squid|x-bluecoat|x-zscaler|x-forcepoint|x-cache|proxy-)/i.test(h));
  return proxyHeader || /proxy|blocked|access denied|forbidden by|zscaler|bluecoat|forcepoint|netskope|fortiguard|palo alto|websense|squid|firewall|security policy|captive portal|not permitted by/i.test(text);
}

/** True when an HTML page is the LangSmith web app (a web-app host used as the API endpoint). */
export function looksLikeLangSmithApp(body: string): boolean {
  return /<title>[^<]*LangSmith/i.test(body) || /smith\.langchain\.com/i.test(body.slice(0, 20_000));
}
