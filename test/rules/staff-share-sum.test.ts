import { describe, expect, it } from 'vitest';
import { staffShareSum } from '../../pipeline/validate/rules/staff-share-sum.js';
import { action, objective, runRule } from './harness.js';

const p = (who: string, share: number | null, role: 'responsabile' | 'partecipante' = 'partecipante') => ({ who, share, role, raw: null, source: { page: 1, line: 599 } });

describe('staff-share-sum', () => {
  it.each([
    ['shares adding to 100, responsible without share', [p('Dirigente Area 1', null, 'responsabile'), p('A', 50), p('B', 50)]],
    ['34 + 33 + 33', [p('A', 34), p('B', 33), p('C', 33)]],
    ['no shares printed', [p('Dirigenti e Responsabili', null)]],
  ])('valid: %s', (_name, staff) => {
    expect(runRule(staffShareSum, [objective({ actions: [action({ staff })] })])).toEqual([]);
  });

  it('invalid: 35 + 30 + 30 = 95 (seed 003, line 599)', () => {
    const staff = [p("Dirigente dell'Area n. 1", null, 'responsabile'), p('Tognoni Antonella', 35), p('Bellantoni Ilaria', 30), p('Arfanti Marco', 30)];
    const reports = runRule(staffShareSum, [objective({ code: 'SO14', actions: [action({ n: 2, staff })] })]);
    expect(reports).toEqual([
      expect.objectContaining({
        messageId: 'action',
        data: { n: 2, year: 2024, objective: 'SO14', sum: 95, detail: 'Tognoni Antonella 35%, Bellantoni Ilaria 30%, Arfanti Marco 30%' },
        actual: 95,
        expected: 100,
        source: { page: 1, line: 599 },
      }),
    ]);
  });
});
