// What each code means and how to fix it, as explain words it.
import type { Finding, Fix } from '../../core/checker.js';
import { DOCS } from '../docs.js';

export const STATUS_PAGE = 'https://status.smith.langchain.com';
const REGION_URLS: Record<string, string> = {
  us: 'https://api.smith.langchain.com',
  eu: 'https://eu.api.smith.langchain.com',
  apac: 'https://apac.api.smith.langchain.com',
  aws: 'https://aws.api.smith.langchain.com',
};

export const endpointLines = (region = 'eu') => [`export LANGSMITH_ENDPOINT=${REGION_URLS[region] ?? REGION_URLS.eu}`, `export LANGCHAIN_ENDPOINT=${REGION_URLS[region] ?? REGION_URLS.eu}   # older SDKs read only this name`];

/** What each code means and how to fix it, for `explain`. */
export const FIXES: Record<string, { message: string; fix: Fix; docs?: string; severity?: Finding['severity'] }> = {
  KEY_LEGACY: {
    message: 'LangSmith refused a legacy ls__ key (legacy keys stopped working on 2024-10-22). If you already created a new key, an old one is still the one being sent.',
    fix: { text: 'Create an lsv2_ key and remove every ls__ key: shell profile, OS environment, .env files, CI secrets (both LANGSMITH_API_KEY and LANGCHAIN_API_KEY); load .env before importing LangChain.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>', 'grep -rn "ls__" .env* ~/.bashrc ~/.zshrc ~/.profile 2>/dev/null'] },
    docs: DOCS.apiKeys,
  },
  WORKSPACE_REQUIRED: {
    message: 'The key is organisation-scoped and the request named no workspace (X-Tenant-Id), so LangSmith refused it.',
    fix: { text: 'Set LANGSMITH_WORKSPACE_ID to the workspace to use (Settings → Workspaces), or use a workspace-scoped key. SDKs older than Python 0.4.20 / JS 0.3.65 never send it: upgrade them. Raw HTTP calls send the header X-Tenant-Id.', commands: ['export LANGSMITH_WORKSPACE_ID=<workspace uuid>'] },
    docs: DOCS.workspaces,
  },
  NO_PLAN: {
    message: 'Hypothesis: the organisation has no active plan, so workspace calls are refused. The one public case of "no plan found" was a request with no API key.',
    fix: { text: 'First make sure a key reaches the SDK (LANGSMITH_API_KEY set in the environment the process gets). Only if it does: an organisation admin checks the plan in Settings → Usage and Billing (the free Developer plan counts).', commands: [] },
    docs: DOCS.workspaces,
  },
  KEY_EXPIRED: {
    message: 'The key has expired; an expired key cannot be renewed or extended.',
    fix: { text: `Create a new key in Settings → API Keys (${DOCS.apiKeys}) and replace the old one everywhere it is set.`, commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
    docs: DOCS.apiKeys,
  },
  WORKSPACE_NOT_ACCESSIBLE: {
    message: 'The workspace id names a workspace this key cannot use (deleted, another organisation, or the key is not a member).',
    fix: { text: 'Set LANGSMITH_WORKSPACE_ID to a workspace the key belongs to (langsmith-doctor lists them), or unset it to use the key\'s default workspace.', commands: ['langsmith-doctor'] },
    docs: DOCS.workspaces,
  },
  LICENSE_INVALID: {
    message: 'A licence check failed. This is not an API-key permission problem: LangGraph Server / Studio checks that the LangSmith account is entitled to LangGraph Platform (GET /auth?langgraph-api=true), and self-hosted LangSmith needs a valid enterprise licence key.',
    fix: { text: 'Local development: use `langgraph dev` (no licence needed) or upgrade langgraph-cli. LangGraph Studio Desktop: do not set LANGSMITH_API_KEY/ENDPOINT in the project .env (Studio injects its own; they must match the logged-in region). Self-hosted LangSmith / LangGraph: set the licence key from LangChain (LANGSMITH_LICENSE_KEY, or the Helm value config.langsmithLicenseKey).', commands: ['pip install -U "langgraph-cli[inmem]" && langgraph dev'] },
  },
  USAGE_LIMIT_REACHED: {
    message: 'A usage limit (plan allowance or a self-configured monthly limit) is reached; LangSmith refuses new traces (429) until it resets or is raised.',
    fix: { text: 'Check Settings → Usage and Billing: add a payment method or raise the limit, wait for the reset, or trace less (LANGSMITH_TRACING_SAMPLING_RATE).', commands: ['export LANGSMITH_TRACING_SAMPLING_RATE=0.1'] },
    docs: DOCS.limits,
  },
  PAYLOAD_TOO_LARGE: {
    message: 'The request body is larger than the server (or a proxy in front of it) accepts; LangSmith SaaS takes about 20–25 MB per batch. Not a key problem.',
    fix: { text: 'Upgrade the SDK (smaller default batches), keep huge inputs/outputs out of traces (LANGSMITH_HIDE_INPUTS / LANGSMITH_HIDE_OUTPUTS, or trim them), and on self-hosted raise the ingress body limit (nginx client_max_body_size). JS: npm install langsmith@latest.', commands: ['pip install -U langsmith'] },
    docs: DOCS.limits,
  },
  REGION_MISMATCH: {
    message: 'LangSmith could not resolve a prompt owner for this key ("No prompt owner specified"): the request went to a region that does not know the key, typically an EU/APAC/AWS workspace addressed through the US default.',
    fix: { text: "Point the SDK at your organisation's region (both variable names for older clients); the region is shown in the web app's URL (eu.smith.langchain.com, …).", commands: endpointLines('eu') },
    docs: DOCS.regions,
  },
  PUBLIC_PROMPT_REGION: {
    message: 'Public LangChain Hub prompts (such as rlm/rag-prompt) are served from the US instance only; with a non-US endpoint the SDK looks for them in your region, where they do not exist (404).',
    fix: { text: 'Pull public prompts from the US API and keep your regional endpoint for your own traces and prompts (Python: hub.pull("rlm/rag-prompt", api_url="https://api.smith.langchain.com"), or Client(api_url="https://api.smith.langchain.com").pull_prompt("rlm/rag-prompt")).', commands: [] },
    docs: DOCS.regions,
  },
  PROMPT_NOT_FOUND: {
    message: 'LangSmith answered 404 for a prompt: the name or owner is wrong, the commit does not exist, or the prompt is private to a workspace (or region) this key does not use.',
    fix: { text: 'Check the prompt handle on the Prompts page; pull your own prompts by name without an owner, with a key of their workspace and the endpoint of their region.', commands: ['langsmith-doctor'] },
    docs: DOCS.regions,
    severity: 'warn',
  },
  RUNS_ENDPOINTS_CONFLICT: {
    message: 'LANGSMITH_ENDPOINT (or LANGCHAIN_ENDPOINT) and LANGSMITH_RUNS_ENDPOINTS are both set; the Python SDK refuses that combination.',
    fix: { text: 'Keep one: LANGSMITH_RUNS_ENDPOINTS (a JSON map of endpoint → key, for tracing to several places) or LANGSMITH_ENDPOINT, and unset the other (both prefixes).', commands: ['unset LANGSMITH_RUNS_ENDPOINTS LANGCHAIN_RUNS_ENDPOINTS'] },
    docs: DOCS.runsEndpoints,
  },
  ENDPOINT_INVALID_URL: {
    message: 'The LangSmith endpoint is set but empty (or only quotes/whitespace), which the SDK rejects.',
    fix: { text: 'Unset LANGSMITH_ENDPOINT (and LANGCHAIN_ENDPOINT) to use the US default, or set the full API URL of your region / your self-hosted base ending in /api/v1.', commands: ['unset LANGSMITH_ENDPOINT LANGCHAIN_ENDPOINT'] },
    docs: DOCS.regions,
  },
  KEY_MISSING: {
    message: 'The LangSmith SDK started without an API key while tracing to hosted LangSmith, so every trace upload is refused.',
    fix: { text: 'Set LANGSMITH_API_KEY in the environment the process really gets (load .env before importing LangChain), or turn tracing off until you have a key.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>', 'export LANGSMITH_TRACING=false   # until a key is configured'] },
    docs: DOCS.apiKeys,
  },
  ENDPOINT_UI_HOST: {
    message: 'The endpoint answers HTML (the LangSmith web app, or a page in front of it) where the API answers JSON: LANGSMITH_ENDPOINT points at the web host (e.g. https://eu.smith.langchain.com) instead of the API host.',
    fix: { text: 'Use the API host of your region (…api.smith.langchain.com), or for self-hosted the base URL ending in /api/v1.', commands: ['export LANGSMITH_ENDPOINT=<the API URL of your region (https://api.smith.langchain.com, https://eu.api.smith.langchain.com, …) or your self-hosted base ending in /api/v1>'] },
    docs: DOCS.regions,
  },
  TLS_UNTRUSTED: {
    message: "The LangSmith host's certificate is not trusted: typical of a TLS-inspecting corporate proxy that signs with its own root CA.",
    fix: { text: "Give Node and Python your company's root CA instead of turning verification off.", commands: ['export NODE_EXTRA_CA_CERTS=<path to your corporate root CA .pem>   # Node (JS SDK)', 'export REQUESTS_CA_BUNDLE="$NODE_EXTRA_CA_CERTS"   # Python (requests)', 'export SSL_CERT_FILE="$NODE_EXTRA_CA_CERTS"'] },
  },
  TLS_ERROR: {
    message: 'The TLS handshake with the LangSmith host failed (https to an http port, a host-name mismatch, an expired certificate or a wrong clock).',
    fix: { text: 'Check the endpoint scheme and port, the certificate host name, and the system clock.', commands: ['openssl s_client -connect api.smith.langchain.com:443 -servername api.smith.langchain.com </dev/null'] },
  },
  DNS_FAILURE: {
    message: 'The LangSmith host name does not resolve (a typo in the endpoint, no network, or a VPN/corporate DNS that does not know it).',
    fix: { text: 'Check LANGSMITH_ENDPOINT for typos; on a VPN or corporate network, check that its DNS resolves the host.', commands: ['nslookup api.smith.langchain.com'] },
  },
  CONNECTION_REFUSED: {
    message: 'Nothing accepts connections at the LangSmith endpoint (self-hosted not running, wrong port, or a firewall rejecting the route).',
    fix: { text: 'Self-hosted: check that LangSmith is running and listening on that port. SaaS: a firewall refuses the route, or a proxy is required (HTTPS_PROXY).', commands: ['curl -v https://api.smith.langchain.com/info'] },
  },
  TIMEOUT: {
    message: 'LangSmith did not answer in time: a firewall silently dropping the traffic, a required proxy, or a slow link.',
    fix: { text: 'Check that api.smith.langchain.com (or your region/self-hosted host) is reachable; set HTTPS_PROXY if your network needs a proxy (the JS SDK needs a proxy-aware fetch: overrideFetchImplementation).', commands: ['curl -sS --max-time 10 https://api.smith.langchain.com/info'] },
  },
  NETWORK_ERROR: {
    message: 'The request to LangSmith failed before any answer ("fetch failed" and the like): the text does not say whether the name did not resolve, the connection was refused or reset, a proxy is needed, or the endpoint variable is wrong.',
    fix: { text: 'Check LANGSMITH_ENDPOINT in the environment the process really runs in (production often differs from local), then reachability: curl the /info route; set HTTPS_PROXY if the network needs a proxy. `langsmith-doctor` names the exact failure.', commands: ['curl -sS https://api.smith.langchain.com/info', 'langsmith-doctor'] },
  },
  CONNECTION_RESET: {
    message: 'The connection to LangSmith was cut (reset by peer): typical of a VPN or proxy, or of a very large request body.',
    fix: { text: 'Allow or bypass the LangSmith host on the VPN/proxy; shrink very large traces; upgrade the SDK for better retries.', commands: ['curl -v https://api.smith.langchain.com/info'] },
  },
  RATE_LIMITED: {
    message: 'LangSmith answered 429: a rate limit (per key and minute) or a usage limit. Limits answer 429, never 403.',
    fix: { text: 'Wait and retry; lower the trace volume (LANGSMITH_TRACING_SAMPLING_RATE); check Settings → Usage and Billing for a plan or monthly limit.', commands: ['export LANGSMITH_TRACING_SAMPLING_RATE=0.1'] },
    docs: DOCS.limits,
    severity: 'warn',
  },
  SERVICE_ERROR: {
    message: 'LangSmith answered with a server error (5xx): a problem on the service side, not your key or set-up.',
    fix: { text: `Check ${STATUS_PAGE} (self-hosted: the deployment's logs) and try again later; no change on your side is needed.`, commands: [] },
    docs: STATUS_PAGE,
    severity: 'warn',
  },
  PROXY_INTERFERENCE: {
    message: 'A proxy answered in LangSmith\'s place (407 Proxy Authentication Required, or a block page).',
    fix: { text: 'Give the SDK the proxy and its credentials (HTTPS_PROXY=http://user:pass@proxy:port), or have the LangSmith hosts allow-listed.', commands: ['export HTTPS_PROXY=http://proxy.example:3128'] },
  },
  AUTH_HEADER_WRONG: {
    message: 'The request sent the key as "Authorization: Bearer …". LangSmith API keys go in the x-api-key header; Bearer is only for OAuth/UI tokens.',
    fix: { text: 'Send the key as x-api-key (plus X-Tenant-Id for an org-scoped key), or use the SDK, which does this for you.', commands: [] },
    docs: DOCS.apiKeys,
  },
};

