// Attributing a match to a service: the service its own words prove, else the URL nearest to it on
// its line, else the service words on the line, else an unknown host, else the nearest line that
// names a service, else the whole text.
import { LANGSMITH_MARKERS, OTHER_SERVICES } from '../signatures.js';
import type { Doc } from './document.js';
import { markersIn } from './markers.js';
import type { Attribution, Hints, Hit, UrlRef } from './types.js';
import { serviceOfUrl, urlsIn } from './urls.js';

/** Lines looked at around a match to find whose error it is. */
export const NEAR_LINES = 8;
const FAR_LINES = 50;
/** A stack frame in the LangSmith SDK's own code. */
const SDK_FRAME = /[\\/]langsmith[\\/](?:[\w]+\.py\b|dist[\\/]|src[\\/]|utils[\\/])|node_modules[\\/]langsmith[\\/]/;

interface LineInfo {
  known?: Attribution; // a URL of LangSmith or a known service
  marker?: Attribution; // words of a service
  unknownHost?: Attribution; // a URL of some other host
}

export class Attributor {
  private readonly lineInfo = new Map<number, LineInfo>();
  private readonly frameLines = new Map<number, boolean>();
  constructor(
    private readonly doc: Doc,
    private readonly hints: Hints,
  ) {}

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
    // An unknown host whose error was raised through the LangSmith SDK's own code (its frames just
    // above) is a self-hosted LangSmith.
    if (unknown && !unknown.u.weak && this.raisedByLangSmith(h.line)) return { service: 'langsmith', host: unknown.a.host, path: unknown.a.path, how: 'near' };
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

  /** A LangSmith SDK source frame (Python traceback or JS stack) in the lines just above. */
  private raisedByLangSmith(line: number): boolean {
    for (let l = line - 1; l >= Math.max(0, line - NEAR_LINES); l--) {
      let frame = this.frameLines.get(l);
      if (frame === undefined) {
        frame = SDK_FRAME.test(this.doc.segment(l).text);
        if (this.frameLines.size < 200_000) this.frameLines.set(l, frame);
      }
      if (frame) return true;
    }
    return false;
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
  langsmithUrlNear(line: number, pos?: number): UrlRef | undefined {
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
}
