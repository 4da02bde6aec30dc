import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Allocation, Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { fundTotalMismatch } from '../../pipeline/validate/rules/fund-total-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { endToEnd, objective } from './harness.js';

const row = (amount: number | null, line: number): Allocation => ({
  row: line, rowPrinted: true, group: 'settore', groupRaw: null, periodRaw: null, staffRaw: null, category: 'miglioramento', staffCount: 3,
  categoryWeight: 20, coefficient: 1, totalCoefficient: 20, amount, amountRaw: amount === null ? null : String(amount), source: { page: 2, line },
});
const funded = (...amounts: (number | null)[]) => amounts.map((a, i) => objective({ id: `O${i + 1}`, allocation: row(a, 10 + i) }));
const prose = (...texts: string[]): LayoutDocument => ({ pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }], tables: [] });

function run(objectives: Objective[], layout: LayoutDocument | null, tolerance = 0.01) {
  const reports: ReportInput<'total'>[] = [];
  fundTotalMismatch.check({ family: 'performance-organizzativa', period: null, objectives, layout }, (r) => reports.push(r), { tolerance, minConfidence: 0.6 });
  return reports;
}
const stating = (amount: string) => prose(`Il fondo complessivo è attribuito ai settori per € ${amount}, secondo i coefficienti.`);

describe('fund-total-mismatch', () => {
  // Three rows: 1.000 + 2.000 + 3.000,50 = 6.000,50; the rounding allowance is 3 × 0,005 = 0,015.
  const rows = () => funded(1000, 2000, 3000.5);
  it.each<[string, Objective[], LayoutDocument | null, number]>([
    ['the stated total is the sum', rows(), stating('6.000,50'), 0.01],
    ['one cent off: within the rounding of three rows', rows(), stating('6.000,51'), 0.01],
    ['a difference exactly at the configured tolerance', rows(), stating('6.001,50'), 1],
    ['a stated amount more than 10% away is another figure', rows(), stating('6.700,00'), 0.01],
    ['an amount in a sentence that is not about a fund', rows(), prose('Il costo del servizio è di € 6.100,00 all\'anno.'), 0.01],
    ['one row is no table total', funded(1000), stating('1.200,00'), 0.01],
    ['a row without an amount: the sum is not known', funded(1000, 2000, null), stating('3.100,00'), 0.01],
    ['no layout', rows(), null, 0.01],
  ])('valid: %s', (_name, objectives, layout, tolerance) => {
    expect(run(objectives, layout, tolerance)).toEqual([]);
  });

  it.each<[string, LayoutDocument, number, number]>([
    ['two cents off: beyond the rounding of three rows', stating('6.000,52'), 6000.52, 0.01],
    ['one step over the configured tolerance', stating('6.001,52'), 6001.52, 1],
    ['the amount after the euro sign on the line below the fund words', prose('Le risorse sono attribuite ai settori con progettualità', 'finanziate per € 6.100,00, il resto a successivo atto.'), 6100, 0.01],
    ['the amount before the euro sign', prose('Totale da ripartire: 5.900,00 € fra gli obiettivi.'), 5900, 0.01],
  ])('invalid: %s', (_name, layout, stated, tolerance) => {
    const reports = run(rows(), layout, tolerance);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'total', actual: 6000.5, expected: stated, related: { page: 2, line: 10 }, data: expect.objectContaining({ count: 3, sum: '6000,5' }) })]);
  });

  it('odd input: a line of 200 000 digits before a euro sign, a line of 200 000 spaces', () => {
    expect(run(rows(), prose(`Il fondo complessivo è di ${'1'.repeat(200_000)} €`, ' '.repeat(200_000)))).toEqual([]);
  });

  it('the nearest of several stated amounts is compared', () => {
    const layout = prose('Il fondo complessivo è di € 91.223,09.', 'Il fondo è attribuito ai settori per € 6.020,00.', 'Sono destinati € 4.000,00 a ulteriori progettualità.');
    expect(run(rows(), layout).map((r) => [r.expected, r.source])).toEqual([[6020, { page: 1, line: 2 }]]);
  });

  endToEnd('end to end: seed 004, the 27 amounts of the table add up to the € 69.223,09 the text states (to the rounding); changed to 69.523,09 they do not', async () => {
    expect((await processFile(seed.organizzativa)).findings.filter((f) => f.rule === 'fund-total-mismatch')).toEqual([]);
    const text = readFileSync(seed.organizzativa, 'utf8');
    // Line 1715: «finanziate per € 69.223,09, rimandando a successivo apposito atto …».
    const changed = text.replace('finanziate per € 69.223,09', 'finanziate per € 69.523,09');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-fund-')), 'chiari.txt');
    writeFileSync(file, changed);
    const found = (await processFile(file)).findings.filter((f) => f.rule === 'fund-total-mismatch');
    expect(found.map((f) => [f.source.line, f.expected, f.data.count, f.data.sum])).toEqual([[1715, 69523.09, 27, '69.223,06']]);
    expect(found[0]!.related).toBeDefined();
  });
});
