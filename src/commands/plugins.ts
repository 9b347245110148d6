// `plugins`: what was discovered, from where, and why a plugin failed to load.
import type { ParsedArgs } from '../args.js';
import type { Io } from '../core/io.js';
import { prepare, type DoctorOptions } from '../doctor.js';

export async function pluginsCommand(options: DoctorOptions, args: ParsedArgs, io: Io): Promise<number> {
  const prepared = await prepare(options);
  const { discovery, config } = prepared;
  if (args.json) {
    io.stdout.write(JSON.stringify({ schemaVersion: 1, folder: options.cwd, config: config.filepath ?? null, plugins: discovery.plugins }, null, 2) + '\n');
    return discovery.plugins.some((p) => p.error) ? 1 : 0;
  }
  const lines = [`Config: ${config.filepath ?? '(none found; built-ins only)'}`, `Folder: ${options.cwd}`, ''];
  for (const p of discovery.plugins) {
    const state = p.error ? `✖ ${p.error}` : `${p.checkers.length} checker${p.checkers.length === 1 ? '' : 's'}`;
    lines.push(`${p.kind.padEnd(8)} ${p.spec}${p.source !== p.spec ? `  (${p.source})` : ''} — ${state}`);
    for (const id of p.checkers) {
      const disabled = config.checks[id] === false ? ' (disabled in config)' : '';
      const entry = discovery.entries.find((e) => e.checker.id === id);
      lines.push(`  ${id}${entry ? ` — ${entry.checker.title}` : ''}${disabled}`);
    }
  }
  io.stdout.write(prepared.redactor.text(lines.join('\n') + '\n'));
  return discovery.plugins.some((p) => p.error) ? 1 : 0;
}
