import { describe, expect, it } from 'vitest';
import { lowConfidence } from '../../pipeline/validate/rules/low-confidence.js';
import { action, indicator, objective, runRule } from './harness.js';

const at = (confidence?: number) => ({ page: 3, line: 12, bbox: [10, 20, 200, 32] as [number, number, number, number], ...(confidence === undefined ? {} : { confidence }) });

describe('low-confidence', () => {
  it.each([
    ['text layer: no confidence', objective({ source: at() })],
    ['OCR above the threshold', objective({ source: at(0.91), indicators: [indicator({ source: at(0.6) })] })],
  ])('valid: %s', (_name, o) => {
    expect(runRule(lowConfidence, [o])).toEqual([]);
  });

  it('invalid: an action and a staff row read at 42% and 55%', () => {
    const o = objective({ code: 'SO03', source: at(0.95), actions: [action({ text: 'Riordino archivio', source: at(0.42), staff: [{ who: 'Rossi', share: 50, role: 'partecipante', raw: 'Rossi 50%', source: at(0.55) }] })] });
    const reports = runRule(lowConfidence, [o]);
    expect(reports.map((r) => [r.data!.what, r.data!.confidence, r.source!.page, r.source!.bbox])).toEqual([
      ['Azione', 42, 3, [10, 20, 200, 32]],
      ['Personale', 55, 3, [10, 20, 200, 32]],
    ]);
  });
});

describe('low-confidence: the threshold', () => {
  const run = (confidence: number) => runRule(lowConfidence, [objective({ source: at(confidence) })], undefined, { minConfidence: 0.5 });
  it.each([[0.5], [0.75]])('%s at or above 0.5: not reported', (c) => {
    expect(run(c)).toEqual([]);
  });
  it('0.25 below 0.5: reported, with the threshold', () => {
    expect(run(0.25).map((r) => [r.data!.confidence, r.data!.threshold, r.actual, r.expected])).toEqual([[25, 50, 0.25, '>= 0.5']]);
  });
  it('default threshold 0.6: 0.59 reported, 0.6 not', () => {
    expect(runRule(lowConfidence, [objective({ source: at(0.59) }), objective({ source: at(0.6) })]).map((r) => r.path)).toEqual([['objectives', 0]]);
  });
});

describe('low-confidence: the whole report, every place read by OCR', () => {
  const low = (page: number | null = null) => ({ page, line: 2, confidence: 0.3 });
  const long = 'Riorganizzazione '.repeat(6);
  it('objective, indicator, action, action staff, objective staff, table row', () => {
    const o = objective({
      id: 'ob-1', code: 'OB01', title: long, source: low(),
      indicators: [indicator({ source: at(0.9) }), indicator({ name: 'Pratiche evase', source: low(2) })],
      actions: [action({ text: 'Riordino', source: low(3), staff: [{ who: 'Rossi', share: 50, role: 'partecipante', raw: null, source: low(3) }] })],
      staff: [{ who: 'Verdi', share: null, role: 'responsabile', raw: 'Verdi (resp.)', source: low(4) }],
      allocation: { row: 1, rowPrinted: true, group: null, groupRaw: null, periodRaw: null, staffRaw: null, category: null, staffCount: null, categoryWeight: null, coefficient: null, totalCoefficient: null, amount: null, amountRaw: null, source: low(5) },
    });
    const reports = runRule(lowConfidence, [objective({ id: 'ob-0', source: null as never }), o]);
    const base = { messageId: 'low', objectiveId: 'ob-1', actual: 0.3, expected: '>= 0.6' };
    const data = (what: string, text: string, page: number | string) => ({ what, text, objective: 'OB01', confidence: 30, threshold: 60, page });
    expect(reports).toEqual([
      { ...base, data: data('Obiettivo', long.slice(0, 80), '?'), path: ['objectives', 1], source: low(), raw: long },
      { ...base, data: data('Indicatore', 'Pratiche evase', 2), path: ['objectives', 1, 'indicators', 1], source: low(2), raw: 'Pratiche evase' },
      { ...base, data: data('Azione', 'Riordino', 3), path: ['objectives', 1, 'actions', 0], source: low(3), raw: 'Riordino' },
      { ...base, data: data('Personale', 'Rossi', 3), path: ['objectives', 1, 'actions', 0, 'staff', 0], source: low(3), raw: 'Rossi' },
      { ...base, data: data('Personale', 'Verdi (resp.)', 4), path: ['objectives', 1, 'staff', 0], source: low(4), raw: 'Verdi (resp.)' },
      { ...base, data: data('Riga di tabella', long.slice(0, 80), 5), path: ['objectives', 1, 'allocation'], source: low(5), raw: long },
    ]);
    expect(long.length).toBeGreaterThan(80);
  });
  it('a table row names its amount as printed', () => {
    const o = objective({ allocation: { row: 1, rowPrinted: true, group: null, groupRaw: null, periodRaw: null, staffRaw: null, category: null, staffCount: null, categoryWeight: null, coefficient: null, totalCoefficient: null, amount: 100, amountRaw: '€ 100,00', source: { page: 1, line: null, confidence: 0.1 } } });
    expect(runRule(lowConfidence, [o]).map((r) => r.raw)).toEqual(['€ 100,00']);
  });
});
