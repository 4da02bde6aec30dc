import { describe, expect, it } from 'vitest';
import { weightsMissing } from '../../pipeline/validate/rules/weights-missing.js';
import { action, objective, runRule } from './harness.js';

describe('weights-missing', () => {
  it.each([
    ['all weighted', [action({ weight: 50 }), action({ weight: 50 })]],
    ['none weighted (the sheet uses no weights)', [action({ weight: null }), action({ weight: null })]],
    ['weighted in one year, not in another', [action({ weight: 100, year: 2024 }), action({ weight: null, year: 2025 })]],
  ])('valid: %s', (_name, actions) => {
    expect(runRule(weightsMissing, [objective({ actions })])).toEqual([]);
  });

  it('invalid: one action without weight among weighted ones', () => {
    const reports = runRule(weightsMissing, [objective({ actions: [action({ n: 1, weight: 60 }), action({ n: 2, weight: null })] })]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'action', data: { n: 2, year: 2024, objective: 'O1' }, path: ['objectives', 0, 'actions', 1, 'weight'] })]);
  });
});

describe('weights-missing: the whole report', () => {
  it('every unweighted action of a weighted year, numbered by position when it has no number', () => {
    const obj = objective({
      id: 'ob-4',
      code: 'OB04',
      actions: [
        action({ year: null, weight: 40 }),
        action({ year: 2025, weight: null }),
        action({ n: null, year: null, weight: null, source: { page: 2, line: 7 } }),
      ],
    });
    expect(runRule(weightsMissing, [objective({ id: 'ob-0' }), obj])).toEqual([
      { messageId: 'action', data: { n: 3, year: '—', objective: 'OB04' }, path: ['objectives', 1, 'actions', 2, 'weight'], objectiveId: 'ob-4', source: { page: 2, line: 7 }, actual: null },
    ]);
  });
});
