import { describe, expect, it } from 'vitest';
import { duplicateObjective } from '../../pipeline/validate/rules/duplicate-objective.js';
import { objective, runRule } from './harness.js';

describe('duplicate-objective', () => {
  it.each([
    ['same code in two units (Tras_1)', [objective({ id: 'a', code: 'Tras_1', unit: 'U.O.C. Bilancio' }), objective({ id: 'b', code: 'Tras_1', unit: 'U.O.A. Polizia Municipale' })]],
    ['different titles', [objective({ id: 'a', title: 'Uno' }), objective({ id: 'b', title: 'Due' })]],
  ])('valid: %s', (_name, objectives) => {
    expect(runRule(duplicateObjective, objectives)).toEqual([]);
  });

  it('invalid: the same objective twice in one unit, differing only in case and spaces', () => {
    const reports = runRule(duplicateObjective, [
      objective({ id: 'a', code: 'S2-1_2', title: 'CCDI normativo adeguamenti' }),
      objective({ id: 'b', code: 'S2-1_2', title: 'CCDI  normativo Adeguamenti' }),
    ]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'duplicate', objectiveId: 'b', expected: 'a', data: expect.objectContaining({ first: 'a' }) })]);
  });
});
