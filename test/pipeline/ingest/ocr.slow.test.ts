/**
 * Scans read by OCR (tesseract.js, Italian data from the npm package) against
 * the text layer of the same pages. The scans are committed fixtures made by
 * fixtures/build-scans.ts from pages of the PDF fixtures (300 dpi, skew up to
 * 1.4°, grain, specks, JPEG): their true content is the text-layer PDF.
 * The whole scans, run by `npm run test:slow`; one page is read in ocr.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../../pipeline/run.js';
import { openPdf, pageGeometry } from '../../../pipeline/ingest/pdf.js';
import type { PlanDocument } from '../../../models/plan.js';
import { ROOT } from '../../helpers.js';

const SCAN = join(ROOT, 'fixtures', 'scan');
const PDF = join(ROOT, 'fixtures', 'pdf');
const OCR_TIMEOUT = 240_000;

/** Per action (sheet, year, number): weight, deadline and staff shares. */
function actionFacts(plan: PlanDocument) {
  const facts = new Map<string, { weight: number | null; deadline: string | null; shares: (number | null)[] }>();
  for (const o of plan.objectives)
    for (const a of o.actions) facts.set(`${o.id} ${a.year} ${a.n}`, { weight: a.weight, deadline: a.deadline, shares: a.staff.map((s) => s.share) });
  return facts;
}

describe('per-page decision: text layer or OCR', () => {
  it('no page of the two long text-layer fixtures is sent to OCR', async () => {
    for (const name of ['003-schede-obiettivo.pdflib-landscape-bordered.pdf', '004-performance-organizzativa.pdflib-portrait.pdf']) {
      const doc = await openPdf(new Uint8Array(readFileSync(join(PDF, name))));
      try {
        for (let n = 1; n <= doc.numPages; n++) expect((await pageGeometry(doc, n)).ocr, `${name} p. ${n}`).toBeNull();
      } finally {
        await doc.destroy();
      }
    }
  });
});

describe('OCR of scanned schede obiettivo', () => {
  it(
    'gives the model of the text layer on sheets, actions, weights, deadlines and staff shares, within the stated tolerance',
    async () => {
      const text = await processFile(join(SCAN, '003-schede.testo.pdf'));
      const scan = await processFile(join(SCAN, '003-schede.scansione.pdf'));
      expect(text.source.ocrPages).toEqual([]);
      expect(scan.source.ocrPages).toEqual([1, 2, 3, 4, 5]);
      expect(scan.source.confidence).toBeGreaterThan(0.85);
      expect(scan.findings.some((f) => f.rule === 'ocr-used')).toBe(true);
      // Same sheets, same codes.
      expect(scan.objectives.map((o) => o.id)).toEqual(text.objectives.map((o) => o.id));
      const truth = actionFacts(text);
      const read = actionFacts(scan);
      expect(truth.size).toBe(8);
      // Tolerance: every action found, with its weight and deadline; staff shares: at most one of the six missed.
      // (Measured: 8 of 8 actions, weights and deadlines, 6 of 6 shares.)
      const found = [...truth.keys()].filter((k) => read.has(k));
      expect(found).toEqual([...truth.keys()]);
      const same = (pick: (f: { weight: number | null; deadline: string | null }) => unknown) => found.filter((k) => pick(read.get(k)!) === pick(truth.get(k)!)).length;
      expect(same((f) => f.weight)).toBe(8);
      expect(same((f) => f.deadline)).toBe(8);
      const trueShares = [...truth.values()].flatMap((f) => f.shares).filter((s) => s !== null).length;
      const sameShares = found.reduce((n, k) => n + read.get(k)!.shares.filter((s, i) => s !== null && s === truth.get(k)!.shares[i]).length, 0);
      expect(trueShares).toBe(6);
      expect(sameShares).toBeGreaterThanOrEqual(5);
      // Who takes part, as printed: no border read into a name.
      const people = (plan: PlanDocument) => plan.objectives.flatMap((o) => o.actions.flatMap((a) => a.staff.map((p) => p.who)));
      expect(new Set(people(scan))).toEqual(new Set(people(text)));
      // Nothing read wrong: every value the scan gives equals the text layer's (missing is allowed, different is not).
      for (const k of found) {
        const [r, t] = [read.get(k)!, truth.get(k)!];
        if (r.weight !== null) expect(r.weight, k).toBe(t.weight);
        if (r.deadline !== null) expect(r.deadline, k).toBe(t.deadline);
        r.shares.forEach((s, i) => s !== null && t.shares[i] !== undefined && expect(s, `${k} share ${i}`).toBe(t.shares[i]));
      }
      // Values read with low confidence are reported with page and box.
      for (const f of scan.findings.filter((x) => x.rule === 'low-confidence')) {
        expect(f.source.page).toBeGreaterThanOrEqual(1);
        expect(f.source.bbox).toHaveLength(4);
        expect(f.source.confidence).toBeLessThan(0.6);
      }
    },
    OCR_TIMEOUT,
  );
});

describe('mixed PDFs and image files', () => {
  it(
    'reads a PDF page by page: text layer, scan, scan under garbled text',
    async () => {
      const plan = await processFile(join(SCAN, '002-piao.misto.pdf'));
      expect(plan.source.pages).toBe(3);
      expect(plan.source.ocrPages).toEqual([2, 3]);
      const used = plan.findings.find((f) => f.rule === 'ocr-used')!;
      expect(used.message).toContain('pagina 2: senza testo');
      expect(used.message).toContain('pagina 3: testo illeggibile');
      expect(plan.family).toBe('piao-2.2-table');
      // Objectives from every page: the text page and both scanned ones.
      const pages = new Set(plan.objectives.map((o) => o.source.page));
      expect([...pages].sort()).toEqual([1, 2, 3]);
      expect(plan.objectives.some((o) => o.title.includes('¤'))).toBe(false);
    },
    OCR_TIMEOUT,
  );

  it(
    'reads PNG, JPEG and two-page TIFF scans of a sheet into the same objectives as the text layer, also fed on its side and upside down',
    async () => {
      const [png, jpg, tif, turned] = (await Promise.all(['004-scheda.png', '004-scheda.jpg', '004-schede.tif', '004-schede.ruotate.tif'].map((f) => processFile(join(SCAN, f))))) as [PlanDocument, PlanDocument, PlanDocument, PlanDocument];
      for (const plan of [png, jpg, tif, turned]) {
        expect(plan.source.format).toBe('image');
        expect(plan.findings.filter((f) => f.severity === 'error' && f.rule !== 'weights-sum').map((f) => f.message)).toEqual([]);
      }
      expect(png.source.ocrPages).toEqual([1]);
      expect(tif.source.ocrPages).toEqual([1, 2]);
      expect(png.objectives.map((o) => o.id)).toContain('OB02');
      expect(jpg.objectives.map((o) => o.id)).toContain('OB02');
      expect(tif.objectives.map((o) => o.id)).toEqual(expect.arrayContaining(['OB02', 'OB03']));
      // The same pages, page 1 on its side and page 2 upside down: each turned upright, the same model apart from provenance.
      const withoutSource = (plan: PlanDocument) => JSON.stringify(plan.objectives, (key, value) => (key === 'source' ? undefined : value));
      expect(withoutSource(turned)).toBe(withoutSource(tif));
      expect(turned.findings.find((f) => f.rule === 'ocr-used')!.message).toContain('pagina 1 raddrizzata di 90°; pagina 2 raddrizzata di 180°');
      expect(tif.findings.find((f) => f.rule === 'ocr-used')!.message).not.toContain('raddrizzata');
    },
    OCR_TIMEOUT,
  );

});
