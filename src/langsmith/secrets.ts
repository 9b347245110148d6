// Which values are secrets, wherever they were found (process environment, dotenv files, the SDK
// profile, credentials inside URLs), and the one redactor built from them. Every output of the
// doctor passes through a redactor made here.
import { readFileSync, statSync } from 'node:fs';
import { createRedactor, type Redactor, type Rewrite } from '../core/redact.js';
import { isTemplateText, maskKey, maskShape, SECRET_PATTERNS } from './keys.js';
import type { LangSmithSettings } from './settings.js';

/**
 * Names whose values are secrets: `*_KEY`, `*_TOKEN`, `*SECRET*`, `*PASSWORD*`, `*PASSWD*`,
 * passphrases, credentials, license keys, and LANGSMITH_RUNS_ENDPOINTS (it holds api keys).
 */
export const SECRET_NAME = /(?:^|_)(?:API_?|LICENSE_?|PRIVATE_?)?KEY$|(?:^|_)(?:ACCESS_?|REFRESH_?|ID_?)?TOKEN$|APIKEY|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?$|(?:^|_)PAT$|(?:^|_)AUTH$|LICENSE|RUNS_ENDPOINTS$/i;

/** Values of secret-named variables that are settings words, not secrets. */
const NOT_A_SECRET = /^(?:true|false|yes|no|on|off|none|null|default|enabled|disabled|undefined)$/i;
/** Names for which even the last characters are not shown. */
const PASSWORD_NAME = /PASSWORD|PASSWD|PASSPHRASE/i;

const NOTHING = () => '…';

export interface Secret {
  value: string;
  /** How it is shown; maskKey (prefix and last 4 characters) when absent. */
  mask?: (s: string) => string;
}

/** `scheme://user:password@` -> `scheme://…@`: neither the user nor any part of the password. */
export const URL_CREDENTIALS: Rewrite = {
  // Greedy up to the LAST @ before the path, as URL parsers read it (`user:p@ss@host`).
  pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/?#"'<>`]*@/gi,
  replace: (_m, scheme) => `${scheme}…@`,
};

/**
 * A URL cut before its `@` (an excerpt that ends in the userinfo): `scheme://user:pa…` shows
 * nothing after the scheme. A host and a numeric port (`http://host:8080…`) are left alone.
 */
export const CUT_URL_CREDENTIALS: Rewrite = {
  pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s/?#@"'<>`:]*):([^\s/?#@"'<>`]*)(?=…|\.\.\.|$)/gi,
  // A host name (with a dot, or localhost) and a numeric port is an address, not a credential.
  replace: (m, scheme, host, rest) => (/^\d*$/.test(rest) && /\.|^localhost$|^\[/i.test(host) ? m : `${scheme}…`),
};

/** A URL cut inside its userinfo, from the other side: `…rd@host` shows nothing before the `@`. */
export const CUT_URL_USERINFO: Rewrite = {
  pattern: /(…|\.\.\.)[^\s/?#"'<>`@]+@(?=[A-Za-z0-9[])/g,
  replace: (_m, cut) => `${cut}…@`,
};

/** Auth header values in foreign text: `x-api-key: …`, `Authorization: Bearer …`. */
const AUTH_HEADERS: Rewrite = {
  pattern: /\b(x-api-key|authorization|proxy-authorization)(["']?\s{0,3}[:=]\s{0,3}["']?)((?:Bearer|Basic|Token)\s+)?([A-Za-z0-9\-._~+/]{8,}=*)(?![…\w])/gi,
  replace: (_m, name, sep, scheme) => `${name}${sep}${scheme ?? ''}…`,
};

/** `SECRET_NAME=value` in foreign text (an env dump in a pasted log, a plugin's output). */
const SECRET_ASSIGNMENTS: Rewrite = {
  pattern: /\b([A-Za-z0-9_]*(?:_KEY|_TOKEN|API_?KEY|SECRET|PASSWORD|PASSWD)[A-Za-z0-9_]*)(["']?\s{0,3}[=:]\s{0,3}["']?)([^\s"',;&<>`]{6,})/gi,
  replace: (m, name, sep, value) => (value.includes('…') || isTemplateText(value) ? m : `${name}${sep}…`),
};

/** The redactor for a set of secrets: exact values in every encoding, URL credentials, key shapes. */
export function secretRedactor(secrets: Iterable<Secret> = []): Redactor {
  const r = createRedactor({
    patterns: [...SECRET_PATTERNS],
    rewrites: [URL_CREDENTIALS, CUT_URL_CREDENTIALS, CUT_URL_USERINFO, AUTH_HEADERS, SECRET_ASSIGNMENTS],
    mask: maskKey,
    patternMask: maskShape,
  });
  for (const s of secrets) r.add(s.value, s.mask);
  return r;
}

/** Secrets in a set of variables: secret-named values, api keys in JSON values, URL credentials. */
export function secretsOfVariables(vars: Iterable<readonly [string, string | undefined]>): Secret[] {
  const out: Secret[] = [];
  for (const [name, value] of vars) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    out.push(...urlCredentials(value));
    if (!SECRET_NAME.test(name)) continue;
    const v = value.trim();
    if (NOT_A_SECRET.test(v) || isTemplateText(v)) continue;
    // LANGSMITH_RUNS_ENDPOINTS and the like: the api keys inside the JSON, each on its own (the
    // whole JSON too, exactly, but never by piece: its URLs are not secrets).
    if (/^[[{]/.test(v)) for (const inner of jsonSecrets(v)) out.push({ value: inner });
    out.push({ value, mask: PASSWORD_NAME.test(name) ? NOTHING : undefined });
  }
  return out;
}

/** The credentials in every URL of a text: user, password, and user:password, shown as nothing. */
export function urlCredentials(text: string): Secret[] {
  const out: Secret[] = [];
  const re = /\b[a-z][a-z0-9+.-]{0,30}:\/\/([^\s/?#"'<>`]*)@/gi;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) !== null && n++ < 50) {
    const info = m[1]!;
    const colon = info.indexOf(':');
    const user = colon === -1 ? info : info.slice(0, colon);
    const password = colon === -1 ? '' : info.slice(colon + 1);
    // A lone user part is the credential itself (`https://<token>@host`).
    for (const v of [info, password, colon === -1 ? user : '', safeDecode(password), colon === -1 ? safeDecode(user) : '']) {
      if (v) out.push({ value: v, mask: NOTHING });
    }
  }
  return out;
}

/** Every secret the run knows of: the process environment, every dotenv file, the SDK profile. */
export function secretsOfRun(settings: LangSmithSettings, env: Readonly<Record<string, string | undefined>>): Secret[] {
  const out: Secret[] = [...secretsOfVariables(Object.entries(env))];
  for (const f of settings.dotenvFiles) out.push(...secretsOfVariables(f.entries.map((e) => [e.name, e.value] as const)));
  out.push(...secretsOfVariables(settings.candidates.map((c) => [c.name, c.raw] as const)));
  // The key the SDK would send, whatever variable or file it came from (never template text).
  for (const v of [settings.key.value, settings.key.raw, settings.python.key.value, settings.python.key.raw]) {
    if (v && !isTemplateText(v)) out.push({ value: v });
  }
  if (settings.profile) {
    for (const v of [settings.profile.apiKey, settings.profile.oauthAccessToken]) if (v) out.push({ value: v });
    if (settings.profile.apiUrl) out.push(...urlCredentials(settings.profile.apiUrl));
    out.push(...profileFileSecrets(settings.profile.file));
  }
  return out;
}

/** Secret-named fields anywhere in the profile file (refresh tokens, keys of other profiles). */
function profileFileSecrets(file: string): Secret[] {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > 1024 * 1024) return [];
    return jsonSecrets(readFileSync(file, 'utf8')).map((value) => ({ value }));
  } catch {
    return [];
  }
}

/** Strings under secret-named fields of a JSON text, and the values of a `{url: key}` object. */
export function jsonSecrets(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = (v: unknown, name: string, depth: number) => {
    if (depth > 20 || out.length > 200) return;
    if (typeof v === 'string') {
      // `api_key_env` names the variable that holds the key: a name, which must stay readable. Only
      // an upper-case name counts: a key pasted there by mistake (lsv2_…) is still masked.
      const variableName = /_env$/i.test(name) && /^[A-Z_][A-Z0-9_]*$/.test(v);
      if ((SECRET_NAME.test(name) || /key|token|secret|password/i.test(name) || /^https?:\/\//i.test(name)) && !isTemplateText(v) && !variableName) out.push(v);
      out.push(...urlCredentials(v).map((s) => s.value));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [k, inner] of Object.entries(v)) visit(inner, Array.isArray(v) ? name : k, depth + 1);
  };
  visit(data, '', 0);
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
