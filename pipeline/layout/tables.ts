/**
 * Table assembly, the same for every reader: lines that a reader marked as
 * rows of one table (`line.table.id`) become a `LayoutTable` grid of cells
 * with their spans, header rows are recognized, and header rows printed again
 * after a page break are marked `repeatedHeader` and kept out of the grid.
 *
 * Every tolerance is a named setting (as in pdfplumber's table finder), with
 * its default documented in `TableSettings`.
 */
import type { LayoutCell, LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import { textSimilarity } from '../../extractors/shared/labels.js';
import { endsInBrokenWord, joinWrapped } from '../ingest/pdf-layout.js';
import { maxOf, minOf } from '../../extractors/shared/extent.js';

export interface TableSettings {
  /** Most rows at the top of a table that can be column headers (a header wrapped or split over several rows). Default 4. */
  maxHeaderRows: number;
  /** Longest text (characters) a header cell may have. Default 60. */
  maxHeaderCellLength: number;
  /** Fewest non-empty cells a row needs to be taken as a header row. Default 2. */
  minHeaderCells: number;
  /** Similarity (0..1, letter pairs) from which a header-like row further down repeats a header row (`Settore/UA` printed again as `Settore/UAO`). Default 0.85. */
  repeatedHeaderSimilarity: number;
  /**
   * In a table without rules (`stream`, `aligned`), empty cells left of a data row's first text, under a
   * data cell with text, are that cell merged down (a group over its rows: a sector over its objectives):
   * without rules a merged cell shows only as its text printed once, in its first row, and blank cells
   * under it. Ruled tables draw their merges; tab-separated text keeps its own convention. Only in
   * grouping columns (see `groupColumnEmptyShare`). Default true.
   */
  mergeLeadingEmptyCells: boolean;
  /**
   * A column groups rows (its empty cells are merges) when at least this share of its data cells are
   * empty; a column filled on almost every row (`n. 1` … `n. 9` over a `Totale` row) does not. Default 0.3.
   */
  groupColumnEmptyShare: number;
  /**
   * Most lines with text (a running footer, a running header) between a table's last row at the foot of
   * a page and a table with its header at the head of the next for the two to be one table. Default 3.
   */
  maxLinesAtPageBreak: number;
  /** Shortest last word (letters) of a ruled cell at the foot of a page read as a word broken at the cell's edge, its rest in the cell at the head of the next page (`AMMINISTR` / `ATIVA`). Default 4. */
  minBrokenWord: number;
}

export const DEFAULT_TABLE_SETTINGS: TableSettings = { maxHeaderRows: 4, maxHeaderCellLength: 60, minHeaderCells: 2, repeatedHeaderSimilarity: 0.85, mergeLeadingEmptyCells: true, groupColumnEmptyShare: 0.3, maxLinesAtPageBreak: 3, minBrokenWord: 4 };

/** Cell texts that are data, never a column header: numbers, percentages, dates, marks, codes, amounts. */
const VALUE_RE = [
  /^[-+]?\d+(?:[.,]\d+)*\s*%?$/u, // 12 · 1.234,5 · 80%   (a lone year is allowed: see YEAR_RE)
  /^(?:[<>≤≥]=?|=)\s*[-+]?\d+(?:[.,]\d+)*\s*%?$/u, // >= 40 · <= -2 · >= 85%
  /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$/u, // 30/06/2024
  /^[Xx✓✔☒■-]$/u, // marks
  /^[A-Za-z]{1,6}\d*(?:[-_.]\d+)+[a-z]?$/u, // S1-1_1 · OB.3.1 · RA1.1.2
  /(?:€|euro)\s*\d|\d\s*(?:€|euro)\b/iu, // amounts
];
const YEAR_RE = /^(?:19|20)\d\d$/;

export const normalizeRowText = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** `Missione: 01`, `Responsabile: Rossi`: a label and its value in one cell. */
const LABEL_VALUE_RE = /^[^:]{2,40}:\s*\S/u;
/** Quoted text is content: `"ANCORA PIÙ TRASPARENZA"`. */
const QUOTED_RE = /^["«“'].+["»”']$/u;

function isValueCell(text: string, settings: TableSettings): boolean {
  if (YEAR_RE.test(text)) return false;
  if (text.length > settings.maxHeaderCellLength) return true;
  if (LABEL_VALUE_RE.test(text) || QUOTED_RE.test(text)) return true;
  return VALUE_RE.some((re) => re.test(text));
}

/** A row that reads like column headers: enough short, label-like cells and no data. */
export function isHeaderLike(cells: readonly { text: string }[], settings: TableSettings = DEFAULT_TABLE_SETTINGS): boolean {
  const filled = cells.filter((c) => c.text !== '');
  if (filled.length < settings.minHeaderCells) return false;
  // A label ending in a colon (`Superficie territoriale:` | `Kmq 97,45`) introduces its value: a label/value row.
  if (filled.some((c) => /:$/u.test(c.text))) return false;
  // Columns numbered in order (`N. | AZIONE | RESPONSABILE | 1 | 2 | … | 10`: slots for the staff) are headers, not data.
  const numbered = new Set(numberedRun(filled.map((c) => c.text)));
  if (filled.some((c, k) => !numbered.has(k) && isValueCell(c.text, settings))) return false;
  // Headers are words, not sentences: most cells have at most six words.
  return filled.filter((c) => c.text.split(/\s+/).length <= 6).length >= filled.length * 0.75;
}

/** Indexes of the longest run of cells numbered 1, 2, 3, … upwards (a number may be missing: `6 | 8`), at least three of them, or none. */
function numberedRun(texts: readonly string[]): number[] {
  let best: number[] = [];
  for (let k = 0; k < texts.length; k++) {
    if (texts[k] !== '1') continue;
    const run = [k];
    let last = 1;
    for (let n = k + 1; n < texts.length && /^\d{1,3}$/.test(texts[n]!) && Number(texts[n]) > last; n++) {
      run.push(n);
      last = Number(texts[n]);
    }
    if (run.length > best.length) best = run;
  }
  return best.length >= 3 ? best : [];
}

/** Every cell of `top` a label (text, no figure, not a label/value), every cell of `below` a figure, as many of each. */
function labelsOverFigures(top: readonly LayoutCell[], below: readonly LayoutCell[], settings: TableSettings): boolean {
  const labels = top.filter((c) => c.text !== '');
  const figures = below.filter((c) => c.text !== '');
  if (labels.length < settings.minHeaderCells || labels.length !== top.length || figures.length !== below.length || top.length !== below.length) return false;
  const figure = (t: string) => VALUE_RE[0]!.test(t) || VALUE_RE[1]!.test(t);
  return labels.every((c) => !/\d/u.test(c.text) && !/:$/u.test(c.text) && c.text.length <= 2 * settings.maxHeaderCellLength) && figures.every((c) => figure(c.text));
}

/**
 * A first row with blank cells over columns that every row below fills (a cell merged down counts for
 * the rows it covers), and labels elsewhere, none a figure (`| | | | | 1.Strategico (40) … | N. DIP. | PESO %`
 * over the objectives): the header of a table whose first columns have no heading. A data row leaves
 * a cell blank where other rows have text only under a merged cell, and a first row has none above it.
 * The labels may be long (a legend of categories): only figures and label/value pairs are data here.
 */
function blankHeaded(lines: readonly LayoutLine[], settings: TableSettings): boolean {
  const below = lines.slice(1).filter((l) => l.page === lines[0]!.page);
  if (below.length < 2) return false;
  const top = cellsByColumn(lines[0]!.cells);
  const blank = [...top].filter(([, c]) => c.text === '').map(([col]) => col);
  const labels = [...top.values()].filter((c) => c.text !== '');
  if (blank.length === 0 || labels.length < settings.minHeaderCells) return false;
  if (labels.some((c) => /:$/u.test(c.text) || LABEL_VALUE_RE.test(c.text) || VALUE_RE.some((re) => re.test(c.text)))) return false;
  const coveredTo = new Map<number, number>();
  return below.every((line, i) => {
    const cells = cellsByColumn(line.cells);
    for (const [col, cell] of cells) if ((cell.rowSpan ?? 1) > 1 && (coveredTo.get(col) ?? -1) < i) coveredTo.set(col, i + (cell.rowSpan ?? 1) - 1);
    return blank.every((col) => (cells.get(col)?.text ?? '') !== '' || (coveredTo.get(col) ?? -1) >= i);
  });
}

/** Grid columns of a line's cells (a cell spanning k columns moves the next one k places). */
function gridColumns(cells: readonly LayoutCell[]): number[] {
  const out: number[] = [];
  let col = 0;
  for (const cell of cells) {
    out.push(col);
    col += cell.colSpan ?? 1;
  }
  return out;
}

/**
 * Builds `layout.tables` from the lines marked by the readers, numbering
 * tables `t1`, `t2`, … in reading order and rows from 0, repeated headers
 * marked on their lines.
 */
export function assembleTables(layout: LayoutDocument, settings: TableSettings = DEFAULT_TABLE_SETTINGS): LayoutDocument {
  const groups = new Map<string, LayoutLine[]>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      if (!line.table) continue;
      const rows = groups.get(line.table.id) ?? [];
      rows.push(line);
      groups.set(line.table.id, rows);
    }
  }
  joinContinued(groups, layout, settings);
  const tables: LayoutTable[] = [];
  /** Lines that were the rest of a row split by a page break, joined into the row above. */
  const joined = new Set<LayoutLine>();
  for (const rows of groups.values()) {
    const id = `t${tables.length + 1}`;
    tables.push(buildTable(id, rows, settings, joined));
  }
  const pages = joined.size ? layout.pages.map((page) => ({ ...page, lines: page.lines.filter((line) => !joined.has(line)) })) : layout.pages;
  return { pages, tables };
}

/**
 * A table of a text export aligned by spaces that the reader found again on the next page, under its
 * header printed again (its columns a little moved: `pdftotext -layout` aligns each page on its own),
 * is the same table going on (the PDF readers follow a table over a page break by its rules and columns): the next table
 * in reading order, on the page after the last row, as many columns, its first row the first row of the
 * table above (`repeatedHeaderSimilarity`). Its rows join the table above; the layout stage then reads
 * the repeated header as such. Only across a page break with nothing but a running footer and header
 * between them (`maxLinesAtPageBreak`).
 */
function joinContinued(groups: Map<string, LayoutLine[]>, layout: LayoutDocument, settings: TableSettings): void {
  const width = (l: LayoutLine) => l.cells.reduce((n, c) => n + (c.colSpan ?? 1), 0);
  const pageOf = new Map(layout.pages.map((p) => [p.number, p.lines]));
  /** Lines with text on the page of `line`, after it (or before it). */
  const around = (line: LayoutLine, after: boolean) => {
    const lines = pageOf.get(line.page) ?? [];
    const at = lines.indexOf(line);
    return (after ? lines.slice(at + 1) : lines.slice(0, Math.max(0, at))).filter((l) => l.text.trim() !== '').length;
  };
  const ids = [...groups.keys()];
  for (let k = ids.length - 1; k > 0; k--) {
    const above = groups.get(ids[k - 1]!)!;
    const below = groups.get(ids[k]!)!;
    const last = above[above.length - 1]!;
    const first = below[0]!;
    if (originOf(first.table!.id) !== 'aligned' || originOf(last.table!.id) !== 'aligned') continue;
    if (first.page !== last.page + 1 || width(first) !== width(above[0]!)) continue;
    // Only the running footer and header may stand between them: with text between, it is another table with the same header.
    if (around(last, true) > settings.maxLinesAtPageBreak || around(first, false) > settings.maxLinesAtPageBreak) continue;
    const head = normalizeRowText(above[0]!.text);
    const again = normalizeRowText(first.text);
    if (head === '' || !isHeaderLike(first.cells, settings) || (head !== again && textSimilarity(head, again) < settings.repeatedHeaderSimilarity)) continue;
    groups.set(ids[k - 1]!, [...above, ...below]);
    groups.delete(ids[k]!);
  }
}

/** Grid column -> cell of a line. */
function cellsByColumn(cells: readonly LayoutCell[]): Map<number, LayoutCell> {
  const cols = gridColumns(cells);
  return new Map(cells.map((cell, k) => [cols[k]!, cell]));
}

/**
 * Whether the first row of a table on a new page is the rest of the last row
 * of the previous page (a row that the word processor split at the page
 * break, its rules drawn on both sides of the break): the same columns; text
 * only where the row above had text (or a merged cell from above goes on);
 * some cell of the row above ended on the first page (nothing more of it
 * here); and a sentence goes on (some cell starts in lower case), or a single
 * cell goes on beside several that ended. A new row under a merged cell fills
 * its own short cells (weights, targets) again.
 */
function continuesRow(above: LayoutLine, below: LayoutLine, coveredAbove: Set<number>): boolean {
  const width = (l: LayoutLine) => l.cells.reduce((n, c) => n + (c.colSpan ?? 1), 0);
  if (width(above) !== width(below)) return false;
  const top = cellsByColumn(above.cells);
  const bottom = cellsByColumn(below.cells);
  let ended = 0;
  let filled = 0;
  let firstFilled = -1;
  let continued = false;
  for (const [col, cell] of bottom) {
    const before = top.get(col);
    if ((before?.colSpan ?? 1) !== (cell.colSpan ?? 1)) return false;
    if (cell.text !== '') {
      if (!before || (before.text === '' && !coveredAbove.has(col))) return false;
      if (/^\p{Ll}/u.test(cell.text)) continued = true;
      if (firstFilled < 0) firstFilled = col;
      filled++;
    } else if (before && before.text !== '') ended++;
  }
  // Or one cell, not the first, goes on where several of the row above ended (`NOTIFICHE DIGITALI (CUP …)`
  // under its row's marks and values): a new row would print its own first and short cells again.
  return ended > 0 && (continued || (filled === 1 && firstFilled > 0 && ended >= 2 && !bottom.get(0)?.text));
}

/** The grid cell whose area holds (row, col): a cell merged down from a row above, or the cell of that row. */
function anchorAt(cells: readonly TableCell[], row: number, col: number): TableCell | undefined {
  return cells.find((c) => c.col <= col && c.col + c.colSpan > col && c.row <= row && c.row + c.rowSpan > row && (c.row === row || c.rowSpan > 1));
}

/**
 * Joins the rest of a row split by a page break into the row (its texts, and the rows its merged cells
 * go on covering). Where the row above holds only the place of a cell merged down from further up
 * (`SETTORE …` over a whole page), the rest goes to that cell.
 */
function joinRow(last: { line: LayoutLine; cells: Map<number, TableCell> }, rest: LayoutLine, cells: readonly TableCell[], row: number): void {
  const above = cellsByColumn(last.line.cells);
  for (const [col, cell] of cellsByColumn(rest.cells)) {
    const target = above.get(col);
    if (!target) continue;
    const own = last.cells.get(col);
    const anchor = anchorAt(cells, row, col) ?? own;
    if (anchor && anchor !== own) {
      // A placeholder of a cell merged from above: that cell goes on.
      if (cell.text !== '') anchor.text = joinWrapped([anchor.text, cell.text]);
      anchor.rowSpan = Math.max(anchor.rowSpan, row + (cell.rowSpan ?? 1) - anchor.row);
      continue;
    }
    if (cell.text !== '') target.text = joinWrapped([target.text, cell.text]);
    const more = (cell.rowSpan ?? 1) - 1;
    if (more > 0) target.rowSpan = (target.rowSpan ?? 1) + more;
    if (own) {
      own.text = target.text;
      own.rowSpan = target.rowSpan ?? 1;
    }
  }
  last.line.text = last.line.cells.map((c) => c.text).join('\t');
}

const ORIGINS = ['tabs', 'aligned', 'linearized', 'lattice', 'stream'] as const;

/** Readers name their tables `<origin>:<anything unique>`. */
function originOf(readerId: string): LayoutTable['origin'] {
  const origin = readerId.slice(0, readerId.indexOf(':'));
  return (ORIGINS as readonly string[]).includes(origin) ? (origin as LayoutTable['origin']) : 'tabs';
}

function buildTable(id: string, lines: LayoutLine[], settings: TableSettings, joined: Set<LayoutLine>): LayoutTable {
  const origin = originOf(lines[0]!.table!.id);
  // Header rows: label-like rows at the top with data under them. Below the first, a row is a header
  // only under a cell grouping several columns (`Target` over `2024 | 2025`) or when it fills half the columns:
  // a short data row (a row cut by a page break) is not a header.
  const width = maxOf(lines.map((l) => l.cells.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
  // Below the first, a row that starts a cell merged down over a row that is no header is data (`S1 - …` over its objectives).
  const mergesIntoData = (k: number) => {
    if (k === 0) return false;
    const reach = maxOf(lines[k]!.cells.filter((c) => c.text !== '').map((c) => c.rowSpan ?? 1), 1);
    return lines.slice(k + 1, k + reach).some((l) => !isHeaderLike(l.cells, settings) && l.cells.some((c) => c.text !== ''));
  };
  // A title across the whole table (`RISORSE UMANE` over `N. | AZIONE | …`) heads it with the header rows under it.
  const isTitle = (k: number) => {
    const filled = lines[k]!.cells.filter((c) => c.text !== '');
    return width > 1 && filled.length === 1 && (filled[0]!.colSpan ?? 1) === width && !isValueCell(filled[0]!.text, settings);
  };
  const titled = (k: number) => {
    let n = k;
    while (n < lines.length && n - k < settings.maxHeaderRows && isTitle(n)) n++;
    return n > k && n < lines.length - 1 && n < settings.maxHeaderRows && isHeaderLike(lines[n]!.cells, settings);
  };
  let headerRows = 0;
  while (headerRows < Math.min(settings.maxHeaderRows, lines.length - 1) && titled(headerRows)) headerRows++;
  while (headerRows < Math.min(settings.maxHeaderRows, lines.length - 1) && isHeaderLike(lines[headerRows]!.cells, settings)) {
    const above = headerRows > 0 ? lines[headerRows - 1]! : null;
    const filled = lines[headerRows]!.cells.filter((c) => c.text !== '').length;
    if (above && !above.cells.some((c) => (c.colSpan ?? 1) > 1) && filled < width / 2) break;
    if (mergesIntoData(headerRows)) break;
    headerRows++;
  }
  // A first row of labels over rows of figures only (`N. dipendenti coinvolti per il raggiungimento
  // dell'obiettivo | Peso` over `1 | 0,50`) is a header even when a label is a long phrase.
  if (headerRows === 0 && lines.length >= 2 && labelsOverFigures(lines[0]!.cells, lines[1]!.cells, settings)) headerRows = 1;
  if (headerRows === 0 && blankHeaded(lines, settings)) headerRows = 1;
  const headerKeys = lines.slice(0, headerRows).map((l) => normalizeRowText(l.text));
  /** The header row a line prints again (after a page break), or -1. */
  const repeatedHeaderRow = (line: LayoutLine): number => {
    const key = normalizeRowText(line.text);
    if (key === '') return -1;
    const same = headerKeys.indexOf(key);
    return same >= 0 || !isHeaderLike(line.cells, settings) ? same : headerKeys.findIndex((h) => textSimilarity(h, key) >= settings.repeatedHeaderSimilarity);
  };
  const filledColumns = origin === 'lattice' ? columnsNeverEmpty(lines, headerRows, (line) => repeatedHeaderRow(line) >= 0) : new Set<number>();
  const cells: TableCell[] = [];
  let row = 0;
  let confidence = 1;
  /** The line of the last grid row, and its cells by grid column. */
  let last: { line: LayoutLine; cells: Map<number, TableCell> } | null = null;
  let lastPage = 0;
  for (const [index, line] of lines.entries()) {
    const repeats = index >= headerRows ? repeatedHeaderRow(line) : -1;
    if (repeats >= 0) {
      line.table = { id, row: repeats, repeatedHeader: true };
      continue;
    }
    // Only the first row of a page can be the rest of the row above (a page break splits one row).
    const firstOnPage = last !== null && line.page !== lastPage;
    lastPage = line.page;
    if (last && firstOnPage && row > headerRows) {
      // Columns of the row above covered by a merged cell from a row further up.
      const coveredAbove = new Set<number>();
      for (const c of cells) if (c.row < row - 1 && c.row + c.rowSpan > row - 1) for (let k = 0; k < c.colSpan; k++) coveredAbove.add(c.col + k);
      if (continuesRow(last.line, line, coveredAbove)) {
        joinRow(last, line, cells, row - 1);
        line.table = { id, row: row - 1 };
        joined.add(line);
        continue;
      }
    }
    line.table = { id, row };
    const cols = gridColumns(line.cells);
    last = { line, cells: new Map() };
    // A merged cell crossing the page break goes on on this page, drawn again: an empty cell at the head of
    // the page (its text printed once, above) under a cell with text at the foot of the last, merged there
    // or in a column where no cell is empty; or the rest of its text, a word in capitals broken at the edge
    // (`AMMINISTR` / `ATIVA`), while the other cells start a new row. (Text in lower case is no evidence: a
    // new row's cell may start so, `avv. Fabio Cozzani`.)
    const goesOn = new Map<number, TableCell>();
    if (firstOnPage && origin === 'lattice' && row > headerRows) {
      line.cells.forEach((cell, k) => {
        const col = cols[k]!;
        const above = cells.find((c) => c.col === col && c.colSpan === (cell.colSpan ?? 1) && c.row + c.rowSpan === row && c.text !== '' && !c.header);
        if (!above) return;
        if (cell.text === '' ? above.rowSpan > 1 || filledColumns.has(col) : endsInBrokenWord(above.text, settings.minBrokenWord) && /^\p{Lu}+(?![\p{Ll}])/u.test(cell.text)) goesOn.set(k, above);
      });
    }
    for (const [k, above] of goesOn) {
      const rest = line.cells[k]!.text;
      if (rest !== '') above.text = !/^\p{Ll}/u.test(rest) && endsInBrokenWord(above.text, settings.minBrokenWord) ? above.text + rest : joinWrapped([above.text, rest]);
      above.rowSpan += line.cells[k]!.rowSpan ?? 1;
    }
    line.cells.forEach((cell, k) => {
      const tableCell: TableCell = {
        row,
        col: cols[k]!,
        rowSpan: cell.rowSpan ?? 1,
        colSpan: cell.colSpan ?? 1,
        text: cell.text,
        header: row < headerRows,
        page: line.page,
        line: line.line,
      };
      if (cell.bbox) tableCell.bbox = cell.bbox;
      if (cell.confidence !== undefined) {
        tableCell.confidence = cell.confidence;
        confidence = Math.min(confidence, cell.confidence);
      }
      cells.push(tableCell);
      last!.cells.set(tableCell.col, tableCell);
    });
    row++;
  }
  if (settings.mergeLeadingEmptyCells && (origin === 'stream' || origin === 'aligned')) mergeLeadingEmpty(cells, headerRows, row, settings.groupColumnEmptyShare);
  // Cells covered by a vertically merged cell above are placeholders in their lines, not cells of the grid.
  const covered = new Set<string>();
  for (const c of cells) for (let r = 1; r < c.rowSpan; r++) for (let k = 0; k < c.colSpan; k++) covered.add(`${c.row + r},${c.col + k}`);
  const anchored = cells.filter((c) => !covered.has(`${c.row},${c.col}`));
  // A loop, not maxOf(): a line of 100 000 cells is more arguments than the stack holds.
  const cols = anchored.reduce((m, c) => Math.max(m, c.col + c.colSpan), 0);
  return {
    id,
    pages: [...new Set(lines.map((l) => l.page))],
    rows: row,
    cols,
    headerRows: Math.min(headerRows, row),
    cells: anchored,
    origin,
    confidence,
  };
}

/**
 * Grid columns of a ruled table where no data cell is empty: every line's cell there has text or holds
 * the place of a cell merged down from a line above on its page. The first line of each later page
 * (under a repeated header) is not counted: its empty cells are what this decides.
 */
function columnsNeverEmpty(lines: readonly LayoutLine[], headerRows: number, repeatsHeader: (line: LayoutLine) => boolean): Set<number> {
  const empty = new Set<number>();
  const seen = new Set<number>();
  /** Per grid column, the index of the last line a merged cell from above covers. */
  const coveredTo = new Map<number, number>();
  let page = -1;
  lines.forEach((line, i) => {
    if (i < headerRows || repeatsHeader(line)) return;
    const newPage = line.page !== page;
    const first = newPage && page !== -1;
    page = line.page;
    if (newPage) coveredTo.clear();
    const cols = gridColumns(line.cells);
    line.cells.forEach((cell, k) => {
      const col = cols[k]!;
      const covered = (coveredTo.get(col) ?? -1) >= i;
      if (!covered && (cell.rowSpan ?? 1) > 1) for (let c = col; c < col + (cell.colSpan ?? 1); c++) coveredTo.set(c, i + (cell.rowSpan ?? 1) - 1);
      if (first || covered) return;
      seen.add(col);
      if (cell.text === '') empty.add(col);
    });
  });
  return new Set([...seen].filter((col) => !empty.has(col)));
}

/** See `TableSettings.mergeLeadingEmptyCells`: extends the data cells above over the empty cells that lead a row. */
function mergeLeadingEmpty(cells: TableCell[], headerRows: number, rows: number, emptyShare: number): void {
  const byRow: TableCell[][] = Array.from({ length: rows }, () => []);
  for (const cell of cells) byRow[cell.row]?.push(cell);
  const filled = new Map<number, number>();
  const empty = new Map<number, number>();
  for (const cell of cells) {
    if (cell.row < headerRows || cell.colSpan !== 1) continue;
    const counts = cell.text === '' ? empty : filled;
    counts.set(cell.col, (counts.get(cell.col) ?? 0) + 1);
  }
  const grouping = (col: number) => {
    const e = empty.get(col) ?? 0;
    return e > 0 && e >= (e + (filled.get(col) ?? 0)) * emptyShare;
  };
  /** The cell that covers each column at the row being read (its anchor, from the rows above). */
  const over = new Map<number, TableCell>();
  for (let r = headerRows; r < rows; r++) {
    const own = byRow[r]!.sort((a, b) => a.col - b.col);
    const first = own.find((c) => c.text !== '');
    if (first) {
      for (const cell of own) {
        if (cell.col >= first.col || cell.text !== '' || cell.colSpan !== 1 || !grouping(cell.col)) continue;
        const above = over.get(cell.col);
        // Only a cell above that is still open (it reached the row above) and has text.
        if (!above || above.text === '' || above.colSpan !== 1 || above.row + above.rowSpan < r) continue;
        if (above.row + above.rowSpan === r) above.rowSpan++;
      }
    }
    for (const cell of own) {
      const covered = [...over.values()].some((c) => c !== cell && c.col === cell.col && c.row + c.rowSpan > r);
      if (!covered) for (let k = 0; k < cell.colSpan; k++) over.set(cell.col + k, cell);
    }
  }
}
