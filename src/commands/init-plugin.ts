// `init-plugin NAME [--command bash|python]`: scaffolds checks/NAME (a checker, a README listing its
// codes, a test that passes out of the box) and wires it into the project's config.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { locateConfigFile, MODULE_NAME } from '../core/config.js';
import { writeFileAtomic } from '../core/files.js';
import { TOOL_NAME } from '../version.js';
import { pluginFiles, type PluginKind } from './plugin-templates.js';

export const PLUGIN_NAME = /^[a-z][a-z0-9-]{0,39}$/;
export const PLUGIN_KINDS = ['bash', 'python'] as const;

export async function initPluginCommand(args: ParsedArgs, io: Io): Promise<number> {
  const [name, ...extra] = args.positionals;
  if (name === undefined) throw new UsageError(`init-plugin needs a NAME, e.g. ${TOOL_NAME} init-plugin proxy-check`);
  if (extra.length > 0) throw new UsageError(`init-plugin takes one NAME, got: ${args.positionals.join(' ')}`);
  if (!PLUGIN_NAME.test(name)) throw new UsageError(`init-plugin ${name}: NAME must be lower-case letters, digits and dashes, starting with a letter (at most 40), e.g. proxy-check`);
  const command = args.pluginCommand;
  if (command !== undefined && !(PLUGIN_KINDS as readonly string[]).includes(command)) {
    throw new UsageError(`--command ${command}: must be one of ${PLUGIN_KINDS.join(', ')} (leave it out for a TypeScript checker)`);
  }
  const kind: PluginKind = (command as PluginKind | undefined) ?? 'typescript';
  const project = io.cwd;
  const folder = path.join(project, 'checks', name);
  if (existsSync(folder)) throw new UsageError(`init-plugin ${name}: ${folder} already exists; nothing was overwritten (pick another NAME or remove it)`);

  const id = `${namespaceOf(project)}/${name}`;
  const files = pluginFiles({ id, name, kind });
  const configFile = locateConfigFile(project);
  const configDir = configFile ? path.dirname(configFile) : project;
  const entry = configEntry(files.entry, id, path.relative(configDir, folder));
  // The config is checked before anything is written, so a config we cannot edit leaves no half-done scaffold.
  const wiring = planWiring(configFile, project, entry);

  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files.files)) writeFileSync(path.join(folder, file), text, { flag: 'wx', mode: file.endsWith('.sh') || file.endsWith('.py') ? 0o755 : 0o644 });
  const lines = [`Created ${path.relative(project, folder) || folder}/ with ${Object.keys(files.files).join(', ')} (checker id ${id}).`];
  if (wiring.write) {
    writeFileAtomic(wiring.write.file, wiring.write.text);
    lines.push(`${wiring.created ? 'Created' : 'Added it to'} ${wiring.write.file}.`);
  } else {
    lines.push(`Add it to the plugins of ${configFile}:`, '', `  ${wiring.line}`, '');
  }
  lines.push(
    '',
    'Next:',
    `  npm install --save-dev vitest langsmith-doctor   # the test imports langsmith-doctor/testing`,
    `  npx vitest run ${path.relative(project, folder)}`,
    `  ${TOOL_NAME} --demo viewer   # your checker beside the built-ins, on a read-only key`,
    `  ${TOOL_NAME} plugins`,
    '',
  );
  io.stdout.write(lines.join('\n'));
  return 0;
}

type Entry = string | { command: string; id: string; title: string; codes: string[] };

function configEntry(entryFile: { file: string; command?: string; title: string; codes: string[] }, id: string, rel: string): Entry {
  const relPosix = rel.split(path.sep).join('/');
  const file = `./${relPosix}/${entryFile.file}`;
  if (!entryFile.command) return file;
  return { command: `${entryFile.command} ${relPosix}/${entryFile.file}`, id, title: entryFile.title, codes: entryFile.codes };
}

interface Wiring {
  write?: { file: string; text: string };
  created?: boolean;
  line?: string;
}

function planWiring(configFile: string | undefined, project: string, entry: Entry): Wiring {
  if (!configFile) {
    const file = path.join(project, `.${MODULE_NAME}rc.json`);
    const schema = localSchema(project);
    return { created: true, write: { file, text: JSON.stringify({ ...(schema ? { $schema: schema } : {}), plugins: [entry] }, null, 2) + '\n' } };
  }
  const base = path.basename(configFile);
  const text = readFileSync(configFile, 'utf8');
  if (base === 'package.json' || base.endsWith('.json') || base === `.${MODULE_NAME}rc`) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // YAML (or broken JSON): print the line instead
    }
    if (parsed !== undefined) {
      const obj = parsed as Record<string, unknown>;
      const target = (base === 'package.json' ? obj[MODULE_NAME] : obj) as Record<string, unknown> | undefined;
      if (target === null || typeof target !== 'object' || Array.isArray(target)) throw new UsageError(`${configFile}: the config is not an object; cannot add the plugin`);
      const plugins = target.plugins ?? [];
      if (!Array.isArray(plugins)) throw new UsageError(`${configFile}: plugins is not an array; cannot add the plugin`);
      target.plugins = [...plugins, entry];
      const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
      return { write: { file: configFile, text: JSON.stringify(obj, null, indent) + '\n' } };
    }
    return { line: `- ${yamlEntry(entry)}` };
  }
  if (/\.ya?ml$/.test(base)) return { line: `- ${yamlEntry(entry)}` };
  return { line: `${JSON.stringify(entry).replace(/"([a-zA-Z]+)":/g, '$1: ')},` };
}

function yamlEntry(entry: Entry): string {
  return typeof entry === 'string' ? entry : `{ command: ${JSON.stringify(entry.command)}, id: ${entry.id}, title: ${JSON.stringify(entry.title)}, codes: [${entry.codes.join(', ')}] }`;
}

/** `./node_modules/langsmith-doctor/schemas/config.schema.json` when the package is installed in the project. */
function localSchema(project: string): string | undefined {
  const rel = `node_modules/${MODULE_NAME}/schemas/config.schema.json`;
  return existsSync(path.join(project, rel)) ? `./${rel}` : undefined;
}

/** The project's package name (scope dropped, made id-safe), else `local`. */
export function namespaceOf(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, 'package.json');
    if (existsSync(file)) {
      try {
        const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string') {
          const safe = name.replace(/^@[^/]+\//, '').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '');
          if (safe) return safe;
        }
      } catch {
        // an unreadable package.json names nothing
      }
      return 'local';
    }
    if (path.dirname(d) === d) return 'local';
  }
}
