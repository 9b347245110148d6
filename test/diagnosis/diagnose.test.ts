import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../src/core/checker.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { mergeStages, STAGES } from '../../src/diagnosis/stages.js';

const f = (code: string, severity: Finding['severity'] = 'fail', fix = `fix ${code}`): Finding => ({ code, severity, message: `msg ${code}`, fix: { text: fix, commands: [`SET_${code}=1`] } });
const check = (id: string, findings: Finding[], extra: Partial<CheckResult> = {}): CheckResult => ({
  id, title: id, source: 'builtin', durationMs: 1, summary: '', findings,
  status: findings.some((x) => x.severity === 'fail') ? 'fail' : findings.some((x) => x.severity === 'warn') ? 'warn' : 'pass', ...extra,
});

describe('diagnose', () => {
  it('ranks configuration before network before authentication before permissions', () => {
    const d = diagnose([
      check('permission-tier', [f('TIER_READ_ONLY', 'warn')]),
      check('auth', [f('KEY_INVALID')]),
      check('endpoint', [f('TIMEOUT')]),
      check('env-vars', [f('TRACING_FLAG_INVALID')]),
    ]);
    expect(d.stage).toBe('configure');
    expect(d.causes.map((c) => c.code)).toEqual(['TRACING_FLAG_INVALID', 'TIMEOUT', 'KEY_INVALID', 'TIER_READ_ONLY']);
    // A tracing flag explains neither a timeout nor a refused key.
    expect(d.causes.map((c) => c.relation)).toEqual(['primary', 'also', 'also', 'also']);
    const key = diagnose([check('key-format', [f('KEY_MALFORMED')]), check('endpoint', [f('TIMEOUT')]), check('auth', [f('KEY_INVALID')])]);
    expect(key.causes.map((c) => c.relation)).toEqual(['primary', 'also', 'follows']);
    expect(d.plan[0]).toMatchObject({ step: 1, action: 'fix TRACING_FLAG_INVALID', commands: ['SET_TRACING_FLAG_INVALID=1'] });
  });

  it('relations: an endpoint problem explains what the route and the key checks saw', () => {
    const d = diagnose([check('endpoint', [f('ENDPOINT_UI_HOST'), f('NOT_LANGSMITH')]), check('auth', [f('KEY_INVALID')])]);
    expect(d.causes.map((c) => `${c.code}:${c.relation}`)).toEqual(['ENDPOINT_UI_HOST:primary', 'NOT_LANGSMITH:follows', 'KEY_INVALID:follows']);
    const net = diagnose([check('endpoint', [f('TIMEOUT')]), check('x', [f('TIER_READ_ONLY')])]);
    expect(net.causes[1]!.relation).toBe('follows');
  });

  it('within a level, the more specific cause wins (region over invalid key, UI host over proxy)', () => {
    expect(diagnose([check('a', [f('KEY_INVALID')]), check('b', [f('REGION_MISMATCH')])]).causes[0]!.code).toBe('REGION_MISMATCH');
    expect(diagnose([check('a', [f('PROXY_INTERFERENCE')]), check('b', [f('SERVICE_ERROR')])]).causes[0]!.code).toBe('SERVICE_ERROR');
    expect(diagnose([check('a', [f('PROXY_INTERFERENCE')]), check('b', [f('ENDPOINT_UI_HOST')])]).causes[0]!.code).toBe('ENDPOINT_UI_HOST');
  });

  it('past the gates, the stage is the measured tier and its finding is the primary cause', () => {
    const d = diagnose([
      check('env-vars', [f('ENV_NAME_TYPO', 'warn')]),
      check('permission-tier', [f('TIER_LIMITED_WRITE', 'warn')], { evidence: { tier: 'limited-write' } }),
    ]);
    expect(d).toMatchObject({ stage: 'limited-write', tier: 'limited-write' });
    expect(d.causes[0]!.code).toBe('TIER_LIMITED_WRITE');
    expect(d.plan.map((p) => p.action)).toContain('Have an admin create projects you need up front (or grant Admin)');
  });

  it('tier none only when the key is refused; a rate limit at auth keeps the gate but leaves the tier unknown', () => {
    expect(diagnose([check('auth', [f('KEY_INVALID')])])).toMatchObject({ stage: 'authenticate', tier: 'none' });
    expect(diagnose([check('auth', [f('RATE_LIMITED')])])).toMatchObject({ stage: 'authenticate', tier: 'unknown' });
    expect(diagnose([check('usage-limits', [f('RATE_LIMITED', 'warn')])])).toMatchObject({ stage: 'unknown' });
  });

  it('a gate held closed by a later-level cause says so on the stage line, never that the key is refused', () => {
    const d = diagnose([check('auth', [f('RATE_LIMITED')])]);
    expect(d.stage).toBe('authenticate');
    expect(d.blockedBy).toBeUndefined(); // blockedBy stays what the contract says: past the gates only
    expect(d.headline).toBe('Blocked by RATE_LIMITED: msg RATE_LIMITED. The authenticate stage cannot be cleared while it lasts, so nothing past it is measured yet.');
    expect(d.headline).not.toContain(STAGES.authenticate.meaning);
    // A refusal of the key itself keeps the gate's meaning.
    expect(diagnose([check('auth', [f('KEY_INVALID')])]).headline).toBe(STAGES.authenticate.meaning);
    // Past the gates, blockedBy is the headline; a permission tier is its own headline.
    expect(diagnose([check('usage-limits', [f('USAGE_LIMIT_REACHED')]), check('permission-tier', [], { evidence: { tier: 'admin' } })]).headline).toMatch(/^Blocked by USAGE_LIMIT_REACHED: msg USAGE_LIMIT_REACHED\. The access tier itself is admin\.$/);
    expect(diagnose([check('permission-tier', [f('TIER_READ_ONLY')], { evidence: { tier: 'read-only' } })]).headline).toBe(STAGES['read-only'].meaning);
  });

  it('plans: a command is not repeated whatever its comment, a variable is not exported twice, a step all repeats is left out', () => {
    const stages = {
      ...STAGES,
      'limited-write': { title: 'L', meaning: 'm', steps: [
        { action: 'same command, other comment', why: 'w', commands: ['langsmith-doctor --watch 60'] },
        { action: 'another template for the same variable', why: 'w', commands: ['export LANGSMITH_PROJECT=<your project name>', 'export OTHER=1'] },
        { action: 'said by the fix', why: 'w', saidByFixOf: ['TIER_LIMITED_WRITE'] },
      ] },
    };
    const fix: Finding = { code: 'TIER_LIMITED_WRITE', severity: 'warn', message: 'm', fix: { text: 'the fix', commands: ['langsmith-doctor --watch 60   # says when it changes', 'export LANGSMITH_PROJECT=<a project>'] } };
    const d = diagnose([check('permission-tier', [fix], { evidence: { tier: 'limited-write' } })], { stages });
    expect(d.plan.map((p) => [p.action, p.commands])).toEqual([
      ['the fix', ['langsmith-doctor --watch 60   # says when it changes', 'export LANGSMITH_PROJECT=<a project>']],
      ['another template for the same variable', ['export OTHER=1']],
    ]);
  });

  it('ignored findings and skipped checks are not causes', () => {
    const ignored = { ...f('KEY_MISSING'), ignored: true };
    const d = diagnose([check('key-format', [ignored], { status: 'pass' }), check('x', [f('KEY_LEGACY')], { status: 'skip' })]);
    expect(d.causes).toEqual([]);
    expect(d.stage).toBe('unknown');
  });

  it('plugin codes can declare their level; unknown codes rank last', () => {
    const d = diagnose([check('acme/vpn', [f('ACME_VPN_DOWN')]), check('x', [f('ACME_OTHER')])], { codeLevels: { ACME_VPN_DOWN: 'connect' } });
    expect(d.stage).toBe('connect');
    expect(d.causes.map((c) => c.code)).toEqual(['ACME_VPN_DOWN', 'ACME_OTHER']);
  });

  it('config and plugin packs extend the stage model; bad entries are reported, the rest applies', () => {
    const { stages, problems } = mergeStages(STAGES, [
      { from: 'pack', stages: { 'read-only': { steps: [{ action: 'Ask #platform', why: 'tickets' }] }, 'vpn-down': { title: 'VPN', meaning: 'x', steps: [] } } },
      { from: '.langsmith-doctorrc.json', stages: { admin: { steps: [{ action: 'no why' }] } } },
    ]);
    expect(stages['read-only']!.steps.at(-1)!.action).toBe('Ask #platform');
    expect(stages['vpn-down']!.title).toBe('VPN');
    expect(problems).toEqual(['.langsmith-doctorrc.json: stages.admin.steps[0] needs action and why strings']);
    expect(STAGES['read-only'].steps.some((s) => s.action === 'Ask #platform')).toBe(false);
  });

  it('no stage of the model tells anyone to wait for an activation period', () => {
    const text = JSON.stringify(STAGES);
    expect(text.replace(/not by waiting|no activation period|Waiting will not change this/gi, '')).not.toMatch(/activat|\bwait\b/i);
  });
});
