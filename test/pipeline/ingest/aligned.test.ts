/**
 * Tables aligned by spaces in text (`pdftotext -layout`): rows told apart by
 * anchor columns (values that never wrap), a header over several lines kept
 * as one row, a header printed again on a new page naming the same columns.
 * Each input is a small table written here; the expected cells are read off it.
 */
import { describe, expect, it } from 'vitest';
import { ANCHOR_VALUE, anchorColumns } from '../../../pipeline/ingest/aligned.js';
import { layoutFromText } from '../../../pipeline/ingest/text.js';
import type { TextRun } from '../../../pipeline/ingest/pdf-layout.js';

/** The table rows of a text: [page, file line, cells]. */
function rows(text: string): [number, number, string[]][] {
  return layoutFromText(text).pages.flatMap((p) => p.lines.filter((l) => l.table).map((l): [number, number, string[]] => [p.number, l.line, l.cells.map((c) => c.text)]));
}

const runsOf = (lines: string[]): TextRun[][] => lines.map((t, y) => [...t.matchAll(/\S+/g)].map((m) => ({ text: m[0], x: m.index, y, w: m[0].length, h: 1 })));

describe('ANCHOR_VALUE', () => {
  it.each(['30', '4.137,93', '100 %', '>= 40', '<= -2', 'X', '-', 'n.d.', 'D.1', 'TM.1', 'S1-1_1', 'FIN.01', 'Tras_3'])('%j is a value that never wraps', (v) => {
    expect(ANCHOR_VALUE.test(v)).toBe(true);
  });
  it.each(['anno 2024-', 'Peso', '2025-2027', 'dirigenti;', '(40)', 'entro il', 'miglioramento'])('%j is not', (v) => {
    expect(ANCHOR_VALUE.test(v)).toBe(false);
  });
});

describe('anchorColumns', () => {
  it('takes a column of values under its header, not a text column holding one number', () => {
    const lines = runsOf(['Obiettivo          Tempi          Peso', 'Ridurre i tempi    anno 2024-     30', 'di pagamento       2025', 'Digitalizzare      triennio       20']);
    expect(anchorColumns(lines, [0, 19, 34])).toEqual([2]);
  });
});

describe('aligned tables in text', () => {
  it('tells rows apart by their values: a wrapped cell beside a cell that ended short stays in its row', () => {
    const text = ['Obiettivo                 Indicatore          Target', 'Ridurre i tempi medi      Giorni              30', 'di pagamento delle        medi', 'fatture', 'Digitalizzare i servizi   Servizi attivati    5', ''].join('\n');
    expect(rows(text)).toEqual([
      [1, 1, ['Obiettivo', 'Indicatore', 'Target']],
      [1, 2, ['Ridurre i tempi medi di pagamento delle fatture', 'Giorni medi', '30']],
      [1, 5, ['Digitalizzare i servizi', 'Servizi attivati', '5']],
    ]);
  });

  it('keeps a header split over two lines as one row, and a merged cell running down its row in that row', () => {
    const text = [
      'Settore/UA   Linea           Obiettivi Operativi        2024   2025',
      '             Mandato',
      'SETTORE      10-STRUTTURA    Realizzare corsi di        X      -',
      'AFFARI                       formazione secondo il',
      'GENERALI                     piano',
      '                             Attivare servizi           X      X',
      '                             digitali',
      '',
    ].join('\n');
    expect(rows(text)).toEqual([
      [1, 1, ['Settore/UA', 'Linea Mandato', 'Obiettivi Operativi', '2024', '2025']],
      [1, 3, ['SETTORE AFFARI GENERALI', '10-STRUTTURA', 'Realizzare corsi di formazione secondo il piano', 'X', '-']],
      [1, 6, ['', '', 'Attivare servizi digitali', 'X', 'X']],
    ]);
  });

  it('reads a line of years under the header as the header, and a comparison over its number as one value', () => {
    const text = [
      'Obiettivo                 Indicatore                Target',
      '                                                    2025       2026',
      'Tutela della fauna        Transetti percorsi        >= 40      >= 45',
      '                          Recinzioni consegnate     >=         >=',
      '                          agli allevatori           80%        85%',
      '',
    ].join('\n');
    expect(rows(text)).toEqual([
      [1, 1, ['Obiettivo', 'Indicatore', 'Target 2025', '2026']],
      [1, 3, ['Tutela della fauna', 'Transetti percorsi', '>= 40', '>= 45']],
      [1, 4, ['', 'Recinzioni consegnate agli allevatori', '>= 80%', '>= 85%']],
    ]);
  });

  it('follows a table over a page break by its header printed again, its columns moved: the rest of a row is a row of its own', () => {
    const text = 'Codice   Obiettivo              2024\nS1       Realizzare corsi       X\nS2       Attivare servizi di    X\n\fCodice     Obiettivo                2024\n           pagamento online\nS3         Migrare al cloud         X\n';
    const layout = layoutFromText(text);
    const ids = new Set(layout.pages.flatMap((p) => p.lines.map((l) => l.table?.id)));
    expect(ids.size).toBe(1);
    expect(rows(text)).toEqual([
      [1, 1, ['Codice', 'Obiettivo', '2024']],
      [1, 2, ['S1', 'Realizzare corsi', 'X']],
      [1, 3, ['S2', 'Attivare servizi di', 'X']],
      [2, 4, ['Codice', 'Obiettivo', '2024']],
      [2, 5, ['', 'pagamento online', '']],
      [2, 6, ['S3', 'Migrare al cloud', 'X']],
    ]);
  });

  it('does not read the table under a blank line into the last row told apart by values', () => {
    const text = [
      'Indicatori                                   2011       2012       2013',
      'Numero di controlli sulle abitazioni         70         50         50',
      'Corsi di formazione attivati                 -          5          5',
      '',
      '',
      'Fasi                                                    2012       2013',
      'Elaborazione modello',
      'Fiera del Vintage',
      '',
    ].join('\n');
    const got = rows(text);
    expect(got.slice(0, 3)).toEqual([
      [1, 1, ['Indicatori', '2011', '2012', '2013']],
      [1, 2, ['Numero di controlli sulle abitazioni', '70', '50', '50']],
      [1, 3, ['Corsi di formazione attivati', '-', '5', '5']],
    ]);
    expect(got.slice(3).map(([, line, cells]) => [line, cells[0]])).toEqual([
      [6, 'Fasi'],
      [7, 'Elaborazione modello'],
      [8, 'Fiera del Vintage'],
    ]);
  });

  it('reads a table over the blank lines a tall row leaves (a rotated cell) as one table, the line of a cell going on after them in its row', () => {
    const text = [
      'N.   Obiettivo               Personale          Peso   Importo',
      '1    Compartecipazione       dirigenti;         15     4.137,93',
      "     all'obiettivo           addetti alla",
      '     nazionale               liquidazione',
      '',
      '',
      '',
      '',
      '                             fatture',
      '2    Riqualificazione        dirigente          5      1.034,48',
      '     dei servizi             Disability',
      '3    Presenza extra          dipendenti         35     18.000,00',
      '     orario                  delle aree',
      '',
    ].join('\n');
    const layout = layoutFromText(text);
    expect(new Set(layout.pages.flatMap((p) => p.lines.filter((l) => l.table).map((l) => l.table!.id))).size).toBe(1);
    expect(rows(text)).toEqual([
      [1, 1, ['N.', 'Obiettivo', 'Personale', 'Peso', 'Importo']],
      [1, 2, ['1', "Compartecipazione all'obiettivo nazionale", 'dirigenti; addetti alla liquidazione fatture', '15', '4.137,93']],
      [1, 10, ['2', 'Riqualificazione dei servizi', 'dirigente Disability', '5', '1.034,48']],
      [1, 12, ['3', 'Presenza extra orario', 'dipendenti delle aree', '35', '18.000,00']],
    ]);
  });
});
