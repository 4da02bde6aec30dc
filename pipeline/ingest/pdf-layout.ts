/**
 * Page geometry -> the layout representation (pages -> lines -> cells).
 * Pure functions over positioned text runs and ruling lines, in page points
 * with the origin at the top left (y grows downwards), so they are shared by
 * the PDF text layer and by OCR words.
 *
 * - Lattice tables: ruling lines (strokes or thin filled rectangles) make a
 *   grid; a cell without a rule on one side is merged with its neighbour
 *   (spanning cells); every band between horizontal rules is one row; the
 *   lines of text inside a cell are one cell text.
 * - Stream tables: lines whose text falls into columns separated by wide gaps;
 *   a row is a group of lines closer than a row gap; a wrapped cell is one cell.
 * - Everything else: one layout line per visual line.
 * - Document level: running headers/footers (same text, digits aside, at the
 *   same height on most pages) are dropped; a lattice row left open at the foot
 *   of a page is joined with the open row at the head of the next one.
 *
 * The tolerances are named settings with their defaults: `LatticeSettings`
 * for ruled tables and the page passes, `BorderlessSettings` for the rest.
 */
import type { LayoutCell, LayoutLine, LayoutPage } from '../../models/layout.js';
import { borderlessRegions, DEFAULT_BORDERLESS_SETTINGS, runPieces, type BorderlessSettings } from './borderless.js';
import { maxOf, minOf } from '../../extractors/shared/extent.js';

export type BBox = [number, number, number, number];

/** A piece of text at a position: a pdf.js text item, or an OCR word. */
export interface TextRun {
  text: string;
  x: number;
  /** Top of the glyph box. */
  y: number;
  w: number;
  h: number;
  confidence?: number;
}

/** An axis-aligned ruling line. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageGeometry {
  number: number;
  width: number;
  height: number;
  origin: LayoutPage['origin'];
  runs: TextRun[];
  rules: Rule[];
}

/**
 * Borderless tables on OCR pages: the column bands as for a text layer, without the per-table
 * column sets and the bands crossed by a few lines. OCR word boxes are noisy (a stray word, a
 * speck read as a letter, a word split in two): a band crossed by three lines and groups cut at
 * every row of two pieces split a scanned table into many small ones (a mixed PDF of seed 002
 * lost every objective of its two scanned pages with them).
 */
export const OCR_BORDERLESS_SETTINGS: BorderlessSettings = { ...DEFAULT_BORDERLESS_SETTINGS, maxBandCrossings: 0, tableGap: Infinity, minNewTableCells: Infinity };

/** A layout line plus what the document-level passes need to know. */
export interface PlacedLine extends LayoutLine {
  top: number;
  bottom: number;
  openTop?: boolean;
  openBottom?: boolean;
  lattice?: boolean;
}

/** Points within which two text positions are the same (a column start, a cell edge) in the borderless reader. */
const TOL = 1.5;

/**
 * Tolerances of the ruled-table ("lattice") finder and of the page passes
 * around it (running headers, tables continued over a page break), each with
 * its default, as `BorderlessSettings` has for tables without rules.
 */
export interface LatticeSettings {
  /** Points within which a stroke counts as horizontal or vertical, and collinear strokes are one rule; twice this joins rules that meet, rule ends and grid columns. Default 1.5. */
  ruleTolerance: number;
  /** Shortest stroke (points) read as a rule; shorter ones are glyph parts, ticks, underlines of a letter. Default 4. */
  minRuleLength: number;
  /** Share of a run's height that must lie between a table's top and bottom rules for the run to be read into the table (a run cut by the table's outer edge); a line under the table whose glyph box grazes the last rule stays out. Default 0.25. */
  overflowInside: number;
  /** Share of the page height, from the top and from the bottom, where a table continued over a page break ends and starts again (running headers and footers live there). Default 0.2. */
  continuationMargin: number;
  /** Most lines, all in the bottom margin (`continuationMargin`), that may stand between a table and the foot of its page when the table goes on on the next page: a footer the running-line pass did not recognize. Default 2. */
  footerLines: number;
  /** How far apart (points) the same running header may sit on two pages: a scan's deskew moves it a little. Default 8. */
  runningDrift: number;
  /** Fewest filled cells of a borderless table row at a page's edge for it to stay a row, never a running header (a table's header row repeated on every page: the first is the header, the layout stage recognizes the others). Default 3. */
  minTableRowCells: number;
  /** Shortest word (letters) read as broken without a hyphen at a cell's edge (`joinCellLines`): a cell's width is known from its rules, so a short piece (`Inf` / `ormatica`, `PES` / `O`) is evidence enough. Default 3. */
  minBrokenWord: number;
}

export const DEFAULT_LATTICE_SETTINGS: LatticeSettings = {
  ruleTolerance: 1.5,
  minRuleLength: 4,
  overflowInside: 0.25,
  continuationMargin: 0.2,
  footerLines: 2,
  runningDrift: 8,
  minTableRowCells: 3,
  minBrokenWord: 3,
};
const round = (n: number) => Math.round(n * 10) / 10;
const bboxOf = (runs: { x: number; y: number; w: number; h: number }[]): BBox => [
  round(minOf(runs.map((r) => r.x))),
  round(minOf(runs.map((r) => r.y))),
  round(maxOf(runs.map((r) => r.x + r.w))),
  round(maxOf(runs.map((r) => r.y + r.h))),
];
const meanConfidence = (runs: TextRun[]): number | undefined => {
  const values = runs.map((r) => r.confidence).filter((c): c is number => c !== undefined);
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000 : undefined;
};

/** A table row is as reliable as its weakest cell (OCR confidence; undefined for a text layer). */
const weakest = (cells: LayoutCell[]): number | undefined => {
  const values = cells.map((c) => c.confidence).filter((c): c is number => c !== undefined);
  return values.length ? minOf(values) : undefined;
};

// ------------------------------------------------------------------ lines of runs

/** Groups runs into visual lines (vertical overlap), each sorted left to right. */
export function visualLines(runs: TextRun[]): TextRun[][] {
  const sorted = runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.y + a.h / 2 - (b.y + b.h / 2) || a.x - b.x);
  const lines: { runs: TextRun[]; top: number; bottom: number }[] = [];
  for (const run of sorted) {
    const mid = run.y + run.h / 2;
    const line = lines.length ? lines[lines.length - 1]! : undefined;
    if (line && mid > line.top && mid < line.bottom) {
      line.runs.push(run);
      line.top = Math.min(line.top, run.y);
      line.bottom = Math.max(line.bottom, run.y + run.h);
    } else lines.push({ runs: [run], top: run.y, bottom: run.y + run.h });
  }
  return lines.map((l) => l.runs.sort((a, b) => a.x - b.x));
}

/** Joins the runs of one visual line: a space where the gap is a space, none inside a word (ligatures, kerning). */
export function joinRuns(runs: TextRun[]): string {
  let text = '';
  let prev: TextRun | undefined;
  for (const run of runs) {
    if (prev) {
      const gap = run.x - (prev.x + prev.w);
      const size = Math.min(run.h, prev.h);
      if (gap > size * 0.12 && !text.endsWith(' ') && !run.text.startsWith(' ')) text += ' ';
    }
    text += run.text;
    prev = run;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The lines of a wrapped cell as one text: a line broken after a word's hyphen (`socio-` / `aggregativi`) joins without a space. */
export function joinWrapped(lines: string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : /[\p{L}\p{N}]-$/u.test(text) && /^[\p{L}\p{N}]/u.test(line) ? text + line : `${text} ${line}`), '').trim();
}

/**
 * Advance widths (thousandths of an em) of a proportional sans font (the
 * Helvetica/Arial metrics); a run's width shared among its characters by these
 * gives each character's width in any proportional font closely enough to
 * tell whether it would have fitted in the room left at a line's end.
 */
const ADVANCE: Record<string, number> = Object.fromEntries(
  [
    ['ijl', 222],
    ['ft', 278],
    ['r', 333],
    ['cksvxyz', 500],
    ['abdeghnopqu0123456789', 556],
    ['m', 833],
    ['w', 722],
    ['I', 278],
    ['J', 500],
    ['ABEKPSVXY', 667],
    ['FTZ', 611],
    ['L', 556],
    ['CDHNRU', 722],
    ['GOQ', 778],
    ['M', 833],
    ['W', 944],
    [" .,;:!|'’", 278],
    ['()-/[]"', 333],
    ['*', 389],
    ['%', 889],
  ].flatMap(([chars, w]) => [...(chars as string)].map((c) => [c, w as number])),
);
const advance = (c: string) => ADVANCE[c.normalize('NFD')[0] ?? c] ?? 556;

/** Width of the first character of a run: its share of the run's width by `ADVANCE`. */
export function firstCharWidth(run: TextRun): number {
  const chars = [...run.text.trim()];
  const total = chars.reduce((sum, c) => sum + advance(c), 0);
  return chars.length && total ? (run.w * advance(chars[0]!)) / total : 0;
}

/** Letters an Italian word never ends with: a line of one word in capitals ending in one is a fragment (`STRUTTUR`, `MUNICIPAL`). */
const FRAGMENT_END = /[B-DF-HJ-NP-TV-Z]$/u;
/** The same in either case, for a piece in lower case (`Digitalizzazion`, `Accessibilit`, `Informatica/D`). */
const LOWER_FRAGMENT_END = /[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]$/u;

/**
 * Whether a cell text ends with the first piece of a word in capitals broken
 * at the cell's edge (`10-STRUTTURA AMMINISTR`): its last word, in capitals,
 * at least `minLetters` long, with a vowel (not an acronym: `PNRR`), ends with
 * a letter no Italian word ends with. For a cell whose rest is printed on the next page, where the geometry of
 * the break is lost.
 */
export function endsInBrokenWord(text: string, minLetters: number): boolean {
  const last = text.split(/[\s\-/*]/u).pop() ?? '';
  return [...last].length >= minLetters && /^[\p{Lu}'’.]+$/u.test(last) && /[AEIOU]/u.test(last) && FRAGMENT_END.test(last);
}

/** Points within which a line in lower case must reach a column's estimated wrap edge (its widest line) to be read as a word broken there (`joinCellLines`). Default 1. */
export const ESTIMATED_EDGE_REACH = 1;

/**
 * The visual lines of one cell as its text. A word wider than its cell is
 * broken by the word processor without a hyphen, where the line is full: the
 * two pieces join without a space when
 * - the line is that one word (a word is broken only when it does not fit a
 *   line of its own, so its first piece starts the line), at least
 *   `minLetters` long;
 * - the first character of the next line (its width estimated by
 *   `firstCharWidth`) would not have fitted in the room left at the line's
 *   end (`wrapAt` minus the line's right edge): a word processor breaking a
 *   word fills the line with as many characters as fit;
 * - the next line goes on in lower case and the piece (after its last
 *   slash) ends with a letter no Italian word ends with (`Digitalizzazion` /
 *   `e e`, `Informatica/D` / `emografici`, `ammvi` / `/sociali`), or the line
 *   ends with a slash (`Personale/` / `Ufficio`). A piece ending in a vowel
 *   may be a whole word filling its line (`comportamento` / `dei`,
 *   `Obiettivo` / `operativo`), so `Informati` / `ca` keeps its space; a
 *   whole word may leave room for the next one's first letter, not for the
 *   space before it (`Rendicontazione` / `regis` keeps its space: the `r`
 *   would have fitted);
 * - in capitals (no hyphen or slash, where it would have been broken) the
 *   next line does not start in lower case and the line ends with a letter no
 *   Italian word ends with (`STRUTTUR` / `A`, `PES` / `O`): a whole word in
 *   capitals is as likely to fill its line (`GESTIONE` / `RISORSE`).
 * Otherwise as `joinWrapped`. With an `estimated` edge (a column without
 * rules: `wrapAt` is its widest line, only a lower bound of where it wraps) a
 * whole word seems to fill its line (`Segreteria` / `generale`) as often as a
 * broken one does: a line in lower case joins only where it reaches within
 * `reach` points of that edge (`Digitalizza` / `zione`; one whole word that
 * wide, `amministrazione` / `trasparente`, is joined too), a line in capitals
 * is full within `TOL` of the edge (by the next line's mean character width),
 * whatever its last letter, and `minLetters` should be larger.
 */
export function joinCellLines(lines: TextRun[][], wrapAt: number, minLetters: number, edge: 'ruled' | 'estimated' = 'ruled', reach = ESTIMATED_EDGE_REACH): string {
  const texts = lines.map(joinRuns);
  let out = '';
  texts.forEach((text, k) => {
    const before = lines[k - 1];
    if (!before) {
      out = text;
      return;
    }
    const previous = texts[k - 1]!;
    const right = maxOf(before.map((r) => r.x + r.w));
    const first = lines[k]![0];
    const ruled = edge === 'ruled';
    const full = first !== undefined && (ruled ? right + firstCharWidth(first) > wrapAt : right + first.w / Math.max(1, first.text.length) > wrapAt - TOL);
    const oneWord = [...previous].length >= minLetters && !/\s/u.test(previous);
    // A piece ending in a vowel may be a whole word filling its line (`comportamento` / `dei`, `Obiettivo` / `operativo`).
    const piece = previous.split('/').pop() ?? '';
    const lower = (/\p{L}$/u.test(previous) && /^\/?\p{Ll}/u.test(text) && LOWER_FRAGMENT_END.test(piece)) || (/[\p{L}\p{N}]\/$/u.test(previous) && /^[\p{L}\p{N}]/u.test(text));
    const capitals = /^[\p{Lu}\p{N}'’.*]+$/u.test(previous) && /\p{Lu}$/u.test(previous) && (!ruled || FRAGMENT_END.test(previous)) && /^[^\s\p{Ll}]/u.test(text);
    const atEdge = ruled || wrapAt - right <= reach;
    const broken = full && oneWord && ((atEdge && lower) || capitals);
    out = broken ? out + text : joinWrapped([out, text]);
  });
  return out;
}

/** Splits a visual line where the gap is wider than a column gap (about three spaces; justified prose stays whole). */
function chunksOf(runs: TextRun[]): TextRun[][] {
  const chunks: TextRun[][] = [];
  for (const run of runs) {
    const last = chunks[chunks.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && run.x - (prev.x + prev.w) < Math.min(run.h, prev.h) * 1.0) last.push(run);
    else chunks.push([run]);
  }
  return chunks;
}

// ------------------------------------------------------------------ lattice

interface Segment {
  at: number;
  from: number;
  to: number;
}

/** Merges collinear segments that touch or overlap. */
function mergeSegments(segments: Segment[], tol: number): Segment[] {
  // Lines at (nearly) the same position, then their intervals merged in order.
  const byPosition: Segment[][] = [];
  for (const s of [...segments].sort((a, b) => a.at - b.at)) {
    const last = byPosition[byPosition.length - 1];
    if (last && s.at - last[0]!.at <= tol) last.push(s);
    else byPosition.push([s]);
  }
  const merged: Segment[] = [];
  for (const group of byPosition) {
    const at = group.reduce((sum, s) => sum + s.at, 0) / group.length;
    let current: Segment | null = null;
    for (const s of group.sort((a, b) => a.from - b.from)) {
      if (current && s.from <= current.to + tol * 2) current.to = Math.max(current.to, s.to);
      else merged.push((current = { at, from: s.from, to: s.to }));
    }
  }
  return merged;
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1]! > tol * 2) out.push(v);
  return out;
}

export interface Grid {
  xs: number[];
  ys: number[];
  horizontal: Segment[];
  vertical: Segment[];
}

/** Connected groups of ruling lines with at least two verticals: the page's bordered tables. */
export function latticeGrids(rules: Rule[], settings: LatticeSettings = DEFAULT_LATTICE_SETTINGS): Grid[] {
  const TOL = settings.ruleTolerance;
  const long = settings.minRuleLength;
  const horizontal = mergeSegments(
    rules.filter((r) => Math.abs(r.y1 - r.y2) <= TOL && Math.abs(r.x2 - r.x1) > long).map((r) => ({ at: (r.y1 + r.y2) / 2, from: Math.min(r.x1, r.x2), to: Math.max(r.x1, r.x2) })),
    TOL,
  );
  const vertical = mergeSegments(
    rules.filter((r) => Math.abs(r.x1 - r.x2) <= TOL && Math.abs(r.y2 - r.y1) > long).map((r) => ({ at: (r.x1 + r.x2) / 2, from: Math.min(r.y1, r.y2), to: Math.max(r.y1, r.y2) })),
    TOL,
  );
  // Union-find over touching segments.
  const all = [...horizontal.map((s) => ({ s, h: true })), ...vertical.map((s) => ({ s, h: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const touches = (a: Segment, b: Segment) => a.at >= b.from - TOL * 2 && a.at <= b.to + TOL * 2 && b.at >= a.from - TOL * 2 && b.at <= a.to + TOL * 2;
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      const joined = a.h !== b.h ? touches(a.s, b.s) : Math.abs(a.s.at - b.s.at) <= TOL * 2 && a.s.from <= b.s.to && b.s.from <= a.s.to;
      if (joined) parent[find(i)] = find(j);
    }
  const groups = new Map<number, typeof all>();
  all.forEach((item, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), item]));
  const grids: Grid[] = [];
  for (const group of groups.values()) {
    const v = group.filter((g) => !g.h).map((g) => g.s);
    const h = group.filter((g) => g.h).map((g) => g.s);
    const xs = cluster(v.map((s) => s.at), TOL);
    if (xs.length < 2) continue;
    const top = Math.min(minOf(v.map((s) => s.from)), minOf(h.map((s) => s.at)));
    const bottom = Math.max(maxOf(v.map((s) => s.to)), maxOf(h.map((s) => s.at)));
    if (bottom - top < long) continue;
    grids.push({ xs, ys: cluster([top, bottom, ...h.map((s) => s.at)], TOL), horizontal: h, vertical: v });
  }
  return grids.sort((a, b) => a.ys[0]! - b.ys[0]!);
}


const covers = (segments: Segment[], at: number, point: number, tol: number) =>
  segments.some((s) => Math.abs(s.at - at) <= tol * 2 && s.from - tol <= point && s.to + tol >= point);

/** Rows of a lattice grid: one per band, cells merged where a rule is missing; runs inside are consumed. */
function latticeRows(grid: Grid, runs: TextRun[], used: Set<TextRun>, tableId: string, settings: LatticeSettings): PlacedLine[] {
  const tol = settings.ruleTolerance;
  const { xs, ys } = grid;
  const bands = ys.length - 1;
  const cols = xs.length - 1;
  const mid = (a: number, b: number) => (a + b) / 2;
  // anchor[b][c] = [band, col] of the merged cell that grid cell (b, c) belongs to.
  const anchor: [number, number][][] = [];
  for (let b = 0; b < bands; b++) {
    anchor.push([]);
    const yMid = mid(ys[b]!, ys[b + 1]!);
    for (let c = 0; c < cols; c++) {
      const xMid = mid(xs[c]!, xs[c + 1]!);
      const openLeft = c > 0 && !covers(grid.vertical, xs[c]!, yMid, tol);
      const openTop = b > 0 && !covers(grid.horizontal, ys[b]!, xMid, tol);
      anchor[b]!.push(openLeft ? anchor[b]![c - 1]! : openTop ? anchor[b - 1]![c]! : [b, c]);
    }
  }
  const texts = new Map<string, TextRun[]>();
  for (const run of runs) {
    const cx = run.x + run.w / 2;
    // A run overflowing the table's outer edge (a cell cut by a page break) still belongs to its cell,
    // if enough of it is inside: text just touching the edge (a signature under the table) is not.
    const inside = Math.min(run.y + run.h, ys[bands]!) - Math.max(run.y, ys[0]!);
    if (inside < run.h * settings.overflowInside) continue;
    const cy = Math.min(Math.max(run.y + run.h / 2, ys[0]! + 0.1), ys[bands]! - 0.1);
    if (cx < xs[0]! || cx > xs[cols]! || cy < ys[0]! || cy > ys[bands]!) continue;
    const c = Math.min(cols - 1, xs.findIndex((x, i) => i < cols && cx >= x && cx <= xs[i + 1]!));
    const b = Math.min(bands - 1, ys.findIndex((y, i) => i < bands && cy >= y && cy <= ys[i + 1]!));
    if (c < 0 || b < 0) continue;
    const key = anchor[b]![c]!.join(',');
    texts.set(key, [...(texts.get(key) ?? []), run]);
    used.add(run);
  }
  // The cells' inner padding, the same on both sides: the least gap between a cell's left rule and its text.
  // A line wraps at its cell's right rule less this padding.
  // (Text starting left of its rule, a run overflowing its cell, measures nothing.)
  const gaps = [...texts].map(([key, cellRuns]) => minOf(cellRuns.map((r) => r.x)) - xs[Number(key.split(',')[1])]!);
  const padding = minOf(gaps.filter((g) => g >= 0), 0);
  const rows: PlacedLine[] = [];
  /** The cell of each anchor, to count the kept rows it spans. */
  const anchorCells = new Map<string, LayoutCell>();
  for (let b = 0; b < bands; b++) {
    const cells: LayoutCell[] = [];
    const spanned: string[] = [];
    let c = 0;
    while (c < cols) {
      const [ab, ac] = anchor[b]![c]!;
      let span = 1;
      while (c + span < cols && anchor[b]![c + span]!.join(',') === anchor[b]![c]!.join(',')) span++;
      const own = ab === b && ac === c;
      const cellRuns = own ? (texts.get(`${b},${c}`) ?? []) : [];
      const cell: LayoutCell = { text: joinCellLines(visualLines(cellRuns), xs[c + span]! - padding, settings.minBrokenWord), col: cells.length };
      if (span > 1) cell.colSpan = span;
      if (own) anchorCells.set(`${b},${c}`, cell);
      else if (ab < b) spanned.push(`${ab},${ac}`);
      if (cellRuns.length) {
        cell.bbox = bboxOf(cellRuns);
        const confidence = meanConfidence(cellRuns);
        if (confidence !== undefined) cell.confidence = confidence;
      }
      cells.push(cell);
      c += span;
    }
    const top = ys[b]!;
    const bottom = ys[b + 1]!;
    const confidence = weakest(cells);
    const row: PlacedLine = {
      page: 0,
      line: 0,
      text: cells.map((cell) => cell.text).join('\t'),
      cells,
      bbox: [round(xs[0]!), round(top), round(xs[cols]!), round(bottom)],
      top,
      bottom,
      lattice: true,
      table: { id: tableId, row: 0 },
    };
    if (confidence !== undefined) row.confidence = confidence;
    if (b === 0) row.openTop = xs.slice(0, cols).every((x, i) => !covers(grid.horizontal, top, mid(x, xs[i + 1]!), tol));
    if (b === bands - 1) row.openBottom = xs.slice(0, cols).every((x, i) => !covers(grid.horizontal, bottom, mid(x, xs[i + 1]!), tol));
    if (cells.some((cell) => cell.text !== '') || bands === 1) {
      rows.push(row);
      // A vertically merged cell covers every kept row it reaches, not only its first.
      for (const key of new Set(spanned)) {
        const anchor = anchorCells.get(key);
        if (anchor) anchor.rowSpan = (anchor.rowSpan ?? 1) + 1;
      }
    }
  }
  return rows;
}

// ------------------------------------------------------------------ stream tables and plain lines

function plainLine(runs: TextRun[]): PlacedLine {
  const text = joinRuns(runs);
  const bbox = bboxOf(runs);
  const line: PlacedLine = { page: 0, line: 0, text, cells: [{ text, col: 0, bbox }], bbox, top: bbox[1], bottom: bbox[3] };
  const confidence = meanConfidence(runs);
  if (confidence !== undefined) line.confidence = line.cells[0]!.confidence = confidence;
  return line;
}

/** A cell text that never wraps onto a second line: a number, a percentage, a comparison with a number. */
const WHOLE_VALUE = /^(?:[<>≤≥]=?|=)?\s*[-+]?\d+(?:[.,]\d+)*\s*%?$/u;

/**
 * The rows of one borderless table region: each row a line with a cell per
 * column. A new row starts where the vertical gap is wider than a row gap, or
 * where a line puts text in a column whose cell in the current row has ended
 * (its last line stopped short of the column's right edge: a cell only wraps
 * when its text fills the column). A piece of text stays in the column it
 * starts in, split where one of its words starts exactly at a column.
 */
export function regionRows(lines: TextRun[][], region: { from: number; to: number }, columns: number[], tableId: string, settings: BorderlessSettings = DEFAULT_BORDERLESS_SETTINGS): PlacedLine[] {
  const out: PlacedLine[] = [];
  const columnOf = (x: number) => {
    let best = 0;
    columns.forEach((c, k) => {
      if (c <= x + TOL * 2) best = k;
    });
    return best;
  };
  const region_ = lines.slice(region.from, region.to + 1);
  /** The pieces of a line, each with its column. */
  const placed = (line: TextRun[]) => {
    const h = maxOf(line.map((r) => r.h));
    const out: { col: number; runs: TextRun[] }[] = [];
    for (const piece of runPieces(line, h * settings.minColumnGap)) {
      let current: TextRun[] = [];
      for (const run of piece) {
        if (current.length && columns.some((c) => Math.abs(c - run.x) <= TOL && c > current[0]!.x + TOL)) {
          out.push({ col: columnOf(current[0]!.x), runs: current });
          current = [];
        }
        current.push(run);
      }
      out.push({ col: columnOf(current[0]!.x), runs: current });
    }
    return out;
  };
  const placedLines = region_.map(placed);
  /** How far right text goes in each column: the width a cell wraps at. */
  // A piece running over the next column (a heading across the table, a spanning cell) does not measure its column.
  const rightOf = (p: { runs: TextRun[] }) => maxOf(p.runs.map((r) => r.x + r.w));
  const wrapAt = columns.map((_, k) => {
    const inColumn = placedLines.flat().filter((p) => p.col === k);
    const inside = inColumn.filter((p) => k + 1 >= columns.length || rightOf(p) <= columns[k + 1]! + TOL);
    return maxOf((inside.length ? inside : inColumn).map(rightOf));
  });
  /** Width of the first word of a piece (a run's width shared among its characters). */
  const firstWord = (runs: TextRun[]) => {
    const run = runs[0]!;
    const word = run.text.trimStart().split(/\s/)[0] ?? '';
    return run.text.length ? (run.w * word.length) / run.text.length : run.w;
  };
  /** A row being read: the runs of each of its cells, and of the whole row. */
  interface OpenRow {
    perCell: TextRun[][];
    runs: TextRun[];
    /** Bottom of the last text of each cell (-Infinity: nothing yet). */
    bottom: number[];
    /** Cells whose text goes on into the row below (a cell merged down): how many rows below. */
    down: number[];
  }
  const newRow = (): OpenRow => ({ perCell: columns.map(() => []), runs: [], bottom: columns.map(() => -Infinity), down: columns.map(() => 0) });
  const rows: OpenRow[] = [];
  let current = newRow();
  /** Right edge of the last line of each cell of the current row (-Infinity: nothing yet). */
  let lastRight: number[] = columns.map(() => -Infinity);
  let lastBottom = -Infinity;
  const flush = () => {
    if (!current.runs.length) return;
    rows.push(current);
    current = newRow();
    lastRight = columns.map(() => -Infinity);
  };
  region_.forEach((line, n) => {
    const top = minOf(line.map((r) => r.y));
    const h = maxOf(line.map((r) => r.h));
    const pieces = placedLines[n]!;
    // A cell has ended when the next word would have fitted on its last line: a word processor wraps only what does not fit.
    // A number, a percentage or a comparison (`30`, `>= 95%`) is a whole cell: it never wraps.
    const ended = (p: { col: number; runs: TextRun[] }) =>
      lastRight[p.col]! > -Infinity && (lastRight[p.col]! + h * settings.spaceWidth + firstWord(p.runs) < wrapAt[p.col]! - TOL || WHOLE_VALUE.test(joinRuns(current.perCell[p.col]!)));
    // A new row: a row gap under the line above, or under the last text of a column that goes on here
    // (a cell merged down over several rows prints its lines beside the rows it covers, closing the gap between them).
    const gapInColumn = (p: { col: number }) => current.bottom[p.col]! > -Infinity && top - current.bottom[p.col]! > h * settings.rowGap;
    if (top - lastBottom > h * settings.rowGap || pieces.some(gapInColumn) || (settings.rowsByWrap && pieces.some(ended))) flush();
    const above = rows[rows.length - 1];
    for (const piece of pieces) {
      // Text at line spacing under a cell of the row above, in a column still empty in this row: that cell goes on (merged down).
      const goesOn =
        settings.continueMergedCells &&
        above !== undefined &&
        current.perCell[piece.col]!.length === 0 &&
        above.bottom[piece.col]! > -Infinity &&
        top - above.bottom[piece.col]! <= h * settings.rowGap;
      const target = goesOn ? above : current;
      if (goesOn && above.down[piece.col] === 0) above.down[piece.col] = 1;
      target.perCell[piece.col]!.push(...piece.runs);
      target.bottom[piece.col] = Math.max(target.bottom[piece.col]!, maxOf(piece.runs.map((r) => r.y + r.h)));
      if (!goesOn) lastRight[piece.col] = maxOf(piece.runs.map((r) => r.x + r.w));
    }
    current.runs.push(...line);
    lastBottom = maxOf(line.map((r) => r.y + r.h));
  });
  flush();
  for (const row of rows) {
    // Every row has a cell per column of its table (empty where nothing is printed).
    const cells: LayoutCell[] = columns.map((_, col) => ({ text: '', col }));
    row.perCell.forEach((runs, col) => {
      if (!runs.length) return;
      cells[col]!.text = joinCellLines(visualLines(runs), wrapAt[col]!, settings.minBrokenWord, 'estimated');
      cells[col]!.bbox = bboxOf(runs);
      if (row.down[col]! > 0) cells[col]!.rowSpan = 1 + row.down[col]!;
      const confidence = meanConfidence(runs);
      if (confidence !== undefined) cells[col]!.confidence = confidence;
    });
    const merged = spanCells(cells, columns);
    const bbox = bboxOf(row.runs);
    const placedRow: PlacedLine = { page: 0, line: 0, text: merged.map((c) => c.text).join('\t'), cells: merged, bbox, top: bbox[1], bottom: bbox[3], table: { id: tableId, row: 0 } };
    const confidence = weakest(cells);
    if (confidence !== undefined) placedRow.confidence = confidence;
    out.push(placedRow);
  }
  return out;
}

/**
 * Cells of a borderless row that run over the empty columns to their right
 * span them; a row whose only text is its first cell running over the next
 * column (`AMBITO: RICERCA`, a group title) spans the whole row.
 */
function spanCells(cells: LayoutCell[], columns: number[]): LayoutCell[] {
  const filled = cells.filter((c) => c.text !== '');
  const overflows = (c: LayoutCell) => c.bbox !== undefined && c.col + 1 < columns.length && c.bbox[2] > columns[c.col + 1]! + TOL;
  if (filled.length === 1 && filled[0] === cells[0] && overflows(cells[0]!) && cells.length > 1) return [{ ...cells[0]!, col: 0, colSpan: cells.length }];
  if (!filled.some(overflows)) return cells;
  const out: LayoutCell[] = [];
  for (let k = 0; k < cells.length; ) {
    const cell = cells[k]!;
    let span = 1;
    if (cell.text !== '' && cell.bbox) while (k + span < cells.length && cells[k + span]!.text === '' && cell.bbox[2] > columns[k + span]! + TOL) span++;
    out.push(span > 1 ? { ...cell, col: out.length, colSpan: span } : { ...cell, col: out.length });
    k += span;
  }
  return out;
}

/**
 * Borderless tables among visual lines (regions found by `borderlessRegions`:
 * columns are white bands no line crosses), everything else one line per
 * visual line.
 */
function streamAndPlain(lines: TextRun[][], previous: StreamColumns, newId: () => string, settings: BorderlessSettings = DEFAULT_BORDERLESS_SETTINGS): { lines: PlacedLine[]; columns: StreamColumns } {
  const out: PlacedLine[] = [];
  let lastColumns: StreamColumns = previous;
  let first = true;
  const regions = borderlessRegions(lines, settings);
  let next = 0;
  let i = 0;
  while (i < lines.length) {
    const region = regions[next];
    if (!region || i < region.from) {
      out.push(plainLine(lines[i]!));
      i++;
      continue;
    }
    next++;
    const table = continueTable(region.lefts, first ? previous : undefined, newId);
    first = false;
    lastColumns = table;
    out.push(...regionRows(lines, region, table.columns, table.id, settings));
    i = region.to + 1;
  }
  return { lines: out, columns: lastColumns };
}

/** The first table of a page may continue the last one of the previous page: then it keeps its columns and its id. */
export function continueTable(columns: number[], previous: StreamColumns, newId: () => string): { columns: number[]; id: string } {
  if (previous && columns.every((x) => previous.columns.some((p) => near(p, x)))) return previous;
  return { columns, id: newId() };
}

/** Column starts and id of the last borderless table seen. */
export type StreamColumns = { columns: number[]; id: string } | undefined;

// ------------------------------------------------------------------ pages and document

const near = (a: number, b: number) => Math.abs(a - b) <= TOL * 2;

/** Whether the first grid of a page has the columns of the last grid of the previous page (the same, or a subset sharing an edge). */
function sameColumns(grid: Grid, previous: Grid, tol: number): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= tol * 2;
  const subset = grid.xs.every((x) => previous.xs.some((p) => near(p, x)));
  const sharesEdge = near(grid.xs[grid.xs.length - 1]!, previous.xs[previous.xs.length - 1]!) || near(grid.xs[0]!, previous.xs[0]!);
  return subset && sharesEdge;
}

/**
 * A table continued from the previous page keeps that page's columns: a
 * merged cell running over the page break may leave its outer rule unpainted
 * on the new page, and the row must still have as many cells as above.
 */
function continueColumns(grid: Grid, previous: Grid | undefined, tol: number): Grid {
  if (!previous) return grid;
  return sameColumns(grid, previous, tol) && previous.xs.length > grid.xs.length ? { ...grid, xs: previous.xs } : grid;
}

/** What a page passes to the next: its last table grid (with its id and whether it reached the foot of the page) and its last borderless table. */
interface Carry {
  grid: { grid: Grid; id: string; atFoot: boolean } | undefined;
  columns: StreamColumns;
  /** Tables of the document so far, for new ids. */
  count: number;
}


/** One page's lines in reading order (tables and text interleaved by height), and what the next page needs. */
function pageLines(page: PageGeometry, carry: Carry, settings: LatticeSettings): { lines: PlacedLine[]; carry: Carry } {
  const used = new Set<TextRun>();
  let count = carry.count;
  const newId = (kind: string) => `${kind}:${++count}`;
  const grids = latticeGrids(page.rules, settings);
  const ids = grids.map(() => newId('lattice'));
  if (grids.length && carry.grid) {
    const first = grids[0]!;
    // Continued: same columns, the previous table ran to the foot of its page, and no body text stands above this one.
    const textAbove = page.runs.some((r) => r.y + r.h < first.ys[0]! - settings.ruleTolerance && r.y > page.height * settings.continuationMargin);
    if (carry.grid.atFoot && !textAbove && sameColumns(first, carry.grid.grid, settings.ruleTolerance)) ids[0] = carry.grid.id;
    grids[0] = continueColumns(first, carry.grid.grid, settings.ruleTolerance);
  }
  const rows = grids.flatMap((grid, k) => latticeRows(grid, page.runs, used, ids[k]!, settings));
  const rest = streamAndPlain(visualLines(page.runs.filter((r) => !used.has(r))), carry.columns, () => newId('stream'), page.origin === 'ocr' ? OCR_BORDERLESS_SETTINGS : DEFAULT_BORDERLESS_SETTINGS);
  const lines = [...rows, ...rest.lines].sort((a, b) => a.top - b.top || a.bbox![0] - b.bbox![0]);
  const last = grids[grids.length - 1];
  const grid = last ? { grid: last, id: ids[ids.length - 1]!, atFoot: last.ys[last.ys.length - 1]! > page.height * (1 - settings.continuationMargin) } : undefined;
  return { lines, carry: { grid, columns: rest.columns, count } };
}

const PAGE_NUMBER = /^(?:pag(?:ina|\.)?\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:di|\/|of)\s*\d{1,3})?$/i;
const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();


/**
 * Drops running headers and footers: a line among the first or last two of a
 * page whose text (digits aside) recurs within a few points of the same
 * height on at least half of the pages; with fewer than three pages, only
 * page numbers in the margins.
 */
function dropRunning(pages: { page: PageGeometry; lines: PlacedLine[] }[], settings: LatticeSettings): void {
  const edge = (lines: PlacedLine[]) => [...lines.slice(0, 2), ...lines.slice(-2)];
  // Per text, the heights it has on each page's edges.
  const heights = new Map<string, number[][]>();
  for (const { lines } of pages) {
    const here = new Map<string, number[]>();
    for (const line of edge(lines)) {
      const key = runningKey(line.text);
      here.set(key, [...(here.get(key) ?? []), line.top]);
    }
    for (const [key, tops] of here) heights.set(key, [...(heights.get(key) ?? []), tops]);
  }
  const pagesWith = (line: PlacedLine) => (heights.get(runningKey(line.text)) ?? []).filter((tops) => tops.some((top) => Math.abs(top - line.top) <= settings.runningDrift)).length;
  for (const entry of pages) {
    const { page, lines } = entry;
    const candidates = new Set(edge(lines));
    entry.lines = lines.filter((line) => {
      // A table's header row repeated at the top of every page is the table's, not a running header (`minTableRowCells`).
      if (!candidates.has(line) || line.lattice || (line.table && line.cells.filter((c) => c.text !== '').length >= settings.minTableRowCells)) return true;
      const repeated = pagesWith(line) >= Math.max(2, pages.length / 2);
      // A page number stands apart: in the outer 7% of the page, at least a line's height away from the body.
      const index = lines.indexOf(line);
      const h = line.bottom - line.top;
      const detached =
        (index === 0 && (lines[1]?.top ?? Infinity) - line.bottom > h) || (index === lines.length - 1 && line.top - (lines[index - 1]?.bottom ?? -Infinity) > h);
      const inMargin = detached && (line.top < page.height * 0.07 || line.bottom > page.height * 0.93);
      return !(repeated && pages.length >= 3) && !(inMargin && PAGE_NUMBER.test(line.text));
    });
  }
}

/** Joins a lattice row open at the foot of a page with the open row at the head of the next. */
function joinAcrossPages(pages: { lines: PlacedLine[] }[]): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const last = pages[p]!.lines[pages[p]!.lines.length - 1];
    const first = pages[p + 1]!.lines[0];
    if (!last?.lattice || !first?.lattice || !last.openBottom || !first.openTop || last.cells.length !== first.cells.length) continue;
    last.cells.forEach((cell, k) => {
      const more = first.cells[k]!.text;
      if (more) cell.text = cell.text ? `${cell.text} ${more}` : more;
    });
    last.text = last.cells.map((c) => c.text).join('\t');
    pages[p + 1]!.lines.shift();
  }
}

/**
 * A table goes on on the next page only if nothing of the body follows it on
 * its page (once running headers and footers are dropped): with lines after
 * it (`Responsabile: …`, the heading of the next objective) the table on the
 * next page is another one with the same columns, and gets an id of its own.
 */
function splitInterrupted(pages: { page: PageGeometry; lines: PlacedLine[] }[], settings: LatticeSettings): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const { page, lines } = pages[p]!;
    const id = pages[p + 1]!.lines.find((l) => l.lattice)?.table?.id;
    if (!id) continue;
    let last = -1;
    lines.forEach((l, k) => {
      if (l.table?.id === id) last = k;
    });
    if (last < 0) continue;
    const after = lines.slice(last + 1);
    const footer = after.length <= settings.footerLines && after.every((l) => l.top > page.height * (1 - settings.continuationMargin));
    if (after.length === 0 || footer) continue;
    const renamed = `${id}/${page.number + 1}`;
    for (const next of pages.slice(p + 1)) for (const l of next.lines) if (l.table?.id === id) l.table = { ...l.table, id: renamed };
  }
}

/** The layout pages of a document from the geometry of its pages. */
export function layoutFromGeometry(geometry: PageGeometry[], settings: LatticeSettings = DEFAULT_LATTICE_SETTINGS): LayoutPage[] {
  let carry: Carry = { grid: undefined, columns: undefined, count: 0 };
  const pages = geometry.map((page) => {
    const result = pageLines(page, carry, settings);
    carry = result.carry;
    return { page, lines: result.lines };
  });
  dropRunning(pages, settings);
  splitInterrupted(pages, settings);
  joinAcrossPages(pages);
  return pages.map(({ page, lines }) => ({
    number: page.number,
    width: round(page.width),
    height: round(page.height),
    origin: page.origin,
    lines: lines.map((l, i) => {
      const line: LayoutLine = { page: page.number, line: i + 1, text: l.text, cells: l.cells };
      if (l.bbox) line.bbox = l.bbox;
      if (l.table) line.table = l.table;
      if (l.confidence !== undefined) line.confidence = l.confidence;
      return line;
    }),
  }));
}

/** True when a page's text looks tabular: some line has a gap wider than a column gap. Only then are drawings read. */
export function looksTabular(runs: TextRun[]): boolean {
  return visualLines(runs).some((line) => chunksOf(line).length > 1);
}
