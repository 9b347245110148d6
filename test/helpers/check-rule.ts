// stylelint's testRule, for checkers: settings in, expected codes out (and none unexpected).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { CheckResult, Checker, Status } from '../../src/core/checker.js';
import { runCheckers } from '../../src/core/runner.js';
import { createHttp } from '../../src/langsmith/http.js';
import { resolveSettings } from '../../src/langsmith/settings.js';
import { tempDir } from './cli.js';

export interface RuleCase {
  description: string;
  env?: Record<string, string>;
  /** Dotenv files to create: name -> content. `.env` is analysed by default. */
  files?: Record<string, string>;
  envFiles?: string[];
  regions?: Record<string, string>;
  options?: Record<string, unknown>;
  /** Codes expected, exactly (order-free). */
  codes: string[];
  status?: Status;
  /** Further assertions on the result. */
  then?: (result: CheckResult) => void;
}

export async function runRule(checker: Checker, c: Omit<RuleCase, 'codes' | 'description'>): Promise<CheckResult> {
  const dir = tempDir('lsd-rule-');
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  const env = { HOME: dir, ...c.env };
  const settings = resolveSettings({ env, cwd: dir, envFiles: c.envFiles ?? ['.env'], regions: c.regions });
  const http = createHttp({ endpoint: settings.endpoint.value, regionUrls: [], apiKey: undefined, keySendable: false, workspaceId: undefined, timeoutMs: 1000, offline: true, userAgent: 'test' });
  const [result] = await runCheckers([{ checker, source: 'builtin', options: c.options }], { settings, http, env, offline: true, cwd: dir });
  return result!;
}

export function testRule(checker: Checker, cases: RuleCase[]): void {
  for (const c of cases) {
    it(`${checker.id}: ${c.description}`, async () => {
      const result = await runRule(checker, c);
      const codes = result.findings.map((f) => f.code).sort();
      expect(codes, `${result.status}: ${result.summary}\n${result.findings.map((f) => `${f.code}: ${f.message}`).join('\n')}`).toEqual([...c.codes].sort());
      if (c.status) expect(result.status).toBe(c.status);
      c.then?.(result);
    });
  }
}
