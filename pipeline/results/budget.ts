/**
 * The budget of a results sheet, checked before the sheet is parsed: the
 * file's size (`limits.bytes`), the uncompressed size of an XLSX's parts
 * (`limits.sheetUnzippedBytes`: a zip bomb is stopped while it inflates,
 * nothing is kept) and the rows of its worksheets (`limits.sheetRows`).
 * exceljs builds the whole workbook in memory, so these are what bound it.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { Limits } from '../../models/config.js';

export type SheetLimit = 'bytes' | 'sheetRows' | 'sheetUnzippedBytes';

/** A sheet over one of its limits: `value` found (at least), `max` allowed. */
export class SheetLimitError extends Error {
  constructor(
    readonly limit: SheetLimit,
    readonly value: number,
    readonly max: number,
  ) {
    super(`${limit}: ${value} > ${max}`);
  }
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** A row element, with or without a namespace prefix (`<row `, `<x:row>`); never `<rowBreaks>`. */
const ROW = /<(?:[A-Za-z_][\w.-]{0,20}:)?row[\s>/]/g;
/** Compressed bytes given to the inflater at a time: at most a few MiB come out of one push. */
const PUSH = 4096;
/** Longer than any ROW match: a row tag cut between two chunks is found in the next one. */
const CARRY = 40;

/**
 * Inflates every part of an XLSX once, counting bytes and worksheet rows
 * and keeping nothing; throws SheetLimitError as soon as the uncompressed
 * size (declared or real) is over its limit, or at the end when the rows
 * are, and an Error for an archive that cannot be read.
 */
export function checkXlsxBudget(bytes: Uint8Array, limits: Pick<Limits, 'sheetRows' | 'sheetUnzippedBytes'>): { unzippedBytes: number; rows: number } {
  let declared = 0;
  let inflated = 0;
  let rows = 0;
  let failure: Error | null = null;
  const files: UnzipFile[] = [];
  const over = (value: number) => new SheetLimitError('sheetUnzippedBytes', value, limits.sheetUnzippedBytes);
  const unzip = new Unzip((file) => {
    if (failure) return;
    files.push(file);
    declared += file.originalSize ?? 0;
    if (declared > limits.sheetUnzippedBytes) {
      failure = over(declared);
      return;
    }
    const sheet = WORKSHEET.test(file.name);
    let carry = '';
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.sheetUnzippedBytes) {
        failure = over(inflated);
        for (const f of files) f.terminate();
        return;
      }
      if (!sheet) return;
      const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      let end = 0;
      for (const match of text.matchAll(ROW)) {
        rows++;
        end = match.index + match[0].length;
      }
      carry = final ? '' : text.slice(Math.max(end, text.length - CARRY));
    };
    try {
      file.start();
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  });
  unzip.register(UnzipInflate);
  try {
    // Fed a little at a time, so that what one push inflates stays small (deflate expands at most about 1000:1).
    for (let at = 0; at < bytes.length && !failure; at += PUSH) unzip.push(bytes.subarray(at, at + PUSH), at + PUSH >= bytes.length);
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  if (failure) throw failure;
  if (rows > limits.sheetRows) throw new SheetLimitError('sheetRows', rows, limits.sheetRows);
  return { unzippedBytes: inflated, rows };
}

/** The rows of a CSV for its limit: its lines (a record spans one line or more, so lines >= records). */
export function csvLines(text: string): number {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
