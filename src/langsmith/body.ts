// Reading what a server sends, within bounds: a body is read as a stream and cut at a byte
// limit counted AFTER decompression (a 2 MB gzip bomb must not become 600 MB of string), and
// strings a server controls are cut before they can reach a message or a report.

/** Bytes of a (decompressed) response body kept at most. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Characters kept of one string value inside a JSON answer, and of one header value. */
export const MAX_FIELD_CHARS = 2000;
export const MAX_HEADER_CHARS = 512;

export interface BoundedBody {
  text: string;
  /** Decompressed bytes read (at most the limit). */
  bytes: number;
  /** The body was longer than the limit; the rest was not read. */
  truncated: boolean;
}

/** Reads at most `limit` bytes of a body stream, then cancels it (which stops the download and the decompression). */
export async function readBounded(body: ReadableStream<Uint8Array> | null, limit = MAX_BODY_BYTES): Promise<BoundedBody> {
  if (!body) return { text: '', bytes: 0, truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = limit - bytes;
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room), { stream: true });
        bytes += room;
        truncated = true;
        break;
      }
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return { text, bytes, truncated };
}

/** A string cut to `max` characters, saying how much was left out. */
export function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

/** A copy of parsed JSON with every string (and key) passed through `f`. */
export function mapStrings(value: unknown, f: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return f(value);
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[f(k)] = mapStrings(v, f, depth + 1);
  return out;
}

/**
 * Retry-After as whole seconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined for garbage and negative values; capped at a day, beyond which waiting is not advice.
 */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), MAX_RETRY_AFTER_S);
  if (!/^[A-Za-z]{3},? /.test(v)) return undefined;
  const at = Date.parse(v);
  if (!Number.isFinite(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_S);
}

export const MAX_RETRY_AFTER_S = 86_400;
