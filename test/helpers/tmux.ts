// A real terminal for end-to-end tests: tmux on its own server socket, the screen read with
// capture-pane (-J joins wrapped lines), polled until a pattern shows.
import { execFileSync } from 'node:child_process';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

export interface Tmux {
  (...args: string[]): string;
  /** The screen (with `history` lines of scroll-back) once it matches `pattern`. */
  waitFor(session: string, pattern: RegExp, timeoutMs?: number, history?: number): Promise<string>;
}

/** tmux commands against a server of its own (`-L socket`), so tests never touch a user's tmux. */
export function tmuxOn(socket: string): Tmux {
  const tmux = ((...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' })) as Tmux;
  tmux.waitFor = async (session, pattern, timeoutMs = 10_000, history = 200) => {
    const until = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < until) {
      screen = tmux('capture-pane', '-p', '-J', '-t', session, '-S', `-${history}`);
      if (pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  };
  return tmux;
}
