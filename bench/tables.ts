/**
 * `npm run bench` (part of it), or alone: `npx tsx bench/tables.ts`. The
 * table stage's cost per page on the office-made fixtures (fixtures/office:
 * word-processor PDFs, their `pdftotext -layout` and plain `pdftotext`
 * exports): the ingest readers, which find the tables (ruling lines, text
 * alignment, one cell per line), and the layout stage, which assembles them
 * into grids (header rows, repeated headers, rows split by a page break), each
 * timed over several rounds, set against `pdftotext -layout` on the PDF in
 * the same run (the cost of just getting the text out; for a text export, on
 * the PDF it was made from). Without pdftotext on the PATH the comparison is
 * skipped with a note; the costs are printed all the same.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PiaoConfig } from '../models/config.js';
import { createContext } from '../pipeline/context.js';
import { ingestStage } from '../pipeline/ingest/index.js';
import { assembleTables } from '../pipeline/layout/index.js';
import { emptyDocument } from '../pipeline/run.js';
import type { LayoutDocument } from '../models/layout.js';

const ROOT = join(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

/** The readers' layout of a file, tables marked but not assembled. */
async function ingest(path: string, bytes: Uint8Array): Promise<LayoutDocument | null> {
  const ctx = createContext(PiaoConfig.parse({ ocr: { enabled: false } }));
  const doc = emptyDocument(path);
  doc.bytes = bytes;
  doc.source.bytes = bytes.length;
  await ingestStage()(doc, ctx);
  return doc.layout;
}

/** A copy of the readers' layout to assemble (assembly marks the lines it reads). */
const copyOf = (layout: LayoutDocument): LayoutDocument => structuredClone(layout);

async function msPerRound(fn: () => unknown): Promise<number> {
  await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / rounds;
}

export async function benchTables(): Promise<void> {
  const dir = join(ROOT, 'fixtures', 'office');
  const hasPdftotext = spawnSync('which', ['pdftotext']).status === 0;
  const files = readdirSync(dir)
    .filter((f) => /\.(pdf|layout\.txt|raw\.txt)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  console.log(`\ntable stage: ${files.length} office-made files (PDF, pdftotext -layout, pdftotext), ${rounds} rounds`);
  if (!hasPdftotext) console.log('(pdftotext non trovato: confronto saltato / pdftotext not found: comparison skipped)');
  console.log('file                                          pages  tables  readers ms/page  assembly ms/page  pdftotext ms/page  ratio');
  const totals = { pdf: { piao: 0, ref: 0, pages: 0 }, text: { piao: 0, ref: 0, pages: 0 } };
  const refCache = new Map<string, number>();
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const read = await ingest(file, bytes);
    if (!read) continue;
    const pages = Math.max(1, read.pages.length);
    const readers = await msPerRound(() => ingest(file, bytes));
    const copies = Array.from({ length: rounds + 1 }, () => copyOf(read));
    let tables = 0;
    let k = 0;
    const assembly = await msPerRound(() => (tables = assembleTables(copies[k++ % copies.length]!).tables.length));
    const pdf = file.replace(/\.(layout|raw)\.txt$/, '.pdf');
    let ref = '';
    let ratio = '';
    if (hasPdftotext) {
      const refMs = refCache.get(pdf) ?? (await msPerRound(() => spawnSync('pdftotext', ['-layout', pdf, '-'])));
      refCache.set(pdf, refMs);
      // Per page of the PDF: a text export has the PDF's pages (its form feeds).
      const total = file.endsWith('.pdf') ? totals.pdf : totals.text;
      total.piao += readers + assembly;
      total.ref += refMs;
      total.pages += pages;
      ref = (refMs / pages).toFixed(2);
      ratio = `${((readers + assembly) / refMs).toFixed(2)}x`;
    }
    console.log(
      `${file.split('/').pop()!.slice(0, 45).padEnd(45)} ${String(pages).padStart(5)}  ${String(tables).padStart(6)}  ${(readers / pages).toFixed(2).padStart(15)}  ${(assembly / pages).toFixed(3).padStart(16)}  ${ref.padStart(17)}  ${ratio.padStart(5)}`,
    );
  }
  for (const [kind, t] of Object.entries(totals)) {
    if (t.pages === 0) continue;
    console.log(`${kind === 'pdf' ? 'PDFs' : 'text exports'}: readers + assembly ${(t.piao / t.pages).toFixed(2)} ms/page, pdftotext -layout ${(t.ref / t.pages).toFixed(2)} ms/page (ratio ${(t.piao / t.ref).toFixed(2)}x)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchTables();
