// --watch against the emulator: the world changes between rounds (an admin grants Editor), and
// the doctor notices, prints what changed, and stops.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios, startEmulator } from '../../src/emulator/index.js';
import { changesBetween } from '../../src/commands/watch.js';
import { assertNoSecrets, CLI, tempDir } from '../helpers/cli.js';

describe('--watch', () => {
  it('re-probes until the tier changes, then prints the change and the new plan', async () => {
    const scenario = scenarios.find((s) => s.name === 'viewer')!;
    const world = structuredClone(scenario.world);
    const emu = await startEmulator({ world });
    try {
      const cwd = tempDir();
      writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: emu.urls.regions }));
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd, ...scenario.env(emu.urls) };
      const child = spawn(process.execPath, [CLI, '--watch', '1', '--plain'], { cwd, env });
      let out = '';
      let granted = false;
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          // After an unchanged round, the admin grants Editor to the key's owner.
          if (!granted && /round 2: no change/.test(out)) {
            granted = true;
            const key = world.keys.find((k) => k.key === env.LANGSMITH_API_KEY)!;
            key.role = 'Editor';
          }
        });
        child.on('close', resolve);
        setTimeout(() => child.kill('SIGKILL'), 20_000);
      });
      assertNoSecrets(out, [env.LANGSMITH_API_KEY!]);
      expect(out).toMatch(/^Stage: read-only/m);
      expect(out).toContain('Watching: re-probing every 1 s');
      expect(out).toMatch(/round 2: no change \(stage read-only, tier read-only, TIER_READ_ONLY\)/);
      expect(out).toMatch(/round 3: .*stage read-only → limited-write; tier read-only → limited-write/);
      expect(out).toContain('Access changed; stopped watching.');
      expect(out.split('Stage: limited-write').length).toBe(2);
      expect(code).toBe(0);
    } finally {
      await emu.close();
    }
  }, 30_000);

  it('Ctrl-C stops the watch with the last exit code', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI, '--watch', '60', '--plain', '--offline'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
    let out = '';
    let sent = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (!sent && out.includes('Watching')) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', resolve);
    });
    expect(out).toContain('Stopped.');
    expect(code).toBe(1);
  });

  it('changesBetween names stage, tier, cause and check status changes', () => {
    const base = { diagnosis: { stage: 'read-only', tier: 'read-only', causes: [{ code: 'TIER_READ_ONLY' }] }, checks: [{ id: 'permission-tier', status: 'fail' }] };
    const next = { diagnosis: { stage: 'limited-write', tier: 'limited-write', causes: [{ code: 'TIER_LIMITED_WRITE' }] }, checks: [{ id: 'permission-tier', status: 'warn' }] };
    expect(changesBetween(base as never, next as never).map((c) => c.what)).toEqual(['stage', 'tier', 'cause', 'permission-tier']);
    expect(changesBetween(base as never, base as never)).toEqual([]);
  });
});
