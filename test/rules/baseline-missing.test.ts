import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../models/plan.js';
import { baselineMissing, isDateTarget } from '../../pipeline/validate/rules/baseline-missing.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { endToEnd, indicator, objective, runRule, target } from './harness.js';

const base = (value: number | null, raw = String(value)) => ({ year: 2023, value, raw });
/** An indicator that has a baseline, so that the document prints baselines and each indicator is looked at. */
const withBaseline = indicator({ id: 'I0', name: 'Pratiche evase', targets: [target('120', 120)], baseline: base(100) });
const run = (...inds: Indicator[]) => runRule(baselineMissing, [objective({ code: 'OB.1', indicators: [withBaseline, ...inds] })]);

describe('baseline-missing', () => {
  it.each<[string, Indicator]>([
    ['a quantity with its baseline', indicator({ kind: 'efficienza', targets: [target('100 %', 100)], baseline: base(80) })],
    ['a baseline of 0', indicator({ targets: [target('5', 5)], baseline: base(0) })],
    ['an activity indicator', indicator({ kind: 'attivita', targets: [target('2', 2)] })],
    ['a time indicator', indicator({ kind: 'temporale', targets: [target('30', 30)] })],
    ['an information-only indicator', indicator({ kind: 'dato', targets: [target('40', 40)] })],
    ['a 0-5 target', indicator({ targets: [{ ...target('5 (100%)', 5), scale: '0-5' as const }] })],
    ['a deadline as target', indicator({ targets: [target('entro il 30.06.2025', 30)] })],
    ['no target with a number', indicator({ targets: [target('n.d.', null)] })],
  ])('valid: %s', (_name, ind) => {
    expect(run(ind)).toEqual([]);
  });

  it.each<[string, Indicator, string]>([
    ['a quantity, no baseline', indicator({ name: 'Ettari rimboschiti', targets: [target('15', 15)] }), 'missing'],
    ['an efficiency figure, no baseline', indicator({ name: 'Ettari rimboschiti', kind: 'efficienza', targets: [target('>= ore 24', 24)] }), 'missing'],
    ['a baseline printed as «-»', indicator({ name: 'Ettari rimboschiti', targets: [target('15', 15)], baseline: base(null, '-') }), 'blank'],
    ['a baseline printed as «n.d.»', indicator({ name: 'Ettari rimboschiti', targets: [target('15', 15)], baseline: base(null, 'n.d.') }), 'blank'],
  ])('invalid: %s', (_name, ind, messageId) => {
    const reports = run(ind);
    expect(reports).toEqual([expect.objectContaining({ messageId, data: expect.objectContaining({ indicator: 'Ettari rimboschiti', objective: 'OB.1' }), path: ['objectives', 0, 'indicators', 1, 'baseline'] })]);
  });

  it('no indicator of the document has a baseline: one note with the count of quantitative indicators', () => {
    const reports = runRule(baselineMissing, [
      objective({ indicators: [indicator({ targets: [target('15', 15)] }), indicator({ kind: 'attivita', targets: [target('5', 5)] })] }),
      objective({ id: 'O2', indicators: [indicator({ targets: [target('50%', 50)] })] }),
    ]);
    expect(reports).toEqual([expect.objectContaining({ messageId: 'none', data: { count: 2 }, path: ['objectives', 0, 'indicators', 0, 'baseline'] })]);
  });

  it.each([
    ['31/12/2024', true],
    ['entro il 30.06.2025', true],
    ['entro il 31/12', true],
    ['entro giugno 2025', true],
    ['30 settembre 2025', true],
    ['100 %', false],
    ['>= ore 24', false],
    ['n. 25 cantieri', false],
  ])('a date target: «%s» is %s', (raw, expected) => {
    expect(isDateTarget(raw)).toBe(expected);
  });

  endToEnd('end to end: seeds 000 and 002', async () => {
    // Seed 000: «Progetto Plustex: finanziamento ottenuto» prints one value, «Euro 386.650» (line 1102), and no 2011 column.
    const legacy = (await processFile(seed.legacy)).findings.filter((f) => f.rule === 'baseline-missing');
    expect(legacy.find((f) => f.messageId === 'missing')).toMatchObject({ objectiveId: 'PR13', data: { target: 'Euro 386.650' }, source: { line: 1102 } });
    // «n. fontanelli realizzati nelle circoscrizioni»: 2011 printed as «-», then 2, 6, 8.
    expect(legacy).toContainEqual(expect.objectContaining({ messageId: 'blank', objectiveId: 'PR05', data: expect.objectContaining({ indicator: 'n. fontanelli realizzati nelle circoscrizioni', raw: '-', target: '2' }) }));
    // Seed 002 has no baseline column: one note for its 16 «Efficienza» indicators (targets 100 %, >= ore 24, -1, ore 30).
    const piao = (await processFile(seed.piao22)).findings.filter((f) => f.rule === 'baseline-missing');
    expect(piao.map((f) => [f.messageId, f.severity, f.data.count])).toEqual([['none', 'info', 16]]);
  });
});
