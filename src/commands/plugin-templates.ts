// The files `init-plugin` writes. Each checker's test runs it against emulator scenarios through
// `langsmith-doctor/testing`, so it passes as generated and shows how to test a change.
export type PluginKind = 'typescript' | 'bash' | 'python';

export interface PluginFiles {
  /** The file the config names, and for a command plugin the program that runs it. */
  entry: { file: string; command?: string; title: string; codes: string[] };
  files: Record<string, string>;
}

export function pluginFiles({ id, name, kind }: { id: string; name: string; kind: PluginKind }): PluginFiles {
  const prefix = name.toUpperCase().replace(/-/g, '_');
  if (kind === 'typescript') return typescriptPlugin(id, name, `${prefix}_CANNOT_WRITE`);
  return commandPlugin(id, name, kind, `${prefix}_NO_KEY`);
}

function typescriptPlugin(id: string, name: string, code: string): PluginFiles {
  const title = `${name}: the key can write traces`;
  const index = `// ${id}: warns when the key cannot write traces. Loaded by langsmith-doctor as is (no build step).
// The import is for types only, so the plugin loads even where langsmith-doctor is not installed.
import type { DoctorChecker } from 'langsmith-doctor';

export const CODES = { cannotWrite: '${code}' } as const;

const checker: DoctorChecker = {
  id: '${id}',
  title: '${title}',
  // Waits for the built-in permission check and reads its result, whatever its status.
  after: ['permission-tier'],
  // Declared so a config may list them in \`ignore\`.
  codes: Object.values(CODES),
  run(ctx) {
    const tier = ctx.results['permission-tier']?.evidence?.tier;
    if (typeof tier !== 'string' || tier === 'unknown') return ctx.skip('the permission tier was not measured');
    if (tier === 'none' || tier === 'read-only') {
      return ctx.warn(CODES.cannotWrite, \`This key is \${tier}: ${name} needs to write traces\`, {
        fix: { text: 'Create a key for a role that may create runs (Editor or Admin), then set LANGSMITH_API_KEY to it.', commands: [] },
      });
    }
    return ctx.pass(\`The key may write traces (tier: \${tier})\`);
  },
};

export default checker;
`;
  const test = `// Runs the checker against the doctor's built-in LangSmith emulator (loopback only).
// Run: npx vitest run checks/${name}
import { describe, expect, it } from 'vitest';
import { runChecker } from 'langsmith-doctor/testing';
import checker, { CODES } from './index.js';

describe('${id}', () => {
  it('warns for a read-only key', async () => {
    const { result, codes } = await runChecker(checker, { scenario: 'viewer' });
    expect(result.status).toBe('warn');
    expect(codes).toEqual([CODES.cannotWrite]);
  });

  it('passes for an admin key', async () => {
    const { result, codes } = await runChecker(checker, { scenario: 'healthy-admin' });
    expect(result.status).toBe('pass');
    expect(codes).toEqual([]);
  });
});
`;
  const readme = `# ${id}

${title}. A langsmith-doctor checker in TypeScript, loaded without a build step.

| code | severity | when |
|---|---|---|
| \`${code}\` | warn | the key is read-only (or has no access), so the app's traces would be refused |

- Try it against every failure the doctor knows: \`langsmith-doctor --demo viewer\` (see \`langsmith-doctor --demo list\`).
- Test: \`npx vitest run checks/${name}\` (needs \`vitest\` and \`langsmith-doctor\` installed in this project).
- Silence it in the config with \`"ignore": ["${code}"]\`.
`;
  return { entry: { file: 'index.ts', title, codes: [code] }, files: { 'index.ts': index, [`${name}.test.ts`]: test, 'README.md': readme } };
}

function commandPlugin(id: string, name: string, kind: 'bash' | 'python', code: string): PluginFiles {
  const title = `${name}: a key is configured`;
  const file = kind === 'bash' ? 'check.sh' : 'check.py';
  const program = kind === 'bash' ? 'bash' : 'python3';
  const script = kind === 'bash'
    ? `#!/usr/bin/env bash
# ${id}: a command plugin. stdin: the redacted context as JSON (the key masked); stdout: one JSON
# object { "status", "summary", "findings" }. Schemas: langsmith-doctor/schemas/command-*.schema.json
set -euo pipefail
context="$(cat)"
# A real plugin would parse the JSON (jq, python); this one only looks for a masked key.
if printf '%s' "$context" | grep -q '"key":null'; then
  printf '%s\\n' '{"status":"fail","summary":"No API key is configured","findings":[{"code":"${code}","severity":"fail","message":"No LangSmith API key is configured","fix":{"text":"Set LANGSMITH_API_KEY","commands":[]}}]}'
else
  printf '%s\\n' '{"status":"pass","summary":"An API key is configured","findings":[]}'
fi
`
    : `#!/usr/bin/env python3
"""${id}: a command plugin. stdin: the redacted context as JSON (the key masked); stdout: one JSON
object { "status", "summary", "findings" }. Schemas: langsmith-doctor/schemas/command-*.schema.json"""
import json
import sys

ctx = json.load(sys.stdin)
settings = ctx["settings"]
if settings["key"] is None:
    print(json.dumps({"status": "fail", "summary": "No API key is configured", "findings": [{
        "code": "${code}", "severity": "fail", "message": "No LangSmith API key is configured",
        "fix": {"text": "Set LANGSMITH_API_KEY", "commands": []},
    }]}))
else:
    print(json.dumps({"status": "pass", "summary": f"A {settings['keyKind']} key is configured", "findings": []}))
`;
  const test = `// Runs the command plugin as the doctor does, against its built-in emulator (loopback only).
// Run: npx vitest run checks/${name}
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecker } from 'langsmith-doctor/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = { command: '${program} ${file}', id: '${id}', title: '${title}', codes: ['${code}'] };

describe('${id}', () => {
  it('passes when a key is configured', async () => {
    const { result } = await runChecker(entry, { scenario: 'viewer', cwd: here });
    expect(result.status).toBe('pass');
  });

  it('fails when no key is configured', async () => {
    const { result, codes } = await runChecker(entry, { scenario: 'viewer', cwd: here, env: { LANGSMITH_API_KEY: '' } });
    expect(result.status).toBe('fail');
    expect(codes).toEqual(['${code}']);
  });
});
`;
  const readme = `# ${id}

${title}. A langsmith-doctor command plugin in ${kind}: it gets the redacted context as JSON on
stdin and prints one JSON result on stdout.

| code | severity | when |
|---|---|---|
| \`${code}\` | fail | no API key is configured |

- Try it: \`langsmith-doctor --demo viewer\`; test it: \`npx vitest run checks/${name}\`.
`;
  return { entry: { file, command: program, title, codes: [code] }, files: { [file]: script, [`${name}.test.ts`]: test, 'README.md': readme } };
}
