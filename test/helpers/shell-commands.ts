// What "runs as printed in a user's shell" means, checked line by line on a block of commands (the
// lines of one fix or one plan step, pasted together and run in sequence). See the README's
// "Commands you can paste" for the convention, `<placeholder>` templates included.
import { spawnSync } from 'node:child_process';

const PLACEHOLDER = /<[^<>\n]+>/g;

function bashParses(command: string): boolean {
  return spawnSync('bash', ['-n', '-c', command], { encoding: 'utf8' }).status === 0;
}

/** `$NAME` / `${NAME}` outside single quotes. */
function variablesIn(command: string): string[] {
  const unquoted = command.replace(/'[^']*'/g, "''").replace(/\s#.*$/, '');
  return [...unquoted.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/** Checks one block (the lines of one fix or one plan step, run in sequence); returns the problems. */
export function problemsOf(block: string[], where: string): string[] {
  const problems: string[] = [];
  const setHere = new Set<string>();
  for (const command of block) {
    const at = `${where}: ${command}`;
    const filled = command.replace(PLACEHOLDER, 'FILLED');
    if (!bashParses(filled)) problems.push(`does not parse in bash: ${at}`);
    if (filled !== command && bashParses(command)) problems.push(`a template that would run with its placeholder in it: ${at}`);
    if (/\|\||\s#\s*or\b/.test(command)) problems.push(`alternatives in one line: ${at}`);
    for (const v of variablesIn(command)) if (!setHere.has(v)) problems.push(`relies on $${v}, which nothing set: ${at}`);
    for (const m of command.matchAll(/(?:^|;\s*)export\s+([A-Za-z_][A-Za-z0-9_]*)=/g)) setHere.add(m[1]!);
    if (/^\s*(npx\s+)?langsmith-doctor\b/.test(command)) problems.push(`names the doctor by a name not on this PATH: ${at}`);
    if (/^\s*[A-Za-z_][A-Za-z0-9_]*=\S/.test(command)) problems.push(`sets a variable without export (the app would not see it): ${at}`);
  }
  return problems;
}

