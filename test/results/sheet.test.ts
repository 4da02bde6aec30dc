/** The results sheet: written from the plan (CSV, XLSX), read back with every problem named by its row. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { resultItems } from '../../pipeline/results/items.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { HEADERS, readResults, resultsCsv, resultsXlsx } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';

const config = PiaoConfig.parse({});
const dir = mkdtempSync(join(tmpdir(), 'piao-results-'));

/** The template's rows, with `fill(row) -> [value, note]` written in, saved as CSV with semicolons. */
function filledCsv(name: string, csv: string, fill: (row: string[], k: number) => [string, string]): string {
  const rows = parse(csv, { delimiter: ';', bom: true }) as string[][];
  const out = [rows[0]!, ...rows.slice(1).map((r, k) => { const [v, n] = fill(r, k); return [...r.slice(0, 9), v, n]; })];
  const path = join(dir, name);
  writeFileSync(path, '\ufeff' + stringify(out, { delimiter: ';' }));
  return path;
}

describe('results template', () => {
  it('seed 003, 2024: one row per action of the first year of every sheet, with code, objective, unit, target and empty value/notes', async () => {
    const plan = await loadPlan(seed.schede);
    const rows = parse(resultsCsv(plan, 2024), { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual([...HEADERS]);
    const actions2024 = plan.objectives.flatMap((o) => o.actions.filter((a) => a.year === 2024));
    expect(rows.length - 1).toBe(actions2024.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(actions2024.map((a) => a.id));
    const so02 = rows.find((r) => r[0] === 'SO02/A2024.1')!;
    expect(so02.slice(0, 2)).toEqual(['SO02/A2024.1', 'SO02']);
    expect(so02[3]).toBe('Segretario generale');
    expect(so02[6]).toBe('Ultimazione entro il 15/06/2024'); // ATTESO already names the deadline
    expect(so02[7]).toBe('25%');
    expect(so02.slice(9)).toEqual(['', '']);
  });

  it('seed 002, 2024: one row per indicator, with its target when printed (activity indicators on the 0-5 scale)', async () => {
    const plan = await loadPlan(seed.piao22);
    const items = resultItems(plan, 2024);
    // Seed 002 has 64 indicators, all due in 2024, 58 of them with a target (counted with grep when #2 was done).
    expect(items.length).toBe(64);
    expect(items.filter((i) => i.goal.target !== null).length).toBe(58);
    expect(items.filter((i) => i.goal.target === null).every((i) => i.form.startsWith('la data di completamento'))).toBe(true);
    const activity = items.find((i) => i.goal.target?.scale === '0-5')!;
    expect(activity.targetText).toBe('5 su 5');
    expect(activity.form).toBe('un numero da 0 a 5 (0 = NO, 5 = SI) o la percentuale di realizzazione (es. 80%)');
  });

  it('CSV: no cell opens as a formula (csv-safe); a value written as text with an apostrophe reads as its number', async () => {
    const plan = await loadPlan(seed.piao22);
    plan.objectives.find((o) => o.indicators.some((i) => i.id === 'Tras_3@U3#1'))!.title = '=HYPERLINK("http://x","clic")';
    const rows = parse(resultsCsv(plan, 2024), { delimiter: ';', bom: true }) as string[][];
    const k = rows.findIndex((r) => r[0] === 'Tras_3@U3#1'); // target -1 (payment-timeliness index)
    expect(rows[k]!.slice(2, 3)).toEqual(['\'=HYPERLINK("http://x","clic")']);
    expect(rows[k]![6]).toBe("'-1");
    expect(rows.flat().some((c) => /^[=+\-@]/.test(c))).toBe(false);
    rows[k]![9] = "'-3";
    const path = join(dir, 'formula.csv');
    writeFileSync(path, stringify(rows, { delimiter: ';' }));
    const reading = await readResults(path, plan, 2024, config);
    expect(reading.values.get('Tras_3@U3#1')!.actual).toEqual({ kind: 'number', value: -3 });
  });

  it('XLSX: the same rows, and it reads back like the CSV', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const path = join(dir, 'risultati.xlsx');
    writeFileSync(path, await resultsXlsx(plan, 2025));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Risultati 2025');
    expect(sheet.rowCount - 1).toBe(resultItems(plan, 2025).length);
    // Fill values the way a user would in Excel: number cells, a text cell, a percent-formatted cell, a date cell.
    const items = resultItems(plan, 2025);
    const rowOf = (code: string) => sheet.getRow(items.findIndex((i) => i.code === code) + 2);
    rowOf('OB01/I1').getCell(10).value = 3; // target ≤ 0
    rowOf('OB02/I1').getCell(10).value = 'SI'; // target "n.2 azioni": a number is asked
    rowOf('OB02/I1').getCell(11).value = 'completato';
    rowOf('OB02/I2').getCell(10).value = 1;
    const percent = rowOf('OB05/I2').getCell(10); // target "Almeno il 60%": 45% stored as 0.45
    percent.value = 0.45;
    percent.style = { ...percent.style, numFmt: '0%' }; // a style of its own (exceljs shares a row's style objects)
    const realized = rowOf('OB08/I1').getCell(10); // no target, no deadline: 80% of realization stored as 0.8
    realized.value = 0.8;
    realized.style = { ...realized.style, numFmt: '0.0%' };
    const date = rowOf('OB17/I1').getCell(10); // target "entro il 30/06/2025": a date cell
    date.value = new Date(Date.UTC(2025, 5, 30));
    date.style = { ...date.style, numFmt: 'dd/mm/yyyy' };
    rowOf('OB09/I2').getCell(10).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue; // a formula gone wrong
    await book.xlsx.writeFile(path);
    const reading = await readResults(path, plan, 2025, config);
    expect(reading.findings.map((f) => [f.messageId, f.source.line])).toEqual([['valueNotNumber', rowOf('OB02/I1').number], ['valueInvalid', rowOf('OB09/I2').number]]);
    expect(reading.rejected.get('OB09/I2')).toMatchObject({ raw: '#DIV/0!', reason: 'valueInvalid' });
    expect(reading.values.get('OB01/I1')).toMatchObject({ actual: { kind: 'number', value: 3 }, row: 2 });
    expect(reading.rejected.get('OB02/I1')).toMatchObject({ row: 3, raw: 'SI', note: 'completato', reason: 'valueNotNumber' });
    expect(reading.values.get('OB05/I2')!.actual).toEqual({ kind: 'percent', value: 45 });
    expect(reading.values.get('OB08/I1')!.actual).toEqual({ kind: 'percent', value: 80 });
    expect(reading.values.get('OB17/I1')!.actual).toEqual({ kind: 'date', iso: '2025-06-30' });
  });
});

describe('reading a filled sheet back', () => {
  it('every problem is an error naming its row: unknown code, objective not in the plan, wrong objective, unreadable value, duplicate', async () => {
    const plan = await loadPlan(seed.schede);
    const path = filledCsv('errori.csv', resultsCsv(plan, 2024), (_r, k) => [k === 0 ? '15/06/2024' : k === 1 ? 'tanto' : k === 2 ? '31/06/2024' : '90%', '']);
    const text = readFileSync(path, 'utf8').trimEnd().split('\n');
    text.push('XX99;SO01;titolo;unità;azione;descr;t;;;10;', 'SO03/A2024.1;SO99;;;;;;;;10;', 'SO03/A2024.2;SO01;;;;;;;;10;', text[1]!);
    writeFileSync(path, text.join('\n') + '\n');
    const reading = await readResults(path, plan, 2024, config);
    const n = text.length;
    const so14 = text.findIndex((l) => l.startsWith('SO14/A2024.2;')) + 1; // ATTESO "1,5 giorni": a number is asked, not 90%
    expect(reading.findings.map((f) => [f.messageId, f.source.line, f.severity])).toEqual([
      ['valueInvalid', 3, 'error'],
      ['valueInvalid', 4, 'error'],
      ['valueNotNumber', so14, 'error'],
      ['codeUnknown', n - 3, 'error'],
      ['objectiveUnknown', n - 2, 'error'],
      ['objectiveMismatch', n - 1, 'error'],
      ['duplicate_refuse', n, 'error'],
    ]);
    expect(reading.findings[0]!.message).toBe('Riga 3 (SO01/A2024.2): il valore «tanto» non si legge; scrivere un numero o la data di completamento (gg/mm/aaaa). Il valore non è usato: conta come 0%.');
    expect(reading.findings[1]!.message).toContain('«31/06/2024» non si legge'); // an impossible date
    expect(reading.findings[4]!.message).toBe(`Riga ${n - 2}: l'obiettivo «SO99» non è nel piano.`);
    expect(reading.findings[5]!.message).toBe(`Riga ${n - 1}: il codice «SO03/A2024.2» appartiene all'obiettivo «SO03», non a «SO01».`);
    expect(reading.findings[6]!.data).toMatchObject({ row: n, first: 2, code: 'SO01/A2024.1' });
    // Both copies refused (smvp.duplicates "refuse"); each unusable value is kept with its row, to be listed.
    expect(reading.values.has('SO01/A2024.1')).toBe(false);
    expect(reading.rejected.get('SO01/A2024.1')).toMatchObject({ row: 2, reason: 'duplicate_refuse' });
    expect(reading.rejected.get('SO01/A2024.2')).toMatchObject({ row: 3, raw: 'tanto', reason: 'valueInvalid' });
    expect(reading.rejected.get('SO14/A2024.2')).toMatchObject({ row: so14, raw: '90%', reason: 'valueNotNumber' });
    expect(reading.values.get('SO02/A2024.1')!.actual).toEqual({ kind: 'percent', value: 90 });
    expect(reading.values.get('SO03/A2024.2')!.actual).toEqual({ kind: 'percent', value: 90 }); // its own row, not the mismatched one
  });

  it('duplicated rows: the configuration chooses the first, the last, or neither', async () => {
    const plan = await loadPlan(seed.schede);
    const path = filledCsv('doppi.csv', resultsCsv(plan, 2024), (_r, k) => [k === 0 ? '15/06/2024' : '', '']);
    const text = readFileSync(path, 'utf8').trimEnd().split('\n');
    text.push(text[1]!.replace('15/06/2024', '31/12/2024'));
    writeFileSync(path, text.join('\n') + '\n');
    const read = (duplicates: 'first' | 'last' | 'refuse') => readResults(path, plan, 2024, PiaoConfig.parse({ smvp: { duplicates } }));
    expect((await read('first')).values.get('SO01/A2024.1')).toMatchObject({ actual: { iso: '2024-06-15' }, row: 2 });
    expect((await read('last')).values.get('SO01/A2024.1')).toMatchObject({ actual: { iso: '2024-12-31' }, row: text.length });
    expect((await read('refuse')).values.has('SO01/A2024.1')).toBe(false);
    for (const d of ['first', 'last', 'refuse'] as const) {
      expect((await read(d)).findings.filter((f) => f.rule === 'results-row-invalid').map((f) => [f.messageId, f.data])).toEqual([[`duplicate_${d}`, { row: text.length, code: 'SO01/A2024.1', first: 2, last: text.length, policy: 'conta come 0%' }]]);
    }
  });

  it('a CSV saved in Windows-1252 (notes with accents, «SÌ») reads as the UTF-8 one, with or without BOM', async () => {
    const plan = await loadPlan(seed.schede);
    const rows = parse(resultsCsv(plan, 2024), { delimiter: ';', bom: true }) as string[][];
    const code = 'SO35/A2024.1'; // no deadline, no numeric ATTESO: SI / NO
    const k = rows.findIndex((r) => r[0] === code);
    rows[k]![9] = 'SÌ';
    rows[k]![10] = 'attività svolta più volte al dì — perché è necessaria, costo € 1.200 (l’ufficio “chiuso”)';
    const csv = stringify(rows, { delimiter: ';' });
    // Windows-1252: Latin-1, with — € ’ “ ” at 0x97 0x80 0x92 0x93 0x94 (≥ and ≤ of the Target column become "?", as Excel does).
    const high: Record<string, number> = { '—': 0x97, '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94 };
    const latin = Buffer.from([...csv].map((ch) => high[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f)));
    expect(latin.includes(Buffer.from('SÌ', 'utf8'))).toBe(false);
    const paths = { utf8: join(dir, 'u.csv'), bom: join(dir, 'b.csv'), cp1252: join(dir, 'w.csv') };
    writeFileSync(paths.utf8, csv);
    writeFileSync(paths.bom, '\ufeff' + csv);
    writeFileSync(paths.cp1252, latin);
    for (const [name, path] of Object.entries(paths)) {
      const reading = await readResults(path, plan, 2024, config);
      // Read as Windows-1252, said once (encoding-fallback, as for plans).
      expect(reading.findings.map((f) => [f.rule, f.source.file]), name).toEqual(name === 'cp1252' ? [['encoding-fallback', path]] : []);
      expect(reading.windows1252, name).toBe(name === 'cp1252');
      expect(reading.values.get(code), name).toMatchObject({ actual: { kind: 'yesno', yes: true }, note: 'attività svolta più volte al dì — perché è necessaria, costo € 1.200 (l’ufficio “chiuso”)' });
    }
  });

  it('a file that is not a results sheet: one fatal finding naming it', async () => {
    const plan = await loadPlan(seed.schede);
    const noHeader = join(dir, 'altro.csv');
    writeFileSync(noHeader, 'a;b;c\n1;2;3\n');
    expect((await readResults(noHeader, plan, 2024, config)).findings.map((f) => [f.rule, f.messageId, f.fatal])).toEqual([['results-unreadable', 'header', true]]);
    const binary = join(ROOT, 'fixtures/pdf/bad/binario.pdf');
    expect((await readResults(binary, plan, 2024, config)).findings[0]!.message).toMatch(/binario\.pdf» non è un CSV né un file Excel/);
    expect((await readResults(join(dir, 'manca.csv'), plan, 2024, config)).findings[0]!.messageId).toBe('missing');
  });

  it('a comma-separated sheet (saved by another tool) reads the same', async () => {
    const plan = await loadPlan(seed.schede);
    const rows = parse(resultsCsv(plan, 2024), { delimiter: ';', bom: true }) as string[][];
    rows[1]![9] = '75%';
    const path = join(dir, 'virgole.csv');
    writeFileSync(path, stringify(rows, { delimiter: ',' }));
    const reading = await readResults(path, plan, 2024, config);
    expect(reading.findings).toEqual([]);
    expect(reading.values.get('SO01/A2024.1')!.actual).toEqual({ kind: 'percent', value: 75 });
  });
});

describe('odd values never crash and never leave 0-100%', () => {
  it('each odd value in each kind of row is either scored within 0-100% or a finding naming its row', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const items = resultItems(plan, 2025);
    // One row of each kind of target: number (≤ 0 and ≥ n), percentage, date in words, no target.
    const codes = ['OB01/I1', 'OB07/I3', 'OB05/I2', 'OB17/I1', 'OB08/I1'];
    const odd = ['', ' ', '1e9', '∞', '12/13/2025', '-0', '1.2.3', '%', '50 %', '=1+1', 'SI ', 'Sì', 'NaN', '0,0001%', '100,0001%', '-5%', '31/06/2025', '2025-06-30', '1.000.000', 'n.d.', '5 su 5', '0x10'];
    for (const value of odd) {
      const rows = parse(resultsCsv(plan, 2025), { delimiter: ';', bom: true }) as string[][];
      for (const r of rows.slice(1)) if (codes.includes(r[0]!)) r[9] = value;
      const path = join(dir, 'strani.csv');
      writeFileSync(path, stringify(rows, { delimiter: ';' }));
      const reading = await readResults(path, plan, 2025, config);
      const r = computeRelazione(plan, 2025, reading, config);
      for (const code of codes) {
        const scored = r.objectives.flatMap((o) => o.items).find((i) => i.item.code === code)!;
        const row = items.findIndex((i) => i.code === code) + 2;
        const named = reading.findings.some((f) => f.rule === 'results-row-invalid' && f.source.line === row);
        expect(scored.score.percent === null || (scored.score.percent >= 0 && scored.score.percent <= 100), `${value} ${code}`).toBe(true);
        // A value written and not used is always named; one used is never named.
        expect(named, `${value} ${code}`).toBe(scored.rejected !== null);
        if (value.trim() !== '' && !named) expect(scored.from, `${value} ${code}`).toBe('foglio');
      }
    }
  });
});
