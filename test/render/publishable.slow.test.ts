/**
 * Issue 20, point 9, as LibreOffice lays it out: the plan of seed 004 and its Relazione (with the filled
 * sheet fixtures/results/004-risultati.csv) converted to PDF and read back with pdf.js. The title page has
 * no footer; page 2 is the table of contents, with page numbers LibreOffice computed, and the footer
 * «Pagina 2 di N». `.ci/run` installs LibreOffice, so CI runs these; without `soffice` on PATH they are
 * skipped, and the describe title says so. Run by `npm run test:slow`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPdfJs } from '../../pipeline/ingest/pdf.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { renderPlan, renderRelazione } from '../../pipeline/render/index.js';
import { findLibreOffice } from '../../pipeline/render/pdf.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { readResults } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';

/** Each page's text, items joined by spaces (one string per page). */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    pages.push((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '));
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

const soffice = findLibreOffice();
const title = soffice ? 'publishable PDF through LibreOffice' : 'publishable PDF through LibreOffice (skipped: LibreOffice «soffice» is not on PATH; apt-get install libreoffice-writer-nogui)';

describe.runIf(soffice !== null)(title, () => {
  const config = PiaoConfig.parse({});

  it('the plan of seed 004: title page without footer, table of contents with page numbers on page 2, «Pagina N di M» on every other page', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const pages = await pdfPages((await renderPlan(plan, { format: 'pdf', outDir: null })) as Uint8Array);
    const n = pages.length;
    expect(n).toBeGreaterThan(5);
    expect(pages[0]).toContain('Comune di Chiari');
    expect(pages[0]).toContain('Approvato con deliberazione … n. … del …');
    expect(pages[0]).not.toContain('Pagina');
    expect(pages[1]).toContain('Indice');
    expect(pages[1]).toContain(`Pagina 2 di ${n}`);
    expect(pages[1]).toContain('Piano della performance – Comune di Chiari – 2025-2027');
    // The entry of chapter 1 has the page it starts on: page 3, after the title page and the contents.
    expect(pages[1]).toMatch(/1\. Albero degli obiettivi[ .]*\b3\b/);
    expect(pages[2]).toContain('1. Albero degli obiettivi');
    // The annex entry's page number is the page where the annex starts.
    const annex = /Allegato: fonti dei dati[ .]*(\d+)/.exec(pages[1]!)?.[1];
    expect(annex).toBeDefined();
    expect(pages[Number(annex) - 1]).toContain('Allegato: fonti dei dati');
    for (let p = 2; p <= n; p++) expect(pages[p - 1], `page ${p}`).toContain(`Pagina ${p} di ${n}`);
  }, 180_000);

  it('the Relazione 2025 of seed 004: contents on page 2, the OIV block, the charts drawn', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const sheet = join(ROOT, 'fixtures/results/004-risultati.csv');
    const r = computeRelazione(plan, 2025, await readResults(sheet, plan, 2025, config), config, sheet);
    const pages = await pdfPages((await renderRelazione(r, config, { format: 'pdf', outDir: null })) as Uint8Array);
    const n = pages.length;
    expect(n).toBeGreaterThan(3);
    expect(pages[0]).toContain('Relazione sulla performance 2025');
    expect(pages[1]).toContain('Indice');
    expect(pages[1]).toContain('2.3 Performance organizzativa');
    expect(pages[1]).toContain(`Pagina 2 di ${n}`);
    const oivPage = Number(/4\. Validazione dell'OIV[ .]*(\d+)/.exec(pages[1]!)?.[1]);
    expect(pages[oivPage - 1]).toContain('Documento di validazione della Relazione sulla performance 2025');
    expect(pages[oivPage - 1]).toContain('Luogo e data:');
    // LibreOffice draws the first image of the chart's frame, the SVG: its title is text in the PDF.
    expect(pages.join(' ')).toContain('Grado di raggiungimento per unità organizzativa');
  }, 180_000);
});
