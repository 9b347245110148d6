// The HTML report in a real browser (Debian chromium, headless): it renders, shows the stage, the
// plan and every check, runs no script, and never contains the key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/emulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

const chromium = ['chromium', 'chromium-browser'].find((bin) => {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

function dumpDom(file: string): string {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lsd-chromium-'));
  return execFileSync(chromium!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, '--dump-dom', `file://${file}`,
  ], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

describe.runIf(chromium || process.env.LSD_TEST_IN_CI)('HTML report in headless Chromium', () => {
  it('renders the stage, the causes, the plan and every check, with the key masked', async () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'report.html');
    const r = await runCli(['--demo', 'viewer', '--report', file], { cwd });
    expect(r.stderr).toContain('report written to');
    const dom = dumpDom(file);
    expect(dom).toMatch(/<p class="stage" id="stage">Stage: <strong>read-only<\/strong> · tier <strong>read-only<\/strong>/);
    expect(dom).toMatch(/<ol id="causes"><li class="primary"><code>TIER_READ_ONLY<\/code>/);
    // One row per check the run had (the demo skips sdk-versions), whatever the number of built-ins.
    const checks = (await runCli(['--demo', 'viewer', '--json'], { cwd })).json().checks.length;
    expect(checks).toBeGreaterThan(5);
    expect((dom.match(/<tr class="check /g) ?? []).length).toBe(checks);
    expect(dom).toContain('id="plan"');
    expect(dom).not.toMatch(/<script/i);
    const key = scenarios.find((s) => s.name === 'viewer')!.env({ regions: {}, endpoint: '', hosts: {} }).LANGSMITH_API_KEY!;
    expect(readFileSync(file, 'utf8')).not.toContain(key);
    expect(dom).not.toContain(key);
    expect(dom).toContain(`lsv2_pt_…${key.slice(-4)}`);
  }, 90_000);

  it('hostile text from the environment stays text (escaped), not markup', async () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'hostile.html');
    await runCli(['--offline', '--report', file], { cwd, env: { LANGSMITH_ENDPOINT: '<img src=x onerror=alert(1)>', LANGSMITH_PROJECT: '"><script>alert(2)</script>' } });
    const dom = dumpDom(file);
    expect(dom).not.toMatch(/<img src="x"/);
    expect(dom).not.toMatch(/<script>alert/);
    expect(dom).toContain('&lt;img src=x onerror=alert(1)&gt;');
  }, 90_000);
});
