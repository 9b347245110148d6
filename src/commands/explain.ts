// `langsmith-doctor explain [FILE|-]`: classify a pasted error log, traceback, SDK warning or HTTP
// body. Reads bytes (a file, `-`, or stdin), keeps only the last MAX_ANALYSED_BYTES, and prints
// JSON or plain text. Never loads Ink or React: start-up stays fast on every path.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { modeOf } from './mode.js';
import { capTail, countNewlines, explainBytes, isLangSmithProblem, MAX_ANALYSED_BYTES } from '../langsmith/explain/index.js';
import { secretRedactor, secretsOfVariables } from '../langsmith/secrets.js';
import { renderExplainText } from '../report/explain-text.js';
import { nameSelfIn } from '../core/invocation.js';
import { uiVendorReady } from '../ui-vendor.js';
import { TOOL_NAME } from '../version.js';

export async function explainCommand(args: ParsedArgs, io: Io): Promise<number> {
  const file = args.positionals[0];
  const fromStdin = file === undefined || file === '-';
  let read: ReadResult;
  if (fromStdin) {
    if (file === undefined && (io.stdin as { isTTY?: boolean }).isTTY) {
      io.stderr.write(`${TOOL_NAME} explain: paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows). Or: your-command 2>&1 | ${io.invocation ?? TOOL_NAME} explain\n`);
    }
    read = await readTail(io.stdin, MAX_ANALYSED_BYTES);
  } else {
    const full = path.resolve(io.cwd, file);
    try {
      read = await readTail(createReadStream(full), MAX_ANALYSED_BYTES);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
      throw new UsageError(`explain: cannot read '${file}': ${why}`);
    }
  }
  // The environment's secrets are masked inside the analysis, before excerpts are cut; the same
  // redactor passes over the whole output once more.
  const secrets = secretsOfVariables(Object.entries(io.env));
  const raw = explainBytes(read.tail, { totalBytes: read.totalBytes, lineOffset: read.droppedLines, secrets });
  // Fix commands name the doctor the way the user started it.
  const self = (c: string) => nameSelfIn(c, TOOL_NAME, io.invocation);
  const result = { ...raw, findings: raw.findings.map((f) => (f.fix?.commands ? { ...f, fix: { ...f.fix, commands: f.fix.commands.map(self) } } : f)) };
  const redactor = io.redactor ?? secretRedactor(secrets);
  const mode = modeOf(args, io);
  if (mode === 'json') {
    io.stdout.write(JSON.stringify(redactor.deep({ schemaVersion: 1, findings: result.findings, input: result.input }), null, 2) + '\n');
  } else if (mode === 'interactive') {
    await uiVendorReady();
    const { renderExplainInteractive } = await import('../ui/render-explain.js');
    await renderExplainInteractive(redactor.deep(result), fromStdin ? 'stdin' : file, io);
  } else {
    io.stdout.write(redactor.text(renderExplainText(result, fromStdin ? 'stdin' : file)));
  }
  return result.findings.some(isLangSmithProblem) ? 1 : 0;
}

interface ReadResult {
  tail: Uint8Array;
  totalBytes: number;
  droppedLines: number;
}

/** Reads a stream to its end, keeping only the last `max` bytes (and counting the lines dropped). */
async function readTail(stream: NodeJS.ReadableStream, max: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  let droppedLines = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(b);
    kept += b.length;
    total += b.length;
    while (chunks.length > 1 && kept - chunks[0]!.length >= max) {
      const dropped = chunks.shift()!;
      kept -= dropped.length;
      droppedLines += countNewlines(dropped);
    }
  }
  const all = Buffer.concat(chunks);
  const { tail, droppedLines: more } = capTail(all, max);
  return { tail, totalBytes: total, droppedLines: droppedLines + more };
}
