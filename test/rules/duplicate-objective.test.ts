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

describe('duplicate-objective: what makes two objectives the same', () => {
  const twice = (a: Partial<Parameters<typeof objective>[0]>, b: Partial<Parameters<typeof objective>[0]>) =>
    runRule(duplicateObjective, [objective({ id: 'a', ...a }), objective({ id: 'b', ...b })]).map((r) => r.objectiveId);
  it.each([
    ['another level', { level: 'operativo' as const }, { level: 'gestionale' as const }],
    ['another code', { code: 'X1' }, { code: 'X2' }],
    ['a code and none', { code: 'X1' }, { code: null }],
    ['another parent', { parentId: 'p1' }, { parentId: 'p2' }],
    ['a parent and none', { parentId: 'p1' }, { parentId: null }],
    ['a unit and none', { unit: 'Ragioneria' }, { unit: null }],
    ['code and unit that read the same run together', { code: 'A', unit: 'b' }, { code: 'Ab', unit: null }],
  ])('not the same: %s', (_name, a, b) => {
    expect(twice(a, b)).toEqual([]);
  });
  it.each([
    ['no code, no unit, no parent', { code: null, unit: null, parentId: null }, { code: null, unit: null, parentId: null }],
    ['the unit differing in case and spaces', { unit: 'Settore  Ragioneria' }, { unit: 'SETTORE RAGIONERIA' }],
  ])('the same: %s', (_name, a, b) => {
    expect(twice(a, b)).toEqual(['b']);
  });
  it('the whole report: a third copy names the first', () => {
    const o = { title: 'Piano ferie', unit: null, source: { page: 9, line: 90 } };
    expect(runRule(duplicateObjective, [objective({ id: 'a', ...o }), objective({ id: 'b', ...o }), objective({ id: 'c', ...o })])).toEqual([
      { messageId: 'duplicate', data: { title: 'Piano ferie', unit: '—', first: 'a' }, path: ['objectives', 1], objectiveId: 'b', source: { page: 9, line: 90 }, actual: 'b', expected: 'a' },
      { messageId: 'duplicate', data: { title: 'Piano ferie', unit: '—', first: 'a' }, path: ['objectives', 2], objectiveId: 'c', source: { page: 9, line: 90 }, actual: 'c', expected: 'a' },
    ]);
  });
});
