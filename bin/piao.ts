#!/usr/bin/env node
/** Entry point of the `piao` command: hands argv to the CLI and exits with its code. */
import { runCli } from '../pipeline/cli/index.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
