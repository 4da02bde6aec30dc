/**
 * The layout representation every ingestion path (text, PDF, OCR) produces and
 * every extractor reads, each piece with provenance. Extractors never know
 * where their input came from.
 *
 * - `pages[].lines`: every visual line in reading order, table rows included
 *   (a row is one line; its cells are the row's cells, its text the cells
 *   joined by tabs). A line that is a table row says so in `table`.
 * - `tables`: the tables of the document as grids of cells (Docling's
 *   `TableData`): each cell has its row and column, its spans, a header flag,
 *   the page and box it was read from. A table continued over a page break is
 *   one table; header rows repeated on the next page are recognized and not
 *   repeated in the grid (their lines say `repeatedHeader`).
 *
 * The blocks of a page (lines and tables in reading order) are `pageBlocks()`
 * in `extractors/shared/tables.ts`: lines that are rows of one table form one
 * table block.
 */
import { z } from 'zod';

export const LayoutCell = z.object({
  text: z.string().describe('Cell text, trimmed.'),
  col: z.number().int().min(0).describe('Column index in its line (0-based), counting empty cells.'),
  colSpan: z.number().int().min(1).optional(),
  rowSpan: z.number().int().min(1).optional().describe('Rows of its table the cell covers, from this line down (a vertically merged cell); the lines below hold an empty cell in its place.'),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  confidence: z.number().min(0).max(1).optional(),
});
export type LayoutCell = z.infer<typeof LayoutCell>;

const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[x0, y0, x1, y1] in points, origin top left (absent for text input).');

export const LayoutLine = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1).describe('1-based; for text input the line number in the file.'),
  text: z.string().describe('The whole line as read (cells joined by tabs for text input).'),
  cells: z.array(LayoutCell),
  bbox: BBox.optional(),
  confidence: z.number().min(0).max(1).optional(),
  table: z
    .object({
      id: z.string(),
      row: z.number().int().min(0).describe('Row of the table grid this line is; for a repeated header, the header row it repeats.'),
      repeatedHeader: z.boolean().optional().describe('A header row printed again after a page break: not a row of its own in the grid.'),
    })
    .optional()
    .describe('Set when the line is a row of a table in `LayoutDocument.tables`.'),
});
export type LayoutLine = z.infer<typeof LayoutLine>;

export const LayoutPage = z.object({
  number: z.number().int().min(1),
  width: z.number().nullable(),
  height: z.number().nullable(),
  origin: z.enum(['text', 'pdf-text', 'ocr']),
  lines: z.array(LayoutLine),
});
export type LayoutPage = z.infer<typeof LayoutPage>;

/** One cell of a table grid: it covers rows `row .. row+rowSpan-1` and columns `col .. col+colSpan-1`. */
export const TableCell = z.object({
  row: z.number().int().min(0),
  col: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  text: z.string().describe('Cell text, trimmed; the lines of a wrapped cell joined by spaces.'),
  header: z.boolean().describe('True for a column header cell.'),
  page: z.number().int().min(1).describe('Page the cell was read on (its first page when it is split by a page break).'),
  line: z.number().int().min(1).describe('Layout line of the row the cell starts on (for text input, the line of the file).'),
  bbox: BBox.optional(),
  confidence: z.number().min(0).max(1).optional(),
});
export type TableCell = z.infer<typeof TableCell>;

export const LayoutTable = z.object({
  id: z.string().describe('Stable within the document: `t1`, `t2`, … in reading order.'),
  pages: z.array(z.number().int().min(1)).describe('Pages the table is printed on.'),
  rows: z.number().int().min(0),
  cols: z.number().int().min(0),
  headerRows: z.number().int().min(0).describe('How many rows at the top are column headers.'),
  cells: z.array(TableCell).describe('Anchored cells, row by row; a spanning cell appears once, at its top left.'),
  origin: z
    .enum(['tabs', 'aligned', 'linearized', 'lattice', 'stream'])
    .describe('How the table was found: tab-separated text, columns aligned by spaces, one cell per line, ruling lines, text alignment.'),
  confidence: z.number().min(0).max(1).describe('How sure the reader is that this is a table with these columns.'),
});
export type LayoutTable = z.infer<typeof LayoutTable>;

export const LayoutDocument = z.object({ pages: z.array(LayoutPage), tables: z.array(LayoutTable) });
export type LayoutDocument = z.infer<typeof LayoutDocument>;
