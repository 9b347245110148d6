// `explain`: a pasted log, traceback, SDK warning or HTTP body -> findings. Pure analysis, no I/O.
// The signatures live in ./signatures.ts (shared with the live probes); this module decides, for
// every match, WHICH service the error belongs to (the URL and the words around it) and, for
// LangSmith, which cause fits: one code when the text says it, a ranked list when it does not.
import type { Finding, Fix } from '../core/checker.js';
import type { Redactor } from '../core/redact.js';
import { oneLine } from '../core/text.js';
import { DOCS } from './docs.js';
import { isLoopbackHost } from './regions.js';
import { classifyKey, type KeyKind } from './keys.js';
import { secretRedactor, type Secret } from './secrets.js';
import {
  LANGSMITH_API_HOST,
  LANGSMITH_MARKERS,
  LANGSMITH_PATH,
  LANGSMITH_UI_HOST,
  NEUTRAL_HOST,
  OTHER_SERVICES,
  SIGNATURES,
  statusInText,
  type Signature,
} from './signatures.js';

/** At most this much of the input is analysed: the end of it, where the latest errors are. */
export const MAX_ANALYSED_BYTES = 8 * 1024 * 1024;
/** Matches of one signature looked at in detail; further ones are only counted. */
const MAX_HITS_PER_SIGNATURE = 5000;
/** Characters of a long line looked at around a match. */
const SEGMENT = 1500;
/** Lines looked at around a match to find whose error it is. */
const NEAR_LINES = 8;
const FAR_LINES = 50;
/** A precise finding absorbs a bare status of the same error this many lines away. */
const ABSORB_LINES = 12;
const EXCERPT_MAX = 200;
/** Characters of a token (a key, a base64 run): a segment is never cut inside one. */
const TOKEN_CHAR = /[A-Za-z0-9_\-.~+/=%]/;

const STATUS_PAGE = 'https://status.smith.langchain.com';
const REGION_URLS: Record<string, string> = {
  us: 'https://api.smith.langchain.com',
  eu: 'https://eu.api.smith.langchain.com',
  apac: 'https://apac.api.smith.langchain.com',
  aws: 'https://aws.api.smith.langchain.com',
};

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

// -- input: bytes -> text ---------------------------------------------------------------------

/** Keeps the last `max` bytes, starting at a line boundary when one is near. */
export function capTail(buf: Uint8Array, max = MAX_ANALYSED_BYTES): { tail: Uint8Array; droppedBytes: number; droppedLines: number } {
  if (buf.length <= max) return { tail: buf, droppedBytes: 0, droppedLines: 0 };
  let cut = buf.length - max;
  const nl = buf.indexOf(10, cut);
  if (nl !== -1 && nl - cut < 64 * 1024) cut = nl + 1;
  return { tail: buf.subarray(cut), droppedBytes: cut, droppedLines: countNewlines(buf, 0, cut) };
}

export function countNewlines(buf: Uint8Array, from = 0, to = buf.length): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Lenient UTF-8 (invalid bytes become U+FFFD), terminal escapes removed, one newline style. */
export function decodeText(buf: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return stripAnsi(text).replace(/\r\n?/g, '\n');
}

export function stripAnsi(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\][^\u0007\u001b\n]{0,2048}(?:\u0007|\u001b\\)?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b[@-Z\\-_]?/g, '');
}

export function explainBytes(buf: Uint8Array, opts: ExplainOptions = {}): ExplainResult {
  const { tail, droppedLines } = capTail(buf);
  return explainText(
    decodeText(tail),
    { ...opts, totalBytes: opts.totalBytes ?? buf.length, lineOffset: (opts.lineOffset ?? 0) + droppedLines },
    tail.length,
  );
}

// -- the analysis -----------------------------------------------------------------------------

interface Hit {
  sig: Signature;
  line: number; // 0-based, within the analysed text
  pos: number; // absolute offset of the match
  end: number;
}

interface Attribution {
  /** `langsmith`, an OTHER_SERVICES id, `host` (some other host) or `unknown`. */
  service: string;
  /** Display name for other services. */
  name?: string;
  host?: string;
  path?: string;
  how: 'declared' | 'url' | 'marker' | 'near' | 'global' | 'assumed';
}

interface UrlRef {
  index: number;
  host: string;
  port?: string;
  path: string;
  method?: string;
  /** A bare host name (host='…', ENOTFOUND …), not a full URL: weaker evidence. */
  weak?: boolean;
}

interface Hints {
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

interface Incident {
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

const URL_RE = /\bhttps?:\/\/([A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]{2,45}\])(?::(\d{1,5}))?([^\s"'<>()[\]{}`,\\|^]{0,500})/gi;
const HOST_RE = /\bhost=['"]([A-Za-z0-9.-]{1,253})['"](?:,\s{0,3}port=(\d{1,5}))?|\b(?:ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET)\s{1,3}([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?/g;
const METHOD_RE = /\b(GET|POST|PATCH|PUT|DELETE)\s{1,3}(?:to\s{1,3})?$/;

export function explainText(input: string, opts: ExplainOptions = {}, analysedBytes?: number): ExplainResult {
  const text = input.length > MAX_ANALYSED_BYTES ? input.slice(input.length - MAX_ANALYSED_BYTES) : input;
  // The run's secrets, URL credentials and key shapes are masked before any excerpt is cut.
  const redactor = secretRedactor((opts.secrets ?? []).map((s) => (typeof s === 'string' ? { value: s } : s)));
  const doc = new Doc(text);
  const lineOffset = opts.lineOffset ?? 0;
  const bytes = opts.totalBytes ?? Buffer.byteLength(input);
  const analysed = analysedBytes ?? Buffer.byteLength(text);
  const info: ExplainInputInfo = {
    bytes,
    analysedBytes: analysed,
    lines: text === '' ? lineOffset : lineOffset + doc.lineCount - (text.endsWith('\n') ? 1 : 0),
    truncated: bytes > analysed || lineOffset > 0,
  };
  if (text.trim() === '') return { schemaVersion: 1, findings: [], input: info };

  const { hits, overflow } = findHits(text, doc);
  const incidentOf = new Map<Hit, Incident>();
  const hints = readHints(text);
  const analyser = new Analyser(doc, hints, redactor, lineOffset);
  const incidents: Incident[] = [];
  // Group the hits of one line by the service they belong to.
  const byLine = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = byLine.get(h.line);
    if (list) list.push(h);
    else byLine.set(h.line, [h]);
  }
  for (const [line, lineHits] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    const groups = new Map<string, { att: Attribution; hits: Hit[] }>();
    for (const h of lineHits) {
      const att = analyser.attribute(h);
      const key = att.service === 'host' ? `host:${att.host}` : att.service;
      const g = groups.get(key);
      if (g) g.hits.push(h);
      else groups.set(key, { att, hits: [h] });
    }
    // Hits that name no service on a line whose own words prove exactly one service are that
    // service's ("cohere…ApiError: status_code: 403, body: … 403 Forbidden").
    const unknown = groups.get('unknown');
    const proven = [...groups.entries()].filter(([k, g]) => k !== 'unknown' && g.att.how === 'declared');
    if (unknown && proven.length === 1) {
      proven[0]![1].hits.push(...unknown.hits);
      groups.delete('unknown');
    }
    // The OpenAI client's error format is shared by Azure, Groq, OpenRouter…: the more specific
    // service on the same line wins.
    const openai = groups.get('openai');
    const specific = [...groups.entries()].find(([k]) => !['openai', 'langsmith', 'unknown'].includes(k) && !k.startsWith('host:'));
    if (openai && specific) {
      specific[1].hits.push(...openai.hits);
      groups.delete('openai');
    }
    for (const { att, hits: gh } of groups.values()) {
      const inc = analyser.classify(line, att, gh);
      if (inc) {
        incidents.push(inc);
        for (const h of gh) incidentOf.set(h, inc);
      }
    }
  }
  for (const [hit, more] of overflow) {
    const inc = incidentOf.get(hit);
    if (inc) inc.extra = Math.max(inc.extra, more);
  }
  return { schemaVersion: 1, findings: merge(incidents, redactor), input: info };
}

class Doc {
  readonly starts: Uint32Array;
  readonly lineCount: number;
  constructor(readonly text: string) {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Uint32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    this.lineCount = n;
  }
  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  start(line: number): number {
    return this.starts[line]!;
  }
  end(line: number): number {
    return line + 1 < this.lineCount ? this.starts[line + 1]! - 1 : this.text.length;
  }
  /** A bounded piece of a line: around `pos` when given, else its beginning. */
  segment(line: number, pos?: number): { text: string; offset: number } {
    const s = this.start(line);
    const e = this.end(line);
    if (e - s <= 2 * SEGMENT) return { text: this.text.slice(s, e), offset: s };
    const from = pos === undefined ? s : Math.max(s, pos - SEGMENT);
    const to = Math.min(e, from + 2 * SEGMENT);
    return { text: this.text.slice(from, to), offset: from };
  }
}

function findHits(text: string, doc: Doc): { hits: Hit[]; overflow: Map<Hit, number> } {
  const hits: Hit[] = [];
  const overflow = new Map<Hit, number>();
  for (const sig of SIGNATURES) {
    if (sig.scope === 'answer') continue;
    const re = new RegExp(sig.pattern.source, sig.pattern.flags.includes('g') ? sig.pattern.flags : sig.pattern.flags + 'g');
    let m: RegExpExecArray | null;
    let n = 0;
    let lastLine = -1;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const line = doc.lineOf(m.index);
      // One hit per signature and line is enough (a line repeating a body 10 000 times is one error).
      if (line !== lastLine) {
        hits.push({ sig, line, pos: m.index, end: m.index + m[0].length });
        lastLine = line;
        if (++n >= MAX_HITS_PER_SIGNATURE) {
          // Count the further lines (cheaply) toward the last analysed one.
          const last = hits[hits.length - 1]!;
          let more = 0;
          re.lastIndex = doc.end(line);
          while ((m = re.exec(text)) !== null) {
            more++;
            re.lastIndex = Math.max(re.lastIndex, doc.end(doc.lineOf(m.index)));
          }
          overflow.set(last, more);
          break;
        }
      } else {
        // Skip to the next line: nothing more to learn from this one for this signature.
        re.lastIndex = Math.max(re.lastIndex, doc.end(line));
      }
    }
  }
  return { hits, overflow };
}

function readHints(text: string): Hints {
  const keyKinds = new Set<KeyKind>();
  const assign = /\b(?:LANGSMITH|LANGCHAIN)_API_KEY["'\]]{0,2}[ \t]{0,3}[=:][ \t]{0,3}["']?([^\s"',;)]{0,200})/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = assign.exec(text)) !== null && n++ < 200) {
    const v = m[1] ?? '';
    // A masked display (lsv2_pt_…abcd, ****) is a real key shown safely, not a template.
    if (/^lsv2_(?:pt|sk)_.{0,8}(?:…|\*{3})/.test(v) && !/\.\.\./.test(v)) continue;
    // A run of * or • is the poster masking the key in a post: it says nothing about the key.
    if (/^[*•]{3,}$/.test(v)) continue;
    // A code expression assigned as text (`%env KEY=userdata.get('…')`): the key IS that text.
    const kind = /^[A-Za-z_$][\w$.]{0,80}[([]$/.test(v) ? 'placeholder' : classifyKey(v).kind;
    if (kind === 'placeholder' || kind === 'none' || kind === 'other-provider' || kind === 'legacy') keyKinds.add(kind);
  }
  const head = text.length > 2_000_000 ? text.slice(0, 1_000_000) + text.slice(-1_000_000) : text;
  const firstOther = OTHER_SERVICES.find((s) => s.markers.test(head))?.id;
  return {
    keyKinds,
    missingKeyWarning: /LangSmithMissingAPIKeyWarning|API key must be provided when using hosted LangSmith API/.test(text),
    langsmithVarsOnly: /\bLANGSMITH_(?:API_KEY|TRACING|ENDPOINT|PROJECT)\b/.test(text) && !/\bLANGCHAIN_(?:API_KEY|TRACING_V2|ENDPOINT|PROJECT)\b/.test(text),
    tracingV2Langsmith: /\bLANGSMITH_TRACING_V2\b/.test(text),
    oldJsFormat: /Failed to (?:batch )?create run: \d{3}\b/.test(text),
    bearer: /Authorization["']?\s{0,3}:\s{0,3}Bearer\b/i.test(text),
    // The user says the web app fails too: a service-side incident, not the key.
    serviceDown: /status\.smith\.langchain\.com|(?:dashboard|web app|settings page|UI)[^\n]{0,40}(?:not load|would not load|won't load|down|unavailable)|(?:unable|can't|cannot|couldn't|could not|not able)(?: to)?(?: even)?(?: to)? (?:go to|open|load|access|reach|log ?in to)(?: the)? (?:settings|dashboard|web app|UI|LangSmith)/i.test(text),
    dotenv: /load_dotenv|\bdotenv\b|\.env\b/.test(text),
    hasLangSmith: LANGSMITH_MARKERS.test(head),
    firstOther,
  };
}

function regionOfHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  // A LangSmith API host cut off by a pasted title or a wrapped line is still that host.
  const h = completeLangSmithHost(host.toLowerCase());
  if (LANGSMITH_API_HOST.test(h) || LANGSMITH_UI_HOST.test(h)) {
    const first = h.split('.')[0]!;
    return ['eu', 'apac', 'aws', 'dev', 'beta'].includes(first) ? first : 'us';
  }
  return 'self-hosted';
}

/** `api.smith.langchain.co` (a truncated paste) -> `api.smith.langchain.com`; other hosts unchanged. */
function completeLangSmithHost(h: string): string {
  const m = /^((?:eu|apac|aws)\.)?api\.smith\.langchain\.c(?:o)?$/.exec(h);
  return m ? `${m[1] ?? ''}api.smith.langchain.com` : h;
}

/** Loopback as regions.ts defines it, plus the names that mean "this machine" in pasted logs. */
function isLoopback(host: string): boolean {
  return isLoopbackHost(host) || /^(?:0\.0\.0\.0|host\.docker\.internal)$/i.test(host);
}

/** The service a URL belongs to; undefined for links that say nothing (docs, status pages). */
function serviceOfUrl(u: UrlRef): Attribution | undefined {
  const host = u.host.toLowerCase();
  if (NEUTRAL_HOST.test(host)) return undefined;
  if (LANGSMITH_API_HOST.test(host) || LANGSMITH_UI_HOST.test(host) || /\.langgraph\.app$/.test(host)) return { service: 'langsmith', host, path: u.path, how: 'url' };
  for (const s of OTHER_SERVICES) if (s.hosts.test(host)) return { service: s.id, name: s.name, host, path: u.path, how: 'url' };
  if (isLoopback(host)) {
    if (u.port === '11434') return { service: 'ollama', name: 'Ollama', host, how: 'url' };
    if (u.port === '1984' || u.port === '1980' || LANGSMITH_PATH.test(u.path)) return { service: 'langsmith', host: `${host}${u.port ? `:${u.port}` : ''}`, path: u.path, how: 'url' };
    return undefined;
  }
  // A self-hosted API path, or a typo of a LangSmith host (api.smith.langchian.com).
  if (LANGSMITH_PATH.test(u.path) || /smith|langchain|langsmith|langchian/i.test(host)) return { service: 'langsmith', host, path: u.path, how: 'url' };
  return { service: 'host', name: host, host, path: u.path, how: 'url' };
}

function urlsIn(seg: string): UrlRef[] {
  const out: UrlRef[] = [];
  const re = new RegExp(URL_RE.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null && out.length < 50) {
    const before = seg.slice(Math.max(0, m.index - 12), m.index);
    out.push({ index: m.index, host: m[1]!, port: m[2], path: (m[3] ?? '').replace(/[.,;:'")\]]+$/, '') || '/', method: METHOD_RE.exec(before)?.[1] });
  }
  const hr = new RegExp(HOST_RE.source, 'g');
  while ((m = hr.exec(seg)) !== null && out.length < 60) {
    out.push({ index: m.index, host: (m[1] ?? m[3])!, port: m[2] ?? m[4], path: '/', weak: true });
  }
  return out;
}

interface LineInfo {
  known?: Attribution; // a URL of LangSmith or a known service
  marker?: Attribution; // words of a service
  unknownHost?: Attribution; // a URL of some other host
}

class Analyser {
  private readonly lineInfo = new Map<number, LineInfo>();
  constructor(
    private readonly doc: Doc,
    private readonly hints: Hints,
    private readonly redactor: Redactor,
    private readonly lineOffset: number,
  ) {}

  /** Whose error is this match? The match's own words first, then its line, then its neighbours. */
  attribute(h: Hit): Attribution {
    if (h.sig.service === 'langsmith') {
      const u = this.langsmithUrlNear(h.line, h.pos);
      return { service: 'langsmith', host: u?.host, path: u?.path, how: 'declared' };
    }
    const seg = this.doc.segment(h.line, h.pos);
    const rel = h.pos - seg.offset;
    const urls = urlsIn(seg.text)
      .map((u) => ({ u, a: serviceOfUrl(u) }))
      .filter((x): x is { u: UrlRef; a: Attribution } => x.a !== undefined);
    const nearest = <T extends { index: number }>(list: T[]) => list.sort((a, b) => Math.abs(a.index - rel) - Math.abs(b.index - rel))[0];
    const knownUrl = nearest(urls.filter((x) => x.a.service !== 'host').map((x) => ({ ...x, index: x.u.index })));
    if (knownUrl) return knownUrl.a;
    if (h.sig.service) {
      const s = OTHER_SERVICES.find((o) => o.id === h.sig.service);
      return { service: h.sig.service, name: s?.name ?? h.sig.service, how: 'declared' };
    }
    const marker = nearest(markersIn(seg.text));
    if (marker) {
      if (marker.service === 'langsmith') {
        const u = urls.find((x) => x.a.service === 'host')?.u;
        return { service: 'langsmith', host: u?.host, path: u?.path, how: 'marker' };
      }
      return { service: marker.service, name: OTHER_SERVICES.find((o) => o.id === marker.service)?.name, how: 'marker' };
    }
    const unknown = nearest(urls.filter((x) => x.a.service === 'host').map((x) => ({ ...x, index: x.u.index })));
    if (unknown && !unknown.u.weak) return unknown.a;
    if (unknown) {
      // A bare host name: the words on the lines right around it say more.
      for (const l of [h.line - 1, h.line + 1, h.line - 2, h.line + 2]) {
        if (l < 0 || l >= this.doc.lineCount) continue;
        const li = this.info(l);
        const a = li.known ?? li.marker;
        if (a) return { ...a, how: 'near' };
      }
      return unknown.a;
    }
    // Neighbouring lines, nearest first (a traceback's frames above, a JS stack below).
    for (let d = 1; d <= FAR_LINES; d++) {
      for (const l of [h.line - d, h.line + d]) {
        if (l < 0 || l >= this.doc.lineCount) continue;
        const li = this.info(l);
        const a = li.known ?? li.marker ?? (d <= 2 ? li.unknownHost : undefined);
        if (a) return { ...a, how: d <= NEAR_LINES ? 'near' : 'global' };
      }
    }
    // The text names the service itself ("Invalid Exa API key"): that one, whoever it is.
    const named = h.sig.code === 'NOT_LANGSMITH_ERROR' ? h.sig.pattern.exec(this.doc.text.slice(h.pos, h.end))?.[1] : undefined;
    if (named) return { service: 'host', name: named, how: 'declared' };
    if (this.hints.hasLangSmith) return { service: 'langsmith', how: 'global' };
    if (this.hints.firstOther) {
      return { service: this.hints.firstOther, name: OTHER_SERVICES.find((o) => o.id === this.hints.firstOther)?.name, how: 'global' };
    }
    return { service: 'unknown', how: 'assumed' };
  }

  private info(line: number): LineInfo {
    const cached = this.lineInfo.get(line);
    if (cached) return cached;
    const seg = this.doc.segment(line).text;
    const urls = urlsIn(seg).map(serviceOfUrl).filter((a): a is Attribution => a !== undefined);
    const markers = markersIn(seg);
    const info: LineInfo = {
      known: urls.find((a) => a.service !== 'host'),
      marker: markers[0] ? { service: markers[0].service, name: OTHER_SERVICES.find((o) => o.id === markers[0]!.service)?.name, how: 'marker' } : undefined,
      unknownHost: urls.find((a) => a.service === 'host'),
    };
    if (this.lineInfo.size < 200_000) this.lineInfo.set(line, info);
    return info;
  }

  /** The LangSmith URL on this line or the next/previous few (for host, region and route). */
  private langsmithUrlNear(line: number, pos?: number): UrlRef | undefined {
    for (const l of [line, line - 1, line + 1, line - 2, line + 2, line - 3]) {
      if (l < 0 || l >= this.doc.lineCount) continue;
      const seg = this.doc.segment(l, l === line ? pos : undefined).text;
      const hasMarker = LANGSMITH_MARKERS.test(seg);
      const u = urlsIn(seg).find((x) => {
        const a = serviceOfUrl(x);
        return a?.service === 'langsmith' || (a?.service === 'host' && hasMarker);
      });
      if (u) return u;
    }
    return undefined;
  }

  private near(line: number, before: number, after: number): string {
    const parts: string[] = [];
    for (let l = Math.max(0, line - before); l <= Math.min(this.doc.lineCount - 1, line + after); l++) parts.push(this.doc.segment(l).text.slice(0, 2000));
    return parts.join('\n');
  }

  private statusNear(line: number, pos: number | undefined, hits: Hit[]): number | undefined {
    const own = statusInText(this.doc.segment(line, pos).text);
    if (own !== undefined && own >= 400) return own;
    const implied = hits.map((h) => h.sig.status).find((s) => s !== undefined);
    if (implied !== undefined) return implied;
    if (own !== undefined) return own;
    for (const l of [line - 1, line + 1, line - 2, line + 2]) {
      if (l < 0 || l >= this.doc.lineCount) continue;
      const s = statusInText(this.doc.segment(l).text);
      if (s !== undefined && s >= 400) return s;
    }
    return undefined;
  }

  excerpt(hit: Hit): string {
    const seg = this.wholeTokens(this.doc.segment(hit.line, hit.pos), hit.line);
    // Redact BEFORE cutting, on a piece that cuts no token in two: a key is seen whole or not at all.
    const red = this.redactor.text(seg.text);
    const matched = this.redactor.text(this.doc.text.slice(hit.pos, Math.min(hit.end, hit.pos + 150)));
    let at = red.indexOf(matched);
    if (at < 0) at = Math.round(((hit.pos - seg.offset) / Math.max(1, seg.text.length)) * red.length);
    const flat = (s: string) => oneLine(s).replace(/ ⏎ /g, ' ');
    const whole = flat(red).trim();
    if (whole.length <= EXCERPT_MAX) return whole;
    const start = Math.max(0, at - 60);
    const piece = flat(red.slice(start, start + EXCERPT_MAX * 2)).trim();
    const pre = start > 0 ? '…' : '';
    const room = EXCERPT_MAX - pre.length - 1;
    return pre + (piece.length > room ? `${piece.slice(0, room)}…` : piece);
  }

  /** Widens a segment of a long line so that it starts and ends between tokens. */
  private wholeTokens(seg: { text: string; offset: number }, line: number): { text: string; offset: number } {
    const text = this.doc.text;
    const min = this.doc.start(line);
    const max = this.doc.end(line);
    let a = seg.offset;
    let b = seg.offset + seg.text.length;
    if (a === min && b === max) return seg;
    for (let n = 0; a > min && n < 4096 && TOKEN_CHAR.test(text[a - 1]!); n++) a--;
    for (let n = 0; b < max && n < 4096 && TOKEN_CHAR.test(text[b]!); n++) b++;
    return { text: text.slice(a, b), offset: a };
  }

  classify(line: number, att: Attribution, hits: Hit[]): Incident | undefined {
    const ids = new Set(hits.map((h) => h.sig.id));
    const first = [...hits].sort((a, b) => b.sig.weight - a.sig.weight || a.pos - b.pos)[0]!;
    const status = this.statusNear(line, first.pos, hits);
    const lineNo = line + 1 + this.lineOffset;
    const excerpt = this.excerpt(first);
    const base = { line: lineNo, status };

    if (att.service !== 'langsmith' && att.service !== 'unknown') {
      // Another service's error. Only errors worth naming (not a JSON parse error, not a 404).
      const meaningful = hits.some((h) => h.sig.code === 'NOT_LANGSMITH_ERROR' || !['not-json', 'http-404', 'http-405', 'nginx-405', 'not-found-error', 'bearer-header'].includes(h.sig.id));
      if (!meaningful) return undefined;
      const name = att.service === 'host' ? (att.host ?? att.name ?? 'another host') : (att.name ?? att.service);
      const svc = OTHER_SERVICES.find((o) => o.id === att.service);
      const what = status ? `${status} ` : '';
      // A web site (a host with no known service) is told apart from a service the text names.
      const site = att.service === 'host' && att.host !== undefined;
      const loader = site && /document_loaders|WebBaseLoader|UrlLoader|HtmlLoader|WebBaseLoader/.test(this.near(line, NEAR_LINES, 2)) ? ' (a document loader fetching a web page)' : '';
      const message = site
        ? `This ${what}error comes from ${name}${loader}, not from LangSmith: the site refused or failed the request. It is not a LangSmith key problem.`
        : `This ${what}error comes from ${name}, not from LangSmith. It is not a LangSmith key problem${svc?.keyVar && (status === 401 || status === 403 || hits.some((h) => h.sig.code === 'NOT_LANGSMITH_ERROR')) ? ` (check ${svc.keyVar} and that service's account)` : ''}.`;
      const fix: Fix = site || att.service === 'cloudflare' || att.service === 'web'
        ? { text: `Look at the request to ${name}: many sites block scripted clients (set a browser-like User-Agent, respect robots.txt, or use a different source). langsmith-doctor cannot fix another service.`, commands: [] }
        : { text: `Fix it on the ${name} side${svc?.keyVar ? ` (${svc.keyVar}, its account, quota and endpoint)` : ''}; langsmith-doctor only diagnoses LangSmith.`, commands: [] };
      return {
        key: `NOT_LANGSMITH_ERROR|${name}`,
        extra: 0,
        line: lineNo,
        status,
        precise: false,
        absorbable: false,
        langsmith: false,
        finding: {
          code: 'NOT_LANGSMITH_ERROR',
          severity: 'info',
          message,
          fix,
          evidence: { excerpt, line: lineNo, occurrences: 1, service: att.service === 'host' ? 'other' : att.service, serviceName: name, ...(att.host ? { host: att.host } : {}), ...(status ? { status } : {}) },
        },
      };
    }

    const assumed = att.service === 'unknown';
    // A JSON parse error or a 404 with no LangSmith word near it says nothing.
    // A text that names no service at all: only LangSmith-shaped refusals are worth a guess (a
    // timeout or a reset in some other program's log is not ours to explain).
    if (assumed && ![...ids].some((id) => ASSUMABLE.has(id))) return undefined;
    if (att.how === 'global' && [...ids].every((id) => ['not-json', 'timeout', 'http-404'].includes(id))) return undefined;
    const url = att.host ? { host: att.host, path: att.path ?? '/' } : this.langsmithUrlNear(line, first.pos);
    const ctx: Ctx = {
      ids,
      status,
      host: url?.host,
      path: url?.path,
      method: (url as UrlRef | undefined)?.method ?? /\b(GET|POST|PATCH|PUT|DELETE)\s{1,3}(?:to\s{1,3})?(?:https?:\/\/|\/)/.exec(this.doc.segment(line, first.pos).text)?.[1],
      region: regionOfHost(url?.host),
      near: this.near(line, 3, 3),
      line: this.doc.segment(line, first.pos).text,
      hints: this.hints,
    };
    const verdict = decide(ctx);
    if (!verdict) return undefined;
    const severity: Finding['severity'] = assumed ? 'warn' : verdict.severity ?? 'fail';
    const prefix = assumed ? 'The text does not say which service answered; if it was LangSmith: ' : '';
    const evidence: Record<string, unknown> = {
      excerpt,
      line: lineNo,
      occurrences: 1,
      service: assumed ? 'unknown' : 'langsmith',
      ...(status ? { status } : {}),
      ...(url?.host ? { host: url.host } : {}),
      ...(verdict.candidates ? { candidates: verdict.candidates } : {}),
    };
    return {
      key: `${verdict.code}|${assumed ? 'unknown' : 'langsmith'}|${verdict.candidates ? 'ambiguous' : ''}`,
      extra: 0,
      ...base,
      line: lineNo,
      precise: verdict.precise,
      absorbable: !verdict.precise && (status === 401 || status === 403 || status === undefined),
      langsmith: true,
      finding: { code: verdict.code, severity, message: prefix + verdict.message, fix: verdict.fix, ...(verdict.docs ? { docs: verdict.docs } : {}), evidence },
    };
  }
}

/** Signatures that prove another service (its error shape), used as markers of its lines. */
const SERVICE_SHAPES = SIGNATURES.filter((sig) => sig.code === 'NOT_LANGSMITH_ERROR' && sig.service !== undefined && sig.service !== 'langsmith');

function markersIn(seg: string): { service: string; index: number }[] {
  const out: { service: string; index: number }[] = [];
  const ls = new RegExp(LANGSMITH_MARKERS.source, 'gi');
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = ls.exec(seg)) !== null && n++ < 20) out.push({ service: 'langsmith', index: m.index });
  for (const s of OTHER_SERVICES) {
    const re = new RegExp(s.markers.source, s.markers.flags.includes('g') ? s.markers.flags : s.markers.flags + 'g');
    let k = 0;
    while ((m = re.exec(seg)) !== null && k++ < 5) out.push({ service: s.id, index: m.index });
  }
  // A service's own error shape marks its line as well as its words do.
  for (const sig of SERVICE_SHAPES) {
    const hit = sig.pattern.exec(seg);
    if (hit) out.push({ service: sig.service!, index: hit.index });
  }
  return out.sort((a, b) => a.index - b.index);
}

// -- deciding the LangSmith cause -------------------------------------------------------------

interface Ctx {
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

interface Verdict {
  code: string;
  message: string;
  fix: Fix;
  docs?: string;
  severity?: Finding['severity'];
  precise: boolean;
  candidates?: Candidate[];
}

const endpointLines = (region = 'eu') => [`export LANGSMITH_ENDPOINT=${REGION_URLS[region] ?? REGION_URLS.eu}`, `export LANGCHAIN_ENDPOINT=${REGION_URLS[region] ?? REGION_URLS.eu}   # older SDKs read only this name`];

/** What each code means and how to fix it, for `explain`. */
const FIXES: Record<string, { message: string; fix: Fix; docs?: string; severity?: Finding['severity'] }> = {
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
    message: 'The organisation has no active plan, so workspace calls are refused.',
    fix: { text: 'An organisation admin picks a plan in Settings → Usage and Billing (the free Developer plan counts).', commands: [] },
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

/** Why a candidate fits a bare 401/403, and how to tell it from the others. */
const CANDIDATES: Record<string, { why: string; howToTell: string; fix: Fix }> = {
  REGION_MISMATCH: {
    why: 'The key belongs to an organisation in another region (EU, APAC or AWS) than the endpoint (the US by default). The region is a property of the organisation; the other region does not know the key, and valid and invalid keys get the same refusal (403 on trace uploads).',
    howToTell: 'Run `langsmith-doctor`: it asks every region with the key. By hand: curl -H "x-api-key: $LANGSMITH_API_KEY" https://eu.api.smith.langchain.com/api/v1/settings (and apac., aws.): a 200 there is your region. The web app URL (eu.smith.langchain.com) shows it too.',
    fix: { text: "Point the SDK at your organisation's region (set both names for older clients).", commands: endpointLines('eu') },
  },
  TRACING_WITHOUT_KEY: {
    why: 'Tracing is on but the process has no LangSmith key (never set, or set in a .env that was not loaded), so every trace upload is refused.',
    howToTell: 'Print what the process sees: python -c "import os; print(repr(os.getenv(\'LANGSMITH_API_KEY\', \'\')[:8]))" (node: process.env.LANGSMITH_API_KEY?.slice(0, 8)). Empty means this.',
    fix: { text: 'Set LANGSMITH_API_KEY where the process gets it, or turn tracing off (LANGSMITH_TRACING=false) until a key is configured.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_PLACEHOLDER: {
    why: 'The key is template text (<your-api-key>, lsv2_pt_..., "your_langsmith_api_key") copied from an example .env: tracing is on and sends it.',
    howToTell: 'The text shows LANGSMITH_API_KEY/LANGCHAIN_API_KEY set to a template value; print the first 8 characters the process sees.',
    fix: { text: 'Replace the template value with a real key (Settings → API Keys), or turn tracing off until you have one.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_OTHER_PROVIDER: {
    why: "Another service's key (OpenAI sk-…, Anthropic sk-ant-…) is set as the LangSmith key.",
    howToTell: 'LangSmith keys start with lsv2_pt_ or lsv2_sk_; the text shows a different prefix for LANGSMITH_API_KEY/LANGCHAIN_API_KEY.',
    fix: { text: 'Set LANGSMITH_API_KEY to a LangSmith key (lsv2_…) from Settings → API Keys.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  KEY_LEGACY: {
    why: 'A legacy ls__ key is set; LangSmith stopped accepting them on 2024-10-22.',
    howToTell: 'The key being sent starts with ls__.',
    fix: FIXES.KEY_LEGACY!.fix,
  },
  KEY_INVALID: {
    why: 'The key itself is wrong: mistyped or truncated, revoked or deleted, or a personal token whose owner left the organisation.',
    howToTell: 'Settings → API Keys lists live keys by prefix and last characters. `langsmith-doctor` tries the key on every region: refused everywhere means this.',
    fix: { text: 'Create a new key in Settings → API Keys (it works at once; there is no activation period) and replace the old one everywhere.', commands: ['export LANGSMITH_API_KEY=<your new lsv2_pt_ key>'] },
  },
  AUTH_HEADER_WRONG: {
    why: 'The key was sent as "Authorization: Bearer"; LangSmith reads API keys only from the x-api-key header.',
    howToTell: 'The request in the text has an Authorization: Bearer header and no x-api-key.',
    fix: FIXES.AUTH_HEADER_WRONG!.fix,
  },
  SDK_IGNORES_LANGSMITH_VARS: {
    why: 'The installed SDK (JS before 2024-08, old langchain/langsmith Python) reads only the LANGCHAIN_* names, so a key set as LANGSMITH_API_KEY is never sent (or an old LANGCHAIN_API_KEY is sent instead).',
    howToTell: 'pip show langsmith langchain-core / npm ls langsmith: old versions plus LANGSMITH_* variables mean this; setting LANGCHAIN_API_KEY as well makes it work.',
    fix: { text: 'Upgrade langsmith / langchain-core (JS: npm install langsmith@latest @langchain/core@latest), or set the LANGCHAIN_* names too (LANGCHAIN_API_KEY, LANGCHAIN_TRACING_V2=true, LANGCHAIN_ENDPOINT).', commands: ['pip install -U langsmith langchain-core'] },
  },
  DOTENV_NOT_LOADED: {
    why: 'The key is in a .env file but the environment was read before it was loaded (load_dotenv after the imports, or never called), so the client ran without it.',
    howToTell: 'Print os.environ.get("LANGSMITH_API_KEY") right where the client is created; call load_dotenv() before any LangChain import.',
    fix: { text: 'Call load_dotenv() (Python: from dotenv import load_dotenv; load_dotenv() as the first lines) (or export the variables in the shell) before importing or constructing any LangChain/LangSmith object; restart notebooks after changing them.', commands: [] },
  },
  KEY_EXPIRED: {
    why: 'The key had an expiry date that has passed (expired keys cannot be renewed).',
    howToTell: 'Settings → API Keys shows the expiry; `langsmith-doctor` reports it.',
    fix: FIXES.KEY_EXPIRED!.fix,
  },
  TIER_READ_ONLY: {
    why: 'The key is valid but may not write traces: a Workspace Viewer, a read-only key, or a custom role without runs:create.',
    howToTell: 'Reads work (GET /api/v1/settings answers 200 with the same key) while trace uploads get 403; `langsmith-doctor` measures the access tier.',
    fix: { text: 'Ask a workspace admin for the Editor role (or a key with runs:create), or use a key of your own workspace.', commands: ['langsmith-doctor'] },
  },
  TIER_LIMITED_WRITE: {
    why: 'Creating (or deleting) a project needs projects:create, which only Workspace Admins have; Editors can trace into existing projects but not create them.',
    howToTell: 'Tracing into an existing project works while creating one gets 403; `langsmith-doctor --write-probe` measures it.',
    fix: { text: 'Trace into a project an admin created, or ask for the Admin role.', commands: ['export LANGSMITH_PROJECT=<an existing project>'] },
  },
  WORKSPACE_REQUIRED: {
    why: 'An organisation-scoped service key sent without a workspace id (X-Tenant-Id). The SDKs usually say so, but some routes answer a bare 403.',
    howToTell: 'The key is an lsv2_sk_ service key created for the whole organisation; setting LANGSMITH_WORKSPACE_ID makes it work.',
    fix: FIXES.WORKSPACE_REQUIRED!.fix,
  },
  WORKSPACE_NOT_ACCESSIBLE: {
    why: 'LANGSMITH_WORKSPACE_ID names a workspace this key cannot use.',
    howToTell: 'The same request without the workspace id works; `langsmith-doctor` tries both.',
    fix: FIXES.WORKSPACE_NOT_ACCESSIBLE!.fix,
  },
  PAYLOAD_TOO_LARGE: {
    why: 'Oversized trace batches have been answered 403 instead of 413 (langsmith-sdk PR #1954).',
    howToTell: 'Only large traces (big inputs, outputs or files) fail; small ones arrive.',
    fix: FIXES.PAYLOAD_TOO_LARGE!.fix,
  },
  SERVICE_ERROR: {
    why: 'Transient LangSmith incidents have answered 403 to valid keys (langsmith-sdk #1299).',
    howToTell: `${STATUS_PAGE}; the web app fails to load too; it clears without any change on your side.`,
    fix: FIXES.SERVICE_ERROR!.fix,
  },
  USAGE_LIMIT_REACHED: {
    why: 'A used-up plan allowance (e.g. 5k traces/month without a payment method) is often blamed, but the docs say usage and rate limits answer 429, not 403: unlikely for a 403.',
    howToTell: 'Settings → Usage and Billing, or GET /api/v1/workspaces/current/usage_limits (in_reject_set: true); earlier traces of the month arrived.',
    fix: FIXES.USAGE_LIMIT_REACHED!.fix,
  },
};

function rank(scores: Map<string, number>): Candidate[] {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => ({ code, why: CANDIDATES[code]!.why, howToTell: CANDIDATES[code]!.howToTell }));
}

function keyHints(scores: Map<string, number>, h: Hints, top: number): void {
  if (h.keyKinds.has('placeholder')) scores.set('KEY_PLACEHOLDER', top);
  if (h.keyKinds.has('none') || h.missingKeyWarning) scores.set('TRACING_WITHOUT_KEY', top + 1);
  if (h.keyKinds.has('other-provider')) scores.set('KEY_OTHER_PROVIDER', top + 2);
  if (h.keyKinds.has('legacy')) scores.set('KEY_LEGACY', top + 3);
  if (h.bearer) scores.set('AUTH_HEADER_WRONG', top + 4);
}

function isIngest(c: Ctx): boolean {
  return /\/runs\b/.test(c.path ?? '') || /ingest runs|multipart|Error exporting batch|create run|batch/i.test(c.near);
}

function decide(c: Ctx): Verdict | undefined {
  const has = (...ids: string[]) => ids.some((id) => c.ids.has(id));
  const v = (code: string, precise = true, extra: Partial<Verdict> = {}): Verdict => ({ code, ...FIXES[code]!, precise, ...extra });
  const st = c.status;

  if (has('legacy-key')) return v('KEY_LEGACY');
  if (has('org-scoped')) return v('WORKSPACE_REQUIRED');
  if (has('no-plan')) return v('NO_PLAN');
  if (has('expired') && (st === undefined || st === 401 || st === 403)) return v('KEY_EXPIRED');
  // A 404 on a prompt route is about the prompt, even when its name contains "Workspace".
  if (has('workspace-access') && (st === undefined || st === 403 || (st === 404 && !isPromptRoute(c)))) return v('WORKSPACE_NOT_ACCESSIBLE');
  if (has('license') || (has('langgraph-license-check') && (st === 403 || st === 401))) return v('LICENSE_INVALID');
  if (has('usage-limit') && (st === undefined || st === 429 || st === 403)) return v('USAGE_LIMIT_REACHED');
  if (has('too-large-text', 'http-413') || st === 413) return v('PAYLOAD_TOO_LARGE');
  if (has('no-prompt-owner')) return v('REGION_MISMATCH');
  if (has('conflicting-endpoints')) return v('RUNS_ENDPOINTS_CONFLICT');
  if (has('empty-url', 'invalid-url')) return v('ENDPOINT_INVALID_URL');
  if (has('missing-key-warning')) return v('KEY_MISSING', true, { severity: 'fail' });
  // The answer says no key (no authentication header) arrived at all.
  if (has('missing-auth') && (st === undefined || st === 401 || st === 403)) return v('KEY_MISSING', true, { severity: 'fail', message: 'LangSmith (or a LangGraph deployment) answered that the request carried no authentication header: no key was sent. The key is not wrong; it is missing from that request.' });
  if (has('info-not-json', 'nginx-405') || st === 405 || (c.host && LANGSMITH_UI_HOST.test(c.host) && (st !== undefined || has('not-json')))) return v('ENDPOINT_UI_HOST');
  if (has('not-json') && c.ids.size === 1) return /Failed to (?:get|fetch) info|\/info\b/.test(c.near) ? v('ENDPOINT_UI_HOST') : undefined;
  // "certificate verify failed: certificate has expired" is a failed verification, but of a
  // certificate past its date (or for another name), not of an untrusted chain.
  if (has('tls-untrusted') && !TLS_NOT_TRUST.test(c.near)) return v('TLS_UNTRUSTED');
  if (has('tls-untrusted', 'tls-error')) return v('TLS_ERROR');
  if (has('dns')) return v('DNS_FAILURE');
  if (has('refused')) return v('CONNECTION_REFUSED');
  if (has('timeout', 'request-timeout-error') || st === 408) return v('TIMEOUT');
  if (has('reset')) return v('CONNECTION_RESET');
  // "fetch failed" hides its cause in err.cause, usually printed on the next lines: when a
  // specific network failure is there, that line's finding speaks and this one stays silent.
  if (has('fetch-failed')) return NETWORK_CAUSES.some((sig) => sig.pattern.test(c.near)) ? undefined : v('NETWORK_ERROR');
  if (has('connection-error') && st === undefined) {
    return v('CONNECTION_RESET', true, { message: 'The SDK could not complete the request to LangSmith (LangSmithConnectionError; the text does not say whether it was refused, reset, timed out or blocked by TLS).' });
  }
  if (st === 429 || has('rate-limit-error')) {
    return /usage|monthly|plan limit|in_reject_set/i.test(c.near) ? v('USAGE_LIMIT_REACHED') : v('RATE_LIMITED');
  }
  if ((st !== undefined && st >= 500) || has('api-error')) return v('SERVICE_ERROR');
  if (st === 407) return v('PROXY_INTERFERENCE');
  if (st === 404 || has('not-found-error')) {
    if (!isPromptRoute(c)) return undefined;
    const owner = /\/commits\/([^/\s'"]{1,100})\//.exec(c.path ?? c.near)?.[1] ?? /(?:hub\.pull|pull_prompt)\(\s{0,3}["']([^/"'\s]{1,100})\//.exec(c.near)?.[1];
    const nonUs = c.region !== undefined && c.region !== 'us' && c.region !== 'self-hosted';
    if (nonUs && owner !== undefined && owner !== '-') return v('PUBLIC_PROMPT_REGION');
    return v('PROMPT_NOT_FOUND');
  }
  // A request to LangSmith shown with a Bearer header and no x-api-key, and no answer shown: that
  // header is the cause (with a 401/403 shown, the ranked candidates below put it first).
  if (has('bearer-header') && !/x-api-key/i.test(c.near) && st === undefined) return v('AUTH_HEADER_WRONG');
  if (st !== undefined && st < 400) return undefined;
  if (st === 401) return ambiguous401(c);
  if (st === 403) return ambiguous403(c);
  if (st === undefined && has('invalid-token', 'auth-error')) return ambiguous401({ ...c, status: 401 });
  if (st === undefined && has('ingest-forbidden')) return ambiguous403({ ...c, status: 403 });
  return undefined;
}

const NETWORK_CAUSES = SIGNATURES.filter((sig) => ['dns', 'refused', 'timeout', 'reset', 'tls-untrusted', 'tls-error'].includes(sig.id));

function isPromptRoute(c: Ctx): boolean {
  return /\/commits\/|\/repos\//.test(c.path ?? '') || /hub\.pull|pull_prompt|\/commits\//.test(c.near);
}

/** TLS failures that are not about trust: an expired certificate, a name mismatch. */
const TLS_NOT_TRUST = /certificate has expired|CERT_HAS_EXPIRED|Hostname mismatch|ERR_TLS_CERT_ALTNAME_INVALID|does not match (?:target )?host/i;

function where(c: Ctx): string {
  const route = c.path ? c.path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '<id>') : undefined;
  if (c.host && route) return ` to ${c.method ? `${c.method} ` : ''}${route.slice(0, 80)} on ${c.host}`;
  if (c.host) return ` from ${c.host}`;
  if (/multipart/i.test(c.near)) return ' to a trace upload (multipart ingest)';
  if (/batch/i.test(c.near)) return ' to a trace upload (batch ingest)';
  return '';
}

/**
 * A 401/403 whose body names something other than the key (a header, a workspace, a plan or a
 * size) is about that thing, never an invalid key: the named cause goes first, KEY_INVALID last.
 */
function bodyNames(c: Ctx, s: Map<string, number>, top: number): void {
  const body = c.line;
  const named: Array<[RegExp, string]> = [
    [/\b(?:header|x-api-key|authorization)\b/i, 'AUTH_HEADER_WRONG'],
    [/\b(?:workspace|tenant)\b/i, 'WORKSPACE_REQUIRED'],
    [/\b(?:plan|billing|quota|usage limit|trace limit)\b/i, 'USAGE_LIMIT_REACHED'],
    [/\b(?:too large|payload size|body size|size limit)\b/i, 'PAYLOAD_TOO_LARGE'],
  ];
  let hit = false;
  for (const [re, code] of named) {
    if (re.test(body) && CANDIDATES[code]) {
      s.set(code, top);
      hit = true;
    }
  }
  if (hit && s.has('KEY_INVALID')) s.set('KEY_INVALID', 1);
}

function ambiguous401(c: Ctx): Verdict {
  const s = new Map<string, number>([['KEY_INVALID', 100], ['REGION_MISMATCH', 70], ['SDK_IGNORES_LANGSMITH_VARS', 60], ['DOTENV_NOT_LOADED', 55], ['KEY_EXPIRED', 40]]);
  if (c.region && c.region !== 'us') s.set('REGION_MISMATCH', c.region === 'self-hosted' ? -1 : 50);
  if (c.hints.tracingV2Langsmith || c.hints.oldJsFormat || c.hints.langsmithVarsOnly) s.set('SDK_IGNORES_LANGSMITH_VARS', 85);
  if (c.hints.dotenv) s.set('DOTENV_NOT_LOADED', 88);
  keyHints(s, c.hints, 110);
  bodyNames(c, s, 105);
  if (s.get('REGION_MISMATCH')! < 0) s.delete('REGION_MISMATCH');
  const candidates = rank(s);
  const top = candidates[0]!;
  const hint = c.hints.tracingV2Langsmith ? ' The text names LANGSMITH_TRACING_V2: a set-up that relies on LANGSMITH_* names, which older SDKs do not read (they read LANGCHAIN_*).' : '';
  return {
    code: top.code,
    precise: false,
    candidates,
    message: `LangSmith answered 401 Unauthorized${where(c)}: it did not accept the key it received. A 401 does not say why: most likely ${label(top.code)}; ${candidates.length - 1} other causes fit (see candidates).${hint}`,
    fix: withDoctor(CANDIDATES[top.code]!.fix),
    docs: DOCS.apiKeys,
  };
}

function ambiguous403(c: Ctx): Verdict {
  const ingest = isIngest(c);
  const s = new Map<string, number>();
  s.set('REGION_MISMATCH', 90);
  s.set('TRACING_WITHOUT_KEY', 80);
  s.set('KEY_INVALID', 70);
  if (ingest || !c.path) {
    s.set('TIER_READ_ONLY', 60);
    s.set('PAYLOAD_TOO_LARGE', 50);
    s.set('USAGE_LIMIT_REACHED', 20);
  } else {
    s.set('WORKSPACE_NOT_ACCESSIBLE', 50);
    if (c.method !== 'GET') s.set('TIER_READ_ONLY', 60);
  }
  s.set('WORKSPACE_REQUIRED', 45);
  s.set('SERVICE_ERROR', 40);
  if (c.method === 'POST' && /^\/(?:api\/v1\/)?sessions\b/.test(c.path ?? '')) s.set('TIER_LIMITED_WRITE', 100);
  if (c.region === 'self-hosted') s.delete('REGION_MISMATCH');
  else if (c.region && c.region !== 'us') s.set('REGION_MISMATCH', 55);
  if (c.hints.tracingV2Langsmith || c.hints.oldJsFormat) s.set('SDK_IGNORES_LANGSMITH_VARS', 75);
  if (/too large|payload size|body size|size limit|content-length["']?\s{0,3}[:=]\s{0,3}\d{8,}|\b\d{2,4}(?:\.\d{1,2})?\s?MB\b/i.test(c.near)) s.set('PAYLOAD_TOO_LARGE', 98);
  if (c.hints.serviceDown) s.set('SERVICE_ERROR', 97);
  keyHints(s, c.hints, 100);
  bodyNames(c, s, 96);
  const candidates = rank(s);
  const top = candidates[0]!;
  const quiet = /Message:\s*$/m.test(c.near) ? ' (the JS SDK drops the body of a 403, hence the empty "Message:")' : '';
  return {
    code: top.code,
    precise: false,
    candidates,
    message: `LangSmith answered 403 Forbidden${where(c)}${quiet}. A bare 403 is ambiguous: most likely ${label(top.code)}; ${candidates.length - 1} other causes fit (see candidates, most likely first).`,
    fix: withDoctor(CANDIDATES[top.code]!.fix),
    docs: top.code === 'REGION_MISMATCH' ? DOCS.regions : DOCS.apiKeys,
  };
}

function withDoctor(fix: Fix): Fix {
  return {
    text: `If it is that: ${fix.text} To know rather than guess, run \`langsmith-doctor\` in the same environment: it tries the key on every region, its workspace and its permissions, and names the cause.`,
    commands: [...(fix.commands ?? []), 'langsmith-doctor'],
  };
}

const LABELS: Record<string, string> = {
  REGION_MISMATCH: 'a key of another region (e.g. an EU organisation sent to the US endpoint)',
  TRACING_WITHOUT_KEY: 'tracing switched on without a LangSmith key',
  KEY_PLACEHOLDER: 'a placeholder key copied from a template',
  KEY_OTHER_PROVIDER: "another service's key set as the LangSmith key",
  KEY_LEGACY: 'a legacy ls__ key',
  KEY_INVALID: 'a wrong, revoked or deleted key',
  AUTH_HEADER_WRONG: 'the key sent as Authorization: Bearer instead of x-api-key',
  SDK_IGNORES_LANGSMITH_VARS: 'an SDK that reads only LANGCHAIN_* names',
  DOTENV_NOT_LOADED: 'a .env file loaded too late',
  TIER_READ_ONLY: 'a key whose role cannot write traces',
  TIER_LIMITED_WRITE: 'a role that cannot create projects',
  PAYLOAD_TOO_LARGE: 'an oversized batch',
  SERVICE_ERROR: 'a transient LangSmith incident',
};

function label(code: string): string {
  return LABELS[code] ?? code;
}

// -- merging ---------------------------------------------------------------------------------

function merge(incidents: Incident[], redactor: Redactor): Finding[] {
  // A precise LangSmith finding explains a bare 401/403 of the same error a few lines away.
  const precise = incidents.filter((i) => i.langsmith && i.precise && ABSORBERS.has(i.finding.code));
  const kept = incidents.filter((i) => {
    if (!i.langsmith || !i.absorbable) return true;
    return !precise.some((p) => Math.abs(p.line - i.line) <= ABSORB_LINES && (p.status === undefined || i.status === undefined || p.status === i.status));
  });
  const byKey = new Map<string, Incident>();
  for (const i of kept) {
    const seen = byKey.get(i.key);
    if (!seen) {
      byKey.set(i.key, i);
      (i.finding.evidence as { occurrences: number }).occurrences += i.extra;
      continue;
    }
    const ev = seen.finding.evidence as { occurrences: number };
    ev.occurrences += 1 + i.extra;
  }
  const order = { fail: 0, warn: 1, info: 2 } as const;
  const out = [...byKey.values()].sort((a, b) => Number(!a.langsmith) - Number(!b.langsmith) || order[a.finding.severity] - order[b.finding.severity] || a.line - b.line);
  return out.map((i) => redactor.deep(i.finding));
}

const ASSUMABLE = new Set(['http-401', 'http-403', 'ingest-forbidden', 'invalid-token', 'too-large-text', 'http-413', 'expired', 'workspace-access', 'usage-limit', 'no-plan']);

const ABSORBERS = new Set([
  'KEY_LEGACY', 'WORKSPACE_REQUIRED', 'NO_PLAN', 'KEY_EXPIRED', 'WORKSPACE_NOT_ACCESSIBLE', 'LICENSE_INVALID', 'USAGE_LIMIT_REACHED',
  'PAYLOAD_TOO_LARGE', 'REGION_MISMATCH', 'PUBLIC_PROMPT_REGION', 'PROMPT_NOT_FOUND', 'ENDPOINT_UI_HOST',
]);

/** True when a finding is a LangSmith problem (sets the exit code). */
export function isLangSmithProblem(f: Finding): boolean {
  return f.code !== 'NOT_LANGSMITH_ERROR' && f.severity !== 'info';
}

/** Every fix of the explain table, for the pasted-commands test. */
export { FIXES as EXPLAIN_FIXES };
