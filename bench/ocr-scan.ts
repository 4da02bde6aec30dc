/**
 * One long scan read end to end by the pipeline, alone in this process, for
 * bench/ocr.ts: prints one JSON line with the seconds taken, the pages read
 * by OCR, the process's peak resident memory (every thread: the OCR workers
 * are threads of this process) and the peak in each quarter of the run, so
 * that memory levelling off (or growing) with the pages read shows.
 *
 *   npx tsx bench/ocr-scan.ts scansione.pdf
 */
import { processFile } from '../pipeline/run.js';

const file = process.argv[2];
if (!file) throw new Error('uso: npx tsx bench/ocr-scan.ts FILE');
const samples: { at: number; rss: number }[] = [];
const start = performance.now();
const timer = setInterval(() => samples.push({ at: performance.now() - start, rss: process.memoryUsage().rss }), 250);
const plan = await processFile(file);
clearInterval(timer);
const elapsed = performance.now() - start;
const quarterPeaksMiB = [0, 1, 2, 3].map((q) =>
  Math.round(Math.max(0, ...samples.filter((s) => s.at >= (elapsed * q) / 4 && s.at < (elapsed * (q + 1)) / 4).map((s) => s.rss)) / 1048576),
);
console.log(
  JSON.stringify({
    seconds: elapsed / 1000,
    ocrPages: plan.source.ocrPages.length,
    objectives: plan.objectives.length,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    quarterPeaksMiB,
  }),
);
