/**
 * The results sheet a sector fills in at year end (`piao results-template`):
 * one row per indicator or action of the year, with an empty "Valore
 * raggiunto" column and a notes column; as CSV (semicolons and a BOM, as
 * Excel and LibreOffice expect in Italy; through csv-safe, csv-parse to read) or XLSX
 * (exceljs). Reading it back checks every row against the plan and names
 * the row of every problem.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Limits, PiaoConfig } from '../../models/config.js';
import type { Finding } from '../../models/finding.js';
import type { PlanDocument, Target } from '../../models/plan.js';
import { parseItalianNumber } from '../../extractors/shared/numbers.js';
import { encodingFallback, limitExceeded } from '../checks.js';
import { csvSheet } from '../report/csv-safe.js';
import { makeFinding } from '../context.js';
import { decodeText } from '../ingest/encoding.js';
import { inadmissible, type Actual, type Inadmissible } from '../score/achievement.js';
import { checkXlsxBudget, csvLines, SheetLimitError } from './budget.js';
import { resultsRowInvalid, resultsUnreadable } from './checks.js';
import { targetText } from '../render/plan-view.js';
import { resultItems, weightText, type ResultItem } from './items.js';

export const HEADERS = [
  'Codice',
  'Obiettivo',
  "Titolo dell'obiettivo",
  'Unità organizzativa',
  'Tipo',
  'Descrizione',
  'Target',
  'Peso',
  'Come compilare',
  'Valore raggiunto',
  'Note (spiegazione degli scostamenti)',
] as const;
const CODE = 0;
const VALUE = 9;
const NOTES = 10;

function rowOf(item: ResultItem): string[] {
  return [
    item.code,
    item.objectiveCode,
    item.objective.title,
    item.objective.unit ?? '',
    item.kind,
    item.description,
    item.targetText,
    weightText(item.weight),
    item.form,
    '',
    '',
  ];
}

/** The sheet as CSV; every cell through csv-safe, so a plan's text never opens as a formula (`-1`, `=…`). */
export function resultsCsv(plan: PlanDocument, year: number): string {
  return csvSheet([[...HEADERS], ...resultItems(plan, year).map(rowOf)]);
}

/** A number format that prints a value as its target reads (`≥ 24 ore`, `5 su 5`, `60%`); quotes in a unit are dropped. */
function targetFormat(t: Target): { value: number; numFmt: string } | null {
  if (t.value === null || !Number.isFinite(t.value)) return null;
  const decimals = Math.min(4, (String(t.value).split('.')[1] ?? '').length);
  const digits = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  const prefix = t.comparator === '>=' ? '"≥ "' : t.comparator === '<=' ? '"≤ "' : '';
  if (t.scale === '0-5') return { value: t.value, numFmt: `0${digits}" su 5"` };
  if (t.unit === '%') return { value: t.value / 100, numFmt: `${prefix}0${digits}%` };
  const unit = t.unit ? `" ${t.unit.replace(/["\\]/g, '')}"` : '';
  return { value: t.value, numFmt: `${prefix}#,##0${digits}${unit}` };
}

/** The width of the target column, in characters: a number does not wrap, so a longer one would print as ###. */
const TARGET_WIDTH = 24;

/** The target as a number when the sheet's text is only that number (`≥ 24 ore`) and fits its column, else null (a date, a sentence). */
function numericTarget(item: ResultItem): { value: number; numFmt: string } | null {
  const t = item.goal.target;
  if (!t || t.value === null || targetText(t).length > TARGET_WIDTH - 4) return null;
  return item.targetText === targetText(t) || item.targetText.trim() === t.raw.trim() ? targetFormat(t) : null;
}

/** What the value column accepts for an item, as an Excel data validation: strict where one form only is valid. */
export function valueValidation(item: ResultItem): ExcelJS.DataValidation {
  const g = item.goal;
  const prompt = { showInputMessage: true, promptTitle: 'Valore raggiunto', prompt: `Scrivere ${item.form}.`.slice(0, 255), showErrorMessage: true, errorTitle: 'Valore non previsto', allowBlank: true };
  const error = (text: string, strict: boolean) => ({ errorStyle: strict ? 'stop' : 'warning', error: `${text} Per questa riga: ${item.form}.`.slice(0, 255) });
  switch (g.kind) {
    case 'scale05':
      return { type: 'decimal', operator: 'between', formulae: [0, 5], ...prompt, ...error('Un numero da 0 a 5, una percentuale o SI / NO.', false) };
    case 'percent':
      return { type: 'decimal', operator: 'between', formulae: [0, 100], ...prompt, ...error('Una percentuale da 0% a 100%.', !g.deadline) };
    case 'number':
      return { type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], ...prompt, ...error('Un numero.', !g.deadline) };
    case 'date':
      return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(2000, 0, 1))], ...prompt, ...error('Una data (gg/mm/aaaa), una percentuale o SI / NO.', false) };
    case 'activity':
      return { type: 'list', formulae: ['"SI,NO"'], ...prompt, ...error('SI, NO o la percentuale di realizzazione (es. 80%).', false) };
  }
}

/** About how many lines a text takes in a column `width` characters wide (words are not split). */
function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const n = word.length + (line > 0 ? 1 : 0);
      if (line + n > width - 1 && line > 0) {
        lines++;
        line = word.length;
      } else line += n;
    }
  }
  return Math.min(lines, 30);
}

const WEIGHT = 7;
const TARGET = 6;

/**
 * The sheet as XLSX, ready for an office to fill: every column but «Valore raggiunto» and «Note» locked
 * (sheet protection without a password: Revisione > Rimuovi protezione lifts it), a data validation per row
 * from its target, autofilter on the header, A4 landscape fitted to the page width with the header
 * repeated on every page; weights and numeric targets are numbers with a number format.
 */
export async function resultsXlsx(plan: PlanDocument, year: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'piao';
  const sheet = book.addWorksheet(`Risultati ${year}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${`Risultati ${year}${plan.entity ? ` – ${plan.entity}` : ''}`.replace(/&/g, '&&')}&RPagina &P di &N` },
  });
  sheet.addRow([...HEADERS]);
  const items = resultItems(plan, year);
  for (const item of items) {
    const row = sheet.addRow(rowOf(item));
    if (item.weight !== null && Number.isFinite(item.weight)) {
      const cell = row.getCell(WEIGHT + 1);
      cell.value = item.weight / 100;
      cell.numFmt = Number.isInteger(item.weight) ? '0%' : '0.0#%';
    }
    const target = numericTarget(item);
    if (target) {
      const cell = row.getCell(TARGET + 1);
      cell.value = target.value;
      cell.numFmt = target.numFmt;
    }
    for (const col of [VALUE + 1, NOTES + 1]) {
      const cell = row.getCell(col);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF6D5' } };
    }
    row.getCell(VALUE + 1).dataValidation = valueValidation(item);
  }
  const widths = [16, 12, 40, 28, 11, 50, TARGET_WIDTH, 8, 34, 18, 40];
  widths.forEach((w, k) => (sheet.getColumn(k + 1).width = w));
  sheet.getRow(1).font = { bold: true };
  sheet.eachRow((row) => {
    row.eachCell({ includeEmpty: true }, (cell) => (cell.alignment = { vertical: 'top', wrapText: true }));
    // Neither Excel nor LibreOffice grows a row to its wrapped text when the file opens: the height is written.
    const lines = Math.max(1, ...widths.map((w, k) => wrappedLines(cellText(row.getCell(k + 1).value as Cell), w)));
    row.height = Math.min(409, 3 + 12.75 * lines);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, items.length + 1), column: HEADERS.length } };
  // No password: the protection keeps codes and targets from being changed by mistake, it is not a lock.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false });
  const help = book.addWorksheet('Istruzioni');
  for (const line of [
    [`Foglio dei risultati ${year} generato da piao per: ${plan.entity ?? plan.source.path}`],
    ['Compilare solo le colonne «Valore raggiunto» e «Note» (in giallo): le altre sono protette, senza password, perché codici e target restino quelli del piano.'],
    ['Valore raggiunto: un numero (1.234,5), una percentuale (80%), una data di completamento (gg/mm/aaaa), oppure SI / NO; ogni cella dice cosa è previsto per la sua riga.'],
    ['Note: la spiegazione di ogni scostamento dal target, riportata nella Relazione sulla performance.'],
    ['Rileggere con: piao render report --plan <piano> --results <questo file> --year ' + year],
  ]) help.addRow(line);
  help.getColumn(1).width = 120;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A cell as read: text, number, date, or a number formatted as a percentage in the XLSX (0.8 shown as 80%). */
type Cell = string | number | Date | { percent: number } | null;

/** The sheet's cells; SheetLimitError when it is over one of its limits (checked before it is parsed). */
async function readCells(path: string, limits: Limits): Promise<{ cells: Cell[][]; fallback: boolean }> {
  const size = (await stat(path)).size;
  if (size > limits.bytes) throw new SheetLimitError('bytes', size, limits.bytes);
  const bytes = await readFile(path);
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    checkXlsxBudget(bytes, limits);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) return { cells: [], fallback: false };
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= HEADERS.length; c++) {
        const cell = row.getCell(c);
        const v = cell.value as unknown;
        const plain: Cell =
          v === null || v === undefined ? null
          : v instanceof Date || typeof v === 'number' || typeof v === 'string' ? v
          : typeof v === 'object' && v && 'result' in v ? (((v as { result: unknown }).result ?? null) as Cell)
          : typeof v === 'object' && v && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')
          : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text)
          : String(v);
        // A formula's error (`#DIV/0!`) or any other object is its text, never a cell kind of ours.
        const value: Cell = plain !== null && typeof plain === 'object' && !(plain instanceof Date) ? String((plain as { error?: unknown }).error ?? '') : plain;
        // The cell's number format says what the number is: `0%` stores 80% as 0.8.
        cells.push(typeof value === 'number' && /%/.test(cell.numFmt ?? '') ? { percent: Math.round(value * 100 * 1e9) / 1e9 } : value);
      }
      rows[n - 1] = cells;
    });
    return { cells: Array.from(rows, (r) => r ?? []), fallback: false };
  }
  // UTF-8 (with or without BOM), else Windows-1252: decoded as plans are.
  const { text, fallback } = decodeText(bytes);
  if (text.includes('\u0000')) throw new Error('contenuto binario');
  const lines = csvLines(text);
  if (lines > limits.sheetRows) throw new SheetLimitError('sheetRows', lines, limits.sheetRows);
  // The separator is the header's: `;` as written (and as Excel saves in Italy), `,` or tab from other tools.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', '\t', ','].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  return { cells: parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][], fallback };
}

const cellText = (c: Cell | undefined): string =>
  (c === null || c === undefined ? '' : c instanceof Date ? formatIso(c.toISOString().slice(0, 10)) : typeof c === 'object' ? `${String(c.percent).replace('.', ',')}%` : String(c)).trim();
const formatIso = (iso: string) => iso.split('-').reverse().join('/');
const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]/g, '');

function validIso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

/** The value column as written: number, percent, date, SI/NO; `invalid` when it reads as none of them. */
export function parseCell(cell: Cell): Actual | 'invalid' {
  if (cell instanceof Date) return { kind: 'date', iso: cell.toISOString().slice(0, 10) };
  if (typeof cell === 'number') return { kind: 'number', value: cell };
  if (cell && typeof cell === 'object') return { kind: 'percent', value: cell.percent };
  // A leading apostrophe is csv-safe's (or Excel's) mark of text: `'-1` is -1.
  const text = cellText(cell).replace(/^'(?=[=+\-@])/, '');
  if (text === '') return { kind: 'missing' };
  const yes = /^(si|sì|sí|s|x|fatto|completato|raggiunto)$/i.test(text);
  if (yes || /^(no|n|non raggiunto|non fatto)$/i.test(text)) return { kind: 'yesno', yes };
  const date = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text) ?? null;
  if (date) {
    const y = Number(date[3]!.length === 2 ? `20${date[3]}` : date[3]);
    const iso = validIso(y, Number(date[2]), Number(date[1]));
    return iso ? { kind: 'date', iso } : 'invalid';
  }
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoDate) {
    const iso = validIso(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
    return iso ? { kind: 'date', iso } : 'invalid';
  }
  const percent = /^([-+]?[\d.,]+)\s*%$/.exec(text);
  const number = parseItalianNumber((percent ? percent[1]! : text).replace(/^\+/, ''));
  if (number === null) return 'invalid';
  return percent ? { kind: 'percent', value: number } : { kind: 'number', value: number };
}

/**
 * The value column read against its item: the value as written, and why it cannot be scored against the
 * item's target when it cannot (a date without a deadline, a plain number for an activity, over 100%...).
 */
export function parseActual(cell: Cell, item: ResultItem): Actual | 'invalid' | { refused: Inadmissible; actual: Actual } {
  const actual = parseCell(cell);
  if (actual === 'invalid') return actual;
  // SI/NO on the 0-5 scale is 5 or 0.
  const scaled: Actual = actual.kind === 'yesno' && item.goal.kind === 'scale05' ? { kind: 'number', value: actual.yes ? 5 : 0 } : actual;
  const why = inadmissible(item.goal, scaled);
  return why ? { refused: why, actual: scaled } : scaled;
}

export interface ReadResult {
  actual: Actual;
  note: string | null;
  row: number;
  raw: string;
}

/** A value written in the sheet that is not used: it counts as missing, under `smvp.missingActual`. */
export interface Rejected {
  row: number;
  raw: string;
  note: string | null;
  /** The results-row-invalid message id that names the reason. */
  reason: string;
}

export interface ResultsReading {
  values: Map<string, ReadResult>;
  /** Values written for a code of the plan but not usable (unreadable, wrong kind, duplicated and refused). */
  rejected: Map<string, Rejected>;
  findings: Finding[];
  /** False when the file could not be read at all. */
  ok: boolean;
  /** The CSV was not UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
}

const REFUSED_MESSAGE: Record<Inadmissible, string> = {
  noDeadline: 'valueNoDeadline',
  numberForActivity: 'valueNumberForActivity',
  notNumber: 'valueNotNumber',
  overHundred: 'valueOverHundred',
  outOfScale: 'valueOutOfScale',
};

/** Reads a filled sheet against the plan's items for the year; every problem is a finding with its row. */
export async function readResults(path: string, plan: PlanDocument, year: number, config: PiaoConfig): Promise<ResultsReading> {
  const findings: Finding[] = [];
  const report = (...args: Parameters<typeof makeFinding>) => {
    const f = makeFinding(...args);
    if (f) findings.push(f);
  };
  const values = new Map<string, ReadResult>();
  const rejected = new Map<string, Rejected>();
  let cells: Cell[][];
  let windows1252 = false;
  try {
    ({ cells, fallback: windows1252 } = await readCells(path, config.limits));
  } catch (error) {
    if (error instanceof SheetLimitError) {
      report(path, limitExceeded, { messageId: 'file', data: { file: path, limit: error.limit, value: error.value, max: error.max }, fatal: true }, config);
      return { values, rejected, findings, ok: false, windows1252 };
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') report(path, resultsUnreadable, { messageId: 'missing', data: { file: path }, fatal: true }, config);
    else report(path, resultsUnreadable, { messageId: 'format', data: { file: path, reason: (error as Error).message }, fatal: true }, config);
    return { values, rejected, findings, ok: false, windows1252 };
  }
  if (windows1252) report(path, encodingFallback, { messageId: 'latin1' }, config);
  const headerAt = cells.findIndex((r) => norm(cellText(r[CODE])) === 'codice' && r.some((c) => norm(cellText(c)).startsWith('valoreraggiunto')));
  if (headerAt < 0) {
    report(path, resultsUnreadable, { messageId: 'header', data: { file: path }, fatal: true }, config);
    return { values, rejected, findings, ok: false, windows1252 };
  }
  const header = cells[headerAt]!.map((c) => norm(cellText(c)));
  const valueCol = header.findIndex((h) => h.startsWith('valoreraggiunto'));
  const notesCol = header.findIndex((h) => h.startsWith('note'));
  const objectiveCol = header.findIndex((h) => h === 'obiettivo');
  const items = new Map(resultItems(plan, year).map((i) => [i.code, i]));
  const objectiveCodes = new Set(plan.objectives.map((o) => o.code ?? o.id));
  const policy = config.smvp.missingActual === 'zero' ? 'conta come 0%' : 'escluso dalle medie';
  // Every row of a code, in order: duplicates are decided once all rows are read.
  const rowsOf = new Map<string, { row: number; cell: Cell; note: string | null }[]>();
  for (let k = headerAt + 1; k < cells.length; k++) {
    const r = cells[k]!;
    const row = k + 1;
    const code = cellText(r[CODE]);
    const value = r[valueCol] ?? null;
    const note = notesCol >= 0 ? cellText(r[notesCol]) || null : null;
    const objective = objectiveCol >= 0 ? cellText(r[objectiveCol]) : '';
    if (code === '' && cellText(value) === '' && !note) continue; // an empty row
    const at = { source: { page: null, line: row } };
    const item = items.get(code);
    if (!item) {
      if (objective && !objectiveCodes.has(objective)) report(path, resultsRowInvalid, { messageId: 'objectiveUnknown', data: { row, objective }, raw: r.map(cellText).join(' | '), ...at }, config);
      else report(path, resultsRowInvalid, { messageId: 'codeUnknown', data: { row, code, year }, raw: r.map(cellText).join(' | '), ...at }, config);
      continue;
    }
    if (objective && objective !== item.objectiveCode) {
      report(path, resultsRowInvalid, { messageId: objectiveCodes.has(objective) ? 'objectiveMismatch' : 'objectiveUnknown', data: { row, code, objective, expected: item.objectiveCode }, objectiveId: item.objective.id, ...at }, config);
      if (cellText(value) !== '') rejected.set(code, { row, raw: cellText(value), note, reason: 'objectiveMismatch' });
      continue;
    }
    rowsOf.set(code, [...(rowsOf.get(code) ?? []), { row, cell: value, note }]);
  }
  const duplicates = config.smvp.duplicates;
  for (const [code, rows] of rowsOf) {
    const item = items.get(code)!;
    let chosen = rows[0]!;
    if (rows.length > 1) {
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      for (const dup of rows.slice(1)) {
        report(path, resultsRowInvalid, {
          messageId: `duplicate_${duplicates}`,
          data: { row: dup.row, code, first: first.row, last: last.row, policy },
          objectiveId: item.objective.id,
          source: { page: null, line: dup.row },
        }, config);
      }
      if (duplicates === 'refuse') {
        rejected.set(code, { row: first.row, raw: rows.map((r) => cellText(r.cell)).join(' / '), note: null, reason: 'duplicate_refuse' });
        continue;
      }
      chosen = duplicates === 'last' ? last : first;
    }
    const { row, cell, note } = chosen;
    const raw = cellText(cell);
    const at = { source: { page: null, line: row } };
    const actual = parseActual(cell, item);
    if (actual === 'invalid') {
      report(path, resultsRowInvalid, { messageId: 'valueInvalid', data: { row, code, value: raw, form: item.form, policy }, objectiveId: item.objective.id, raw, ...at }, config);
      rejected.set(code, { row, raw, note, reason: 'valueInvalid' });
      continue;
    }
    if ('refused' in actual) {
      const messageId = REFUSED_MESSAGE[actual.refused];
      report(path, resultsRowInvalid, { messageId, data: { row, code, value: raw, target: item.targetText || '—', form: item.form, policy }, objectiveId: item.objective.id, raw, ...at }, config);
      rejected.set(code, { row, raw, note, reason: messageId });
      continue;
    }
    values.set(code, { actual, note, row, raw });
  }
  for (const code of values.keys()) rejected.delete(code); // a row with the wrong objective beside the right one
  findings.sort((a, b) => (a.source.line ?? 0) - (b.source.line ?? 0));
  return { values, rejected, findings, ok: true, windows1252 };
}
