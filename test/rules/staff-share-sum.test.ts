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

// Tolerance 0.5 (the config allows up to 5): sums exact in binary, so the boundary is the comparison, not rounding.
describe('staff-share-sum: the tolerance boundary', () => {
  const run = (...shares: number[]) => runRule(staffShareSum, [objective({ actions: [action({ staff: shares.map((s, k) => p(`P${k}`, s)) })] })], undefined, { tolerance: 0.5 });
  it.each([[[50, 50.5]], [[50, 49.5]], [[100]]])('within: %j', (shares) => {
    expect(run(...shares)).toEqual([]);
  });
  it.each([
    [[50, 50.75], 100.75],
    [[50, 49.25], 99.25],
    [[101], 101],
  ])('outside: %j', (shares, sum) => {
    expect(run(...shares).map((r) => r.actual)).toEqual([sum]);
  });
  it('default tolerance 0.01: 99 is reported, 100 is not', () => {
    expect(runRule(staffShareSum, [objective({ actions: [action({ staff: [p('A', 49), p('B', 50)] }), action({ staff: [p('C', 40), p('D', 60)] })] })]).map((r) => r.actual)).toEqual([99]);
  });
});

describe('staff-share-sum: the whole report', () => {
  it('an action without number or year, staff without a place: numbered by position, placed at the action', () => {
    const staff = [{ ...p('Rossi', 60), source: null }, { ...p('Bianchi', 20.5), source: null }];
    const obj = objective({ id: 'ob-7', code: null, actions: [action({ staff: [p('X', 100)] }), action({ n: null, year: null, staff, source: { page: 4, line: 40 } })] });
    expect(runRule(staffShareSum, [objective({ id: 'ob-6' }), obj])).toEqual([
      {
        messageId: 'action',
        data: { n: 2, year: '—', objective: 'ob-7', sum: 80.5, detail: 'Rossi 60%, Bianchi 20,5%' },
        path: ['objectives', 1, 'actions', 1, 'staff'],
        objectiveId: 'ob-7',
        source: { page: 4, line: 40 },
        actual: 80.5,
        expected: 100,
      },
    ]);
  });
});
