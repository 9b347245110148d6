import {
  compareVersions,
  defineChecker,
  detectSdks,
  locatePython,
  JS_LANGSMITH_TRACING_SINCE,
  JS_LANGSMITH_VARS_SINCE,
  WORKSPACE_ID_SINCE,
  type DoctorContext,
  type Finding,
  type InstalledSdk,
} from '../../src/index.js';

export default defineChecker<{ python?: boolean }>({
  id: 'sdk-versions',
  title: 'Installed LangSmith SDKs',
  timeoutMs: 8000,
  async run(ctx) {
    const cwd = ctx.cwd;
    const pathPython = ctx.options.python !== false;
    // The settings were resolved with the SDKs found the same way (PATH's python3 included): read
    // the file system once per run, not twice.
    const found: InstalledSdk[] = pathPython ? [...ctx.settings.sdks] : detectSdks(ctx.env, cwd, { pathPython });
    const js = found.find((x) => x.language === 'js');
    // A python3 whose layout the file system does not tell is asked (slow, so only then).
    if (pathPython && !found.some((x) => x.language === 'python')) {
      const asked = await askPython(ctx);
      if (asked) found.push(asked);
    }
    if (found.length === 0) {
      return ctx.info('SDK_NOT_FOUND', 'No langsmith SDK found here (node_modules, a virtualenv, or python3 on PATH); run the doctor in your app\'s folder and environment to check SDK versions', {
        summary: 'No langsmith SDK found in this project',
      });
    }
    const s = ctx.settings;
    const names = new Set(s.candidates.map((c) => c.name));
    const findings: Finding[] = [];
    if (js && compareVersions(js.version, JS_LANGSMITH_VARS_SINCE) < 0) {
      // LANGSMITH_TRACING itself was read earlier than the other LANGSMITH_* names (sdk-audit #8).
      const tracingRead = compareVersions(js.version, JS_LANGSMITH_TRACING_SINCE) >= 0;
      const onlyNew = ['API_KEY', 'ENDPOINT', 'TRACING', 'PROJECT'].filter((x) => !(x === 'TRACING' && tracingRead) && names.has(`LANGSMITH_${x}`) && !names.has(`LANGCHAIN_${x}`) && !names.has(`LANGCHAIN_${x}_V2`));
      if (onlyNew.length > 0) {
        findings.push(ctx.finding('SDK_IGNORES_LANGSMITH_VARS', 'fail',
          `JS langsmith ${js.version} reads only LANGCHAIN_* variables (LANGSMITH_* support arrived in 2024-08, about ${JS_LANGSMITH_VARS_SINCE}); ${onlyNew.map((x) => `LANGSMITH_${x}`).join(', ')} ${onlyNew.length === 1 ? 'is' : 'are'} never read`, {
            fix: { text: `Upgrade the SDK, or set the LANGCHAIN_* names too (${onlyNew.map((x) => `LANGCHAIN_${x === 'TRACING' ? 'TRACING_V2' : x}`).join(', ')}, with the values of their LANGSMITH_* twins).`, commands: ['npm install langsmith@latest'] },
            evidence: { version: js.version, where: js.where },
          }));
      }
    }
    if (s.workspaceId.value) {
      for (const sdk of found) {
        const since = WORKSPACE_ID_SINCE[sdk.language];
        if (compareVersions(sdk.version, since) < 0) {
          findings.push(ctx.finding('SDK_IGNORES_WORKSPACE_ID', 'warn',
            `${sdk.language === 'js' ? 'JS' : 'Python'} langsmith ${sdk.version} never sends LANGSMITH_WORKSPACE_ID (X-Tenant-Id arrived in ${since}): an org-scoped key gets 403 from this app although the doctor's requests work`, {
              fix: { text: 'Upgrade the SDK.', commands: [sdk.language === 'js' ? 'npm install langsmith@latest' : 'pip install -U langsmith'] },
              evidence: { version: sdk.version, where: sdk.where },
            }));
        }
      }
    }
    const list = found.map((f) => `${f.language === 'js' ? 'JS' : 'Python'} langsmith ${f.version}`).join(', ');
    return ctx.report(findings, { summary: findings.length === 0 ? `${list}: read LANGSMITH_* and LANGSMITH_WORKSPACE_ID` : undefined, evidence: { sdks: found } });
  },
});

/** The SDK the `python3` on PATH imports, asked (4 s timeout): only when its layout is not one we can read. */
async function askPython(ctx: DoctorContext): Promise<InstalledSdk | undefined> {
  const lookup = locatePython(ctx.env, ctx.cwd);
  if (lookup.found !== 'unknown') return undefined;
  const { execa } = await import('execa');
  const r = await execa('python3', ['-c', 'import importlib.metadata as m; print(m.version("langsmith"))'], {
    cwd: ctx.cwd,
    env: { PATH: ctx.env.PATH, HOME: ctx.env.HOME, PYENV_VERSION: ctx.env.PYENV_VERSION, PYTHONPATH: ctx.env.PYTHONPATH, PYTHONNOUSERSITE: ctx.env.PYTHONNOUSERSITE },
    extendEnv: false,
    reject: false,
    timeout: 4000,
    cancelSignal: ctx.signal,
  });
  const version = String(r.stdout ?? '').trim();
  return r.exitCode === 0 && /^\d+\.\d+/.test(version) ? { language: 'python', name: 'langsmith', version, where: `python3 on PATH (asked: ${lookup.why})` } : undefined;
}
