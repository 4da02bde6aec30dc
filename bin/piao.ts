#!/usr/bin/env node
/** Entry point of the `piao` command: hands argv to the CLI and exits with its code. */
import { runCli } from '../pipeline/cli/index.js';

// pdf.js, running in this thread for a single file, can leave an internal promise rejected when a
// damaged PDF fails; that failure has already become a finding, so the stray rejection is dropped.
// Anything else is a real internal error: reported, exit code 2.
process.on('unhandledRejection', (error) => {
  if (error instanceof Error && error.stack?.includes('pdfjs-dist')) return;
  process.stderr.write(`piao: errore interno: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});

// Output piped into a command that stops reading (`piao rules | head`): stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
