/**
 * `npm run bench`: extraction speed and memory, against a reference command
 * run in the same process on the same files. For text the reference is
 * `wc -l` (the cost of just reading the lines); for PDF it is
 * `pdftotext -layout` (see benchPdf below); then whole batches (benchBatch).
 * BENCH_SKIP_PDF=1 / BENCH_SKIP_BATCH=1 / BENCH_SKIP_OCR=1 / BENCH_SKIP_GENERIC=1 skip those parts (OCR: bench/ocr.ts,
 * the generic extractor's cost per page: bench/generic.ts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processFile } from '../pipeline/run.js';
import { ensureCommand } from './tools.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  console.log(`piao bench: ${files.length} text seeds, ${rounds} rounds\n`);
  console.log('file                          KB   piao ms   wc -l ms   ratio   objectives');
  let totalPiao = 0;
  let totalRef = 0;
  let peak = 0;
  for (const file of files) {
    await processFile(file); // warm-up
    let piao = 0;
    let objectives = 0;
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      objectives = (await processFile(file)).objectives.length;
      piao += Number(process.hrtime.bigint() - t) / 1e6;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    let ref = 0;
    for (let i = 0; i < rounds; i++) ref += time(() => spawnSync('wc', ['-l', file]));
    totalPiao += piao;
    totalRef += ref;
    const name = file.split('/').pop()!.padEnd(28);
    console.log(`${name}${String(Math.round(statSync(file).size / 1024)).padStart(4)}  ${(piao / rounds).toFixed(1).padStart(8)}  ${(ref / rounds).toFixed(1).padStart(9)}  ${(piao / ref).toFixed(1).padStart(6)}x  ${String(objectives).padStart(10)}`);
  }
  console.log(`\ntotal: piao ${(totalPiao / rounds).toFixed(1)} ms per pass, wc -l ${(totalRef / rounds).toFixed(1)} ms (ratio ${(totalPiao / totalRef).toFixed(1)}x); peak RSS ${(peak / 1048576).toFixed(0)} MiB`);
}

await main();

/**
 * PDF: end-to-end `piao extract` (text, geometry, tables, model) of the
 * fixture PDFs on a pool of worker threads, against single-process
 * `pdftotext -layout` on the same files in the same run (poppler-utils is
 * installed with apt-get when missing); then peak memory over a batch ten
 * times larger, sampled while it runs.
 */
async function benchPdf(): Promise<void> {
  const { processFiles } = await import('../pipeline/pool.js');
  const { availableParallelism } = await import('node:os');
  const pdfDir = join(import.meta.dirname, '..', 'fixtures', 'pdf');
  const pdfs = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).map((f) => join(pdfDir, f));
  ensureCommand('pdftotext', 'poppler-utils');
  const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1] ?? 0);
  const pages = pdfs.reduce((n, f) => n + pageCount(f), 0);
  const jobs = availableParallelism();
  const pdfRounds = Number(process.env.BENCH_PDF_ROUNDS ?? 3);
  console.log(`\nPDF: ${pdfs.length} files, ${pages} pages, ${jobs} worker threads, ${pdfRounds} rounds`);
  let piao = 0;
  let ref = 0;
  for (let r = 0; r < pdfRounds; r++) {
    const t = process.hrtime.bigint();
    await processFiles(pdfs, { jobs, skipValidation: true });
    piao += Number(process.hrtime.bigint() - t) / 1e6;
    ref += time(() => {
      for (const f of pdfs) spawnSync('pdftotext', ['-layout', f, '-']);
    });
  }
  piao /= pdfRounds;
  ref /= pdfRounds;
  console.log(`piao extract: ${piao.toFixed(0)} ms (${((pages * 1000) / piao).toFixed(1)} pages/s)`);
  console.log(`pdftotext -layout: ${ref.toFixed(0)} ms (${((pages * 1000) / ref).toFixed(1)} pages/s)`);
  console.log(`ratio: ${(piao / ref).toFixed(2)}x the time of pdftotext -layout (target: <= 3x)`);
  for (const factor of [1, 10]) {
    const batch = Array.from({ length: factor }, () => pdfs).flat();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t = process.hrtime.bigint();
    await processFiles(batch, { jobs, skipValidation: true });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    clearInterval(sampler);
    console.log(`batch x${String(factor).padEnd(2)} ${String(batch.length).padStart(3)} files, ${pages * factor} pages: ${(ms / 1000).toFixed(1)} s, peak RSS ${(peak / 1048576).toFixed(0)} MiB`);
  }
}

if (process.env.BENCH_SKIP_PDF !== '1') await benchPdf();

/**
 * Batch (issue 9): `runBatch` end to end (read, check, render, write, index)
 * over the fixtures (seeds as text, fixture PDFs) copied into a folder 1, 5
 * and 20 times, with files/s, pages/s and peak RSS sampled while it runs; the
 * reference in the same run is the plain text dump of the same files
 * (`pdftotext -layout` for PDFs, `cat` for text), one after the other. Then a
 * second run over the unchanged folder (everything skipped), and the 520-file
 * damaged folder of the robustness test. BENCH_BATCH_FACTORS="1,5" to change.
 */
async function benchBatch(): Promise<void> {
  const { runBatch } = await import('../pipeline/batch.js');
  const { writeDamagedSet } = await import('../fixtures/damage.js');
  const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const pdfDir = join(import.meta.dirname, '..', 'fixtures', 'pdf');
  const inputs = [...files, ...readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).map((f) => join(pdfDir, f))];
  const factors = (process.env.BENCH_BATCH_FACTORS ?? '1,5,20').split(',').map(Number);
  console.log(`\nbatch: ${inputs.length} fixture files (seeds as text and as PDF) copied x${factors.join(', x')}`);
  const measure = async (input: string, out: string, force: boolean) => {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t = process.hrtime.bigint();
    const result = await runBatch(input, { out, force });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    clearInterval(sampler);
    return { result, ms, peak, pages: result.rows.reduce((n, r) => n + r.pages, 0) };
  };
  for (const factor of factors) {
    const dir = mkdtempSync(join(tmpdir(), 'piao-bench-batch-'));
    for (let k = 1; k <= factor; k++) for (const f of inputs) cpSync(f, join(dir, 'in', `copia-${k}`, f.split('/').pop()!));
    const first = await measure(join(dir, 'in'), join(dir, 'out'), true);
    const ref = time(() => {
      for (let k = 1; k <= factor; k++) {
        for (const f of inputs) spawnSync(f.endsWith('.pdf') ? 'pdftotext' : 'cat', f.endsWith('.pdf') ? ['-layout', f, '-'] : [f], { maxBuffer: 1 << 28 });
      }
    });
    const again = await measure(join(dir, 'in'), join(dir, 'out'), false);
    const n = first.result.rows.length;
    console.log(
      `batch x${String(factor).padEnd(2)} ${String(n).padStart(4)} files ${String(first.pages).padStart(5)} pages: ${(first.ms / 1000).toFixed(1)} s` +
        ` = ${((n * 1000) / first.ms).toFixed(2)} files/s, ${((first.pages * 1000) / first.ms).toFixed(1)} pages/s, peak RSS ${(first.peak / 1048576).toFixed(0)} MiB;` +
        ` text dump ${(ref / 1000).toFixed(1)} s (ratio ${(first.ms / ref).toFixed(2)}x); rerun unchanged ${(again.ms / 1000).toFixed(2)} s (${again.result.reused} skipped)`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), 'piao-bench-damaged-'));
  const set = writeDamagedSet(join(dir, 'in'), 520);
  const damaged = await measure(join(dir, 'in'), join(dir, 'out'), true);
  const fatal = damaged.result.rows.filter((r) => r.status === 'fatal').length;
  console.log(
    `damaged folder: ${set.files.length} files (${fatal} not processable) in ${(damaged.ms / 1000).toFixed(1)} s = ${((set.files.length * 1000) / damaged.ms).toFixed(1)} files/s, peak RSS ${(damaged.peak / 1048576).toFixed(0)} MiB`,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (process.env.BENCH_SKIP_BATCH !== '1') await benchBatch();

if (process.env.BENCH_SKIP_OCR !== '1') await (await import('./ocr.js')).benchOcr();
if (process.env.BENCH_SKIP_PARSERS !== '1') (await import('./parsers.js')).benchParsers();
if (process.env.BENCH_SKIP_GENERIC !== '1') await (await import('./generic.js')).benchGeneric();
if (process.env.BENCH_SKIP_TABLES !== '1') await (await import('./tables.js')).benchTables();
if (process.env.BENCH_SKIP_ROBUSTNESS !== '1') await (await import('./robustness.js')).benchRobustness();
