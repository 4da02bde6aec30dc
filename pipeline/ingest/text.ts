/**
 * Text input -> layout: form feeds split pages, each text line is a line,
 * tab-separated cells are cells. Line numbers are those of the file.
 *
 * Tables: a run of tab-separated lines (blank lines and page breaks inside
 * the run allowed) is one table; its rows are marked for `assembleTables`.
 */
import type { LayoutDocument, LayoutLine, LayoutPage } from '../../models/layout.js';
import { borderlessRegions, DEFAULT_BORDERLESS_SETTINGS, type BorderlessSettings } from './borderless.js';
import { continueTable, regionRows, type StreamColumns, type TextRun } from './pdf-layout.js';
import { markLinearizedTables } from './linearized.js';

/**
 * Columns aligned by spaces (`pdftotext -layout`, fixed-width exports): the
 * borderless-table settings in characters (a text line is one unit high, a
 * character one unit wide). Columns are at least two spaces apart; three
 * blank lines end a table; rows touch, so a row also starts where a cell has
 * ended (the next word would have fitted on its last line), and text under a
 * cell of the row above is not taken for that cell going on.
 */
export const ALIGNED_TEXT_SETTINGS: BorderlessSettings = {
  ...DEFAULT_BORDERLESS_SETTINGS,
  minColumnGap: 1.5,
  maxLineGap: 2.5,
  rowGap: 0.45,
  rowsByWrap: true,
  spaceWidth: 1,
  continueMergedCells: false,
  maxBandCrossings: 0,
  tableGap: Infinity,
  minNewTableCells: Infinity,
};

export function layoutFromText(text: string): LayoutDocument {
  const fileLines = text.split(/\r\n|\r|\n/);
  if (fileLines.length > 1 && fileLines[fileLines.length - 1] === '') fileLines.pop();
  const pages: LayoutPage[] = [newPage(1)];
  fileLines.forEach((fileLine, index) => {
    const parts = fileLine.split('\f');
    parts.forEach((part, k) => {
      if (k > 0) pages.push(newPage(pages.length + 1));
      // A form feed alone at the start of a line opens the page; it is not a line of its own.
      if (k > 0 && part === '' && k === parts.length - 1 && parts.length > 1 && fileLine.endsWith('\f')) return;
      if (k === 0 && part === '' && parts.length > 1) return;
      pages[pages.length - 1]!.lines.push(textLine(part, pages.length, index + 1));
    });
  });
  markTabTables(pages);
  markLinearizedTables(pages);
  markAlignedTables(pages);
  return { pages, tables: [] };
}

/** A text line as runs of words at their character positions. */
function wordRuns(text: string, y: number): TextRun[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], x: m.index, y, w: m[0].length, h: 1 }));
}

/**
 * Tables aligned by spaces: regions of lines without tabs whose words leave
 * white columns, rebuilt as table rows (a row of several lines is one line,
 * numbered as its first). A table continued on the next page keeps its id.
 */
function markAlignedTables(pages: LayoutPage[]): void {
  let previous: StreamColumns;
  let count = 0;
  for (const page of pages) {
    const free = page.lines.filter((l) => !l.table && l.text.trim() !== '');
    if (free.length < 2) continue;
    // Visual lines: the file lines without tabs, blank lines kept as vertical gaps.
    const runs = free.map((l) => wordRuns(l.text, page.lines.indexOf(l)));
    const regions = borderlessRegions(runs, ALIGNED_TEXT_SETTINGS);
    if (!regions.length) continue;
    const replaced = new Map<LayoutLine, LayoutLine | null>();
    regions.forEach((region, k) => {
      const table = continueTable(region.lefts, k === 0 ? previous : undefined, () => `aligned:${++count}`);
      previous = table;
      const rows = regionRows(runs, region, table.columns, table.id, ALIGNED_TEXT_SETTINGS);
      const members = free.slice(region.from, region.to + 1);
      for (const member of members) replaced.set(member, null);
      for (const row of rows) {
        const first = page.lines[row.top]!;
        replaced.set(first, { page: page.number, line: first.line, text: row.text, cells: row.cells.map(({ text, col }) => ({ text, col })), table: row.table! });
      }
    });
    page.lines = page.lines.flatMap((l) => {
      if (!replaced.has(l)) return [l];
      const row = replaced.get(l);
      return row ? [row] : [];
    });
  }
}

/** Lines with two or more tab-separated cells, in runs that blank lines do not break, are the rows of one table. */
function markTabTables(pages: LayoutPage[]): void {
  let id = 0;
  let open = false;
  for (const page of pages) {
    for (const line of page.lines) {
      if (line.cells.length >= 2) {
        if (!open) id++;
        open = true;
        line.table = { id: `tabs:${id}`, row: 0 };
      } else if (line.text.trim() !== '') open = false;
    }
  }
}

function newPage(number: number): LayoutPage {
  return { number, width: null, height: null, origin: 'text', lines: [] };
}

function textLine(raw: string, page: number, line: number): LayoutLine {
  return { page, line, text: raw, cells: raw.split('\t').map((part, col) => ({ text: part.trim(), col })) };
}
