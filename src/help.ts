// The help texts: global and per command. `self` is how the user started the doctor, so the
// examples run as printed.
import { MAX_WATCH_SECONDS } from './args.js';
import { MAX_TIMEOUT_MS } from './core/config.js';
import { TOOL_NAME, VERSION } from './version.js';

/** The global help; `self` is how the user started the doctor (so the examples run as printed). */
export function help(self: string = TOOL_NAME): string {
  return `${TOOL_NAME} ${VERSION} — finds out why LangSmith says 401/403, or why traces never arrive

Usage
  ${TOOL_NAME} [options]              diagnose this machine's LangSmith set-up
  ${TOOL_NAME} plugins                list discovered plugins and checkers, with where each came from
  ${TOOL_NAME} explain [FILE|-]       classify a pasted error log or traceback (stdin when no FILE)
  ${TOOL_NAME} --demo list            list the built-in emulator scenarios
  ${TOOL_NAME} --demo SCENARIO        diagnose against the built-in emulator (no account needed)
  ${TOOL_NAME} emulator --scenario NAME [--port N]
                                      run the emulator standalone (for your own tests)
  ${TOOL_NAME} init-plugin NAME [--command bash|python]
                                      scaffold checks/NAME (checker, README, test), wired into the config

Options
  --json               print only the JSON report (schemaVersion 1)
  --plain              plain text, no live updates (default when not a TTY or CI is set)
  --report FILE        also write a report: .md, .json or .html
  --config FILE        use this config file instead of searching
  --dotenv FILE        an extra dotenv file to analyse (repeatable); ./.env is analysed by default
  --cwd DIR            diagnose this folder (config, dotenv files, SDKs, --report paths); default:
                       where npm was invoked (INIT_CWD) under \`npm start\`, else the current folder
  --only IDS           only these checkers (comma-separated), plus what they require
  --skip IDS           skip these checkers
  --timeout MS         per-request timeout (default 5000, at most ${MAX_TIMEOUT_MS})
  --offline            run only checkers that make no network request
  --write-probe        also prove write access: create a throwaway project, send one run, read
                       it back (ingest-to-visible latency), delete the project
  --watch [SECONDS]    re-run the network checks every SECONDS (default 300, at most ${MAX_WATCH_SECONDS})
                       and show what changed
  --strict             warnings also make the exit code 1
  --fix                after the diagnosis, offer the dotenv edits that fix findings (endpoint
                       region, workspace id, tracing flag, quoted key, misspelled or conflicting
                       names): shows a diff, asks, keeps a backup, re-runs and rolls back a fix
                       that does not help; never touches shell profiles or files outside the folder
  -y, --yes            with --fix: apply without asking (scripts; with --json too)
  -h, --help           show this help
  -v, --version        show the version
  COMMAND --help       help for explain, plugins and emulator

Examples
  ${self}                                   diagnose the project in this folder
  ${self} --cwd ~/my-app --report doctor.md  diagnose another folder, write a report to paste
  ${self} --json --offline                  settings only, as JSON (no request sent)
  ${self} --demo viewer                     see a read-only key's diagnosis, no account needed
  ${self} --fix                             diagnose, then offer the .env edits that fix it
  ${self} explain error.log                 classify an error someone pasted

The API key is never taken from a flag: only from the environment, dotenv files or the
LangSmith SDK profile (~/.langsmith/config.json). It is never printed in full.
Exit codes: 0 no check failed, 1 a check failed or errored, 2 usage or configuration error.
LangSmith keys work the moment they are created: there is no activation period to wait out.
`;
}

/** For tests and callers that print the help with the installed name. */
export const HELP = help();

export const COMMAND_HELP: Record<'explain' | 'plugins' | 'emulator' | 'init-plugin', (self: string) => string> = {
  explain: (self) => `Usage: ${self} explain [FILE|-] [--json] [--plain]

Classifies a pasted error log or traceback (LangSmith SDK, HTTP client, proxy, another provider)
and prints the finding codes with their fixes. Reads FILE, or stdin when FILE is - or absent.

Options
  --json      print { "schemaVersion": 1, "findings": [...] }
  --plain     plain text (the default when stdout is not a TTY)
  --cwd DIR   resolve FILE from this folder

Examples
  ${self} explain error.log
  pbpaste | ${self} explain -
`,
  plugins: (self) => `Usage: ${self} plugins [--json] [--config FILE] [--cwd DIR]

Lists the discovered plugins (built-in, from the config, command plugins) and their checkers, with
where each came from and why one failed to load. Exit code 1 when a plugin failed to load.

Options
  --json          print { "schemaVersion": 1, "config", "plugins": [...] }
  --config FILE   use this config file instead of searching
  --cwd DIR       search the config from this folder

Examples
  ${self} plugins
  ${self} plugins --json --cwd ~/my-app
`,
  emulator: (self) => `Usage: ${self} emulator --scenario NAME [--port N]

Runs the built-in LangSmith emulator on loopback for your own tests, and prints the environment
(export lines) that points an SDK at it. Scenarios: see '${self} --demo list'. Ctrl-C stops it.

Options
  --scenario NAME   the emulated account (required)
  --port N          listen on this port (default: any free port)

Examples
  ${self} emulator --scenario viewer
  ${self} emulator --scenario eu-key-on-us-default --port 8123
`,
  'init-plugin': (self) => `Usage: ${self} init-plugin NAME [--command bash|python] [--cwd DIR]

Scaffolds a checker plugin in checks/NAME/ (a TypeScript checker, or a bash or python command
plugin with --command), with a README listing its codes and a test that passes as generated, and
adds it to the project's config (.langsmith-doctorrc.json is created when there is none).

Options
  --command bash|python   a command plugin in that language instead of a TypeScript module
  --cwd DIR               the project folder (default: the current one)

Examples
  ${self} init-plugin vpn-route
  ${self} init-plugin proxy-allowlist --command python
`,
};
