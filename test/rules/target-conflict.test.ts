import { describe, expect, it } from 'vitest';
import { targetConflict } from '../../pipeline/validate/rules/target-conflict.js';
import { indicator, objective, runRule, target } from './harness.js';

describe('target-conflict', () => {
  it.each([
    ['one target per year', [indicator({ targets: [target('5', 5, 2024), target('6', 6, 2025)] })]],
    ['same target printed twice', [indicator({ targets: [target('5', 5, 2024), target('5,0', 5, 2024)] })]],
    ['same year in two different indicators', [indicator({ id: 'a', name: 'Pratiche', targets: [target('5', 5)] }), indicator({ id: 'b', name: 'Sedute', targets: [target('9', 9)] })]],
    ['targets without year', [indicator({ targets: [target('5', 5, null as unknown as number), target('9', 9, null as unknown as number)] })]],
  ])('valid: %s', (_name, indicators) => {
    expect(runRule(targetConflict, [objective({ indicators })])).toEqual([]);
  });

  it('invalid: two targets for 2024 in one indicator', () => {
    const reports = runRule(targetConflict, [objective({ code: 'S1', indicators: [indicator({ name: 'Pratiche evase', targets: [target('100%', 100), target('90%', 90)] })] })]);
    expect(reports.map((r) => [r.messageId, r.data])).toEqual([['conflict', { name: 'Pratiche evase', objective: 'S1', year: 2024, first: '100%', second: '90%' }]]);
  });

  it('invalid: the same indicator printed twice with different targets', () => {
    const indicators = [indicator({ id: 'a', name: 'Pratiche evase', targets: [target('100', 100)] }), indicator({ id: 'b', name: 'PRATICHE  EVASE', targets: [target('80', 80)] })];
    expect(runRule(targetConflict, [objective({ indicators })])).toEqual([expect.objectContaining({ messageId: 'conflict', actual: '80', expected: '100' })]);
  });
});
