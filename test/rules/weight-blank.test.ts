import { describe, expect, it } from 'vitest';
import type { Allocation, Objective } from '../../models/plan.js';
import { weightBlank } from '../../pipeline/validate/rules/weight-blank.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { endToEnd, indicator, objective, runRule } from './harness.js';

const row = (over: Partial<Allocation> = {}): Allocation => ({
  row: 1, rowPrinted: true, group: 'settore', groupRaw: null, periodRaw: null, staffRaw: null, category: 'miglioramento', staffCount: 3,
  categoryWeight: 20, coefficient: 1, totalCoefficient: 20, amount: 827.38, amountRaw: '827,38', source: { page: 3, line: 12 }, ...over,
});
const funded = (over: Partial<Allocation>) => objective({ code: '3', allocation: row(over) });
const weighted = (...weights: (number | null)[]) => weights.map((weight, i) => objective({ id: `O${i + 1}`, code: `OB.${i + 1}`, weight, source: { page: 1, line: 10 + i } }));

describe('weight-blank', () => {
  it.each<[string, Objective[]]>([
    ['an allocation row with every cell', [funded({})]],
    ['an allocation row without an amount', [funded({ amount: null, categoryWeight: null, coefficient: null, totalCoefficient: null })]],
    ['every objective weighted', weighted(30, 30, 40)],
    ['no objective weighted', weighted(null, null, null)],
    ['weighted and unweighted objectives under different parents', [...weighted(30), objective({ id: 'X', parentId: 'P', weight: null })]],
    ['weighted and unweighted objectives of different levels', [...weighted(30), objective({ id: 'X', level: 'strategico', weight: null })]],
    ['every indicator weighted', [objective({ indicators: [indicator({ weight: 40 }), indicator({ id: 'I2', weight: 60 })] })]],
    ['an unweighted «dato» beside weighted indicators', [objective({ indicators: [indicator({ weight: 100 }), indicator({ id: 'I2', kind: 'dato', weight: null })] })]],
  ])('valid: %s', (_name, objectives) => {
    expect(runRule(weightBlank, objectives)).toEqual([]);
  });

  it.each<[string, Partial<Allocation>, string]>([
    ['peso blank', { categoryWeight: null }, '«PESO %»'],
    ['coefficient blank', { coefficient: null }, '«COEFF. MULTIPLIC. DIP.»'],
    ['all three blank', { categoryWeight: null, coefficient: null, totalCoefficient: null }, '«PESO %», «COEFF. MULTIPLIC. DIP.», «TOTALE COEFF.»'],
    ['an amount of 0 is an amount', { amount: 0, totalCoefficient: null }, '«TOTALE COEFF.»'],
  ])('invalid: allocation row with %s', (_name, over, cells) => {
    expect(runRule(weightBlank, [funded(over)])).toEqual([expect.objectContaining({ messageId: 'allocation', data: expect.objectContaining({ objective: '3', cells }), source: { page: 3, line: 12 } })]);
  });

  it('invalid: one objective of three without a weight, named with the first weighted one', () => {
    expect(runRule(weightBlank, weighted(30, null, 40))).toEqual([
      expect.objectContaining({ messageId: 'objective', data: { objective: 'OB.2', weighted: 2, count: 3 }, path: ['objectives', 1, 'weight'], source: { page: 1, line: 11 }, related: { page: 1, line: 10 } }),
    ]);
  });

  it('the allocation report points at the first blank cell and keeps the amount as printed', () => {
    expect(runRule(weightBlank, [funded({ coefficient: null, totalCoefficient: null })])).toEqual([
      expect.objectContaining({ objectiveId: 'O1', path: ['objectives', 0, 'allocation', 'coefficient'], raw: '827,38', actual: null, data: { objective: '3', amount: 827.38, cells: '«COEFF. MULTIPLIC. DIP.», «TOTALE COEFF.»' } }),
    ]);
  });

  it('the weight cells, when read, are the places named; the id stands for a missing code', () => {
    const cells = (line: number) => ({ weight: { page: 2, line } });
    const objectives = [objective({ id: 'O1', code: null, weight: 50, cells: cells(5) }), objective({ id: 'O2', code: null, weight: null, cells: cells(6) })];
    expect(runRule(weightBlank, objectives).map((r) => [r.data?.objective, r.source, r.related])).toEqual([['O2', { page: 2, line: 6 }, { page: 2, line: 5 }]]);
    const inds = [indicator({ weight: 40, cells: cells(8) }), indicator({ id: 'I2', weight: null, cells: cells(9) })];
    expect(runRule(weightBlank, [objective({ code: null, indicators: inds })]).map((r) => [r.data?.objective, r.source, r.related, r.objectiveId])).toEqual([['O1', { page: 2, line: 9 }, { page: 2, line: 8 }, 'O1']]);
  });

  it('invalid: one objective of two (the smallest group)', () => {
    expect(runRule(weightBlank, weighted(null, 100)).map((r) => r.objectiveId)).toEqual(['O1']);
  });

  it('invalid: an indicator without a weight beside a weighted one', () => {
    const reports = runRule(weightBlank, [objective({ code: 'OB.1', indicators: [indicator({ weight: 40 }), indicator({ id: 'I2', name: 'Tempi medi', weight: null })] })]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'indicator', data: { indicator: 'Tempi medi', objective: 'OB.1', weighted: 1, count: 2 }, path: ['objectives', 0, 'indicators', 1, 'weight'] })]);
  });

  endToEnd('end to end: seed 004, objective 3 (intersettoriale, strategico, 35 staff) has 18.000,00 € and no peso, coefficient or total', async () => {
    // Line 324 of the seed: «strategico 35» then blank cells, then «18.000,00» on line 327.
    const found = (await processFile(seed.organizzativa)).findings.filter((f) => f.rule === 'weight-blank');
    expect(found.map((f) => [f.messageId, f.data.objective, f.data.amount, f.data.cells])).toEqual([['allocation', '3', 18000, '«PESO %», «COEFF. MULTIPLIC. DIP.», «TOTALE COEFF.»']]);
  });
});
