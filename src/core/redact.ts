// The one redaction step every output passes through. Generic: the domain layer says which
// secrets (exact values) and which patterns (shapes of secrets) to mask, and how. A secret is
// masked in every form a program can produce from it (as is, JSON-escaped, URL-encoded, base64),
// and long token-like secrets also when only a piece of them is left (a cut excerpt).

export interface Rewrite {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

export interface RedactorOptions {
  /** Exact secret values known to this run (the API key as found, trimmed, unquoted…). */
  secrets?: Iterable<string | undefined>;
  /** Shapes of secrets that may appear in text we did not produce (error bodies, logs). */
  patterns?: RegExp[];
  /** Rewrites applied after the exact secrets (e.g. credentials in URLs: `https://…@host`). */
  rewrites?: Rewrite[];
  /** How a secret is shown; default keeps nothing. */
  mask?: (secret: string) => string;
  /**
   * How a pattern match is shown, given the few characters after it. A match may be a piece of a
   * secret (cut by an excerpt), so the default keeps nothing.
   */
  patternMask?: (match: string, after: string) => string;
  /**
   * The part of a secret that `mask` keeps visible (e.g. a key's prefix and last 4 characters):
   * [start, end) of the hidden part. Default: all of it is hidden.
   */
  hidden?: (secret: string) => [number, number];
}

export interface Redactor {
  text(value: string): string;
  /** A deep copy with every string redacted (object keys too). */
  deep<T>(value: T): T;
  /** Adds a secret learned later (e.g. a key read from a profile file); `mask` overrides how it is shown. */
  add(secret: string | undefined, mask?: (secret: string) => string): void;
}

const MIN_SECRET_LENGTH = 6;
/** A piece of a token-like secret this long is masked wherever it appears. */
export const FRAGMENT_LENGTH = 8;
/** Only secrets at least this long, without spaces or quotes, are matched by fragment. */
const MIN_FRAGMENT_SECRET = 16;
/** Characters a token-like secret is made of: a masked fragment is widened over these. */
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
/** Distinct strings remembered with their redacted form, and the longest remembered (~5 MB at most). */
const MEMO_LIMIT = 5000;
const MEMO_MAX_LENGTH = 1000;

export function createRedactor(opts: RedactorOptions = {}): Redactor {
  const defaultMask = opts.mask ?? (() => '[redacted]');
  const patternMask = opts.patternMask ?? (() => '[redacted]');
  // By default, what the mask shows of a secret (a common prefix and suffix) is not hidden.
  const hiddenOf = (s: string, mask: (s: string) => string) => (opts.hidden ? opts.hidden(s) : shownEnds(s, mask(s)));
  /** Every form of every secret -> how it is shown. */
  const forms = new Map<string, string>();
  let sorted: string[] | undefined;
  /** Pieces of token-like secrets that hold hidden characters. */
  const fragments = new Set<string>();
  const fragmentStarts = new Set<string>();
  // A report repeats its keys and many values: each distinct string is redacted once (the rules
  // are ~10 regular expressions, and their cost is per call, not per character). Forgotten when
  // a secret is added; bounded, for the long-lived interactive screen.
  const done = new Map<string, string>();

  const addForm = (form: string, shown: string) => {
    if (form.length < MIN_SECRET_LENGTH || forms.has(form)) return;
    forms.set(form, shown);
    sorted = undefined;
  };
  const addOne = (s: string, mask: (s: string) => string) => {
    if (s.length < MIN_SECRET_LENGTH) return;
    const shown = mask(s.trim());
    // Only token-like secrets are matched by piece: a piece of a structured value (JSON, a URL
    // list) is ordinary text (`127.0.0.`) that would mask innocent output.
    const tokenLike = s.length >= MIN_FRAGMENT_SECRET && /^[\x21-\x7e]+$/.test(s) && !/["'{}[\]<>\\]/.test(s);
    for (const form of encodings(s)) {
      addForm(form, shown);
      // Pieces of the secret, and of its encoded forms (none of which the mask shows).
      if (tokenLike && form.length >= MIN_FRAGMENT_SECRET) {
        const [start, end] = form === s ? hiddenOf(s, mask) : [0, form.length];
        for (let i = Math.max(0, start - FRAGMENT_LENGTH + 1); i < end && i + FRAGMENT_LENGTH <= form.length; i++) {
          const f = form.slice(i, i + FRAGMENT_LENGTH);
          fragments.add(f);
          fragmentStarts.add(f[0]!);
        }
      }
    }
  };
  const add = (s: string | undefined, mask?: (s: string) => string) => {
    if (typeof s !== 'string') return;
    done.clear();
    const m = mask ?? defaultMask;
    // Short values would mangle ordinary words; they are not keys anyone could use anyway.
    addOne(s, m);
    const t = s.trim();
    if (t !== s) addOne(t, m);
    const unquoted = t.replace(/^["']+|["']+$/g, '');
    if (unquoted !== t) addOne(unquoted, m);
  };
  for (const s of opts.secrets ?? []) add(s);
  const global = (p: RegExp) => new RegExp(p.source, p.flags.includes('g') ? p.flags : p.flags + 'g');
  const patterns = (opts.patterns ?? []).map(global);
  const rewrites = (opts.rewrites ?? []).map((r) => ({ pattern: global(r.pattern), replace: r.replace }));

  const maskFragments = (value: string): string => {
    if (fragments.size === 0 || value.length < FRAGMENT_LENGTH) return value;
    let out = '';
    let copied = 0;
    for (let i = 0; i + FRAGMENT_LENGTH <= value.length; i++) {
      if (!fragmentStarts.has(value[i]!) || !fragments.has(value.slice(i, i + FRAGMENT_LENGTH))) continue;
      // Widen to the whole run of token characters around it: nothing of the secret stays.
      let s = i;
      while (s > copied && TOKEN_CHAR.test(value[s - 1]!)) s--;
      let e = i + FRAGMENT_LENGTH;
      while (e < value.length && TOKEN_CHAR.test(value[e]!)) e++;
      out += value.slice(copied, s) + '…';
      copied = e;
      i = e - 1;
    }
    return copied === 0 ? value : out + value.slice(copied);
  };

  const text = (value: string): string => {
    const known = done.get(value);
    if (known !== undefined) return known;
    const out = redactText(value);
    if (value.length > MEMO_MAX_LENGTH) return out;
    if (done.size >= MEMO_LIMIT) done.clear();
    done.set(value, out);
    return out;
  };
  const redactText = (value: string): string => {
    let out = value;
    // Longest first, so a quoted form is replaced before the bare key inside it.
    sorted ??= [...forms.keys()].sort((a, b) => b.length - a.length);
    for (const s of sorted) {
      if (out.includes(s)) out = out.split(s).join(forms.get(s)!);
    }
    for (const r of rewrites) out = out.replace(r.pattern, r.replace);
    for (const p of patterns) {
      out = out.replace(p, (m: string, ...args: unknown[]) => {
        const at = args.find((a): a is number => typeof a === 'number') ?? 0;
        const whole = args.find((a): a is string => typeof a === 'string' && a.length >= at + m.length) ?? '';
        return patternMask(m, whole.slice(at + m.length, at + m.length + 3));
      });
    }
    return maskFragments(out);
  };

  const deep = <T>(value: T): T => walk(value, text, new WeakMap()) as T;
  return { text, deep, add };
}

/** The forms a program can turn a secret into: JSON string escaping, URL encoding, base64. */
function encodings(s: string): string[] {
  const out = new Set<string>([s]);
  out.add(JSON.stringify(s).slice(1, -1));
  // JSON.stringify leaves non-ASCII as is; some encoders escape it (\u00e9).
  out.add(s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  try {
    const uri = encodeURIComponent(s);
    out.add(uri);
    out.add(uri.replace(/%20/g, '+'));
    out.add(uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
    out.add(encodeURI(s));
  } catch {
    // a lone surrogate cannot be URL-encoded; the other forms still apply
  }
  // Base64 (a `Basic` header of user:secret, a data URL): the secret may start at any of three
  // byte alignments, so each alignment's whole 3-byte groups are a form of their own.
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length >= 12) {
    for (let k = 0; k < 3; k++) {
      const n = Math.floor((bytes.length - k) / 3) * 3;
      const b64 = bytes.subarray(k, k + n).toString('base64');
      out.add(b64);
      out.add(b64.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...out];
}

/**
 * Wraps a stream's `write` so everything written passes through `redact` first: the last line of
 * defence, for output a future code path forgets to redact. Idempotent per stream.
 */
export function guardWrites(stream: NodeJS.WritableStream, redact: (s: string) => string): void {
  const s = stream as NodeJS.WritableStream & { [GUARDED]?: boolean };
  if (s[GUARDED]) return;
  s[GUARDED] = true;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(redact(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      const str = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
      const red = redact(str);
      return write(red === str ? chunk : red, ...rest);
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

/** [start, end) of `secret` that `shown` does not reveal at its ends. */
function shownEnds(secret: string, shown: string): [number, number] {
  let p = 0;
  while (p < secret.length && p < shown.length && secret[p] === shown[p]) p++;
  let q = 0;
  while (q < secret.length - p && q < shown.length - p && secret[secret.length - 1 - q] === shown[shown.length - 1 - q]) q++;
  return [p, secret.length - q];
}

const GUARDED = Symbol.for('langsmith-doctor.guarded');

function walk(value: unknown, text: (s: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return text(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(walk(v, text, seen));
    return out;
  }
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[text(k)] = walk(v, text, seen);
  return out;
}
