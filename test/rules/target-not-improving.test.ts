import { describe, expect, it } from 'vitest';
import { targetNotImproving } from '../../pipeline/validate/rules/target-not-improving.js';
import { indicator, objective, runRule, target } from './harness.js';

const ind = (polarity: 'higher-better' | 'lower-better' | null, base: number, ...targets: [string, number | null][]) =>
  indicator({ name: 'Numero sinistri stradali', polarity, baseline: { year: 2011, value: base, raw: String(base) }, targets: targets.map(([raw, v], k) => target(raw, v, 2012 + k)) });

describe('target-not-improving', () => {
  it.each([
    ['rising targets, higher is better', ind('higher-better', 70, ['365', 365], ['370', 370])],
    ['falling targets, lower is better (seed 000 line 417: 72 -> 69, 66, 63)', ind('lower-better', 72, ['69', 69], ['66', 66], ['63', 63])],
    ['maintenance: equal to the baseline', ind('higher-better', 750, ['750', 750])],
    ['no polarity', ind(null, 70, ['50', 50])],
    ['target not available', ind('higher-better', 70, ['n.d.', null])],
  ])('valid: %s', (_name, i) => {
    expect(runRule(targetNotImproving, [objective({ indicators: [i] })])).toEqual([]);
  });

  it('invalid: higher is better, 70 -> 50 (seed 000 line 391)', () => {
    const reports = runRule(targetNotImproving, [objective({ code: 'PR01', indicators: [ind('higher-better', 70, ['50', 50], ['50', 50])] })]);
    expect(reports.map((r) => [r.messageId, r.data!.year, r.actual, r.expected])).toEqual([
      ['worse', 2012, 50, '>= 70'],
      ['worse', 2013, 50, '>= 70'],
    ]);
  });

  it('invalid: lower is better, target above the baseline', () => {
    const reports = runRule(targetNotImproving, [objective({ indicators: [ind('lower-better', 30, ['45', 45])] })]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'worse', actual: 45, expected: '<= 30' })]);
  });
});

describe('target-not-improving: one step either side of the baseline', () => {
  it.each([
    ['higher-better', 69, true],
    ['higher-better', 70, false],
    ['higher-better', 71, false],
    ['lower-better', 69, false],
    ['lower-better', 70, false],
    ['lower-better', 71, true],
  ] as const)('%s, baseline 70, target %s: reported %s', (polarity, value, reported) => {
    expect(runRule(targetNotImproving, [objective({ indicators: [ind(polarity, 70, [String(value), value])] })])).toHaveLength(reported ? 1 : 0);
  });
  it('a baseline without value, and a target on the 0-5 scale, are not compared', () => {
    const noBase = indicator({ polarity: 'higher-better', baseline: { year: 2023, value: null, raw: 'n.d.' }, targets: [target('1', 1)] });
    const scale = indicator({ polarity: 'higher-better', baseline: { year: 2023, value: 5, raw: '5' }, targets: [{ ...target('2 (40%)', 2), scale: '0-5' as const }] });
    const none = indicator({ polarity: 'higher-better', baseline: null, targets: [target('1', 1)] });
    expect(runRule(targetNotImproving, [objective({ indicators: [noBase, scale, none] })])).toEqual([]);
  });
  it('the whole report, lower is better', () => {
    const i = indicator({ name: 'Tempo medio di pagamento', polarity: 'lower-better', baseline: { year: 2023, value: 30, raw: '30 gg' }, targets: [target('25 gg', 25, 2024), { ...target('35 gg', 35), year: null }], source: { page: 7, line: 70 } });
    expect(runRule(targetNotImproving, [objective({ id: 'ob-0' }), objective({ id: 'ob-1', code: null, indicators: [indicator(), i] })])).toEqual([
      {
        messageId: 'worse',
        data: { year: '', name: 'Tempo medio di pagamento', objective: 'ob-1', target: '35 gg', baseline: '30 gg', polarity: 'più basso è meglio' },
        path: ['objectives', 1, 'indicators', 1, 'targets', 1],
        objectiveId: 'ob-1',
        source: { page: 7, line: 70 },
        raw: '35 gg',
        actual: 35,
        expected: '<= 30',
      },
    ]);
  });
  it('the polarity named in the report, higher is better', () => {
    expect(runRule(targetNotImproving, [objective({ indicators: [ind('higher-better', 70, ['50', 50])] })]).map((r) => r.data!.polarity)).toEqual(['più alto è meglio']);
  });
});

describe('target-not-improving: nothing to compare', () => {
  it('no polarity, even for a target above the baseline', () => {
    expect(runRule(targetNotImproving, [objective({ indicators: [ind(null, 70, ['80', 80])] })])).toEqual([]);
  });
  it('a baseline without value or none, even for a negative target (timeliness -1)', () => {
    const noValue = indicator({ polarity: 'higher-better', baseline: { year: 2023, value: null, raw: 'n.d.' }, targets: [target('-1', -1)] });
    const none = indicator({ polarity: 'higher-better', baseline: null, targets: [target('-1', -1)] });
    expect(runRule(targetNotImproving, [objective({ indicators: [noValue, none] })])).toEqual([]);
  });
});
