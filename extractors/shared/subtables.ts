/**
 * A table found by the layout with other tables (or prose) inside it: text
 * aligned by spaces (`pdftotext -layout`) can run a card's prose, its
 * indicator table and its phase table into one grid. A header row in the
 * middle of a grid starts a table of its own; these split a grid there.
 */
import type { LayoutTable, TableCell } from '../../models/layout.js';
import { tableGrid } from './tables.js';

/** The rows `from .. to-1` of a table as a table of their own, the first `headerRows` of them headers (cells merged across the cut are clipped). */
export function subTable(table: LayoutTable, from: number, to: number, headerRows: number): LayoutTable {
  const cells: TableCell[] = [];
  for (const cell of table.cells) {
    const end = cell.row + cell.rowSpan;
    if (end <= from || cell.row >= to) continue;
    const row = Math.max(cell.row, from);
    cells.push({ ...cell, row: row - from, rowSpan: Math.min(end, to) - row, header: row - from < headerRows });
  }
  return { ...table, id: `${table.id}/${from}`, rows: Math.max(0, to - from), headerRows: Math.min(headerRows, Math.max(0, to - from)), cells };
}

/**
 * The grid rows where a table of its own starts (`isHeader` on the texts of
 * the row's columns), and the tables from each such row to the next one (or
 * to the end); rows before the first header are `before`.
 */
export function splitAtHeaders(table: LayoutTable, isHeader: (texts: string[]) => boolean): { before: number; starts: number[]; tables: LayoutTable[] } {
  const grid = tableGrid(table);
  const starts: number[] = [];
  grid.forEach((row, r) => {
    const texts = row.map((c) => (c && c.row === r ? c.text : ''));
    if (isHeader(texts)) starts.push(r);
  });
  const tables = starts.map((s, k) => subTable(table, s, starts[k + 1] ?? table.rows, 1));
  return { before: starts[0] ?? table.rows, starts, tables };
}
