// The interactive app in a real terminal: tmux runs the built CLI, capture-pane reads the screen.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';
import { hasTmux, tmuxOn } from '../helpers/tmux.js';


const KEY = fakeKey('tmux');

const tmux = tmuxOn('lsd-test');

const waitFor = (session: string, pattern: RegExp, timeoutMs = 10_000) => tmux.waitFor(session, pattern, timeoutMs, 200);

describe.runIf(hasTmux || process.env.LSD_TEST_IN_CI)('interactive checklist under tmux', () => {
  it('renders the live checklist, the stage and the plan in a real terminal, with the key masked', async () => {
    const cwd = tempDir();
    const session = `lsd${process.pid}`;
    const env = `env -i PATH="${process.env.PATH}" HOME="${cwd}" TERM=xterm-256color LANGSMITH_API_KEY=${KEY} LANGSMITH_TRACING=True`;
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', '-c', cwd, `${env} node ${CLI} --offline; echo "EXIT=$?"; sleep 60`);
    try {
      let screen = await waitFor(session, /^\d+ pass · /m);
      expect(screen).toContain('✔ API key format  Personal access token');
      expect(screen).toContain('✖ Environment variables and dotenv files');
      expect(screen).toContain('Cause: TRACING_FLAG_INVALID');
      expect(screen).toMatch(/Stage: configure · tier unknown/);
      tmux('send-keys', '-t', session, 'p');
      screen = await waitFor(session, /1\. Use lowercase true\./);
      tmux('send-keys', '-t', session, 'q');
      screen = await waitFor(session, /EXIT=\d/);
      expect(screen).toContain('EXIT=1');
      expect(screen).not.toContain(KEY);
      // The spinner frames are gone once everything settled.
      expect(screen).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    } finally {
      tmux('kill-session', '-t', session);
    }
  });

  it('explain in a terminal renders the Ink view of a pasted log', async () => {
    const cwd = tempDir();
    const session = `lsdx${process.pid}`;
    writeFileSync(path.join(cwd, 'app.log'), 'LangSmithAuthError: Authentication failed for https://api.smith.langchain.com/runs/multipart. 401 {"detail":"Using legacy API key. Please generate a new API key."}\n');
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', '-c', cwd, `env -i PATH="${process.env.PATH}" HOME="${cwd}" TERM=xterm-256color node ${CLI} explain app.log; echo "EXIT=$?"; sleep 60`);
    try {
      const screen = await waitFor(session, /EXIT=\d/);
      expect(screen).toContain('langsmith-doctor explain — app.log: 1 line,');
      expect(screen).toMatch(/✖ KEY_LEGACY LangSmith refused a legacy ls__ key/);
      expect(screen).toContain('1 LangSmith finding: KEY_LEGACY');
      expect(screen).toContain('EXIT=1');
    } finally {
      tmux('kill-session', '-t', session);
    }
  });
});
