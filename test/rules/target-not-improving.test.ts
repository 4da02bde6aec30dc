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
