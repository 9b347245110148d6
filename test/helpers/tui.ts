// The built CLI in a real terminal: a tmux window of its own, keys sent, the screen read back. The
// shell prints EXIT=<code> when the CLI ends, so a test reads the exit code of what it quit.
import { shellQuote } from '../../src/emulator/index.js';
import { CLI, tempDir } from './cli.js';
import { tmuxOn } from './tmux.js';

export const tui = tmuxOn('lsd-tui');
let n = 0;

export interface TuiSession {
  session: string;
  cwd: string;
  screen(history?: number): string;
  wait(pattern: RegExp, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): void;
  exitCode(): Promise<number>;
  close(): void;
}

/** `node dist/cli.js ARGS` in a tmux window `width` columns wide, with only `env` (and PATH, HOME, TERM); the shell prints EXIT=<code> when it ends. */
export function startTui(args: string[], opts: { width: number; height?: number; env?: Record<string, string>; cwd?: string; raw?: string }): TuiSession {
  const cwd = opts.cwd ?? tempDir('lsd-tui-');
  const session = `tuifix${process.pid}-${n++}`;
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, TERM: 'xterm-256color', ...opts.env };
  const vars = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
  tui('new-session', '-d', '-s', session, '-x', String(opts.width), '-y', String(opts.height ?? 50), '-c', cwd,
    // With raw capture, a moment for pipe-pane to attach before the program writes its first byte.
    `${opts.raw ? 'sleep 0.5; ' : ''}env -i ${vars} node ${CLI} ${args.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 600`);
  // The raw bytes the program writes (`raw`: a file), escape sequences and all.
  if (opts.raw) tui('pipe-pane', '-o', '-t', session, `cat > ${shellQuote(opts.raw)}`);
  const started: TuiSession = {
    session,
    cwd,
    screen: (history = 0) => tui('capture-pane', '-p', '-J', '-t', session, ...(history ? ['-S', `-${history}`] : [])),
    wait: (pattern, timeoutMs = 60_000) => tui.waitFor(session, pattern, timeoutMs, 0),
    keys: (...keys) => void tui('send-keys', '-t', session, ...keys),
    async exitCode() {
      const screen = await started.wait(/EXIT=\d+/);
      return Number(/EXIT=(\d+)/.exec(screen)![1]);
    },
    close: () => void tui('kill-session', '-t', session),
  };
  return started;
}
