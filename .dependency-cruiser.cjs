// The layering, checked by `npm test` (npm run lint:deps). Imports only point down:
//   cli.ts → commands/ → doctor, ui/, report/ → diagnosis/, langsmith/ → core/
// plugins/ (the built-in checkers) are written against the public API only, like anyone's plugin.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood (or loaded) apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-nothing-above',
      severity: 'error',
      comment: 'src/core is the engine: it knows nothing of LangSmith, the diagnosis, reports, Ink or the commands.',
      from: { path: '^src/core/' },
      to: { path: '^src/(langsmith|diagnosis|report|ui|commands|emulator)/|^src/(doctor|cli|args|help|bin|index|testing)\\.ts$' },
    },
    {
      name: 'ui-only-from-commands',
      severity: 'error',
      comment: 'Ink is loaded only by the interactive paths: src/ui is imported by commands and the cli, nothing else.',
      from: { path: '^src/', pathNot: '^src/(ui|commands)/|^src/cli\\.ts$' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'ui-only-renders',
      severity: 'error',
      comment: 'UI components render what they are given: no commands, no cli.',
      from: { path: '^src/ui/' },
      to: { path: '^src/commands/|^src/(cli|args|help|bin)\\.ts$' },
    },
    {
      name: 'nothing-imports-commands-but-cli',
      severity: 'error',
      comment: 'Commands are the top: only the cli (and other commands) import them.',
      from: { path: '^src/', pathNot: '^src/commands/|^src/(cli|bin)\\.ts$' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'launcher-stands-alone',
      severity: 'error',
      comment: 'src/launch starts the bundle with the code cache: it shares no module with the doctor, and nothing imports it.',
      from: { path: '^src/launch/' },
      to: { path: '^src/', pathNot: '^src/launch/' },
    },
    {
      name: 'nothing-imports-the-launcher',
      severity: 'error',
      comment: 'The launcher is its own entry point (dist/cli.js); the doctor never loads it.',
      from: { path: '^(src|plugins)/', pathNot: '^src/launch/' },
      to: { path: '^src/launch/' },
    },
    {
      name: 'checkers-use-public-api',
      severity: 'error',
      comment: 'Built-in checkers use only the public plugin API (src/index.ts), as third-party plugins must.',
      from: { path: '^plugins/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
