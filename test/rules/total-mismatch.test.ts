import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintedTotal } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { totalMismatch } from '../../pipeline/validate/rules/total-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, expectRuleShape, objective } from './harness.js';

const at = { page: 2, line: 40 };
const total = (value: number | null, parts: string[], raw = String(value)): PrintedTotal => ({ label: 'TOTALE', field: 'weight', value, raw, parts, source: at });
const weighted = (...weights: (number | null)[]) => weights.map((w, i) => objective({ id: `O${i + 1}`, weight: w, source: { page: 1, line: 10 + i } }));

function run(objectives: ReturnType<typeof weighted>, totals: PrintedTotal[], tolerance = 0.01) {
  expectRuleShape(totalMismatch);
  const reports: ReportInput<'weights'>[] = [];
  totalMismatch.check({ family: 'generic', period: null, objectives, totals }, (r) => reports.push(r), { tolerance, minConfidence: 0.6 });
  return reports;
}

describe('total-mismatch', () => {
  const ids = ['O1', 'O2', 'O3'];
  const valid: [string, ReturnType<typeof weighted>, PrintedTotal[], number][] = [
    ['the weights add up to the total', weighted(30, 30, 40), [total(100, ids)], 0.01],
    ['a difference exactly at the tolerance', weighted(30, 30, 40.5), [total(100, ids)], 0.5],
    ['a part without a weight (weights-missing says it)', weighted(30, null, 40), [total(100, ids)], 0.01],
    ['a total that closes one row only', weighted(30), [total(100, ['O1'])], 0.01],
    ['a total printed without a number', weighted(30, 30, 30), [total(null, ids, 'TOTALE')], 0.01],
    ['no totals', weighted(30, 30, 30), [], 0.01],
  ];
  it.each(valid)('valid: %s', (_name, objectives, totals, tolerance) => {
    expect(run(objectives, totals, tolerance)).toEqual([]);
  });

  it('invalid: one step over the tolerance', () => {
    expect(run(weighted(30, 30, 40.51), [total(100, ids)], 0.5)).toHaveLength(1);
  });

  it('invalid: the total and the first row it closes are both named, with printed and computed values', () => {
    const reports = run(weighted(30, 30, 30), [total(100, ids)]);
    expect(reports).toEqual([
      expect.objectContaining({
        messageId: 'weights',
        path: ['totals', 0, 'value'],
        source: at,
        related: { page: 1, line: 10 },
        actual: 100,
        expected: 90,
        data: expect.objectContaining({ count: 3, sum: '90', detail: '30 + 30 + 30' }),
      }),
    ]);
  });

  endToEnd('end to end: the PEG of fixtures/layouts with one TOTALE changed from 100 to 90', async () => {
    const text = readFileSync(join(ROOT, 'fixtures', 'layouts', '01-peg-direzione.txt'), 'utf8');
    // The first TOTALE row of the export (line 105): the label on one line, the total on the next; FIN.01, the first row it closes, is on line 15.
    const changed = text.replace(/\nTOTALE\n100\n/, '\nTOTALE\n90\n');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-total-')), 'peg.txt');
    writeFileSync(file, changed);
    const plan = await processFile(file);
    const found = plan.findings.filter((f) => f.rule === 'total-mismatch');
    expect(found.map((f) => [f.actual, f.expected, f.data.count, f.source.line, f.related?.line])).toEqual([[90, 100, 4, 105, 15]]);
    expect(found[0]!.message).toContain('«TOTALE» vale 90');
    // The untouched document has none.
    expect((await processFile(join(ROOT, 'fixtures', 'layouts', '01-peg-direzione.txt'))).findings.filter((f) => f.rule === 'total-mismatch')).toEqual([]);
  });
});

describe('total-mismatch: boundaries and the whole report', () => {
  const ids = ['O1', 'O2', 'O3'];
  it('below the total: at the tolerance (0.5) it is the sum, one step under it is not', () => {
    expect(run(weighted(30, 30, 39.5), [total(100, ids)], 0.5)).toEqual([]);
    expect(run(weighted(30, 30, 39.25), [total(100, ids)], 0.5).map((r) => r.expected)).toEqual([99.25]);
  });
  it('two rows are a sum', () => {
    expect(run(weighted(30, 30), [total(100, ['O1', 'O2'])]).map((r) => r.actual)).toEqual([100]);
  });
  it('a total of another field, or closing rows that are not objectives, is not compared', () => {
    expect(run(weighted(30, 30), [{ ...total(100, ['O1', 'O2']), field: 'amount' as PrintedTotal['field'] }])).toEqual([]);
    expect(run(weighted(30), [total(100, ['O1', 'X9'])])).toEqual([]);
  });
  it('the whole report: the cell of the first row\'s weight when it has one', () => {
    const objectives = weighted(30, 20.5);
    objectives[0] = { ...objectives[0]!, cells: { weight: { page: 1, line: 10, bbox: [1, 2, 3, 4] } } };
    expect(run(objectives, [total(100, ['O1', 'O2'], '100,00'), total(50.5, ['O1', 'O2'])])).toEqual([
      {
        messageId: 'weights',
        data: { label: 'TOTALE', printed: '100,00', count: 2, sum: '50,5', detail: '30 + 20,5' },
        path: ['totals', 0, 'value'],
        source: at,
        related: { page: 1, line: 10, bbox: [1, 2, 3, 4] },
        raw: '100,00',
        actual: 100,
        expected: 50.5,
      },
    ]);
  });
});
