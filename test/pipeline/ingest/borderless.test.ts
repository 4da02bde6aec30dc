/**
 * The borderless column finder on small synthetic pages (text height 7 pt, rows 7 pt apart, wrapped lines
 * 1 pt apart): columns per table, bands crossed by a title, rows of a table whose cells start elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { borderlessRegions, sameTable, type Piece } from '../../../pipeline/ingest/borderless.js';
import type { TextRun } from '../../../pipeline/ingest/pdf-layout.js';

const H = 7;
/** A visual line at `y` from [text, x0, x1] triples. */
const line = (y: number, ...cells: [string, number, number][]): TextRun[] => cells.map(([text, x0, x1]) => ({ text, x: x0, y, w: x1 - x0, h: H }));
const lefts = (lines: TextRun[][]) => borderlessRegions(lines).map((r) => ({ from: r.from, to: r.to, lefts: r.lefts }));

describe('borderlessRegions: columns per table', () => {
  it('keeps the narrow columns N. | PESO | AZIONE under a title line that crosses their white bands', () => {
    const lines = [
      line(48, ['PIANO OPERATIVO', 45, 160], ['LIVELLO', 600, 700]),
      line(62, ['N.', 45, 52], ['PESO', 60, 80], ['AZIONE', 90, 120], ['TEMPI', 250, 290], ['ATTESO', 600, 640]),
      line(76, ['1', 45, 49], ['50', 60, 68], ['Ripristino dei contenuti', 90, 200], ['Entro il 2024', 250, 300], ['100%', 600, 620]),
      line(84, ['della sezione', 90, 150], ['o dopo', 250, 280]),
    ];
    // Two lines (header, first row) have text on both sides of each band, one line (the title) crosses it.
    expect(lefts(lines)).toEqual([{ from: 0, to: 3, lefts: [45, 60, 90, 250, 600] }]);
  });

  it('gives a header row under a label/value grid the columns of its own table', () => {
    const lines = [
      line(48, ['Collegamento al', 45, 96], ['Missione 01', 126, 230], ['Programma 12', 400, 480]),
      line(56, ['bilancio', 45, 69], ['generali', 126, 160]),
      line(70, ['Linea programmatica', 45, 118], ['ANCORA PIU TRASPARENZA', 126, 228]),
      line(84, ['Dup - Sezione', 45, 90], ['Perfezionamento di un sistema', 126, 320], ['Dirigente', 400, 440]),
      // The action table right under it, at row spacing.
      line(98, ['N.', 45, 52], ['PESO', 60, 80], ['AZIONE', 90, 120], ['TEMPI', 250, 290], ['ATTESO', 546, 574]),
      line(112, ['1', 45, 49], ['50', 60, 68], ['Ripristino dei contenuti', 90, 200], ['Entro il 2024', 250, 300], ['100%', 546, 566]),
      line(126, ['2', 45, 49], ['25', 60, 68], ['Verifica degli obblighi', 90, 190], ['Entro il 2025', 250, 300], ['1', 546, 550]),
    ];
    expect(lefts(lines)).toEqual([
      { from: 0, to: 3, lefts: [45, 126, 400] },
      { from: 4, to: 6, lefts: [45, 60, 90, 250, 546] },
    ]);
  });

  it('splits two tables apart by a table gap whose columns disagree, each with its own columns', () => {
    const lines = [
      line(48, ['N.', 45, 52], ['PESO', 60, 80], ['AZIONE', 90, 120], ['TEMPI', 250, 290]),
      line(62, ['1', 45, 49], ['50', 60, 68], ['Ripristino dei contenuti della', 90, 235], ['Entro il 2024', 250, 300]),
      // 16 pt lower: another table, PESO and AZIONE further right.
      line(85, ['N.', 45, 52], ['PESO', 90, 110], ['AZIONE', 155, 182], ['TEMPI', 239, 279]),
      line(99, ['1', 45, 49], ['20', 90, 98], ['Rilevazione', 155, 200], ['Giugno', 239, 270]),
    ];
    expect(lefts(lines)).toEqual([
      { from: 0, to: 1, lefts: [45, 60, 90, 250] },
      { from: 2, to: 3, lefts: [45, 90, 155, 239] },
    ]);
  });

  it('keeps one table where a row of right-aligned numbers starts further right than the rows above', () => {
    const lines = [
      line(48, ['N.', 45, 60], ['Obiettivo', 100, 150], ['Peso', 500, 524]),
      line(62, ['n. 1', 45, 62], ['Gestione associata', 100, 260], ['15%', 504, 524]),
      line(76, ['n. 2', 45, 62], ['Polizia locale', 100, 230], ['10%', 504, 524]),
      line(90, ['n. 3', 45, 62], ['Catasto dei sentieri', 100, 240], ['5%', 510, 524]),
    ];
    expect(lefts(lines)).toEqual([{ from: 0, to: 3, lefts: [45, 100, 500] }]);
  });
});

describe('sameTable', () => {
  const piece = (x0: number, x1: number): Piece => ({ x0, x1 });
  it('joins a row whose cells fall under the white bands of the table above', () => {
    const above = { lines: [[piece(45, 62), piece(100, 260), piece(504, 524)]], starts: [100, 504] };
    const below = { lines: [[piece(45, 62), piece(100, 240), piece(510, 524)]], starts: [100, 510] };
    expect(sameTable(above, below, [100, 504], 0.5)).toBe(true);
  });
  it('keeps apart a header whose columns split a column above where the rows above have text', () => {
    const above = { lines: [[piece(45, 96), piece(126, 230)], [piece(45, 118), piece(126, 320), piece(400, 440)]], starts: [126, 400] };
    const below = { lines: [[piece(45, 52), piece(60, 80), piece(90, 120), piece(250, 290), piece(546, 574)]], starts: [60, 90, 250, 546] };
    expect(sameTable(above, below, [126], 0.5)).toBe(false);
  });
  it('joins a row of a label/value grid that shares most columns of the fewer', () => {
    // `UNITÀ | Altra unità | Altra unità | Altra unità | Altra unità` under a grid of three value columns.
    const above = { lines: [[piece(45, 122), piece(153, 356), piece(369, 438), piece(477, 538)]], starts: [153, 369, 477] };
    const below = { lines: [[piece(45, 124), piece(153, 228), piece(261, 336), piece(369, 444), piece(477, 581)]], starts: [153, 261, 369, 477] };
    expect(sameTable(above, below, [153, 369], 0.5)).toBe(true);
  });
});
