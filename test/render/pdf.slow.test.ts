/**
 * `--format pdf`: the ODT converted by LibreOffice. `.ci/run` installs
 * LibreOffice (libreoffice-writer-nogui), so CI always runs these; on a
 * machine without it they are skipped, and the message a user would get is
 * tested in plan.test.ts. Run by `npm run test:slow` (LibreOffice renders are slow).
 */
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { loadPdfJs } from '../../pipeline/ingest/pdf.js';
import { renderPlan, renderRelazione } from '../../pipeline/render/index.js';
import { findLibreOffice } from '../../pipeline/render/pdf.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { ROOT, seed } from '../helpers.js';
import { join } from 'node:path';

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    text += (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    page.cleanup();
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text };
}

describe.runIf(findLibreOffice() !== null)('PDF through LibreOffice', () => {
  it('the plan of seed 004 and the Relazione of the filled scheda become PDFs with their text', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const pdf = await pdfText((await renderPlan(plan, { format: 'pdf', outDir: null })) as Uint8Array);
    expect(pdf.pages).toBeGreaterThan(5);
    expect(pdf.text).toContain('Piano della performance');
    expect(pdf.text).toMatch(/27 — /); // the last objective's card
    const scheda = await loadPlan(join(ROOT, 'fixtures/results/003-SO02-compilata.txt'));
    const config = PiaoConfig.parse({});
    const rel = await pdfText((await renderRelazione(computeRelazione(scheda, 2024, null, config), config, { format: 'pdf', outDir: null })) as Uint8Array);
    expect(rel.text).toContain('Relazione sulla performance 2024');
    expect(rel.text).toContain('88,5%');
  }, 180_000);
});
