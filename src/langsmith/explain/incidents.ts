// One incident per (line, service): another service's error named as such, or LangSmith's cause
// decided from the signatures, status, URL and words around the match.
import type { Finding, Fix } from '../../core/checker.js';
import type { Redactor } from '../../core/redact.js';
import { OTHER_SERVICES, statusInText } from '../signatures.js';
import { NEAR_LINES, type Attributor } from './attribution.js';
import { decide } from './decide.js';
import type { Doc } from './document.js';
import { excerptOf } from './excerpt.js';
import type { Attribution, Ctx, Hints, Hit, Incident, UrlRef } from './types.js';
import { regionOfHost } from './urls.js';

/** Signatures that, with no service named anywhere, still look like LangSmith's refusals. */
const ASSUMABLE = new Set(['http-401', 'http-403', 'ingest-forbidden', 'invalid-token', 'too-large-text', 'http-413', 'expired', 'workspace-access', 'usage-limit', 'no-plan']);

export class IncidentClassifier {
  constructor(
    private readonly doc: Doc,
    private readonly hints: Hints,
    private readonly attributor: Attributor,
    private readonly redactor: Redactor,
    private readonly lineOffset: number,
  ) {}

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

  classify(line: number, att: Attribution, hits: Hit[]): Incident | undefined {
    const ids = new Set(hits.map((h) => h.sig.id));
    const first = [...hits].sort((a, b) => b.sig.weight - a.sig.weight || a.pos - b.pos)[0]!;
    const status = this.statusNear(line, first.pos, hits);
    const lineNo = line + 1 + this.lineOffset;
    const excerpt = excerptOf(this.doc, this.redactor, first);
    const base = { line: lineNo, status };

    if (att.service !== 'langsmith' && att.service !== 'unknown') {
      // Another service's error. Only errors worth naming (not a JSON parse error, not a 404).
      // A 404 counts when the line itself proves a known service (its URL, words or error class).
      const ownLine = att.service !== 'host' && (att.how === 'url' || att.how === 'marker' || att.how === 'declared');
      const meaningful = hits.some((h) => h.sig.code === 'NOT_LANGSMITH_ERROR' || !['not-json', 'http-404', 'http-405', 'nginx-405', 'not-found-error', 'bearer-header'].includes(h.sig.id) || (ownLine && ['http-404', 'not-found-error'].includes(h.sig.id)));
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
    const url = att.host ? { host: att.host, path: att.path ?? '/' } : this.attributor.langsmithUrlNear(line, first.pos);
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
