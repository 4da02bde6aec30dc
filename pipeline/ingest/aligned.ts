/**
 * Rows of tables aligned by spaces (`pdftotext -layout`, fixed-width
 * exports), from evidence a text has and a PDF's geometry does not.
 *
 * In a text export every row of a table starts on a line of its own, and a
 * column of single values (a number, a mark, a date: `1`, `25`, `X`, `-`,
 * `4.137,93`) prints its value on the first line of its row and never wraps.
 * Such a column is an anchor: a line with a value in an anchor column starts
 * a new row, and every line without one goes on with the row above (a wrapped
 * cell, a cell merged down whose text runs past its first row, a cell
 * centred in a row of several lines). The lines above the first value are
 * the header, however many lines it is split over.
 *
 * A table without such a column is left to the wrap rules of `regionRows`.
 */
import { runPieces } from './borderless.js';
import type { TextRun } from './pdf-layout.js';

export interface AnchorSettings {
  /** Fewest values in a column for it to be an anchor. Default 2. */
  minAnchorValues: number;
  /**
   * Share of a column's pieces, from its first value down, that must be values for it to be an
   * anchor (a column of text that sometimes holds a number is not). Default 0.8.
   */
  anchorShare: number;
  /** Narrowest white gap between two columns, in characters (see `BorderlessSettings.minColumnGap`). Default 1.5. */
  minColumnGap: number;
  /**
   * A line with no value starts a row only when each of its pieces stands under a cell whose last line,
   * with the piece's first word after it, fills less than this share of its column's width (the cell
   * has surely ended: the word would have fitted). Default 0.75.
   */
  endedShare: number;
  /** Fewest pieces of a table's first line for its starts to be columns (see `headerColumns`). Default 3. */
  minHeaderPieces: number;
  /** A header's word within this many characters of a column start found by the white bands is at that column. Default 3. */
  headerTolerance: number;
  /** Fewest lines under a header's word starting a piece at its start for it to be a column. Default 3. */
  minHeaderSupport: number;
  /** Share of the lines under a header's word that must start a piece at its start for it to be a column. Default 0.2. */
  headerSupportShare: number;
  /** How far left of a column's start, in characters, a piece may begin and still be in the column. Default 1.5. */
  columnTolerance: number;
}

export const DEFAULT_ANCHOR_SETTINGS: AnchorSettings = {
  minAnchorValues: 2,
  anchorShare: 0.8,
  minColumnGap: 1.5,
  endedShare: 0.85,
  minHeaderPieces: 3,
  headerTolerance: 3,
  minHeaderSupport: 3,
  headerSupportShare: 0.1,
  columnTolerance: 1.5,
};

/**
 * A single value that never wraps: a number (with a sign, a comparison, a
 * percent sign, Italian separators), a mark (`X`, `x`, a dash, a tick),
 * `n.d.`, or a code (`D.1`, `TM.1`, `S1-1_1`, `FIN.01`: a few letters, then
 * numbers joined by dots, dashes or underscores).
 */
export const ANCHOR_VALUE = /^(?:(?:[<>≤≥]=?|=)?\s*[-+]?\d+(?:[.,]\d+)*\s*%?|[xX✓✔✗-]|[–—]|n\.\s?d\.?|\p{Lu}[\p{L}]{0,5}\d*[._-]?\d+(?:[._-]\d+)*)$/u;

/** The column (index into `columns`, the left edges) a piece starting at `x` is in. */
function columnAt(columns: number[], x: number, tolerance: number): number {
  let best = 0;
  columns.forEach((c, k) => {
    if (c <= x + tolerance) best = k;
  });
  return best;
}

interface Piece {
  col: number;
  text: string;
  x0: number;
  x1: number;
}

/**
 * The pieces of each line (words closer than a column gap), with their column, text and extent; a piece
 * is split where one of its words starts at a column (`Digitalizzazion X`: a cell, then a mark one space
 * away).
 */
function placedPieces(lines: TextRun[][], columns: number[], settings: AnchorSettings): Piece[][] {
  const piece = (runs: TextRun[]): Piece => ({
    col: columnAt(columns, runs[0]!.x, settings.columnTolerance),
    text: runs.map((r) => r.text).join(' '),
    x0: runs[0]!.x,
    x1: Math.max(...runs.map((r) => r.x + r.w)),
  });
  return lines.map((line) =>
    runPieces(line, settings.minColumnGap).flatMap((runs) => {
      const out: Piece[] = [];
      let current: TextRun[] = [];
      for (const run of runs) {
        if (current.length && columns.some((c) => Math.abs(c - run.x) <= settings.columnTolerance && c > current[0]!.x + settings.columnTolerance)) {
          out.push(piece(current));
          current = [];
        }
        current.push(run);
      }
      out.push(piece(current));
      return out;
    }),
  );
}

const YEAR = /^(?:19|20)\d\d$/;

/** A comparison sign alone: a value whose number went to the next line. */
const COMPARISON = /^(?:[<>≤≥]=?|=)$/u;

/** A piece is a value when its first word is one (`X entro il 31.12.2025`: a mark, then the next column one space away). */
const isValue = (p: Piece) => ANCHOR_VALUE.test(p.text) || ANCHOR_VALUE.test(p.text.split(' ')[0]!);

/** The anchor columns of a table's lines: columns whose pieces are, from the first value down, (almost) all values. */
export function anchorColumns(lines: TextRun[][], columns: number[], settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS): number[] {
  const placed = placedPieces(lines, columns, settings);
  const out: number[] = [];
  columns.forEach((_, col) => {
    const pieces = placed.flatMap((line) => line.filter((p) => p.col === col));
    const first = pieces.findIndex(isValue);
    if (first < 0) return;
    const below = pieces.slice(first);
    const values = below.filter(isValue).length;
    if (values >= settings.minAnchorValues && values >= below.length * settings.anchorShare) out.push(col);
  });
  return out;
}

/**
 * The rows of a table's lines told apart by its anchor columns: `groups`,
 * line indexes (into `lines`) from `from` down, each group a row. The block
 * of lines right above the first value (no blank line between) is one group,
 * the header (`headerLines`, when known from the page before, its length:
 * the lines after it are one more group, the rest of a row split by the
 * page break). Lines above `from`, a blank line further up, are not told
 * apart by anchors, nor lines from `to` on (see below). Null when the table has no anchor column.
 */
export function anchorRowGroups(lines: TextRun[][], columns: number[], settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS, headerLines = 0): { from: number; to: number; groups: number[][] } | null {
  const anchors = anchorColumns(lines, columns, settings);
  if (!anchors.length) return null;
  const placed = placedPieces(lines, columns, settings);
  /** Whether the cell of each column in the row being read holds a value (it is whole: nothing goes on under it). */
  let valueCell: boolean[] = columns.map(() => false);
  // A comparison alone (`>=`) is a value printed over two lines: the number under it is the same value.
  const underComparison = (n: number, p: Piece) => n > 0 && placed[n - 1]!.some((q) => q.col === p.col && COMPARISON.test(q.text));
  // Lines are one unit apart: a larger step is a blank line.
  const y = (n: number) => lines[n]![0]!.y;
  const hasValue = (n: number) =>
    placed[n]!.some((p) => anchors.includes(p.col) && ((isValue(p) && !underComparison(n, p)) || COMPARISON.test(p.text) || (valueCell[p.col] && !underComparison(n, p))));
  // How far right text goes in each column (a piece running over the next column does not count): the
  // width a cell wraps at. A cell has ended when the next word would have fitted on its last line.
  const wrapAt = columns.map((_, col) => {
    const inside = placed.flat().filter((p) => p.col === col && (col + 1 >= columns.length || p.x1 <= columns[col + 1]! + settings.columnTolerance));
    return inside.length ? Math.max(...inside.map((p) => p.x1)) : Infinity;
  });
  let lastRight: number[] = columns.map(() => -Infinity);
  // Character positions of a text export are rounded from a proportional font: only a cell that ends well
  // short of its width (`endedShare`) has surely ended.
  const ended = (p: Piece) =>
    lastRight[p.col]! > -Infinity && lastRight[p.col]! + 1 + p.text.split(' ')[0]!.length - columns[p.col]! < (wrapAt[p.col]! - columns[p.col]!) * settings.endedShare;
  // A new row: a value in an anchor column, or a line all of whose text stands under cells that have ended
  // (a line under the table's last row that is not of the table, a row without values), one in the first column.
  // Without a value, a new row shows in its first column: text going on in the other columns while the
  // first is silent is a cell wrapping (capitals print wider than the character grid says).
  // A title across the table (`AMBITO: RICERCA`): one piece, in the first column, running over the next.
  const title = (n: number) => placed[n]!.length === 1 && placed[n]![0]!.col === 0 && columns.length > 1 && placed[n]![0]!.x1 > columns[1]!;
  const startsRow = (n: number) => hasValue(n) || title(n) || (placed[n]!.some((p) => p.col === 0) && placed[n]!.every(ended));
  // A line of years alone (`2025 2026 2027` under `Target`) is the header's last line, not a row.
  const years = (n: number) => placed[n]!.length > 0 && placed[n]!.every((p) => p.text.split(' ').every((w) => YEAR.test(w)));
  const firstValue = placed.findIndex((_, n) => hasValue(n) && !(n > 0 && years(n) && y(n) - y(n - 1) <= 1));
  let from = firstValue;
  if (headerLines > 0) from = 0;
  else while (from > 0 && y(from) - y(from - 1) <= 1) from--;
  const groups: number[][] = [];
  let to = lines.length;
  for (let n = from; n < lines.length; n++) {
    // After a blank line, a line with text in the first column starts what is not a row of this table
    // (another table under it with its own header, a list): a row's cells go on after a blank line (a
    // cell centred in a tall row leaves blank lines) but a new row does not start after one.
    if (n > firstValue && y(n) - y(n - 1) > 1 && placed[n]!.some((p) => p.col === 0)) {
      to = n;
      break;
    }
    // In the first group (the header, or the first row) only a value starts a row: a header's words stand
    // one under the other (`Linea` / `Mandato`, `N.` / `DIP.`) in short lines.
    const first = groups.length === 1;
    const header = first && (headerLines > 0 ? n <= headerLines : n < firstValue);
    if (!groups.length || (header ? (headerLines > 0 ? n === headerLines : n === firstValue - 1 && title(n)) : first ? hasValue(n) || title(n) : startsRow(n))) {
      groups.push([n]);
      lastRight = columns.map(() => -Infinity);
      valueCell = columns.map(() => false);
    } else groups[groups.length - 1]!.push(n);
    for (const p of placed[n]!) {
      lastRight[p.col] = p.x1;
      valueCell[p.col] = anchors.includes(p.col) && isValue(p) && !header;
    }
  }
  return { from, to, groups };
}

/**
 * The column starts of a table in text, with those of its first line (the header): each of its pieces
 * starts a column, and so does each word of a piece of values (`2024 2025 2026`, one space apart). The
 * white bands under a header are crossed where a cell's text runs over (a text export rounds positions),
 * but the header names every column. A start within `headerTolerance` of one found already is that one;
 * a first line of fewer than `minHeaderPieces` pieces is not read as a header.
 */
export function headerColumns(lines: TextRun[][], lefts: number[], settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS): number[] {
  const first = lines[0];
  if (!first) return lefts;
  const starts: number[] = [];
  for (const runs of runPieces(first, settings.minColumnGap)) {
    if (runs.length > 1 && runs.every((r) => ANCHOR_VALUE.test(r.text))) starts.push(...runs.map((r) => r.x));
    else starts.push(runs[0]!.x);
  }
  if (starts.length < settings.minHeaderPieces) return lefts;
  // A header centred over its column starts nowhere near it: a start is a column only where the rows
  // below start pieces too (after a column gap: `FIN.01 - Riduzione` starts a word under a centred header).
  const below = lines.slice(1);
  const pieceStarts = below.map((line) => runPieces(line, settings.minColumnGap).map((runs) => runs[0]!.x));
  const supported = (x: number) => pieceStarts.filter((line) => line.some((s) => Math.abs(s - x) <= settings.headerTolerance)).length >= Math.max(settings.minHeaderSupport, below.length * settings.headerSupportShare);
  const out = [...lefts];
  for (const x of starts) if (x > out[0]! && !out.some((c) => Math.abs(c - x) <= settings.headerTolerance) && supported(x)) out.push(x);
  return out.sort((a, b) => a - b);
}

/**
 * The columns of a table whose header is printed again on a new page (the same words in the same order,
 * moved: a text export aligns each page on its own): each column of the table above moves as the first
 * of its header's words has moved (a header centred over its column moves with it; the first column
 * starts at `left` at the latest). Null when the words differ or a
 * column has no header word of its own.
 */
export function repeatedHeaderColumns(header: TextRun[], columns: number[], again: TextRun[], left: number, settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS): number[] | null {
  if (header.length !== again.length || header.some((r, k) => r.text !== again[k]!.text)) return null;
  const out: number[] = [];
  for (let col = 0; col < columns.length; col++) {
    const k = header.findIndex((r) => columnAt(columns, r.x, settings.columnTolerance) === col);
    if (k < 0) return null;
    out.push(col === 0 ? Math.min(left, columns[0]! + again[k]!.x - header[k]!.x) : columns[col]! + again[k]!.x - header[k]!.x);
  }
  return out.every((x, k) => k === 0 || x > out[k - 1]!) ? out : null;
}
