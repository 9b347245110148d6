import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, quoteWord, splitCommand } from '../../src/core/shell-words.js';

describe('splitCommand: a POSIX shell word splitter that runs no shell', () => {
  const cases: Array<[string, string[]]> = [
    ['python3 checks/vpn.py', ['python3', 'checks/vpn.py']],
    ['  spaced\tout \n words  ', ['spaced', 'out', 'words']],
    [`python3 -c 'print("a b")'`, ['python3', '-c', 'print("a b")']],
    [`echo "two words" 'and three words'`, ['echo', 'two words', 'and three words']],
    [`echo "say \\"hi\\" \\\\ \\$HOME \\n"`, ['echo', 'say "hi" \\ $HOME \\n']],
    [`echo 'no \\escapes "here"'`, ['echo', 'no \\escapes "here"']],
    ['echo a\\ b c\\"d', ['echo', 'a b', 'c"d']],
    [`echo '' "" x`, ['echo', '', '', 'x']],
    [`echo ab'cd'"ef"gh`, ['echo', 'abcdefgh']],
    ['echo line\\\ncontinued', ['echo', 'linecontinued']],
    ['node "my dir/check.mjs" --flag=1', ['node', 'my dir/check.mjs', '--flag=1']],
    ['echo $HOME ~ *.py', ['echo', '$HOME', '~', '*.py']],
    [`bash -c 'sleep 1 & echo | cat'`, ['bash', '-c', 'sleep 1 & echo | cat']],
    ['', []],
  ];
  for (const [line, words] of cases) {
    it(`${JSON.stringify(line)} -> ${JSON.stringify(words)}`, () => {
      expect(splitCommand(line)).toEqual(words);
    });
  }

  const errors: Array<[string, RegExp]> = [
    [`python3 -c 'print(1)`, /unbalanced single quote at character 12/],
    [`echo "open`, /unbalanced double quote at character 6/],
    [`echo "esc\\"`, /unbalanced double quote/],
    ['echo trailing\\', /backslash at the end/],
    ['sleep 40 &', /'&' at character 10 is a shell operator/],
    ['cat x | grep y', /'\|' .* shell operator/],
    ['echo hi > out.txt', /'>' .* shell operator/],
    ['a; b', /';' .* shell operator/],
    ['echo `id`', /'`' .* shell operator/],
  ];
  for (const [line, message] of errors) {
    it(`refuses ${JSON.stringify(line)}`, () => {
      expect(() => splitCommand(line)).toThrow(CommandSyntaxError);
      expect(() => splitCommand(line)).toThrow(message);
    });
  }

  it('property: joining shell-quoted words and splitting gives the words back', () => {
    const word = fc.oneof(fc.string(), fc.fullUnicodeString(), fc.constantFrom("'", '"', '\\', ' ', '\n', '$x', '&', "it's", 'a"b\\c'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '  ', '\t', ' \n '), (words, sep) => {
        expect(splitCommand(words.map(quoteWord).join(sep))).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it('property: any input either splits or throws CommandSyntaxError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.stringOf(fc.constantFrom("'", '"', '\\', ' ', 'a', '\n', '|'))), (line) => {
        try {
          const words = splitCommand(line);
          expect(Array.isArray(words)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CommandSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
