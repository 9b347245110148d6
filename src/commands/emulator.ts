// `langsmith-doctor emulator --scenario NAME [--port N]`: the emulator standalone, for plugin
// authors' and users' own tests. Prints the URLs and the environment lines; stops on Ctrl-C.
import { UsageError, type Io, type ParsedArgs } from '../cli.js';

export async function emulatorCommand(args: ParsedArgs, io: Io): Promise<number> {
  const { getScenario, scenarios, serveScenario } = await import('../emulator/index.js');
  if (!args.scenario) throw new UsageError(`emulator needs --scenario NAME (one of: ${scenarios.map((s) => s.name).join(', ')})`);
  if (!getScenario(args.scenario)) throw new UsageError(`unknown scenario '${args.scenario}'; see --demo list`);
  await serveScenario({ scenario: args.scenario, port: args.port, out: io.stdout });
  return 0;
}
