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

describe('target-conflict: what counts as the same target', () => {
  it('targets without a value compare as printed, case and spaces aside', () => {
    const same = indicator({ targets: [target('Entro  Giugno', null), target('entro giugno', null)] });
    expect(runRule(targetConflict, [objective({ indicators: [same] })])).toEqual([]);
    const other = indicator({ targets: [target('entro giugno', null), target('entro luglio', null)] });
    expect(runRule(targetConflict, [objective({ indicators: [other] })]).map((r) => [r.actual, r.expected])).toEqual([['entro luglio', 'entro giugno']]);
  });
  it('a value and a text without one: compared as printed', () => {
    expect(runRule(targetConflict, [objective({ indicators: [indicator({ targets: [target('100', 100), target('100', null)] })] })])).toEqual([]);
    expect(runRule(targetConflict, [objective({ indicators: [indicator({ targets: [target('100', 100), target('n.d.', null)] })] })])).toHaveLength(1);
  });
  it('indicators without a name are not grouped', () => {
    const indicators = [indicator({ id: 'a', name: '', targets: [target('1', 1)] }), indicator({ id: 'b', name: '', targets: [target('2', 2)] })];
    expect(runRule(targetConflict, [objective({ indicators })])).toEqual([]);
  });
  it('the whole report: the second indicator of the name, compared with the first target of that year', () => {
    const indicators = [
      indicator({ id: 'a', name: 'Pratiche', targets: [target('10', 10, 2024), target('11', 11, 2025)] }),
      indicator({ id: 'b', name: 'Sedute', targets: [target('3', 3, 2024)] }),
      indicator({ id: 'c', name: 'pratiche', targets: [target('11', 11, 2025), target('12', 12, 2024)], source: { page: 2, line: 22 } }),
    ];
    expect(runRule(targetConflict, [objective({ id: 'ob-0' }), objective({ id: 'ob-1', code: null, indicators })])).toEqual([
      {
        messageId: 'conflict',
        data: { name: 'pratiche', objective: 'ob-1', year: 2024, first: '10', second: '12' },
        path: ['objectives', 1, 'indicators', 2, 'targets', 1],
        objectiveId: 'ob-1',
        source: { page: 2, line: 22 },
        actual: '12',
        expected: '10',
      },
    ]);
  });
});
