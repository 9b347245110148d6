// `explain` in a TTY: the Ink view, rendered once (loaded lazily; the plain and JSON paths never import it).
import { render } from 'ink';
import type { Io } from '../core/io.js';
import type { ExplainReport } from '../report/explain-text.js';
import { Explain } from './Explain.js';

export async function renderExplainInteractive(report: ExplainReport, source: string, io: Io): Promise<void> {
  const instance = render(<Explain report={report} source={source} color={!io.env.NO_COLOR} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    patchConsole: false,
  });
  instance.unmount();
  await instance.waitUntilExit();
}
