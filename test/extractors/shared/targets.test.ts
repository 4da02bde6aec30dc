import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../../extractors/shared/targets.js';
import { parseItalianNumber, parsePercent } from '../../../extractors/shared/numbers.js';

describe('parseTarget: every form in seed 002', () => {
  it.each([
    ['5 (100%)', { value: 5, comparator: null, unit: null, scale: '0-5' }],
    ['100 %', { value: 100, comparator: null, unit: '%', scale: null }],
    ['>= ore 24', { value: 24, comparator: '>=', unit: 'ore', scale: null }],
    ['-1', { value: -1, comparator: null, unit: null, scale: null }],
    ['ore 30', { value: 30, comparator: null, unit: 'ore', scale: null }],
    ['n.2 azioni', { value: 2, comparator: null, unit: 'azioni', scale: null }],
    ['≤ 30 gg', { value: 30, comparator: '<=', unit: 'gg', scale: null }],
    ['€ 4.137,93', { value: 4137.93, comparator: null, unit: '€', scale: null }],
    // Seed 004, OB01: words, not symbols; "minore" must not be read as "min." (at least).
    ['minore o uguale a 0', { value: 0, comparator: '<=', unit: null, scale: null }],
    ['maggiore o uguale a 95%', { value: 95, comparator: '>=', unit: '%', scale: null }],
    ['min. 10 incontri', { value: 10, comparator: '>=', unit: 'incontri', scale: null }],
  ])('%s', (raw, expected) => {
    expect(parseTarget(raw, 2024)).toEqual({ year: 2024, raw, ...expected });
  });

  it.each([['n.d.'], [''], ['-'], ['da definire']])('%s has no value, raw kept', (raw) => {
    const t = parseTarget(raw, 2024);
    expect(t.value).toBeNull();
    expect(t.raw).toBe(raw);
  });
});

describe('Italian numbers', () => {
  it.each([
    ['4.137,93', 4137.93],
    ['1.000', 1000],
    ['188.579', 188579],
    ['2,49', 2.49],
    ['0.50', 0.5],
    ['-1', -1],
    ['€ 386.650', 386650],
    ['1.932,95', 1932.95],
  ])('%s -> %s', (raw, value) => {
    expect(parseItalianNumber(raw)).toBe(value);
  });
  it.each([['n.d.'], ['abc'], ['12 ore'], ['']])('%s is not a number', (raw) => {
    expect(parseItalianNumber(raw)).toBeNull();
  });
  it('reads percentages', () => {
    expect(parsePercent('se completata = raggiungimento 10% obiettivo')).toBe(10);
    expect(parsePercent('Alessia Tronfi 50 %')).toBe(50);
    expect(parsePercent('nessuna')).toBeNull();
  });
});
