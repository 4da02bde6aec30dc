/**
 * OCR benchmark: piao's OCR pool (tesseract.js, all cores) against the native
 * `tesseract` command (OMP_THREAD_LIMIT=1, one process per page, in turn), on
 * the same page images with the same language data (the npm package's model,
 * unpacked), in the same run. Prints seconds per page, the ratio and the
 * character error rate of both against the pages' known text (their PDF text
 * layer, see bench/cer.ts).
 *
 *   npx tsx bench/ocr.ts            (installs Debian's tesseract-ocr for the comparison when missing)
 *   BENCH_OCR_ROUNDS=3 (default) alternated rounds of each side, the best compared
 *   BENCH_OCR_PAGES=100 npx tsx bench/ocr.ts   also reads scans of 10 and 100 pages (PDF and TIFF) and reports
 *                                              the peak memory of each, read in a process of its own
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { openPdf, pageGeometry, renderPage } from '../pipeline/ingest/pdf.js';
import { DEFAULT_OCR_MODEL, ensureCache, OcrPool, ocrPage, runsOfWords, type OcrWord } from '../pipeline/ingest/ocr.js';
import type { TextRun } from '../pipeline/ingest/pdf-layout.js';
import { encode, encodeTiff, scanOf } from '../fixtures/build-scans.js';
import { lineErrors } from './cer.js';
import { ensureCommand } from './tools.js';

const ROOT = join(import.meta.dirname, '..');
const SOURCES: [string, number[]][] = [
  ['fixtures/scan/003-schede.testo.pdf', [1, 2, 3, 4, 5]],
  ['fixtures/pdf/004-performance-organizzativa.pdflib-portrait.pdf', [18, 19]],
  ['fixtures/pdf/002-piao-2.2.pdflib-portrait-borderless.pdf', [2]],
];
const DPI = 300;

/** Words of `tesseract ... tsv` output (level 5 rows). */
function tsvWords(tsv: string): OcrWord[] {
  return tsv
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((c) => c[0] === '5' && c[11] !== undefined && c[11].trim() !== '')
    .map((c) => {
      const [left, top, width, height, conf] = [6, 7, 8, 9, 10].map((i) => Number(c[i]));
      return { text: c[11]!, x0: left!, y0: top!, x1: left! + width!, y1: top! + height!, lineTop: top!, lineBottom: top! + height!, rowHeight: height!, confidence: conf! / 100 };
    });
}

export async function benchOcr(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'piao-bench-ocr-'));
  try {
    const pages: { file: string; image: Awaited<ReturnType<typeof renderPage>>['image']; reference: TextRun[] }[] = [];
    for (const [source, numbers] of SOURCES) {
      const doc = await openPdf(new Uint8Array(readFileSync(join(ROOT, source))));
      for (const n of numbers) {
        const reference = (await pageGeometry(doc, n)).runs;
        const image = scanOf((await renderPage(doc, n, DPI)).image, { skew: 0, grain: 4, specks: 0.0002, seed: n });
        const file = join(work, `p${pages.length + 1}.png`);
        writeFileSync(file, await encode(image, 'png'));
        pages.push({ file, image, reference });
      }
      await doc.destroy();
    }
    const tessdata = await ensureCache(DEFAULT_OCR_MODEL);
    const cores = availableParallelism();

    // Rounds alternate piao and the native command, so that both meet the same load on a shared machine; the best
    // round of each is compared (a VM's neighbours slow a round down, never speed it up).
    const rounds = Math.max(1, Number(process.env.BENCH_OCR_ROUNDS ?? 3));
    const hasNative = ensureCommand('tesseract', 'tesseract-ocr');
    // piao: the pool on all cores, pages in parallel, the real page path (orientation, deskew, specks, rules, cells read again).
    const pool = new OcrPool({ psm: 3, workers: cores, recycleAfter: 25, deskew: true, rotate: true, binarize: false, rereadCells: true, model: DEFAULT_OCR_MODEL });
    await pool.recognize(new Uint8Array(readFileSync(pages[0]!.file))); // start-up (about 1 s per worker) not counted
    const oursTimes: number[] = [];
    const nativeTimes: number[] = [];
    let ours: Awaited<ReturnType<typeof ocrPage>>[] = [];
    let native: TextRun[][] = [];
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      ours = await Promise.all(pages.map((p, i) => ocrPage(pool, p.image, DPI, i + 1)));
      oursTimes.push((performance.now() - start) / 1000);
      if (!hasNative) continue;
      // Native: one `tesseract` process per page, one thread, same model, same mode, same images.
      start = performance.now();
      native = pages.map((p) => {
        const tsv = execFileSync('tesseract', [p.file, 'stdout', '-l', 'ita', '--oem', '1', '--psm', '3', '--tessdata-dir', tessdata, '-c', 'tessedit_create_tsv=1'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        return runsOfWords(tsvWords(tsv), 72 / DPI);
      });
      nativeTimes.push((performance.now() - start) / 1000);
    }
    await pool.close();
    const oursSeconds = Math.min(...oursTimes);
    const nativeSeconds = hasNative ? Math.min(...nativeTimes) : NaN;
    const perPage = (times: number[]) => times.map((t) => (t / pages.length).toFixed(2)).join(' ');
    const cer = (runs: TextRun[][]) => {
      const total = pages.reduce((acc, p, i) => {
        const e = lineErrors(p.reference, runs[i]!);
        return { errors: acc.errors + e.errors, characters: acc.characters + e.characters };
      }, { errors: 0, characters: 0 });
      return ((total.errors / total.characters) * 100).toFixed(2);
    };
    console.log(`\nOCR, ${pages.length} pagine a ${DPI} dpi (grana e puntini), ${cores} core, ${rounds} giri alternati (il migliore; ogni giro fra parentesi):`);
    console.log(`  piao (tesseract.js, ${cores} worker)      ${(oursSeconds / pages.length).toFixed(2)} s/pagina (${perPage(oursTimes)})  CER ${cer(ours.map((o) => o.geometry.runs))}%`);
    if (hasNative) {
      console.log(`  tesseract ${execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.split(' ')[1]} (OMP_THREAD_LIMIT=1)    ${(nativeSeconds / pages.length).toFixed(2)} s/pagina (${perPage(nativeTimes)})  CER ${cer(native)}%`);
      console.log(`  rapporto tempo piao / tesseract: ${(oursSeconds / nativeSeconds).toFixed(2)}×`);
    } else console.log('  tesseract non installato (apt-get install tesseract-ocr): confronto saltato');

    const many = Number(process.env.BENCH_OCR_PAGES ?? 0);
    if (many > 0) {
      // Long scans made of the same page images over and over: an image-only PDF and a multi-page TIFF, of 10 and of
      // `many` pages, each read by the whole pipeline in a process of its own (bench/ocr-scan.ts). Memory is bounded
      // when it levels off as the pages go by: the OCR workers' heaps grow until they are recycled (every 25 pages),
      // so the peak per quarter of a long run should stop growing after the first.
      const lengths = [...new Set([Math.min(10, many), many])];
      const pdfOf = async (count: number) => {
        const pdf = await PDFDocument.create();
        const images = await Promise.all(pages.map((p) => pdf.embedPng(readFileSync(p.file))));
        for (let i = 0; i < count; i++) {
          const img = images[i % images.length]!;
          const [w, h] = [(img.width * 72) / DPI, (img.height * 72) / DPI];
          pdf.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
        }
        return pdf.save();
      };
      const tiffOf = (count: number) => encodeTiff(Array.from({ length: count }, (_, i) => pages[i % pages.length]!.image), DPI);
      console.log(`\n  scansioni lunghe, ciascuna in un processo a sé (RSS massimo del processo, thread OCR compresi):`);
      for (const [kind, make] of [['PDF di sole immagini', pdfOf], ['TIFF a più pagine', tiffOf]] as const)
        for (const count of lengths) {
          const file = join(work, `scansione-${count}.${kind.startsWith('PDF') ? 'pdf' : 'tif'}`);
          writeFileSync(file, await make(count));
          const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'ocr-scan.ts'), file], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 24 });
          if (child.status !== 0) {
            console.log(`  ${kind}, ${count} pagine: non riuscito (${child.stderr.trim().split('\n').pop()})`);
            continue;
          }
          const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; ocrPages: number; peakMiB: number; quarterPeaksMiB: number[] };
          console.log(
            `  ${kind.padEnd(21)} ${String(count).padStart(4)} pagine: ${r.seconds.toFixed(0).padStart(4)} s (${(r.seconds / count).toFixed(2)} s/pagina), ${r.ocrPages} pagine OCR, ` +
              `RSS massimo ${r.peakMiB} MiB; per quarto del tempo ${r.quarterPeaksMiB.join(' / ')} MiB`,
          );
        }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchOcr();
