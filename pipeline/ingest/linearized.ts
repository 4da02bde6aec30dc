/**
 * Tables linearized one cell per line (LibreOffice's "Text (encoded)" export,
 * web copies, `pdftotext` without `-layout`): every cell of a row is a line of
 * its own, an empty cell an empty line, a cell covered by a vertically merged
 * cell above an empty line in its place, a cell covered horizontally (colSpan)
 * no line at all.
 *
 * Recognized by shape, never by the words of a layout:
 * - a header: a run of short label-like lines (mostly letters, not starting
 *   lowercase as a wrapped line does, no sentence punctuation, at least two of
 *   them words), optionally a second header row (empty lines for the cells
 *   merged from above, then labels or years, each cell of one or more lines);
 * - then rows of as many lines as the header has columns, whose columns keep
 *   their kind (numbers in the same columns, texts in the same columns) from
 *   row to row; a line alone before a row is a row spanning every column
 *   (`AMBITO: RICERCA`); a label followed by numbers closes the table as a
 *   totals row, its numbers placed under the numeric columns;
 * - label/value pairs (`Codice:` / `CAR-01` / `Obiettivo:` / …): a
 *   two-column table without header.
 *
 * An empty cell at the start of a row under a filled cell is taken as covered
 * by it (the cell above gets a `rowSpan`), except in a last row shaped like a
 * total (`| Totale | 100%`) under columns that merge nowhere else.
 *
 * Plain `pdftotext` prints a cell as a block of lines between blank lines, an
 * empty cell as nothing: a second pass (`blocks`) reads the lines left free as
 * blocks, each block one cell (its lines joined), with stricter evidence: at
 * least two rows (one under a header read elsewhere in the document), a
 * column holding a figure, a mark or a short mix in every row, only figures
 * under a year, no row spanning every column, a long paragraph ends the
 * table; a label glued to the block before it (`Assessore: …` / `Indicatori`)
 * is split off; years may be header labels (`Indicatori` / `2011` / `2012`).
 * Pages whose lines are padded with spaces are not read as blocks (their
 * producers also break a cell with blank lines). Where pdftotext lost a
 * table's order (a row's cells by columns, glued neighbour cells) nothing is
 * rebuilt: the rule `table-unread` reports the figures left outside tables.
 *
 * The rows found replace their lines: a row is one line numbered as its first
 * cell's line, its cells the row's cells, marked `linearized:<n>` for
 * `assembleTables`. Linear in the number of lines: every candidate reading
 * looks at each line a bounded number of times.
 */
import type { LayoutCell, LayoutLine, LayoutPage } from '../../models/layout.js';

/** Tolerances of the linearized-table reader, each with its default. */
export interface LinearizedSettings {
  /** Fewest consecutive label lines that make a header row. Default 3. */
  minHeaderCells: number;
  /** Most columns of a linearized table; a longer run of labels is a list, not a header. Default 40. */
  maxColumns: number;
  /** Longest header label, in characters. Default 50. */
  maxLabelLength: number;
  /** Most words of a header label. Default 6. */
  maxLabelWords: number;
  /** Least share of letters among the non-space characters of a label (`Target 2025` has 0.6). Default 0.6. */
  minLabelLetters: number;
  /** Most words of a cell that mixes words and figures (`entro il 31/12`, `OB.1.1`) and still counts as a value-like cell. Default 4. */
  maxMixedWords: number;
  /** Cells of a row that may disagree with their column's kind: one per this many columns (9 columns: 1). Default 6. */
  columnsPerMismatch: number;
  /** Most lines of one cell of a second header row (a cell of several paragraphs, `Area Tecnica` / `Arch. Nicola Fabbri`). Default 3. */
  maxLinesPerHeaderCell: number;
  /** Fewest label/value pairs (`Codice:` / `CAR-01`) that make a two-column table. Default 3. */
  minPairs: number;
  /** Most words of the label of a totals row or of a total-shaped last row. Default 3. */
  maxTotalLabelWords: number;
  /** Most share of the text cells of the rows that read as lines of a wrapped paragraph (ending on a preposition, comma or dash, leaving a bracket open, or starting lowercase); one cell starting lowercase is always allowed (`entro il …`). Default 0.25. */
  maxContinuationShare: number;
  /**
   * Blocks as cells (plain `pdftotext`): where the lines left free are blocks
   * separated by blank lines, each block (its lines joined by a space) is read
   * as one cell, an empty cell printing nothing. Default true.
   */
  blocks: boolean;
  /** Fewest header labels of a table read from blocks (`Strategicità` / `Peso`). Default 2. */
  minBlockHeaderCells: number;
  /** Most words of a header label that is a block (a label wrapped on two lines in its cell). Default 10. */
  maxBlockLabelWords: number;
  /** Longest header label that is a block, in characters. Default 90. */
  maxBlockLabelLength: number;
  /** Fewest data rows of a table read from blocks (a blank line may also end a paragraph: one row is no evidence). Default 2. */
  minBlockRows: number;
  /**
   * Most share of a page's lines ending in spaces for its blocks to be read:
   * plain `pdftotext` trims its lines, while the producers that pad them
   * (older extractions) also break a cell with blank lines, so that a block
   * is not a cell there. Default 0.1.
   */
  maxPaddedShare: number;
  /** A block this many times longer than every cell of its column so far (and longer than `maxBlockLabelLength`) is the prose after the table, not a cell. Default 8. */
  maxBlockCellGrowth: number;
}

export const DEFAULT_LINEARIZED_SETTINGS: LinearizedSettings = {
  minHeaderCells: 3,
  maxColumns: 40,
  maxLabelLength: 50,
  maxLabelWords: 6,
  minLabelLetters: 0.6,
  maxMixedWords: 4,
  columnsPerMismatch: 6,
  maxLinesPerHeaderCell: 3,
  minPairs: 3,
  maxTotalLabelWords: 3,
  maxContinuationShare: 0.25,
  blocks: true,
  minBlockHeaderCells: 2,
  maxBlockLabelWords: 10,
  maxBlockLabelLength: 90,
  minBlockRows: 2,
  maxPaddedShare: 0.1,
  maxBlockCellGrowth: 8,
};

/**
 * What a cell line holds: nothing, a figure (number, percentage, date,
 * comparison), a mark (`X`, `%`, `n.`: two characters at most, no digit), a
 * short mix of words and figures (`entro il 31/12`, `OB.1.1`), or text.
 */
type Kind = 'blank' | 'nil' | 'value' | 'mark' | 'mixed' | 'text';
/** A cell printed as «no value» (`-`, `n.d.`): it fits under any column, as an empty cell does. */
const NIL_RE = /^(?:[-–—]|n\.?\s?d\.?|n\.?\s?a\.?)$/iu;
const COUNTED = ['value', 'mark', 'text'] as const;
type Counted = (typeof COUNTED)[number];

/** Numbers, percentages, dates, ranges, comparisons: no letters. */
const VALUE_RE = /^[<>≤≥=~±+\-–]*\s*[-+]?\d[\d.,/\-–\s]*%?$/u;
const YEAR_RE = /^(?:19|20)\d\d$/;
const SENTENCE_RE = /[:;!?]|\p{L}{5,}\.(?:\s|$)|, \p{Ll}/u;
const BULLET_RE = /^[•\-–*·▪◦●]/u;
/** Words a phrase does not end with (Italian articles, prepositions, conjunctions): a line ending with one was wrapped. */
const OPEN_WORDS = new Set(
  'e ed o od di del dello della dei degli delle a ad al allo alla ai agli alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle con col su sul sullo sulla sui sugli sulle per tra fra il lo la i gli le un uno una che'.split(' '),
);

/** A line cut from a longer text: it ends on an article, preposition or conjunction, a comma or a dash, or leaves a bracket open. */
function isWrapped(text: string): boolean {
  if (/[,;\-–(]$/u.test(text)) return true;
  if ((text.match(/\(/g)?.length ?? 0) !== (text.match(/\)/g)?.length ?? 0)) return true;
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1 || (text.match(/[«“]/gu)?.length ?? 0) !== (text.match(/[»”]/gu)?.length ?? 0)) return true;
  const last = text.slice(text.lastIndexOf(' ') + 1).toLowerCase();
  return text.includes(' ') && OPEN_WORDS.has(last);
}

/** A word gluing letters and digits is a code (`OP.1`, `S1`, `RA3.1.1`), not a label. */
const CODE_WORD_RE = /\p{L}[.\-_/]?\d|\d[.\-_/]?\p{L}/u;
/** `Codice:`, `Valore atteso:`: the label of a label/value pair. */
const PAIR_LABEL_RE = /^\p{L}[^:]{0,48}:$/u;

const wordCount = (t: string): number => (t === '' ? 0 : t.split(/\s+/).length);
/** Letters among the letters and digits (`N.`: 1, `Target 2025`: 0.6). */
const letterShare = (t: string): number => {
  const letters = t.match(/\p{L}/gu)?.length ?? 0;
  const digits = t.match(/\d/g)?.length ?? 0;
  return letters ? letters / (letters + digits) : 0;
};

/** A line read as a line of the file, trimmed, with its kind and whether it can be a header label. */
interface Item {
  line: LayoutLine;
  /** The file lines the item stands for: its line, or the lines of a block. */
  lines: LayoutLine[];
  text: string;
  kind: Kind;
  label: boolean;
}

/** The kind of a cell; `nil` only read from blocks (`-` is otherwise a mark, `n.d.` a text, as the line reader has always read them). */
function kindOf(text: string, s: LinearizedSettings, blocks = false): Kind {
  if (text === '') return 'blank';
  if (blocks && NIL_RE.test(text)) return 'nil';
  if (VALUE_RE.test(text)) return 'value';
  if (text.length <= 2 && !/\d/.test(text)) return 'mark';
  if (/\d/.test(text) && wordCount(text) <= s.maxMixedWords) return 'mixed';
  return 'text';
}

function isLabel(text: string, s: LinearizedSettings): boolean {
  return (
    text !== '' &&
    !/^[\p{Ll}(]/u.test(text) &&
    !isWrapped(text) &&
    text.length <= s.maxLabelLength &&
    wordCount(text) <= s.maxLabelWords &&
    !/^\d/.test(text) &&
    !BULLET_RE.test(text) &&
    !SENTENCE_RE.test(text) &&
    !CODE_WORD_RE.test(text) &&
    !/[*_=<>]/.test(text) &&
    text.split(/\s+/).filter((w) => /\d/.test(w)).length <= 1 &&
    letterShare(text) >= s.minLabelLetters
  );
}

/** Counts per column of the kinds seen in the rows read so far (empty and mixed cells are not counted). */
type Profile = Record<Counted | 'mixed', number[]> & {
  /** Longest cell seen per column, in characters. */
  longest: number[];
  /** Read from blocks: a column that has had mixed cells takes figures and texts alike. */
  blocks: boolean;
};

const zeros = (n: number): number[] => Array<number>(n).fill(0);
const emptyProfile = (n: number, blocks = false): Profile => ({ value: zeros(n), mark: zeros(n), text: zeros(n), mixed: zeros(n), longest: zeros(n), blocks });

const counted = (k: Kind): k is Counted => (COUNTED as readonly string[]).includes(k);

function addToProfile(p: Profile, kinds: readonly Kind[]): void {
  kinds.forEach((k, j) => {
    if (counted(k)) p[k][j]!++;
    else if (k === 'mixed') p.mixed[j]!++;
  });
}

/**
 * Cells whose kind its column has not had while it had others (a figure where
 * only texts were seen). Empty and mixed cells fit anywhere; a column that
 * has had mixed cells (`Da 2 a 3`) takes figures and texts alike.
 */
function mismatches(kinds: readonly Kind[], p: Profile): number {
  let n = 0;
  kinds.forEach((k, j) => {
    if (counted(k) && p[k][j] === 0 && COUNTED.some((other) => p[other][j]! > 0)) n++;
  });
  return n;
}

/** A row as read: where its lines start, how many, its cells. */
interface Row {
  start: number;
  count: number;
  cells: LayoutCell[];
  role: 'header' | 'data' | 'section' | 'totals';
}

interface Reading {
  rows: Row[];
  /** Index after the last line of the table. */
  end: number;
  /** Lines read as full rows and totals, less one per row spanning every column: the measure that picks among readings (a header label left as a spanning row costs). */
  dataLines: number;
  /** The header's signature (`headerSignature`) and the full data rows under it. */
  signature: string;
  fullRows: number;
}

/** A header of the run at `start`: its rows and the column count they give. */
interface HeaderReading {
  rows: Row[];
  cols: number;
  dataStart: number;
}

/**
 * Marks the linearized tables of the pages: their lines are replaced by one
 * line per row, marked `linearized:<n>`. Lines already marked (tab tables)
 * are left alone and end a linearized table.
 */
export function markLinearizedTables(pages: LayoutPage[], settings: LinearizedSettings = DEFAULT_LINEARIZED_SETTINGS): void {
  const counter = { n: 0 };
  const blockSettings = blockReading(settings);
  for (const page of pages) markPage(page, counter, (lines) => lines.map((line) => item([line], settings)), settings, null);
  if (!settings.blocks) return;
  // Blocks: a header read over enough rows somewhere is known; then, on a second pass, one row under it is enough (the same small table on every sheet).
  const known = new Set<string>();
  const blockItemsOf = (lines: LayoutLine[]): Item[] => blocksOf(lines).flatMap((block) => blockItems(block, blockSettings));
  const trimmed = pages.filter((page) => paddedShare(page) <= settings.maxPaddedShare);
  for (const page of trimmed) markPage(page, counter, blockItemsOf, blockSettings, known);
  if (known.size) for (const page of trimmed) markPage(page, counter, blockItemsOf, blockSettings, known);
}

/** Share of the non-blank lines of a page that end in a space or tab. */
function paddedShare(page: LayoutPage): number {
  const filled = page.lines.filter((l) => l.text.trim() !== '');
  return filled.length ? filled.filter((l) => /[ \t]$/.test(l.text)).length / filled.length : 0;
}

/** The settings of the block reading: block labels may be longer, headers shorter. */
function blockReading(s: LinearizedSettings): LinearizedSettings {
  return { ...s, maxLabelWords: s.maxBlockLabelWords, maxLabelLength: s.maxBlockLabelLength, minHeaderCells: s.minBlockHeaderCells };
}

/** One pass over the free lines of a page: its runs of cell-like lines read as items (lines or blocks). */
function markPage(page: LayoutPage, counter: { n: number }, itemsOf: (lines: LayoutLine[]) => Item[], settings: LinearizedSettings, known: Set<string> | null): void {
  const replaced = new Map<LayoutLine, LayoutLine | null>();
  let segment: LayoutLine[] = [];
  const flush = (): void => {
    if (segment.length) counter.n = readSegment(itemsOf(segment), page.number, counter.n, replaced, settings, known);
    segment = [];
  };
  for (const line of page.lines) {
    if (line.table || !cellLike(line.text)) flush();
    else segment.push(line);
  }
  flush();
  if (!replaced.size) return;
  page.lines = page.lines.flatMap((l) => {
    if (!replaced.has(l)) return [l];
    const row = replaced.get(l);
    return row ? [row] : [];
  });
}

/** Runs of non-blank lines, the blank lines between them dropped. */
function blocksOf(lines: readonly LayoutLine[]): LayoutLine[][] {
  const out: LayoutLine[][] = [];
  let current: LayoutLine[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The items of a block: the block, or its first lines and its last ones when
 * these are a label of their own glued to what precedes it (`Assessore: …` /
 * `Indicatori`, a paragraph / `Indicatori operativi per il raggiungimento` /
 * `dell'obiettivo`): the label of at most `maxLinesPerHeaderCell` lines starts
 * with a capital after a line that ends a phrase, and the block read whole is
 * no label.
 */
function blockItems(block: LayoutLine[], s: LinearizedSettings): Item[] {
  const whole = item(block, s, true);
  if (block.length < 2 || whole.label) return [whole];
  for (let k = 1; k <= s.maxLinesPerHeaderCell && k < block.length; k++) {
    const tail = block.slice(-k);
    const first = tail[0]!.text.trim();
    const before = block[block.length - k - 1]!.text.trim();
    if (/^[\p{Ll}(]/u.test(first) || endsOpen(before)) continue;
    const text = tail.map((l) => l.text.trim()).join(' ');
    if (isLabel(text, s) || (k === 1 && PAIR_LABEL_RE.test(text))) return [item(block.slice(0, -k), s, true), item(tail, s, true)];
  }
  return [whole];
}

/** A line that does not end a phrase: cut after a comma, dash, article or preposition, or leaving a bracket open (a bracket it closes is no matter). */
function endsOpen(text: string): boolean {
  const opened = (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
  return opened || (isWrapped(text) && !/[)»”"]\.?$/u.test(text));
}

function item(lines: LayoutLine[], s: LinearizedSettings, blocks = false): Item {
  const text = lines.map((l) => l.text.trim()).join(' ');
  return { line: lines[0]!, lines, text, kind: kindOf(text, s, blocks), label: isLabel(text, s) };
}

/**
 * A line that can be one cell: not indented and without runs of spaces inside
 * (lines of a table aligned by spaces, `pdftotext -layout`, are neither).
 */
function cellLike(raw: string): boolean {
  return !/^\s{4}/.test(raw) && !/\S {3,}\S/.test(raw);
}

/** Reads the tables of a run of items; `known` (the headers read from blocks so far) when the items are blocks, else null. */
function readSegment(items: Item[], page: number, count: number, replaced: Map<LayoutLine, LayoutLine | null>, s: LinearizedSettings, known: Set<string> | null): number {
  const blocks = known !== null;
  // Read from blocks, a header may hold years (`Indicatori` / `2011` / `2012`): nothing else shows where it ends.
  const headerish = (it: Item): boolean => it.label || (blocks && YEAR_RE.test(it.text));
  let i = 0;
  while (i < items.length) {
    const pairs = pairRun(items, i, s);
    if (pairs >= s.minPairs) {
      const rows: Row[] = [];
      for (let k = 0; k < pairs; k++) {
        const at = i + 2 * k;
        rows.push({ start: at, count: 2, role: 'data', cells: [{ text: items[at]!.text, col: 0 }, { text: items[at + 1]!.text, col: 1 }] });
      }
      emit(items, rows, `linearized:${++count}`, page, replaced);
      i += 2 * pairs;
      continue;
    }
    if (!items[i]!.label) {
      i++;
      continue;
    }
    let run = 1;
    while (i + run < items.length && headerish(items[i + run]!)) run++;
    // Label/value pairs have no header: labels right before them are a title.
    let pairsAt = 0;
    for (let k = 1; k <= run && !pairsAt; k++) if (pairRun(items, i + k, s) >= s.minPairs) pairsAt = k;
    if (pairsAt) {
      i += pairsAt;
      continue;
    }
    // Column headers are words: letters printed vertically (`O` / `R` / `E`) are not a header.
    // Nor are labels printed twice (the lines of a cell repeated across a row of cells).
    const worded = run <= s.maxColumns ? items.slice(i, i + run).filter((it) => (it.text.match(/\p{L}/gu)?.length ?? 0) >= 3).map((it) => it.text) : [];
    const distinct = new Set(worded).size === worded.length;
    const reading = run >= s.minHeaderCells && run <= s.maxColumns && worded.length >= (blocks && items.slice(i, i + run).some((it) => YEAR_RE.test(it.text)) ? 1 : 2) && distinct ? bestReading(items, i, run, s, known) : null;
    if (!reading) {
      i += run;
      continue;
    }
    emit(items, reading.rows, `linearized:${++count}`, page, replaced);
    if (known && reading.fullRows >= s.minBlockRows) known.add(reading.signature);
    i = reading.end;
  }
  return count;
}

/** Label/value pairs from `i`: how many. */
function pairRun(items: readonly Item[], i: number, s: LinearizedSettings): number {
  let n = 0;
  for (let at = i; at + 1 < items.length; at += 2) {
    const label = items[at]!.text;
    if (!PAIR_LABEL_RE.test(label) || wordCount(label) > s.maxLabelWords) break;
    if (PAIR_LABEL_RE.test(items[at + 1]!.text)) break;
    n++;
  }
  return n;
}

/**
 * The best reading of a run of `run` labels at `start`: the header may leave
 * out a label before it (a heading) or the last labels (short texts of the
 * first row), and may have a second row. The reading that takes the most
 * lines as data rows wins; among equals, the first tried.
 */
function bestReading(items: readonly Item[], start: number, run: number, s: LinearizedSettings, known: Set<string> | null): Reading | null {
  let best: Reading | null = null;
  for (let skip = 0; skip <= 1; skip++) {
    for (let cut = 0; cut <= 1; cut++) {
      const h = run - skip - cut;
      if (h < s.minHeaderCells) continue;
      for (const header of headers(items, start + skip, h, cut === 0, s)) {
        const signature = headerSignature(header);
        const mode = { blocks: known !== null, minRows: known && !known.has(signature) ? s.minBlockRows : 1 };
        // A lone row: under a header that is the whole run of labels, or, read from blocks, under a header known from another table.
        const lone = mode.blocks ? mode.minRows <= 1 : skip === 0 && cut === 0;
        const reading = readRows(items, header, lone, s, mode);
        if (reading && (!best || reading.dataLines > best.dataLines)) best = reading;
      }
    }
  }
  return best;
}

/** Header readings of `h` labels at `start`: one row of `h` columns, and (when blanks and labels or years follow) two rows. */
function headers(items: readonly Item[], start: number, h: number, mayHaveSecondRow: boolean, s: LinearizedSettings): HeaderReading[] {
  const labels = items.slice(start, start + h);
  const out: HeaderReading[] = [{ rows: [{ start, count: h, role: 'header', cells: labels.map((it, col) => ({ text: it.text, col })) }], cols: h, dataStart: start + h }];
  if (!mayHaveSecondRow) return out;
  const second = start + h;
  let blanks = 0;
  while (second + blanks < items.length && items[second + blanks]!.kind === 'blank') blanks++;
  let filled = 0;
  const headerish = (it: Item): boolean => it.label || YEAR_RE.test(it.text);
  while (second + blanks + filled < items.length && headerish(items[second + blanks + filled]!)) filled++;
  if (blanks < 1 || blanks >= h || filled < 1) return out;
  const spanning = h - blanks;
  for (let per = 1; per <= s.maxLinesPerHeaderCell; per++) {
    if (filled % per !== 0) continue;
    const cells2 = filled / per;
    if (cells2 % spanning !== 0 || blanks + cells2 > s.maxColumns) continue;
    const span = cells2 / spanning;
    const row1: LayoutCell[] = labels.map((it, col) => {
      const cell: LayoutCell = { text: it.text, col };
      if (col < blanks) cell.rowSpan = 2;
      else if (span > 1) cell.colSpan = span;
      return cell;
    });
    const row2: LayoutCell[] = [];
    for (let col = 0; col < blanks; col++) row2.push({ text: '', col });
    for (let k = 0; k < cells2; k++) {
      const parts = items.slice(second + blanks + k * per, second + blanks + (k + 1) * per).map((it) => it.text);
      row2.push({ text: parts.join(' '), col: blanks + k });
    }
    out.push({
      rows: [
        { start, count: h, role: 'header', cells: row1 },
        { start: second, count: blanks + filled, role: 'header', cells: row2 },
      ],
      cols: blanks + cells2,
      dataStart: second + blanks + filled,
    });
  }
  return out;
}

/**
 * Data rows under a header: full rows, rows spanning every column, a closing
 * totals row. A lone first row (nothing after it to compare with) only under
 * a header that is the whole run of labels. The header printed again right
 * after a row is a repeated header (a page break); printed again later, it
 * opens another table. Null when not one row fits.
 */
/** How rows are read: from blocks or lines, and how many data rows make a table. */
interface RowMode {
  blocks: boolean;
  minRows: number;
}

/** The texts of a header's cells: what tells the same header printed again. */
const headerSignature = (header: HeaderReading): string => header.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n');

function readRows(items: readonly Item[], header: HeaderReading, wholeRun: boolean, s: LinearizedSettings, mode: RowMode = { blocks: false, minRows: 1 }): Reading | null {
  const { blocks, minRows } = mode;
  const n = header.cols;
  const tolerance = Math.floor(n / s.columnsPerMismatch);
  const profile = emptyProfile(n, blocks);
  const rows: Row[] = [...header.rows];
  let dataLines = 0;
  const kindsAt = (p: number): Kind[] | null => {
    if (p + n > items.length) return null;
    const kinds = items.slice(p, p + n).map((it) => it.kind);
    return kinds.some((k) => k !== 'blank') ? kinds : null;
  };
  const costAt = (p: number, against: Profile | null): number => {
    const kinds = kindsAt(p);
    if (!kinds) return Infinity;
    if (against) {
      if (blocks && outgrown(p, against)) return Infinity;
      return mismatches(kinds, against);
    }
    // First row: against the row after it.
    const next = kindsAt(p + n);
    if (!next) return Infinity;
    const p1 = emptyProfile(n, blocks);
    addToProfile(p1, next);
    return mismatches(kinds, p1);
  };
  const outgrown = (p: number, against: Profile): boolean =>
    items.slice(p, p + n).some((it, j) => against.longest[j]! > 0 && it.text.length > s.maxBlockLabelLength && it.text.length > against.longest[j]! * s.maxBlockCellGrowth);
  const sectionAt = (p: number): boolean => p < items.length && items[p]!.kind === 'text' && n > 1;
  // Read from blocks, the columns holding a figure in every row so far (null before the first row): a row must keep one.
  let figureCols: number[] | null = null;
  const isFigure = (it: Item): boolean => ['value', 'mark', 'nil', 'mixed'].includes(it.kind);
  // Under a year (`2024`) stands a figure or a mark, never a text: a text there is a cell of another column.
  const lastHeader = header.rows[header.rows.length - 1]!.cells;
  const yearCols = lastHeader.filter((c) => YEAR_RE.test(c.text)).map((c) => c.col);
  const keepsFigures = (p: number): boolean =>
    !blocks ||
    ((figureCols ?? Array.from({ length: n }, (_, j) => j)).some((j) => p + j < items.length && isFigure(items[p + j]!)) &&
      yearCols.every((j) => p + j < items.length && items[p + j]!.kind !== 'text') &&
      // The year after the header's last one as a cell (`… 2024` / `2025` / then `2026`): the header was cut short.
      !items.slice(p, p + n).some((it) => yearCols.length > 0 && Number(it.text) === Math.max(...yearCols.map((j) => Number(lastHeader.find((c) => c.col === j)!.text))) + 1));
  const fullRow = (p: number): void => {
    if (blocks) figureCols = (figureCols ?? Array.from({ length: n }, (_, j) => j)).filter((j) => isFigure(items[p + j]!));
    const cells = items.slice(p, p + n).map((it, col) => ({ text: it.text, col }));
    addToProfile(profile, items.slice(p, p + n).map((it) => it.kind));
    items.slice(p, p + n).forEach((it, j) => (profile.longest[j] = Math.max(profile.longest[j]!, it.text.length)));
    rows.push({ start: p, count: n, role: 'data', cells });
    dataLines += n;
  };
  const headerStart = header.rows[0]!.start;
  const headerLines = header.dataStart - headerStart;
  const headerAt = (p: number, count: number): boolean => {
    if (p + count > items.length) return false;
    for (let k = 0; k < count; k++) if (items[p + k]!.text !== items[headerStart + k]!.text) return false;
    return true;
  };
  let p = header.dataStart;
  let first = true;
  while (p < items.length) {
    if (!first && headerAt(p, headerLines)) {
      for (const row of header.rows) rows.push({ ...row, start: row.start - headerStart + p, cells: row.cells.map((c) => ({ ...c })) });
      p += headerLines;
      continue;
    }
    if (headerAt(p, s.minHeaderCells)) break;
    // A row cannot hold the header printed again: the table has ended.
    const fits = (q: number): boolean => {
      for (let k = q; k < q + n; k++) if (headerAt(k, s.minHeaderCells)) return false;
      return true;
    };
    // Nothing is above the first row to cover its first cell.
    const a = fits(p) && keepsFigures(p) && !(first && items[p]!.kind === 'blank') ? costAt(p, first ? null : profile) : Infinity;
    // Read from blocks, a block alone is any cell: no row spans every column.
    const b = !blocks && sectionAt(p) && fits(p + 1) ? costAt(p + 1, first ? null : profile) : Infinity;
    if (Math.min(a, b) <= (first ? 0 : tolerance)) {
      if (b < a) {
        rows.push({ start: p, count: 1, role: 'section', cells: [{ text: items[p]!.text, col: 0, colSpan: n }] });
        dataLines--;
        p++;
      }
      fullRow(p);
      p += n;
    } else if (first && wholeRun && plausibleLoneRow(items, p, n)) {
      // Nothing after it reads as a row: the table is this row.
      fullRow(p);
      p += n;
      first = false;
      break;
    } else {
      const totals = first ? null : totalsRow(items, p, n, profile, s);
      if (totals) {
        rows.push(totals);
        dataLines += totals.count;
        p += totals.count;
      }
      break;
    }
    first = false;
  }
  if (first) return null;
  // The lines of wrapped paragraphs cut into rows: too many cells go on a sentence (`generali e di gestione`).
  const texts = rows.filter((r) => r.role !== 'header').flatMap((r) => r.cells.filter((c) => kindOf(c.text, s) === 'text'));
  const wrapped = texts.filter((c) => isWrapped(c.text)).length;
  const continuing = wrapped + texts.filter((c) => /^[\p{Ll})\],;.]/u.test(c.text) && !isWrapped(c.text)).length;
  // A block is a whole cell, which may start lowercase (`avvio delle …`); one ending mid-phrase is cut.
  if (blocks ? wrapped > texts.length * s.maxContinuationShare : (wrapped > 0 || continuing > 1) && continuing > texts.length * s.maxContinuationShare) return null;
  // A table states figures or marks: at least half of its full rows hold one.
  const full = rows.filter((r) => r.role === 'data');
  if (full.length < minRows) return null;
  if (blocks && n === 2 && !labelAndFigure(full, s)) return null;
  if (blocks) {
    // Read from blocks, a column holds a figure, a mark or a short mix of words and figures (`n.2 azioni`) in every row.
    const figure = (t: string): boolean => ['value', 'mark', 'nil', 'mixed'].includes(kindOf(t, s, true));
    if (!Array.from({ length: n }, (_, j) => j).some((j) => full.every((r) => figure(r.cells[j]!.text)))) return null;
  } else {
    const figured = full.filter((r) => r.cells.some((c) => ['value', 'mark'].includes(kindOf(c.text, s)))).length;
    if (figured * 2 < full.length) return null;
  }
  markMerges(rows, n, s);
  return { rows, end: p, dataLines, signature: headerSignature(header), fullRows: full.length };
}

/**
 * Two columns read from blocks: a label and a figure per row (`1. strategico`
 * / `40`), the figure in every row, the label not a figure in most: two
 * figures side by side are the cells of a wider row.
 */
function labelAndFigure(rows: readonly Row[], s: LinearizedSettings): boolean {
  const figure = (t: string): boolean => ['value', 'nil', 'mark'].includes(kindOf(t, s, true));
  const figures = rows.filter((r) => figure(r.cells[1]!.text)).length;
  const bothFigures = rows.filter((r) => figure(r.cells[0]!.text) && figure(r.cells[1]!.text)).length;
  return figures === rows.length && bothFigures * 2 < rows.length;
}

/** A first row with nothing after it to compare: it must start filled and hold a figure and a text. */
function plausibleLoneRow(items: readonly Item[], p: number, n: number): boolean {
  if (p + n > items.length) return false;
  const row = items.slice(p, p + n);
  return row[0]!.kind !== 'blank' && row.some((it) => it.kind === 'value' || it.kind === 'mixed') && row.some((it) => it.kind === 'text');
}

/** `TOTALE` / `100` / …: a short label, then figures or empty cells, fewer than the columns; figures go under the numeric columns. */
function totalsRow(items: readonly Item[], p: number, n: number, profile: Profile, s: LinearizedSettings): Row | null {
  const head = items[p];
  if (!head || !isTotalLabel(head, s)) return null;
  let k = 1;
  while (k < n - 1 && p + k < items.length && (items[p + k]!.kind === 'value' || items[p + k]!.kind === 'blank')) k++;
  const rest = items.slice(p + 1, p + k);
  // Years are no sums: a label and years is the header of what follows (`Fasi` / `2012`).
  if (!rest.some((it) => it.kind === 'value' && !YEAR_RE.test(it.text))) return null;
  const numeric = (j: number): boolean => profile.value[j]! > 0 && profile.text[j] === 0;
  // Columns of the items after the label: a figure under the next numeric column that leaves room for the rest.
  const cols: number[] = [];
  let prev = 0;
  rest.forEach((it, m) => {
    let col = prev + 1;
    if (it.kind === 'value') {
      const room = n - (rest.length - m);
      while (col < room && !numeric(col)) col++;
      if (!numeric(col)) col = prev + 1;
    }
    cols.push(col);
    prev = col;
  });
  const cells: LayoutCell[] = [{ text: head.text, col: 0 }];
  if (cols[0]! > 1) cells[0]!.colSpan = cols[0]!;
  rest.forEach((it, m) => {
    const last = m === rest.length - 1;
    const span = last ? (it.kind === 'blank' ? n - cols[m]! : 1) : cols[m + 1]! - cols[m]!;
    const cell: LayoutCell = { text: it.text, col: m + 1 };
    if (span > 1) cell.colSpan = span;
    cells.push(cell);
  });
  return { start: p, count: k, role: 'totals', cells };
}

function isTotalLabel(it: Item, s: LinearizedSettings): boolean {
  return it.kind === 'text' && !/\d/.test(it.text) && wordCount(it.text) <= s.maxTotalLabelWords && !SENTENCE_RE.test(it.text);
}

/**
 * Vertical merges: the empty cells at the start of a data row under filled
 * cells (or cells covered by them) are covered; the cell above gets the rows.
 * A last row shaped like a total keeps its empty cells where no other row
 * merges that column.
 */
function markMerges(rows: Row[], n: number, s: LinearizedSettings): void {
  const data = rows.filter((r) => r.role !== 'header');
  const lastFull = [...data].reverse().find((r) => r.role === 'data');
  const treeCols = new Set<number>();
  for (const row of data) {
    if (row.role !== 'data' || row === lastFull) continue;
    for (let j = 0; j < n && row.cells[j]!.text === ''; j++) treeCols.add(j);
  }
  let above: (LayoutCell | null)[] = Array<LayoutCell | null>(n).fill(null);
  for (const row of data) {
    if (row.role !== 'data') {
      above = Array<LayoutCell | null>(n).fill(null);
      continue;
    }
    const totalShaped = row === lastFull && isTotalShaped(row.cells, s);
    let leading = true;
    const next: (LayoutCell | null)[] = [];
    row.cells.forEach((cell, j) => {
      if (cell.text !== '') leading = false;
      const anchor = above[j];
      if (leading && anchor && !(totalShaped && !treeCols.has(j))) {
        anchor.rowSpan = (anchor.rowSpan ?? 1) + 1;
        next.push(anchor);
      } else next.push(cell.text === '' ? null : cell);
    });
    above = next;
  }
}

/** One short label and figures, nothing else: `| Totale | 100% |`. */
function isTotalShaped(cells: readonly LayoutCell[], s: LinearizedSettings): boolean {
  const filled = cells.filter((c) => c.text !== '');
  const kinds = filled.map((c) => kindOf(c.text, s));
  const texts = filled.filter((_, k) => kinds[k] === 'text');
  return texts.length === 1 && wordCount(texts[0]!.text) <= s.maxTotalLabelWords && !/\d/.test(texts[0]!.text) && kinds.includes('value');
}

/** Replaces the lines of the rows by one line per row (numbered as its first line), marked as rows of `id`. */
function emit(items: readonly Item[], rows: readonly Row[], id: string, page: number, replaced: Map<LayoutLine, LayoutLine | null>): void {
  for (const row of rows) {
    for (let k = 0; k < row.count; k++) for (const line of items[row.start + k]!.lines) replaced.set(line, null);
    const first = items[row.start]!.line;
    replaced.set(first, { page, line: first.line, text: row.cells.map((c) => c.text).join('\t'), cells: row.cells, table: { id, row: 0 } });
  }
}
