/** `piao render plan`: every seed in every format, Italian conventions, links to the source, escaping, ODT packaging. */
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../models/plan.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { renderPlan } from '../../pipeline/render/index.js';
import { formatDate, formatEuro, formatNumber } from '../../pipeline/render/italian.js';
import { odtToPdf, RenderError } from '../../pipeline/render/pdf.js';
import { escapeMarkdown } from '../../pipeline/render/templates.js';
import { ROOT, seed } from '../helpers.js';

const date = new Date('2026-01-31T09:00:00Z');
const seeds = { legacy: seed.legacy, piao22: seed.piao22, schede: seed.schede, organizzativa: seed.organizzativa };

/** The content.xml of an .odt, after checking the package shape ODF requires. */
function odtContent(bytes: Uint8Array): string {
  const entries = unzipSync(bytes);
  expect(Object.keys(entries)[0]).toBe('mimetype');
  expect(strFromU8(entries.mimetype!)).toBe('application/vnd.oasis.opendocument.text');
  // The mimetype is stored, not compressed: its bytes sit in the clear right after the first local header.
  expect(Buffer.from(bytes.subarray(38, 38 + 39)).toString('latin1')).toBe('application/vnd.oasis.opendocument.text');
  for (const name of ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']) {
    expect(XMLValidator.validate(strFromU8(entries[name]!)), name).toBe(true);
  }
  return strFromU8(entries['content.xml']!);
}

describe('Italian conventions', () => {
  it.each([
    [1234.56, '1.234,56'],
    [1234, '1.234'],
    [0.5, '0,5'],
    [-1, '-1'],
    [1234567.891, '1.234.567,89'],
  ])('%s -> %s', (n, text) => expect(formatNumber(n)).toBe(text));
  it('dates and amounts', () => {
    expect(formatDate('2024-06-30')).toBe('30/06/2024');
    expect(formatDate('entro il 2024')).toBe('entro il 2024');
    expect(formatEuro(4137.93)).toBe('€ 4.137,93');
    expect(formatEuro(500)).toBe('€ 500,00');
  });
});

describe('counts in Italian', () => {
  it('one objective, one indicator, one page: singular forms in html and md; a PDF of 9 pages: plural', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'piao-one-')), 'piano.txt');
    writeFileSync(file, 'Comune di Prova\nPiano della performance 2025-2027\n\nObiettivo n. 1 – Digitalizzare le pratiche edilizie\nIndicatore: pratiche presentate online\nTarget 2025: 80%\n');
    const one = await loadPlan(file);
    for (const format of ['html', 'md'] as const) {
      const text = (await renderPlan(one, { format, outDir: ROOT, date })) as string;
      expect(text, format).toContain('1 obiettivo, 1 indicatore, 0 azioni.');
      expect(text, format).toMatch(/, 1 pagina\)/);
    }
    const pdf = await loadPlan(join(ROOT, 'fixtures', 'office', '002-piao.bordered-landscape.pdf'));
    expect((await renderPlan(pdf, { format: 'md', outDir: ROOT, date })) as string).toMatch(/, 9 pagine\)/);
  });
});

describe.each(Object.entries(seeds))('render plan: seed %s', (_name, file) => {
  it('html, md and odt show every objective with its code, and every number in Italian form', async () => {
    const plan = await loadPlan(file);
    const html = (await renderPlan(plan, { format: 'html', outDir: ROOT, date })) as string;
    const md = (await renderPlan(plan, { format: 'md', outDir: ROOT, date })) as string;
    const content = odtContent((await renderPlan(plan, { format: 'odt', outDir: ROOT, date })) as Uint8Array);
    for (const o of plan.objectives) {
      const code = o.code ?? o.id;
      expect(html).toContain(`id="ob-${o.id.replace(/[^A-Za-z0-9_-]/g, '_')}"`);
      expect(html).toContain(`>${code.replace(/&/g, '&amp;')}</a>`);
      expect(md).toContain(`**${escapeMarkdown(code)}**`);
      expect(content).toContain(`<text:bookmark text:name="ob-${o.id.replace(/[^A-Za-z0-9_-]/g, '_')}"/>`);
    }
    expect(html).toContain('generato da piao');
    expect(html).toContain('31/01/2026');
    // No ISO date and no decimal point leaks into the documents' figures.
    expect(html).not.toMatch(/>\d{4}-\d{2}-\d{2}</);
    expect(html).not.toMatch(/>-?\d+\.\d{1,2}%?</); // a decimal point (1.234 is a thousands separator)
  });
});

describe('render plan: content', () => {
  it('seed 003 (schede): action weights, deadlines and staff shares as printed, PEG amounts in euro', async () => {
    const plan = await loadPlan(seed.schede);
    const html = (await renderPlan(plan, { format: 'html', outDir: join(ROOT, 'out'), date })) as string;
    const so01 = html.slice(html.indexOf('id="ob-SO01"'), html.indexOf('id="ob-SO02"'));
    expect(so01).toContain('Segreteria generale');
    const a = plan.objectives[0]!.actions[0]!;
    expect(so01).toContain(`href="../fixtures/seeds/003_c478a5ea033ad6cc.txt" title="fonte: riga ${a.source.line}">50%</a>`);
    expect(so01).toContain('>31/12/2024</a>');
    const budget = plan.objectives.flatMap((o) => o.budget).find((b) => b.amount !== null && b.amount >= 1000)!;
    expect(html).toContain(formatEuro(budget.amount!));
  });

  it('seed 002 (PIAO 2.2): the tree goes mandate line -> strategic -> operational -> gestionale', async () => {
    const plan = await loadPlan(seed.piao22);
    const md = (await renderPlan(plan, { format: 'md', outDir: null, date })) as string;
    const tree = md.slice(md.indexOf('## 1.'), md.indexOf('## 2.'));
    expect(tree).toMatch(/^- \*\*10\*\* — STRUTTURA AMMINISTRATIVA _\(Linea di mandato\)_$/m);
    expect(tree).toMatch(/^ {2}- \*\*ST1\*\* — .* _\(Obiettivo strategico\)_$/m);
    expect(tree).toMatch(/^ {4}- \*\*OP1\*\* — .* _\(Obiettivo operativo\)_$/m);
    expect(tree).toMatch(/^ {6}- \*\*Tras\\_2\*\* — .* _\(Obiettivo gestionale\)_$/m);
    expect(tree.split('\n').filter((l) => l.includes('- **')).length).toBe(plan.objectives.length);
  });

  it('a PDF source: each number links to its page (#page=N)', async () => {
    const pdf = join(ROOT, 'fixtures/pdf/004-performance-organizzativa.pdflib-portrait.pdf');
    const plan = await loadPlan(pdf);
    const html = (await renderPlan(plan, { format: 'html', outDir: join(ROOT, 'fixtures'), date })) as string;
    const a = plan.objectives[1]!.actions[0]!; // OB02's first phase (the 47-page PDF reads in a quarter of the time of the 94-page one)
    expect(a.source.page).toBeGreaterThan(1);
    expect(html).toContain(`href="./pdf/004-performance-organizzativa.pdflib-portrait.pdf#page&#x3D;${a.source.page}"`); // "=" escaped, as every attribute value
    // In the ODT the same link is relative to the package: one more "../".
    const content = odtContent((await renderPlan(plan, { format: 'odt', outDir: join(ROOT, 'fixtures'), date })) as Uint8Array);
    expect(content).toContain(`xlink:href="../pdf/004-performance-organizzativa.pdflib-portrait.pdf#page&#x3D;${a.source.page}"`);
  });
});

describe('render plan: text from a document never becomes markup', () => {
  const hostile = '<script>alert(1)</script> [clic](javascript:alert(2)) **forte** | a & b';
  async function hostilePlan(): Promise<PlanDocument> {
    const plan = await loadPlan(seed.schede);
    const o = plan.objectives[0]!;
    o.title = hostile;
    o.unit = '<img src=x onerror=alert(3)>';
    o.actions[0]!.text = hostile;
    plan.source.path = 'javascript:alert(4)';
    return plan;
  }

  it('html: escaped, and links to the source cannot carry a javascript: URL', async () => {
    const html = (await renderPlan(await hostilePlan(), { format: 'html', outDir: null, date })) as string;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain('href="./javascript%3Aalert(4)"');
    expect(html).toContain("default-src 'none'");
  });

  it('md: every markup character is escaped', async () => {
    const md = (await renderPlan(await hostilePlan(), { format: 'md', outDir: null, date })) as string;
    expect(md).toContain('\\<script\\>alert\\(1\\)\\</script\\> \\[clic\\]\\(javascript:alert\\(2\\)\\) \\*\\*forte\\*\\* \\| a \\& b');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('[clic](');
  });

  it('odt: the content stays well-formed XML with the text as text', async () => {
    const content = odtContent((await renderPlan(await hostilePlan(), { format: 'odt', outDir: null, date })) as Uint8Array);
    expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('render plan: PDF needs LibreOffice', () => {
  it('without it, a clear Italian message says what to install or which format to use instead', async () => {
    const plan = await loadPlan(seed.schede);
    const odt = (await renderPlan(plan, { format: 'odt', outDir: null, date })) as Uint8Array;
    await expect(odtToPdf(odt, { PATH: '' })).rejects.toThrow(RenderError);
    await expect(odtToPdf(odt, { PATH: '' })).rejects.toThrow(/LibreOffice.*non è installato.*--format odt/);
  });
});

describe('render plan: input', () => {
  it('an extracted JSON renders like the document it came from; a broken JSON is a clear error', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'piao-render-'));
    const plan = await loadPlan(seed.organizzativa);
    writeFileSync(join(dir, 'modello.json'), JSON.stringify(plan));
    const fromJson = await loadPlan(join(dir, 'modello.json'));
    expect(await renderPlan(fromJson, { format: 'md', outDir: null, date })).toBe(await renderPlan(plan, { format: 'md', outDir: null, date }));
    writeFileSync(join(dir, 'rotto.json'), JSON.stringify({ ...plan, objectives: 'nessuno' }));
    await expect(loadPlan(join(dir, 'rotto.json'))).rejects.toThrow(/rotto\.json: non è un modello estratto da piao.*\n\s+objectives:/);
  });
});
