/**
 * Grid assembly rules of pipeline/layout/tables.ts on small hand-made tables:
 * merged cells of tables without rules, titles and numbered columns as header
 * rows, a merged ruled cell going on after a page break, a text table found
 * again on the next page; and pipeline/ingest/pdf-layout.ts's rejoining of a
 * word broken at a narrow column's edge.
 */
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine, LayoutTable } from '../../../models/layout.js';
import { joinCellLines, layoutFromGeometry, type Rule, type TextRun } from '../../../pipeline/ingest/pdf-layout.js';
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
  it('a first row with blank cells over columns every row below fills, and labels elsewhere, is the header', () => {
    const t = assembleTables(
      layout(
        row('lattice:14', 1, '', '', '1.Strategico (40) 2.Innovativo (25) 3.miglioramento (20) 4.mantenimento (10) 5.una tantum (5)', 'N. DIP.', 'PESO %'),
        row('lattice:14', 1, '1', ['GENERALE', 1, 2], 'miglioramento', '15', '20'),
        row('lattice:14', 1, '2', '', 'mantenimento', '5', '10'),
        row('lattice:14', 1, '3', 'INTERSETTORIALE', 'strategico', '35', ''),
      ),
    ).tables[0]!;
    expect(t.headerRows).toBe(1);
    expect(at(t, 1, 1)).toMatchObject({ text: 'GENERALE', rowSpan: 2, header: false });
    // A data row leaving a cell blank where the rows below have text is no header.
    const data = assembleTables(layout(row('lattice:15', 1, '', 'Uno', '10'), row('lattice:15', 1, 'A', 'Due', '20'), row('lattice:15', 1, 'B', 'Tre', '30'))).tables[0]!;
    expect(data.headerRows).toBe(0);
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
  it('a ruled cell at the foot of a page goes on at the head of the next while the row there starts anew: the rest of a broken word, an empty cell in a column never empty', () => {
    const t = assembleTables(
      layout(
        row('lattice:11', 1, 'Linea', 'Strategico', 'Operativo', '2024'),
        row('lattice:11', 1, ['9-LAVORI PUBBLICI', 1, 2], ['Adeguare gli strumenti', 1, 2], 'Piano di riorganizzazione', 'X'),
        row('lattice:11', 1, '', '', 'Dissesto idrogeologico', 'X'),
        row('lattice:11', 1, '10-STRUTTURA AMMINISTR', 'Perseguire la massima efficienza', 'Realizzare corsi', 'X'),
        row('lattice:11', 2, 'Linea', 'Strategico', 'Operativo', '2024'),
        row('lattice:11', 2, ['ATIVA', 1, 2], '', 'PREVENZIONE DELLA CORRUZIONE', 'X'),
        row('lattice:11', 2, '', 'Semplificare i procedimenti', 'Rispetto dei tempi', '-'),
      ),
    ).tables[0]!;
    expect(t.rows).toBe(6);
    // `AMMINISTR` ends with a letter no Italian word ends with: its rest `ATIVA` joins without a space, the cell covers rows 3 to 5.
    expect(at(t, 3, 0)).toMatchObject({ text: '10-STRUTTURA AMMINISTRATIVA', rowSpan: 3, page: 1 });
    // No cell of the strategic column is empty on its own: the empty cell at the head of page 2 is the one above going on.
    expect(at(t, 3, 1)).toMatchObject({ text: 'Perseguire la massima efficienza', rowSpan: 2 });
    expect(at(t, 4, 2)).toMatchObject({ text: 'PREVENZIONE DELLA CORRUZIONE', page: 2 });
    expect(at(t, 4, 0)).toBeUndefined();
    expect(at(t, 5, 1)).toMatchObject({ text: 'Semplificare i procedimenti', rowSpan: 1 });
  });
  it('an empty cell at the head of a page in a column with empty cells of its own, or under an acronym, is a cell of the new row', () => {
    const t = assembleTables(
      layout(
        row('lattice:12', 1, 'Operativo', 'Tipo', 'Note', '2024'),
        row('lattice:12', 1, 'Uno', 'PNRR', '', 'X'),
        row('lattice:12', 1, 'Due', '', 'Prima', 'X'),
        row('lattice:12', 2, 'Operativo', 'Tipo', 'Note', '2024'),
        row('lattice:12', 2, 'Tre', 'Digitalizzazione', '', '-'),
      ),
    ).tables[0]!;
    expect(at(t, 1, 1)).toMatchObject({ text: 'PNRR', rowSpan: 1 });
    expect(at(t, 2, 2)).toMatchObject({ text: 'Prima', rowSpan: 1 });
    expect(at(t, 3, 1)).toMatchObject({ text: 'Digitalizzazione' });
  });
  it('the rest of a row split by a page break extends the cell merged down from above over the rows it spans on the next page', () => {
    const t = assembleTables(
      layout(
        row('lattice:13', 1, 'Settore', 'Obiettivo', 'Indicatore', 'Target'),
        row('lattice:13', 1, ['SETTORE GESTIONE', 1, 2], 'Uno', 'Prima', '100 %'),
        row('lattice:13', 1, '', 'Due', 'Report degli', '5 (100%)'),
        row('lattice:13', 2, 'Settore', 'Obiettivo', 'Indicatore', 'Target'),
        row('lattice:13', 2, ['', 1, 3], '', 'interventi', ''),
        row('lattice:13', 2, '', 'Tre', 'Terza', '100 %'),
        row('lattice:13', 2, '', 'Quattro', 'Quarta', '100 %'),
      ),
    ).tables[0]!;
    expect(t.rows).toBe(5);
    expect(at(t, 2, 2)).toMatchObject({ text: 'Report degli interventi' });
    expect(at(t, 1, 0)).toMatchObject({ text: 'SETTORE GESTIONE', rowSpan: 4 });
    expect(at(t, 4, 1)).toMatchObject({ text: 'Quattro' });
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
    // Lower case keeps its space unless the line reaches the widest line of its column within a point:
    // short of it, `Digitalizzazione` / `e` is as likely as `Digitalizzazio` / `ne`.
    expect(joinCellLines([line('Digitalizzazio'), line('ne e')], 72, 8, 'estimated')).toBe('Digitalizzazio ne e');
    expect(joinCellLines([line('Digitalizzazion'), line('e e')], 75.5, 8, 'estimated')).toBe('Digitalizzazione e');
    // Reaching it, a piece ending in a vowel still keeps its space (a whole word may end there).
    expect(joinCellLines([line('Digitalizzazio'), line('ne e')], 70.5, 8, 'estimated')).toBe('Digitalizzazio ne e');
    // After a hyphen, as joinWrapped.
    expect(joinCellLines([line('socio-'), line('sanitari')], 200, 8, 'estimated')).toBe('socio-sanitari');
  });
  it('with a ruled edge, rejoins a word in lower case when its next letter would not have fitted', () => {
    // `Informatic` ends 2 points short of the wrap edge; the `a` of `a` (4 wide) would not have fitted.
    expect(joinCellLines([ending('Segreteria', 25), ending('generale/Informatic', 40), [{ text: 'a', x: 0, y: 9, w: 4, h: 7 }]], 42, 3)).toBe('Segreteria generale/Informatica');
    // A piece ending in a vowel may be a whole word filling its line (`comportamento` / `dei`): its space stays.
    expect(joinCellLines([ending('comportamento', 40), [{ text: 'dei dipendenti', x: 0, y: 9, w: 35, h: 7 }]], 42, 3)).toBe('comportamento dei dipendenti');
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

describe('ruled cells: the wrap edge is the cell\'s right rule less the padding its text keeps from the left rule', () => {
  // Two columns ruled at x 100, 150, 250 from y 100 to 160 (two rows: 100-120 header, 120-160); text 2 points from the left rules.
  const rules: Rule[] = [
    ...[100, 150, 250].map((x) => ({ x1: x, x2: x, y1: 100, y2: 160 })),
    ...[100, 120, 160].map((y) => ({ x1: 100, x2: 250, y1: y, y2: y })),
  ];
  const run = (text: string, x: number, y: number, w: number): TextRun => ({ text, x, y, w, h: 7 });
  const cells = (runs: TextRun[]) => {
    const [page] = layoutFromGeometry([{ number: 1, width: 600, height: 800, origin: 'pdf-text', runs, rules }]);
    return page!.lines.filter((l) => l.table).map((l) => l.cells.map((c) => c.text));
  };
  it('a one-word line ending within a letter of the edge (150 - 2 = 148) goes on without a space; one ending short keeps it', () => {
    const runs = [
      run('Ufficio', 102, 105, 20),
      run('Obiettivo', 152, 105, 30),
      // `Digitalizzazion` ends at 146: 2 points left, the `e` of `e e` (556 of its 1390 thousandths of 7) is about 2.8.
      run('Digitalizzazion', 102, 122, 44),
      run('e e', 102, 130, 7),
      // `Rendicontazione` ends at 200, far from 248: the break was at a space.
      run('Rendicontazione', 152, 122, 48),
      run('regis', 152, 130, 12),
    ];
    expect(cells(runs)).toEqual([
      ['Ufficio', 'Obiettivo'],
      ['Digitalizzazione e', 'Rendicontazione regis'],
    ]);
  });
});
