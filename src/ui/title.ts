// The screen's first line, with no dependency at all: the commands print it the moment they know
// the screen will open (before the configuration is read and before Ink loads), and the screen's
// header starts with the same line, so the first frame replaces it in place.
import type { Report } from '../report/model.js';

export function titleLine(version: string, demo: Pick<NonNullable<Report['demo']>, 'scenario'> | undefined, width: number): string {
  const text = `langsmith-doctor ${version}${demo ? ` · DEMO '${demo.scenario}' on the built-in emulator (not your account)` : ''}`;
  // Code points: the text is ASCII but for `·` (one column) and a scenario name (ASCII).
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}
