// The interactive screen ends when it is told to or when its terminal goes, and never stays
// behind drawing for no one: SIGTERM ends it with 143 (mid-run and after), a closed terminal
// (SIGHUP) ends it, and an output that can no longer be written ends any run with 74. Ink's own
// signal handling once left screens running after SIGTERM (they spun at ~16% CPU for hours).
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { goneSoon } from '../helpers/processes.js';
import { hasTmux } from '../helpers/tmux.js';
import { startTui, tui, type TuiSession } from '../helpers/tui.js';

const DONE = /^\d+ pass · \d+ warn · \d+ fail · \d+ skip · \d+ error/m;

/** The doctor's process in the tmux window: the window's shell runs `env -i … node`, which execs node. */
function doctorPid(t: TuiSession): number {
  const shell = tui('display-message', '-p', '-t', t.session, '#{pane_pid}').trim();
  const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  expect(children).toHaveLength(1);
  expect(readFileSync(`/proc/${children[0]}/cmdline`, 'utf8')).toContain(CLI);
  return Number(children[0]);
}

describe.runIf(hasTmux || process.env.LSD_TEST_IN_CI)('the interactive screen ends when told to or when its terminal goes (tmux)', () => {
  it('SIGTERM after the run: exit 143', async () => {
    const t = startTui(['--demo', 'healthy-admin'], { width: 100 });
    try {
      await t.wait(DONE);
      process.kill(doctorPid(t), 'SIGTERM');
      expect(await t.exitCode()).toBe(143);
    } finally {
      t.close();
    }
  }, 60_000);

  it('SIGTERM mid-run: exit 143, at once', async () => {
    const t = startTui(['--demo', 'timeout', '--timeout', '20000'], { width: 80 });
    try {
      await t.wait(/^Running: /m);
      process.kill(doctorPid(t), 'SIGTERM');
      expect(await t.exitCode()).toBe(143);
    } finally {
      t.close();
    }
  }, 60_000);

  it('the terminal closing (tmux kill-session: SIGHUP) ends the screen', async () => {
    const t = startTui(['--demo', 'timeout', '--timeout', '20000'], { width: 80 });
    await t.wait(/^Running: /m);
    const pid = doctorPid(t);
    t.close();
    expect(await goneSoon(pid, 10_000)).toBe(true);
  }, 60_000);
});

describe('an output that can no longer be written', () => {
  it('ends the run with 74 and says why on stderr (stdout on /dev/full: ENOSPC)', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [CLI, '--json', '--offline'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('the output cannot be written (ENOSPC)');
    expect(stderr).not.toContain('uncaught error');
    expect(code).toBe(74);
  }, 30_000);
});
