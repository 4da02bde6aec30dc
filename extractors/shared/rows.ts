/**
 * The document as rows of cells, in reading order, for extractors that read a
 * form row by row (label/value rows, tables that follow each other): a row of a
 * table comes from the table grid (`layout.tables`), each cell once with its
 * column, its span and the page and box it was read from; a line outside every
 * table is a row of its own cells. So the same reader works on PDF tables,
 * tab-separated text and OCR lines, and every value keeps its own cell.
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import type { Provenance } from '../../models/plan.js';
import { cellProvenance, provenanceOf } from './model.js';
import { cellSource, documentBlocks, tableGrid } from './tables.js';

/** One non-empty cell of a row. */
export interface RowCell {
  text: string;
  /** First column it covers (grid column for a table, cell index in its line otherwise). */
  col: number;
  /** Columns it covers. */
  span: number;
  /** Where the cell was read: its page and box when the input has boxes, else its page and line. */
  source: Provenance;
  /** True for a cell merged vertically from a row above (it belongs to this row too). */
  carried: boolean;
}

/** A row: its non-empty cells in column order, where the row was read, and its table (null for a line outside tables). */
export interface Row {
  cells: RowCell[];
  source: Provenance;
  table: string | null;
}

/** The cell of `row` covering column `col`, or undefined. */
export function cellAt(row: Row, col: number): RowCell | undefined {
  return row.cells.find((c) => c.col <= col && col < c.col + c.span);
}

/** The cells of a row that start on it (not merged from above). */
export const ownCells = (row: Row): RowCell[] => row.cells.filter((c) => !c.carried);

/**
 * The rows of a table in reading order: each grid row (each cell once per row
 * it covers; empty rows and rows of carried cells only left out), and where
 * the layout marks a line as a header printed again, that line's own cells:
 * a reader that follows the form row by row sees every heading where it is
 * printed (a section title the table finder took for a repeat included).
 */
function tableRows(table: LayoutTable, lines: LayoutLine[]): Row[] {
  const grid = tableGrid(table);
  const lineOf = new Map<number, LayoutLine>();
  for (const line of lines) if (line.table && !line.table.repeatedHeader && !lineOf.has(line.table.row)) lineOf.set(line.table.row, line);
  const firstCell = new Map<number, TableCell>();
  for (const cell of table.cells) if (!firstCell.has(cell.row)) firstCell.set(cell.row, cell);
  const rows: Row[] = [];
  let next = 0;
  const emitUpTo = (last: number) => {
    for (; next <= Math.min(last, grid.length - 1); next++) {
      const row = gridRow(table.id, grid[next]!, next, lineOf.get(next), firstCell.get(next));
      if (row) rows.push(row);
    }
  };
  for (const line of lines) {
    if (!line.table) continue;
    if (line.table.repeatedHeader) {
      const row = lineRow(line, table.id);
      if (row) rows.push(row);
    } else if (line.table.row >= next) emitUpTo(line.table.row);
  }
  emitUpTo(grid.length - 1);
  return rows;
}

function gridRow(table: string, slots: (TableCell | null)[], r: number, line: LayoutLine | undefined, first: TableCell | undefined): Row | null {
  const cells: RowCell[] = [];
  const seen = new Set<TableCell>();
  for (const cell of slots) {
    if (!cell || seen.has(cell)) continue;
    seen.add(cell);
    const text = cell.text.trim();
    if (text === '') continue;
    cells.push({ text, col: cell.col, span: Math.max(1, cell.colSpan), source: cellSource(cell), carried: cell.row < r });
  }
  const own = cells.filter((c) => !c.carried);
  if (own.length === 0) return null;
  const source: Provenance = line ? provenanceOf(line) : { page: first?.page ?? own[0]!.source.page, line: first?.line ?? own[0]!.source.line };
  if (!line) {
    const box = unionBox(own.map((c) => c.source).filter((s) => s.page === source.page));
    if (box) source.bbox = box;
  }
  return { cells, source, table };
}

/** A line as a row of its non-empty cells. */
function lineRow(line: LayoutLine, table: string | null): Row | null {
  const cells: RowCell[] = [];
  for (const c of line.cells) {
    const text = c.text.trim();
    if (text === '') continue;
    cells.push({ text, col: c.col, span: Math.max(1, c.colSpan ?? 1), source: cellProvenance(line, c) ?? provenanceOf(line), carried: false });
  }
  return cells.length > 0 ? { cells, source: provenanceOf(line), table } : null;
}

/** The smallest box holding every given box, or undefined when none has one. */
export function unionBox(sources: readonly Provenance[]): Provenance['bbox'] {
  let box: [number, number, number, number] | undefined;
  for (const s of sources) {
    if (!s.bbox) continue;
    const [x0, y0, x1, y1] = s.bbox;
    box = box ? [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)] : [x0, y0, x1, y1];
  }
  return box;
}

/** Every row of the document in reading order: table rows from their grids, other lines from their cells. */
export function documentRows(layout: LayoutDocument): Row[] {
  const rows: Row[] = [];
  for (const block of documentBlocks(layout)) {
    if (block.kind === 'table') {
      rows.push(...tableRows(block.table, block.lines));
      continue;
    }
    const row = lineRow(block.line, null);
    if (row) rows.push(row);
  }
  return rows;
}
