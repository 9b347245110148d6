// The executable: real process streams in, exit code out. Everything else lives in cli.ts.
import { main } from './cli.js';
import { secretRedactor, secretsOfVariables } from './langsmith/secrets.js';

// One redactor for everything this process prints (main guards stdout and stderr with it); the
// run adds the secrets of dotenv files and the profile to it, so even a crash report knows them.
const redactor = secretRedactor(secretsOfVariables(Object.entries(process.env)));

// A closed pipe (`… | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  redactor,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Even a crash report passes through redaction (here, and again in the guarded stderr).
    const text = err instanceof Error ? err.stack ?? err.message : String(err);
    process.stderr.write(`langsmith-doctor: internal error (please report it): ${redactor.text(text)}\n`);
    process.exitCode = 70;
  },
);
