#!/usr/bin/env node
/**
 * The `piao` command as npm installs it (`package.json` `bin`): plain JavaScript, so it works right
 * after `npm ci`, with nothing to build. In a checkout (the TypeScript sources and tsx are there) it
 * runs the sources through tsx, so the command is never an out-of-date build; in a package made with
 * `npm run build` (only `dist/`) it runs the compiled code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sources = new URL('./piao.ts', import.meta.url);
const compiled = new URL('../dist/bin/piao.js', import.meta.url);

let tsx = null;
if (existsSync(fileURLToPath(sources))) {
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = null; // a checkout installed without dev dependencies: the compiled code, if any
  }
}
if (tsx) {
  tsx.register();
  await import(sources.href);
} else if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  process.stderr.write('piao: manca tsx (npm ci installa anche le dipendenze di sviluppo) e non c\'è la versione compilata: eseguire «npm ci» oppure «npm run build» nella cartella di piao.\n');
  process.exitCode = 2;
}
