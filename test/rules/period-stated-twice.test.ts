import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Allocation, Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { periodStatedTwice, statedPeriod } from '../../pipeline/validate/rules/period-stated-twice.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, objective } from './harness.js';

const layout = (...texts: string[]): LayoutDocument => ({
  pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }],
  tables: [],
});
const allocation = (periodRaw: string | null): Allocation => ({
  row: 3, rowPrinted: true, group: 'settore', groupRaw: null, periodRaw, staffRaw: null, category: null, staffCount: null,
  categoryWeight: null, coefficient: null, totalCoefficient: null, amount: null, amountRaw: null, source: { page: 1, line: 100 },
});

function run(tableRaw: string | null, tempi: string) {
  const reports: ReportInput<string>[] = [];
  const objectives: Objective[] = [objective({ id: 'O1', code: '3', source: { page: 1, line: 1 }, allocation: tableRaw === null ? null : allocation(tableRaw) })];
  periodStatedTwice.check({ family: 'generic', period: { from: 2025, to: 2027 }, objectives, layout: layout('OBIETTIVO N. 3', `Tempi di attuazione: ${tempi}`) }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

describe('statedPeriod', () => {
  it.each<[string, string | null, string | null, number | null]>([
    ['2023- 2026', '2023', '2026', null],
    ['2025', '2025', '2025', null],
    ['15/06/202 5 ed il 31/12/202 5', '2025-06-15', '2025-12-31', null],
    ['Entro il 31/12/202 5', null, '2025-12-31', null],
    ['avvio nel 2024 e conclusione nel 2028.', '2024', '2028', null],
    ['Triennale', null, null, 36],
  ])('%s', (raw, from, to, months) => {
    expect(statedPeriod(raw)).toMatchObject({ from, to, months });
  });
  it('no period', () => {
    expect(statedPeriod('Fase unica')).toBeNull();
    expect(statedPeriod(null)).toBeNull();
  });
});

describe('period-stated-twice', () => {
  const valid: [string, string | null, string][] = [
    ['a duration with as many years', null, 'BIENNALE 01/01/2024 - 31/12/2025'],
    ['a three-year word with three years', null, 'triennio 2025-2027'],
    ['a half-year with six months', null, 'semestrale dal 01/01/2025 al 30/06/2025'],
    ['table and sheet give the same years', '2025- 2026', '2025 - 2026'],
    ['the table gives the year, the sheet its days', '2025', 'DAL 01/01/2025 AL 31/12/2025'],
    ['the table gives the deadline, the sheet the period ending on it', 'Entro il 31/12/2025', '01/01/2025 – 31/12/2025'],
    ['a duration word matching the table\'s years', '2025- 2027', 'Triennale'],
    ['no table row', null, '2025'],
    ['a sheet without a period', '2025', 'Fase unica'],
  ];
  it.each(valid)('valid: %s', (_name, table, tempi) => {
    expect(run(table, tempi)).toEqual([]);
  });

  it.each<[string, string | null, string, string]>([
    ['BIENNALE with a three-year period', null, 'BIENNALE 01/01/2024 - 31/12/2026', 'duration'],
    ['a three-year word with two years', null, 'triennale 2025-2026', 'duration'],
    ['the table one year earlier at the start', '2024- 2025', '2025', 'table'],
    ['the table one year longer', '2025- 2027', '2025 - 2026', 'table'],
    ['the table ends one day later', '15/06/2025 ed il 01/10/2025', 'Nel periodo ricompreso tra il 15/06/2025 ed il 30/09/2025', 'table'],
    ['a duration word against the table\'s years', '2025- 2026', 'Triennale', 'table'],
  ])('invalid: %s', (_name, table, tempi, messageId) => {
    const reports = run(table, tempi);
    expect(reports.map((r) => r.messageId)).toEqual([messageId]);
    expect(reports[0]!.source?.line).toBe(messageId === 'table' ? 100 : 2);
    expect(reports[0]!.related?.line).toBe(2);
  });

  it('the duration message gives both lengths', () => {
    expect(run(null, 'BIENNALE 01/01/2024 - 31/12/2026')[0]).toMatchObject({ actual: 36, expected: 24, data: { word: 'BIENNALE', months: 24, actual: 36 } });
  });

  it('odd data does not throw', () => {
    const reports: ReportInput<string>[] = [];
    periodStatedTwice.check({ family: 'generic', period: null, objectives: [objective({ source: { page: null, line: null }, allocation: allocation('') })], layout: null }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    expect(reports).toEqual([]);
  });

  endToEnd('end to end: seed 004, the summary table against the sheets', async () => {
    // Table rows (lines 324, 570, 841, 1344, 1523) against «Tempi di attuazione» of sheets 3 (1917: 2025-2027),
    // 7 (2278: 2025), 11 (2735: Triennale), 21 (3877: 2025 - 2026), 24 (4320: 15/06/2025 - 30/09/2025).
    const plan = await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'));
    const found = plan.findings.filter((f) => f.rule === 'period-stated-twice');
    expect(found.map((f) => [f.data.objective, f.actual, f.expected, f.source.line, f.related?.line])).toEqual([
      ['3', '2023 - 2026', '2025 - 2027', 324, 1917],
      ['7', '2024 - 2025', '2025 - 2025', 570, 2278],
      ['11', '2025 - 2026', '36 mesi', 841, 2735],
      ['21', '2025 - 2025', '2025 - 2026', 1344, 3877],
      ['24', '15/06/2025 - 31/12/2025', '15/06/2025 - 30/09/2025', 1523, 4320],
    ]);
  });
});
