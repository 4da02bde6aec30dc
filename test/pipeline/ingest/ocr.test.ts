/**
 * Scans read by OCR (tesseract.js, Italian data from the npm package) against
 * the text layer of the same pages. The scans are committed fixtures made by
 * fixtures/build-scans.ts from pages of the PDF fixtures (300 dpi, skew up to
 * 1.4°, grain, specks, JPEG): their true content is the text-layer PDF.
 * Here one scanned page is read; the whole scans (sheets against their text
 * layer, the mixed PDF, PNG/JPEG/TIFF and turned pages) are in ocr.slow.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../../pipeline/run.js';
import { looksGarbled, ocrReason, openPdf, pageGeometry } from '../../../pipeline/ingest/pdf.js';
import { runsOfWords, type OcrWord } from '../../../pipeline/ingest/ocr.js';
import { layoutFromGeometry, type PageGeometry } from '../../../pipeline/ingest/pdf-layout.js';
import { ROOT } from '../../helpers.js';

const SCAN = join(ROOT, 'fixtures', 'scan');
const PDF = join(ROOT, 'fixtures', 'pdf');
const OCR_TIMEOUT = 240_000;

/** A TIFF whose page `page` (1-based) has its pixel data overwritten: that page no longer decodes, the others do. */
function damageTiffPage(bytes: Uint8Array, page: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const le = out[0] === 0x49;
  let ifd = view.getUint32(4, le);
  for (let p = 1; p < page; p++) ifd = view.getUint32(ifd + 2 + view.getUint16(ifd, le) * 12, le);
  for (let i = 0; i < view.getUint16(ifd, le); i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, le) !== 273) continue; // StripOffsets
    const offset = view.getUint16(entry + 2, le) === 3 ? view.getUint16(entry + 8, le) : view.getUint32(entry + 8, le);
    out.fill(0xff, offset, offset + 64);
  }
  return out;
}

describe('per-page decision: text layer or OCR', () => {
  it('no page of two text-layer fixtures is sent to OCR (the two long ones: ocr.slow.test.ts)', async () => {
    for (const name of ['000-legacy-piano.chromium-landscape.pdf', '002-piao-2.2.pdflib-portrait-borderless.pdf']) {
      const doc = await openPdf(new Uint8Array(readFileSync(join(PDF, name))));
      try {
        for (let n = 1; n <= doc.numPages; n++) expect((await pageGeometry(doc, n)).ocr, `${name} p. ${n}`).toBeNull();
      } finally {
        await doc.destroy();
      }
    }
  });

  it('tells scans, scans with a stamp and garbled text from real text', () => {
    const run = (text: string) => ({ text, x: 0, y: 0, w: 10, h: 10 });
    expect(ocrReason([], 1)).toBe('no-text');
    expect(ocrReason([run('Prot. n. 1234 del 12/03/2024')], 0.95)).toBe('little-text');
    expect(ocrReason([run('Prot. n. 1234 del 12/03/2024')], 0)).toBeNull();
    expect(looksGarbled('¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾ ÞßþÐð×÷ qxzkwj ÿ'.repeat(3))).toBe(true);
    expect(looksGarbled('Bcdf ghjk lmnp qrst vwxz '.repeat(4))).toBe(true);
    expect(looksGarbled("Rilevazione dei fabbisogni formativi, anche attraverso un'autovalutazione delle competenze (peso 25%)")).toBe(false);
  });
});

describe('OCR words into text runs', () => {
  const word = (text: string, confidence = 0.9): OcrWord => ({ text, x0: 0, y0: 0, x1: 40, y1: 10, lineTop: 0, lineBottom: 10, rowHeight: 10, confidence });
  // Each case is a word the OCR returned on the scan of sheets 003 (cell borders read as signs), or text that must stay.
  it.each([
    ['|]50%', '50%'],
    ['|INDICATORI', 'INDICATORI'],
    ['|50%-', '50%-'],
    ['Servizio[', 'Servizio'],
    ['[1]', '[1]'],
    ['(peso', '(peso'],
    ['25%)', '25%)'],
  ])('%s -> %s', (text, expected) => {
    expect(runsOfWords([word(text)], 1).map((r) => r.text)).toEqual([expected]);
  });
  it('drops a lone bar and doubtful specks, keeps a sure one-letter word', () => {
    expect(runsOfWords([word('|', 0.82), word('.', 0.3), word('e', 0.95)], 1).map((r) => r.text)).toEqual(['e']);
  });
});

describe('running headers of scanned pages', () => {
  // The header of the five scanned pages of sheets 003 as OCR placed it after deskewing (top, points):
  // 15.1 14.9 15.1 14.6 15.1, on both sides of the 6-point grid the text-layer match used to round to.
  const tops = [15.1, 15.1, 14.6, 15.1, 14.9];
  // Each page's first line under the header, as read from the same scan.
  const body = ['PESATURA', 'materia di riqualificazione dei', "PIANO OPERATIVO 3° ANNUALITA'", 'RILEVANZA PER CITTADINI', 'A chi è rivolto (Stakeholder)'];
  const pages: PageGeometry[] = tops.map((top, i) => ({
    number: i + 1,
    width: 841.9,
    height: 595.4,
    origin: 'ocr',
    rules: [],
    runs: [
      { text: 'Comune di Sarzana - PIAO 2024-2026 - Schede obiettivo', x: 40.3, y: top, w: 184, h: 5 },
      { text: body[i]!, x: 43, y: 43.4, w: 120, h: 6 },
    ],
  }));
  it('is dropped from every page although deskew moved it by half a point', () => {
    const layout = layoutFromGeometry(pages);
    for (const page of layout) expect(page.lines.map((l) => l.text), `pagina ${page.number}`).not.toContain('Comune di Sarzana - PIAO 2024-2026 - Schede obiettivo');
    expect(layout.map((p) => p.lines.map((l) => l.text))).toEqual(body.map((text) => [text]));
  });
  it('stays where it recurs on fewer than half of the pages, or at another height', () => {
    const moved = pages.map((p, i) => (i < 3 ? { ...p, runs: p.runs.map((r, k) => (k === 0 ? { ...r, y: 200 + i * 40 } : r)) } : p));
    expect(layoutFromGeometry(moved).filter((p) => p.lines.some((l) => l.text.startsWith('Comune di Sarzana'))).length).toBe(5);
  });
});

describe('mixed PDFs and image files', () => {
  it(
    'a TIFF with a damaged page: the good page is read, the damaged one is named, nothing else is lost',
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'piao-tiff-'));
      try {
        const file = join(work, 'schede-pagina-2-rovinata.tif');
        writeFileSync(file, damageTiffPage(new Uint8Array(readFileSync(join(SCAN, '004-schede.tif'))), 2));
        const plan = await processFile(file);
        expect(plan.source.pages).toBe(2);
        expect(plan.source.ocrPages).toEqual([1]);
        const lost = plan.findings.filter((f) => f.rule === 'format-unsupported');
        expect(lost.map((f) => [f.messageId, f.source.page, f.severity])).toEqual([['pageUndecodable', 2, 'error']]);
        expect(lost[0]!.message).toContain('La pagina 2');
        expect(lost[0]!.message).toContain('schede-pagina-2-rovinata.tif');
        expect(plan.objectives.map((o) => o.id)).toContain('OB02');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    OCR_TIMEOUT,
  );

  it('with OCR off, a scan is reported and not read, an image is refused with the reason', async () => {
    const config = { ocr: { enabled: false } };
    const scan = await processFile(join(SCAN, '003-schede.scansione.pdf'), { config });
    expect(scan.source.ocrPages).toEqual([]);
    expect(scan.findings.map((f) => [f.rule, f.messageId])).toContainEqual(['text-layer-missing', 'pages']);
    const image = await processFile(join(SCAN, '004-scheda.png'), { config });
    expect(image.findings.map((f) => [f.rule, f.messageId])).toEqual([['format-unsupported', 'ocrOff']]);
  });
});
