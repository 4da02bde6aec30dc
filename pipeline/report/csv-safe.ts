/**
 * CSV that a spreadsheet opens safely (OWASP "CSV injection"): a text cell
 * that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be
 * read by Excel or LibreOffice as a formula, so it gets a leading apostrophe
 * and stays text. Numbers stay numbers. A field holding a newline is quoted,
 * so the row stays one row (csv-stringify quotes only the record delimiter,
 * `\r\n`, not a bare `\n` or `\r`). Semicolons and a BOM: what Excel and
 * LibreOffice expect of a CSV in an Italian locale.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell made safe: text that could start a formula gets a leading `'`. */
export function csvSafe(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The whole sheet: every cell through `csvSafe`, `;` between cells, CRLF between rows, newlines inside a cell quoted. */
export function csvSheet(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = stringify(rows.map((row) => row.map(csvSafe)), { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  return (options.bom === false ? '' : '\ufeff') + body;
}
