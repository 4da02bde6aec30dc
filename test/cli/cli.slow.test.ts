/**
 * The heavy CLI runs, left out of `npm test` (`npm run test:slow`; `.ci/run` runs both): the demo
 * (the README's first command: a batch over every bundled fixture, two scans read by OCR included)
 * and a scanned image read by the bin as a process.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { ROOT } from '../helpers.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the bin', () => {
  it('reads a scanned image as a process with nothing but its own messages on stderr', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'piao.ts'), 'extract', join(ROOT, 'fixtures', 'scan', '004-scheda.png')], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).source.ocrPages).toEqual([1]);
    // The OCR engine used to print "Error: failed to load ./ita.special-words" at every worker start
    // (and "Detected N diacritics" on some noisy pages): its diagnostics go nowhere now.
    expect(r.stderr).not.toMatch(/special-words|diacritics|Error/);
  }, 120_000);
});

describe('piao demo', () => {
  it('runs the batch on the bundled fixtures (seeds as text and PDF, damaged PDFs, two scans), not on their expected outputs, and says where the index is', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'piao-demo-')), 'demo');
    const r = await run('demo', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.piao-batch.json', 'documenti', 'index.html', 'indice.csv', 'regole']);
    const documents = readdirSync(join(out, 'documenti'), { recursive: true }).map(String).filter((f) => f.endsWith('.modello.json')).sort();
    expect(documents).toEqual([
      'pdf/000-legacy-piano.chromium-landscape.pdf.modello.json', 'pdf/002-piao-2.2.chromium-landscape-bordered.pdf.modello.json',
      'pdf/002-piao-2.2.pdflib-portrait-borderless.pdf.modello.json', 'pdf/003-schede-obiettivo.pdflib-landscape-bordered.pdf.modello.json',
      'pdf/004-performance-organizzativa.pdflib-portrait.pdf.modello.json',
      'pdf/bad/binario.pdf.modello.json', 'pdf/bad/cifrato-password-piao.pdf.modello.json', 'pdf/bad/corrotto.pdf.modello.json',
      'pdf/bad/non-pdf.pdf.modello.json', 'pdf/bad/troncato.pdf.modello.json', 'pdf/bad/zero-pagine.pdf.modello.json',
      'scan/002-piao.misto.pdf.modello.json', 'scan/004-scheda.png.modello.json',
      'seeds/000_47863afee0935d57.txt.modello.json', 'seeds/001_5d50e1c2c5be2f70.txt.modello.json', 'seeds/002_7ec37e340e3bd953.txt.modello.json',
      'seeds/003_c478a5ea033ad6cc.txt.modello.json', 'seeds/004_c815e41a38a1a3ff.txt.modello.json',
    ]);
    expect(r.stdout).toMatch(/^seeds\/003_c478a5ea033ad6cc\.txt +ERRORI +schede obiettivo +38 obiettivi +6 errori/m);
    expect(r.stdout).toMatch(/pdf\/bad\/troncato\.pdf: passo «ingest»: .*troncato\.pdf» è danneggiato o troncato/);
    expect(r.stdout).toContain(`Risultati in ${out}: aprire index.html`);
    const png = JSON.parse(readFileSync(join(out, 'documenti', 'scan', '004-scheda.png.modello.json'), 'utf8'));
    expect([png.source.format, png.source.ocrPages]).toEqual(['image', [1]]);
  }, 240_000);
});

