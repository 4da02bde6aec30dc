import { describe, expect, it } from 'vitest';
import { weightsSum } from '../../pipeline/validate/rules/weights-sum.js';
import { action, indicator, objective, runRule } from './harness.js';

describe('weights-sum', () => {
  it.each([
    ['one year adding to 100', [action({ weight: 60 }), action({ weight: 40 })]],
    ['two years each adding to 100', [action({ weight: 100, year: 2024 }), action({ weight: 70, year: 2025 }), action({ weight: 30, year: 2025 })]],
    ['decimals within tolerance', [action({ weight: 33.33 }), action({ weight: 33.33 }), action({ weight: 33.34 })]],
    ['no weights at all', [action({ weight: null }), action({ weight: null })]],
  ])('valid: %s', (_name, actions) => {
    expect(runRule(weightsSum, [objective({ actions })])).toEqual([]);
  });

  it.each([
    ['110 (seed 003, line 788)', [20, 20, 20, 10, 20, 20], 110, '20 + 20 + 20 + 10 + 20 + 20'],
    ['125 (seed 003, line 1565)', [25, 25, 25, 25, 25], 125, '25 + 25 + 25 + 25 + 25'],
    ['90', [50, 40], 90, '50 + 40'],
  ])('invalid: actions adding to %s', (_name, weights, sum, detail) => {
    const reports = runRule(weightsSum, [objective({ code: 'SO19', actions: weights.map((w) => action({ weight: w })) })]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'actions', data: { year: 2024, objective: 'SO19', sum, detail }, actual: sum, expected: 100 })]);
  });

  it('invalid: indicator shares adding to 80', () => {
    const reports = runRule(weightsSum, [objective({ indicators: [indicator({ weight: 10 }), indicator({ weight: 50 }), indicator({ weight: 20 })] })]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'indicators', actual: 80 })]);
  });
});

describe('weights-sum: the tolerance boundary (0.5)', () => {
  const actions = (...w: number[]) => runRule(weightsSum, [objective({ actions: w.map((weight) => action({ weight })) })], undefined, { tolerance: 0.5 });
  const shares = (...w: number[]) => runRule(weightsSum, [objective({ indicators: w.map((weight) => indicator({ weight })) })], undefined, { tolerance: 0.5 });
  it.each([[[60, 40.5]], [[60, 39.5]]])('within: %j', (w) => {
    expect(actions(...w)).toEqual([]);
    expect(shares(...w)).toEqual([]);
  });
  it.each([[[60, 40.75], 100.75], [[60, 39.25], 99.25]])('outside: %j', (w, sum) => {
    expect(actions(...w).map((r) => [r.messageId, r.actual])).toEqual([['actions', sum]]);
    expect(shares(...w).map((r) => [r.messageId, r.actual])).toEqual([['indicators', sum]]);
  });
});

describe('weights-sum: the whole report', () => {
  it('per year, pointing at the first weighted action of that year; indicator shares beside', () => {
    const obj = objective({
      id: 'ob-2',
      code: null,
      actions: [
        action({ year: 2024, weight: 100 }),
        action({ year: null, weight: null }),
        action({ year: null, weight: 30, source: { page: 5, line: 50 } }),
        action({ year: null, weight: 20.5 }),
      ],
      indicators: [indicator({ weight: null }), indicator({ weight: 60, source: { page: 6, line: 60 } }), indicator({ weight: 30 })],
    });
    expect(runRule(weightsSum, [objective({ id: 'ob-1' }), obj])).toEqual([
      {
        messageId: 'actions',
        data: { year: '—', objective: 'ob-2', sum: 50.5, detail: '30 + 20,5' },
        path: ['objectives', 1, 'actions', 2, 'weight'],
        objectiveId: 'ob-2',
        source: { page: 5, line: 50 },
        actual: 50.5,
        expected: 100,
      },
      {
        messageId: 'indicators',
        data: { objective: 'ob-2', sum: 90, detail: '60 + 30' },
        path: ['objectives', 1, 'indicators'],
        objectiveId: 'ob-2',
        source: { page: 6, line: 60 },
        actual: 90,
        expected: 100,
      },
    ]);
  });
  it('indicator shares adding to 100 and indicators without shares: nothing', () => {
    expect(runRule(weightsSum, [objective({ indicators: [indicator({ weight: 70 }), indicator({ weight: 30 }), indicator({ weight: null })] })])).toEqual([]);
  });
});
