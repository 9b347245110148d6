// The public API: what `import … from 'langsmith-doctor'` gives a plugin author. Built-in
// checkers import only from here, so they prove the API is enough.
import type { Checker, CheckContext } from './core/checker.js';
import type { Http } from './langsmith/http.js';
import type { LangSmithSettings } from './langsmith/settings.js';

export {
  pass,
  fail,
  warn,
  info,
  skip,
  report,
  finding,
  statusOf,
} from './core/checker.js';
export type {
  Status,
  Severity,
  Fix,
  Finding,
  CheckOutcome,
  CheckResult,
  CheckReturn,
  CheckerPack,
  Checker,
} from './core/checker.js';

/** The context every checker receives: resolved LangSmith settings and the shared HTTP prober. */
export type DoctorContext<Options = Record<string, unknown>> = CheckContext<Options, LangSmithSettings, Http>;
export type DoctorChecker<Options = Record<string, unknown>> = Checker<Options, LangSmithSettings, Http>;

/** Only adds types: a plain object with id, title and run is a checker too. */
export function defineChecker<Options = Record<string, unknown>>(checker: DoctorChecker<Options>): DoctorChecker<Options> {
  return checker;
}

// LangSmith helpers a checker may use (the built-ins do).
export { classifyKey, maskKey, showKeyValue, isTemplateText, whyKeyNotSendable, isSendableKey, kindLabel, SECRET_PATTERNS, MAX_KEY_BYTES, type KeyKind, type Unsendable } from './langsmith/keys.js';
export { DEFAULT_REGIONS, UI_HOSTS, describeEndpoint, isLoopbackHost, regionOfHost, type EndpointInfo } from './langsmith/regions.js';
export { sourceLabel, sourceId, trimQuotesJs, pyStripQuotes, jsonErrorPlace, type LangSmithSettings, type Resolved, type Source, type Candidate } from './langsmith/settings.js';
export { DOCS } from './langsmith/docs.js';
export { envLine, describeValue, shellQuote, PLACEHOLDER } from './langsmith/text.js';
export type { Http, ProbeRequest, ProbeResponse, TranscriptEntry } from './langsmith/http.js';
export { suggestName, KNOWN_SUFFIXES, type NameHint } from './langsmith/env-names.js';
export { routeProblem, excerpt } from './langsmith/answers.js';
export { classifyAnswer, codeForAnswer, SIGNATURES, looksLikeProxyPage, looksLikeLangSmithApp, type Signature } from './langsmith/signatures.js';
export { v1Path } from './langsmith/http.js';
export { tierFrom, type Tier, type TierInput, type Measured } from './langsmith/tiers.js';
export { findKey, matchesKey, shortKeyParts, humanDuration, type ListedKey } from './langsmith/key-lists.js';
export { PROBES, sdkProjectsRequest } from './langsmith/probes.js';
export { reaskWithoutWorkspace, needsWorkspaceReask, judgeWithoutWorkspace, type WorkspaceReask, type WorkspaceBlame } from './langsmith/workspace-reask.js';
export { locatePython, findDistribution, type PythonLookup, type PythonSite } from './langsmith/python.js';
export { detectSdks, findJsPackage, findPythonPackage, compareVersions, olderThan, JS_LANGSMITH_VARS_SINCE, JS_LANGSMITH_TRACING_SINCE, PYTHON_SKIPS_EMPTY_SINCE, PROFILE_SINCE, WORKSPACE_ID_SINCE, type InstalledSdk } from './langsmith/sdks.js';
