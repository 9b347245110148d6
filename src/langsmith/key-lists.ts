// Finding the current key in LangSmith's key lists, by its masked short_key (facts §6: the mask is
// UNCERTAIN, so prefix and trailing visible characters are matched, mask characters ignored).

export interface ListedKey {
  id?: string;
  short_key?: string;
  description?: string | null;
  created_at?: string | null;
  expires_at?: string | null;
  last_used_at?: string | null;
  read_only?: boolean;
}

/** Splits a short_key into the visible prefix and tail around its mask (…, ..., ***). */
export function shortKeyParts(shortKey: string): { prefix: string; tail: string } {
  const m = /^(.*?)(?:…|\.{2,}|\*+|•+)(.*)$/.exec(shortKey);
  if (m) return { prefix: m[1]!, tail: m[2]! };
  // No mask characters: a known prefix followed by the visible tail (`lsv2_sk_abcd`).
  const known = /^(lsv2_(?:pt|sk)_|ls__)(.*)$/.exec(shortKey);
  return known ? { prefix: known[1]!, tail: known[2]! } : { prefix: shortKey, tail: '' };
}

export function matchesKey(shortKey: string, key: string): boolean {
  const { prefix, tail } = shortKeyParts(shortKey);
  if (tail.length < 2) return false;
  return key.startsWith(prefix) && key.endsWith(tail) && prefix.length + tail.length < key.length;
}

export function findKey(items: ListedKey[], key: string): { match?: ListedKey; ambiguous: number } {
  const hits = items.filter((k) => typeof k.short_key === 'string' && matchesKey(k.short_key, key));
  return { match: hits.length === 1 ? hits[0] : undefined, ambiguous: hits.length > 1 ? hits.length : 0 };
}

const UNITS: Array<[number, string]> = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];

/** "5 minutes", "2 days 23 hours" — the two largest units, for messages. */
export function humanDuration(ms: number): string {
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [size, name] of UNITS) {
    if (rest >= size || parts.length > 0) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      if (parts.length === 2 || (parts.length === 1 && n === 0)) break;
    }
  }
  return parts.length > 0 ? parts.join(' ') : 'moments';
}
