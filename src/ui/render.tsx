// The interactive renderer: the only module that imports Ink (loaded lazily by the CLI).
import { render } from 'ink';
import { Interrupted, type Io } from '../cli.js';
import { run, targetOf, type Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';
import { Checklist } from './Checklist.js';
import { createChecklistStore } from './store.js';

export async function renderInteractive(prepared: Prepared, io: Io): Promise<Report> {
  const store = createChecklistStore({
    target: prepared.redactor.deep(targetOf(prepared.settings)),
    demo: prepared.options.demo,
    color: !io.env.NO_COLOR,
  });
  const instance = render(<Checklist store={store} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  const exited = instance.waitUntilExit();
  // Ctrl-C unmounts the app (exitOnCtrlC): stop there instead of waiting for the checks' timeouts.
  const first = await Promise.race([run(prepared, store.dispatch), exited.then(() => undefined)]);
  if (first === undefined) throw new Interrupted();
  store.finish(first);
  await exited;
  return first;
}
