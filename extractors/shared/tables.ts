/**
 * Reading the tables of the layout: rows as slots per column (a merged cell
 * belongs to every row it spans), header text per column (a header over
 * several rows joined), columns found by their header's role, provenance of a
 * cell. Extractors read tables through these, never by counting cells in a
 * line.
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import type { Provenance } from '../../models/plan.js';
import { matchesLabel } from './labels.js';

/** A data row of a table: the cell in each column (the spanning cell where one covers it, null where none). */
export interface TableRow {
  /** Row index in the grid. */
  index: number;
  slots: (TableCell | null)[];
  /** Cells that start on this row (a merged cell from above is in `slots`, not here). */
  own: TableCell[];
}

/** Every grid position -> its cell, spans expanded: `grid[row][col]`. */
export function tableGrid(table: LayoutTable): (TableCell | null)[][] {
  const grid: (TableCell | null)[][] = Array.from({ length: table.rows }, () => Array<TableCell | null>(table.cols).fill(null));
  for (const cell of table.cells)
    for (let r = cell.row; r < Math.min(table.rows, cell.row + cell.rowSpan); r++)
      for (let c = cell.col; c < Math.min(table.cols, cell.col + cell.colSpan); c++) grid[r]![c] = cell;
  return grid;
}

/** The data rows (below the header rows), each with its slots. */
export function dataRows(table: LayoutTable): TableRow[] {
  const grid = tableGrid(table);
  const rows: TableRow[] = [];
  for (let r = table.headerRows; r < table.rows; r++) {
    rows.push({ index: r, slots: grid[r]!, own: table.cells.filter((c) => c.row === r) });
  }
  return rows;
}

/** Header text of each column: the header cells above it, top to bottom, joined (`Target` over `2025` -> `Target 2025`). */
export function headerTexts(table: LayoutTable): string[] {
  const grid = tableGrid(table);
  return Array.from({ length: table.cols }, (_, c) => {
    const parts: string[] = [];
    for (let r = 0; r < table.headerRows; r++) {
      const cell = grid[r]![c];
      if (cell && cell.text && parts[parts.length - 1] !== cell.text) parts.push(cell.text);
    }
    return parts.join(' ');
  });
}

/**
 * The column of each role: the first column whose header matches one of the
 * role's labels (fuzzy, so OCR noise and small spelling changes still match).
 * A column is given to one role only, in the order the roles are listed.
 */
export function columnsByRole<R extends string>(headers: readonly string[], roles: Readonly<Record<R, readonly string[]>>): Partial<Record<R, number>> {
  const out: Partial<Record<R, number>> = {};
  const taken = new Set<number>();
  for (const role of Object.keys(roles) as R[]) {
    const col = headers.findIndex((h, i) => !taken.has(i) && h !== '' && roles[role].some((label) => matchesLabel(h, label)));
    if (col >= 0) {
      out[role] = col;
      taken.add(col);
    }
  }
  return out;
}

/** Where a cell was read: its page, the line of its row, its box and confidence. */
export function cellSource(cell: TableCell): Provenance {
  const p: Provenance = { page: cell.page, line: cell.line };
  if (cell.bbox) p.bbox = cell.bbox;
  if (cell.confidence !== undefined) p.confidence = cell.confidence;
  return p;
}

/** The text of a slot, '' when empty. */
export const slotText = (slot: TableCell | null | undefined): string => slot?.text ?? '';

/** A block of a page in reading order: a line, or a table (its rows are the lines marked with its id). */
export type PageBlock = { kind: 'line'; line: LayoutLine } | { kind: 'table'; table: LayoutTable; lines: LayoutLine[] };

/** The blocks of the whole document in reading order; a table appears once, where its first row is. */
export function documentBlocks(layout: LayoutDocument): PageBlock[] {
  const byId = new Map(layout.tables.map((t) => [t.id, t]));
  const blocks: PageBlock[] = [];
  const open = new Map<string, LayoutLine[]>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      const table = line.table ? byId.get(line.table.id) : undefined;
      if (!table) {
        blocks.push({ kind: 'line', line });
        continue;
      }
      const lines = open.get(table.id);
      if (lines) lines.push(line);
      else {
        const first = [line];
        open.set(table.id, first);
        blocks.push({ kind: 'table', table, lines: first });
      }
    }
  }
  return blocks;
}
