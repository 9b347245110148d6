// The shapes explain's stages hand to each other: the public result, and the internal pieces
// (a signature hit, whose error it is, the hints the whole text gives, an incident, a verdict).
import type { Finding, Fix } from '../../core/checker.js';
import type { KeyKind } from '../keys.js';
import type { Secret } from '../secrets.js';
import type { Signature } from '../signatures.js';

export interface Candidate {
  code: string;
  why: string;
  howToTell: string;
}

export interface ExplainInputInfo {
  /** Bytes read. */
  bytes: number;
  /** Bytes analysed (the end of the input when it was larger than the cap). */
  analysedBytes: number;
  /** Lines in the input (including those before the analysed part). */
  lines: number;
  /** True when only the end of the input was analysed. */
  truncated: boolean;
}

export interface ExplainResult {
  schemaVersion: 1;
  findings: Finding[];
  input: ExplainInputInfo;
}

export interface ExplainOptions {
  /** Bytes of the whole input, when only its end is passed. */
  totalBytes?: number;
  /** Lines before the part passed (so line numbers stay those of the whole input). */
  lineOffset?: number;
  /** Extra exact secrets to mask (with how each is shown, when not as a key). */
  secrets?: Array<string | Secret>;
}

export interface Hit {
  sig: Signature;
  line: number; // 0-based, within the analysed text
  pos: number; // absolute offset of the match
  end: number;
}

export interface Attribution {
  /** `langsmith`, an OTHER_SERVICES id, `host` (some other host) or `unknown`. */
  service: string;
  /** Display name for other services. */
  name?: string;
  host?: string;
  path?: string;
  how: 'declared' | 'url' | 'marker' | 'near' | 'global' | 'assumed';
}

export interface UrlRef {
  index: number;
  host: string;
  port?: string;
  path: string;
  method?: string;
  /** A bare host name (host='…', ENOTFOUND …), not a full URL: weaker evidence. */
  weak?: boolean;
}

export interface Hints {
  keyKinds: Set<KeyKind>;
  missingKeyWarning: boolean;
  langsmithVarsOnly: boolean;
  tracingV2Langsmith: boolean;
  oldJsFormat: boolean;
  bearer: boolean;
  serviceDown: boolean;
  dotenv: boolean;
  hasLangSmith: boolean;
  firstOther?: string;
}

export interface Incident {
  /** Matching lines beyond the ones looked at in detail (counted, not analysed). */
  extra: number;
  key: string;
  finding: Finding;
  line: number;
  status?: number;
  /** Precise: names the cause itself (may absorb nearby bare statuses of the same error). */
  precise: boolean;
  /** A bare status (401/403) that a precise finding nearby explains better. */
  absorbable: boolean;
  langsmith: boolean;
}

/** What `decide` sees of one match: the signatures on its line, its status, URL and words around it. */
export interface Ctx {
  ids: Set<string>;
  status?: number;
  host?: string;
  path?: string;
  method?: string;
  region?: string;
  near: string;
  /** The matched line (or the part of a long line around the match). */
  line: string;
  hints: Hints;
}

export interface Verdict {
  code: string;
  message: string;
  fix: Fix;
  docs?: string;
  severity?: Finding['severity'];
  precise: boolean;
  candidates?: Candidate[];
}

