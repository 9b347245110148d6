// Serve one scenario until stopped: prints the listeners, the env lines and the `regions` config.
import { shellQuote } from '../langsmith/text.js';
import { getScenario, scenarios } from './scenarios.js';
import type { Scenario } from './scenarios.js';
import { startEmulator } from './server.js';
import type { EmulatorUrls, RunningEmulator } from './server.js';

/**
 * Start a named scenario in-process (for tests): the running emulator plus the env it implies.
 * Pass `env` to a child process, or `urls.regions` as the doctor's `regions` config.
 */
export async function startScenario(
  name: string,
  opts: { host?: string; basePort?: number } = {},
): Promise<{ scenario: Scenario; emulator: RunningEmulator; env: Record<string, string> }> {
  const scenario = getScenario(name);
  if (!scenario) throw new Error(`Unknown scenario "${name}". Known: ${scenarios.map((x) => x.name).join(', ')}`);
  const emulator = await startEmulator({ world: scenario.world, ...opts });
  return { scenario, emulator, env: scenario.env(emulator.urls) };
}

export { shellQuote };

/** The text serveScenario prints once the listeners are up. */
export function formatScenarioSetup(s: Scenario, urls: EmulatorUrls): string {
  const lines: string[] = [];
  lines.push(`LangSmith emulator: scenario ${s.name}`);
  lines.push(`  ${s.summary}`);
  lines.push('');
  lines.push('Listening (loopback only):');
  const width = Math.max(...Object.keys(urls.hosts).map((n) => n.length));
  for (const [name, url] of Object.entries(urls.hosts)) {
    const tag = name in urls.regions ? '' : '  (not a region)';
    lines.push(`  ${name.padEnd(width)}  ${url}${tag}`);
  }
  const env = s.env(urls);
  lines.push('');
  lines.push(`Endpoint: ${urls.endpoint}${env['LANGSMITH_ENDPOINT'] === undefined ? '  (LANGSMITH_ENDPOINT unset: the default endpoint is regions.us)' : ''}`);
  lines.push('');
  lines.push('# Environment:');
  lines.push('unset LANGSMITH_ENDPOINT LANGCHAIN_ENDPOINT LANGSMITH_WORKSPACE_ID LANGCHAIN_API_KEY');
  for (const [k, v] of Object.entries(env)) lines.push(`export ${k}=${shellQuote(v)}`);
  lines.push('');
  lines.push('# .langsmith-doctorrc.json (so "the other regions" are these listeners):');
  lines.push(JSON.stringify({ regions: urls.regions }));
  lines.push('');
  const e = s.expect;
  lines.push(`Expected diagnosis: stage ${e.stage}, cause ${e.cause ?? '(none)'}, tier ${e.tier}` +
    (s.timeoutMs ? `, with --timeout ${s.timeoutMs}` : '') + (s.args?.length ? `, with ${s.args.join(' ')}` : ''));
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n') + '\n';
}

export async function serveScenario(opts: {
  scenario: string;
  port?: number;
  out: NodeJS.WritableStream;
  signal?: AbortSignal;
}): Promise<void> {
  const s = getScenario(opts.scenario);
  if (!s) {
    throw new Error(`Unknown scenario "${opts.scenario}". Known: ${scenarios.map((x) => x.name).join(', ')}`);
  }
  if (opts.signal?.aborted) return;
  const emu = await startEmulator({ world: s.world, basePort: opts.port ?? 0 });
  opts.out.write(formatScenarioSetup(s, emu.urls));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      opts.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    opts.signal?.addEventListener('abort', stop, { once: true });
    if (opts.signal?.aborted) stop();
  });
  await emu.close();
  opts.out.write('Emulator stopped.\n');
}
