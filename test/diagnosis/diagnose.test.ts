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
