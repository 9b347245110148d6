// Ink decides at import time whether it runs "in CI" (then it writes only a final frame), from the
// CI variables. The component tests exercise the interactive renderer, which the CLI itself only
// uses on a TTY outside CI, so they run without them. CLI subprocesses get their own environment.
// Tests that need a tool (tmux, chromium) are skipped without it locally, but never in CI.
if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') process.env.LSD_TEST_IN_CI = '1';
for (const name of Object.keys(process.env)) {
  if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
}
