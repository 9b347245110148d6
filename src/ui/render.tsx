// The interactive renderer: the only module that imports Ink (loaded lazily by the CLI).
import { render } from 'ink';
import type { Io } from '../core/io.js';
import { run, targetOf, type Prepared } from '../doctor.js';
import type { Report } from '../report/model.js';
import { Checklist } from './Checklist.js';
import { createChecklistStore } from './store.js';

export async function renderInteractive(prepared: Prepared, io: Io): Promise<Report> {
  const store = createChecklistStore({
    target: prepared.redactor.deep(targetOf(prepared.settings, prepared.options.cwd, prepared.config)),
    demo: prepared.options.demo,
    color: !io.env.NO_COLOR,
  });
  const instance = render(<Checklist store={store} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    patchConsole: false,
  });
  // Nothing here reads keys, so Ink leaves the terminal cooked: Ctrl-C is a plain SIGINT that
  // ends the process at once (Ink restores the cursor on exit).
  const report = await run(prepared, store.dispatch);
  store.finish(report);
  await instance.waitUntilExit();
  return report;
}
