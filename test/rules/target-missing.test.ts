import { describe, expect, it } from 'vitest';
import { targetMissing } from '../../pipeline/validate/rules/target-missing.js';
import { indicator, objective, runRule, target } from './harness.js';

describe('target-missing', () => {
  it.each([
    ['a numeric target', indicator({ targets: [target('100 %', 100)] })],
    ['a 0-5 target', indicator({ targets: [target('5 (100%)', 5)] })],
    ['a "dato" indicator without target', indicator({ kind: 'dato', targets: [] })],
  ])('valid: %s', (_name, ind) => {
    expect(runRule(targetMissing, [objective({ indicators: [ind] })])).toEqual([]);
  });

  it.each([
    ['no target at all', indicator({ name: 'Approvazione atti', targets: [] }), 'missing'],
    ['n.d.', indicator({ name: 'Approvazione atti', targets: [target('n.d.', null)] }), 'unreadable'],
    ['an empty cell', indicator({ name: 'Approvazione atti', targets: [target('', null)] }), 'unreadable'],
  ])('invalid: %s', (_name, ind, messageId) => {
    const reports = runRule(targetMissing, [objective({ code: 'S2-1_6', indicators: [ind] })]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ messageId, data: { indicator: 'Approvazione atti', objective: 'S2-1_6' }, path: expect.arrayContaining(['objectives', 0, 'indicators', 0, 'targets']) });
  });
});
