import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureRuns, modelValues, tableUnread } from '../../pipeline/validate/rules/table-unread.js';
import { layoutFromText } from '../../pipeline/ingest/text.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, objective, runRuleOn } from './harness.js';

/** The layout of a text as the text reader makes it (tables marked, not assembled: the rule only looks at lines outside tables). */
const layoutOf = (lines: string[]) => layoutFromText(lines.join('\n'));

/** A table whose cells the export put one per block, out of order: three year marks per row, then the next row's text. */
const LOST = ['Obiettivi Operativi', '', 'Tipo OB', '', 'Realizzare corsi di formazione', 'secondo il piano formativo', '', 'X', '', '-', '', '-', '', 'Migrazione al cloud dei servizi', '', 'PNRR', '', 'X', '', 'X', '', '-'];

describe('table-unread', () => {
  it.each([
    ['prose and headings', ['Premessa', '', 'Il ciclo della performance si articola in fasi.', '', 'Programmazione']],
    ['one run of figures (a list in the text)', ['Le quote sono:', '', '10', '', '20', '', '30', '', 'come detto.']],
    ['runs of years alone (headers, timelines)', ['Anni', '2024', '2025', '2026', 'Fasi', '2024', '2025', '2026']],
    ['figures on lines of a table read', ['Codice\tPeso\tTarget', 'A.1\t60\t100%', 'A.2\t40\t100%']],
  ])('valid: %s', (_, lines) => {
    expect(runRuleOn(tableUnread, { layout: layoutOf(lines) })).toEqual([]);
  });

  it('invalid: two runs of marks outside every table, reported at the first with its figures', () => {
    const reports = runRuleOn(tableUnread, { layout: layoutOf(LOST) });
    expect(reports.map((r) => [r.messageId, r.data, r.source])).toEqual([['figures', { runs: 2, cells: 6, line: 8, sample: 'X / - / -' }, { page: 1, line: 8 }]]);
  });

  it('valid: the runs hold a value the model has (an extractor read the glued row from its lines)', () => {
    const lines = ['mantenimento 5 10', '15,00', '1.034,48', '3', 'strategico', '35', '18.000,00', '2'];
    expect(figureRuns(layoutOf(lines))).toHaveLength(2);
    const read = objective({ allocation: { group: null, category: 'mantenimento', staffCount: 5, categoryWeight: 10, coefficient: 1.5, totalCoefficient: 15, amount: 1034.48, amountRaw: '1.034,48' } as never });
    const other = objective({ id: 'O2', allocation: { group: null, category: 'strategico', staffCount: 35, categoryWeight: null, coefficient: null, totalCoefficient: null, amount: 18000, amountRaw: '18.000,00' } as never });
    expect(runRuleOn(tableUnread, { layout: layoutOf(lines), objectives: [read, other] })).toEqual([]);
  });
});

describe('table-unread: what is a figure, what is a run, what the model holds (boundaries)', () => {
  /** Each text a line of its own, a blank line between them, as plain pdftotext prints cells. */
  const blocks = (...texts: string[]) => layoutOf(texts.flatMap((t) => [t, '']));
  const runsOf = (...texts: string[]) => figureRuns(blocks(...texts)).map((r) => r.count);
  it.each([
    ['100 %'], ['31/12/2024'], ['>= 95%'], ['4.137,93'], ['X'], ['x'], ['-'], ['–'], ['n.d.'], ['nd'], ['SI'], ['no'], ['sì'], ['5 (100%)'], ['2024-2026'], ['+3'], ['✓'],
  ])('%s is a figure', (figure) => {
    expect(runsOf(figure, figure, figure)).toEqual([3]);
  });
  it.each([['Totale'], ['100 euro'], ['n. 3 incontri'], ['X Y'], ['sino'], ['5 (100%) circa'], ['Obiettivo 1']])('%s is no figure: it ends a run', (text) => {
    expect(runsOf('1', '2', text, '3', '4')).toEqual([]);
  });
  it('a run needs three figures (minFigureRun): two are none, three are one', () => {
    expect(runsOf('10', '20', 'testo', '30', '40', '50')).toEqual([3]);
  });
  it('a line of a table or a line with two cells ends a run', () => {
    const layout = layoutFromText(['10', '20', 'A\t30\t40', '50', '60'].join('\n'));
    expect(figureRuns(layout)).toEqual([]);
  });
  it('years alone are a header or a timeline; a run with one figure besides them counts', () => {
    expect(runsOf('2024', '2025 -', '2026')).toEqual([]);
    expect(runsOf('2024', '2025', '80%')).toEqual([3]);
  });
  it('the run states its page, first line, count and up to six figures', () => {
    expect(figureRuns(blocks('testo', '1', '2', '3', '4', '5', '6', '7'))).toEqual([{ page: 1, line: 3, count: 7, sample: '1 / 2 / 3 / 4 / 5 / 6' }]);
  });
  it.each([
    ['a figure printed as in the model', ['12,5%', 'X', '-'], { texts: ['12,5%'], numbers: [] }, 0],
    ['a number of the model at 100', ['100', 'X', '-'], { texts: [], numbers: [100] }, 0],
    ['a whole number under 100 tells nothing', ['99', 'X', '-'], { texts: [], numbers: [99] }, 1],
    ['a decimal of the model', ['1.034,48', 'X', '-'], { texts: [], numbers: [1034.48] }, 0],
    ['a two-digit text tells nothing', ['15', 'X', '-'], { texts: ['15'], numbers: [] }, 1],
    ['a three-digit text of the model', ['150', 'X', '-'], { texts: ['150'], numbers: [] }, 0],
    ['a year of the model tells nothing', ['2025', 'X', '-'], { texts: ['2025'], numbers: [2025] }, 1],
    ['a negative number of the model', ['-150', 'X', '-'], { texts: [], numbers: [-150] }, 0],
  ] as const)('model values: %s', (_, texts, model, runs) => {
    const values = { texts: new Set<string>(model.texts), numbers: new Set<number>(model.numbers) };
    expect(figureRuns(blocks(...texts), values)).toHaveLength(runs);
  });
  it('the rows of a table read end a run, even when a row holds one figure', () => {
    expect(figureRuns(layoutOf(['1', '2', 'Peso\tNote', '30\t', '40\t', '5', '6']))).toEqual([]);
  });
  it('a line outside tables with two filled cells ends a run; one filled cell and an empty one is a figure (a PDF line of two cells)', () => {
    const withCells = (texts: string[]) => {
      const layout = layoutOf(['1', '2', '10', '3', '4']);
      const line = layout.pages[0]!.lines[2]!;
      line.cells = texts.map((text) => ({ ...line.cells[0]!, text }));
      return layout;
    };
    expect(figureRuns(withCells(['10', '20']))).toEqual([]);
    expect(figureRuns(withCells(['10', ''])).map((r) => r.count)).toEqual([5]);
  });
  it('figures and years are read trimmed; a line of spaces is a blank line, skipped', () => {
    expect(figureRuns(layoutOf([' X ', '   ', ' - ', '', ' X ']))).toEqual([{ page: 1, line: 1, count: 3, sample: 'X / - / X' }]);
    expect(runsOf(' 2024', ' 2025 ', '2026 ')).toEqual([]);
    const values = { texts: new Set(['1.034,48']), numbers: new Set<number>() };
    expect(figureRuns(blocks(' 1.034,48 ', 'X', '-'), values)).toEqual([]);
  });
  it('modelValues reads texts and numbers anywhere in the model, numbers also from texts', () => {
    const values = modelValues([{ a: ' 1.034,48 ', b: [7, { c: '100 %' }], d: '1.034', e: '', f: 'n.d.' }, null]);
    expect([...values.texts].sort()).toEqual(['', '1.034', '1.034,48', '100 %', 'n.d.']);
    // `1.034` is a thousand and thirty-four (a group of thousands), an empty text or `n.d.` no number.
    expect([...values.numbers].sort((x, y) => x - y)).toEqual([7, 100, 1034, 1034.48]);
  });
  it('one run is a list in the text (minRuns 2): not reported; two runs are', () => {
    expect(runRuleOn(tableUnread, { layout: blocks('X', '-', '-') })).toEqual([]);
    expect(runRuleOn(tableUnread, { layout: blocks('X', '-', '-', 'testo', '-', 'X', 'X') })).toHaveLength(1);
  });
});

describe('table-unread on the office fixtures: plain pdftotext exports whose tables are lost', () => {
  const office = join(ROOT, 'fixtures', 'office');
  endToEnd.each([
    ['002-piao.bordered-landscape.raw.txt', true],
    ['002-piao.borderless-portrait.raw.txt', true],
    ['002-piao.docx-bordered-portrait.raw.txt', true],
    ['003-schede.bordered-landscape.raw.txt', true],
    ['003-schede.borderless-landscape.raw.txt', true],
    ['003-schede.docx-borderless-landscape.raw.txt', true],
    ['004-organizzativa.bordered-portrait.raw.txt', true],
    // Its tables read from blocks: no figure left outside them.
    ['000-legacy.bordered-landscape.raw.txt', false],
    ['002-piao.txt', false],
    ['003-schede.bordered-landscape.layout.txt', false],
  ])('%s: reported %s', async (name, reported) => {
    const plan = await processFile(join(office, name), { config: { ocr: { enabled: false } } });
    const found = plan.findings.filter((f) => f.rule === 'table-unread');
    expect(found.length).toBe(reported ? 1 : 0);
    if (reported) expect(found[0]).toMatchObject({ severity: 'error', source: { file: join(office, name) } });
    if (reported) expect(readFileSync(join(office, name), 'utf8').split('\n')[found[0]!.source.line! - 1]!.trim()).toBe(String(found[0]!.raw).split(' / ')[0]);
  });
});
