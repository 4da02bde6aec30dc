/**
 * Grid assembly rules of pipeline/layout/tables.ts on small hand-made tables:
 * merged cells of tables without rules, titles and numbered columns as header
 * rows, a merged ruled cell going on after a page break, a text table found
 * again on the next page; and pipeline/ingest/pdf-layout.ts's rejoining of a
 * word broken at a narrow column's edge.
 */
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine, LayoutTable } from '../../../models/layout.js';
import { joinCellLines, type TextRun } from '../../../pipeline/ingest/pdf-layout.js';
import { assembleTables, DEFAULT_TABLE_SETTINGS } from '../../../pipeline/layout/tables.js';

let lineNo = 0;
/** A table row: cells given as texts, `[text, colSpan]` or `[text, colSpan, rowSpan]`. */
function row(id: string, page: number, ...cells: (string | [string, number, number?])[]): LayoutLine {
  const out = cells.map((c, col) => {
    const [text, colSpan, rowSpan] = typeof c === 'string' ? [c, 1, 1] : [c[0], c[1], c[2] ?? 1];
    return { text, col, ...(colSpan > 1 ? { colSpan } : {}), ...(rowSpan > 1 ? { rowSpan } : {}) };
  });
  return { page, line: ++lineNo, text: out.map((c) => c.text).join('\t'), cells: out, table: { id, row: 0 } };
}
const plain = (page: number, text: string): LayoutLine => ({ page, line: ++lineNo, text, cells: [{ text, col: 0 }] });

function layout(...lines: LayoutLine[]): LayoutDocument {
  const pages = [...new Set(lines.map((l) => l.page))].map((number) => ({ number, width: null, height: null, origin: 'pdf-text' as const, lines: lines.filter((l) => l.page === number) }));
  return { pages, tables: [] };
}
const at = (t: LayoutTable, r: number, c: number) => t.cells.find((x) => x.row === r && x.col === c);

describe('tables without rules: empty leading cells under a group are that group merged down', () => {
  const doc = () =>
    assembleTables(
      layout(
        row('stream:1', 1, 'Settore', 'Obiettivo', '2024'),
        row('stream:1', 1, 'AFFARI GENERALI', 'Formazione del personale', 'X'),
        row('stream:1', 1, '', 'Sportello digitale', 'X'),
        row('stream:1', 1, '', 'Archivio', '-'),
        row('stream:1', 1, 'TRIBUTI', 'Riscossione', 'X'),
        row('stream:1', 1, '', 'Accertamenti', '-'),
      ),
    );
  it('the sector covers its three objectives, the next one its two', () => {
    const t = doc().tables[0]!;
    expect(t.headerRows).toBe(1);
    expect(at(t, 1, 0)).toMatchObject({ text: 'AFFARI GENERALI', rowSpan: 3 });
    expect(at(t, 4, 0)).toMatchObject({ text: 'TRIBUTI', rowSpan: 2 });
    expect(at(t, 2, 0)).toBeUndefined();
    expect(at(t, 2, 1)).toMatchObject({ text: 'Sportello digitale', rowSpan: 1 });
  });
  it('not in a column filled on almost every row (a numbered list over its total)', () => {
    const t = assembleTables(
      layout(
        row('stream:2', 1, 'N.', 'Obiettivo', 'Peso'),
        ...['1', '2', '3', '4', '5'].map((n) => row('stream:2', 1, `n. ${n}`, `Obiettivo ${n}`, '20%')),
        row('stream:2', 1, '', 'Totale', '100%'),
      ),
    ).tables[0]!;
    expect(at(t, 5, 0)).toMatchObject({ text: 'n. 5', rowSpan: 1 });
    expect(at(t, 6, 0)).toMatchObject({ text: '' });
  });
  it('not in ruled tables, which draw their merges', () => {
    const t = assembleTables(layout(row('lattice:1', 1, 'Settore', 'Obiettivo'), row('lattice:1', 1, 'AFFARI', 'Uno'), row('lattice:1', 1, '', 'Due'))).tables[0]!;
    expect(at(t, 1, 0)).toMatchObject({ rowSpan: 1 });
  });
  it('can be turned off', () => {
    const lines = [row('stream:3', 1, 'Settore', 'Obiettivo', 'Anno'), row('stream:3', 1, 'AFFARI', 'Uno', 'X'), row('stream:3', 1, '', 'Due', 'X')];
    const t = assembleTables(layout(...lines), { ...DEFAULT_TABLE_SETTINGS, mergeLeadingEmptyCells: false }).tables[0]!;
    expect(at(t, 1, 0)).toMatchObject({ rowSpan: 1 });
  });
});

describe('header rows', () => {
  it('a title across the table and the numbered staff columns are header rows', () => {
    const t = assembleTables(
      layout(
        row('lattice:5', 1, ['RISORSE UMANE', 6]),
        row('lattice:5', 1, 'N.', 'AZIONE', 'RESPONSABILE', '1', '2', '3'),
        row('lattice:5', 1, '1', 'Ripristino dei contenuti', 'Segretario generale', 'Rossi 50%', 'Bianchi 50%', ''),
      ),
    ).tables[0]!;
    expect(t.headerRows).toBe(2);
    expect(at(t, 0, 0)).toMatchObject({ text: 'RISORSE UMANE', colSpan: 6, header: true });
    expect(at(t, 1, 5)).toMatchObject({ text: '3', header: true });
    expect(at(t, 2, 1)).toMatchObject({ text: 'Ripristino dei contenuti', header: false });
  });
});

describe('header rows: label/value rows and labels over figures', () => {
  it('a label ending in a colon introduces its value: no header row', () => {
    const t = assembleTables(layout(row('lattice:9', 1, 'Superficie territoriale:', 'Kmq 97,45'), row('lattice:9', 1, 'Circoscrizioni:', '5'), row('lattice:9', 1, 'Famiglie:', '75.611'))).tables[0]!;
    expect(t.headerRows).toBe(0);
  });
  it('a row of long labels over a row of figures is the header', () => {
    const t = assembleTables(layout(row('lattice:10', 1, 'N. dipendenti coinvolti per il raggiungimento dell’obiettivo', 'Peso'), row('lattice:10', 1, '1', '0,50'), row('lattice:10', 1, '2', '0,60'))).tables[0]!;
    expect(t.headerRows).toBe(1);
    expect(at(t, 1, 1)).toMatchObject({ text: '0,50', header: false });
  });
});

describe('page breaks', () => {
  it('a ruled merged cell reaching the foot of a page goes on over the empty cell drawn at the head of the next', () => {
    const t = assembleTables(
      layout(
        row('lattice:7', 1, 'Settore', 'Obiettivo'),
        row('lattice:7', 1, ['AFFARI GENERALI', 1, 2], 'Uno'),
        row('lattice:7', 1, '', 'Due'),
        row('lattice:7', 2, 'Settore', 'Obiettivo'),
        row('lattice:7', 2, '', 'Tre'),
        row('lattice:7', 2, 'TRIBUTI', 'Quattro'),
      ),
    ).tables[0]!;
    expect(t.rows).toBe(5);
    expect(at(t, 1, 0)).toMatchObject({ text: 'AFFARI GENERALI', rowSpan: 3 });
    expect(at(t, 3, 1)).toMatchObject({ text: 'Tre', page: 2 });
    expect(at(t, 4, 0)).toMatchObject({ text: 'TRIBUTI', rowSpan: 1 });
  });
  it('a text table found again under its header on the next page is one table; with prose between, two', () => {
    const one = assembleTables(
      layout(row('aligned:1', 1, 'Obiettivo', 'Peso'), row('aligned:1', 1, 'Uno', '50'), plain(1, 'Pagina 1 di 2'), row('aligned:2', 2, 'Obiettivo', 'Peso'), row('aligned:2', 2, 'Due', '50')),
    );
    expect(one.tables.map((t) => [t.rows, t.pages])).toEqual([[3, [1, 2]]]);
    const two = assembleTables(
      layout(
        row('aligned:3', 1, 'Obiettivo', 'Peso'),
        row('aligned:3', 1, 'Uno', '50'),
        plain(1, 'Il responsabile verifica gli obiettivi a metà anno.'),
        plain(1, 'La tabella seguente riporta gli obiettivi del secondo settore.'),
        plain(1, 'Ogni obiettivo ha il suo peso.'),
        plain(1, 'Pagina 1 di 2'),
        row('aligned:4', 2, 'Obiettivo', 'Peso'),
        row('aligned:4', 2, 'Due', '50'),
      ),
    );
    expect(two.tables.map((t) => t.rows)).toEqual([2, 2]);
  });
});

describe('joinCellLines', () => {
  /** A line of one run of width 5 per character, 7 high, from x = 0. */
  const line = (text: string): TextRun[] => [{ text, x: 0, y: 0, w: text.length * 5, h: 7 }];
  /** A line of one run from x = 0 to `right`. */
  const ending = (text: string, right: number): TextRun[] => [{ text, x: 0, y: 0, w: right, h: 7 }];
  it('with an estimated edge, rejoins a word in capitals broken at the column edge, keeps the space after a whole word', () => {
    // `STRUTTUR` ends at 40, the column wraps at 42: one more character (5) would not have fitted.
    expect(joinCellLines([line('10-'), line('STRUTTUR'), line('A')], 42, 8, 'estimated')).toBe('10-STRUTTURA');
    // `SETTORE` is shorter than eight characters: a whole word.
    expect(joinCellLines([line('SETTORE'), line('AFFARI')], 36, 8, 'estimated')).toBe('SETTORE AFFARI');
    // Far from the edge: a whole word.
    expect(joinCellLines([line('AMMINISTRAZIONE'), line('COMUNALE')], 120, 8, 'estimated')).toBe('AMMINISTRAZIONE COMUNALE');
    // Lower case keeps its space (`Digitalizzazione` / `e` is as likely as `Digitalizzazio` / `ne`).
    expect(joinCellLines([line('Digitalizzazio'), line('ne e')], 70, 8, 'estimated')).toBe('Digitalizzazio ne e');
    // After a hyphen, as joinWrapped.
    expect(joinCellLines([line('socio-'), line('sanitari')], 200, 8, 'estimated')).toBe('socio-sanitari');
  });
  it('with a ruled edge, rejoins a word in lower case when its next letter would not have fitted', () => {
    // `Informati` ends 2 points short of the wrap edge; the `c` of `ca` (7 wide: c 500 + a 556 thousandths) is about 3.3.
    expect(joinCellLines([ending('Segreteria', 25), ending('generale/Informati', 40), [{ text: 'ca', x: 0, y: 9, w: 7, h: 7 }]], 42, 3)).toBe('Segreteria generale/Informatica');
    // `Rendicontazione` leaves 3.5 points: the `r` of `regis` (about 1.9 of its 12) would have fitted, so the break was at a space.
    expect(joinCellLines([ending('Rendicontazione', 40), [{ text: 'regis', x: 0, y: 9, w: 12, h: 7 }]], 43.5, 3)).toBe('Rendicontazione regis');
    // A line of two words: a word is broken only when it does not fit a line of its own.
    expect(joinCellLines([ending('Segreteria generale', 41.5), [{ text: 'ca', x: 0, y: 9, w: 7, h: 7 }]], 42, 3)).toBe('Segreteria generale ca');
    // A full line ending with a slash goes on without a space (`Personale/` / `Ufficio`); far from the edge it keeps it.
    expect(joinCellLines([ending('Personale/', 40), [{ text: 'Ufficio', x: 0, y: 9, w: 18, h: 7 }]], 42, 3)).toBe('Personale/Ufficio');
    expect(joinCellLines([ending('Settore/', 20), [{ text: 'Servizio', x: 0, y: 9, w: 20, h: 7 }]], 42, 3)).toBe('Settore/ Servizio');
    // Shorter than `minLetters`: whole.
    expect(joinCellLines([ending('Inf', 40), [{ text: 'ormatica', x: 0, y: 9, w: 20, h: 7 }]], 42, 4)).toBe('Inf ormatica');
  });
  it('with a ruled edge, rejoins a word in capitals only where it ends with a letter no Italian word ends with', () => {
    expect(joinCellLines([ending('STRUTTUR', 40), line('A')], 42, 3)).toBe('STRUTTURA');
    expect(joinCellLines([ending('PES', 40), line('O')], 42, 3)).toBe('PESO');
    // A whole word filling its line.
    expect(joinCellLines([ending('GESTIONE', 40), line('RISORSE,')], 42, 3)).toBe('GESTIONE RISORSE,');
    // A consonant, but room for the next letter.
    expect(joinCellLines([ending('PNRR', 30), line('MISSIONE')], 42, 3)).toBe('PNRR MISSIONE');
  });
});
