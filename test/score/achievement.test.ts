/** The achievement math of the Relazione, edge cases included (DOMAIN.md, "Weights and scoring"). */
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import type { Target } from '../../models/plan.js';
import { bandOf, delayDays, goalKind, inadmissible, itemScore, ladderPercent, mean, valueScore, weightedMean } from '../../pipeline/score/achievement.js';

const target = (value: number | null, extra: Partial<Target> = {}): Target => ({ year: 2024, value, raw: String(value), comparator: null, unit: null, scale: null, ...extra });
const smvp = PiaoConfig.parse({}).smvp;

describe('valueScore', () => {
  it.each([
    // [target, actual, polarity, expected percent]
    [target(100), 100, 'higher-better', 100],
    [target(100), 120, 'higher-better', 100],
    [target(100), 85, 'higher-better', 85],
    [target(100), -5, 'higher-better', 0],
    [target(0), 0, 'higher-better', 100],
    [target(0), 3, 'higher-better', 100],
    [target(0), -1, 'higher-better', 0],
    [target(30), 30, 'lower-better', 100],
    [target(30), 20, 'lower-better', 100],
    [target(30), 60, 'lower-better', 50],
    [target(0), 0, 'lower-better', 100],
    [target(0), 5, 'lower-better', 0],
    [target(-1), -3, 'lower-better', 100], // payment-timeliness index: days early
    [target(-1), 4, 'lower-better', 0],
    [target(24, { comparator: '>=' }), 12, 'lower-better', 50], // the printed comparator wins over the polarity
    [target(30, { comparator: '<=' }), 45, 'higher-better', (30 / 45) * 100],
    [target(5, { scale: '0-5' }), 5, null, 100],
    [target(5, { scale: '0-5' }), 3, null, 60],
    [target(5, { scale: '0-5' }), 0, null, 0],
    [target(5, { scale: '0-5' }), 7, null, 100],
  ] as const)('target %o, actual %s, %s -> %s%%', (t, actual, polarity, expected) => {
    expect(valueScore(t, actual, polarity)).toMatchObject({ percent: expected });
  });

  it('a target without a number cannot be scored', () => {
    expect(valueScore(target(null, { raw: 'n.d.' }), 10, 'higher-better').percent).toBeNull();
  });
});

describe('temporal: delay through the sheet ladder', () => {
  const grading = { raw: 'Ritardo di 20 gg. = 75% Ritardo superiore a 20 gg. e fino a 30 gg. = 50%', steps: [{ maxDelayDays: 20, percent: 75 }, { maxDelayDays: 30, percent: 50 }] };
  it.each([
    ['2024-12-31', 100], // on the day
    ['2024-12-01', 100], // early
    ['2025-01-01', 75], // 1 day late
    ['2025-01-20', 75], // 20 days: last day of the first step
    ['2025-01-21', 50], // 21 days
    ['2025-01-30', 50], // 30 days
    ['2025-01-31', 0], // 31 days: past the ladder
  ])('done %s -> %s%%', (done, expected) => {
    expect(itemScore({ kind: 'date', target: null, polarity: null, deadline: '2024-12-31', grading }, { kind: 'date', iso: done }, smvp).percent).toBe(expected);
  });
  it('an open last step ("oltre 30 gg = 40%") catches every longer delay', () => {
    expect(ladderPercent(400, { raw: '', steps: [{ maxDelayDays: 30, percent: 70 }, { maxDelayDays: null, percent: 40 }] }, 0)).toBe(40);
  });
  it('without a ladder, late is the SMVP value (default 0), on time 100', () => {
    expect(ladderPercent(1, null, 0)).toBe(0);
    expect(ladderPercent(1, null, 60)).toBe(60);
    expect(ladderPercent(0, null, 0)).toBe(100);
  });
  it('days are counted on the calendar, across a leap day', () => {
    expect(delayDays('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('missing values and reported percentages', () => {
  const goal = { kind: 'number' as const, target: target(10), polarity: 'higher-better' as const, deadline: null, grading: null };
  const activity = { kind: 'activity' as const, target: null, polarity: null, deadline: null, grading: null };
  it('missing: 0 by default, left out when the SMVP says so', () => {
    expect(itemScore(goal, { kind: 'missing' }, smvp).percent).toBe(0);
    expect(itemScore(goal, { kind: 'missing' }, { ...smvp, missingActual: 'exclude' }).percent).toBeNull();
  });
  it('a percentage of realization is used as it is; SI 100, NO 0', () => {
    expect(itemScore(activity, { kind: 'percent', value: 80 }, smvp).percent).toBe(80);
    expect(itemScore(activity, { kind: 'yesno', yes: true }, smvp).percent).toBe(100);
    expect(itemScore(activity, { kind: 'yesno', yes: false }, smvp).percent).toBe(0);
  });
  it('a percentage against a percentage target is scored against it, with polarity', () => {
    const share = { kind: 'percent' as const, target: target(60, { unit: '%', comparator: '>=' }), polarity: 'higher-better' as const, deadline: null, grading: null };
    expect(itemScore(share, { kind: 'percent', value: 45 }, smvp).percent).toBe(75);
    expect(itemScore(share, { kind: 'number', value: 60 }, smvp).percent).toBe(100);
  });
});

describe('each value against its own kind of target', () => {
  const number = { kind: 'number' as const, target: target(3, { unit: 'ore' }), polarity: 'higher-better' as const, deadline: null, grading: null };
  const dated = { kind: 'date' as const, target: null, polarity: null, deadline: '2024-12-31', grading: null };
  const activity = { kind: 'activity' as const, target: null, polarity: null, deadline: null, grading: null };
  const scale = { kind: 'scale05' as const, target: target(5, { scale: '0-5' }), polarity: 'higher-better' as const, deadline: null, grading: null };
  it('goal kinds from target and deadline', () => {
    expect(goalKind(target(5, { scale: '0-5' }), null)).toBe('scale05');
    expect(goalKind(target(100, { unit: '%' }), '2024-12-31')).toBe('percent');
    expect(goalKind(target(3), null)).toBe('number');
    expect(goalKind(target(null, { raw: 'tutti i sospesi' }), '2024-12-31')).toBe('date');
    expect(goalKind(null, null)).toBe('activity');
  });
  it.each([
    [number, { kind: 'number', value: 2 }, null], // 2 hours against 3: scored 66.7%, not 2%
    [number, { kind: 'percent', value: 80 }, 'notNumber'],
    [number, { kind: 'yesno', yes: true }, 'notNumber'],
    [number, { kind: 'date', iso: '2024-12-01' }, 'noDeadline'],
    [activity, { kind: 'number', value: 2 }, 'numberForActivity'],
    [activity, { kind: 'number', value: 1234.5 }, 'numberForActivity'],
    [activity, { kind: 'percent', value: 100 }, null],
    [activity, { kind: 'percent', value: 100.5 }, 'overHundred'],
    [activity, { kind: 'percent', value: -1 }, 'overHundred'],
    [activity, { kind: 'date', iso: '2024-12-01' }, 'noDeadline'],
    [dated, { kind: 'date', iso: '2024-12-01' }, null],
    [dated, { kind: 'yesno', yes: false }, null],
    [scale, { kind: 'number', value: 5 }, null],
    [scale, { kind: 'number', value: 6 }, 'outOfScale'],
    [scale, { kind: 'number', value: -1 }, 'outOfScale'],
  ] as const)('%o with %o -> %s', (goal, actual, expected) => {
    expect(inadmissible(goal, actual)).toBe(expected);
  });
  it('2 hours against a target of 3 hours is two thirds', () => {
    expect(itemScore(number, { kind: 'number', value: 2 }, smvp).percent).toBeCloseTo(200 / 3, 10);
  });
});

describe('objective, unit and entity', () => {
  it('weighted mean with weights; arithmetic mean without (seed 002: "media dei suoi indicatori")', () => {
    expect(weightedMean([{ percent: 100, weight: 25 }, { percent: 80, weight: 20 }, { percent: 100, weight: 40 }, { percent: 50, weight: 15 }])).toEqual({ percent: 88.5, weighted: true, incomplete: false });
    expect(weightedMean([{ percent: 100, weight: null }, { percent: 60, weight: null }])).toEqual({ percent: 80, weighted: false, incomplete: false });
    expect(weightedMean([{ percent: null, weight: 50 }, { percent: 40, weight: 50 }])).toEqual({ percent: 40, weighted: true, incomplete: false });
    expect(weightedMean([{ percent: null, weight: 50 }]).percent).toBeNull();
  });
  it('items without a weight in a weighted group: error (no score), equal share of the rest, or excluded', () => {
    const items = [{ percent: 100, weight: 50 }, { percent: 0, weight: null }];
    expect(weightedMean(items, 'error')).toEqual({ percent: null, weighted: true, incomplete: true });
    // equal share: the unweighted item gets 100 - 50 = 50: (100x50 + 0x50) / 100 = 50, not 100.
    expect(weightedMean(items, 'equal-share')).toEqual({ percent: 50, weighted: true, incomplete: false });
    expect(weightedMean([{ percent: 100, weight: 40 }, { percent: 0, weight: null }, { percent: 60, weight: null }], 'equal-share').percent).toBeCloseTo((100 * 40 + 0 * 30 + 60 * 30) / 100, 10);
    expect(weightedMean(items, 'exclude')).toEqual({ percent: 100, weighted: true, incomplete: false });
    // Nothing left to share: no score.
    expect(weightedMean([{ percent: 100, weight: 100 }, { percent: 0, weight: null }], 'equal-share')).toEqual({ percent: null, weighted: true, incomplete: true });
  });
  it('means skip what could not be measured', () => {
    expect(mean([100, null, 50])).toBe(75);
    expect(mean([null])).toBeNull();
  });
  it('bands: the first whose minimum is reached, boundaries included; the default labels are ranges, not outcomes', () => {
    expect(bandOf(100, smvp.bands)).toBe('100%');
    expect(bandOf(99.9, smvp.bands)).toBe('da 80% a meno di 100%');
    expect(bandOf(80, smvp.bands)).toBe('da 80% a meno di 100%');
    expect(bandOf(50, smvp.bands)).toBe('da 50% a meno di 80%');
    expect(bandOf(49.99, smvp.bands)).toBe('sotto il 50%');
    expect(bandOf(0, smvp.bands)).toBe('sotto il 50%');
    expect(smvp.bands.some((b) => /raggiunt/i.test(b.label))).toBe(false);
  });
});
