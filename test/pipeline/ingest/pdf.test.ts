/**
 * PDF ingestion on the committed fixture PDFs (built from the seeds by
 * fixtures/build-pdf.ts with two producers): the model from each PDF equals
 * the model from the seed text, apart from provenance; damaged PDFs give one
 * clear finding each. Each PDF model is also compared with the curated
 * expected file of its seed (one expected file per case, whatever the format).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../../pipeline/run.js';
import type { PlanDocument } from '../../../models/plan.js';
import { expectCurated, expectedFileOf } from '../../expected.js';
import { ROOT, seed } from '../../helpers.js';

const PDF = join(ROOT, 'fixtures', 'pdf');

/** Each input is read once per file: the tests that need the same model share it. */
const models = new Map<string, Promise<PlanDocument>>();
function model(path: string): Promise<PlanDocument> {
  if (!models.has(path)) models.set(path, processFile(path));
  return models.get(path)!;
}

/**
 * The model without provenance (page, line, bbox differ by construction).
 * Strings are compared with whitespace collapsed, and a hyphen at a line
 * break glued to the next word: in a printed cell `Pubblici-` / `Patrimonio`
 * cannot tell whether the source had a space after the hyphen.
 */
function comparable(plan: PlanDocument) {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).filter(([k]) => !['source', 'line', 'page', 'bbox', 'cells'].includes(k)).map(([k, x]) => [k, strip(x)]));
    if (typeof v === 'string') return v.replace(/\s+/g, ' ').replace(/(\S)- /g, '$1-').trim();
    return v;
  };
  return {
    family: plan.family,
    entity: plan.entity,
    period: plan.period,
    scoring: strip(plan.scoring),
    context: strip(plan.context),
    objectives: strip(plan.objectives),
    rules: plan.findings.map((f) => `${f.rule}/${f.messageId}`).sort(),
  };
}

const cases = [
  { pdf: '000-legacy-piano.chromium-landscape.pdf', text: seed.legacy, family: 'legacy-piano', objectives: 19, pages: 16 },
  { pdf: '002-piao-2.2.chromium-landscape-bordered.pdf', text: seed.piao22, family: 'piao-2.2-table', objectives: 137, pages: 13 },
  { pdf: '002-piao-2.2.pdflib-portrait-borderless.pdf', text: seed.piao22, family: 'piao-2.2-table', objectives: 137, pages: 9 },
  { pdf: '003-schede-obiettivo.pdflib-landscape-bordered.pdf', text: seed.schede, family: 'schede-obiettivo', objectives: 38, pages: 94 },
  { pdf: '004-performance-organizzativa.pdflib-portrait.pdf', text: seed.organizzativa, family: 'performance-organizzativa', objectives: 27, pages: 47 },
] as const;

describe('PDF with a text layer gives the same model as the text', () => {
  for (const c of cases) {
    it(c.pdf, async () => {
      const [fromText, fromPdf] = await Promise.all([model(c.text), model(join(PDF, c.pdf))]);
      expect(fromPdf.source.format).toBe('pdf');
      expect(fromPdf.source.pages).toBe(c.pages);
      expect(fromPdf.family).toBe(c.family);
      expect(fromPdf.objectives).toHaveLength(c.objectives);
      expect(comparable(fromPdf)).toEqual(comparable(fromText));
      // And the PDF agrees with the case's hand-written expectations.
      expectCurated(fromPdf, expectedFileOf(c.text));
      // Every objective points at its page and box in the PDF.
      for (const o of fromPdf.objectives) {
        expect(o.source.page, o.id).toBeGreaterThanOrEqual(1);
        expect(o.source.bbox, o.id).toHaveLength(4);
      }
    }, 60_000);
  }

  it('keeps the page and box of each action of seed 003 within its page', async () => {
    const plan = await model(join(PDF, cases[3].pdf));
    const actions = plan.objectives.flatMap((o) => o.actions);
    expect(actions).toHaveLength(129);
    for (const a of actions) {
      const [x0, y0, x1, y1] = a.source.bbox!;
      expect(x0).toBeLessThan(x1);
      expect(y0).toBeLessThan(y1);
      expect(x1).toBeLessThanOrEqual(842);
      expect(y1).toBeLessThanOrEqual(596);
    }
  }, 60_000);
});

describe('damaged PDFs: one clear finding each, never a crash', () => {
  const bad = (name: string) => join(PDF, 'bad', name);
  const only = (plan: PlanDocument) => plan.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}/${f.messageId}`);

  it.each([
    ['cifrato-password-piao.pdf', 'pdf-unreadable/passwordNeeded', /protetto da password: indicarla con --password/],
    ['troncato.pdf', 'pdf-unreadable/invalid', /danneggiato o troncato/],
    ['zero-pagine.pdf', 'pdf-unreadable/noPages', /non ha pagine/],
    ['non-pdf.pdf', 'format-unrecognized/notPdf', /ha il nome di un PDF ma non lo è \(contenuto: testo\)/],
    ['binario.pdf', 'format-unrecognized/notPdf', /ha il nome di un PDF ma non lo è/],
  ])('%s', async (name, expected, message) => {
    const plan = await processFile(bad(name));
    expect(only(plan)).toEqual([expected]);
    const finding = plan.findings.find((f) => f.severity === 'error')!;
    expect(finding.fatal).toBe(true);
    expect(finding.message).toMatch(message);
    expect(finding.message).toContain(bad(name));
    expect(plan.objectives).toEqual([]);
  });

  it('an encrypted PDF opens with --password, and a wrong password says so', async () => {
    const right = await processFile(bad('cifrato-password-piao.pdf'), { password: 'piao' });
    expect(right.family).toBe('performance-organizzativa');
    expect(right.objectives).toHaveLength(27);
    const wrong = await processFile(bad('cifrato-password-piao.pdf'), { password: 'sbagliata' });
    expect(only(wrong)).toEqual(['pdf-unreadable/passwordWrong']);
  });

  it('a PDF with damaged pages keeps what it can read and names the lost pages', async () => {
    const plan = await processFile(bad('corrotto.pdf'));
    const pageErrors = plan.findings.filter((f) => f.rule === 'pdf-unreadable');
    expect(pageErrors.length).toBeGreaterThan(0);
    for (const f of pageErrors) {
      expect(f.messageId).toBe('page');
      expect(f.fatal).toBe(false);
      expect(f.source.page).toBe(f.data.page);
    }
    expect(plan.family).toBe('performance-organizzativa');
    expect(plan.objectives.length).toBeGreaterThan(0);
    expect(plan.objectives.length).toBeLessThanOrEqual(27);
  }, 60_000);
});
