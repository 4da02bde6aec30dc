import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../models/plan.js';
import { indicatorKindMismatch } from '../../pipeline/validate/rules/indicator-kind-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { endToEnd, indicator, objective, runRule, target } from './harness.js';

const run = (ind: Indicator) => runRule(indicatorKindMismatch, [objective({ code: 'S1-1_1', indicators: [ind] })]);

describe('indicator-kind-mismatch', () => {
  it.each<[string, Indicator]>([
    ['an efficiency figure with a percentage', indicator({ kind: 'efficienza', targets: [target('100 %', 100)] })],
    ['an efficiency figure with a date and a percentage', indicator({ kind: 'efficienza', targets: [target('31/12/2024', 31), target('100 %', 100, 2025)] })],
    ['a quality figure with hours', indicator({ kind: 'qualita', targets: [target('>= ore 24', 24)] })],
    ['an activity with a date', indicator({ kind: 'attivita', targets: [target('31/12/2024', 31)] })],
    ['a time indicator with a date', indicator({ kind: 'temporale', targets: [target('entro il 30/06/2024', 30)] })],
    ['a time indicator with days', indicator({ kind: 'temporale', targets: [target('<= 30 gg', 30)] })],
    ['a time indicator with a percentage and a deadline', indicator({ kind: 'temporale', deadline: '2024-12-31', targets: [target('100%', 100)] })],
    ['no kind printed', indicator({ kind: null, targets: [target('31/12/2024', 31)] })],
    ['no target', indicator({ kind: 'efficienza', targets: [] })],
    ['only blank targets', indicator({ kind: 'efficienza', targets: [target('', null), target('  ', null, 2025)] })],
    ['a time indicator whose target has no number («da definire»)', indicator({ kind: 'temporale', targets: [target('da definire', null)] })],
    ...['<= 30 giorni', 'entro 1 giorno', '24 ore', 'entro 1 ora', '3 mesi', '1 mese', '2 settimane', '2 anni', '15 minuti', 'entro 30/6 di ogni anno'].map(
      (raw): [string, Indicator] => [`a time indicator with «${raw}»`, indicator({ kind: 'temporale', targets: [target(raw, 1)] })],
    ),
  ])('valid: %s', (_name, ind) => {
    expect(run(ind)).toEqual([]);
  });

  it.each<[string, Indicator, string]>([
    ['an efficiency figure whose only target is a date', indicator({ kind: 'efficienza', kindRaw: 'Efficienza', targets: [target('31/12/2024', 31)] }), 'dateOnly'],
    ['a quality figure with «entro il 30.06.2025»', indicator({ kind: 'qualita', kindRaw: 'Dato di Qualità', targets: [target('entro il 30.06.2025', 30)] }), 'dateOnly'],
    ['an effectiveness figure with month names, every year', indicator({ kind: 'efficacia', kindRaw: 'Efficacia', targets: [target('entro giugno 2025', null), target('entro giugno 2026', null, 2025)] }), 'dateOnly'],
    ['a time indicator with a bare percentage and no deadline', indicator({ kind: 'temporale', kindRaw: 'Temporale', targets: [target('80%', 80)] }), 'noTime'],
    ['an economy figure whose only target is a date', indicator({ kind: 'economicita', kindRaw: 'Economicità', targets: [target('31/12/2024', 31)] }), 'dateOnly'],
    // «ore» and «ora» are words, not parts of «valore» or «orario».
    ['a time indicator with «80% del valore»', indicator({ kind: 'temporale', kindRaw: 'Temporale', targets: [target('80% del valore', 80)] }), 'noTime'],
    ['a time indicator with «100% orario»', indicator({ kind: 'temporale', kindRaw: 'Temporale', targets: [target('100% orario', 100)] }), 'noTime'],
  ])('invalid: %s', (_name, ind, messageId) => {
    expect(run(ind)).toEqual([expect.objectContaining({ messageId, path: ['objectives', 0, 'indicators', 0, 'kind'], data: expect.objectContaining({ objective: 'S1-1_1', kind: ind.kindRaw }) })]);
  });

  it('a blank target beside a date does not count; the report names the first printed target, the printed kind or else the kind', () => {
    const date = { ...target('31/12/2024', 31, 2025), source: { page: 2, line: 40 } };
    const ind = indicator({ name: 'Tempo medio', kind: 'efficienza', kindRaw: null, targets: [target(' ', null), date] });
    expect(run(ind)).toEqual([
      expect.objectContaining({
        messageId: 'dateOnly', actual: 'efficienza', raw: '31/12/2024', related: { page: 2, line: 40 },
        data: { indicator: 'Tempo medio', objective: 'S1-1_1', kind: 'efficienza', target: '31/12/2024' },
      }),
    ]);
    const time = indicator({ name: 'Tempo medio', kind: 'temporale', kindRaw: 'Temporale', targets: [target('80%', 80)] });
    expect(run(time)).toEqual([expect.objectContaining({ messageId: 'noTime', actual: 'temporale', raw: '80%', related: null, data: { indicator: 'Tempo medio', objective: 'S1-1_1', kind: 'Temporale', target: '80%' } })]);
  });

  it('the objective id when it has no code', () => {
    const reports = runRule(indicatorKindMismatch, [objective({ id: 'O7', code: null, indicators: [indicator({ kind: 'efficienza', targets: [target('31/12/2024', 31)] })] })]);
    expect(reports).toEqual([expect.objectContaining({ objectiveId: 'O7', data: expect.objectContaining({ objective: 'O7', kind: 'efficienza' }) })]);
  });

  endToEnd('end to end: seed 002 with the target of an «Efficienza» indicator changed from «100 %» to a date', async () => {
    const text = readFileSync(seed.piao22, 'utf8');
    // Line 118: S1-1_1 «N. servizi attivati/ n. servizi previsti dal bando», Efficienza, 31/12/2024, target 100 %.
    const changed = text.replace(/(\tEfficienza\t31\/12\/2024\t)100 %/, '$131/12/2024');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-kind-')), 'piao.txt');
    writeFileSync(file, changed);
    const found = (await processFile(file)).findings.filter((f) => f.rule === 'indicator-kind-mismatch');
    expect(found.map((f) => [f.messageId, f.data.objective, f.data.target, f.source.line])).toEqual([['dateOnly', 'S1-1_1', '31/12/2024', 118]]);
    // The untouched seed has none.
    expect((await processFile(seed.piao22)).findings.filter((f) => f.rule === 'indicator-kind-mismatch')).toEqual([]);
  });
});
