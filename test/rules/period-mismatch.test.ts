import { describe, expect, it } from 'vitest';
import { periodMismatch } from '../../pipeline/validate/rules/period-mismatch.js';
import { newObjective } from '../../extractors/shared/model.js';
import { objective, runRule } from './harness.js';

const sheet = (from: number, to: number) => ({
  ...newObjective('x', 'gestionale', 't', { page: 1, line: 1 }).scheda,
  period: { from, to }, headerRaw: `OBIETTIVO GESTIONALE ${from} – ${to}`, scope: null, dupStrategic: null, dupOperational: null,
  positionHolder: null, referents: null, baseline: null, target: null, stakeholders: null, otherUnits: [], pesatura: null,
});

describe('period-mismatch', () => {
  it.each([
    ['same period', objective({ scheda: sheet(2024, 2026) })],
    ['no sheet fields (another family)', objective({ scheda: null })],
  ])('valid: %s', (_name, obj) => {
    expect(runRule(periodMismatch, [obj])).toEqual([]);
  });

  it('no plan period: nothing to compare', () => {
    expect(runRule(periodMismatch, [objective({ scheda: sheet(2023, 2025) })], null)).toEqual([]);
  });

  it('invalid: a 2023-2025 sheet in a 2024-2026 plan', () => {
    expect(runRule(periodMismatch, [objective({ id: 'SO11', scheda: sheet(2023, 2025) })])).toEqual([
      expect.objectContaining({ messageId: 'sheet', data: { objective: 'SO11', sheet: '2023-2025', plan: '2024-2026' }, actual: '2023-2025', expected: '2024-2026' }),
    ]);
  });
});

describe('period-mismatch: one year differing is enough', () => {
  it.each([
    ['the first year', 2023, 2026],
    ['the last year', 2024, 2025],
  ])('%s', (_name, from, to) => {
    expect(runRule(periodMismatch, [objective({ scheda: sheet(from, to) })]).map((r) => r.actual)).toEqual([`${from}-${to}`]);
  });
  it('the whole report: an objective without a code, its sheet header as raw text', () => {
    const obj = objective({ id: 'ob-2', code: null, scheda: sheet(2025, 2027), source: { page: 6, line: 1 } });
    expect(runRule(periodMismatch, [objective({ id: 'ob-1', scheda: sheet(2024, 2026) }), obj])).toEqual([
      {
        messageId: 'sheet',
        data: { objective: 'ob-2', sheet: '2025-2027', plan: '2024-2026' },
        path: ['objectives', 1, 'scheda', 'period'],
        objectiveId: 'ob-2',
        source: { page: 6, line: 1 },
        raw: 'OBIETTIVO GESTIONALE 2025 – 2027',
        actual: '2025-2027',
        expected: '2024-2026',
      },
    ]);
  });
  it('a sheet without a printed period: nothing to compare', () => {
    expect(runRule(periodMismatch, [objective({ scheda: { ...sheet(2023, 2025), period: null } })])).toEqual([]);
  });
});
