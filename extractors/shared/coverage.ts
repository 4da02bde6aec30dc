/**
 * How many objectives a document seems to show, from its layout alone, with
 * general rules that never depend on one document: used to tell a plan read
 * in full from one read in part or not at all (rule `objectives-missed`, the
 * batch index). Four kinds of evidence are counted, each on its own:
 *
 * - `tableRows`: data rows of a table under a column whose header names
 *   objectives (`Obiettivo`, `Descrizione obiettivo`, `Obiettivo operativo
 *   (codice DUP)`, not `Peso obiettivo`), distinct texts, a merged cell once;
 *   a bare `Codice` column beside them counts with them; columns of different
 *   levels (strategico, operativo, …) add up, columns of one level count as the
 *   largest of them; tables add up;
 * - `headings`: lines that look like an objective's heading (`Obiettivo n. 3 –`,
 *   `Obiettivo 1.1 -`, `Obiettivo strategico: …`, `OB.3.1 - Title`, `01.02 Title`)
 *   and lists of codes alone on their lines (`OP.1`, `1.1.1`), distinct;
 * - `labels`: label/value sheets, one `Obiettivo:` label per objective;
 * - `weights`: weights (a column `Peso…`, `Peso: 15%` lines) that add up to 100,
 *   one per weighted row.
 *
 * The estimate is the largest of the four (the same objectives often show in a
 * list and again in their sheets); it need not be exact. One pass over the
 * lines and one over the cells of the tables.
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import type { Coverage, CoverageEvidence } from '../../models/plan.js';
import { collapseSpaces, normalizeLabel } from './labels.js';
import { tableGrid } from './tables.js';

export type { Coverage, CoverageEvidence };

/**
 * An objective code at the start of a text: letters then digits (`OB.3.1`,
 * `FIN.01`, `RA3.1.1`, `S1`, `CAR-01`, `S1-1_1`) or dotted numbers (`1.1.1`,
 * `01.02`), never a date (`31.03.2025`) nor a grouped number (`1.200`).
 */
const CODE = /^(?:[A-Z]{1,6}[.\-_]?\d{1,3}(?:[.\-_]\d{1,3})*|\d{1,2}(?:\.\d{1,2}){1,3})(?![\d\p{L}]|[.\-_/]\d)/u;

/** Words that name an objective (OCR doubles the b: `OBBIETTIVO`). */
const OBJECTIVE_WORD = /^ob+iettiv/;

/** First words of a column header that names objectives themselves (not their weight, indicator, result, owner). */
const OBJECTIVE_HEADER_START = new Set(['obiettivo', 'obiettivi', 'obbiettivo', 'obbiettivi', 'descrizione', 'denominazione', 'titolo', 'codice', 'cod', 'n', 'nr', 'numero', 'elenco']);

/** Words that link a header's words (`Descrizione dell'obiettivo`). */
const LINKS = new Set(['del', 'dell', 'della', 'dello', 'degli', 'dei', 'di', 'd', 'l']);

/** Levels of the objective tree as header words name them; columns of different levels count separately. */
const LEVELS: readonly [string, RegExp][] = [
  ['strategico', /\bstrategic/],
  ['generale', /\bgeneral/],
  ['operativo', /\boperativ/],
  ['gestionale', /\b(?:gestional|esecutiv|peg)\b|\bgestional/],
  ['specifico', /\bspecific/],
  ['annuale', /\bannual/],
  ['individuale', /\bindividual/],
];

/** `Obiettivo [level] [n.] CODE –`, `Obiettivo level: Title`. */
const OBJECTIVE_HEADING =
  /^ob+iettivo\s+(?:(?:strategico|operativo|gestionale|generale|specifico|esecutivo|annuale|individuale|organizzativo|trasversale|di\s+\p{L}+)\s+)?(?:(?:n|nr|num|numero)\s*\.?\s*)?(?:[A-Z]{0,6}[.\-_]?\d{1,3}(?:[.\-_]\d{1,3})*)\s*(?:[-–—:.)]|$|\s+\p{Lu})|^ob+iettivo\s+(?:strategico|operativo|gestionale|generale|specifico|esecutivo|annuale|individuale|organizzativo|trasversale)\s*:\s*\S/iu;

/** After a code: a separator and a title with a capital (`OB.1 - Sanità…`, `01.01 Digitalizzazione…`). */
const CODED_TITLE = /^\s*(?:[-–—:)]\s*|\s+)\p{Lu}\p{Ll}/u;

/** `Obiettivo:` and its variants, the label of a sheet. */
const OBJECTIVE_LABEL = /^(?:ob+iettivo|descrizione\s+(?:dell['’]\s*)?ob+iettivo|titolo\s+(?:dell['’]\s*)?ob+iettivo|denominazione\s+(?:dell['’]\s*)?ob+iettivo)\s*:/iu;

/** `Peso: 15%`, `Peso dell'obiettivo: 20`. */
const WEIGHT_LABEL = /^peso(?:\s+(?:dell['’]\s*)?ob+iettivo|\s+assegnato)?\s*:\s*(\d{1,3}(?:[.,]\d+)?)\s*%?\s*$/iu;

/** A table row or a list line that is a total, a page footer, a column header repeated. */
const TOTAL = /^(?:totale|totali|tot\.)\b/iu;
const FOOTER = /^pag(?:ina|\.)?\s*\d+/iu;

/** Weights of what is not an objective: of indicators, actions, phases, staff. */
const SUB_WEIGHT = /indicat|azion|fase|fasi|attivit|personal|dipendent|partecip|quota/;

/** Codes alone on their lines count only as a list: at least this many distinct ones. */
export const MIN_CODE_LIST = 3;
/** Weights add up to 100 within this. */
export const WEIGHT_TOLERANCE = 0.5;

const ORDER: CoverageEvidence['kind'][] = ['tableRows', 'headings', 'labels', 'weights'];

/** The code at the start of a text, or null. */
export function leadingCode(text: string): string | null {
  const m = CODE.exec(text);
  return m ? m[0] : null;
}

/** Numeric codes must look like codes, not section numbers (`2.1 Valore pubblico`): a part with a leading zero (`01.02`). */
function codeLooksLikeObjective(code: string): boolean {
  if (/^[A-Z]/.test(code)) return true;
  return code.split('.').some((p) => p.length === 2 && p.startsWith('0'));
}

/** True when a column header names the objectives themselves. */
export function namesObjectives(header: string): boolean {
  const words = normalizeLabel(header)
    .split(' ')
    .filter((w) => !LINKS.has(w));
  if (OBJECTIVE_WORD.test(words[0] ?? '')) return true;
  // `Descrizione obiettivo`, `Codice dell'obiettivo`, `N. obiettivo`: the objective word right after.
  return OBJECTIVE_HEADER_START.has(words[0] ?? '') && OBJECTIVE_WORD.test(words[1] ?? '');
}

function levelOf(header: string): string {
  const n = normalizeLabel(header);
  return LEVELS.find(([, re]) => re.test(n))?.[0] ?? '';
}

function namesWeight(header: string): boolean {
  const n = normalizeLabel(header);
  if (!(/^(?:peso|pesi|pesatura)\b/.test(n) || header.trim() === '%')) return false;
  return !SUB_WEIGHT.test(n) || /ob+iettiv/.test(n);
}

function weightValue(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*%?\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]!.replace(',', '.'));
  return v >= 0 && v <= 100 ? v : null;
}

/** Which items of a sequence of weights form runs adding up to 100. */
function weightedRuns<T>(items: readonly { value: number; item: T }[]): T[] {
  const out: T[] = [];
  let run: T[] = [];
  let sum = 0;
  for (const { value, item } of items) {
    if (value === 0) continue;
    run.push(item);
    sum += value;
    if (Math.abs(sum - 100) <= WEIGHT_TOLERANCE) {
      out.push(...run);
      [run, sum] = [[], 0];
    } else if (sum > 100) [run, sum] = value < 100 ? [[item], value] : [[], 0];
  }
  return out;
}

/** Text as a key: lower case, accents and punctuation away. */
const key = (text: string) => normalizeLabel(text).slice(0, 80);

/** An entry of an objective column: a title, not a fragment of one, a total, a footer. */
function isEntry(text: string, header: string): boolean {
  if (text.length < 2 || TOTAL.test(text) || FOOTER.test(text)) return false;
  if (!/^[\p{Lu}\d]/u.test(text)) return false; // a wrapped cell's second line, a bullet, a bracket
  if (weightValue(text) !== null && !leadingCode(text)) return false;
  return key(text) !== key(header);
}

interface Place {
  page: number;
  line: number;
}

interface Found {
  count: number;
  label: string;
  labels: Set<string>;
  place: Place | null;
}

const found = (): Found => ({ count: 0, label: '', labels: new Set(), place: null });

function note(f: Found, label: string, place: Place): void {
  if (!f.place || place.page < f.place.page || (place.page === f.place.page && place.line < f.place.line)) f.place = place;
  if (!f.label) f.label = label;
  f.labels.add(label);
}

/** A bare code column (`Codice`, `Cod.`): beside a column naming objectives, it holds their codes. */
const codeColumn = (header: string) => /^(?:codice|cod|codici)$/.test(normalizeLabel(header));

/** A cell across the whole table: a title or a section, not a column header. */
const isTitle = (cell: TableCell, table: LayoutTable) => table.cols > 1 && cell.colSpan >= table.cols;

/** The header row of a table: its own header rows, or one of its first rows naming objectives when it has none. */
function headerOf(table: LayoutTable, grid: (TableCell | null)[][]): { headers: string[]; firstData: number } {
  if (table.headerRows > 0) {
    const headers = Array.from({ length: table.cols }, (_, c) => {
      const parts: string[] = [];
      for (let r = 0; r < table.headerRows; r++) {
        const cell = grid[r]![c];
        if (cell && cell.text && !isTitle(cell, table) && parts[parts.length - 1] !== cell.text) parts.push(cell.text);
      }
      return parts.join(' ');
    });
    return { headers, firstData: table.headerRows };
  }
  for (let r = 0; r < Math.min(3, table.rows); r++) {
    const row = grid[r]!;
    const filled = new Set(row.filter((cell) => cell !== null && cell.text !== ''));
    if (filled.size < 2) continue;
    if (row.some((cell) => cell !== null && !isTitle(cell, table) && cell.text.length <= 80 && namesObjectives(cell.text) && !OBJECTIVE_LABEL.test(cell.text))) {
      return { headers: row.map((cell) => cell?.text ?? ''), firstData: r + 1 };
    }
  }
  return { headers: [], firstData: 0 };
}

/** A value that fits a short column: a number, a percentage, a date, a mark, a code. */
export const SHORT_VALUE = 12;

/**
 * In a table read from text alignment, a title wrapped over several lines
 * gives one row per line. The rows that start a record have something in the
 * columns of short values (weights, marks, dates, targets, numbers); the rows
 * of a wrapped text do not. Null when the table has no such column (or its
 * cells are real cells: ruled or one per line).
 */
function recordRows(table: LayoutTable, grid: (TableCell | null)[][], headers: readonly string[], firstData: number): Set<number> | null {
  if (table.origin !== 'aligned' && table.origin !== 'stream') return null;
  const anchors: number[] = [];
  for (let c = 0; c < table.cols; c++) {
    if (namesObjectives(headers[c] ?? '')) continue;
    let filled = 0;
    let short = 0;
    for (let r = firstData; r < table.rows; r++) {
      const cell = grid[r]![c];
      if (!cell || cell.row !== r || cell.text === '') continue;
      filled++;
      if (cell.text.length <= SHORT_VALUE) short++;
    }
    if (filled >= 2 && short * 10 >= filled * 6) anchors.push(c);
  }
  if (anchors.length === 0) return null;
  const rows = new Set<number>();
  for (let r = firstData; r < table.rows; r++) if (anchors.some((c) => grid[r]![c]?.row === r && grid[r]![c]!.text !== '')) rows.add(r);
  return rows;
}

/** Objectives in the tables: per table, the levels added up, each level its largest column. */
function countTables(layout: LayoutDocument, rows: Found, weightItems: Map<string, { value: number; item: string }[]>, weightPlace: Map<string, Place & { label: string }>): Set<string> {
  const headed = new Set<string>();
  for (const table of layout.tables) {
    const grid = tableGrid(table);
    const { headers, firstData } = headerOf(table, grid);
    if (headers.length === 0) continue;
    headed.add(table.id);
    // A bare `Peso` beside actions, phases or indicators may weigh those: not counted.
    const hasSubColumns = headers.some((h) => /^(?:azion|fase|fasi|attivit|indicat)/.test(normalizeLabel(h)));
    const totalRows = new Set<number>();
    for (let r = firstData; r < table.rows; r++) if (grid[r]!.some((cell) => cell !== null && TOTAL.test(cell.text))) totalRows.add(r);
    const records = recordRows(table, grid, headers, firstData);
    const byLevel = new Map<string, { count: number; header: string; place: Place }[]>();
    headers.forEach((header, c) => {
      if (namesWeight(header) && (!hasSubColumns || /ob+iettiv/.test(normalizeLabel(header)))) {
        const seen = new Set<TableCell>();
        const items = weightItems.get(key(header)) ?? [];
        for (let r = firstData; r < table.rows; r++) {
          const cell = grid[r]![c];
          if (!cell || seen.has(cell) || totalRows.has(r)) continue;
          seen.add(cell);
          const value = weightValue(cell.text);
          if (value === null) continue;
          items.push({ value, item: `${table.id}:${cell.row}` });
          if (!weightPlace.has(`${table.id}:${cell.row}`)) weightPlace.set(`${table.id}:${cell.row}`, { page: cell.page, line: cell.line, label: collapseSpaces(header) });
        }
        weightItems.set(key(header), items);
        return;
      }
      if (!namesObjectives(header) && !(codeColumn(header) && headers.some(namesObjectives))) return;
      const seen = new Set<TableCell>();
      const entries: TableCell[] = [];
      for (let r = firstData; r < table.rows; r++) {
        const cell = grid[r]![c];
        if (!cell || seen.has(cell) || (records && !records.has(cell.row))) continue;
        seen.add(cell);
        const text = collapseSpaces(cell.text);
        if (!isEntry(text, header)) continue;
        // A row across the whole table is a section (`AMBITO: RICERCA`) unless it is coded as an objective.
        if (cell.colSpan >= Math.max(2, table.cols - 1) && !leadingCode(text) && !OBJECTIVE_WORD.test(normalizeLabel(text))) continue;
        entries.push(cell);
      }
      // A column whose entries are mostly coded: only the coded ones are objectives, the rest are wrapped lines.
      const coded = entries.filter((cell) => leadingCode(collapseSpaces(cell.text)) !== null);
      const counted = coded.length * 2 >= entries.length && coded.length > 0 ? coded : entries;
      const keys = new Set(counted.map((cell) => (coded === counted ? leadingCode(collapseSpaces(cell.text))! : key(cell.text))));
      if (keys.size === 0) return;
      // A code column belongs to the level of the first column naming objectives.
      const level = levelOf(namesObjectives(header) ? header : (headers.find(namesObjectives) ?? header));
      const list = byLevel.get(level) ?? [];
      list.push({ count: keys.size, header: collapseSpaces(header), place: { page: counted[0]!.page, line: counted[0]!.line } });
      byLevel.set(level, list);
    });
    for (const list of byLevel.values()) {
      const largest = list.reduce((a, b) => (b.count > a.count ? b : a));
      rows.count += largest.count;
      note(rows, largest.header, largest.place);
    }
  }
  return headed;
}

/** The text of a line to read headings and labels from. */
const lineText = (line: LayoutLine) => collapseSpaces(line.text);

/**
 * Estimates the objectives a layout shows (see the file comment). Pure; the
 * result of a layout is remembered, so the rule and the run share one pass.
 */
export function estimateObjectives(layout: LayoutDocument): Coverage {
  const cached = memo.get(layout);
  if (cached) return cached;
  const rows = found();
  const headings = found();
  const labels = found();
  const weights = found();
  const weightItems = new Map<string, { value: number; item: string }[]>();
  const weightPlace = new Map<string, Place & { label: string }>();
  const headed = countTables(layout, rows, weightItems, weightPlace);

  const headingKeys = new Set<string>();
  const codeLines = new Map<string, Place & { label: string }>();
  const labelWeights: { value: number; item: string }[] = [];
  const labelCounts = new Map<string, { count: number; label: string; place: Place }>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      const text = lineText(line);
      if (text === '' || (line.table?.repeatedHeader ?? false)) continue;
      const place = { page: line.page, line: line.line };
      // The line, and each cell of a table row (a heading or a label caught inside a table that was not one).
      const texts = line.table ? [text, ...line.cells.map((c) => collapseSpaces(c.text)).filter((t) => t !== '' && t !== text)] : [text];
      let marked = false;
      let labelled = false;
      for (const t of texts) {
        if (OBJECTIVE_HEADING.test(t)) {
          const k = key(t).slice(0, 50);
          if (!headingKeys.has(k)) {
            headingKeys.add(k);
            note(headings, t.slice(0, 60), place);
          }
          marked = true;
        } else if (OBJECTIVE_LABEL.test(t)) {
          if (!labelled) {
            // Each label once per sheet (`Obiettivo:` and `Descrizione dell'obiettivo:` on the same sheet): counted per label.
            const label = t.slice(0, t.indexOf(':') + 1);
            const k = key(label);
            const seen = labelCounts.get(k) ?? { count: 0, label, place };
            seen.count++;
            labelCounts.set(k, seen);
          }
          marked = labelled = true;
        } else {
          const weight = WEIGHT_LABEL.exec(t);
          const value = weight ? Number(weight[1]!.replace(',', '.')) : null;
          if (value !== null && value <= 100) {
            const item = `L${line.page}:${line.line}:${t}`;
            labelWeights.push({ value, item });
            weightPlace.set(item, { ...place, label: t.slice(0, t.indexOf(':') + 1) });
            marked = true;
          }
        }
      }
      if (marked) continue;
      // Coded headings and code lists only outside the tables with a header (whose columns are counted above).
      if (line.table && headed.has(line.table.id)) continue;
      const code = leadingCode(text);
      if (!code) continue;
      if (code === text) {
        if (!codeLines.has(code)) codeLines.set(code, { ...place, label: code });
        continue;
      }
      if (CODED_TITLE.test(text.slice(code.length)) && codeLooksLikeObjective(code) && !headingKeys.has(code)) {
        headingKeys.add(code);
        note(headings, text.slice(0, 60), place);
      }
    }
  }
  headings.count = headingKeys.size;
  for (const seen of labelCounts.values()) {
    if (seen.count > labels.count) [labels.count, labels.label, labels.place] = [seen.count, seen.label, seen.place];
    labels.labels.add(seen.label);
  }
  const listed = [...codeLines.entries()].filter(([code]) => !headingKeys.has(code));
  if (listed.length >= MIN_CODE_LIST) {
    headings.count += listed.length;
    for (const [, place] of listed) note(headings, place.label, place);
  }

  // Weights in tables (one per row, whichever column) and `Peso:` lines are two readings of the same objectives: the larger counts.
  const inTables = new Set<string>();
  for (const items of weightItems.values()) for (const item of weightedRuns(items)) inTables.add(item);
  const inLines = new Set(weightedRuns(labelWeights));
  const weighted = inTables.size >= inLines.size ? inTables : inLines;
  weights.count = weighted.size;
  for (const item of weighted) {
    const place = weightPlace.get(item)!;
    note(weights, place.label, place);
  }

  const all: Record<CoverageEvidence['kind'], Found> = { tableRows: rows, headings, labels, weights };
  const evidence: CoverageEvidence[] = ORDER.filter((kind) => all[kind].count > 0 && all[kind].place)
    .map((kind) => {
      const f = all[kind];
      return { kind, count: f.count, label: f.label, columns: kind === 'tableRows' || kind === 'weights' ? f.labels.size : 1, page: f.place!.page, line: f.place!.line };
    })
    .sort((a, b) => b.count - a.count || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const result: Coverage = { estimated: evidence[0]?.count ?? 0, evidence };
  memo.set(layout, result);
  return result;
}

const memo = new WeakMap<LayoutDocument, Coverage>();
