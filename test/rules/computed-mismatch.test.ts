import { describe, expect, it } from 'vitest';
import { coefficientFor, computedMismatch } from '../../pipeline/validate/rules/computed-mismatch.js';
import type { Allocation, ScoringTables } from '../../models/plan.js';
import { objective } from './harness.js';

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
