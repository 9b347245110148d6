// Results -> stage, tier, ranked causes and the action plan for the stage.
import type { CheckResult, Finding } from '../core/checker.js';
import { LEVEL_ORDER, SPECIFICITY, levelOf, type Level } from './levels.js';
import { DEFAULT_ENDPOINT, ENDPOINT_TOKEN, GATES, STAGES, type Stage, type StageDef, type Tier } from './stages.js';
import { shellQuote } from '../core/invocation.js';

export interface Cause {
  code: string;
  check: string;
  message: string;
  severity: Finding['severity'];
  level: Level;
  /** primary; `also` (independent); `follows` (a later-level symptom the primary explains). */
  relation: 'primary' | 'also' | 'follows';
}

export interface PlanStep {
  step: number;
  action: string;
  why: string;
  commands: string[];
  docs?: string;
}

export interface Diagnosis {
  stage: Stage;
  stageTitle: string;
  stageMeaning: string;
  tier: Tier;
  causes: Cause[];
  plan: PlanStep[];
  /**
   * The gates are cleared, but a failing cause outside the role ladder stops the integration (a
   * rate or usage limit, a payload size, an SDK too old, a proxy): its code. The stage then says
   * the tier reached, and this is what blocks.
   */
  blockedBy?: string;
  /**
   * The stage line every renderer prints under the stage (JSON carries it too): what blocks when
   * something outside the ladder does, else what the stage means. A run that exits 1 for a limit
   * never headlines the tier, and a 429 at the authentication gate never reads "refuses the key".
   */
  headline: string;
}

/** The stage line every renderer prints: what blocks first when something does, else what the stage means. */
export function stageLine(d: Pick<Diagnosis, 'stage' | 'stageMeaning' | 'blockedBy' | 'causes'> & { headline?: string }): string {
  if (d.headline) return d.headline;
  if (!d.blockedBy) return d.stageMeaning;
  const cause = d.causes.find((c) => c.code === d.blockedBy);
  return `Blocked by ${d.blockedBy}${cause ? `: ${oneSentence(cause.message)}` : ''}. The access tier itself is ${d.stage}.`;
}

/**
 * The headline for a gate held closed by a cause of a later level (a 429 on the first
 * authenticated read): the gate's own meaning ("refuses the key as sent") would blame the key.
 */
function gateHeldBy(stage: Stage, cause: { code: string; message: string }): string {
  return `Blocked by ${cause.code}: ${oneSentence(cause.message)}. The ${stage} stage cannot be cleared while it lasts, so nothing past it is measured yet.`;
}

const oneSentence = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A command without its trailing `# comment`. */
const bareCommand = (c: string) => c.replace(/\s+#.*$/, '').trim();
/** The variable an `export NAME=…` line sets. */
const exportedName = (c: string) => /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=/.exec(c)?.[1];

export interface DiagnoseOptions {
  stages?: Readonly<Record<string, StageDef>>;
  /** Levels of plugin-defined codes. */
  codeLevels?: Readonly<Record<string, string>>;
  /** The endpoint in use: stage commands name it literally (`{endpoint}`), never through a variable that may be unset. */
  endpoint?: string;
}

const TIER_CODES: Record<string, Tier> = {
  TIER_READ_ONLY: 'read-only',
  TIER_LIMITED_WRITE: 'limited-write',
  TIER_FULL_ACCESS: 'full-access',
  TIER_ADMIN: 'admin',
};

/**
 * Checkers that stand for a gate: a failure there keeps the gate closed even when its code's own
 * level is a later one (a 429 on the first authenticated read means the key is not yet confirmed).
 */
const CHECK_GATES: Readonly<Record<string, Level>> = { 'key-format': 'configure', 'env-vars': 'configure', endpoint: 'connect', auth: 'authenticate' };

const SEVERITY_RANK: Record<Finding['severity'], number> = { fail: 2, warn: 1, info: 0 };

export function diagnose(results: readonly CheckResult[], opts: DiagnoseOptions = {}): Diagnosis {
  const stages = opts.stages ?? STAGES;
  const live: Array<{ f: Finding; check: string; level: Level }> = [];
  for (const r of results) {
    if (r.status === 'skip') continue;
    for (const f of r.findings) {
      if (f.ignored || f.severity === 'info') continue;
      const own = levelOf(f.code, opts.codeLevels);
      const gate = CHECK_GATES[r.id];
      const level = f.severity === 'fail' && gate && !GATES.includes(own as Stage) ? gate : own;
      live.push({ f, check: r.id, level });
    }
  }
  live.sort((a, b) =>
    LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
    SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] ||
    (SPECIFICITY[b.f.code] ?? 5) - (SPECIFICITY[a.f.code] ?? 5));

  // The stage is the first gate with a failure; past the gates, the tier reached.
  const failingGate = GATES.find((g) => live.some((x) => x.level === g && x.f.severity === 'fail'));
  const refused = live.some((x) => x.f.severity === 'fail' && levelOf(x.f.code, opts.codeLevels) === 'authenticate');
  const tier = measureTier(results, failingGate, refused);
  const stage: Stage = failingGate ?? (tier === 'none' || tier === 'unknown' ? 'unknown' : tier);

  // The primary cause: the top failure; with none, the tier finding that names the stage, then
  // the top warning.
  const failures = live.filter((x) => x.f.severity === 'fail');
  const tierWarning = live.find((x) => x.f.severity === 'warn' && TIER_CODES[x.f.code] === stage);
  const ranked = failures.length > 0
    ? [...failures, ...live.filter((x) => x.f.severity !== 'fail')]
    : tierWarning ? [tierWarning, ...live.filter((x) => x !== tierWarning)] : live;
  const primary = ranked[0];
  const causes: Cause[] = ranked.map((x, i) => ({
    code: x.f.code,
    check: x.check,
    message: x.f.message,
    severity: x.f.severity,
    level: x.level,
    relation: i === 0 ? 'primary' : primary && follows(primary, x) ? 'follows' : 'also',
  }));

  const def = stages[stage] ?? STAGES[stage] ?? STAGES.unknown;
  const plan: PlanStep[] = [];
  // The cause's fix and the stage's steps overlap: a command an earlier step gave (whatever its
  // trailing comment) is not repeated, and a variable an earlier step exports is not exported again
  // with another value or template (pasted in order, the later line would silently win).
  const given = new Set<string>();
  const exported = new Set<string>();
  const fixesGiven = new Set<string>();
  const push = (s: Omit<PlanStep, 'step'>, generic = false) => {
    if (plan.some((p) => p.action === s.action)) return;
    const commands = s.commands.filter((c) => !given.has(bareCommand(c)) && !exported.has(exportedName(c) ?? ''));
    // A stage's generic step whose every command the plan already gives adds nothing but a repeat.
    if (generic && s.commands.length > 0 && commands.length === 0) return;
    for (const c of commands) {
      given.add(bareCommand(c));
      const name = exportedName(c);
      if (name) exported.add(name);
    }
    plan.push({ step: plan.length + 1, ...s, commands });
  };
  // Gates: the precise fix of each failing cause at that gate comes first, most specific first.
  if (failingGate) {
    const seen = new Set<string>();
    for (const x of failures.filter((x) => x.level === failingGate)) {
      if (!x.f.fix || seen.has(x.f.code)) continue;
      seen.add(x.f.code);
      fixesGiven.add(x.f.code);
      push({ action: x.f.fix.text, why: x.f.message, commands: x.f.fix.commands ?? [], docs: x.f.docs });
    }
  } else if (primary?.f.fix && primary.f.severity !== 'info') {
    fixesGiven.add(primary.f.code);
    push({ action: primary.f.fix.text, why: primary.f.message, commands: primary.f.fix.commands ?? [], docs: primary.f.docs });
  }
  const literal = (c: string) => c.replace(ENDPOINT_TOKEN, (_, rest: string) => shellQuote(`${opts.endpoint ?? DEFAULT_ENDPOINT}${rest}`));
  for (const s of def.steps) {
    if (s.saidByFixOf?.some((code) => fixesGiven.has(code))) continue;
    push({ action: s.action, why: s.why, commands: (s.commands ?? []).map(literal), docs: s.docs }, true);
  }

  // Past the gates, a failure outside the permission ladder is what blocks (the tier is not the headline).
  const blockedBy = !failingGate && primary?.f.severity === 'fail' && primary.level !== 'permission' ? primary.f.code : undefined;
  // A gate closed only because a gate checker met a later-level failure (CHECK_GATES) is held by that cause.
  const heldBy = failingGate && primary?.f.severity === 'fail' && primary.level === failingGate && !GATES.includes(levelOf(primary.f.code, opts.codeLevels) as Stage) ? primary.f : undefined;
  const base = { stage, stageTitle: def.title, stageMeaning: def.meaning, tier, causes, plan, ...(blockedBy ? { blockedBy } : {}) };
  return { ...base, headline: heldBy ? gateHeldBy(stage, heldBy) : stageLine(base) };
}

/**
 * Whether `later` is plausibly a consequence of `primary`: an endpoint problem explains what the
 * network and the key checks then saw; a key problem explains refusals, not a route failure; a
 * route failure explains everything that needed the route.
 */
function follows(primary: { f: Finding; level: Level }, later: { level: Level }): boolean {
  const p = LEVEL_ORDER.indexOf(primary.level);
  const l = LEVEL_ORDER.indexOf(later.level);
  if (l <= p || !GATES.includes(primary.level as Stage)) return false;
  if (primary.level === 'configure' && !primary.f.code.startsWith('ENDPOINT_')) {
    // Settings that decide which key is sent explain its refusal; tracing flags explain nothing later.
    return later.level !== 'connect' && /^(KEY_|DOTENV_|ENV_|WORKSPACE_ID|TRACING_WITHOUT_KEY|RUNS_ENDPOINTS)/.test(primary.f.code);
  }
  return true;
}

function measureTier(results: readonly CheckResult[], failingGate: Stage | undefined, refused: boolean): Tier {
  // `none` only when the key was refused; a gate that merely stopped the measurement is `unknown`.
  if (failingGate === 'authenticate' && refused) return 'none';
  if (failingGate) return 'unknown';
  const pt = results.find((r) => r.id === 'permission-tier');
  const fromEvidence = pt?.evidence?.tier;
  if (typeof fromEvidence === 'string' && ['none', 'read-only', 'limited-write', 'full-access', 'admin', 'unknown'].includes(fromEvidence)) {
    return fromEvidence as Tier;
  }
  for (const r of results) {
    for (const f of r.findings) {
      const t = TIER_CODES[f.code];
      if (t) return t;
    }
  }
  return 'unknown';
}
