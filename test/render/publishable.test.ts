/**
 * Issue 20, point 9: the ODT plan and Relazione publishable as they are. Seed 004 (Comune di Chiari,
 * performance organizzativa 2025-2027) and its filled results sheet (fixtures/results/004-risultati.csv,
 * the oracle's sheet): a title page, a table of contents with its entries, a footer with page number fields,
 * column widths from the content, no file path or tool name in the body, provenance in an annex, the OIV's
 * validation block, and each chart as SVG with a PNG fallback in the package.
 */
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { barChart, fitText } from '../../pipeline/render/charts.js';
import { renderPlan, renderRelazione } from '../../pipeline/render/index.js';
import { svgToPng } from '../../pipeline/render/odt.js';
import { columnWidths } from '../../pipeline/render/templates.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { readResults } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';

const date = new Date('2026-01-31T09:00:00Z');
const config = PiaoConfig.parse({});
const SHEET = join(ROOT, 'fixtures/results/004-risultati.csv');

interface Odt {
  files: Record<string, Uint8Array>;
  content: string;
  styles: string;
  manifest: string;
  /** The text between the table of contents and the first annex. */
  body: string;
  /** From the annex on provenance to the end. */
  annex: string;
}

function open(bytes: Uint8Array): Odt {
  const files = unzipSync(bytes);
  const content = strFromU8(files['content.xml']!);
  const styles = strFromU8(files['styles.xml']!);
  const manifest = strFromU8(files['META-INF/manifest.xml']!);
  for (const [name, xml] of [['content.xml', content], ['styles.xml', styles], ['manifest', manifest]] as const) expect(XMLValidator.validate(xml), name).toBe(true);
  const tocEnd = content.indexOf('</text:table-of-content>');
  const annexAt = content.indexOf('<text:bookmark text:name="toc-fonti"/>');
  expect(tocEnd).toBeGreaterThan(0);
  expect(annexAt).toBeGreaterThan(tocEnd);
  const firstAnnex = content.indexOf('Allegato:', tocEnd);
  return { files, content, styles, manifest, body: content.slice(tocEnd, firstAnnex), annex: content.slice(annexAt) };
}

/** Paragraph texts of a style, markup removed. */
const paragraphs = (xml: string, style: string) =>
  [...xml.matchAll(new RegExp(`<text:p text:style-name="${style}">(.*?)</text:p>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

/** Each table's column widths in cm, by table name. */
function tableColumns(content: string): Map<string, number[]> {
  const widths = new Map([...content.matchAll(/style:name="(ColW\d+)" style:family="table-column"><style:table-column-properties style:column-width="([\d.]+)cm"/g)].map((m) => [m[1]!, Number(m[2])]));
  const out = new Map<string, number[]>();
  for (const t of content.matchAll(/<table:table table:name="([^"]+)"[^>]*>(.*?)<\/table:table>/gs)) {
    const cols = [...t[2]!.matchAll(/<table:table-column table:style-name="(ColW\d+)"\/>/g)].map((m) => widths.get(m[1]!) ?? NaN);
    out.set(t[1]!, cols);
  }
  return out;
}

let plan: Odt;
let relazione: Odt;

beforeAll(async () => {
  const doc = await loadPlan(seed.organizzativa);
  plan = open((await renderPlan(doc, { format: 'odt', outDir: ROOT, date })) as Uint8Array);
  const reading = await readResults(SHEET, doc, 2025, config);
  relazione = open((await renderRelazione(computeRelazione(doc, 2025, reading, config, SHEET), config, { format: 'odt', outDir: ROOT, date })) as Uint8Array);
}, 60_000);

describe('title page and table of contents', () => {
  it('the plan opens with the ente, the document, the period and the approving deliberation left to fill', () => {
    expect(paragraphs(plan.content, 'Cover_20_Entity')).toEqual(['Comune di Chiari']);
    expect(paragraphs(plan.content, 'Cover_20_Title')).toEqual(['Piano della performance']);
    expect(paragraphs(plan.content, 'Cover_20_Subtitle')[0]).toContain('2025-2027');
    expect(paragraphs(plan.content, 'Cover_20_Approval')).toEqual(['Approvato con deliberazione … n. … del …']);
    // The title page comes first, on its own page style (no footer), before the table of contents.
    expect(plan.content.indexOf('Cover_20_Entity">')).toBeLessThan(plan.content.indexOf('<text:table-of-content '));
    expect(plan.styles).toMatch(/style:name="Cover_20_Entity"[^>]*style:master-page-name="Cover"/);
    expect(plan.styles).toMatch(/<style:master-page style:name="Cover" style:page-layout-name="pmCover" style:next-style-name="Standard"\/>/);
  });

  it('the Relazione: ente, year, approval and OIV validation left to fill', () => {
    expect(paragraphs(relazione.content, 'Cover_20_Entity')).toEqual(['Comune di Chiari']);
    expect(paragraphs(relazione.content, 'Cover_20_Title')).toEqual(['Relazione sulla performance 2025']);
    expect(paragraphs(relazione.content, 'Cover_20_Approval')).toEqual(['Approvata con deliberazione … n. … del … – Validata dall&#x27;OIV il …']);
  });

  it('a real table of contents (chapters and objective cards) with its entries already written, each a link to a heading', () => {
    expect(plan.content).toContain('<text:table-of-content-source text:outline-level="2" text:use-index-marks="false">');
    const entries = paragraphs(plan.content, 'Contents_20_1');
    expect(entries).toEqual(['1. Albero degli obiettivi', '2. Riepilogo per unità organizzativa', '3. Schede degli obiettivi', 'Allegato: fonti dei dati']);
    // Seed 004 has 27 objectives, numbered 1 to 27 (one printed as OB16).
    const cards = paragraphs(plan.content, 'Contents_20_2');
    expect(cards).toHaveLength(27);
    expect(cards[0]).toBe('1 — Compartecipazione all\'obiettivo nazionale "Riduzione dei tempi di pagamento nelle PP.AA."'.replace(/'/g, '&#x27;').replace(/"/g, '&quot;'));
    // Every entry's page number is a reference to a bookmark that exists in the body.
    const refs = [...plan.content.matchAll(/<text:bookmark-ref text:reference-format="page" text:ref-name="([^"]+)"\/>/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(31);
    for (const ref of refs) expect(plan.content, ref).toContain(`<text:bookmark text:name="${ref}"/>`);
    expect(paragraphs(relazione.content, 'Contents_20_1')).toEqual([
      '1. Presentazione',
      '2. Sintesi dei risultati',
      '3. Il processo di misurazione e valutazione',
      '4. Validazione dell&#x27;OIV',
      'Allegato: dettaglio per obiettivo',
      'Allegato: fonti dei dati',
    ]);
    expect(paragraphs(relazione.content, 'Contents_20_2')).toEqual(['2.1 Principali risultati raggiunti', '2.2 Contesto e risorse', '2.3 Performance organizzativa', '2.4 Obiettivi individuali', '2.5 Bilancio di genere']);
  });

  it('the footer: the document and ente, «Pagina N di M» as page number fields', () => {
    const footer = /<style:master-page style:name="Standard"[^>]*>\s*<style:footer>(.*?)<\/style:footer>/s.exec(plan.styles)?.[1] ?? '';
    expect(footer).toContain('Piano della performance – Comune di Chiari – 2025-2027');
    expect(footer).toMatch(/Pagina <text:page-number text:select-page="current">\d+<\/text:page-number> di <text:page-count>\d+<\/text:page-count>/);
    expect(relazione.styles).toContain('Relazione sulla performance 2025 – Comune di Chiari<text:tab/>Pagina <text:page-number');
  });
});

describe('body and annex', () => {
  it('no file path, file name, link or tool name in the body of either document', () => {
    for (const [name, odt] of [['plan', plan], ['relazione', relazione]] as const) {
      for (const word of ['004_c815e41a38a1a3ff', '004-risultati', 'fixtures/', '.txt', '.csv', 'piao', 'xlink:href="..', 'smvp.']) expect(odt.body, `${name}: ${word}`).not.toContain(word);
    }
  });

  it('the plan\'s annex names the source file (not its folders), the tool, and links each objective to the lines it was read from', () => {
    expect(plan.annex).toContain('<text:span text:style-name="Bold">004_c815e41a38a1a3ff.txt</text:span>');
    expect(plan.annex).toMatch(/prodotto con piao \d+\.\d+\.\d+/);
    expect(plan.annex).toContain('31/01/2026');
    // Objective 1 is on lines 1739-1790 of the seed ("OBIETTIVO N. 1", its title, its indicator).
    const row1 = /<table:table-row><table:table-cell[^>]*><text:p[^>]*>1<\/text:p><\/table:table-cell>.*?<\/table:table-row>/.exec(plan.annex)?.[0] ?? '';
    const lines = [...row1.matchAll(/xlink:href="\.\.\/fixtures\/seeds\/004_c815e41a38a1a3ff\.txt">riga (\d+)<\/text:a>/g)].map((m) => Number(m[1]));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toBeGreaterThanOrEqual(1735);
      expect(line).toBeLessThanOrEqual(1800);
    }
  });

  it('the Relazione\'s annex names the plan and the sheet and where each value was read: OB01/I1 on row 2 of the sheet', () => {
    expect(relazione.annex).toContain('dal piano <text:span text:style-name="Bold">004_c815e41a38a1a3ff.txt</text:span>');
    expect(relazione.annex).toContain('dal foglio dei risultati <text:span text:style-name="Bold">004-risultati.csv</text:span>');
    const row = /<table:table-row><table:table-cell[^>]*><text:p[^>]*>1<\/text:p><\/table:table-cell><table:table-cell[^>]*><text:p[^>]*>OB01\/I1<\/text:p>.*?<\/table:table-row>/.exec(relazione.annex)?.[0] ?? '';
    expect(row).toContain('<text:a xlink:type="simple" xlink:href="../fixtures/results/004-risultati.csv">foglio dei risultati, riga 2</text:a>');
    expect(row).toMatch(/xlink:href="\.\.\/fixtures\/seeds\/004_c815e41a38a1a3ff\.txt">riga 1[78]\d\d</);
    // Row 22 (OB08/I4) has a date, but its target has no deadline: the value is not used. Row 37 (OB12/I3) is empty.
    expect(relazione.annex).toMatch(/>OB08\/I4<\/text:p>.*?>foglio dei risultati, riga 22 \(valore non usato\)<\/text:a>/);
    expect(relazione.annex).toMatch(/>OB12\/I3<\/text:p><\/table:table-cell><table:table-cell[^>]*><text:p[^>]*><text:a[^>]*>riga \d+<\/text:a><\/text:p><\/table:table-cell><table:table-cell[^>]*><text:p[^>]*>non rilevato<\/text:p>/);
    // The reading's findings are listed in the annex, not in the body: row 22's date without a deadline.
    expect(relazione.body).toContain("La lettura dei risultati ha dato 1 rilievo: vedere l'allegato «Fonti dei dati»");
    expect(relazione.body).not.toContain('Riga 22 (OB08/I4)');
    expect(relazione.annex).toMatch(/<text:p text:style-name="Text_20_body">Riga 22 \(OB08\/I4\): «30\/06\/2025» è una data di completamento/);
    // A text file has no pages to count.
    expect(relazione.annex).not.toContain('pagine');
  });

  it('the OIV\'s validation: the statement under art. 14 d.lgs. 150/2009, the checklist, the outcome, place, date and signatures', () => {
    const oiv = relazione.content.slice(relazione.content.indexOf('<text:bookmark text:name="toc-oiv"/>'), relazione.content.indexOf('<text:bookmark text:name="toc-dettaglio"/>'));
    const statement = paragraphs(oiv, 'Statement');
    expect(statement).toHaveLength(3);
    expect(statement[0]).toContain('ai sensi dell&#x27;articolo 14, comma 4, lettera c)');
    expect(statement[0]).toContain('Comune di Chiari');
    expect(statement[0]).toContain('Relazione sulla performance 2025, approvata con deliberazione … n. … del …');
    expect(statement[1]).toContain('Linee guida del Dipartimento della funzione pubblica n. 3/2018');
    expect(statement[2]).toBe('Sulla base di quanto esposto, l&#x27;OIV ☐ valida ☐ valida con le osservazioni riportate ☐ non valida la Relazione sulla performance 2025.');
    // The outcome comes after the checklist table; then place and date, then the signatures.
    expect(oiv.indexOf('table:name="Validazione"')).toBeLessThan(oiv.indexOf('Sulla base di quanto esposto'));
    const signatures = paragraphs(oiv, 'Signature');
    expect(signatures[0]).toMatch(/^Luogo e data: _{10,}$/);
    expect(signatures.slice(1)).toEqual(["L'OIV / Il Nucleo di valutazione", `Il Presidente ${'_'.repeat(30)}`, `Il componente ${'_'.repeat(30)}`, `Il componente ${'_'.repeat(30)}`]);
  });
});

describe('text from the document stays text in the footer', () => {
  it('an ente with markup and a replacement pattern', async () => {
    const doc = await loadPlan(seed.organizzativa);
    doc.entity = 'Comune <b>& $& $1</b>';
    const odt = open((await renderPlan(doc, { format: 'odt', outDir: null, date })) as Uint8Array);
    expect(odt.styles).toContain('Piano della performance – Comune &#60;b&#62;&#38; $&#38; $1&#60;/b&#62; – 2025-2027<text:tab/>');
  });
});

describe('counts in Italian', () => {
  it('one objective, one indicator, one action: singular nouns', async () => {
    const doc = await loadPlan(seed.organizzativa);
    const o = doc.objectives[0]!;
    o.indicators = o.indicators.slice(0, 1);
    o.actions = o.actions.slice(0, 1);
    doc.objectives = [o];
    const odt = open((await renderPlan(doc, { format: 'odt', outDir: null, date })) as Uint8Array);
    expect(odt.body).toContain('>1 obiettivo, 1 indicatore, 1 azione.</text:p>');
  });
});

describe('tables and charts', () => {
  it('every table fills the 17,4 cm line, columns sized by what they hold', () => {
    for (const [name, odt] of [['plan', plan], ['relazione', relazione]] as const) {
      const tables = tableColumns(odt.content);
      expect(tables.size, name).toBeGreaterThan(5);
      for (const [table, cols] of tables) {
        expect(cols.length, `${name} ${table}`).toBeGreaterThan(1);
        expect(cols.reduce((a, b) => a + b, 0), `${name} ${table}`).toBeCloseTo(17.4, 5);
      }
      expect(odt.content, name).not.toContain('table:number-columns-repeated'); // no table split in equal columns
    }
    // The plan's actions: N., Anno, Peso, Azione / fase, Scadenza, Indicatore e risultato atteso, Personale.
    const actions = tableColumns(plan.content).get('Azioni_0')!;
    expect(actions[3]).toBeGreaterThanOrEqual(4);
    expect(actions[0]).toBeLessThan(1);
    expect(actions[4]).toBeGreaterThanOrEqual(2); // a date on one line
    // The Relazione's results by objective: the objective's title is the widest column.
    const objectives = tableColumns(relazione.content).get('Obiettivi')!;
    expect(Math.max(...objectives)).toBe(objectives[0]);
    expect(objectives[0]).toBeGreaterThanOrEqual(5);
  });

  it('column widths: proportional to the kinds, never under a kind\'s minimum, in whole millimetres summing to 174', () => {
    expect(columnWidths(['text', 'text'])).toEqual([87, 87]);
    expect(columnWidths(['text', 'num'])).toEqual([136, 38]); // 6 : 1,7
    // Six dates would get 19,9 mm each (2,2 : 6): each gets its 20 mm, taken from the text column.
    expect(columnWidths(['text', ...Array(6).fill('date')])).toEqual([54, 20, 20, 20, 20, 20, 20]);
    expect(columnWidths(Array(20).fill('date')).reduce((a, b) => a + b, 0)).toBe(174);
    expect(columnWidths(['no-such-kind', 'name'])).toEqual([87, 87]);
    expect(columnWidths([])).toEqual([]);
  });

  it('each chart is an SVG with a PNG fallback: both in the package and the manifest, both images in the frame', () => {
    for (const chart of ['unita', 'fasce']) {
      const png = relazione.files[`Pictures/${chart}.png`]!;
      expect(Buffer.from(png.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
      expect(relazione.manifest).toContain(`<manifest:file-entry manifest:full-path="Pictures/${chart}.png" manifest:media-type="image/png"/>`);
      expect(relazione.manifest).toContain(`<manifest:file-entry manifest:full-path="Pictures/${chart}.svg" manifest:media-type="image/svg+xml"/>`);
      expect(relazione.content).toMatch(new RegExp(`<draw:frame draw:name="${chart}.svg"[^>]*><draw:image xlink:href="Pictures/${chart}.svg"[^>]*draw:mime-type="image/svg\\+xml"/><draw:image xlink:href="Pictures/${chart}.png"[^>]*draw:mime-type="image/png"/></draw:frame>`));
    }
    // The PNG is drawn at twice the SVG size: the units chart is 650 px wide (17,2 cm, within the 17,4 cm line).
    const png = relazione.files['Pictures/unita.png']!;
    expect(Buffer.from(png.subarray(16, 20)).readUInt32BE(0)).toBe(1300);
    expect(relazione.content).toContain('<draw:frame draw:name="unita.svg" text:anchor-type="as-char" svg:width="17.20cm"');
  });

  it('a chart keeps to a page: 10 units at 22 px a row, 60 units in thinner rows; labels cut to fit; a huge chart\'s PNG is capped', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, k) => ({ label: `SETTORE ${k} – AREA SERVIZI DEMOGRAFICI, STATO CIVILE, ELETTORALE E LEVA`, percent: k }));
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height(barChart('t', rows(10)))).toBe(30 + 10 * 22 + 24);
    expect(height(barChart('t', rows(60)))).toBeLessThanOrEqual(870);
    expect(barChart('t', rows(1))).toContain('…</text>'); // the long unit name is cut with an ellipsis
    expect(fitText('Segreteria', 300, 11)).toBe('Segreteria');
    expect(fitText('A'.repeat(100), 68, 10)).toBe(`${'A'.repeat(9)}…`); // 0,68 × 10 px a capital: 9 and the ellipsis in 68 px
    const png = svgToPng(barChart('t', rows(2000)))!;
    const w = Buffer.from(png.subarray(16, 20)).readUInt32BE(0);
    const h = Buffer.from(png.subarray(20, 24)).readUInt32BE(0);
    expect(w * h).toBeLessThanOrEqual(12_000_000 + w + h);
    expect(w).toBeGreaterThan(500);
    expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><broken')).toBeNull();
  });
});
