// Every demo scenario's plan: no step twice, no command twice. And a run that exits 1 never headlines the tier: past the gates, a failing cause outside the role
// ladder (a limit, a payload size, an SDK, a proxy) is named as what blocks (diagnosis.blockedBy),
// in JSON and on the stage line of every renderer. Over every demo scenario, on the built CLI.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const GATES = ['configure', 'connect', 'authenticate'];

describe('plans and blockedBy (built CLI, every demo scenario)', () => {
  it('is set exactly when the gates are cleared and a non-permission failure decides the exit code', async () => {
    const list = (await runCli(['--demo', 'list', '--json'])).json<Array<{ name: string; args: string[] }>>();
    const blocked: string[] = [];
    for (const s of list) {
      const r = await runCli(['--demo', s.name, '--json', ...s.args], { timeoutMs: 30_000 });
      const d = r.json().diagnosis;
      const primary = d.causes[0];
      const expected = !GATES.includes(d.stage) && primary?.severity === 'fail' && primary.level !== 'permission' ? primary.code : undefined;
      expect(d.blockedBy, s.name).toBe(expected);
      const actions = d.plan.map((p: { action: string }) => p.action);
      const commands = d.plan.flatMap((p: { commands: string[] }) => p.commands);
      expect(new Set(actions).size, `${s.name}: a plan step repeated`).toBe(actions.length);
      expect(new Set(commands).size, `${s.name}: a plan command repeated: ${commands.join(' | ')}`).toBe(commands.length);
      if (d.blockedBy) {
        blocked.push(`${s.name}:${d.blockedBy}`);
        expect(r.code, s.name).toBe(1);
      }
    }
    // The limits the emulator models are among them (and the healthy ones are not).
    expect(blocked).toEqual(expect.arrayContaining(['usage-limit-reached:USAGE_LIMIT_REACHED', 'payload-too-large:PAYLOAD_TOO_LARGE']));
    expect(blocked.some((b) => b.startsWith('healthy'))).toBe(false);
  }, 180_000);

  it('the stage line says what blocks, not what the tier means, in plain text and Markdown', async () => {
    const plain = await runCli(['--demo', 'usage-limit-reached', '--plain']);
    expect(plain.code).toBe(1);
    const stage = plain.stdout.split('\n').find((l) => l.startsWith('Stage: '))!;
    expect(stage).toMatch(/^Stage: admin — Blocked by USAGE_LIMIT_REACHED: .*The access tier itself is admin\.$/);
    const healthy = await runCli(['--demo', 'healthy-admin', '--plain']);
    expect(healthy.stdout.split('\n').find((l) => l.startsWith('Stage: '))).not.toContain('Blocked by');
  });
});
