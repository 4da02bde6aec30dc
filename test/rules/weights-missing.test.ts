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
