import { describe, expect, it } from 'vitest';
import { dateOutsidePeriod } from '../../pipeline/validate/rules/date-outside-period.js';
import { action, indicator, objective, runRule } from './harness.js';

describe('date-outside-period', () => {
  it.each([
    ['inside the period and annuality', [action({ year: 2025, deadline: '2025-06-30' })], []],
    ['no deadline', [action({ deadline: null })], []],
  ])('valid: %s', (_name, actions, expected) => {
    expect(runRule(dateOutsidePeriod, [objective({ actions })])).toEqual(expected);
  });

  it('no period known: only the annuality is checked', () => {
    expect(runRule(dateOutsidePeriod, [objective({ actions: [action({ year: 2024, deadline: '2030-01-01' })] })], null)).toEqual([
      expect.objectContaining({ messageId: 'annuality' }),
    ]);
  });

  it.each([
    ['an action after the plan', objective({ actions: [action({ year: null, deadline: '2027-03-31' })] }), 'period', '2027-03-31'],
    ['an indicator before the plan', objective({ indicators: [indicator({ deadline: '2023-12-31' })] }), 'period', '2023-12-31'],
    ['a deadline in the wrong annuality', objective({ actions: [action({ year: 2024, deadline: '2025-06-30' })] }), 'annuality', '2025-06-30'],
  ])('invalid: %s', (_name, obj, messageId, actual) => {
    expect(runRule(dateOutsidePeriod, [obj])).toEqual([expect.objectContaining({ messageId, actual })]);
  });
});
