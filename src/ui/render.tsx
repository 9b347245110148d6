// Mounts Ink on a running session (session.ts): the only module that renders Ink for a
// diagnosis (loaded lazily by the commands, while the session's first run is already going).
import { render } from 'ink';
import type { Io } from '../core/io.js';
import { App } from './App.js';
import type { ScreenOutcome, Session } from './session.js';

export function mountScreen(session: Session, io: Io, written = 0): Promise<ScreenOutcome> {
  // A terminal made narrower re-wraps the lines already drawn, so Ink's erase (by line count) would
  // leave pieces of the old frame above the new one: clear the screen first, Ink redraws from the top.
  const stdout = io.stdout as NodeJS.WriteStream;
  let columns = stdout.columns;
  const onResize = () => {
    if (stdout.columns && columns && stdout.columns < columns) stdout.write('\u001b[2J\u001b[H');
    columns = stdout.columns;
  };
  stdout.on('resize', onResize);

  // The early header is replaced by the first frame, which draws the same lines in the same place.
  if (written > 0) stdout.write(`\u001b[${written}A\r\u001b[J`);
  const instance = render(<App store={session.store} onIntent={session.onIntent} />, {
    stdout,
    stderr: io.stderr as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    patchConsole: false,
    // Ctrl-C is a key like q: the exit code must be the last run's (or 130 mid-run), decided there.
    exitOnCtrlC: false,
    // Spinners and countdowns need no more; fewer redraws, no flicker.
    maxFps: 15,
  });
  session.attach(async () => {
    stdout.off('resize', onResize);
    instance.unmount();
    await instance.waitUntilExit();
  });
  return session.outcome;
}
