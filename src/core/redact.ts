// The one redaction step every output passes through. Generic: the domain layer says which
// secrets (exact values) and which patterns (shapes of secrets) to mask, and how.

export interface RedactorOptions {
  /** Exact secret values known to this run (the API key as found, trimmed, unquoted…). */
  secrets?: Iterable<string | undefined>;
  /** Shapes of secrets that may appear in text we did not produce (error bodies, logs). */
  patterns?: RegExp[];
  /** How a secret is shown; default keeps nothing. */
  mask?: (secret: string) => string;
}

export interface Redactor {
  text(value: string): string;
  /** A deep copy with every string redacted (object keys too). */
  deep<T>(value: T): T;
  /** Adds a secret learned later (e.g. a key read from a profile file). */
  add(secret: string | undefined): void;
}

const MIN_SECRET_LENGTH = 6;

export function createRedactor(opts: RedactorOptions = {}): Redactor {
  const mask = opts.mask ?? (() => '[redacted]');
  const secrets = new Set<string>();
  const add = (s: string | undefined) => {
    if (typeof s !== 'string') return;
    const t = s.trim();
    // Short values would mangle ordinary words; they are not keys anyone could use anyway.
    if (t.length >= MIN_SECRET_LENGTH) secrets.add(t);
    if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
  };
  for (const s of opts.secrets ?? []) add(s);
  const patterns = (opts.patterns ?? []).map((p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : p.flags + 'g'));

  const text = (value: string): string => {
    let out = value;
    // Longest first, so a quoted form is replaced before the bare key inside it.
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join(mask(s.trim()));
    }
    for (const p of patterns) out = out.replace(p, (m) => mask(m));
    return out;
  };

  const deep = <T>(value: T): T => walk(value, text, new WeakMap()) as T;
  return { text, deep, add };
}

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
