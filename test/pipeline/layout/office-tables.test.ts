/**
 * The tables of the office-made fixtures (fixtures/layouts, issue 17), as read
 * from the PDF and from its `pdftotext -layout` export: structure checked by
 * hand against the document (rows, columns, header rows, header texts, a few
 * cells with their spans).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headerTexts, tableGrid } from '../../../extractors/shared/tables.js';
import type { LayoutDocument, LayoutTable } from '../../../models/layout.js';
import { ROOT } from '../../helpers.js';
import { readLayout } from '../../../pipeline/run.js';

const LAYOUTS = join(ROOT, 'fixtures', 'layouts');

async function layoutOf(name: string): Promise<LayoutDocument> {
  const path = join(LAYOUTS, name);
  return (await readLayout(path, readFileSync(path), { config: { ocr: { enabled: false } } }))!;
}

/** The text at a grid position (a merged cell at every position it covers). */
const at = (table: LayoutTable, row: number, col: number) => tableGrid(table)[row]![col]?.text ?? null;
/** The cell anchored at a position. */
const cell = (table: LayoutTable, row: number, col: number) => table.cells.find((c) => c.row === row && c.col === col);
const shape = (t: LayoutTable) => ({ rows: t.rows, cols: t.cols, headerRows: t.headerRows, pages: t.pages });
const PEG_HEADER = ['Descrizione obiettivo', 'Peso obiettivo', 'Indicatori', 'Peso indicatori', 'Valore atteso annuale', 'Valore atteso revisionato', 'Consuntivo'];

describe('01-peg-direzione.pdf: two ruled tables, the second split by the page break', () => {
  let layout: LayoutDocument;
  beforeAll(async () => {
    layout = await layoutOf('01-peg-direzione.pdf');
  });
  it('has two tables of 9 columns and one header row', () => {
    expect(layout.tables.map(shape)).toEqual([
      { rows: 12, cols: 9, headerRows: 1, pages: [1] },
      // header, LLPP.01 (2 indicators), LLPP.02 (2), LLPP.03 (1), TOTALE
      { rows: 7, cols: 9, headerRows: 1, pages: [1, 2] },
    ]);
    for (const t of layout.tables) expect(headerTexts(t).slice(0, 7)).toEqual(PEG_HEADER);
  });
  it('keeps the row split over the two pages one row, its merged cells spanning the indicators', () => {
    const t2 = layout.tables[1]!;
    expect(cell(t2, 1, 0)).toMatchObject({ rowSpan: 2, page: 1, text: 'LLPP.01 - Realizzazione degli interventi finanziati dal PNRR sugli edifici scolastici (Missione 4 Componente 1) nel rispetto dei cronoprogrammi ministeriali' });
    expect(cell(t2, 1, 1)).toMatchObject({ rowSpan: 2, text: '40' });
    expect(at(t2, 1, 2)).toBe('Lavori della scuola primaria "G. Rodari" collaudati');
    expect(at(t2, 1, 4)).toBe('entro il 30.06.2025');
    expect(at(t2, 1, 5)).toBe('entro il 31.07.2025');
    expect(at(t2, 2, 2)).toBe("Stato di avanzamento della scuola dell'infanzia di via dei Tigli");
    expect(at(t2, 2, 3)).toBe('50');
    expect(cell(t2, 2, 2)!.page).toBe(2);
  });
  it('repeats the header on page 2 without a grid row of its own', () => {
    const repeated = layout.pages[1]!.lines.filter((l) => l.table?.repeatedHeader);
    expect(repeated.map((l) => l.table)).toEqual([{ id: 't2', row: 0, repeatedHeader: true }]);
  });
  it('leaves the line under the table (the signature) out of the last row', () => {
    const t2 = layout.tables[1]!;
    expect([at(t2, 6, 0), at(t2, 6, 1), at(t2, 6, 2)]).toEqual(['TOTALE', '100', '']);
    expect(layout.pages[1]!.lines.some((l) => !l.table && l.text === 'Il Segretario generale - Dott. Massimo Oliveri')).toBe(true);
  });
  it('first table: objectives merged over their indicators', () => {
    const t1 = layout.tables[0]!;
    expect(cell(t1, 1, 0)).toMatchObject({ rowSpan: 3 });
    expect(at(t1, 3, 2)).toBe('Circolare operativa agli uffici sul nuovo flusso di liquidazione');
    expect(at(t1, 3, 4)).toBe('entro il 31.03.2025');
    expect([at(t1, 11, 0), at(t1, 11, 1)]).toEqual(['TOTALE', '100']);
  });
});

describe('02-gantt-obiettivi.pdf: Gantt grids', () => {
  let layout: LayoutDocument;
  beforeAll(async () => {
    layout = await layoutOf('02-gantt-obiettivi.pdf');
  });
  it('reads the borderless list of objectives as 3 columns (N. | Obiettivo | Peso), the weights under Peso', () => {
    const t1 = layout.tables[0]!;
    expect(t1.origin).toBe('stream');
    expect(shape(t1)).toEqual({ rows: 12, cols: 3, headerRows: 1, pages: [1] });
    expect(headerTexts(t1)).toEqual(['N.', 'Obiettivo', 'Peso']);
    expect([at(t1, 1, 0), at(t1, 1, 1), at(t1, 1, 2)]).toEqual(['n. 0', 'Attuazione delle misure di prevenzione della corruzione e della trasparenza', '5%']);
    expect([at(t1, 11, 0), at(t1, 11, 1), at(t1, 11, 2)]).toEqual(['', 'Totale', '100%']);
  });
  it('has ten Gantt grids of 14 columns (Azioni / fasi, twelve months, Scadenza)', () => {
    const grids = layout.tables.slice(1);
    expect(grids).toHaveLength(10);
    for (const g of grids) expect([g.origin, g.cols, g.headerRows, headerTexts(g)[13]]).toEqual(['lattice', 14, 1, 'Scadenza']);
  });
  it('joins the phase split by the page break 2 -> 3 into one row, the lines under the grid left out', () => {
    const grid = layout.tables.find((t) => at(t, 1, 0)?.startsWith('Rilievo GPS'))!;
    expect(shape(grid)).toEqual({ rows: 2, cols: 14, headerRows: 1, pages: [2, 3] });
    expect(at(grid, 1, 0)).toBe("Rilievo GPS dei sentieri e pubblicazione sul portale dell'Unione");
    expect(at(grid, 1, 13)).toBe('entro il 30.11.2025');
    expect(layout.pages[2]!.lines.some((l) => !l.table && l.text.startsWith('Responsabile:'))).toBe(true);
  });
});

describe('07-albero-target-triennali.pdf: a tree in merged cells under a two-row header', () => {
  let layout: LayoutDocument;
  beforeAll(async () => {
    layout = await layoutOf('07-albero-target-triennali.pdf');
  });
  it('is one table of 8 columns, 2 header rows (Target over the three years), 14 indicator rows', () => {
    expect(layout.tables.map(shape)).toEqual([{ rows: 16, cols: 8, headerRows: 2, pages: [1, 2] }]);
    const t = layout.tables[0]!;
    expect(headerTexts(t)).toEqual(['Obiettivo strategico', 'Obiettivo generale', 'Obiettivo operativo', 'Risultato atteso', 'Indicatore', 'Target 2025', 'Target 2026', 'Target 2027']);
    expect(cell(t, 0, 5)).toMatchObject({ colSpan: 3, header: true, text: 'Target' });
    expect(cell(t, 0, 0)).toMatchObject({ rowSpan: 2, header: true });
  });
  it('keeps the merged tree cells as data, spanning their indicators', () => {
    const t = layout.tables[0]!;
    expect(cell(t, 2, 0)).toMatchObject({ rowSpan: 4, header: false, text: 'S1 - Tutela della biodiversità e degli habitat' });
    expect(cell(t, 2, 1)).toMatchObject({ rowSpan: 3, text: 'G1.1 - Conservazione delle specie protette' });
    expect(cell(t, 6, 0)).toMatchObject({ rowSpan: 5 });
    expect([at(t, 2, 4), at(t, 2, 5), at(t, 2, 7)]).toEqual(['Transetti di monitoraggio percorsi', '>= 40', '>= 50']);
    expect(at(t, 3, 5)).toBe('entro il 31/12');
  });
  it('joins the row split by the page break, its tree cells spanning both indicators of page 2', () => {
    const t = layout.tables[0]!;
    expect(cell(t, 14, 0)).toMatchObject({ rowSpan: 2, page: 1, text: 'S4 - Valorizzazione del personale e del volontariato' });
    expect(at(t, 14, 4)).toBe('Ore di formazione per dipendente');
    expect([at(t, 15, 4), at(t, 15, 5), at(t, 15, 0)]).toEqual(['Guardie volontarie abilitate', '25', 'S4 - Valorizzazione del personale e del volontariato']);
    expect(layout.pages[1]!.lines.filter((l) => l.table?.repeatedHeader).map((l) => l.table!.row)).toEqual([0, 1]);
  });
});

describe('10-universita-ambiti.pdf: borderless, header ruled off, over a page break', () => {
  let layout: LayoutDocument;
  beforeAll(async () => {
    layout = await layoutOf('10-universita-ambiti.pdf');
  });
  it('is one table of 8 columns over both pages, its header (wrapped over three lines) one row, repeated on page 2', () => {
    expect(layout.tables.map(shape)).toEqual([{ rows: 17, cols: 8, headerRows: 1, pages: [1, 2] }]);
    const t = layout.tables[0]!;
    expect(headerTexts(t)).toEqual(['Codice', 'Obiettivo strategico', 'Indicatore', 'Unità di misura', 'Baseline 2024', 'Target 2025', 'Target 2026', 'Target 2027']);
    expect(layout.pages[1]!.lines.filter((l) => l.table?.repeatedHeader).map((l) => l.table)).toEqual([{ id: 't1', row: 0, repeatedHeader: true }]);
  });
  it('reads AMBITO rows as one cell over all columns', () => {
    const t = layout.tables[0]!;
    expect([1, 7, 12].map((r) => cell(t, r, 0))).toMatchObject([
      { colSpan: 8, text: 'AMBITO: DIDATTICA' },
      { colSpan: 8, text: 'AMBITO: RICERCA' },
      { colSpan: 8, text: 'AMBITO: TERZA MISSIONE' },
    ]);
  });
  it('keeps units and values in their columns, the second indicator of an objective with its code and no objective', () => {
    const t = layout.tables[0]!;
    expect([at(t, 2, 0), at(t, 2, 1), at(t, 2, 3), at(t, 2, 4), at(t, 2, 7)]).toEqual([
      'D.1',
      'Ridurre gli abbandoni tra il primo e il secondo anno',
      '%',
      '76,5',
      '81,0',
    ]);
    expect([at(t, 3, 0), at(t, 3, 1), at(t, 3, 2)]).toEqual(['D.1', '', 'Studenti che proseguono al II anno avendo acquisito almeno 40 CFU']);
    expect([at(t, 8, 3), at(t, 8, 4)]).toEqual(['milioni di euro', '6,8']);
  });
  it('joins the objective cut by the page break into its row of page 1, the next row of page 2 apart', () => {
    const t = layout.tables[0]!;
    expect([at(t, 13, 0), at(t, 13, 1), at(t, 13, 2), at(t, 13, 4)]).toEqual(['TM.1', 'Valorizzare i risultati della ricerca', 'Brevetti depositati', '5']);
    expect([at(t, 14, 0), at(t, 14, 1), at(t, 14, 2), at(t, 14, 4)]).toEqual(['TM.1', '', 'Spin-off accreditati attivi', '9']);
    expect(cell(t, 14, 2)!.page).toBe(2);
  });
});

describe.each([
  ['05-pdo-missione-programma.pdf', 10, '● Adozione del nuovo applicativo per la gestione digitale degli atti - peso 40% - entro il 31/03/2025'],
  ['08-outline-risultati-attesi.pdf', 17, '● Target 2025 - 120 punti di facilitazione attivi sul territorio regionale'],
])('%s: bulleted lists are lines, not tables', (name, bullets, first) => {
  let layout: LayoutDocument;
  beforeAll(async () => {
    layout = await layoutOf(name);
  });
  it('has no table; each bullet item is one line of one cell, the glyph before its text', () => {
    expect(layout.tables).toEqual([]);
    const items = layout.pages.flatMap((p) => p.lines).filter((l) => l.text.startsWith('● '));
    expect(items).toHaveLength(bullets);
    expect(items[0]!.text).toBe(first);
    for (const l of items) expect(l.cells).toHaveLength(1);
  });
});
