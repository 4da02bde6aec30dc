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
