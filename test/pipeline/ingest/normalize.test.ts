import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine } from '../../../models/layout.js';
import { gluedReadings, normalizeExport, normalizeLayout, normalizeRepairs, readGlued, splitPrefix } from '../../../pipeline/ingest/normalize.js';
import { emptyDocument, readLayout } from '../../../pipeline/run.js';
import { createContext } from '../../../pipeline/context.js';
import { PiaoConfig } from '../../../models/config.js';
import { ROOT } from '../../helpers.js';

const OFFICE = join(ROOT, 'fixtures', 'office');

/** A one-page text layout, one line per string, numbered from 1. */
function layoutOf(texts: readonly string[]): LayoutDocument {
  const lines: LayoutLine[] = texts.map((text, k) => ({ page: 1, line: k + 1, text, cells: [{ text: text.trim(), col: 0 }] }));
  return { pages: [{ number: 1, width: null, height: null, origin: 'text', lines }], tables: [] };
}

const texts = (layout: LayoutDocument) => layout.pages.flatMap((p) => p.lines.map((l) => l.text));
const rowsOf = (layout: LayoutDocument) =>
  layout.pages.flatMap((p) => p.lines.filter((l) => l.table).map((l) => l.cells.map((c) => (c.colSpan ? `${c.text}×${c.colSpan}` : c.text))));

describe('vertical words', () => {
  it('rejoins the letters of a rotated heading, one or two a line with blank lines between, at the first letter', () => {
    const { layout, repairs } = normalizeLayout(layoutOf(['1', 'G', 'E', '', 'N', 'E', '', 'R', 'A', '', 'L', 'E', 'Compartecipazio']));
    expect(texts(layout)).toEqual(['1', 'GENERALE', 'Compartecipazio']);
    expect(layout.pages[0]!.lines[1]).toMatchObject({ line: 2, cells: [{ text: 'GENERALE', col: 0 }] });
    expect(repairs).toEqual([{ kind: 'vertical-word', page: 1, line: 2, before: 'G E N E R A L E', after: 'GENERALE' }]);
  });

  it('pairs of letters too (IN / T / E …), and a mark or dash inside the word', () => {
    const { layout } = normalizeLayout(layoutOf(['IN', 'T', 'E', 'R', 'S', 'E', 'T', 'T', 'O', 'R', 'IA', 'L', 'E']));
    expect(texts(layout)).toEqual(['INTERSETTORIALE']);
    expect(texts(normalizeLayout(layoutOf(['A', 'M', 'M', '.V', 'O', '-S', 'OC'])).layout)).toEqual(['AMM.VO-SOC']);
  });

  it('leaves fewer than three letter lines, lower-case words and table rows alone', () => {
    expect(texts(normalizeLayout(layoutOf(['N.', 'DIP.', 'PESO'])).layout)).toEqual(['N.', 'DIP.', 'PESO']);
    expect(texts(normalizeLayout(layoutOf(['A', 'L’ammontare complessivo'])).layout)).toEqual(['A', 'L’ammontare complessivo']);
    expect(texts(normalizeLayout(layoutOf(['di', 'un', 'la'])).layout)).toEqual(['di', 'un', 'la']);
    // A Gantt column printed one mark a line is no word.
    expect(normalizeLayout(layoutOf(['X', '-', '-', 'X', 'X', 'X'])).repairs).toEqual([]);
    const inTable = layoutOf(['G', 'E', 'N', 'E']);
    for (const [k, line] of inTable.pages[0]!.lines.entries()) line.table = { id: 'tabs:1', row: k };
    expect(normalizeLayout(inTable).repairs).toEqual([]);
  });

  it('in the office export of seed 004: the three group headings of the allocation table (lines 131, 188, 251 of the .txt)', async () => {
    const file = join(OFFICE, '004-organizzativa.txt');
    const layout = (await readLayout(file, readFileSync(file)))!;
    const words = layout.pages.flatMap((p) => p.lines).filter((l) => /^(?:GENERALE|INTERSETTORIALE)$/.test(l.text));
    expect(words.map((l) => [l.line, l.text])).toEqual([
      [131, 'GENERALE'],
      [188, 'GENERALE'],
      [251, 'INTERSETTORIALE'],
    ]);
  });
});

describe('glued years', () => {
  it('splits a heading of years printed without spaces into one cell per year', () => {
    const { layout, repairs } = normalizeLayout(layoutOf(['201420132012']));
    expect(layout.pages[0]!.lines[0]!.cells.map((c) => c.text)).toEqual(['2014', '2013', '2012']);
    expect(repairs[0]).toMatchObject({ kind: 'glued-years', line: 1 });
    expect(texts(normalizeLayout(layoutOf(['2012'])).layout)).toEqual(['2012']);
  });
});

describe('column dumps with glued values', () => {
  // The first indicator block of seed 000 as the office .txt prints it (lines 39-78), read by hand:
  // row 1 glues 2014, 2013, 2012, 2011 (50 50 50 70); rows 2-5 glue 2014 and 2013, their 2011 and 2012
  // values printed apart, each column closed by its year; the heading `2013 2014` closes the block.
  const block = [
    '50505070Numero di controlli sulle abitazioni dei migranti per idoneità alloggiativa',
    '', '-', '', '70', '', '72', '', '240', '', '2011',
    '', '5', '', '365', '', '69', '', '237', '', '2012',
    '', '55Corsi di formazione attivati per lavoratori stranieri',
    '', '370370Numero controlli sull’attività d’impresa',
    '', '6366Numero sinistri stradali causati dalla guida in stato di ebbrezza',
    '', '230234Numero sinistri stradali causati dall’alta velocità',
    '', '2013 2014',
    '', 'Gli obiettivi di performance – Recupero Legalità e Sicurezza',
  ];

  it('rebuilds the table: a header of its years, one row per name with each value in its year', () => {
    const { layout, repairs } = normalizeLayout(layoutOf(block));
    expect(rowsOf(layout)).toEqual([
      ['', '2011', '2012', '2013', '2014'],
      ['Numero di controlli sulle abitazioni dei migranti per idoneità alloggiativa', '70', '50', '50', '50'],
      ['Corsi di formazione attivati per lavoratori stranieri', '-', '5', '5', '5'],
      ['Numero controlli sull’attività d’impresa', '70', '365', '370', '370'],
      ['Numero sinistri stradali causati dalla guida in stato di ebbrezza', '72', '69', '66', '63'],
      ['Numero sinistri stradali causati dall’alta velocità', '240', '237', '234', '230'],
    ]);
    // Each row keeps the line of its name; the header row goes first, at the block's first line.
    const rows = layout.pages[0]!.lines.filter((l) => l.table);
    expect(rows.map((l) => l.line)).toEqual([1, 1, 23, 25, 27, 29]);
    expect(new Set(rows.map((l) => l.table!.id)).size).toBe(1);
    expect(repairs.filter((r) => r.kind === 'glued-values').map((r) => r.line)).toEqual([1, 23, 25, 27, 29]);
    // What follows the block is untouched.
    expect(texts(layout).at(-1)).toBe('Gli obiettivi di performance – Recupero Legalità e Sicurezza');
  });

  it('a name on its own lines after its values (`4040` / `Aziende … sulla` / `Tecnologia`)', () => {
    const { layout } = normalizeLayout(
      layoutOf(['n.d.n.d.3-Progetto Plustex: numero eventi interregionali organizzati', '-', '2011', '40', '2012', '4040', 'Aziende di software coinvolte nella mostra Workshop sulla', 'Tecnologia', '2013 2014']),
    );
    expect(rowsOf(layout)).toEqual([
      ['', '2011', '2012', '2013', '2014'],
      ['Progetto Plustex: numero eventi interregionali organizzati', '-', '3', 'n.d.', 'n.d.'],
      ['Aziende di software coinvolte nella mostra Workshop sulla Tecnologia', '-', '40', '40', '40'],
    ]);
  });

  it('one value for a row of four years is one cell over the four year columns (a merged cell)', () => {
    const { layout } = normalizeLayout(layoutOf(['Euro 386.650Progetto Plustex: finanziamento ottenuto', '500500500500Numero domande condoni edilizie esaminate', '2011 2012 2013 2014']));
    expect(rowsOf(layout)).toEqual([
      ['', '2011', '2012', '2013', '2014'],
      ['Progetto Plustex: finanziamento ottenuto', 'Euro 386.650×4'],
      ['Numero domande condoni edilizie esaminate', '500', '500', '500', '500'],
    ]);
  });

  it('a dump running over a page break: each row stays on its page, the table is one', () => {
    const layout = layoutOf(['n.d.n.d.3-Progetto Plustex: numero eventi interregionali organizzati', '-', '2011', '40', '2012', '4040', 'Aziende di software', '2013 2014']);
    const lines = layout.pages[0]!.lines;
    layout.pages.push({ number: 2, width: null, height: null, origin: 'text', lines: lines.splice(1).map((l) => ({ ...l, page: 2 })) });
    const { layout: out } = normalizeLayout(layout);
    expect(out.pages.map((p) => p.lines.map((l) => [l.table?.row, l.cells[0]!.text]))).toEqual([
      [
        [0, ''],
        [1, 'Progetto Plustex: numero eventi interregionali organizzati'],
      ],
      [[2, 'Aziende di software']],
    ]);
    expect(rowsOf(out).at(-1)).toEqual(['Aziende di software', '-', '40', '40', '40']);
  });

  it('is no dump without a closing year heading, without values glued to a name, or inside a reader’s table', () => {
    const prose = ['2 agenti in servizio serale', '15 dipendenti coinvolti', 'Gli obiettivi di performance – X'];
    expect(normalizeLayout(layoutOf(prose)).repairs).toEqual([]);
    const unclosed = ['6366Numero sinistri stradali', '230234Numero sinistri', 'Fine'];
    expect(texts(normalizeLayout(layoutOf(unclosed)).layout)).toEqual(unclosed);
    const loose = ['70', '72', '2011', '2013 2014'];
    expect(normalizeLayout(layoutOf(loose)).repairs).toEqual([]);
    const marked = layoutOf(['6366Numero sinistri', '2013 2014']);
    for (const [k, line] of marked.pages[0]!.lines.entries()) line.table = { id: 'tabs:1', row: k };
    expect(normalizeLayout(marked).repairs).toEqual([]);
  });

  it('never throws on odd lines: a huge run of digits glued to a name, empty pages', () => {
    const huge = `${'1'.repeat(100_000)}Nome`;
    expect(() => normalizeLayout(layoutOf([huge, '2013 2014']))).not.toThrow();
    expect(normalizeLayout({ pages: [], tables: [] }).repairs).toEqual([]);
  });
});

describe('glued value splitting', () => {
  it('separates the values from the name', () => {
    expect(splitPrefix('862-n. fontanelli realizzati')).toEqual({ prefix: '862-', name: 'n. fontanelli realizzati' });
    expect(splitPrefix('n.d.n.d.4.741.000-')).toEqual({ prefix: 'n.d.n.d.4.741.000-', name: '' });
    expect(splitPrefix('Euro 386.650Progetto Plustex')).toEqual({ prefix: 'Euro 386.650', name: 'Progetto Plustex' });
  });

  it.each([
    ['6366', 2, ['63', '66']],
    ['1.0001.0001.0001.211', 4, ['1.000', '1.000', '1.000', '1.211']],
    ['n.d.n.d.4.741.000-', 4, ['n.d.', 'n.d.', '4.741.000', '-']],
    ['79797970,50', 4, ['79', '79', '79', '70,50']],
    ['111111-', 4, ['11', '11', '11', '-']],
    ['160016001600-', 4, ['1600', '1600', '1600', '-']],
    ['50%50%50%-', 4, ['50%', '50%', '50%', '-']],
    ['10.000.00010.000.00010.000.00011.966.000', 4, ['10.000.000', '10.000.000', '10.000.000', '11.966.000']],
  ])('%s (%i values expected) -> %j', (raw, expected, tokens) => {
    expect(readGlued(raw, expected).tokens.map((t) => t.raw)).toEqual(tokens);
  });

  it('lists the alternatives it weighed', () => {
    expect(gluedReadings('6366').map((r) => r.map((t) => t.raw).join('|'))).toEqual(expect.arrayContaining(['6|366', '63|66', '636|6', '6366', '6|3|66']));
  });
});

describe('the normalize step of the layout stage', () => {
  it('replaces the layout, records its repairs and reports glued values read in two close ways', () => {
    const doc = emptyDocument('prova.txt');
    // `111` for two years is 1 | 11 or 11 | 1: the two readings are equally plausible.
    doc.layout = layoutOf(['5050Numero corsi', '111Numero eventi', '2013 2014']);
    const ctx = createContext(PiaoConfig.parse({}));
    const layout = normalizeExport(doc, ctx);
    expect(doc.layout).toBe(layout);
    expect(normalizeRepairs(doc).map((r) => r.kind)).toEqual(['glued-values', 'glued-values']);
    expect(rowsOf(layout)).toEqual([
      ['', '2013', '2014'],
      ['Numero corsi', '50', '50'],
      ['Numero eventi', '11', '1'],
    ]);
    const glued = doc.findings.filter((f) => f.rule === 'value-ambiguous' && f.messageId === 'glued');
    expect(glued.map((f) => [f.source.line, f.data.raw])).toEqual([[2, '111']]);
  });
});
