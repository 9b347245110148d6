// Who handles Ctrl-C and SIGTERM. The executable ends the process on them (exit 130, 143) unless a
// command has claimed them (the non-interactive --watch stops its loop and reports). A count of
// the listeners on `process` cannot tell this: libraries add their own (Ink's signal-exit listens
// for SIGTERM and SIGHUP and stands aside when anyone else listens), and counting them left an
// interactive screen running, ignoring SIGTERM, after the terminal that started it was gone.
export type Signal = 'SIGINT' | 'SIGTERM';

const claims = new Set<(signal: Signal) => void>();

/** Takes SIGINT and SIGTERM from the executable until the returned function is called. */
export function claimSignals(handler: (signal: Signal) => void): () => void {
  claims.add(handler);
  return () => {
    claims.delete(handler);
  };
}

/** For the executable: hands the signal to the commands that claimed it; false when none did. */
export function deliverSignal(signal: Signal): boolean {
  if (claims.size === 0) return false;
  for (const handler of [...claims]) handler(signal);
  return true;
}
