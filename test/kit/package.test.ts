// What the package ships for plugin authors, and that the TypeScript loader costs nothing until a
// .ts file is met.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('npm pack', () => {
  const packed = (): string[] => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  };

  it('ships the schemas, the testing entry with its types, and every example the docs link to', () => {
    const files = packed();
    for (const f of ['schemas/config.schema.json', 'schemas/report.schema.json', 'schemas/command-input.schema.json', 'schemas/command-output.schema.json',
      'dist/lib/src/testing.js', 'dist/lib/src/testing.d.ts', 'plugins/examples/corporate-proxy.mjs', 'plugins/examples/vpn_check.py']) {
      expect(files, f).toContain(f);
    }
    const docs = ['README.md', 'plugins/examples/README.md', ...files.filter((f) => f.startsWith('docs/'))];
    for (const doc of docs) {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      // A markdown link is relative to the document; a `path` in backquotes names a package file.
      for (const [, how, target] of text.matchAll(/(\]\(|`)((?:\.\.\/|\.\/)*(?:plugins\/examples|schemas)\/[\w./-]*?)[`)]/g)) {
        const rel = path.normalize(how === '`' ? target! : path.join(path.dirname(doc), target!)).replace(/\/$/, '');
        expect(files.some((f) => f === rel || f.startsWith(`${rel}/`)), `${doc} links ${target}`).toBe(true);
      }
    }
  });

  it('exports ./testing and the schemas', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./testing']).toEqual({ types: './dist/lib/src/testing.d.ts', default: './dist/lib/src/testing.js' });
    expect(pkg.exports['./schemas/*']).toBe('./schemas/*');
    expect(pkg.dependencies.jiti).toBeDefined();
  });
});

describe('the TypeScript loader', () => {
  it('is not loaded by a run that meets no .ts file', async () => {
    const dir = tempDir('lsd-nojiti-');
    writeFileSync(path.join(dir, 'no-jiti.cjs'), `require('node:module').register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { if (s === "jiti") throw new Error("jiti was loaded"); return next(s, c); }'));\n`);
    writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), '{"plugins":["./p.mjs"]}');
    writeFileSync(path.join(dir, 'p.mjs'), "export default { id: 'app/p', title: 'p', run: (ctx) => ctx.pass('js') };\n");
    const r = await runCli(['--offline', '--json', '--only', 'app/p'], { cwd: dir, nodeArgs: ['--require', path.join(dir, 'no-jiti.cjs')] });
    expect(r.stderr).toBe('');
    expect(r.json().checks.find((c: { id: string }) => c.id === 'app/p').status).toBe('pass');
    // The same hook does stop a run that needs it, so the test can fail.
    writeFileSync(path.join(dir, 'p.ts'), "export default { id: 'app/t', title: 't', run: () => undefined };\n");
    writeFileSync(path.join(dir, '.langsmith-doctorrc.json'), '{"plugins":["./p.ts"]}');
    const ts = await runCli(['plugins'], { cwd: dir, nodeArgs: ['--require', path.join(dir, 'no-jiti.cjs')] });
    expect(ts.stdout).toContain('jiti was loaded');
  });
});
