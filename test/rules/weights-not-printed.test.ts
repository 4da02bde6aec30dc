import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine } from '../../models/layout.js';
import type { Allocation, Objective, Scheda } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { weightsNotPrinted } from '../../pipeline/validate/rules/weights-not-printed.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { action, endToEnd, indicator, objective } from './harness.js';

const allocation = (over: Partial<Allocation> = {}): Allocation => ({
  row: 1, rowPrinted: true, group: null, groupRaw: null, periodRaw: null, staffRaw: null, category: null, staffCount: null,
  categoryWeight: null, coefficient: null, totalCoefficient: null, amount: null, amountRaw: null, source: { page: 1, line: 9 }, ...over,
});
const scheda = (over: Partial<Scheda> = {}): Scheda => ({
  period: null, headerRaw: null, scope: null, dupStrategic: null, dupOperational: null, positionHolder: null, referents: null,
  baseline: null, target: null, stakeholders: null, otherUnits: [], pesatura: null, ...over,
});

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
    ['«Peso obiettivo» followed by 50 spaces (a label: the spaces do not count)', layoutOf(line(3, SAYS), line(9, `Peso obiettivo${' '.repeat(50)}`)), plain],
    ['a «Peso» cell in a long table row', layoutOf(line(3, SAYS), line(9, "N.\tDescrizione dell'azione prevista per l'anno in corso\tPeso\tScadenza", ['N.', "Descrizione dell'azione prevista per l'anno in corso", 'Peso', 'Scadenza'])), plain],
    ['a 60-character cell that opens with «Pesi» is a label', layoutOf(line(3, SAYS), line(9, `N.\t${'Pesi dei criteri'.padEnd(60, '.')}`, ['N.', 'Pesi dei criteri'.padEnd(60, '.')])), plain],
    ['a sentence on weights inside a table row is not the plan saying so', layoutOf({ ...line(3, SAYS), table: { id: 'T1', row: 2 } }), plain],
    ['an allocation row with a category weight', layoutOf(line(3, SAYS)), [objective({ allocation: allocation({ categoryWeight: 30 }) })]],
    ['an allocation row with a total coefficient', layoutOf(line(3, SAYS)), [objective({ allocation: allocation({ totalCoefficient: 1.5 }) })]],
    ['a scheda with its pesatura', layoutOf(line(3, SAYS)), [objective({ scheda: scheda({ pesatura: { criteria: [{ name: 'Rilevanza', weight: 3, raw: '3' }], total: 3, totalRaw: '3' } }) })]],
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
    ['a 61-character line that opens with «Pesi» (prose, not a label)', 'Pesi dei criteri'.padEnd(61, '.')],
  ])('invalid: %s, no weight anywhere', (_name, text) => {
    expect(run(layoutOf(line(2, 'PIANO DELLA PERFORMANCE'), line(3, text)))).toEqual([expect.objectContaining({ messageId: 'announced', source: { page: 1, line: 3 } })]);
  });

  it.each<[string, Objective[]]>([
    ['an allocation row with neither weight nor coefficient', [objective({ allocation: allocation() })]],
    ['a scheda without pesatura', [objective({ scheda: scheda() })]],
  ])('invalid: %s', (_name, objectives) => {
    expect(run(layoutOf(line(3, SAYS)), objectives)).toHaveLength(1);
  });

  it('a 61-character cell that opens with «Pesi» is prose in a cell, not a weight label', () => {
    const cell = 'Pesi dei criteri'.padEnd(61, '.');
    expect(run(layoutOf(line(3, SAYS), line(9, `N.\t${cell}`, ['N.', cell])))).toEqual([expect.objectContaining({ source: { page: 1, line: 3 } })]);
  });

  it('the excerpt: from the word that starts 50 characters before the weight word, to 70 characters after it, «…» where cut', () => {
    const long = "Per ciascun settore il nucleo di valutazione calcola il grado di raggiungimento come media pesata dei risultati ottenuti per ogni obiettivo assegnato al settore nel corso dell'anno.";
    const [r] = run(layoutOf({ ...line(3, long.replace('come media', 'come\t media')), bbox: [10, 20, 500, 32] as [number, number, number, number] }));
    expect(r!.data!.excerpt).toBe('…valutazione calcola il grado di raggiungimento come media pesata dei risultati ottenuti per ogni obiettivo assegnato al settore…');
    expect(r).toMatchObject({ path: ['objectives'], raw: long, source: { page: 1, line: 3, bbox: [10, 20, 500, 32] as [number, number, number, number] } });
    // A sentence that opens with the word and is shorter than 70 characters after it: not cut.
    const short = 'La pesatura degli obiettivi segue il sistema di misurazione vigente.';
    expect(run(layoutOf(line(3, short)))[0]!.data!.excerpt).toBe(short);
  });

  it('the raw text is the sentence, whitespace collapsed, at most 500 characters', () => {
    const long = `${SAYS} ${'Il sistema di misurazione e valutazione stabilisce i criteri. '.repeat(10)}`;
    expect(run(layoutOf(line(3, long)))[0]!.raw).toBe(long.replace(/\s+/g, ' ').slice(0, 500));
    expect(run(layoutOf(line(3, long)))[0]!.raw).toHaveLength(500);
  });

  it('reported once, at the first sentence, with an excerpt around the words', () => {
    const reports = run(layoutOf(line(3, SAYS), line(4, 'La pesatura tiene conto della complessità e della strategicità di ogni obiettivo.')));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data!.excerpt).toContain('media pesata');
  });

  endToEnd('end to end: seed 002 says «media pesata … i "pesi" per ogni obiettivo/anno» and prints no weight; seed 003 prints PESO', async () => {
    const found = (await processFile(seed.piao22)).findings.filter((f) => f.rule === 'weights-not-printed');
    expect(found.map((f) => [f.source.line, f.severity])).toEqual([[20, 'info']]);
    expect(String(found[0]!.data.excerpt)).toContain('media pesata dei risultati ottenuti');
    expect((await processFile(seed.schede)).findings.filter((f) => f.rule === 'weights-not-printed')).toEqual([]);
  });
});
