// Turns whatever a checker put in its evidence into plain JSON data, and says what could not be
// represented faithfully (cycles, BigInt, functions, getters that throw, hostile proxies), so a
// plugin's odd object becomes a clear row instead of a crash while the report is written.

export interface PlainResult {
  value: unknown;
  /** One line per thing that could not be kept as it was, with where it was. */
  problems: string[];
}

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;

export function toPlainData(input: unknown, where = 'evidence'): PlainResult {
  const problems: string[] = [];
  const ancestors = new Set<object>();
  let nodes = 0;
  const problem = (at: string, what: string) => {
    if (problems.length < 20) problems.push(`${what} at ${at}`);
  };

  const visit = (value: unknown, at: string, depth: number): unknown => {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) problem(at, `more than ${MAX_NODES} values`);
      return '[too large]';
    }
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'undefined':
        return undefined;
      case 'bigint':
        problem(at, 'a BigInt');
        return `${value}n`;
      case 'function':
        problem(at, 'a function');
        return '[function]';
      case 'symbol':
        problem(at, 'a symbol');
        return String(value);
    }
    if (value === null) return null;
    const obj = value as object;
    if (ancestors.has(obj)) {
      problem(at, 'a circular reference');
      return '[circular]';
    }
    if (depth >= MAX_DEPTH) {
      problem(at, `nesting deeper than ${MAX_DEPTH}`);
      return '[too deep]';
    }
    ancestors.add(obj);
    try {
      if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
      if (obj instanceof Error) return { name: obj.name, message: obj.message };
      if (Array.isArray(obj)) return obj.map((v, i) => visit(v, `${at}[${i}]`, depth + 1) ?? null);
      if (obj instanceof Map) return [...obj.entries()].map(([k, v], i) => [visit(k, `${at}<key ${i}>`, depth + 1) ?? null, visit(v, `${at}<value ${i}>`, depth + 1) ?? null]);
      if (obj instanceof Set) return [...obj].map((v, i) => visit(v, `${at}<${i}>`, depth + 1) ?? null);
      const toJSON = (obj as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return visit(toJSON.call(obj), `${at}.toJSON()`, depth + 1);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        let v: unknown;
        try {
          v = (obj as Record<string, unknown>)[key];
        } catch (err) {
          problem(`${at}.${key}`, `a getter that threw (${messageOf(err)})`);
          out[key] = '[getter threw]';
          continue;
        }
        const plain = visit(v, `${at}.${key}`, depth + 1);
        if (plain !== undefined) out[key] = plain;
      }
      return out;
    } catch (err) {
      // A Proxy whose traps throw, a toJSON that throws…
      problem(at, `an object that could not be read (${messageOf(err)})`);
      return '[unreadable]';
    } finally {
      ancestors.delete(obj);
    }
  };

  const value = visit(input, where, 0);
  return { value, problems };
}

function messageOf(err: unknown): string {
  try {
    if (err instanceof Error) return err.message.split('\n')[0]!.slice(0, 200);
    return String(err).slice(0, 200);
  } catch {
    return 'unprintable error';
  }
}
