import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../pipeline/ingest/index.js';
import { layoutFromText } from '../../../pipeline/ingest/text.js';
import { assembleTables } from '../../../pipeline/layout/tables.js';
import { headerTexts, tableGrid } from '../../../extractors/shared/tables.js';
import type { LayoutDocument, LayoutTable } from '../../../models/layout.js';

const layouts = new URL('../../../fixtures/layouts/', import.meta.url);
const seeds = new URL('../../../fixtures/seeds/', import.meta.url);

function read(url: URL): LayoutDocument {
  return assembleTables(layoutFromText(decodeText(readFileSync(url)).text));
}
const fromText = (text: string): LayoutDocument => assembleTables(layoutFromText(text));
const linearized = (layout: LayoutDocument): LayoutTable[] => layout.tables.filter((t) => t.origin === 'linearized');
const cell = (t: LayoutTable, row: number, col: number) => tableGrid(t)[row]![col];

/** Shape of a table: rows (header rows included), columns, header rows. */
const shape = (t: LayoutTable): string => `${t.rows}x${t.cols}/h${t.headerRows}`;

describe('linearized tables in the LibreOffice text exports of the layout fixtures', () => {
  it.each([
    ['01-peg-direzione', ['12x9/h1', '7x9/h1']],
    ['02-gantt-obiettivi', ['12x3/h1', '3x14/h1', '4x14/h1', '3x14/h1', '4x14/h1', '3x14/h1', '3x14/h1', '3x14/h1', '3x14/h1', '2x14/h1', '3x14/h1']],
    ['03-matrice-dirigenti', ['11x6/h2']],
    ['04-prospetto-colonne-strette', ['19x9/h1']],
    ['06-relazione-obiettivo-n', ['2x4/h1', '2x4/h1', '2x4/h1', '2x4/h1', '2x4/h1']],
    ['07-albero-target-triennali', ['16x8/h2']],
    ['09-asl-scheda-budget', ['7x2/h0', '7x2/h0', '7x2/h0', '7x2/h0', '7x2/h0', '7x2/h0']],
    ['10-universita-ambiti', ['17x8/h1']],
    ['11-regione-codici-ob', ['12x6/h1']],
  ])('%s: tables %j', (name, shapes) => {
    const layout = read(new URL(`${name}.txt`, layouts));
    expect(linearized(layout).map(shape)).toEqual(shapes);
    expect(layout.tables.every((t) => t.origin === 'linearized')).toBe(true);
  });

  it('01: header of 9 labels, objective and weight merged over their indicators, TOTALE row', () => {
    const [t1, t2] = linearized(read(new URL('01-peg-direzione.txt', layouts)));
    expect(headerTexts(t1!)).toEqual([
      'Descrizione obiettivo',
      'Peso obiettivo',
      'Indicatori',
      'Peso indicatori',
      'Valore atteso annuale',
      'Valore atteso revisionato',
      'Consuntivo',
      'Grado di raggiungimento',
      'Punteggio',
    ]);
    // FIN.01 (file line 15) covers its three indicator rows; the second starts at line 24 with two covered cells.
    const fin01 = cell(t1!, 1, 0)!;
    expect(fin01).toMatchObject({ row: 1, rowSpan: 3, line: 15 });
    expect(fin01.text).toMatch(/^FIN\.01 - Riduzione dei tempi medi/);
    expect(cell(t1!, 1, 1)).toMatchObject({ text: '30', rowSpan: 3 });
    expect(cell(t1!, 2, 0)).toBe(fin01);
    expect(cell(t1!, 2, 2)).toMatchObject({ text: 'Fatture liquidate con atto digitale sul totale delle fatture ricevute', line: 24, rowSpan: 1 });
    expect(cell(t1!, 2, 4)!.text).toBe('>= 95%');
    expect(cell(t1!, 1, 5)!.text).toBe('<= -2');
    expect(cell(t1!, 5, 5)!.text).toBe('>= 700.000');
    expect(cell(t1!, 4, 0)).toMatchObject({ rowSpan: 2 });
    expect(cell(t1!, 8, 0)).toMatchObject({ rowSpan: 3 });
    // TOTALE | 100 | the rest merged.
    expect(cell(t1!, 11, 0)).toMatchObject({ text: 'TOTALE', colSpan: 1, line: 105 });
    expect(cell(t1!, 11, 1)).toMatchObject({ text: '100' });
    expect(cell(t1!, 11, 2)).toMatchObject({ text: '', colSpan: 7 });
    // Second table: LLPP.03 has one indicator.
    expect(cell(t2!, 5, 0)).toMatchObject({ rowSpan: 1 });
    expect(cell(t2!, 5, 0)!.text).toMatch(/^LLPP\.03/);
    expect(cell(t2!, 1, 5)!.text).toBe('entro il 31.07.2025');
  });

  it('02: list of objectives with a last row whose first cell is empty (not merged), Gantt grids of marks', () => {
    const [list, gantt] = linearized(read(new URL('02-gantt-obiettivi.txt', layouts)));
    expect(headerTexts(list!)).toEqual(['N.', 'Obiettivo', 'Peso']);
    expect(cell(list!, 10, 0)).toMatchObject({ text: 'n. 9', rowSpan: 1 });
    expect(cell(list!, 11, 0)).toMatchObject({ text: '' });
    expect(cell(list!, 11, 1)!.text).toBe('Totale');
    expect(cell(list!, 11, 2)!.text).toBe('100%');
    expect(headerTexts(gantt!)).toEqual(['Azioni / fasi', 'G', 'F', 'M', 'A', 'M', 'G', 'L', 'A', 'S', 'O', 'N', 'D', 'Scadenza']);
    expect(tableGrid(gantt!)[2]!.map((c) => c?.text)).toEqual(['Monitoraggio semestrale degli obblighi di pubblicazione', '', '', '', '', '', 'X', '', '', '', '', '', 'X', 'entro il 31.12.2025']);
  });

  it('03: a header cell over four columns whose cells hold two paragraphs each, TOTALE over two columns', () => {
    const [t] = linearized(read(new URL('03-matrice-dirigenti.txt', layouts)));
    expect(headerTexts(t!)).toEqual([
      'Codice',
      'Obiettivo operativo',
      "Peso dell'obiettivo per dirigente Area Amministrativa Dott. Giulio Sarti",
      "Peso dell'obiettivo per dirigente Area Finanziaria Dott.ssa Paola Venturi",
      "Peso dell'obiettivo per dirigente Area Tecnica Arch. Nicola Fabbri",
      "Peso dell'obiettivo per dirigente Area Vigilanza Dott. Sergio Molinari",
    ]);
    expect(cell(t!, 0, 0)).toMatchObject({ text: 'Codice', rowSpan: 2 });
    expect(cell(t!, 0, 2)).toMatchObject({ colSpan: 4 });
    expect(tableGrid(t!)[4]!.map((c) => c?.text)).toEqual(['OP.3', 'Piano delle manutenzioni della viabilità provinciale', '', '', '35', '']);
    expect(cell(t!, 10, 0)).toMatchObject({ text: 'TOTALE', colSpan: 2 });
    expect(tableGrid(t!)[10]!.slice(2).map((c) => c?.text)).toEqual(['100', '100', '100', '100']);
  });

  it('04: 18 rows of 9 cells, empty cells kept in their columns', () => {
    const [t] = linearized(read(new URL('04-prospetto-colonne-strette.txt', layouts)));
    expect(headerTexts(t!)[7]).toBe('% di raggiun- gimento al 31.12');
    expect(tableGrid(t!)[3]!.map((c) => c?.text)).toEqual([
      '3',
      'Affari generali',
      '1.2',
      '1.2.1',
      'Piano di formazione del personale sulle competenze digitali (Syllabus)',
      '31/12/2025',
      'Dipendenti formati >= 60%',
      '',
      'Per tutti i settori',
    ]);
    expect(cell(t!, 18, 0)).toMatchObject({ text: '18', line: 166 });
  });

  it('06: a table of one row under each heading, ending where the CONSUNTIVO paragraph starts', () => {
    const layout = read(new URL('06-relazione-obiettivo-n.txt', layouts));
    const tables = linearized(layout);
    expect(tables.map((t) => headerTexts(t).join(' | '))).toEqual(Array(5).fill('Descrizione | Tempi di realizzazione | Aree coinvolte | Peso assegnato'));
    expect(tableGrid(tables[1]!)[1]!.map((c) => c?.text)).toEqual([
      'Pubblicazione del bando, istruttoria delle domande e liquidazione dei voucher alle micro e piccole imprese.',
      'bando entro il 31/03/2025, liquidazione entro il 30/11/2025',
      'Area Promozione; Area Amministrazione e finanza',
      '25%',
    ]);
    const free = layout.pages.flatMap((p) => p.lines).filter((l) => !l.table).map((l) => l.text);
    expect(free).toContain('CONSUNTIVO');
    expect(free).toContain('Obiettivo n. 2 – Contributi alle imprese per la transizione digitale (voucher digitali)');
  });

  it('07: two header rows (Target over 2025-2027), the tree in merged cells at three depths', () => {
    const [t] = linearized(read(new URL('07-albero-target-triennali.txt', layouts)));
    expect(headerTexts(t!)).toEqual(['Obiettivo strategico', 'Obiettivo generale', 'Obiettivo operativo', 'Risultato atteso', 'Indicatore', 'Target 2025', 'Target 2026', 'Target 2027']);
    expect(cell(t!, 0, 5)).toMatchObject({ text: 'Target', colSpan: 3 });
    expect(cell(t!, 1, 5)).toMatchObject({ text: '2025', line: 10 });
    expect(cell(t!, 2, 0)).toMatchObject({ text: 'S1 - Tutela della biodiversità e degli habitat', rowSpan: 4, line: 18 });
    expect(cell(t!, 2, 1)).toMatchObject({ text: 'G1.1 - Conservazione delle specie protette', rowSpan: 3 });
    expect(cell(t!, 2, 2)).toMatchObject({ rowSpan: 2 });
    expect(cell(t!, 3, 4)).toMatchObject({ text: 'Rapporto annuale pubblicato', line: 26 });
    expect(cell(t!, 5, 0)!.text).toMatch(/^S1 /);
    expect(cell(t!, 5, 1)).toMatchObject({ text: 'G1.2 - Ripristino degli habitat forestali', rowSpan: 1 });
    expect(cell(t!, 6, 0)).toMatchObject({ rowSpan: 5 });
    expect(cell(t!, 11, 0)).toMatchObject({ rowSpan: 3 });
    expect(cell(t!, 14, 0)).toMatchObject({ rowSpan: 2 });
    expect(tableGrid(t!)[15]!.map((c) => c?.text.slice(0, 10))).toEqual(['S4 - Valor', 'G4.1 - Com', 'O4.1.1 - P', 'Personale ', 'Guardie vo', '25', '35', '45']);
  });

  it('09: label/value pairs as two-column tables without header', () => {
    const tables = linearized(read(new URL('09-asl-scheda-budget.txt', layouts)));
    expect(tables.map((t) => cell(t, 0, 1)!.text)).toEqual(['CAR-01', 'CAR-02', 'CAR-03', 'PS-01', 'PS-02', 'PS-03']);
    expect(tableGrid(tables[1]!).map((r) => r.map((c) => c!.text))).toEqual([
      ['Codice:', 'CAR-02'],
      ['Obiettivo:', 'Appropriatezza dei ricoveri per scompenso cardiaco'],
      ['Indicatore:', 'Riammissioni entro 30 giorni dalla dimissione'],
      ['Valore 2024:', '15,4%'],
      ['Valore atteso:', '<= 12%'],
      ['Peso:', '35'],
      ['Responsabile:', 'Dott.ssa Lucia Ferri (incarico di alta specializzazione)'],
    ]);
    expect(cell(tables[0]!, 0, 0)!.line).toBe(6);
  });

  it('10: AMBITO rows over every column; an empty objective cell under a code is empty, not merged', () => {
    const [t] = linearized(read(new URL('10-universita-ambiti.txt', layouts)));
    expect(cell(t!, 1, 0)).toMatchObject({ text: 'AMBITO: DIDATTICA', colSpan: 8, line: 16 });
    expect(cell(t!, 7, 0)).toMatchObject({ text: 'AMBITO: RICERCA', colSpan: 8 });
    expect(cell(t!, 2, 1)).toMatchObject({ text: 'Ridurre gli abbandoni tra il primo e il secondo anno', rowSpan: 1 });
    expect(tableGrid(t!)[3]!.map((c) => c?.text)).toEqual(['D.1', '', 'Studenti che proseguono al II anno avendo acquisito almeno 40 CFU', '%', '48,2', '50,0', '52,0', '55,0']);
    expect(cell(t!, 8, 3)!.text).toBe('milioni di euro');
    expect(cell(t!, 16, 7)).toMatchObject({ text: '820', line: 115 });
  });

  it('11: area rows over every column and a totals row with its figure under Peso', () => {
    const [t] = linearized(read(new URL('11-regione-codici-ob.txt', layouts)));
    expect(headerTexts(t!)).toEqual(['Codice', 'Obiettivo', 'Struttura responsabile', 'Peso', 'Indicatore', 'Target 2025']);
    expect(cell(t!, 1, 0)).toMatchObject({ text: 'OB.1 - Sanità territoriale e prossimità delle cure', colSpan: 6 });
    expect(tableGrid(t!)[9]!.map((c) => c?.text)).toEqual([
      'OB.3.1',
      'Pagamenti dei fornitori nei tempi di legge',
      'Direzione Bilancio e finanze',
      '10',
      'Indicatore di tempestività dei pagamenti',
      '<= 0 giorni',
    ]);
    expect(cell(t!, 11, 0)).toMatchObject({ text: 'Totale pesi', colSpan: 3 });
    expect(cell(t!, 11, 3)).toMatchObject({ text: '100' });
    expect(cell(t!, 11, 4)).toMatchObject({ text: '', colSpan: 2 });
  });
});

describe('no linearized table', () => {
  const seedFiles = readdirSync(seeds).filter((f) => f.endsWith('.txt'));
  const layoutExports = readdirSync(layouts).filter((f) => f.endsWith('.layout.txt'));
  it.each([
    ...['05-pdo-missione-programma.txt', '08-outline-risultati-attesi.txt', '12-prosa-senza-obiettivi.txt'].map((f) => new URL(f, layouts)),
    ...seedFiles.map((f) => new URL(f, seeds)),
    ...layoutExports.map((f) => new URL(f, layouts)),
  ])('%s', (url) => {
    expect(linearized(read(url))).toEqual([]);
  });

  it('prose, headings and short lines without figures', () => {
    const text = ['Premessa', 'Il metodo', 'Le fasi', 'Il ciclo della performance si articola in fasi.', 'Programmazione', 'Monitoraggio', 'Valutazione', 'Rendicontazione'].join('\n');
    expect(linearized(fromText(text))).toEqual([]);
  });
});

describe('linearized reader', () => {
  it('replaces the lines of a table by one line per row, numbered as its first cell, and keeps the lines around it', () => {
    const text = ['Tabella 1', 'Codice', 'Obiettivo', 'Peso', 'A.1', 'Primo obiettivo', '60', 'A.2', 'Secondo obiettivo', '40', 'Fine del documento.'].join('\n');
    const layout = layoutFromText(text);
    expect(layout.pages[0]!.lines.map((l) => [l.line, l.text, l.table?.id ?? null])).toEqual([
      [1, 'Tabella 1', null],
      [2, 'Codice\tObiettivo\tPeso', 'linearized:1'],
      [5, 'A.1\tPrimo obiettivo\t60', 'linearized:1'],
      [8, 'A.2\tSecondo obiettivo\t40', 'linearized:1'],
      [11, 'Fine del documento.', null],
    ]);
  });

  it('leaves tab-separated rows to the tab reader', () => {
    const layout = fromText('Codice\tObiettivo\tPeso\nA.1\tPrimo\t60\n');
    expect(layout.tables.map((t) => t.origin)).toEqual(['tabs']);
  });

  it('stays linear: 20 000 label lines and a table repeated 1 000 times', () => {
    const labels = Array.from({ length: 20000 }, (_, k) => `Voce numero ${k % 2 ? 'pari' : 'dispari'}`).join('\n');
    const table = ['Codice', 'Obiettivo', 'Peso', 'A.1', 'Primo obiettivo', '60', 'A.2', 'Secondo obiettivo', '40', 'Nota conclusiva della tabella.'].join('\n');
    const started = performance.now();
    const big = fromText(`${labels}\nUn paragrafo tra le voci e le tabelle.\n${Array(1000).fill(table).join('\n')}`);
    expect(linearized(big)).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe('linearized reader: blocks between blank lines (plain pdftotext)', () => {
  const blocks = (...cells: string[]): string => cells.join('\n\n');
  const free = (layout: LayoutDocument): string[] => layout.pages.flatMap((p) => p.lines.filter((l) => !l.table && l.text.trim() !== '').map((l) => l.text));

  it('a header of a label and years; a cell of two lines is one cell; a dash fits under figures', () => {
    const layout = fromText(blocks('Indicatori', '2011', '2012', 'Numero di controlli\nsulle abitazioni', '70', '50', 'Corsi attivati', '-', '5', 'Numero di sinistri', '72', '69'));
    const [t] = linearized(layout);
    expect(shape(t!)).toBe('4x3/h1');
    expect(headerTexts(t!)).toEqual(['Indicatori', '2011', '2012']);
    expect(cell(t!, 1, 0)).toMatchObject({ text: 'Numero di controlli sulle abitazioni', line: 7 });
    expect([cell(t!, 2, 1)!.text, cell(t!, 3, 2)!.text]).toEqual(['-', '69']);
    expect(free(layout)).toEqual([]);
  });

  it('a label glued to the line before it starts the header; the line stays outside the table', () => {
    const layout = fromText(blocks('Assessore: Mario Rossi\nIndicatori', '2012', '2013', 'Eventi organizzati', '3', '4', 'Aziende coinvolte', '40', '40'));
    const [t] = linearized(layout);
    expect(shape(t!)).toBe('3x3/h1');
    expect(cell(t!, 0, 0)!.text).toBe('Indicatori');
    expect(free(layout)).toEqual(['Assessore: Mario Rossi']);
  });

  it('two columns: a label and a figure per row', () => {
    const [t] = linearized(fromText(blocks('Strategicità', 'Peso', '1. strategico', '40', '2. innovativo', '25', '3. miglioramento', '20')));
    expect(shape(t!)).toBe('4x2/h1');
    expect([cell(t!, 3, 0)!.text, cell(t!, 3, 1)!.text]).toEqual(['3. miglioramento', '20']);
  });

  it('label/value pairs after a title glued to the first label', () => {
    const layout = fromText(blocks('Dati di contesto\nSuperficie:', 'Kmq 97,45', 'Abitanti:', '188.579', 'Famiglie:', '75.611'));
    const [t] = linearized(layout);
    expect(shape(t!)).toBe('3x2/h0');
    expect(cell(t!, 0, 0)!.text).toBe('Superficie:');
    expect(free(layout)).toEqual(['Dati di contesto']);
  });

  it('one row under a header seen nowhere else is no table; under a header read elsewhere it is', () => {
    expect(linearized(fromText(blocks('Fasi', 'Quantità', 'Attività', 'Realizzazione della fiera', 'n.1 evento', 'Allestimento')))).toEqual([]);
    const sheet1 = blocks('Indicatore', 'Quantità', 'Attività', 'Personale formato', '20', 'Corsi in aula', 'Proposte formulate', '15', 'Incontri');
    const sheet2 = blocks('Indicatore', 'Quantità', 'Attività', 'Eventi realizzati', 'almeno n.15 eventi', 'Presenza del personale');
    const tables = linearized(fromText(blocks(sheet1, 'La seconda scheda riguarda gli eventi organizzati dal Comune.', sheet2)));
    expect(tables.map(shape)).toEqual(['3x3/h1', '2x3/h1']);
    expect(cell(tables[1]!, 1, 1)!.text).toBe('almeno n.15 eventi');
  });

  it('prose paragraphs between blank lines, and the paragraph after a table, are no cells', () => {
    expect(linearized(fromText(blocks('Premessa', 'Il piano individua gli obiettivi.\nGli obiettivi sono pesati.', 'Monitoraggio', 'Il monitoraggio è semestrale.')))).toEqual([]);
    const layout = fromText(blocks('Strategicità', 'Peso', '1. strategico', '40', '2. innovativo', '25', `Si procede a ricondurre gli obiettivi alle macrocategorie. ${'Il conseguimento degli obiettivi costituisce condizione per gli incentivi. '.repeat(3).trimEnd()}`, '5'));
    expect(linearized(layout).map(shape)).toEqual(['3x2/h1']);
  });

  it('a page whose lines are padded with spaces (a producer that breaks cells with blank lines) is not read as blocks', () => {
    const padded = blocks('Indicatori ', '2011 ', '2012 ', 'Numero di controlli ', '70 ', '50 ', 'Corsi attivati ', '5 ', '5 ');
    expect(linearized(fromText(padded))).toEqual([]);
  });
});
