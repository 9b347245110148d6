// What the whole text says about the set-up (key values, variable names, .env, a Bearer header,
// a service outage), used to rank the causes of an ambiguous 401/403.
import { classifyKey, type KeyKind } from '../keys.js';
import { LANGSMITH_MARKERS, OTHER_SERVICES } from '../signatures.js';
import type { Hints } from './types.js';

export function readHints(text: string): Hints {
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
