// The shipped JSON Schemas describe what the doctor really reads and writes: real reports of demo
// runs, the stdin a real command plugin received, example plugin outputs, the README's config.
// And the config schema and validateConfig know the same keys, so neither drifts from the other.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_KEYS, KNOWN_KEYS, validateConfig } from '../../src/core/config.js';
import { normalizeOutcome } from '../../src/core/checker.js';
import { COMMAND_DEFAULT_TIMEOUT_MS } from '../../src/core/plugins.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/doctor.js';
import { pluginFiles } from '../../src/commands/plugin-templates.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const schema = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
const validator = (name: string): ValidateFunction => ajv.compile(schema(name));
const configSchema = validator('config');
const reportSchema = validator('report');
const inputSchema = validator('command-input');
const outputSchema = validator('command-output');

function expectValid(validate: ValidateFunction, doc: unknown, what: string): void {
  const ok = validate(doc);
  expect(ok, `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

/** The README's config example, with its // comments removed. */
function readmeConfig(): unknown {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /## Config[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('no jsonc block in the README Config section');
  return JSON.parse(block.replace(/\s\/\/[^\n]*/g, ''));
}

describe('config schema', () => {
  it('has exactly the keys validateConfig knows, top level and in a command entry', () => {
    const s = schema('config');
    expect(Object.keys(s.properties).sort()).toEqual([...KNOWN_KEYS].sort());
    const command = s.properties.plugins.items.oneOf.find((o: { type: string }) => o.type === 'object');
    expect(Object.keys(command.properties).sort()).toEqual([...COMMAND_KEYS].sort());
  });

  it('documents the defaults the code uses', () => {
    const s = schema('config');
    expect(s.properties.timeoutMs.default).toBe(DEFAULT_TIMEOUT_MS);
    expect(s.properties.plugins.items.oneOf[1].properties.timeoutMs.default).toBe(COMMAND_DEFAULT_TIMEOUT_MS);
  });

  it("accepts the README's example, which validateConfig accepts too", () => {
    const doc = readmeConfig();
    expectValid(configSchema, doc, 'README config');
    expect(() => validateConfig(doc, '/x/.langsmith-doctorrc.json')).not.toThrow();
  });

  it('accepts $schema (so editors complete the file) and the doctor ignores it', () => {
    const doc = { $schema: './node_modules/langsmith-doctor/schemas/config.schema.json', ignore: ['KEY_AGE'] };
    expectValid(configSchema, doc, '$schema');
    expect(validateConfig(doc, '/x/.langsmith-doctorrc.json').ignore).toEqual(['KEY_AGE']);
  });

  it.each([
    [{ timeoutMs: 0 }],
    [{ timeoutMs: 600_001 }],
    [{ ignore: ['lower_case'] }],
    [{ plugins: [{ command: 'x', shell: true }] }],
    [{ plugins: [''] }],
    [{ regions: { us: 'ftp://x' } }],
    [{ checks: { 'key-age': 3 } }],
    [{ pluginz: [] }],
    [{ $schema: 3 }],
  ])('rejects %j, as validateConfig does', (doc) => {
    expect(configSchema(doc)).toBe(false);
    expect(() => validateConfig(doc, '/x/.langsmith-doctorrc.json')).toThrow();
  });
});

describe('report schema', () => {
  it.each(['healthy-admin', 'viewer', 'revoked-key', 'eu-key-on-us-default', 'connection-refused', 'corporate-proxy-html', 'placeholder-key'])(
    'validates the JSON report of --demo %s',
    async (scenario) => {
      const r = await runCli(['--demo', scenario, '--json']);
      expectValid(reportSchema, r.json(), scenario);
    },
  );

  it('validates an offline report with a plugin that failed to load, and refuses a broken one', async () => {
    const dir = tempDir('lsd-schema-');
    writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), '{"plugins":["./missing.js"]}');
    const r = await runCli(['--offline', '--json'], { cwd: dir, env: { LANGSMITH_API_KEY: 'lsv2_pt_0123456789abcdef0123456789abcdef_0123456789' } });
    const report = r.json();
    expectValid(reportSchema, report, 'offline');
    expect(reportSchema({ ...report, summary: { ...report.summary, pass: -1 } })).toBe(false);
    expect(reportSchema({ ...report, checks: [{ ...report.checks[0], status: 'ok' }] })).toBe(false);
  });
});

describe('command plugin schemas', () => {
  let stdin: unknown;
  beforeAll(async () => {
    // A real command plugin, run by the built CLI, saves what it received on stdin.
    const dir = tempDir('lsd-stdin-');
    writeFileSync(path.join(dir, 'capture.cjs'), `const fs = require('fs');
fs.writeFileSync(__dirname + '/stdin.json', fs.readFileSync(0));
console.log(JSON.stringify({ status: 'pass', summary: 'captured' }));
`);
    writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), JSON.stringify({
      plugins: [{ command: 'node capture.cjs', id: 'test/capture', title: 'capture', requires: ['auth'] }],
      checks: { 'test/capture': { depth: 2 } },
    }));
    const r = await runCli(['--demo', 'viewer', '--json'], { cwd: dir });
    expect(r.json().checks.find((c: { id: string }) => c.id === 'test/capture')?.status).toBe('pass');
    stdin = JSON.parse(readFileSync(path.join(dir, 'stdin.json'), 'utf8'));
  });

  it('describes the stdin a real command plugin received', () => {
    expectValid(inputSchema, stdin, 'stdin');
    const s = stdin as { options: unknown; results: Record<string, unknown>; settings: { key: string } };
    expect(s.options).toEqual({ depth: 2 });
    expect(Object.keys(s.results)).toEqual(['auth']);
    expect(s.settings.key).toContain('…');
  });

  it('describes the output of the example plugin and the scaffolded ones', () => {
    const run = (cmd: string, args: string[]) => JSON.parse(execFileSync(cmd, args, { input: JSON.stringify(stdin), encoding: 'utf8' }));
    const outputs: Array<[string, unknown]> = [['vpn_check.py', run('python3', [path.join(ROOT, 'plugins/examples/vpn_check.py')])]];
    const dir = tempDir('lsd-scaffold-');
    for (const kind of ['bash', 'python'] as const) {
      const { entry, files } = pluginFiles({ id: 'test/x', name: 'x', kind });
      writeFileSync(path.join(dir, entry.file), files[entry.file]!);
      outputs.push([`scaffolded ${kind}`, run(entry.command!, [path.join(dir, entry.file)])]);
      // And the failing branch: no key.
      const noKey = JSON.stringify({ ...(stdin as object), settings: { ...(stdin as { settings: object }).settings, key: null } });
      const failed = JSON.parse(execFileSync(entry.command!, [path.join(dir, entry.file)], { input: noKey, encoding: 'utf8' }));
      expect(failed.status).toBe('fail');
      outputs.push([`scaffolded ${kind}, no key`, failed]);
    }
    for (const [what, out] of outputs) {
      expectValid(outputSchema, out, what);
      expect('invalid' in normalizeOutcome(out), what).toBe(false);
    }
  });

  it.each([
    [{ status: 'ok' }],
    [{ status: 'warn', findings: [{ code: 'X', severity: 'error', message: 'm' }] }],
    [{ status: 'warn', findings: [{ code: '', severity: 'warn', message: 'm' }] }],
    [{ status: 'warn', findings: [{ code: 'X', severity: 'warn' }] }],
    [{ status: 'pass', findings: {} }],
  ])('rejects %j, as the doctor does', (out) => {
    expect(outputSchema(out)).toBe(false);
    expect('invalid' in normalizeOutcome(out)).toBe(true);
  });
});
