// What third-party code sees of the environment. Command plugins get an allow-list (what a
// program needs to start, find files, speak a locale and reach the network), never the user's
// secrets; in-process plugins see every name, with secret values masked. The domain layer adds
// its own names and rules through EnvPolicy: this module knows no product.

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvPolicy {
  /** Names the domain adds to the base allow-list (still refused when they look secret). */
  allow?: (name: string) => boolean;
  /** Names the domain knows to hold secrets although they do not look it. */
  deny?: (name: string) => boolean;
  /** Applied last to every value passed on (the run's redactor). */
  clean?: (value: string) => string;
  /** How a masked secret is shown to in-process plugins (default: nothing of it). */
  mask?: (value: string) => string;
}

/** Names every program may need; matched case-insensitively (Windows spells them freely). */
const BASE_NAMES = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ',
  'TMPDIR', 'TMP', 'TEMP',
  'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES',
  'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY',
  // Where to find trusted CAs (paths), so a plugin reaches what the doctor reaches.
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
  // Windows cannot start most programs without these.
  'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'SYSTEMDRIVE', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'PROGRAMDATA',
]);

const PROXY_NAMES = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY']);

/** Variable names that hold secrets by convention: *_KEY, *_TOKEN, *SECRET*, *PASSWORD*, licences… */
export function looksSecretName(name: string): boolean {
  return /KEY|TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL|LICEN[CS]E|PRIVATE|COOKIE|AUTH|SIGNATURE/i.test(name);
}

/** `scheme://user:pw@host` -> `scheme://host`, anywhere in the value; `user:pw@host:port` too for proxies. */
export function stripUrlCredentials(value: string, proxy = false): string {
  if (!value.includes('@')) return value;
  // Bounded scheme length: an unbounded one backtracks quadratically on a long value.
  let out = value.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#]*@/gi, '$1');
  if (proxy && !/^[a-z][a-z0-9+.-]{0,31}:\/\//i.test(out)) out = out.replace(/^[^\s/]*@/, '');
  return out;
}

function isBaseName(name: string): boolean {
  const upper = name.toUpperCase();
  return BASE_NAMES.has(upper) || upper.startsWith('LC_');
}

function cleanValue(name: string, value: string, policy: EnvPolicy): string {
  const stripped = stripUrlCredentials(value, PROXY_NAMES.has(name.toUpperCase()));
  return policy.clean ? policy.clean(stripped) : stripped;
}

function isSecret(name: string, policy: EnvPolicy): boolean {
  return looksSecretName(name) || (policy.deny?.(name) ?? false);
}

/** The environment a command plugin runs with: the allow-list only, secrets never. */
export function commandEnvironment(env: Env, policy: EnvPolicy = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isSecret(name, policy)) continue;
    if (!isBaseName(name) && !(policy.allow?.(name) ?? false)) continue;
    out[name] = cleanValue(name, value, policy);
  }
  return out;
}

/** The environment in-process plugins read as `ctx.env`: every name, secret values masked. */
export function maskedEnvironment(env: Env, policy: EnvPolicy = {}): Record<string, string | undefined> {
  const mask = policy.mask ?? (() => '[redacted]');
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    out[name] = isSecret(name, policy) ? mask(value) : cleanValue(name, value, policy);
  }
  return out;
}
