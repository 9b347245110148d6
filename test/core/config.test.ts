import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosmiconfig } from 'cosmiconfig';
import { ConfigError, configMayExist, loadConfig, MODULE_NAME, SEARCH_PLACES, validateConfig } from '../../src/core/config.js';
import { tempDir } from '../helpers/cli.js';

function tree(files: Record<string, string>): string {
  const dir = tempDir('lsd-config-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('config discovery', () => {
  it('finds .langsmith-doctorrc.json from a subdirectory up to the project root', async () => {
    const dir = tree({ 'package.json': '{"name":"app"}', '.langsmith-doctorrc.json': '{"timeoutMs": 1234}', 'src/deep/x.txt': '' });
    const config = await loadConfig({ cwd: path.join(dir, 'src/deep') });
    expect(config.filepath).toBe(path.join(dir, '.langsmith-doctorrc.json'));
    expect(config.timeoutMs).toBe(1234);
    expect(config.dir).toBe(dir);
  });

  it('reads the langsmith-doctor key of package.json', async () => {
    const dir = tree({ 'package.json': JSON.stringify({ name: 'app', 'langsmith-doctor': { ignore: ['TRACING_DISABLED'] } }) });
    const config = await loadConfig({ cwd: dir });
    expect(config.ignore).toEqual(['TRACING_DISABLED']);
    expect(config.filepath).toBe(path.join(dir, 'package.json'));
  });

  it('loads a TypeScript config file', async () => {
    const dir = tree({ 'package.json': '{"name":"app","type":"module"}', 'langsmith-doctor.config.ts': 'const timeout: number = 777;\nexport default { timeoutMs: timeout, checks: { "sdk-versions": false } };\n' });
    const config = await loadConfig({ cwd: dir });
    expect(config.timeoutMs).toBe(777);
    expect(config.checks['sdk-versions']).toBe(false);
  });

  it('reads YAML rc files', async () => {
    const dir = tree({ 'package.json': '{}', '.langsmith-doctorrc.yaml': 'envFiles:\n  - .env\n  - .env.local\n' });
    expect((await loadConfig({ cwd: dir })).envFiles).toEqual(['.env', '.env.local']);
  });

  it('no config is fine', async () => {
    const dir = tree({ 'package.json': '{}' });
    const config = await loadConfig({ cwd: dir });
    expect(config.plugins).toEqual([]);
    expect(config.filepath).toBeUndefined();
  });

  it('malformed JSON names the file', async () => {
    const dir = tree({ 'package.json': '{}', '.langsmith-doctorrc.json': '{"plugins": [,}' });
    const err = await configError(loadConfig({ cwd: dir }));
    expect(err.file).toBe(path.join(dir, '.langsmith-doctorrc.json'));
  });

  it('malformed YAML names the file', async () => {
    const dir = tree({ 'package.json': '{}', '.langsmith-doctorrc.yml': 'plugins: [a, b\n  timeoutMs: : 3\n' });
    const err = await configError(loadConfig({ cwd: dir }));
    expect(err.message).toContain(path.join(dir, '.langsmith-doctorrc.yml'));
  });

  it('a JS config that throws, and one with a syntax error, name the file and the real error', async () => {
    const throws = tree({ 'package.json': '{}', '.langsmith-doctorrc.cjs': "throw new Error('boom in config');\n" });
    const e1 = await configError(loadConfig({ cwd: throws }));
    expect(e1.file).toBe(path.join(throws, '.langsmith-doctorrc.cjs'));
    expect(e1.detail).toContain('boom in config');
    const broken = tree({ 'package.json': '{}', 'langsmith-doctor.config.mjs': 'export default {\n' });
    const e2 = await configError(loadConfig({ cwd: broken }));
    expect(e2.file).toBe(path.join(broken, 'langsmith-doctor.config.mjs'));
    // (under vitest the import goes through Vite, so the exact parser message differs; the CLI test checks it)
    expect(e2.detail).not.toMatch(/Cannot require\(\) ES Module/);
  });

  it('--config with a missing file names it', async () => {
    const dir = tree({});
    const err = await configError(loadConfig({ cwd: dir, file: 'nope.json' }));
    expect(err.message).toContain(path.join(dir, 'nope.json'));
  });

  it('unknown keys and wrong types name the key path', () => {
    const f = '/p/.langsmith-doctorrc.json';
    const cases: Array<[unknown, string]> = [
      [{ plugin: [] }, "plugin: unknown key (did you mean 'plugins'?)"],
      [{ plugins: 'x' }, 'plugins: must be an array'],
      [{ plugins: [{ command: '' }] }, 'plugins[0].command: must be a non-empty string'],
      [{ plugins: [{ command: 'x', timeout: 5 }] }, 'plugins[0].timeout: unknown key'],
      [{ checks: { 'key-age': 'yes' } }, 'checks.key-age: must be an options object'],
      [{ ignore: ['not a code'] }, 'ignore[0]:'],
      [{ regions: { eu: 'eu.api' } }, 'regions.eu:'],
      [{ timeoutMs: -1 }, 'timeoutMs: must be a number of milliseconds from 1 to 600000'],
      [[], 'the config must be an object'],
    ];
    for (const [raw, expected] of cases) {
      expect(() => validateConfig(raw, f)).toThrow(expected);
      try {
        validateConfig(raw, f);
      } catch (err) {
        expect((err as Error).message.startsWith(f)).toBe(true);
      }
    }
  });
});

describe('configMayExist (cosmiconfig is imported only when it says yes)', () => {
  const search = (cwd: string) => cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: 'project', cache: false }).search(cwd);

  it('says no only where cosmiconfig finds nothing, and yes for every search place', async () => {
    const bare = tree({ 'package.json': '{"name":"app"}', 'src/x.txt': '' });
    expect(configMayExist(path.join(bare, 'src'), bare)).toBe(false);
    expect(await search(path.join(bare, 'src'))).toBeNull();
    for (const place of SEARCH_PLACES.filter((p) => p !== 'package.json')) {
      const dir = tree({ 'package.json': '{"name":"app"}', [place]: place.endsWith('json') || !place.includes('.', 1) ? '{}' : 'export default {};\n', 'src/x.txt': '' });
      expect(configMayExist(path.join(dir, 'src'), dir), place).toBe(true);
    }
  });

  it('a package.json key counts; a package.json without one ends the search upwards', async () => {
    const keyed = tree({ 'package.json': JSON.stringify({ name: 'app', [MODULE_NAME]: {} }) });
    expect(configMayExist(keyed, keyed)).toBe(true);
    // A config above the project root is not cosmiconfig's to find (project search strategy).
    const above = tree({ '.langsmith-doctorrc.json': '{}', 'app/package.json': '{"name":"app"}' });
    expect(configMayExist(path.join(above, 'app'), path.join(above, 'app'))).toBe(false);
    expect(await search(path.join(above, 'app'))).toBeNull();
  });

  it("cosmiconfig's own meta config in the working directory counts (it could add search places)", () => {
    const meta = tree({ 'package.json': '{"name":"app"}', '.config/config.json': '{}' });
    expect(configMayExist(meta, meta)).toBe(true);
    const metaKey = tree({ 'package.json': JSON.stringify({ name: 'app', cosmiconfig: { searchPlaces: ['x.json'] } }) });
    expect(configMayExist(metaKey, metaKey)).toBe(true);
    const broken = tree({ 'package.json': '{ not json' });
    expect(configMayExist(broken, broken)).toBe(true);
  });
});
