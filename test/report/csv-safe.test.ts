import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvSafe, csvSheet } from '../../pipeline/report/csv-safe.js';

describe('csv-safe (OWASP CSV injection)', () => {
  it('text that a spreadsheet would run as a formula gets a leading apostrophe', () => {
    expect(['=1+1', '+39 0187', '-2', '@SUM(A1)', '\tx', '\rx'].map(csvSafe)).toEqual(["'=1+1", "'+39 0187", "'-2", "'@SUM(A1)", "'\tx", "'\rx"]);
  });

  it('other text, numbers and empty cells are kept as they are', () => {
    expect(['Comune di Sarzana', 'a=b', ' =x', 42, -3.5, null, undefined].map(csvSafe)).toEqual(['Comune di Sarzana', 'a=b', ' =x', 42, -3.5, '', '']);
  });

  it('a sheet: BOM, semicolons, CRLF, a newline inside a cell kept in its row', () => {
    const text = csvSheet([['a', 'b'], ['riga\nnuova', '=cmd|"/c calc"!A0'], ['x\ry', 1]]);
    expect(text.startsWith('\ufeffa;b\r\n')).toBe(true);
    const rows = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows).toEqual([['a', 'b'], ['riga\nnuova', `'=cmd|"/c calc"!A0`], ['x\ry', '1']]);
  });
});
