import { readFileSync } from 'node:fs';
import { ingestStage } from '../pipeline/ingest/index.js';
import { layoutStage } from '../pipeline/layout/index.js';
import { createContext } from '../pipeline/context.js';
import { PiaoConfig } from '../models/config.js';
import { tableGrid, headerTexts } from '../extractors/shared/tables.js';
const file = process.argv[2]!;
const doc: any = { source: { path: file, sha256: null, format: null, pages: 0, ocrPages: [], bytes: 0 }, bytes: readFileSync(file), layout: null, family: 'unknown', familyScores: {}, entity: null, period: null, scoring: null, context: [], objectives: [], findings: [], halted: false };
const ctx: any = createContext(PiaoConfig.parse({}));
await ingestStage()(doc, ctx); await layoutStage()(doc, ctx);
const L = doc.layout;
console.log('pages', L.pages.length, 'tables', L.tables.length);
for (const t of L.tables) {
  console.log(`== ${t.id} origin=${t.origin} pages=${t.pages} rows=${t.rows} cols=${t.cols} header=${t.headerRows}`);
  console.log('  H:', JSON.stringify(headerTexts(t)));
  const g = tableGrid(t);
  for (const row of g.slice(t.headerRows, t.headerRows + (Number(process.argv[3]) || 4))) console.log('  ', JSON.stringify(row.map((c) => (c ? c.text.slice(0, 25) : null))));
}
if (process.argv[4]) for (const p of L.pages) for (const l of p.lines) if (!l.table) console.log('L', p.number, l.line, JSON.stringify(l.text.slice(0, 100)));
