// Findings + resolved settings -> the configuration edits that fix them (`--fix`). Only plans:
// nothing is written here. An edit goes where the value came from (the dotenv file and line the
// settings resolved it from); a value from the process environment gets an `export` line instead;
// what no configuration edit can fix (roles, new keys, proxies, limits) gets its manual step.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { Finding } from '../core/checker.js';
import { deleteVariable, hasName, parseDotenvDoc, renameVariable, renderDotenvDoc, setVariable, unifiedDiff, type DotenvDoc } from '../core/dotenv-edit.js';
import { readRegularFile } from '../core/files.js';
import { suggestName } from './env-names.js';
import { maskKey } from './keys.js';
import { SECRET_NAME } from './secrets.js';
import { MAX_SETTINGS_FILE_BYTES, RELEVANT_NAME, type Candidate, type DotenvFile, type LangSmithSettings, type Resolved } from './settings.js';
import { envLine } from './text.js';

/** The part of a report the planner reads (any Report fits). */
export interface FixableReport {
  checks: ReadonlyArray<{ id: string; findings: readonly Finding[]; evidence?: Record<string, unknown> }>;
}

export type FixAction = 'edit' | 'export' | 'choose' | 'manual';

export interface WorkspaceChoice {
  id: string;
  name: string | null;
  role: string | null;
}

export interface PlannedFix {
  code: string;
  check: string;
  severity: Finding['severity'];
  /** The variable the finding is about, when it names one (how the re-run finds it again). */
  subject?: string;
  /** edit: a dotenv file is changed; export: lines for the shell; choose: a workspace must be picked; manual: a step for the user. */
  action: FixAction;
  /** What is done (or must be done), in words. */
  what: string;
  /** The file edited (as displayed), for `edit`. */
  file?: string;
  /** `export …` lines (action export) or the manual step's commands. Never a key. */
  commands: string[];
  choices?: WorkspaceChoice[];
}

export interface PlannedFile {
  path: string;
  display: string;
  before: string;
  after: string;
  /** Unified diff, secret values masked. */
  diff: string;
}

export interface FixPlan {
  fixes: PlannedFix[];
  files: PlannedFile[];
}

export interface PlanContext {
  settings: LangSmithSettings;
  /** The diagnosed folder: no file outside it is ever edited. */
  folder: string;
}

export interface PlanChoices {
  /** The workspace picked when the key can see several. */
  workspaceId?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const MEANS_OFF = /^\s*["']?(false|0|no|off|n|disabled?)["']?\s*$/i;

/** What --fix cannot do, by kind of cause: the manual step starts with this. */
const MANUAL: Array<[RegExp, string]> = [
  [/^(TIER_|PERMISSION_UNKNOWN$)/, 'Roles are changed by a workspace or organisation admin in LangSmith (Settings → Members / Service accounts); --fix does not change roles.'],
  [/^KEY_(INVALID|EXPIRED|LEGACY|MISSING|PLACEHOLDER|OTHER_PROVIDER|MALFORMED)$|^TRACING_WITHOUT_KEY$/, 'A new key is created in LangSmith (Settings → API Keys) and pasted by you; --fix never writes a key.'],
  [/^(PROXY_INTERFERENCE|TLS_|CONNECTION_|DNS_FAILURE|TIMEOUT|NETWORK_ERROR|NOT_LANGSMITH$|SERVICE_ERROR)/, 'The network path (proxy, VPN, TLS inspection, firewall) is outside the project\'s configuration; --fix does not change it.'],
  [/^(RATE_LIMITED|USAGE_LIMIT_REACHED|PAYLOAD_TOO_LARGE|NO_PLAN)$/, 'Limits and plans are changed in LangSmith (Settings → Usage and Billing) or by waiting; --fix does not change them.'],
];

/** Every fix the findings allow, with the dotenv edits it takes (as diffs) and what stays manual. */
export function planFixes(report: FixableReport, ctx: PlanContext, choices: PlanChoices = {}): FixPlan {
  const p = new Planner(ctx);
  const all = report.checks.flatMap((c) => c.findings.filter((f) => !f.ignored && f.severity !== 'info').map((f) => ({ check: c.id, finding: f, evidence: c.evidence ?? {} })));
  // Settings first (endpoint, workspace), then values, then names: a rename never races an edit.
  const order = ['REGION_MISMATCH', 'WORKSPACE_REQUIRED', 'WORKSPACE_ID_INVALID', 'TRACING_FLAG_INVALID', 'KEY_QUOTED', 'ENV_CONFLICT', 'ENV_NAME_TYPO'];
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const sorted = [...all].sort((a, b) => rank(a.finding.code) - rank(b.finding.code));
  const workspaces = report.checks.map((c) => c.evidence?.workspaces).find((w) => Array.isArray(w) && w.length > 0) as WorkspaceChoice[] | undefined;
  for (const { check, finding, evidence } of sorted) {
    const base = { code: finding.code, check, severity: finding.severity };
    switch (finding.code) {
      case 'REGION_MISMATCH': {
        const url = (evidence.acceptedBy as { url?: string } | undefined)?.url ?? fromCommand(finding, 'LANGSMITH_ENDPOINT');
        if (url) p.setSetting(base, 'ENDPOINT', ctx.settings.endpoint, url, `point the endpoint at the region that accepted the key (${url})`);
        else p.manual(base, finding);
        break;
      }
      case 'WORKSPACE_REQUIRED':
        p.workspace(base, finding, (evidence.workspaces as WorkspaceChoice[] | undefined) ?? [], choices.workspaceId);
        break;
      case 'WORKSPACE_ID_INVALID': {
        const current = ctx.settings.workspaceId.value ?? '';
        const ids = [...new Set(current.match(UUID) ?? [])];
        if (ids.length === 1) p.setSetting({ ...base, subject: subjectOf(finding) }, 'WORKSPACE_ID', ctx.settings.workspaceId, ids[0]!.toLowerCase(), 'keep only the workspace UUID found in the value');
        else p.workspace({ ...base, subject: subjectOf(finding) }, finding, workspaces ?? [], choices.workspaceId);
        break;
      }
      case 'TRACING_FLAG_INVALID':
        p.tracing(base, finding);
        break;
      case 'KEY_QUOTED':
        p.keyQuoted(base, finding);
        break;
      case 'ENV_CONFLICT':
        p.conflict(base, finding);
        break;
      case 'ENV_NAME_TYPO':
        p.typo(base, finding);
        break;
      default:
        p.manual(base, finding);
    }
  }
  return p.finish();
}

type Base = Pick<PlannedFix, 'code' | 'check' | 'severity'> & { subject?: string };

class Planner {
  private fixes: PlannedFix[] = [];
  private docs = new Map<string, { file: DotenvFile; before: string; doc: DotenvDoc; names: Map<string, string | null> }>();
  /** Values this plan gives variables: a later fix builds on them. */
  private planned = new Map<string, string>();
  /** Names a rename in this plan gives a variable. */
  private renamedTo = new Set<string>();
  constructor(private ctx: PlanContext) {}

  manual(base: Base, f: Finding, why?: string): void {
    // A misspelled key name renamed above is what made the key missing: nothing more to do.
    if ((f.code === 'KEY_MISSING' || f.code === 'TRACING_WITHOUT_KEY') && /_API_KEY$/.test([...this.renamedTo].join(' '))) return;
    const lead = MANUAL.find(([re]) => re.test(f.code))?.[1];
    const what = [why, lead, f.fix?.text].filter(Boolean).join(' ');
    this.fixes.push({ ...base, action: 'manual', what: what || f.message, commands: f.fix?.commands ?? [] });
  }

  /** Sets a LANGSMITH_/LANGCHAIN_ setting where it is defined (or beside the key), and its twins alike. */
  setSetting(base: Base, suffix: string, resolved: Resolved, value: string, why: string): void {
    const src = resolved.source;
    const name = src?.kind === 'env' || src?.kind === 'dotenv' ? src.name : `LANGSMITH_${suffix}`;
    const at = src?.kind === 'dotenv' ? src : src?.kind === 'env' ? undefined : this.keyFile();
    const fix: PlannedFix = { ...base, subject: base.subject ?? name, action: 'edit', what: why, commands: [] };
    const ok = src?.kind === 'env' ? this.exportLine(fix, name, value) : at ? this.edit(fix, at.file, (d) => setVariable(d, name, value), { [name]: value }) : this.exportLine(fix, name, value);
    if (!ok) return;
    this.planned.set(name, value);
    // The other prefix, where set, gets the same value: older SDKs and integrations read it.
    const twin = name.startsWith('LANGSMITH_') ? name.replace('LANGSMITH_', 'LANGCHAIN_') : name.replace('LANGCHAIN_', 'LANGSMITH_');
    for (const c of this.candidates(twin)) {
      if (c.raw.trim() === value) continue;
      if (c.source.kind === 'dotenv') this.edit(fix, c.source.file, (d) => setVariable(d, twin, value), { [twin]: value });
      else if (c.source.kind === 'env') fix.commands.push(envLine(twin, value));
    }
    this.fixes.push(fix);
  }

  workspace(base: Base, f: Finding, listed: WorkspaceChoice[], chosen: string | undefined): void {
    const ws = listed.map((w) => ({ id: w.id, name: w.name ?? null, role: w.role ?? null }));
    const pick = ws.length === 1 ? ws[0] : ws.find((w) => w.id === chosen);
    if (pick) {
      this.setSetting(base, 'WORKSPACE_ID', this.ctx.settings.workspaceId, pick.id, `use workspace '${pick.name ?? pick.id}' (${pick.id})`);
      return;
    }
    if (ws.length === 0) return this.manual(base, f, 'The key\'s workspaces could not be listed.');
    this.fixes.push({ ...base, subject: base.subject, action: 'choose', what: `The key can see ${ws.length} workspaces; pick the one to use: ${ws.map((w) => `${w.name ?? '(unnamed)'}${w.role ? ` (${w.role})` : ''}: ${w.id}`).join('; ')}`, commands: [envLine('LANGSMITH_WORKSPACE_ID', '<one of the workspace ids above>')], choices: ws });
  }

  tracing(base: Base, f: Finding): void {
    const name = subjectOf(f);
    if (!name || this.fixes.some((x) => x.code === base.code && x.subject === name)) return;
    const list = this.candidates(name).filter((c) => c.raw !== 'true' && c.raw !== 'false');
    const raw = list[0]?.raw ?? '';
    const meantOn = f.evidence?.meantOn === true || /^\s*["']?(true|1|yes|on|y|enabled?)["']?\s*$/i.test(raw);
    const value = meantOn ? 'true' : MEANS_OFF.test(raw) ? 'false' : undefined;
    if (value === undefined) return this.manual({ ...base, subject: name }, f, `${name}'s value does not say on or off.`);
    const fix: PlannedFix = { ...base, subject: name, action: 'edit', what: `spell ${name} exactly ${value} (the SDKs compare with the lowercase word)`, commands: [] };
    let ok = true;
    for (const c of list) {
      if (c.source.kind === 'dotenv') ok = this.edit(fix, c.source.file, (d) => setVariable(d, name, value), { [name]: value }) && ok;
      else if (c.source.kind === 'env') ok = this.exportLine(fix, name, value) && ok;
    }
    if (ok) this.fixes.push(fix);
  }

  keyQuoted(base: Base, f: Finding): void {
    const { key } = this.ctx.settings;
    const name = subjectOf(f) ?? 'LANGSMITH_API_KEY';
    const raw = key.raw ?? '';
    const bare = raw.trim().replace(/^["']+|["']+$/g, '').trim();
    if (key.source?.kind !== 'dotenv' || bare === '' || /[\s"']/.test(bare)) {
      return this.manual({ ...base, subject: name }, f, key.source?.kind === 'env' ? `${name} comes from the process environment: set it again without quotes or spaces (the doctor never prints a key).` : undefined);
    }
    // The file already holds this key: only its quotes and spaces go.
    const fix: PlannedFix = { ...base, subject: name, action: 'edit', what: `remove the quotes and spaces around the key in ${name}`, commands: [] };
    const varName = key.source.name;
    if (this.edit(fix, key.source.file, (d) => setVariable(d, varName, bare, { quote: 'none' }), { [varName]: bare })) this.fixes.push(fix);
  }

  conflict(base: Base, f: Finding): void {
    const names = f.evidence?.names as [string, string] | undefined;
    if (!names) return this.manual(base, f);
    const [ls, lc] = names;
    const subject = lc;
    if (this.fixes.some((x) => x.code === base.code && x.subject === subject)) return;
    const winner = this.candidates(ls)[0];
    if (!winner) return this.manual({ ...base, subject }, f);
    const value = this.planned.get(ls) ?? winner.raw.trim();
    const secret = SECRET_NAME.test(lc);
    const fix: PlannedFix = { ...base, subject, action: 'edit', what: secret ? `make ${lc} agree with ${ls} (removed, or the same key where that file holds it)` : `give ${lc} the value of ${ls} (${value})`, commands: [] };
    let ok = true;
    for (const c of this.candidates(lc)) {
      if (c.raw.trim() === value) continue;
      if (c.source.kind === 'env') {
        if (secret) fix.commands.push(`unset ${lc}`);
        else ok = this.exportLine(fix, lc, value) && ok;
        continue;
      }
      if (c.source.kind !== 'dotenv') continue;
      const file = c.source.file;
      if (!secret) {
        ok = this.edit(fix, file, (d) => setVariable(d, lc, value), { [lc]: value }) && ok;
        continue;
      }
      // A key is copied only inside a file that already holds it; elsewhere the stale one goes.
      const sameFile = this.candidates(ls).find((x) => x.source.kind === 'dotenv' && x.source.file === file && x.raw.trim() === value);
      ok = (sameFile ? this.edit(fix, file, (d) => setVariable(d, lc, value), { [lc]: value }) : this.edit(fix, file, (d) => deleteVariable(d, lc), { [lc]: null })) && ok;
    }
    if (fix.file === undefined && fix.commands.length > 0 && fix.action === 'edit') fix.action = 'export';
    if (ok && (fix.file !== undefined || fix.commands.length > 0 || fix.action === 'manual')) this.fixes.push(fix);
  }

  typo(base: Base, f: Finding): void {
    const name = subjectOf(f);
    const meant = f.evidence?.meant as string | undefined;
    if (!name || !meant) return this.manual(base, f);
    if (this.fixes.some((x) => x.code === base.code && x.subject === name)) return;
    const keep = suggestName(name)?.keep === true;
    const secret = SECRET_NAME.test(name) || SECRET_NAME.test(meant);
    const fix: PlannedFix = { ...base, subject: name, action: 'edit', what: keep ? `also set ${meant} (the name the SDKs read), keeping ${name} for its integration` : `rename ${name} to ${meant}`, commands: [] };
    let ok = true;
    for (const c of this.candidates(name)) {
      if (c.source.kind === 'env') {
        fix.commands.push(envLine(meant, secret ? `<the value of ${name}>` : c.raw.trim()));
        if (!keep) fix.commands.push(`unset ${name}`);
        continue;
      }
      if (c.source.kind !== 'dotenv') continue;
      const value = c.raw;
      const already = this.docHas(c.source.file, meant);
      if (already) {
        ok = false;
        this.manual({ ...base, subject: name }, f, `${c.source.file} already sets ${meant}: remove the line with ${name} yourself if it is stale.`);
        continue;
      }
      ok = (keep ? this.edit(fix, c.source.file, (d) => setVariable(d, meant, value), { [meant]: value }) : this.edit(fix, c.source.file, (d) => renameVariable(d, name, meant), { [name]: null, [meant]: value })) && ok;
    }
    if (ok && fix.action === 'edit') this.renamedTo.add(meant);
    if (fix.file === undefined && fix.commands.length > 0 && fix.action === 'edit') fix.action = 'export';
    if (ok && (fix.file !== undefined || fix.commands.length > 0 || fix.action === 'manual')) this.fixes.push(fix);
  }

  finish(): FixPlan {
    const files: PlannedFile[] = [];
    for (const [full, d] of this.docs) {
      const after = renderDotenvDoc(d.doc);
      if (after === d.before) continue;
      // Check with dotenv itself: exactly the intended variables changed, nothing else.
      const was = parseDotenv(d.before);
      const now = parseDotenv(after);
      const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => was[k] !== now[k]);
      const unexpected = changed.filter((k) => !d.names.has(k)) ;
      const wrong = [...d.names].filter(([k, v]) => (v === null ? k in now : now[k] !== v));
      if (unexpected.length > 0 || wrong.length > 0) {
        this.refuseFile(d.file.display, `${d.file.display} is laid out in a way the editor cannot change safely (multi-line or unusual quoting)`);
        continue;
      }
      files.push({
        path: full,
        display: d.file.display,
        before: d.before,
        after,
        diff: unifiedDiff(parseDotenvDoc(d.before), d.doc, { from: d.file.display, to: `${d.file.display} (after --fix)`, isSecret: hiddenInDiff, mask: (v, n) => (SECRET_NAME.test(n) ? maskKey(v) : '…') }),
      });
    }
    return { fixes: this.fixes, files };
  }

  // -- helpers --------------------------------------------------------------------------------

  private candidates(name: string): Candidate[] {
    return this.ctx.settings.candidates.filter((c) => c.name === name);
  }

  /** The project dotenv file that holds the key, when it holds it: settings go beside it. */
  private keyFile(): { file: string } | undefined {
    const src = this.ctx.settings.key.source;
    return src?.kind === 'dotenv' ? { file: src.file } : undefined;
  }

  private exportLine(fix: PlannedFix, name: string, value: string): boolean {
    if (SECRET_NAME.test(name)) return false;
    fix.commands.push(envLine(name, value));
    if (fix.file === undefined) fix.action = 'export';
    fix.what = `${fix.what}; ${name} comes from the process environment, so it is changed in your shell (or wherever it is exported), not in a file`;
    return true;
  }

  private docHas(display: string, name: string): boolean {
    const d = this.loadDoc(display);
    return typeof d !== 'string' && hasName(d.doc, name);
  }

  /** Applies an edit to the file's planned document; a file that may not be edited makes the fix manual. */
  private edit(fix: PlannedFix, display: string, change: (d: DotenvDoc) => DotenvDoc, names: Record<string, string | null>): boolean {
    const d = this.loadDoc(display);
    if (typeof d === 'string') {
      fix.action = 'manual';
      fix.what = `${fix.what}: not edited, because ${d}`;
      return true;
    }
    try {
      d.doc = change(d.doc);
    } catch (err) {
      fix.action = 'manual';
      fix.what = `${fix.what}: not edited (${(err as Error).message})`;
      return true;
    }
    for (const [k, v] of Object.entries(names)) d.names.set(k, v);
    fix.file = display;
    fix.action = 'edit';
    return true;
  }

  private refuseFile(display: string, why: string): void {
    for (const f of this.fixes.filter((x) => x.file === display)) {
      f.action = 'manual';
      f.what = `${f.what}: not edited, because ${why}`;
      f.file = undefined;
    }
  }

  private loadDoc(display: string): string | { file: DotenvFile; before: string; doc: DotenvDoc; names: Map<string, string | null> } {
    const file = this.ctx.settings.dotenvFiles.find((f) => f.display === display);
    if (!file || !file.exists) return `${display} was not found`;
    const existing = this.docs.get(file.path);
    if (existing) return existing;
    const outside = outsideReason(file.path, this.ctx.folder);
    if (outside) return outside;
    const read = readRegularFile(file.path, MAX_SETTINGS_FILE_BYTES);
    if (!read.ok) return `${display} cannot be read (${read.reason})`;
    const entry = { file, before: read.text, doc: parseDotenvDoc(read.text), names: new Map<string, string | null>() };
    this.docs.set(file.path, entry);
    return entry;
  }
}

/** Why a file may not be edited: outside the diagnosed folder (symlinks followed), or a shell profile. */
export function outsideReason(file: string, folder: string): string | undefined {
  let real: string;
  let root: string;
  try {
    real = realpathSync(file);
    root = realpathSync(folder);
  } catch (err) {
    return `${file} cannot be resolved (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const rel = path.relative(root, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return `${file} is outside the project folder ${folder}; --fix edits only files inside it`;
  if (/^\.(bash|zsh|ksh)(rc|_profile|_login)$|^\.profile$|^\.zshenv$/.test(path.basename(real))) return `${file} is a shell profile; --fix never edits shell profiles`;
  if (!statSync(real).isFile()) return `${file} is not a regular file`;
  return undefined;
}

/**
 * Values the diff does not show: secrets (masked like keys), and every variable that is not a
 * LangSmith setting (shown as …): the app's other lines are context, and may hold a password
 * under any name.
 */
function hiddenInDiff(name: string): boolean {
  return SECRET_NAME.test(name) || !RELEVANT_NAME.test(name);
}

function subjectOf(f: Finding): string | undefined {
  const n = f.evidence?.name;
  return typeof n === 'string' ? n : undefined;
}

/** The value an `export NAME=value` fix command sets (shell quotes removed). */
function fromCommand(f: Finding, name: string): string | undefined {
  const line = f.fix?.commands?.find((c) => c.startsWith(`export ${name}=`));
  const v = line?.slice(`export ${name}=`.length).replace(/^'(.*)'$/, '$1');
  return v && /^https?:\/\//.test(v) ? v : undefined;
}

/** Whether a re-run still shows the finding a fix was for (same check, code and variable). */
export function stillPresent(fix: Pick<PlannedFix, 'check' | 'code' | 'subject'>, report: FixableReport): boolean {
  const check = report.checks.find((c) => c.id === fix.check);
  return (check?.findings ?? []).some((f) => {
    if (f.code !== fix.code || f.ignored) return false;
    if (!fix.subject) return true;
    const ev = f.evidence ?? {};
    // A finding that names no variable (REGION_MISMATCH, WORKSPACE_REQUIRED) is one per check: the code decides.
    if (ev.name === undefined && ev.names === undefined && ev.setting === undefined) return true;
    return ev.name === fix.subject || (Array.isArray(ev.names) && ev.names.includes(fix.subject));
  });
}
