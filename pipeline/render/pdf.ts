/**
 * `--format pdf`: the ODT converted by LibreOffice (`soffice --headless
 * --convert-to pdf`) when it is installed. It is optional: without it the
 * user gets a clear message and the ODT/HTML formats still work.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A document could not be rendered; the message is for the user (Italian). */
export class RenderError extends Error {}

/** The LibreOffice command on PATH (`soffice`, or `libreoffice`), or null. */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const path = join(dir, name);
      if (dir && existsSync(path)) return path;
    }
  }
  return null;
}

export async function odtToPdf(odt: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const soffice = findLibreOffice(env);
  if (!soffice) {
    throw new RenderError(
      'Il formato PDF richiede LibreOffice (comando "soffice"), che su questo computer non è installato. ' +
        'Installarlo (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) oppure usare --format odt e salvare in PDF da LibreOffice o Word.',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'piao-pdf-'));
  try {
    const input = join(dir, 'documento.odt');
    await writeFile(input, odt);
    // A profile of its own: a LibreOffice already open on the desktop does not block the conversion.
    const profile = pathToFileURL(join(dir, 'profilo')).href;
    await new Promise<void>((resolve, reject) =>
      execFile(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], { timeout: 180_000, env }, (error, _out, stderr) =>
        error ? reject(new RenderError(`LibreOffice non è riuscito a convertire il documento in PDF: ${String(stderr).trim() || error.message}`)) : resolve(),
      ),
    );
    const pdf = join(dir, 'documento.pdf');
    if (!existsSync(pdf)) throw new RenderError('LibreOffice non ha prodotto il PDF (nessun errore riportato).');
    return new Uint8Array(await readFile(pdf));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
