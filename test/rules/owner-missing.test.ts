import { describe, expect, it } from 'vitest';
import { ownerMissing } from '../../pipeline/validate/rules/owner-missing.js';
import { objective, runRule } from './harness.js';

describe('owner-missing', () => {
  it.each([
    ['a unit', objective({ unit: 'Segreteria generale', manager: null })],
    ['a manager only', objective({ unit: null, manager: 'Segretario generale' })],
    ['a mandate line needs no owner', objective({ level: 'mandato', unit: null })],
  ])('valid: %s', (_name, obj) => {
    expect(runRule(ownerMissing, [obj])).toEqual([]);
  });

  it.each([
    ['gestionale without unit or manager', objective({ unit: null, manager: null })],
    ['blank strings', objective({ level: 'operativo', unit: '  ', manager: '' })],
  ])('invalid: %s', (_name, obj) => {
    expect(runRule(ownerMissing, [obj])).toEqual([expect.objectContaining({ messageId: 'missing', path: ['objectives', 0, 'unit'] })]);
  });
});

describe('owner-missing: which levels need an owner, and what counts as one', () => {
  it.each([['operativo'], ['gestionale'], ['organizzativo'], ['progetto']] as const)('%s without owner is reported', (level) => {
    expect(runRule(ownerMissing, [objective({ level, unit: null, manager: null })])).toHaveLength(1);
  });
  it.each([['strategico'], ['mandato'], ['programma']] as const)('%s needs no owner', (level) => {
    expect(runRule(ownerMissing, [objective({ level, unit: null, manager: null })])).toEqual([]);
  });
  it('other units involved are an owner', () => {
    expect(runRule(ownerMissing, [objective({ unit: null, manager: null, involvedUnits: ['Settore tecnico'] })])).toEqual([]);
  });
  it('a blank manager with a unit is an owner; a blank unit with a manager too', () => {
    expect(runRule(ownerMissing, [objective({ unit: 'Ragioneria', manager: ' ' }), objective({ unit: ' ', manager: 'Dott. Rossi' })])).toEqual([]);
  });
  it('a responsabile in the staff (a dirigente of a weight matrix) is an owner; a partecipante or a blank name is not', () => {
    const staff = (role: 'responsabile' | 'partecipante', who: string) => [{ who, share: 20, role, raw: null, source: null }];
    expect(runRule(ownerMissing, [objective({ unit: null, manager: null, staff: staff('responsabile', 'Area Tecnica Arch. Nicola Fabbri') })])).toEqual([]);
    expect(runRule(ownerMissing, [objective({ unit: null, manager: null, staff: staff('partecipante', 'Ufficio tecnico') })])).toHaveLength(1);
    expect(runRule(ownerMissing, [objective({ unit: null, manager: null, staff: staff('responsabile', ' ') })])).toHaveLength(1);
  });
  it('a blank manager is no owner', () => {
    expect(runRule(ownerMissing, [objective({ unit: null, manager: '  ' })])).toHaveLength(1);
  });
  it('the whole report', () => {
    const reports = runRule(ownerMissing, [objective({ id: 'ob-0' }), objective({ id: 'ob-1', code: null, title: 'Piano ferie', unit: null, manager: null, source: { page: 3, line: 4 } })]);
    expect(reports).toEqual([{ messageId: 'missing', data: { objective: 'ob-1', title: 'Piano ferie' }, path: ['objectives', 1, 'unit'], objectiveId: 'ob-1', source: { page: 3, line: 4 } }]);
  });
});
