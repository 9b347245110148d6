// `explain`: a pasted log, traceback, SDK warning or HTTP body -> findings. Pure analysis, no I/O.
// The stages: read the input (input.ts), find the signature hits (hits.ts, over the table shared
// with the live probes in ../signatures.ts), attribute each hit to a service (attribution.ts),
// decide LangSmith's cause (decide.ts, ambiguous.ts) and merge them into findings (merge.ts).
import { secretRedactor } from '../secrets.js';
import { Attributor } from './attribution.js';
import { Doc } from './document.js';
import { findHits } from './hits.js';
import { readHints } from './hints.js';
import { IncidentClassifier } from './incidents.js';
import { MAX_ANALYSED_BYTES, capTail, decodeText } from './input.js';
import { merge } from './merge.js';
import type { Attribution, ExplainInputInfo, ExplainOptions, ExplainResult, Hit, Incident } from './types.js';

export function explainBytes(buf: Uint8Array, opts: ExplainOptions = {}): ExplainResult {
  const { tail, droppedLines } = capTail(buf);
  return explainText(
    decodeText(tail),
    { ...opts, totalBytes: opts.totalBytes ?? buf.length, lineOffset: (opts.lineOffset ?? 0) + droppedLines },
    tail.length,
  );
}

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
  const attributor = new Attributor(doc, hints);
  const classifier = new IncidentClassifier(doc, hints, attributor, redactor, lineOffset);
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
      const att = attributor.attribute(h);
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
      const inc = classifier.classify(line, att, gh);
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
