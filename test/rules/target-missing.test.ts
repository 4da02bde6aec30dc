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

describe('target-missing: the whole report', () => {
  it('no target: at the targets; an unreadable one: at that target, with its text', () => {
    const none = indicator({ name: 'Sedute', targets: [], source: { page: 1, line: 11 } });
    const unreadable = indicator({ name: 'Pratiche', targets: [target('90', 90), target('da definire', null)], source: { page: 1, line: 12 } });
    expect(runRule(targetMissing, [objective({ id: 'ob-0' }), objective({ id: 'ob-1', code: null, indicators: [none, unreadable] })])).toEqual([
      { messageId: 'missing', data: { indicator: 'Sedute', objective: 'ob-1' }, path: ['objectives', 1, 'indicators', 0, 'targets'], objectiveId: 'ob-1', source: { page: 1, line: 11 }, actual: null },
      {
        messageId: 'unreadable',
        data: { indicator: 'Pratiche', objective: 'ob-1', raw: 'da definire' },
        path: ['objectives', 1, 'indicators', 1, 'targets', 1],
        objectiveId: 'ob-1',
        source: { page: 1, line: 12 },
        raw: 'da definire',
        actual: 'da definire',
      },
    ]);
  });
  it('a "dato" indicator with an unreadable target is not reported either', () => {
    expect(runRule(targetMissing, [objective({ indicators: [indicator({ kind: 'dato', targets: [target('n.d.', null)] })] })])).toEqual([]);
  });
});
