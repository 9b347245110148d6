// The executable: real process streams in, exit code out. Everything else lives in cli.ts.
import { main } from './cli.js';
import { createRedactor } from './core/redact.js';
import { maskKey, SECRET_PATTERNS } from './langsmith/keys.js';

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
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Even a crash report passes through redaction: the environment's keys and any key shape.
    const secrets = Object.entries(process.env).filter(([k]) => /API_KEY|TOKEN|SECRET/i.test(k)).map(([, v]) => v);
    const redact = createRedactor({ secrets, patterns: [...SECRET_PATTERNS], mask: maskKey });
    const text = err instanceof Error ? err.stack ?? err.message : String(err);
    process.stderr.write(`langsmith-doctor: internal error (please report it): ${redact.text(text)}\n`);
    process.exitCode = 70;
  },
);
