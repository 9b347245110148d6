// The built CLI as a subprocess, with a controlled environment and no network.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { fakeKey } from '../helpers/keys.js';

const KEY = fakeKey('e2e');
let closedPort = 0;

// No test reaches the real LangSmith: the default endpoint (regions.us) is a closed loopback port.
beforeAll(async () => {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
});

/** An empty project whose config points the default region at the closed port. */
function project(): string {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions: { us: `http://127.0.0.1:${closedPort}` } }));
  return cwd;
}

describe('langsmith-doctor (built CLI)', () => {
  it('empty environment: --json prints one report with KEY_MISSING, stage configure, exit 1', async () => {
    const r = await runCli(['--json'], { cwd: project() });
    expect(r.code).toBe(1);
    const report = r.json();
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'langsmith-doctor', version: expect.any(String) });
    expect(report.diagnosis.stage).toBe('configure');
    expect(report.diagnosis.causes[0].code).toBe('KEY_MISSING');
    expect(report.checks.find((c: { id: string }) => c.id === 'key-format').findings[0].code).toBe('KEY_MISSING');
    expect(report.target).toMatchObject({ endpoint: `http://127.0.0.1:${closedPort}`, endpointSource: 'default', region: 'us', key: null, keyKind: 'none' });
    // The configure gate comes first, even though the endpoint is unreachable too.
    expect(report.diagnosis.causes.map((c: { code: string }) => c.code)).toContain('CONNECTION_REFUSED');
    expect(report.checks.find((c: { id: string }) => c.id === 'auth').status).toBe('skip');
    expect(r.stderr).toBe('');
  });

  it('empty environment: --plain says the same as readable text', async () => {
    const r = await runCli(['--plain'], { cwd: project() });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖ FAIL  API key format [key-format]');
    expect(r.stdout).toContain('KEY_MISSING');
    expect(r.stdout).toMatch(/^Stage: configure/m);
    expect(r.stdout).toMatch(/^Cause: KEY_MISSING \[key-format\]/m);
    expect(r.stdout).toMatch(/^ {2}1\. Create a key in LangSmith/m);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('plain is the default when stdout is not a TTY', async () => {
    const r = await runCli([], { cwd: project() });
    expect(r.stdout).toMatch(/^Stage: configure/m);
  });

  it('a healthy offline configuration exits 0 and never shows the key', async () => {
    const r = await runCli(['--json', '--offline'], { env: { LANGSMITH_API_KEY: KEY, LANGSMITH_TRACING: 'true' } });
    expect(r.code).toBe(0);
    const report = r.json();
    expect(report.target.key).toBe(`lsv2_pt_…${KEY.slice(-4)}`);
    expect(report.target.keyKind).toBe('personal-access-token');
    expect(report.summary.fail).toBe(0);
    expect(report.diagnosis.stage).toBe('unknown');
  });

  it('--strict turns warnings into exit 1', async () => {
    const env = { LANGSMITH_API_KEY: KEY };
    expect((await runCli(['--json', '--offline'], { env })).code).toBe(0);
    expect((await runCli(['--json', '--offline', '--strict'], { env })).code).toBe(1);
  });

  it('--only keeps prerequisites, --skip removes', async () => {
    const cwd = project();
    const only = (await runCli(['--json', '--only', 'endpoint'], { cwd })).json();
    expect(only.checks.map((c: { id: string }) => c.id)).toEqual(['endpoint']);
    const withPrereqs = (await runCli(['--json', '--only', 'auth'], { cwd })).json();
    expect(withPrereqs.checks.map((c: { id: string }) => c.id)).toEqual(['key-format', 'endpoint', 'auth']);
    const skip = (await runCli(['--json', '--skip', 'key-format,env-vars,auth,permission-tier,trace-round-trip,key-age,usage-limits,sdk-versions'], { cwd })).json();
    expect(skip.checks.map((c: { id: string }) => c.id)).toEqual(['endpoint']);
  });

  it('--dotenv adds a dotenv file to analyse', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'ci.env'), `LANGSMITH_API_KEY=${KEY}\nLANGSMITH_TRACING=true\n`);
    const r = await runCli(['--json', '--offline', '--dotenv', 'ci.env'], { cwd, secrets: [KEY] });
    const report = r.json();
    expect(report.target.keySource).toBe('LANGSMITH_API_KEY (ci.env:1)');
    expect(report.checks.find((c: { id: string }) => c.id === 'env-vars').findings.map((f: { code: string }) => f.code)).toEqual(['DOTENV_NOT_LOADED']);
  });

  it('a config file in the current directory that names a local plugin makes its row appear', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'checks'));
    writeFileSync(path.join(cwd, 'checks', 'proxy.mjs'), "export default { id: 'acme/proxy', title: 'Corporate proxy lets LangSmith through', run: (ctx) => ctx.pass('proxy fine') };\n");
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ plugins: ['./checks/proxy.mjs'] }));
    const r = await runCli(['--plain', '--offline'], { cwd });
    expect(r.stdout).toContain('✔ PASS  Corporate proxy lets LangSmith through [acme/proxy] — proxy fine');
    const list = await runCli(['plugins'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`module   ./checks/proxy.mjs  (${path.join(cwd, 'checks', 'proxy.mjs')}) — 1 checker`);
    expect(list.stdout).toContain('  acme/proxy — Corporate proxy lets LangSmith through');
    expect(list.stdout).toMatch(/^builtin  builtin — 9 checkers/m);
  });

  it('a malformed config exits 2 with the file path in the message', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), '{ "plugins": [ }');
    const r = await runCli(['--json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(path.join(cwd, '.langsmith-doctorrc.json'));
  });

  it('a JS config with a syntax error exits 2 naming the file and the parser error', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'langsmith-doctor.config.mjs'), 'export default {\n');
    const r = await runCli(['--offline'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`configuration error in ${path.join(cwd, 'langsmith-doctor.config.mjs')}: `);
    expect(r.stderr).toMatch(/Unexpected end of input|Unexpected token/);
  });

  it('an unknown config key exits 2 naming file and key path', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.langsmith-doctorrc.yaml'), 'checks:\n  key-age: 14\n');
    const r = await runCli([], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(cwd, '.langsmith-doctorrc.yaml')} at checks.key-age`);
  });

  it('usage errors exit 2; --help and --version exit 0', async () => {
    const bad = await runCli(['--frobnicate']);
    expect(bad.stdout).toBe('');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--frobnicate'");
    expect((await runCli(['--timeout', 'soon'])).code).toBe(2);
    expect((await runCli(['--report', 'out.pdf'])).stderr).toContain('.md, .json or .html');
    // Typos name the closest real thing, and nothing runs.
    for (const [args, hint] of [
      [['--jsn'], "unknown option '--jsn' (did you mean --json?)"],
      [['explian', 'x.log'], "unknown command 'explian' (did you mean 'explain'?)"],
      [['--demo', 'viewr'], "unknown demo scenario 'viewr' (did you mean 'viewer'?)"],
      [['--demo', 'eu'], "(did you mean 'eu-key-on-us-default'?)"],
      [['--only', 'nosuch', '--offline'], '--only nosuch: no checker has this id'],
      [['--skip', 'auht', '--offline'], "--skip auht: no checker has this id (did you mean 'auth'?)"],
    ] as const) {
      const r = await runCli([...args], { cwd: project() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(hint);
      expect(r.stdout).toBe('');
    }
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--write-probe');
    expect(help.stdout).toContain('no activation period');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--report writes Markdown, JSON and HTML with the key masked', async () => {
    const cwd = tempDir();
    const env = { LANGSMITH_API_KEY: KEY, LANGCHAIN_API_KEY: fakeKey('other') };
    for (const file of ['r.md', 'r.json', 'r.html']) {
      const r = await runCli(['--offline', '--report', file], { cwd, env });
      expect(r.stderr).toContain(`report written to ${path.join(cwd, file)}`);
      const text = readFileSync(path.join(cwd, file), 'utf8');
      expect(text).toContain('ENV_CONFLICT');
      expect(text).toContain(`lsv2_pt_…${KEY.slice(-4)}`);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(env.LANGCHAIN_API_KEY);
    }
    expect(JSON.parse(readFileSync(path.join(cwd, 'r.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('hostile input: binary garbage and 100 KB values in the environment do not crash and do not flood', async () => {
    const env = { LANGSMITH_API_KEY: '\u0001\u0002garbage\u00ff\u001b[31m', LANGSMITH_ENDPOINT: 'x'.repeat(100_000), LANGSMITH_PROJECT: '\u001b]0;pwned\u0007' };
    const r = await runCli(['--plain'], { env, cwd: project() });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(20_000);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toContain('ENDPOINT_INVALID_URL');
    expect(r.stdout).toContain('KEY_MALFORMED');
  });

  it('a dotenv path that cannot be read is named and the other checks still run', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, '.env'));
    const r = await runCli(['--json', '--offline'], { cwd, env: { LANGSMITH_API_KEY: KEY } });
    const report = r.json();
    expect(report.checks.find((c: { id: string }) => c.id === 'env-vars').findings.map((f: { code: string }) => f.code)).toContain('DOTENV_UNREADABLE');
    expect(report.checks.find((c: { id: string }) => c.id === 'key-format').status).toBe('pass');
  });

  it('the JSON and plain paths never load Ink or React', async () => {
    const trace = ['--import', path.join(ROOT, 'test/fixtures/trace-imports.mjs')];
    for (const mode of ['--json', '--plain']) {
      const r = await runCli([mode, '--offline'], { nodeArgs: trace });
      const loaded = r.stderr.split('\n').filter((l) => l.startsWith('[import] '));
      // The trace works: it sees the CLI…
      expect(loaded.some((l) => l.endsWith('/dist/cli.js'))).toBe(true);
      // …and not Ink and React (dist/vendor/ui.mjs, or installed).
      expect(loaded.filter((l) => /\/dist\/vendor\/ui\.mjs|\/ink\/|\/react\//.test(l))).toEqual([]);
    }
  });
});
