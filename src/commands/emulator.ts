// `langsmith-doctor emulator --scenario NAME [--port N]`: the emulator standalone, for plugin
// authors' and users' own tests. Prints the URLs and the environment lines; stops on Ctrl-C.
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { claimSignals } from '../core/signals.js';
import { didYouMean } from '../core/suggest.js';

export async function emulatorCommand(args: ParsedArgs, io: Io): Promise<number> {
  const { getScenario, scenarios, serveScenario } = await import('../emulator/index.js');
  if (!args.scenario) throw new UsageError(`emulator needs --scenario NAME (one of: ${scenarios.map((s) => s.name).join(', ')})`);
  if (!getScenario(args.scenario)) throw new UsageError(`unknown scenario '${args.scenario}'${didYouMean(args.scenario, scenarios.map((s) => s.name))}; see --demo list`);
  // Ctrl-C and SIGTERM stop the emulator (its listeners closed, "Emulator stopped."), then exit 0.
  const stop = new AbortController();
  const release = claimSignals(() => stop.abort());
  try {
    await serveScenario({ scenario: args.scenario, port: args.port, out: io.stdout, signal: stop.signal });
  } catch (err) {
    const why = listenProblem(err, args.port);
    if (why) throw new UsageError(why);
    throw err;
  } finally {
    release();
  }
  return 0;
}

/** A port that cannot be listened on is the user's to fix, not a crash to report. */
function listenProblem(err: unknown, port: number | undefined): string | undefined {
  const e = err as NodeJS.ErrnoException & { port?: number };
  // The emulator takes consecutive ports from --port (one per region listener).
  const which = e.port !== undefined ? `port ${e.port}` : `port ${port}`;
  if (e.code === 'EADDRINUSE') return `--port ${port}: ${which} is already in use (the emulator needs a few consecutive free ports from ${port}; try another, or --port 0 for random ones)`;
  if (e.code === 'EACCES') return `--port ${port}: not allowed to listen on ${which} (ports below 1024 need privileges; try --port 0)`;
  if (e.code === 'ERR_SOCKET_BAD_PORT') return `--port ${port}: the emulator needs consecutive ports from ${port}, and they run past 65535; try a lower one`;
  return undefined;
}
