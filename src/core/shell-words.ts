// Splits a command line into words the way a POSIX shell does, without running a shell: single
// quotes, double quotes (backslash escapes only $ ` " \ and newline), backslash outside quotes.
// Nothing is expanded; shell operators are refused because no shell would honour them.

export class CommandSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandSyntaxError';
  }
}

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);
const BLANK = /[ \t\n]/;

export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  // A word exists once anything (even an empty pair of quotes) started it.
  let started = false;
  let i = 0;
  const end = () => {
    if (started) words.push(word);
    word = '';
    started = false;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (BLANK.test(c)) {
      end();
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new CommandSyntaxError('a backslash at the end of the command escapes nothing');
      // Backslash-newline joins lines, as in a shell.
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        started = true;
      }
      i += 2;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new CommandSyntaxError(`unbalanced single quote at character ${i + 1}`);
      word += line.slice(i + 1, close);
      started = true;
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= line.length) throw new CommandSyntaxError(`unbalanced double quote at character ${i + 1}`);
        const d = line[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1]!)) {
          if (line[j + 1] !== '\n') word += line[j + 1];
          j += 2;
        } else {
          word += d;
          j++;
        }
      }
      started = true;
      i = j + 1;
    } else if (OPERATORS.has(c)) {
      throw new CommandSyntaxError(
        `'${c}' at character ${i + 1} is a shell operator, and no shell runs the command; quote it, or run a script (e.g. bash -c '…')`,
      );
    } else {
      word += c;
      started = true;
      i++;
    }
  }
  end();
  return words;
}

/** Quotes one word so that splitCommand gives it back unchanged. */
export function quoteWord(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
