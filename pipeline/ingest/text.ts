/**
 * Text input -> layout: form feeds split pages, each text line is a line,
 * tab-separated cells are cells. Line numbers are those of the file.
 *
 * Tables: a run of tab-separated lines (blank lines and page breaks inside
 * the run allowed) is one table; its rows are marked for `assembleTables`.
 */
import type { LayoutDocument, LayoutLine, LayoutPage } from '../../models/layout.js';
import { borderlessRegions, DEFAULT_BORDERLESS_SETTINGS, type BorderlessRegion, type BorderlessSettings } from './borderless.js';
import { continueTable, regionRows, type PlacedLine, type StreamColumns, type TextRun } from './pdf-layout.js';
import { markLinearizedTables } from './linearized.js';
import { anchorColumns, anchorRowGroups, DEFAULT_ANCHOR_SETTINGS, headerColumns, repeatedHeaderColumns } from './aligned.js';

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
  /** First line and length of the header of the last table told apart by anchors. */
  let header: { text: string; lines: number } | undefined;
  /** The first line (header) of the last table opened. */
  let last: { header: TextRun[] } | undefined;
  for (const page of pages) {
    const free = page.lines.filter((l) => !l.table && l.text.trim() !== '');
    if (free.length < 2) continue;
    // Visual lines: the file lines without tabs, blank lines kept as vertical gaps.
    const runs = free.map((l) => wordRuns(l.text, page.lines.indexOf(l)));
    const regions = joinBlankSeparated(borderlessRegions(runs, ALIGNED_TEXT_SETTINGS), runs);
    if (!regions.length) continue;
    const replaced = new Map<LayoutLine, LayoutLine | null>();
    regions.forEach((region, k) => {
      // A table of values (an anchor column) has a header naming its columns; a region of labels and values has none.
      const regionLines = runs.slice(region.from, region.to + 1);
      const named = headerColumns(regionLines, region.lefts, DEFAULT_ANCHOR_SETTINGS);
      const lefts = anchorColumns(regionLines, named, DEFAULT_ANCHOR_SETTINGS).length ? named : region.lefts;
      const first = runs[region.from]!;
      // The header printed again at the top of the next page: the same table, its columns where its header's words are now.
      const again = k === 0 && previous && last ? repeatedHeaderColumns(last.header, previous.columns, first, region.lefts[0]!, DEFAULT_ANCHOR_SETTINGS) : null;
      const table = again ? { columns: again, id: previous!.id } : continueTable(lefts, k === 0 ? previous : undefined, () => `aligned:${++count}`);
      if (!again && table !== previous) last = { header: first };
      previous = table;
      const read = alignedRows(runs, region, table.columns, table.id, header);
      header = read.header ?? header;
      const rows = read.rows;
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

/**
 * Regions with nothing but blank lines between them (and at most one line
 * of a cell going on), the later one's columns
 * (`ALIGNED_JOIN_SHARE` of them) where the earlier ones have theirs, are one
 * table: a tall row prints blank lines beside a cell centred or rotated in it
 * (`GENERALE` written upwards across a row of the distribution table).
 */
const ALIGNED_JOIN_SHARE = 0.7;
/** Characters within which a column start of one region is where another region has one. */
const ALIGNED_COLUMN_TOLERANCE = 3;

function joinBlankSeparated(regions: BorderlessRegion[], runs: TextRun[][]): BorderlessRegion[] {
  const out: BorderlessRegion[] = [];
  let seen: number[] = [];
  for (const region of regions) {
    const last = out[out.length - 1];
    const near = region.lefts.filter((x) => seen.some((c) => Math.abs(c - x) <= ALIGNED_COLUMN_TOLERANCE)).length;
    // Between them, blank lines and at most one line of a cell going on (indented into the table's columns,
    // left out of the region above as a line standing apart at its foot).
    const between = last ? runs.slice(last.to + 1, region.from) : [];
    const onlyCell = between.length === 0 || (between.length === 1 && between[0]![0]!.x > last!.lefts[0]! + ALIGNED_COLUMN_TOLERANCE);
    if (last && onlyCell && near >= region.lefts.length * ALIGNED_JOIN_SHARE) {
      last.to = region.to;
      seen.push(...region.lefts);
    } else {
      out.push({ ...region });
      seen = [...region.lefts];
    }
  }
  return out;
}

/**
 * The rows of one aligned region: told apart by its anchor columns (see
 * `anchorRowGroups`), each group of lines one row; without an anchor column,
 * by the wrap rules of `regionRows`.
 */
function alignedRows(runs: TextRun[][], region: { from: number; to: number }, columns: number[], id: string, header: { text: string; lines: number } | undefined): { rows: PlacedLine[]; header: { text: string; lines: number } | undefined } {
  const lines = runs.slice(region.from, region.to + 1);
  const again = header !== undefined && lines.length > 0 && textOf(lines[0]!) === header.text;
  const anchored = anchorRowGroups(lines, columns, DEFAULT_ANCHOR_SETTINGS, again ? header.lines : 0);
  if (!anchored) return { rows: regionRows(runs, region, columns, id, ALIGNED_TEXT_SETTINGS), header: undefined };
  const oneRow: BorderlessSettings = { ...ALIGNED_TEXT_SETTINGS, rowsByWrap: false, rowGap: Infinity, continueMergedCells: false };
  const { from, to, groups } = anchored;
  // Lines above and below the rows told apart by anchors, read by the wrap rules over the whole region
  // (its columns' widths); a blank line stands before each part, where the wrap rules start a row too.
  const y = (n: number) => lines[n]![0]!.y;
  const byWrap = from > 0 || to < lines.length ? regionRows(runs, region, columns, id, ALIGNED_TEXT_SETTINGS) : [];
  const above = byWrap.filter((row) => row.top < y(from));
  const below = to < lines.length ? byWrap.filter((row) => row.top >= y(to)) : [];
  const rows = groups.flatMap((g) => regionRows(runs, { from: region.from + g[0]!, to: region.from + g[g.length - 1]! }, columns, id, oneRow));
  return { rows: [...above, ...rows, ...below], header: { text: textOf(lines[from]!), lines: again ? header.lines : groups[0]!.length } };
}

/** A line's words, one space apart (a header printed again, its columns moved). */
const textOf = (line: TextRun[]) => line.map((r) => r.text).join(' ');

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
