/**
 * `npm run bench`: extraction speed and memory on the text seeds, against a
 * reference command run in the same process on the same files. For text the
 * reference is `wc -l` (the cost of just reading the lines); PDF and OCR
 * benchmarks (pdftotext, tesseract) come with those readers.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processFile } from '../pipeline/run.js';

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
