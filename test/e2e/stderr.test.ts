// stderr is made on first use (a pipe or terminal stream costs ~7 ms to set up, and a clean
// --json run never writes to it), and whoever makes it, it is redacted: the executable guards it
// as it is made, so a plugin writing to process.stderr directly cannot print a key either.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const TRACE = ['--require', path.join(ROOT, 'test/fixtures/trace-stderr.cjs')];
const made = (stderr: string) => /\[stderr-made\] (true|false)/.exec(stderr)?.[1];

describe('stderr, made on first use and always redacted', () => {
  it('a clean --json run never makes it; a usage error does, and says so there', async () => {
    const clean = await runCli(['--json', '--offline'], { nodeArgs: TRACE });
    expect(clean.json().checks.length).toBeGreaterThan(0);
    expect(made(clean.stderr)).toBe('false');
    const usage = await runCli(['--json', '--no-such-flag'], { nodeArgs: TRACE });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--no-such-flag'");
    expect(made(usage.stderr)).toBe('true');
  });

  it('a plugin that makes it and writes a key to it directly prints the key masked', async () => {
    const cwd = tempDir();
    const key = fakeKey('stderr-plugin');
    writeFileSync(path.join(cwd, 'loud.mjs'), `export default { id: 'acme/loud', title: 'Loud', run(ctx) {
  process.stderr.write('loud plugin: ' + ${JSON.stringify(key)} + '\\n');
  console.log('loud console: ' + ${JSON.stringify(key)});
  return ctx.pass('said it');
} };\n`);
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ plugins: ['./loud.mjs'] }));
    // runCli fails the test if the key appears whole anywhere in stdout or stderr.
    const r = await runCli(['--json', '--offline'], { cwd, secrets: [key] });
    expect(r.json().checks.find((c: { id: string }) => c.id === 'acme/loud')).toMatchObject({ status: 'pass' });
    expect(r.stderr).toMatch(/loud plugin: lsv2_\w+…/);
    expect(r.stderr).toMatch(/loud console: lsv2_\w+…/);
  });
});
