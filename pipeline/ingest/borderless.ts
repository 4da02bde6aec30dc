/**
 * Borderless tables from text alignment (Camelot's "stream", pdfplumber's
 * text strategy): in a table printed without rules, the text of each column
 * stays inside the column, so across the rows of the table there are vertical
 * bands of white space that (almost) no line crosses. Those bands are the
 * column separators; prose, whose lines run across the page, has none.
 *
 * Pure geometry over visual lines of text runs, shared by the PDF text layer
 * and OCR words. Every tolerance is a named setting with its default.
 */
import type { TextRun } from './pdf-layout.js';
import { maxOf, minOf } from '../../extractors/shared/extent.js';

export interface BorderlessSettings {
  /** Narrowest white band between two columns, in text heights (a word space is about 0.3). Default 0.4. */
  minColumnGap: number;
  /** A line with a piece wider than this share of its block spans columns (a title row across the table, a long cell): it does not hide the white bands between columns. Default 0.4. */
  spanningWidth: number;
  /** Vertical gap, in text heights, that ends a block of lines. Default 3.5. */
  maxLineGap: number;
  /** A line of one piece wider than this share of its block, starting at the block's left edge, is prose and ends a table. Default 0.6. */
  proseWidth: number;
  /**
   * A line as wide (see `proseWidth`) split into three or more pieces all closer than this many text
   * heights is justified prose whose stretched word spaces passed `minColumnGap`, not a table row: it
   * ends a table too. Default 0.8 (columns stand further apart).
   */
  proseGap: number;
  /** Fewest visual lines with text in two or more columns for a region to be a table. Default 2. */
  minTabularLines: number;
  /** Vertical gap, in text heights, from which the next line of a table starts a new row (closer lines are a wrapped cell). Default 0.45. */
  rowGap: number;
  /**
   * Also start a new row where a cell has ended (see `spaceWidth`). For text without vertical spacing
   * (`pdftotext -layout`, fixed-width exports), where rows touch; a PDF's rows are told apart by their
   * padding. Default false.
   */
  rowsByWrap: boolean;
  /**
   * A line of one piece at the foot of a region, further below the line above than this many text
   * heights, is not part of the table (a page number, a footer, a note under the table). Default 1.5.
   */
  maxTrailingGap: number;
  /** Width of a space, in text heights, when judging whether the next word would have fitted on a cell's last line (then the cell has ended and the word starts a new row). Default 0.3. */
  spaceWidth: number;
  /**
   * A line that starts a new row but, in a column still empty in that row, goes on at line spacing under
   * the cell of the row above adds its text to that cell, which then covers the row below too (a cell
   * merged down over several rows, its text longer than its first row). For PDFs, where rows are told
   * apart by their padding; false for text, whose rows touch. Default true.
   */
  continueMergedCells: boolean;
  /**
   * Fewest characters of a one-word line, at its column's wrap edge, for it to be read as a word broken
   * because it was wider than the column (joined to the next line without a space: `STRUTTUR` / `A`);
   * a shorter word is whole (`milioni` / `di`). Word processors break inside a word only when the word
   * alone does not fit. Default 8.
   */
  minBrokenWord: number;
  /**
   * A white band may be crossed by this many lines (a title over a group of columns, `PIANO OPERATIVO`
   * over `N. | PESO | AZIONE`; cells merging columns) and still separate columns, when as many lines, and
   * at least `minBandSupport`, have text on both sides of it. 0 for text readers. Default 3.
   */
  maxBandCrossings: number;
  /** Fewest lines with text on both sides of a band crossed by some lines (`maxBandCrossings`) for it to separate columns. Default 1. */
  minBandSupport: number;
  /**
   * Vertical gap, in text heights, from which the lines below may be another table with columns of its
   * own (see `sameTable`); closer lines are one table. Infinity for text readers. Default 1.5.
   */
  tableGap: number;
  /**
   * A row (a row gap above its first line) of this many pieces or more may open a table of its own even
   * right under another (a header row, `N. | PESO | AZIONE | TEMPI`, under a label/value grid; a title
   * over it, `PIANO OPERATIVO` / `LIVELLO`), when its columns do not agree with those above (see
   * `sameTable`); the rows after it join it while theirs agree. Default 2.
   */
  minNewTableCells: number;
  /** Share of the column starts of a group of lines (of the two, the one with fewer) that, beyond it found among the other's, make the two one table (see `sameTable`). Default 0.5. */
  sharedColumns: number;
}

export const DEFAULT_BORDERLESS_SETTINGS: BorderlessSettings = {
  minColumnGap: 0.4,
  spanningWidth: 0.4,
  maxLineGap: 3.5,
  proseWidth: 0.6,
  proseGap: 0.8,
  minTabularLines: 2,
  rowGap: 0.45,
  spaceWidth: 0.3,
  rowsByWrap: false,
  maxTrailingGap: 1.5,
  continueMergedCells: true,
  minBrokenWord: 8,
  maxBandCrossings: 3,
  minBandSupport: 1,
  tableGap: 1.5,
  minNewTableCells: 2,
  sharedColumns: 0.5,
};

/** A table region: visual lines `from..to` (inclusive) and the left edge of each of its columns. */
export interface BorderlessRegion {
  from: number;
  to: number;
  lefts: number[];
}

export interface Piece {
  x0: number;
  x1: number;
}

const heightOf = (line: TextRun[]) => maxOf(line.map((r) => r.h));

/** The runs of a line grouped where the gap between them is narrower than a column gap. */
export function runPieces(line: TextRun[], minGap: number): TextRun[][] {
  const pieces: { runs: TextRun[]; x1: number }[] = [];
  for (const run of [...line].sort((a, b) => a.x - b.x)) {
    const last = pieces[pieces.length - 1];
    if (last && run.x - last.x1 < minGap) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.x + run.w);
    } else pieces.push({ runs: [run], x1: run.x + run.w });
  }
  return pieces.map((p) => p.runs);
}

/** A list bullet: a glyph alone, the dashes and stars only by themselves. */
export const BULLET_GLYPH = /^(?:[•●○◦▪▫■□‣∙·◆◇►▶➢➤✓✔❖]|[-–—*+])$/u;

/**
 * The pieces of a line; a bullet glyph opening the line is one piece with the
 * text after it (a bulleted list is lines, not a column of bullets beside a
 * column of text).
 */
function piecesOf(line: TextRun[], minGap: number): Piece[] {
  const pieces = runPieces(line, minGap).map((runs) => ({ x0: runs[0]!.x, x1: maxOf(runs.map((r) => r.x + r.w)), text: runs.map((r) => r.text).join('').trim() }));
  if (pieces.length >= 2 && BULLET_GLYPH.test(pieces[0]!.text)) pieces.splice(0, 2, { x0: pieces[0]!.x0, x1: pieces[1]!.x1, text: '' });
  return pieces.map(({ x0, x1 }) => ({ x0, x1 }));
}

/**
 * Column starts shared by many lines: x positions where at least this share
 * of the tabular lines start a piece (within 3 pt). A column whose separator
 * is crossed by overflowing text is still found by its aligned starts.
 */
const RECURRING_START_SHARE = 0.3;

function recurringStarts(lines: Piece[][], left: number): number[] {
  const starts = lines.filter((l) => l.length >= 2).flatMap((l) => l.slice(1).map((p) => p.x0)).sort((a, b) => a - b);
  const tabular = lines.filter((l) => l.length >= 2).length;
  const out: number[] = [];
  let k = 0;
  while (k < starts.length) {
    let e = k;
    while (e + 1 < starts.length && starts[e + 1]! - starts[k]! <= 3) e++;
    if (e - k + 1 >= Math.max(3, tabular * RECURRING_START_SHARE) && starts[k]! - left > 3) out.push(starts[k]!);
    k = e + 1;
  }
  return out;
}

/** White bands crossed by at most `allowed` lines, at least `minGap` wide, strictly inside [left, right]. */
function separators(lines: Piece[][], minGap: number, allowed: number): [number, number][] {
  const left = minOf(lines.flatMap((l) => l.map((p) => p.x0)));
  const right = maxOf(lines.flatMap((l) => l.map((p) => p.x1)));
  // Sweep over piece edges: how many lines cover each elementary interval.
  const events: [number, number][] = [];
  for (const line of lines) for (const p of line) events.push([p.x0, 1], [p.x1, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const bands: [number, number][] = [];
  let depth = 0;
  let start: number | null = null;
  for (const [x, d] of events) {
    const before = depth;
    depth += d;
    if (before > allowed && depth <= allowed) start = x;
    else if (before <= allowed && depth > allowed && start !== null) {
      if (x - start >= minGap && start > left && x < right) bands.push([start, x]);
      start = null;
    }
  }
  return bands;
}

/**
 * White bands crossed by a few lines (at most `maxBandCrossings`: a title over a group of columns, cells
 * merging columns) that at least as many lines split, and at least `minBandSupport`: lines with text
 * ending before the band and text starting after it, none across it.
 */
export function crossedBands(lines: Piece[][], minGap: number, settings: Pick<BorderlessSettings, 'maxBandCrossings' | 'minBandSupport'>): [number, number][] {
  const out: [number, number][] = [];
  for (let allowed = 1; allowed <= settings.maxBandCrossings; allowed++)
    for (const [a, b] of separators(lines, minGap, allowed)) {
      const crossing = lines.filter((line) => line.some((p) => p.x0 < b - 0.5 && p.x1 > a + 0.5)).length;
      const split = lines.filter((line) => line.some((p) => p.x1 <= a + 0.5) && line.some((p) => p.x0 >= b - 0.5) && line.every((p) => p.x1 <= a + 0.5 || p.x0 >= b - 0.5)).length;
      if (split >= settings.minBandSupport && split >= crossing) out.push([a, b]);
    }
  return out;
}

/** The borderless tables among a page's visual lines (top to bottom), as regions with their column edges. */
export function borderlessRegions(lines: TextRun[][], settings: BorderlessSettings = DEFAULT_BORDERLESS_SETTINGS): BorderlessRegion[] {
  const regions: BorderlessRegion[] = [];
  const h = (i: number) => heightOf(lines[i]!);
  let i = 0;
  while (i < lines.length) {
    // A block: lines closer than the gap that separates paragraphs from tables.
    let end = i;
    while (end + 1 < lines.length) {
      const gap = minOf(lines[end + 1]!.map((r) => r.y)) - maxOf(lines[end]!.map((r) => r.y + r.h));
      if (gap > h(end + 1) * settings.maxLineGap) break;
      end++;
    }
    regions.push(...regionsInBlock(lines, i, end, settings));
    i = end + 1;
  }
  return regions;
}

/** The white band before each column start of a group of lines: from the right end of the text before it to the start. */
function bandsBefore(starts: number[], lines: Piece[][]): [number, number][] {
  const pieces = lines.flat();
  return starts.map((start) => [maxOf(pieces.filter((p) => p.x1 <= start + 0.5).map((p) => p.x1)), start]);
}

/**
 * Two groups of lines apart by more than a table gap (or from a row of several cells) are one table when
 * the white band before every column of each overlaps one before a column of the other (a header of
 * centred labels over left- or right-aligned values, a right-aligned number starting further right), or
 * of the lower group at least where it has two bands or more (the upper one may have a band of its own,
 * made by a header label overhanging its column), when
 * the columns of both together keep every column of each, or when more than `sharedColumns` of the column
 * starts of the group with fewer are the other's (a row of a label/value grid whose cells merge other
 * columns, a title row over a header). A group without columns of its own joins its neighbour. A table
 * under another with column edges of its own (`N. | PESO | AZIONE` under a label/value grid) has bands
 * where the one above has text, and crosses its bands.
 */
export function sameTable(above: { lines: Piece[][]; starts: number[] }, below: { lines: Piece[][]; starts: number[] }, both: number[], sharedColumns: number): boolean {
  const [a, b] = [above.starts, below.starts];
  if (!a.length || !b.length) return true;
  const near = (x: number, ys: number[]) => ys.some((y) => Math.abs(x - y) <= 3);
  const [bandsA, bandsB] = [bandsBefore(a, above.lines), bandsBefore(b, below.lines)];
  const overlaps = (x: [number, number], ys: [number, number][]) => ys.some((y) => x[0] < y[1] && y[0] < x[1]);
  // Bands of the lines below all under bands above (two at least: a title row has one) are rows of the table.
  if ((bandsA.every((x) => overlaps(x, bandsB)) || bandsB.length >= 2) && bandsB.every((x) => overlaps(x, bandsA))) return true;
  if ([...a, ...b].every((x) => near(x, both))) return true;
  const [fewer, more] = a.length <= b.length ? [a, b] : [b, a];
  return fewer.filter((x) => near(x, more)).length > fewer.length * sharedColumns;
}

/** The column starts (beyond the left edge) of a table region's lines; `width` is the block's, against which a piece spans columns. */
function columnStarts(region: Piece[][], lines: TextRun[][], width: number, settings: BorderlessSettings): number[] {
  const height = minOf(lines.map(heightOf));
  // Lines with a piece wider than a share of the region (a title row across the table, a long cell) do not hide the columns.
  const narrow = region.filter((line) => line.every((p) => p.x1 - p.x0 <= width * settings.spanningWidth));
  const bands = narrow.length ? separators(narrow, height * settings.minColumnGap, 0) : [];
  if (narrow.length && settings.maxBandCrossings > 0) bands.push(...crossedBands(narrow, height * settings.minColumnGap, settings));
  const regionLeft = minOf(region.flatMap((l) => l.map((p) => p.x0)));
  // Column starts: where a white band ends, and where many lines start a piece at the same x.
  const starts = [...bands.map(([, b]) => b), ...recurringStarts(region, regionLeft)].sort((a, b) => a - b).filter((x, n, all) => n === 0 || x - all[n - 1]! > 3);
  // A start with nothing of its own before the next one (every piece starting there runs past the next
  // start: a centred column, `Unità` / `di` / `misura` over `%`) is one column with the next.
  const own = (a: number, b: number) => region.every((line) => line.every((p) => p.x0 < a - 1.5 || p.x0 >= b - 1.5 || p.x1 > b));
  for (let n = starts.length - 2; n >= 0; n--) if (own(starts[n]!, starts[n + 1]!)) starts.splice(n + 1, 1);
  return starts;
}

function regionsInBlock(lines: TextRun[][], from: number, to: number, settings: BorderlessSettings): BorderlessRegion[] {
  const out: BorderlessRegion[] = [];
  const pieces = lines.slice(from, to + 1).map((l) => piecesOf(l, heightOf(l) * settings.minColumnGap));
  const left = minOf(pieces.flatMap((l) => l.map((p) => p.x0)));
  const right = maxOf(pieces.flatMap((l) => l.map((p) => p.x1)));
  // Prose: one piece across most of the block from its left edge, or a justified line whose stretched
  // word spaces split it into pieces all closer than `proseGap`.
  const isProse = (n: number) => {
    const line = pieces[n]!;
    const spread = line[line.length - 1]!.x1 - line[0]!.x0 > (right - left) * settings.proseWidth && line[0]!.x0 - left < 2 * 1.5;
    if (!spread) return false;
    const h = heightOf(lines[from + n]!);
    return line.length === 1 || (line.length >= 3 && line.every((p, i) => i === 0 || p.x0 - line[i - 1]!.x1 < h * settings.proseGap));
  };
  let k = 0;
  while (k < pieces.length) {
    if (isProse(k) || pieces[k]!.length < 2) {
      k++;
      continue;
    }
    // From a line of two or more pieces, up to the next prose line.
    let e = k;
    while (e + 1 < pieces.length && !isProse(e + 1)) e++;
    // Lines of one piece standing apart at the foot: a footer or a note, not rows.
    const gapAbove = (n: number) => minOf(lines[from + n]!.map((r) => r.y)) - maxOf(lines[from + n - 1]!.map((r) => r.y + r.h));
    while (e > k && pieces[e]!.length === 1 && gapAbove(e) > heightOf(lines[from + e]!) * settings.maxTrailingGap) e--;
    // Groups of lines apart by more than a table gap, or from a line of many cells, are one table only when their columns agree.
    const groups: [number, number][] = [];
    for (let n = k; n <= e; n++) {
      const last = groups[groups.length - 1];
      const h = heightOf(lines[from + n]!);
      const apart = n > k && (gapAbove(n) > h * settings.tableGap || (pieces[n]!.length >= settings.minNewTableCells && gapAbove(n) > h * settings.rowGap));
      if (last && !apart) last[1] = n;
      else groups.push([n, n]);
    }
    const startsOf = (a: number, b: number) => columnStarts(pieces.slice(a, b + 1), lines.slice(from + a, from + b + 1), right - left, settings);
    const tables: [number, number][] = [];
    for (const group of groups) {
      const last = tables[tables.length - 1];
      const part = ([a, b]: [number, number]) => ({ lines: pieces.slice(a, b + 1), starts: startsOf(a, b) });
      if (last && sameTable(part(last), part(group), startsOf(last[0], group[1]), settings.sharedColumns)) last[1] = group[1];
      else tables.push([...group]);
    }
    for (const [a, b] of tables) {
      const region = pieces.slice(a, b + 1);
      const starts = startsOf(a, b);
      if (!starts.length) continue;
      const regionLeft = minOf(region.flatMap((l) => l.map((p) => p.x0)));
      const columnOf = (x: number) => starts.filter((edge) => edge <= x + 1.5).length;
      const tabular = region.filter((line) => new Set(line.map((p) => columnOf(p.x0))).size >= 2).length;
      if (tabular >= settings.minTabularLines) out.push({ from: from + a, to: from + b, lefts: [regionLeft, ...starts] });
    }
    k = e + 1;
  }
  return out;
}
