import { describe, expect, it } from 'vitest';
import { dateInvalid } from '../../pipeline/validate/rules/date-invalid.js';
import { action, indicator, objective, runRule } from './harness.js';

describe('date-invalid', () => {
  it.each([
    ['a real date', objective({ actions: [action({ deadlineRaw: '31/12/2024', deadline: '2024-12-31' })] })],
    ['a date in words', objective({ actions: [action({ deadlineRaw: 'entro il 30 giugno 2024' })] })],
    ['no date', objective({ actions: [action({ deadlineRaw: 'Marzo – Giugno' })] })],
    ['a real indicator deadline', objective({ indicators: [indicator({ deadlineRaw: '29/02/2024' })] })],
  ])('valid: %s', (_name, obj) => {
    expect(runRule(dateInvalid, [obj])).toEqual([]);
  });

  it.each([
    ['31/06/2024 in TEMPI', objective({ actions: [action({ deadlineRaw: '31/06/2024' })] }), '31/06/2024', 'tempi'],
    ['in the grading ladder', objective({ actions: [action({ grading: { raw: 'Nessun ritardo rispetto al 31/06/2024 = 100%', steps: [] } })] }), '31/06/2024', 'graduazione'],
    ['an indicator deadline', objective({ indicators: [indicator({ deadlineRaw: '29/02/2025' })] }), '29/02/2025', 'scadenza indicatore'],
  ])('invalid: %s', (_name, obj, date, field) => {
    expect(runRule(dateInvalid, [obj])).toEqual([expect.objectContaining({ messageId: 'impossible', data: expect.objectContaining({ date, field }), actual: date })]);
  });
});

describe('date-invalid: the whole report', () => {
  it('each impossible date, by field, with its path and raw text', () => {
    const obj = objective({
      id: 'ob-5',
      code: null,
      indicators: [indicator({ deadlineRaw: null }), indicator({ deadlineRaw: 'entro il 31/04/2024', source: { page: 2, line: 3 } })],
      actions: [
        action({
          deadlineRaw: '30/02/2024',
          grading: { raw: 'Rispetto del 31 giugno 2024 = 100%', steps: [] },
          expected: 'Consegna entro il 32/01/2024 o il 31/09/2024',
          source: { page: 4, line: 5 },
        }),
      ],
    });
    const base = { messageId: 'impossible', objectiveId: 'ob-5' };
    expect(runRule(dateInvalid, [objective({ id: 'ob-0' }), obj])).toEqual([
      { ...base, data: { date: '31/04/2024', objective: 'ob-5', field: 'scadenza indicatore' }, path: ['objectives', 1, 'indicators', 1, 'deadline'], source: { page: 2, line: 3 }, raw: 'entro il 31/04/2024', actual: '31/04/2024' },
      { ...base, data: { date: '30/02/2024', objective: 'ob-5', field: 'tempi' }, path: ['objectives', 1, 'actions', 0, 'deadline'], source: { page: 4, line: 5 }, raw: '30/02/2024', actual: '30/02/2024' },
      { ...base, data: { date: '31 giugno 2024', objective: 'ob-5', field: 'graduazione' }, path: ['objectives', 1, 'actions', 0, 'grading'], source: { page: 4, line: 5 }, raw: 'Rispetto del 31 giugno 2024 = 100%', actual: '31 giugno 2024' },
      { ...base, data: { date: '32/01/2024', objective: 'ob-5', field: 'atteso' }, path: ['objectives', 1, 'actions', 0, 'expected'], source: { page: 4, line: 5 }, raw: 'Consegna entro il 32/01/2024 o il 31/09/2024', actual: '32/01/2024' },
      { ...base, data: { date: '31/09/2024', objective: 'ob-5', field: 'atteso' }, path: ['objectives', 1, 'actions', 0, 'expected'], source: { page: 4, line: 5 }, raw: 'Consegna entro il 32/01/2024 o il 31/09/2024', actual: '31/09/2024' },
    ]);
  });
});
