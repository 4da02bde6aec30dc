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
