import {
  defineChecker,
  describeValue,
  DOCS,
  envLine,
  maskKey,
  jsonErrorPlace,
  shellQuote,
  sourceLabel,
  type Candidate,
  type Finding,
  type LangSmithSettings,
  suggestName,
} from '../../src/index.js';

const SECRET_SUFFIXES = ['API_KEY'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default defineChecker({
  id: 'env-vars',
  title: 'Environment variables and dotenv files',
  run(ctx) {
    const s = ctx.settings;
    const findings: Finding[] = [
      ...unreadableDotenv(s, ctx.finding),
      ...unreadableProfile(s, ctx.finding),
      ...typos(s, ctx.finding),
      ...conflicts(s, ctx.finding),
      ...dotenvState(s, ctx.finding),
      ...tracing(s, ctx.finding),
      ...runsEndpoints(s, ctx.finding),
      ...workspace(s, ctx.finding),
    ];
    const relevant = s.candidates.filter((c) => /^(LANGSMITH|LANGCHAIN)_/.test(c.name));
    const files = s.dotenvFiles.filter((f) => f.exists).map((f) => f.display);
    const summary = findings.length === 0
      ? `${relevant.length} LangSmith variable${relevant.length === 1 ? '' : 's'} set${files.length ? `; read ${files.join(', ')}` : ''}; tracing ${s.tracing.enabled ? 'on' : 'off'}`
      : undefined;
    return ctx.report(findings, {
      summary,
      evidence: {
        variables: relevant.map((c) => ({ name: c.name, where: sourceLabel(c.source), value: show(c) })),
        dotenvFiles: s.dotenvFiles.map((f) => ({ file: f.display, exists: f.exists, error: f.error })),
        tracing: { js: s.tracing.enabled, python: s.python.tracing },
      },
    });
  },
});

type MakeFinding = (code: string, severity: Finding['severity'], message: string, extras?: Omit<Finding, 'code' | 'severity' | 'message'>) => Finding;

function show(c: Candidate): string {
  return SECRET_SUFFIXES.some((x) => c.name.endsWith(x)) ? maskKey(c.raw) : describeValue(c.raw);
}

function unreadableDotenv(s: LangSmithSettings, f: MakeFinding): Finding[] {
  return s.dotenvFiles
    .filter((file) => file.error)
    .map((file) => f('DOTENV_UNREADABLE', 'warn', `${file.display} exists but cannot be read (${file.error}); its variables were not analysed`, {
      fix: { text: `Check the file's permissions; the app's dotenv loader cannot read it either.`, commands: [`ls -l ${shellQuote(file.path)}`] },
    }));
}

/** The SDK profile (~/.langsmith/config.json or LANGSMITH_CONFIG_FILE) exists but cannot be used. */
function unreadableProfile(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const p = s.profile;
  if (!p?.error) return [];
  // Only a warning when it would have mattered: no key came from the environment or a dotenv file.
  const mattered = s.key.value === undefined;
  return [f('PROFILE_UNREADABLE', mattered ? 'warn' : 'info',
    `The LangSmith SDK profile ${p.file} cannot be used (${p.error}); ${mattered ? 'no key, endpoint or workspace was read from it' : 'the key came from elsewhere, so it was not needed'}`, {
      fix: { text: `Repair or remove the file (\`langsmith\` CLI login rewrites it), or point LANGSMITH_CONFIG_FILE at a valid one.`, commands: [`ls -l ${shellQuote(p.file)}`] },
      evidence: { file: p.file },
    })];
}

function typos(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const c of s.candidates) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const hint = suggestName(c.name);
    if (!hint) continue;
    const intendedSet = s.candidates.some((x) => x.name === hint.name);
    const value = show(c);
    out.push(f('ENV_NAME_TYPO', intendedSet ? 'info' : 'warn',
      `${sourceLabel(c.source)} is not read by the LangSmith SDKs${hint.why ? ` (${hint.why})` : ''}; did you mean ${hint.name}?${intendedSet ? ` (${hint.name} is also set)` : ''}`,
      { fix: { text: hint.keep ? `Keep ${c.name} for that integration and also set ${hint.name}.` : `Rename it to ${hint.name}.`, commands: [envLine(hint.name, SECRET_SUFFIXES.some((x) => c.name.endsWith(x)) ? `<the value of ${c.name}>` : c.raw.trim())] }, docs: DOCS.envVars, evidence: { name: c.name, meant: hint.name } }));
  }
  return out;
}

function conflicts(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const out: Finding[] = [];
  for (const suffix of ['API_KEY', 'ENDPOINT', 'WORKSPACE_ID', 'PROJECT']) {
    const ls = s.candidates.find((c) => c.name === `LANGSMITH_${suffix}`);
    const lc = s.candidates.find((c) => c.name === `LANGCHAIN_${suffix}`);
    if (!ls || !lc || ls.raw.trim() === lc.raw.trim()) continue;
    const secret = SECRET_SUFFIXES.includes(suffix);
    out.push(f('ENV_CONFLICT', 'warn',
      `LANGSMITH_${suffix} (${show(ls)}, ${sourceLabel(ls.source)}) and LANGCHAIN_${suffix} (${show(lc)}, ${sourceLabel(lc.source)}) disagree; current SDKs use LANGSMITH_${suffix}, older SDKs and some integrations read only LANGCHAIN_${suffix}`,
      { fix: { text: `Give both the same value, or remove LANGCHAIN_${suffix}.`, commands: secret ? [`unset LANGCHAIN_${suffix}`] : [envLine(`LANGCHAIN_${suffix}`, ls.raw.trim())] }, docs: DOCS.envVars, evidence: { names: [`LANGSMITH_${suffix}`, `LANGCHAIN_${suffix}`] } }));
  }
  for (const d of s.divergences) {
    out.push(f('ENV_CONFLICT', 'warn', `The JS and Python SDKs would resolve the ${d.setting} differently: JS uses ${d.js}, Python uses ${d.python}${d.why ? ` (${d.why})` : ''}`, {
      fix: { text: d.setting === 'tracing' ? 'Set LANGSMITH_TRACING=true and remove the other tracing variables (TRACING_V2 wins over TRACING in Python, not in JS).' : 'Set one non-empty value under LANGSMITH_ and remove the LANGCHAIN_ twin or the blank value.', commands: [] },
      evidence: { setting: d.setting },
    }));
  }
  // The same variable in two dotenv files with different values: the first file wins.
  const byName = new Map<string, Candidate[]>();
  for (const c of s.candidates.filter((c) => c.source.kind === 'dotenv')) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const [name, list] of byName) {
    if (list.length > 1 && new Set(list.map((c) => c.raw.trim())).size > 1) {
      out.push(f('ENV_CONFLICT', 'warn', `${name} differs between ${list.map((c) => sourceLabel(c.source)).join(' and ')}; dotenv keeps the first one loaded`, {
        fix: { text: 'Keep one definition.', commands: [] },
      }));
    }
  }
  return out;
}

function dotenvState(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const out: Finding[] = [];
  const processNames = new Set(s.candidates.filter((c) => c.source.kind === 'env').map((c) => c.name));
  const onlyInFile = s.candidates.filter((c) => c.source.kind === 'dotenv' && !processNames.has(c.name) && /^(LANGSMITH|LANGCHAIN)_/.test(c.name));
  const first = new Map<string, Candidate>();
  for (const c of onlyInFile) if (!first.has(c.name)) first.set(c.name, c);
  if (first.size > 0) {
    const list = [...first.values()];
    out.push(f('DOTENV_NOT_LOADED', 'warn',
      `${list.map((c) => sourceLabel(c.source)).join(', ')} ${list.length === 1 ? 'is' : 'are'} only in a dotenv file, not in this process's environment: they reach your app only if it loads the file before LangSmith is imported`,
      { fix: { text: 'Python: call load_dotenv() before importing LangChain/LangSmith (the SDK caches env lookups). Node: import "dotenv/config" first, or run node --env-file=.env. Or export them in the shell.', commands: dotenvExport(s, list) }, docs: DOCS.envCaching, evidence: { names: list.map((c) => c.name) } }));
  }
  for (const c of s.candidates.filter((c) => c.source.kind === 'env')) {
    const fileValues = s.candidates.filter((x) => x.name === c.name && x.source.kind === 'dotenv');
    const differing = fileValues.filter((x) => x.raw.trim() !== c.raw.trim());
    if (differing.length === 0) continue;
    out.push(f('DOTENV_SHADOWED', 'warn',
      `${c.name} in the environment (${show(c)}) differs from ${differing.map((x) => `${sourceLabel(x.source)} (${show(x)})`).join(', ')}; dotenv does not override, so the shell value wins — often a stale export`,
      { fix: { text: `Unset the shell value if the file is right (check ~/.bashrc, ~/.zshrc, CI secrets), or update the file.`, commands: [`unset ${c.name}`] }, evidence: { name: c.name } }));
  }
  return out;
}

function tracing(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const out: Finding[] = [];
  for (const c of s.tracing.candidates) {
    if (c.raw === 'true' || c.raw === 'false') continue;
    const meantOn = /^\s*["']?(true|1|yes|on|y|enabled?)["']?\s*$/i.test(c.raw);
    out.push(f('TRACING_FLAG_INVALID', meantOn && !s.tracing.enabled ? 'fail' : 'warn',
      `${sourceLabel(c.source)} is ${describeValue(c.raw)}; the langsmith SDKs and current langchain-core compare it with exactly "true" (lowercase), so this means OFF${c.name === 'LANGCHAIN_TRACING_V2' ? ' (older langchain-core releases that only checked whether LANGCHAIN_TRACING_V2 was set did trace with it, so behaviour changes on upgrade)' : ''}`,
      { fix: { text: 'Use lowercase true.', commands: [envLine(c.name.replace('_V2', '').replace('LANGCHAIN_', 'LANGSMITH_'), 'true')] }, docs: DOCS.envVars, evidence: { name: c.name, meantOn } }));
  }
  if (!s.tracing.enabled && !s.python.tracing) {
    if (out.length === 0) {
      out.push(f('TRACING_DISABLED', 'warn', s.tracing.candidates.length
        ? `Tracing is off (${s.tracing.candidates.map((c) => `${c.name}=${c.raw}`).join(', ')}); the SDKs send no traces`
        : 'Tracing is off: LANGSMITH_TRACING is not set, so the SDKs send no traces (explicit Client calls still work)', {
        fix: { text: 'Turn tracing on where you want traces.', commands: [envLine('LANGSMITH_TRACING', 'true')] }, docs: DOCS.envVars,
      }));
    }
  } else if (!s.key.value) {
    out.push(f('TRACING_WITHOUT_KEY', 'fail', 'Tracing is on but no API key is set: every trace upload fails with 401/403 ("Failed to send multipart request")', {
      fix: { text: 'Set a key, or leave tracing off until you have one (LANGSMITH_TRACING=false).', commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys,
    }));
  }
  return out;
}

function runsEndpoints(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const all = s.candidates.filter((c) => c.name === 'LANGSMITH_RUNS_ENDPOINTS' || c.name === 'LANGCHAIN_RUNS_ENDPOINTS');
  if (all.length === 0) return [];
  const out: Finding[] = [];
  const endpointVars = s.candidates.filter((c) => (c.name === 'LANGSMITH_ENDPOINT' || c.name === 'LANGCHAIN_ENDPOINT') && c.raw.trim() !== '');
  for (const c of all) {
    if (c.raw.trim() === '') continue; // empty: neither SDK reads it (sdk-audit #9)
    let parsed: unknown;
    try {
      parsed = JSON.parse(c.raw);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an array or object');
    } catch (err) {
      // Never V8's own message: it quotes the value, which holds keys.
      const where = err instanceof SyntaxError ? jsonErrorPlace(err.message, c.raw) : ` (${(err as Error).message})`;
      out.push(f('RUNS_ENDPOINTS_INVALID', 'warn', `${sourceLabel(c.source)} is not valid JSON${where}; the JS SDK only warns and ignores it`, {
        fix: { text: 'Use a JSON array of {"api_url","api_key"} or an object {"<url>": "<key>"}.', commands: [] },
      }));
      continue;
    }
    if (endpointVars.length === 0) continue;
    // Who refuses it beside an endpoint: JS only the object form of LANGSMITH_RUNS_ENDPOINTS;
    // Python any LANGSMITH_RUNS_ENDPOINTS, and LANGCHAIN_RUNS_ENDPOINTS in object form.
    const objectForm = !Array.isArray(parsed) && Object.keys(parsed as object).length > 0;
    const refusers = c.name === 'LANGSMITH_RUNS_ENDPOINTS' ? [...(objectForm ? ['JS'] : []), 'Python'] : objectForm ? ['Python'] : [];
    if (refusers.length === 0) continue;
    const who = refusers.length === 2 ? 'both SDKs refuse' : `the ${refusers[0]} SDK refuses`;
    out.push(f('RUNS_ENDPOINTS_CONFLICT', 'fail',
      `${c.name} is set together with ${endpointVars.map((e) => e.name).join(' and ')}; ${who} this ("You cannot provide both LANGSMITH_ENDPOINT / LANGCHAIN_ENDPOINT and LANGSMITH_RUNS_ENDPOINTS")`,
      { fix: { text: 'Use one: either the single endpoint, or the replicas in LANGSMITH_RUNS_ENDPOINTS.', commands: endpointVars.map((e) => `unset ${e.name}`) }, docs: DOCS.runsEndpoints, evidence: { refusedBy: refusers } }));
  }
  return out;
}

function workspace(s: LangSmithSettings, f: MakeFinding): Finding[] {
  const ws = s.workspaceId;
  if (ws.value === undefined || UUID.test(ws.value.trim())) return [];
  const where = ws.source ? sourceLabel(ws.source) : 'the workspace id';
  return [f('WORKSPACE_ID_INVALID', 'fail', `${where} is ${describeValue(ws.value)}, not a workspace id (a UUID like 1f2e3d4c-…); it is sent as X-Tenant-Id and refused`, {
    fix: { text: 'Copy the workspace id from LangSmith: Settings → Workspaces (or the URL /o/<org>/…?workspace=<id>); the doctor lists the ones your key can see once it authenticates.', commands: [envLine('LANGSMITH_WORKSPACE_ID', '<workspace uuid>')] }, docs: DOCS.workspaces,
    evidence: { name: ws.source?.kind === 'env' || ws.source?.kind === 'dotenv' ? ws.source.name : null },
  })];
}

/** Loads the dotenv files that hold these variables into the current shell (one line, as printed). */
function dotenvExport(s: LangSmithSettings, list: Candidate[]): string[] {
  const files = s.dotenvFiles.filter((f) => list.some((c) => c.source?.kind === 'dotenv' && c.source.file === f.display));
  return files.length === 0 ? [] : [`set -a; ${files.map((f) => `. ${shellQuote(f.path)}`).join('; ')}; set +a`];
}
