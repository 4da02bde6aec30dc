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
