// The interactive screen in an 80-column terminal, started from an app folder that is not the
// clone (the README's `npm --prefix <clone> start`): it says which folder it diagnosed, reads that
// folder's .env, and the plan's doctor command is printed whole, as it can be pasted.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';
import { hasTmux, tmuxOn } from '../helpers/tmux.js';


const KEY = fakeKey('tmux-app');

const tmux = tmuxOn('lsd-test-app');

const waitFor = (session: string, pattern: RegExp, timeoutMs = 20_000) => tmux.waitFor(session, pattern, timeoutMs, 300);

describe.runIf(hasTmux || process.env.LSD_TEST_IN_CI)('npm start from an app folder, in an 80-column terminal', () => {
  it('diagnoses the app folder and prints the doctor command whole', async () => {
    const app = tempDir('lsd-app-');
    writeFileSync(path.join(app, '.env'), `LANGSMITH_API_KEY=${KEY}\nLANGSMITH_TRACING=True\n`);
    const session = `lsda${process.pid}`;
    const env = `env -i PATH="${process.env.PATH}" HOME="${app}" TERM=xterm-256color`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '40', '-c', app, `${env} npm --prefix ${ROOT} start -- --offline; echo "EXIT=$?"; sleep 60`);
    try {
      const list = await waitFor(session, /^\d+ pass · /m);
      expect(list).toContain(`folder ${app}`);
      // The plan is a key away on the interactive screen; q ends it with the run's exit code.
      tmux('send-keys', '-t', session, 'p');
      await waitFor(session, /^Plan for stage/m);
      tmux('send-keys', '-t', session, 'q');
      const screen = await waitFor(session, /EXIT=\d/);
      expect(tmux('display-message', '-p', '-t', session, '#{window_width}').trim()).toBe('80');
      expect(screen).toContain('TRACING_FLAG_INVALID');
      expect(screen).toContain('.env');
      // The re-run step names the doctor as it was started: the clone's bundle, not `npx`.
      expect(screen).toContain(`node ${CLI}`);
      expect(screen).not.toContain('npx langsmith-doctor');
      expect(screen).not.toContain(KEY);
    } finally {
      tmux('kill-session', '-t', session);
    }
  }, 60_000);
});
