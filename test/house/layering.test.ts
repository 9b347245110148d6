// The layering rules (.dependency-cruiser.cjs) hold on this tree, and they do catch what they name:
// a tree that breaks each rule is refused with that rule's name.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const depcruise = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

async function cruise(cwd: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [depcruise, 'src', 'plugins', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], { cwd });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

function tree(files: Record<string, string>): string {
  const dir = tempDir();
  copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('layering', () => {
  it('this project breaks none of the rules', async () => {
    const { code, out } = await cruise(ROOT);
    expect(out).toContain('no dependency violations');
    expect(code).toBe(0);
  }, 60_000);

  it('names each broken rule', async () => {
    const dir = tree({
      'src/index.ts': "export const api = 1;\n",
      'src/core/engine.ts': "import { view } from '../ui/view.js';\nexport const engine = view;\n",
      'src/ui/view.ts': "export const view = 1;\n",
      'src/report/text.ts': "import { view } from '../ui/view.js';\nexport const text = view;\n",
      'src/commands/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'src/commands/b.ts': "import { a } from './a.js';\nexport const b = a;\n",
      'plugins/mine/index.ts': "import { engine } from '../../src/core/engine.js';\nexport default engine;\n",
      'src/launch/main.ts': "import { api } from '../index.js';\nexport const start = api;\n",
      'src/doctor.ts': "import { start } from './launch/main.js';\nexport const doctor = start;\n",
    });
    const { code, out } = await cruise(dir);
    expect(code).not.toBe(0);
    for (const rule of ['core-knows-nothing-above', 'ui-only-from-commands', 'no-cycles', 'checkers-use-public-api', 'launcher-stands-alone', 'nothing-imports-the-launcher']) {
      expect(out).toContain(rule);
    }
  }, 60_000);
});
