/**
 * One long scan read end to end by the pipeline, alone in this process, for
 * bench/ocr.ts: prints one JSON line with the seconds taken, the pages read
 * by OCR and the process's peak resident memory (every thread: the OCR
 * workers are threads of this process).
 *
 *   npx tsx bench/ocr-scan.ts scansione.pdf
 */
import { processFile } from '../pipeline/run.js';

const file = process.argv[2];
if (!file) throw new Error('uso: npx tsx bench/ocr-scan.ts FILE');
const start = performance.now();
const plan = await processFile(file);
console.log(
  JSON.stringify({
    seconds: (performance.now() - start) / 1000,
    ocrPages: plan.source.ocrPages.length,
    objectives: plan.objectives.length,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
