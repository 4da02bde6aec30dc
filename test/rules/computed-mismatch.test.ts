import { describe, expect, it } from 'vitest';
import { coefficientFor, computedMismatch } from '../../pipeline/validate/rules/computed-mismatch.js';
import type { Allocation, ScoringTables } from '../../models/plan.js';
import { expectRuleShape, objective } from './harness.js';

// The weighting tables printed in seed 004 (lines 35-56).
const tables: ScoringTables = {
  categories: [
    { n: 1, name: 'strategico', weight: 40, raw: '' },
    { n: 3, name: 'miglioramento', weight: 20, raw: '' },
    { n: 4, name: 'mantenimento', weight: 10, raw: '' },
  ],
  staffBrackets: [
    { min: 1, max: 1, coefficient: 0.5, raw: '1 0,50' },
    { min: 2, max: 3, coefficient: 1, raw: 'Da 2 a 3 1,00' },
    { min: 4, max: 5, coefficient: 1.5, raw: 'Da 4 a 5 1,50' },
    { min: 10, max: null, coefficient: 3, raw: 'Più di 10 3,00' },
  ],
  source: null,
};

const row = (over: Partial<Allocation>): Allocation => ({
  row: 1, rowPrinted: true, group: 'settore', groupRaw: null, periodRaw: null, staffRaw: null, category: 'miglioramento',
  staffCount: 3, categoryWeight: 20, coefficient: 1, totalCoefficient: 20, amount: null, amountRaw: null, source: { page: 1, line: 10 }, ...over,
});
const ob = (id: string, allocation: Allocation, sector = 'SETTORE TERRITORIO') => objective({ id, code: id, sector, allocation });
const run = (objectives: ReturnType<typeof ob>[], scoring: ScoringTables | null = tables) => {
  expectRuleShape(computedMismatch);
  const reports: { messageId: string; actual?: unknown; expected?: unknown; objectiveId?: string }[] = [];
  computedMismatch.check({ family: 'performance-organizzativa', period: null, objectives, scoring }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports.map(({ messageId, actual, expected, objectiveId }) => ({ messageId, actual, expected, objectiveId }));
};

describe('computed-mismatch', () => {
  it('brackets: 10 falls in "Più di 10" once "Da 8 a 9" precedes it; 6 in no bracket here', () => {
    expect(coefficientFor(tables, 10)).toBe(3);
    expect(coefficientFor(tables, 3)).toBe(1);
    expect(coefficientFor(tables, 6)).toBeNull();
  });

  const valid: [string, ReturnType<typeof ob>[], ScoringTables | null][] = [
    ['consistent row', [ob('1', row({}))], tables],
    ['fixed amount without peso and coefficient (seed 004 row 3)', [ob('3', row({ category: 'strategico', staffCount: 35, categoryWeight: null, coefficient: null, totalCoefficient: null, amount: 18000 }))], tables],
    ['amounts proportional within the settore', [ob('1', row({ amount: 831.01 })), ob('2', row({ totalCoefficient: 40, categoryWeight: 40, category: 'strategico', amount: 1662.03 }))], tables],
    ['no tables: only total and amounts are checked', [ob('1', row({ coefficient: 1.5, totalCoefficient: 30 }))], null],
  ];
  it.each(valid)('valid: %s', (_name, objectives, scoring) => {
    expect(run(objectives, scoring)).toEqual([]);
  });

  it('invalid: 3 staff with coefficient 1,5 (seed 004, row 10)', () => {
    expect(run([ob('10', row({ category: 'mantenimento', categoryWeight: 10, coefficient: 1.5, totalCoefficient: 15 }))])).toEqual([
      { messageId: 'coefficient', actual: 1.5, expected: 1, objectiveId: '10' },
    ]);
  });

  it('invalid: peso not the category\'s, total not peso × coefficient', () => {
    expect(run([ob('1', row({ categoryWeight: 25, totalCoefficient: 30 }))])).toEqual([
      { messageId: 'peso', actual: 25, expected: 20, objectiveId: '1' },
      { messageId: 'total', actual: 30, expected: 25, objectiveId: '1' },
    ]);
  });

  it('invalid: an amount off the settore\'s euro per point', () => {
    const objectives = [
      ob('19', row({ amount: 831.01 })),
      ob('21', row({ amount: 831.01 })),
      ob('11', row({ totalCoefficient: 60, categoryWeight: 20, coefficient: 3, staffCount: 10, amount: 4964.29 })),
    ];
    expect(run(objectives)).toEqual([{ messageId: 'amount', actual: 4964.29, expected: 2493.03, objectiveId: '11' }]);
  });
});

describe('computed-mismatch: tolerances and bracket edges', () => {
  const runAt = (objectives: ReturnType<typeof ob>[], tolerance: number) => {
    const reports: { messageId: string; actual?: unknown }[] = [];
    computedMismatch.check({ family: 'performance-organizzativa', period: null, objectives, scoring: tables }, (r) => reports.push(r), { tolerance, minConfidence: 0.6 });
    return reports.map((r) => [r.messageId, r.actual]);
  };
  it('peso: at the tolerance (0.5) is the category weight, one step over is not', () => {
    expect(runAt([ob('1', row({ categoryWeight: 20.5, totalCoefficient: 20.5 }))], 0.5)).toEqual([]);
    expect(runAt([ob('1', row({ categoryWeight: 20.75, totalCoefficient: 20.75 }))], 0.5)).toEqual([['peso', 20.75]]);
  });
  it('coefficient: at the tolerance is the bracket coefficient, one step over is not', () => {
    expect(runAt([ob('1', row({ coefficient: 1.5, totalCoefficient: 30 }))], 0.5)).toEqual([]);
    expect(runAt([ob('1', row({ coefficient: 1.75, totalCoefficient: 35 }))], 0.5)).toEqual([['coefficient', 1.75]]);
  });
  it('total: at the tolerance is peso × coefficient, one step over is not', () => {
    expect(runAt([ob('1', row({ totalCoefficient: 20.5 }))], 0.5)).toEqual([]);
    expect(runAt([ob('1', row({ totalCoefficient: 20.75 }))], 0.5)).toEqual([['total', 20.75]]);
  });
  it.each([
    [1, 0.5], [2, 1], [3, 1], [4, 1.5], [5, 1.5], [9, null], [10, 3], [200, 3], [0, null],
  ])('%s staff: coefficient %s', (staff, coefficient) => {
    expect(coefficientFor(tables, staff)).toBe(coefficient);
  });
  it('a bracket without a lower bound holds no count', () => {
    expect(coefficientFor({ ...tables, staffBrackets: [{ min: null, max: 5, coefficient: 9, raw: '' }] }, 3)).toBeNull();
  });
  it('no bracket for the count, or no category in the tables: nothing to compare', () => {
    expect(run([ob('1', row({ staffCount: 7, coefficient: 2, categoryWeight: 20, totalCoefficient: 40 }))])).toEqual([]);
    expect(run([ob('1', row({ category: 'una tantum', categoryWeight: 5, totalCoefficient: 5 }))])).toEqual([]);
  });
  it('the whole report of a peso, with where the row was read', () => {
    const reports: unknown[] = [];
    computedMismatch.check({ family: 'performance-organizzativa', period: null, objectives: [ob('7', row({ categoryWeight: 25, totalCoefficient: 25 }))], scoring: tables }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    expect(reports).toEqual([
      { objectiveId: '7', source: { page: 1, line: 10 }, messageId: 'peso', data: { objective: '7', category: 'miglioramento', actual: 25, expected: 20 }, path: ['objectives', 0, 'allocation', 'categoryWeight'], actual: 25, expected: 20 },
    ]);
  });
});

describe('computed-mismatch: amounts within a pool', () => {
  it('a row of the whole entity is compared with the other generale/intersettoriale rows, not with the settore', () => {
    const objectives = [
      ob('1', row({ group: 'generale', amount: 1000 }), 'SETTORE A'),
      ob('2', row({ group: 'intersettoriale', amount: 1000 }), 'SETTORE B'),
      ob('3', row({ group: 'generale', amount: 1500 }), 'SETTORE C'),
      ob('4', row({ amount: 100 }), 'SETTORE A'),
      ob('5', row({ amount: 100 }), 'SETTORE A'),
    ];
    expect(run(objectives)).toEqual([{ messageId: 'amount', actual: 1500, expected: 1000, objectiveId: '3' }]);
  });
  it('a pool of one row is not compared', () => {
    expect(run([ob('1', row({ amount: 100 }), 'SETTORE A'), ob('2', row({ amount: 900 }), 'SETTORE B')])).toEqual([]);
  });
  it('a row without a settore joins the neighbouring pool whose euro per point is closest', () => {
    const objectives = [
      ob('1', row({ amount: 100 }), 'SETTORE A'),
      ob('2', row({ amount: 100 }), 'SETTORE A'),
      ob('3', row({ amount: 520 }), ''),
      ob('4', row({ amount: 500 }), 'SETTORE B'),
      ob('5', row({ amount: 500 }), 'SETTORE B'),
    ];
    expect(run(objectives)).toEqual([{ messageId: 'amount', actual: 520, expected: 500, objectiveId: '3' }]);
  });
  it('the median of an even pool is the mean of its middle two', () => {
    const objectives = ['100', '200', '300', '400'].map((a, k) => ob(String(k + 1), row({ amount: Number(a) }), 'SETTORE A'));
    expect(run(objectives).map((r) => r.expected)).toEqual([250, 250, 250, 250]);
  });
  it('the amount tolerance: 0.05 € per point up to 10 points, growing with the total', () => {
    const at = (amount: number, total = 20) => run([ob('1', row({ amount: 100, totalCoefficient: 20, categoryWeight: 20 })), ob('2', row({ amount: 100, totalCoefficient: 20, categoryWeight: 20 })), ob('3', row({ amount, totalCoefficient: total, categoryWeight: total }))]).map((r) => r.objectiveId);
    // 5 € per point; total 20: tolerance 0.05 × 2 = 0.1 €.
    expect(at(100.1)).toEqual([]);
    expect(at(100.25)).toEqual(['3']);
  });
});

describe('computed-mismatch: the whole reports', () => {
  const reportsOf = (objectives: ReturnType<typeof ob>[]) => {
    const reports: unknown[] = [];
    computedMismatch.check({ family: 'performance-organizzativa', period: null, objectives, scoring: tables }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    return reports;
  };
  const base = { source: { page: 1, line: 10 } };
  it('a coefficient and a total, on a row without a code', () => {
    const o = objective({ id: 'ob-10', code: null, sector: 'SETTORE TERRITORIO', allocation: row({ category: 'mantenimento', categoryWeight: 10, coefficient: 1.5, totalCoefficient: 16 }) });
    expect(reportsOf([ob('1', row({})), o])).toEqual([
      { ...base, objectiveId: 'ob-10', messageId: 'coefficient', data: { objective: 'ob-10', staff: 3, expected: 1, actual: 1.5, bracket: 'Da 2 a 3 1,00' }, path: ['objectives', 1, 'allocation', 'coefficient'], actual: 1.5, expected: 1 },
      { ...base, objectiveId: 'ob-10', messageId: 'total', data: { objective: 'ob-10', actual: 16, peso: 10, coefficient: 1.5, expected: 15 }, path: ['objectives', 1, 'allocation', 'totalCoefficient'], actual: 16, expected: 15 },
    ]);
  });
  it('an amount, with its pool, its euro per point and the amount as printed', () => {
    const objectives = [
      ob('19', row({ amount: 831.01 })),
      ob('21', row({ amount: 831.01 })),
      objective({ id: 'ob-11', code: null, sector: 'Settore Territorio', allocation: row({ totalCoefficient: 60, categoryWeight: 20, coefficient: 3, staffCount: 10, amount: 4964.29, amountRaw: '4.964,29' }) }),
    ];
    expect(reportsOf(objectives)).toEqual([
      { objectiveId: 'ob-11', source: { page: 1, line: 10 }, messageId: 'amount', data: { objective: 'ob-11', actual: 4964.29, total: 60, pool: 'SETTORE TERRITORIO', rate: 41.55, expected: 2493.03 }, path: ['objectives', 2, 'allocation', 'amount'], raw: '4.964,29', actual: 4964.29, expected: 2493.03 },
    ]);
  });
  it('the pool of the whole entity is named generale/intersettoriale', () => {
    const objectives = [ob('1', row({ group: 'generale', amount: 1000 })), ob('2', row({ group: 'intersettoriale', amount: 2000 })), ob('3', row({ group: 'generale', amount: 1000 }))];
    expect(reportsOf(objectives).map((r) => (r as { data: { pool: string } }).data.pool)).toEqual(['generale/intersettoriale']);
  });
  it('settori are told apart by their whole first word, not its initial', () => {
    const objectives = [
      ob('1', row({ amount: 100 }), 'SETTORE TERRITORIO'),
      ob('2', row({ amount: 100 }), 'SETTORE TERRITORIO'),
      ob('3', row({ amount: 200 }), 'SETTORE TRIBUTI'),
      ob('4', row({ amount: 200 }), 'SETTORE  TRIBUTI'),
    ];
    expect(reportsOf(objectives)).toEqual([]);
  });
  it('the median of a pool listed out of order', () => {
    const objectives = [300, 100, 200].map((amount, k) => ob(String(k + 1), row({ amount }), 'SETTORE A'));
    expect(run(objectives).map((r) => [r.objectiveId, r.expected])).toEqual([['1', 200], ['2', 200]]);
  });
});
