import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { weightsNotPrinted } from '../../pipeline/validate/rules/weights-not-printed.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { action, indicator, objective } from './harness.js';

const SAYS = 'Lo stato di attuazione viene calcolato come media pesata dei risultati ottenuti per ogni obiettivo.';
const line = (n: number, text: string, cells: string[] = []): LayoutLine => ({ page: 1, line: n, text, cells: cells.map((t, col) => ({ text: t, col })) });
const layoutOf = (...ls: LayoutLine[]): LayoutDocument => ({ pages: [{ number: 1, width: null, height: null, origin: 'text', lines: ls }], tables: [] });
const plain = [objective({ indicators: [indicator()] })];

function run(layout: LayoutDocument | null, objectives: Objective[] = plain) {
  const reports: ReportInput<'announced'>[] = [];
  weightsNotPrinted.check({ family: 'generic', period: null, objectives, layout }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

describe('weights-not-printed', () => {
  it.each<[string, LayoutDocument | null, Objective[]]>([
    ['the text says nothing of weights', layoutOf(line(3, 'Gli obiettivi sono assegnati ai responsabili dei settori con i relativi indicatori.')), plain],
    ['objectives carry weights', layoutOf(line(3, SAYS)), [objective({ weight: 30 })]],
    ['actions carry weights', layoutOf(line(3, SAYS)), [objective({ actions: [action({ weight: 50 })] })]],
    ['indicators carry weights', layoutOf(line(3, SAYS)), [objective({ indicators: [indicator({ weight: 100 })] })]],
    ['a weight printed as «Peso: 5%» that was not read', layoutOf(line(3, SAYS), line(9, 'Peso: 5%')), plain],
    ['a «PESO» column header', layoutOf(line(3, SAYS), line(9, 'N.\tPESO\tAZIONE', ['N.', 'PESO', 'AZIONE'])), plain],
    ['«Peso obiettivo» as a short line (60 characters at most)', layoutOf(line(3, SAYS), line(9, `Peso obiettivo${' '.repeat(46)}`)), plain],
    ['a 60-character line with «pesi» is a label, not a sentence', layoutOf(line(3, 'Sono indicati i pesi'.padEnd(60, '.'))), plain],
    ['no objectives read', layoutOf(line(3, SAYS)), []],
    ['no layout', null, plain],
  ])('valid: %s', (_name, layout, objectives) => {
    expect(run(layout, objectives)).toEqual([]);
  });

  it.each<[string, string]>([
    ['media pesata', SAYS],
    ['ponderata', 'Il risultato complessivo è la media ponderata dei risultati degli obiettivi del settore.'],
    ['pesatura', 'Ogni obiettivo è oggetto di pesatura secondo il sistema di misurazione e valutazione.'],
    ['a 61-character sentence with «pesi»', 'Sono indicati i pesi'.padEnd(61, '.')],
  ])('invalid: %s, no weight anywhere', (_name, text) => {
    expect(run(layoutOf(line(2, 'PIANO DELLA PERFORMANCE'), line(3, text)))).toEqual([expect.objectContaining({ messageId: 'announced', source: { page: 1, line: 3 } })]);
  });

  it('reported once, at the first sentence, with an excerpt around the words', () => {
    const reports = run(layoutOf(line(3, SAYS), line(4, 'La pesatura tiene conto della complessità e della strategicità di ogni obiettivo.')));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data!.excerpt).toContain('media pesata');
  });

  it('end to end: seed 002 says «media pesata … i "pesi" per ogni obiettivo/anno» and prints no weight; seed 003 prints PESO', async () => {
    const found = (await processFile(seed.piao22)).findings.filter((f) => f.rule === 'weights-not-printed');
    expect(found.map((f) => [f.source.line, f.severity])).toEqual([[20, 'info']]);
    expect(String(found[0]!.data.excerpt)).toContain('media pesata dei risultati ottenuti');
    expect((await processFile(seed.schede)).findings.filter((f) => f.rule === 'weights-not-printed')).toEqual([]);
  });
});
