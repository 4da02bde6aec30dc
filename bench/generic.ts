/**
 * `npm run bench` (part of it), or alone: `npx tsx bench/generic.ts`. The
 * generic extractor's cost per page: for every office-made layout of
 * fixtures/layouts (PDF and text export) and the two real chapters, the layout
 * is read once and `genericExtractor.extract` timed over several rounds, set
 * against `pdftotext -layout` on the same PDF in the same run (the cost of
 * just getting the text out). Then the same text documents repeated 1x, 10x
 * and 40x in one file: the cost per page stays flat when the extractor is
 * linear.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { genericExtractor } from '../extractors/generic/index.js';
import type { LayoutDocument } from '../models/layout.js';
import { ensureCommand } from './tools.js';
import { readLayout } from '../pipeline/run.js';

const ROOT = join(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

async function layoutOf(path: string, bytes: Uint8Array): Promise<LayoutDocument> {
  const layout = await readLayout(path, bytes);
  if (!layout) throw new Error(`${path}: no layout`);
  return layout;
}

function msPerRound(fn: () => unknown): number {
  fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / rounds;
}

export async function benchGeneric(): Promise<void> {
  const hasPdftotext = ensureCommand('pdftotext', 'poppler-utils');
  const layouts = join(ROOT, 'fixtures', 'layouts');
  const real = join(ROOT, 'fixtures', 'real');
  const files = [
    ...readdirSync(layouts).filter((f) => /\.(pdf|txt)$/.test(f) && !f.endsWith('.layout.txt')).map((f) => join(layouts, f)),
    ...readdirSync(real).filter((f) => f.endsWith('.rst')).map((f) => join(real, f)),
  ].sort();
  console.log(`\ngeneric extractor: ${files.length} documents of layouts no family knows, ${rounds} rounds`);
  console.log('file                                   pages  objectives  generic ms/page  pdftotext ms/page  ratio');
  let genericTotal = 0;
  let refTotal = 0;
  let pagesPdf = 0;
  for (const file of files) {
    const layout = await layoutOf(file, readFileSync(file));
    const pages = Math.max(1, layout.pages.length);
    let objectives = 0;
    const ms = msPerRound(() => (objectives = genericExtractor.extract(layout, { file }).objectives.length));
    let ref = '';
    let ratio = '';
    if (file.endsWith('.pdf') && hasPdftotext) {
      const refMs = msPerRound(() => spawnSync('pdftotext', ['-layout', file, '-']));
      genericTotal += ms;
      refTotal += refMs;
      pagesPdf += pages;
      ref = (refMs / pages).toFixed(2);
      ratio = `${(ms / refMs).toFixed(2)}x`;
    }
    console.log(`${file.split('/').pop()!.slice(0, 38).padEnd(38)} ${String(pages).padStart(5)}  ${String(objectives).padStart(10)}  ${(ms / pages).toFixed(2).padStart(15)}  ${ref.padStart(17)}  ${ratio.padStart(5)}`);
  }
  if (pagesPdf > 0) console.log(`PDFs: generic ${(genericTotal / pagesPdf).toFixed(2)} ms/page, pdftotext -layout ${(refTotal / pagesPdf).toFixed(2)} ms/page (ratio ${(genericTotal / refTotal).toFixed(2)}x)`);

  // Growth: the text exports joined and repeated; a text "page" is 50 lines here.
  const joined = readdirSync(layouts).filter((f) => f.endsWith('.txt') && !f.endsWith('.layout.txt')).map((f) => readFileSync(join(layouts, f), 'utf8').replace(/^\uFEFF/, '')).join('\n');
  console.log('\ngrowth (text exports joined, repeated):  copies   lines   ms   ms per 50 lines');
  for (const copies of [1, 10, 40]) {
    const text = Array.from({ length: copies }, () => joined).join('\n');
    const layout = await layoutOf(`repeat-${copies}.txt`, new TextEncoder().encode(text));
    const lines = layout.pages.reduce((n, p) => n + p.lines.length, 0);
    const ms = msPerRound(() => genericExtractor.extract(layout, { file: 'x' }));
    console.log(`${' '.repeat(41)}${String(copies).padStart(6)}  ${String(lines).padStart(6)}  ${ms.toFixed(1).padStart(6)}  ${((ms / lines) * 50).toFixed(3).padStart(8)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchGeneric();
