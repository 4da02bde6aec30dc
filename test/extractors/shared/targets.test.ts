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

describe('parseTarget: comparators, in symbols and in words', () => {
  it.each([
    ['<= 5', '<='], ['≤5', '<='], ['=< 5', '<='], ['non superiore a 5', '<='], ['non oltre 5', '<='], ['minore di 5', '<='],
    ['inferiore a 5', '<='], ['Massimo 5', '<='], ['max 5', '<='], ['max. 5', '<='],
    ['>= 5', '>='], ['≥5', '>='], ['=> 5', '>='], ['non inferiore a 5', '>='], ['maggiore di 5', '>='], ['superiore a 5', '>='],
    ['ALMENO 5', '>='], ['minimo 5', '>='], ['min 5', '>='],
    ['= 5', '='], ['=5', '='],
    ['5', null],
  ] as const)('%s: %s 5', (raw, comparator) => {
    expect(parseTarget(raw, null)).toEqual({ year: null, raw, value: 5, comparator, unit: null, scale: null });
  });
  it('a word that only starts like max is a unit, not a comparator', () => {
    expect(parseTarget('maxi 5', 2025)).toEqual({ year: 2025, raw: 'maxi 5', value: 5, comparator: null, unit: 'maxi', scale: null });
  });
  it('a comparator without a number keeps the comparator, and no value', () => {
    expect(parseTarget('>= da definire', 2024)).toEqual({ year: 2024, raw: '>= da definire', value: null, comparator: '>=', unit: null, scale: null });
  });
});

describe('parseTarget: not available, the 0-5 scale, counts and units', () => {
  it.each([['n.d.'], ['N.D.'], ['nd'], ['n.d'], ['n. d.'], ['n.a.'], ['na'], ['-'], ['–'], ['—'], ['/']])('%j is not available', (raw) => {
    expect(parseTarget(raw, 2024)).toEqual({ year: 2024, raw, value: null, comparator: null, unit: null, scale: null });
  });
  it.each([
    ['3 ( 60 % )', { value: 3, unit: null, scale: '0-5' }],
    ['0 (0%)', { value: 0, unit: null, scale: '0-5' }],
    // Above 5, or followed by words: not the 0-5 scale.
    // A percentage in brackets restates the count: it is not the count's unit.
    ['6 (100%)', { value: 6, unit: null, scale: null }],
    ['5 (100%) circa', { value: 5, unit: 'circa', scale: null }],
    ['n.32 vie su 45 (70%)', { value: 32, unit: 'vie su 45', scale: null }],
    ['32 (pari al 70 %) strade', { value: 32, unit: 'strade', scale: null }],
    ['70% (32 vie su 45)', { value: 70, unit: '%', scale: null }],
    ['32 vie(70%)su 45', { value: 32, unit: 'vie su 45', scale: null }],
    ['ore24annue', { value: 24, unit: 'ore annue', scale: null }],
    ['giorni(lavorativi)5', { value: 5, unit: 'giorni lavorativi', scale: null }],
    // `n.` goes only at the start: the n of a word before the number stays.
    ['con 3 incontri', { value: 3, unit: 'con incontri', scale: null }],
    // A comparator word only at the start compares.
    ['5 incontri almeno', { value: 5, unit: 'incontri almeno', scale: null }],
    // `n.` before a count goes; words that start with n stay.
    ['N. 3 incontri', { value: 3, unit: 'incontri', scale: null }],
    ['n3', { value: 3, unit: null, scale: null }],
    ['nove 3', { value: 3, unit: 'nove', scale: null }],
    ['ORE 24', { value: 24, unit: 'ore', scale: null }],
    ['pari al 95% delle pratiche', { value: 95, unit: '%', scale: null }],
    ['(12)', { value: 12, unit: null, scale: null }],
    ['5(100%)', { value: 5, unit: null, scale: '0-5' }],
    ['circa 5 (100%)', { value: 5, unit: 'circa', scale: null }],
    ['circa il 5 per cento (5%)', { value: 5, unit: 'circa il per cento', scale: null }],
    ['5 giorni lavorativi', { value: 5, unit: 'giorni lavorativi', scale: null }],
    ['ore (24) annue', { value: 24, unit: 'ore annue', scale: null }],
  ] as const)('%s', (raw, expected) => {
    expect(parseTarget(raw, 2024)).toEqual({ year: 2024, raw, comparator: null, ...expected });
  });
  it('«Almeno n.32 vie su 45 (70%)» is at least 32 vie su 45, not at least 32 %', () => {
    expect(parseTarget('Almeno n.32 vie su 45 (70%)', 2025)).toEqual({ year: 2025, raw: 'Almeno n.32 vie su 45 (70%)', value: 32, comparator: '>=', unit: 'vie su 45', scale: null });
  });
  it('an equals sign inside the text is no comparator', () => {
    expect(parseTarget('n. 3 (= 100%)', 2024)).toMatchObject({ value: 3, comparator: null });
  });
  it('spaces are folded in the printed text', () => {
    expect(parseTarget('  >=   5\n  giorni ', 2024)).toEqual({ year: 2024, raw: '>= 5 giorni', value: 5, comparator: '>=', unit: 'giorni', scale: null });
  });
});
