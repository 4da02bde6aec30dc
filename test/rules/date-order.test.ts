import { describe, expect, it } from 'vitest';
import { dateOrder } from '../../pipeline/validate/rules/date-order.js';
import { action, objective, runRule } from './harness.js';

const ladder = (raw: string) => ({ raw, steps: [] });

describe('date-order', () => {
  it.each([
    ['same date everywhere', action({ deadline: '2024-06-15', expected: 'Ultimazione entro il 15/06/2024', grading: ladder('Nessun ritardo rispetto alla data del 15/06/2024 = 100%') })],
    ['no dates in expected and grading', action({ deadline: '2024-12-31', expected: 'si', grading: ladder('Nessun ritardo = 100%') })],
    ['no deadline', action({ deadline: null, expected: 'entro il 30/09/2024' })],
    ['an impossible date is date-invalid, not this rule', action({ deadline: '2024-06-30', grading: ladder('Nessun ritardo rispetto alla data del 31/06/2024= 100%') })],
  ])('valid: %s', (_name, a) => {
    expect(runRule(dateOrder, [objective({ actions: [a] })])).toEqual([]);
  });

  it('invalid: the grading names another date than TEMPI (seed 003, line 409)', () => {
    const a = action({
      n: 2,
      deadline: '2024-10-31',
      deadlineRaw: '31/10/24',
      expected: 'Rispetto del Termine del 31/10/2024',
      grading: ladder('Rispetto del termine del 30/09/2024 = 100% Ritardo fino a 15 gg. = 80%'),
    });
    expect(runRule(dateOrder, [objective({ id: 'SO10', actions: [a] })])).toEqual([
      expect.objectContaining({ messageId: 'contradicts', data: expect.objectContaining({ deadline: '31/10/2024', field: 'la graduazione', other: '30/09/2024' }), actual: '2024-09-30', expected: '2024-10-31' }),
    ]);
  });

  it('invalid: the expected result names another date', () => {
    const a = action({ deadline: '2024-09-30', expected: 'Rispetto del termine del 31/10/2024' });
    expect(runRule(dateOrder, [objective({ actions: [a] })])).toEqual([expect.objectContaining({ data: expect.objectContaining({ field: 'il valore atteso', other: '31/10/2024' }) })]);
  });
});

describe('date-order: the whole report', () => {
  it('both fields contradict; an action without number or year is numbered by position', () => {
    const a = action({ n: null, year: null, deadline: '2024-06-30', expected: 'entro il 30/06/2024, poi il 15/07/2024', grading: ladder('Rispetto del 31 luglio 2024 = 100%'), source: { page: 8, line: 80 } });
    const reports = runRule(dateOrder, [objective({ id: 'ob-0' }), objective({ id: 'ob-8', code: null, actions: [action(), a] })]);
    expect(reports).toEqual([
      {
        messageId: 'contradicts',
        data: { n: 2, year: '—', objective: 'ob-8', deadline: '30/06/2024', field: 'il valore atteso', other: '15/07/2024' },
        path: ['objectives', 1, 'actions', 1, 'expected'],
        objectiveId: 'ob-8',
        source: { page: 8, line: 80 },
        raw: 'entro il 30/06/2024, poi il 15/07/2024',
        actual: '2024-07-15',
        expected: '2024-06-30',
      },
      {
        messageId: 'contradicts',
        data: { n: 2, year: '—', objective: 'ob-8', deadline: '30/06/2024', field: 'la graduazione', other: '31/07/2024' },
        path: ['objectives', 1, 'actions', 1, 'grading'],
        objectiveId: 'ob-8',
        source: { page: 8, line: 80 },
        raw: 'Rispetto del 31 luglio 2024 = 100%',
        actual: '2024-07-31',
        expected: '2024-06-30',
      },
    ]);
  });
});
