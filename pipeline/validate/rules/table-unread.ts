import type { LayoutDocument, LayoutLine } from '../../../models/layout.js';
import { defineRule } from '../rule.js';

/** Tolerances of the search for table cells no reader took, each with its default. */
export interface UnreadTableSettings {
  /** Fewest figures in a row, each a line of its own outside every table, that show cells of a table left unread. Default 3. */
  minFigureRun: number;
  /** Fewest such runs in the document before it is reported (one run can be a list of numbers in the text). Default 2. */
  minRuns: number;
}

export const DEFAULT_UNREAD_TABLE_SETTINGS: UnreadTableSettings = { minFigureRun: 3, minRuns: 2 };

/**
 * A cell's figure alone on a line: a number, a percentage, a date, a range, a
 * comparison (`100 %`, `31/12/2024`, `>= 95%`, `4.137,93`), a mark (`X`, `-`,
 * `SI`, `NO`), `n.d.`, `5 (100%)`.
 */
const FIGURE_RE = /^(?:[<>≤≥=~±+\-–]*\s*[-+]?\d[\d.,/\-–\s]*%?(?:\s*\(\s*\d[\d.,]*\s*%?\s*\))?|[xX✓✗•]|[-–—]|n\.?\s?d\.?|si|no|sì)$/iu;

/** A figure as a number (`1.034,48`: 1034.48, `100 %`: 100), null when it is none. */
function figureNumber(text: string): number | null {
  const t = text.replace(/\s|%/g, '');
  if (!/^[-+]?\d[\d.,]*$/.test(t)) return null;
  const n = Number(t.replace(/\.(?=\d{3}(?:\D|$))/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** What the model holds: its texts (trimmed) and numbers, anywhere inside. */
export interface ModelValues {
  texts: Set<string>;
  numbers: Set<number>;
}

export function modelValues(model: unknown): ModelValues {
  const out: ModelValues = { texts: new Set(), numbers: new Set() };
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      out.texts.add(value.trim());
      const n = figureNumber(value);
      if (n !== null) out.numbers.add(n);
    } else if (typeof value === 'number') out.numbers.add(value);
    // arrays too: Object.values of an array is its elements
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(model);
  return out;
}

/** A year, alone or as in `2024 -`. */
const YEAR_RE = /^(?:19|20)\d\d\s*[-–]?$/;

/**
 * A figure the model holds, as printed or as a number; a small whole number
 * (`3`, `15`: weights, counts, row numbers) or a year is anywhere in a model
 * and tells nothing.
 */
function inModel(text: string, values: ModelValues): boolean {
  if (YEAR_RE.test(text)) return false;
  if (values.texts.has(text) && !/^\d{1,2}$/.test(text)) return true;
  const n = figureNumber(text);
  return n !== null && (!Number.isInteger(n) || Math.abs(n) >= 100) && values.numbers.has(n);
}

/** A run of figures outside the tables: where it starts, how many. */
export interface FigureRun {
  page: number;
  line: number;
  count: number;
  /** The figures as printed, joined by ` / `. */
  sample: string;
}

/**
 * Runs of figures printed one per line outside every table of the layout
 * (blank lines between them skipped): the cells of rows that no reader could
 * put back into a grid. Prose, headings and the lines of tables read do not
 * count, nor a run with a figure among the model's `values` (an extractor
 * read it from the lines), nor years alone; a text line ends a run.
 */
export function figureRuns(layout: LayoutDocument, values: ModelValues = { texts: new Set(), numbers: new Set() }, settings: UnreadTableSettings = DEFAULT_UNREAD_TABLE_SETTINGS): FigureRun[] {
  const runs: FigureRun[] = [];
  for (const page of layout.pages) {
    let run: LayoutLine[] = [];
    const close = (): void => {
      // A run with a figure the model holds was read by an extractor from the lines themselves; years alone are a header or a timeline.
      const texts = run.map((l) => l.text.trim());
      if (run.length >= settings.minFigureRun && !texts.some((t) => inModel(t, values)) && !texts.every((t) => YEAR_RE.test(t)))
        runs.push({ page: run[0]!.page, line: run[0]!.line, count: run.length, sample: run.slice(0, 6).map((l) => l.text.trim()).join(' / ') });
      run = [];
    };
    for (const line of page.lines) {
      const text = line.text.trim();
      if (line.table) close();
      else if (text === '') continue;
      else if (line.cells.filter((c) => c.text !== '').length <= 1 && FIGURE_RE.test(text)) run.push(line);
      else close();
    }
    close();
  }
  return runs;
}

/**
 * Figures printed one per line outside every table, in several runs: a table
 * whose cells the export put one after the other in an order no reader can
 * rebuild (plain `pdftotext` reads a page in text blocks: a row's cells come
 * column by column, some header labels after the first rows, neighbour cells
 * glued on one line). What those cells hold is missing from the model, and
 * the document must not pass as read.
 */
export const tableUnread = defineRule({
  id: 'table-unread',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Il documento contiene celle di tabella che nessuna lettura ha potuto rimettere in griglia: i loro valori mancano dal modello.',
    en: 'The document holds table cells that no reading could put back into a grid: their values are missing from the model.',
  },
  messages: {
    figures: {
      it: 'Celle di tabella non lette: {runs} serie di valori stampati uno per riga fuori da ogni tabella ({cells} valori, la prima alla riga {line}: «{sample}»). L\'esportazione ha perso l\'ordine della tabella (celle per colonne o per blocchi, celle vicine unite su una riga): i valori che contiene mancano dal modello. Usare il PDF o un\'esportazione con l\'impaginazione (`pdftotext -layout`).',
      en: 'Table cells not read: {runs} runs of values printed one per line outside every table ({cells} values, the first at line {line}: "{sample}"). The export lost the table\'s order (cells by columns or by blocks, neighbour cells glued on one line): the values it holds are missing from the model. Use the PDF or an export that keeps the layout (`pdftotext -layout`).',
    },
  },
  check(doc, report) {
    if (!doc.layout) return;
    const runs = figureRuns(doc.layout, modelValues([doc.objectives, doc.totals ?? []]));
    if (runs.length < DEFAULT_UNREAD_TABLE_SETTINGS.minRuns) return;
    const first = runs[0]!;
    report({
      messageId: 'figures',
      data: { runs: runs.length, cells: runs.reduce((n, r) => n + r.count, 0), line: first.line, sample: first.sample },
      path: [],
      source: { page: first.page, line: first.line },
      raw: first.sample,
    });
  },
});
