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

describe('date-outside-period: the first and last day of the plan 2024-2026', () => {
  it.each([['2024-01-01'], ['2026-12-31'], ['2025-06-30']])('inside: %s', (deadline) => {
    expect(runRule(dateOutsidePeriod, [objective({ indicators: [indicator({ deadline })], actions: [action({ year: null, deadline })] })])).toEqual([]);
  });
  it.each([['2023-12-31'], ['2027-01-01']])('outside: %s, for an indicator and an action', (deadline) => {
    const reports = runRule(dateOutsidePeriod, [objective({ indicators: [indicator({ deadline })], actions: [action({ year: null, deadline })] })]);
    expect(reports.map((r) => [r.messageId, r.path])).toEqual([
      ['period', ['objectives', 0, 'indicators', 0, 'deadline']],
      ['period', ['objectives', 0, 'actions', 0, 'deadline']],
    ]);
  });
  it('a one-year plan: only that year is inside', () => {
    const obj = objective({ actions: ['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'].map((deadline, k) => action({ n: k + 1, year: null, deadline })) });
    expect(runRule(dateOutsidePeriod, [obj], { from: 2024, to: 2024 }).map((r) => r.actual)).toEqual(['2023-12-31', '2025-01-01']);
  });
  it('the annuality: its own year is inside, the next and the previous are not', () => {
    const obj = objective({ actions: ['2025-01-01', '2025-12-31', '2024-12-31', '2026-01-01'].map((deadline, k) => action({ n: k + 1, year: 2025, deadline })) });
    expect(runRule(dateOutsidePeriod, [obj]).map((r) => [r.messageId, r.actual, r.expected])).toEqual([
      ['annuality', '2024-12-31', '2025'],
      ['annuality', '2026-01-01', '2025'],
    ]);
  });
  it('no period known: an indicator deadline is never outside', () => {
    expect(runRule(dateOutsidePeriod, [objective({ indicators: [indicator({ deadline: '2030-01-01' })] })], null)).toEqual([]);
  });
});

describe('date-outside-period: the whole report', () => {
  it('an indicator after the plan, an action before it, an action in the wrong annuality without a number', () => {
    const obj = objective({
      id: 'ob-3',
      code: 'OB03',
      indicators: [indicator({ deadline: null }), indicator({ deadline: '2027-03-31', deadlineRaw: 'entro il 31/03/2027', source: { page: 2, line: 20 } })],
      actions: [
        action({ deadline: '2023-06-30', deadlineRaw: '30/06/2023', source: { page: 3, line: 30 } }),
        action({ n: null, year: 2026, deadline: '2025-12-31', deadlineRaw: null, source: { page: 3, line: 31 } }),
      ],
    });
    expect(runRule(dateOutsidePeriod, [objective({ id: 'ob-1' }), obj])).toEqual([
      {
        messageId: 'period',
        data: { date: '31/03/2027', objective: 'OB03', from: 2024, to: 2026 },
        path: ['objectives', 1, 'indicators', 1, 'deadline'],
        objectiveId: 'ob-3',
        source: { page: 2, line: 20 },
        raw: 'entro il 31/03/2027',
        actual: '2027-03-31',
        expected: '2024-2026',
      },
      {
        messageId: 'period',
        data: { date: '30/06/2023', objective: 'OB03', from: 2024, to: 2026 },
        path: ['objectives', 1, 'actions', 0, 'deadline'],
        objectiveId: 'ob-3',
        source: { page: 3, line: 30 },
        raw: '30/06/2023',
        actual: '2023-06-30',
        expected: '2024-2026',
      },
      {
        messageId: 'annuality',
        data: { date: '31/12/2025', n: 2, objective: 'OB03', year: 2026 },
        path: ['objectives', 1, 'actions', 1, 'deadline'],
        objectiveId: 'ob-3',
        source: { page: 3, line: 31 },
        raw: undefined,
        actual: '2025-12-31',
        expected: '2026',
      },
    ]);
  });
  it('an indicator without code: named by its id, raw absent', () => {
    const reports = runRule(dateOutsidePeriod, [objective({ id: 'ob-9', code: null, indicators: [indicator({ deadline: '2023-01-31', deadlineRaw: null })] })]);
    expect(reports.map((r) => [r.data!.objective, r.raw])).toEqual([['ob-9', undefined]]);
  });
});
