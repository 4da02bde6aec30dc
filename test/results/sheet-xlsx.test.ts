/**
 * Issue 20, point 10: the XLSX results sheet an office fills without breaking it. Seed 004 (performance
 * organizzativa 2025) written by `resultsXlsx`, opened again with exceljs: one data validation per row as its
 * target asks, every column locked but «Valore raggiunto» and «Note», sheet protection without a password,
 * autofilter on the header, A4 landscape fitted to the width with the header repeated, weights and numeric
 * targets as numbers with a number format; and it still reads back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { HEADERS, readResults, resultsXlsx } from '../../pipeline/results/sheet.js';
import { seed } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'piao-xlsx-'));
const path = join(dir, 'risultati-2025.xlsx');
let plan: PlanDocument;
let sheet: ExcelJS.Worksheet;
/** The data row of a code (the sheet's first column). */
const row = (code: string): ExcelJS.Row => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((r) => {
    if (r.getCell(1).value === code) found = r;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
};

beforeAll(async () => {
  plan = await loadPlan(seed.organizzativa);
  writeFileSync(path, await resultsXlsx(plan, 2025));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  sheet = book.getWorksheet('Risultati 2025')!;
}, 60_000);

describe('XLSX results sheet: what an office may change', () => {
  it('the sheet is protected without a password; only «Valore raggiunto» and «Note» are unlocked', () => {
    const protection = (sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, autoFilter: true });
    expect(protection.hashValue).toBeUndefined();
    expect(protection.algorithmName).toBeUndefined();
    for (const code of ['OB01/I1', 'OB08/I1', 'OB17/I1']) {
      const r = row(code);
      for (let c = 1; c <= 9; c++) expect(r.getCell(c).protection?.locked, `${code} column ${c}`).not.toBe(false);
      expect(r.getCell(10).protection).toMatchObject({ locked: false });
      expect(r.getCell(11).protection).toMatchObject({ locked: false });
    }
    // The header row stays locked too.
    expect(sheet.getRow(1).getCell(10).protection?.locked).not.toBe(false);
    expect(sheet.getRow(1).getCell(10).value).toBe('Valore raggiunto');
  });

  it('each value cell validates as its target needs', () => {
    // OB01/I1 "minore o uguale a 0": a number only.
    expect(row('OB01/I1').getCell(10).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', errorStyle: 'stop', allowBlank: true, showInputMessage: true });
    // OB05/I2 "Almeno il 60% delle rilevazioni": a percentage between 0 and 100.
    expect(row('OB05/I2').getCell(10).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], errorStyle: 'stop' });
    // OB08/I1 has no target: SI / NO offered as a list, a percentage of realization still allowed (a warning, not a stop).
    expect(row('OB08/I1').getCell(10).dataValidation).toMatchObject({ type: 'list', formulae: ['"SI,NO"'], errorStyle: 'warning' });
    // OB17/I1 "entro il 30/06/2025": a completion date (or a percentage, SI/NO).
    expect(row('OB17/I1').getCell(10).dataValidation).toMatchObject({ type: 'date', operator: 'greaterThan', errorStyle: 'warning' });
    // The prompt says what to write, from the row's own form.
    expect(row('OB08/I1').getCell(10).dataValidation.prompt).toBe('Scrivere la percentuale di realizzazione (es. 80%) o SI / NO.');
    // The notes have no validation.
    expect(row('OB08/I1').getCell(11).dataValidation).toBeUndefined();
  });
});

describe('XLSX results sheet: numbers, filter and print', () => {
  it('weights and numeric targets are numbers with a format; text targets stay text', () => {
    // OB05/I2: weight 40%, target "Almeno il 60%".
    expect(row('OB05/I2').getCell(8)).toMatchObject({ value: 0.4, numFmt: '0%' });
    expect(row('OB05/I2').getCell(7)).toMatchObject({ value: 0.6, numFmt: '"≥ "0%' });
    // OB01/I1: weight 100%, target "minore o uguale a 0".
    expect(row('OB01/I1').getCell(8)).toMatchObject({ value: 1, numFmt: '0%' });
    expect(row('OB01/I1').getCell(7)).toMatchObject({ value: 0, numFmt: '"≤ "#,##0' });
    // OB02/I1: "n.2 azioni", weight 10%.
    expect(row('OB02/I1').getCell(7)).toMatchObject({ value: 2, numFmt: '#,##0" azioni"' });
    expect(row('OB02/I1').getCell(8).value).toBe(0.1);
    // OB08/I5 "tutti i sospesi" and OB17/I1's date are not numbers.
    expect(row('OB08/I5').getCell(7).value).toBe('tutti i sospesi');
    expect(row('OB17/I1').getCell(7).value).toBe('entro il 30/06/2025');
    // OB12/I1 "n.120 nominativi circa (350 sul triennio)": as a number it would not fit its column (Excel prints ###).
    expect(row('OB12/I1').getCell(7).value).toBe('120 nominativi circa 350 sul triennio');
  });

  it('each row is as tall as its wrapped text (neither Excel nor LibreOffice grows it on opening)', () => {
    // The header fits on one line; objective 10's title (about 230 characters) takes at least 5 lines of its 40-character column.
    expect(sheet.getRow(1).height).toBe(15.75);
    expect(row('OB10/I1').height).toBeGreaterThanOrEqual(3 + 12.75 * 5);
    expect(row('OB10/I1').height).toBeLessThanOrEqual(3 + 12.75 * 8);
  });

  it('autofilter on the header; A4 landscape, one page wide, the header row on every page', () => {
    const last = sheet.rowCount;
    expect(sheet.autoFilter).toBe(`A1:K${last}`);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.headerFooter.oddFooter).toContain('Pagina &P di &N');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
  });

  it('filled as an office would, it reads back: a number typed over a validated cell, a note', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const s = book.getWorksheet('Risultati 2025')!;
    let r: ExcelJS.Row | undefined;
    s.eachRow((x) => {
      if (x.getCell(1).value === 'OB02/I1') r = x;
    });
    r!.getCell(10).value = 1;
    r!.getCell(11).value = 'una sola azione avviata';
    const filled = join(dir, 'compilato.xlsx');
    await book.xlsx.writeFile(filled);
    const reading = await readResults(filled, plan, 2025, PiaoConfig.parse({}));
    expect(reading.ok).toBe(true);
    expect(reading.findings).toEqual([]);
    expect(reading.values.get('OB02/I1')).toMatchObject({ actual: { kind: 'number', value: 1 }, note: 'una sola azione avviata', row: r!.number });
  });
});
