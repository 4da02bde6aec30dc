/**
 * Issue 22: a results sheet cannot take unbounded memory. Before exceljs or
 * csv-parse sees it, the sheet's size, the uncompressed size of an XLSX's
 * parts and its rows are checked against `limits` (bytes,
 * sheetUnzippedBytes, sheetRows); over one of them it is refused with one
 * fatal `limit-exceeded` finding naming the file. The sheets are small and
 * the limits set low, so the test stays quick.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHEET_ROWS, DEFAULT_SHEET_UNZIPPED_BYTES, PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { runCli } from '../../pipeline/cli/index.js';
import { checkXlsxBudget, csvLines } from '../../pipeline/results/budget.js';
import { HEADERS, readResults } from '../../pipeline/results/sheet.js';
import { seed } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'piao-sheet-limits-'));
/** The plan is not looked at before the sheet is refused. */
const plan = { objectives: [] } as unknown as PlanDocument;

async function xlsx(name: string, rows: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Risultati');
  sheet.addRow([...HEADERS]);
  for (let k = 1; k <= rows; k++) sheet.addRow([`C${k}`, 'OB1', 'Titolo', 'Unità', 'numero', '', '10', '', '', String(k), '']);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

/** An XLSX-looking zip whose worksheet inflates to `size` bytes of spaces; `lie` writes a small size in the local header. */
function bomb(name: string, size: number, lie = false): string {
  const bytes = zipSync({
    '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
    'xl/worksheets/sheet1.xml': new Uint8Array(size).fill(0x20),
  }, { level: 9 });
  if (lie) {
    // Local headers: "PK\3\4", uncompressed size at offset 22.
    for (let at = 0; at + 30 < bytes.length; at++) {
      if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 3 && bytes[at + 3] === 4) new DataView(bytes.buffer).setUint32(at + 22, 100, true);
    }
  }
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const read = (path: string, limits: Record<string, number>) => readResults(path, plan, 2024, PiaoConfig.parse({ limits }));

describe('limits of a results sheet', () => {
  it('named defaults: 20 000 rows, 32 MiB uncompressed', () => {
    expect(PiaoConfig.parse({}).limits).toMatchObject({ sheetRows: DEFAULT_SHEET_ROWS, sheetUnzippedBytes: DEFAULT_SHEET_UNZIPPED_BYTES });
    expect([DEFAULT_SHEET_ROWS, DEFAULT_SHEET_UNZIPPED_BYTES]).toEqual([20_000, 33_554_432]);
  });

  it.each([
    ['XLSX of 300 rows and the header, sheetRows 200', () => xlsx('righe.xlsx', 300), { sheetRows: 200 }, 'sheetRows', 301],
    ['CSV of 300 lines, sheetRows 200', () => { const p = join(dir, 'righe.csv'); writeFileSync(p, `${HEADERS.join(';')}\n${'C1;OB1\n'.repeat(299)}`); return Promise.resolve(p); }, { sheetRows: 200 }, 'sheetRows', 300],
    ['zip bomb: a worksheet of 4 MiB, sheetUnzippedBytes 1 MiB', () => Promise.resolve(bomb('bomba.xlsx', 4 << 20)), { sheetUnzippedBytes: 1 << 20 }, 'sheetUnzippedBytes', 4 << 20],
    ['a file over limits.bytes', () => Promise.resolve(bomb('grande.xlsx', 1 << 16)), { bytes: 100 }, 'bytes', 101],
  ])('%s: one fatal limit-exceeded naming the file', async (_name, make, limits, limit, value) => {
    const path = await make();
    const reading = await read(path, limits);
    expect(reading.ok).toBe(false);
    expect(reading.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', fatal: true, severity: 'error', source: expect.objectContaining({ file: path }) })]);
    const [finding] = reading.findings;
    expect(finding!.data).toMatchObject({ file: path, limit, max: (limits as Record<string, number>)[limit] });
    expect(finding!.data.value).toBeGreaterThanOrEqual(value);
    expect(finding!.message).toContain(path);
  });

  it('a zip bomb whose header declares 100 bytes is stopped by what it inflates, before the end', () => {
    const path = bomb('bugiarda.xlsx', 8 << 20, true);
    const bytes = new Uint8Array(readFileSync(path));
    expect(() => checkXlsxBudget(bytes, { sheetRows: 10, sheetUnzippedBytes: 1 << 20 })).toThrow(expect.objectContaining({ limit: 'sheetUnzippedBytes', max: 1 << 20 }));
    let caught: { value: number } | null = null;
    try {
      checkXlsxBudget(bytes, { sheetRows: 10, sheetUnzippedBytes: 1 << 20 });
    } catch (error) {
      caught = error as { value: number };
    }
    expect(caught!.value).toBeGreaterThan(1 << 20);
    expect(caught!.value).toBeLessThan(8 << 20);
  });

  it('the XLSX within its limits is measured, not refused: rows and uncompressed bytes', async () => {
    const path = await xlsx('piccolo.xlsx', 20);
    const measured = checkXlsxBudget(new Uint8Array(readFileSync(path)), { sheetRows: 21, sheetUnzippedBytes: 1 << 20 });
    expect(measured.rows).toBe(21);
    expect(measured.unzippedBytes).toBeGreaterThan(0);
    expect(csvLines('a\nb\n')).toBe(2);
    expect(csvLines('a\nb')).toBe(2);
    expect(csvLines('')).toBe(0);
  });

  it('render report with a zip bomb as results: exit 2, the message names the sheet and the limit', async () => {
    const path = bomb('bomba-cli.xlsx', 4 << 20);
    const config = join(dir, 'limiti.json');
    writeFileSync(config, JSON.stringify({ limits: { sheetUnzippedBytes: 1 << 20 } }));
    let stderr = '';
    const code = await runCli(['render', 'report', '--plan', seed.schede, '--results', path, '--year', '2024', '--out', join(dir, 'r.html'), '--config', config], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toContain(`«${path}» supera il limite «sheetUnzippedBytes»`);
  }, 60_000);
});
