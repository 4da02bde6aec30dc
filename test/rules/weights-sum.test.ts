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
