import { describe, expect, it } from 'vitest';
import { findItalianNumber, parseItalianNumber, parsePercent } from '../../../extractors/shared/numbers.js';

describe('parseItalianNumber', () => {
  it.each([
    // Grouped thousands, with and without decimals; signs, the Unicode minus.
    ['12.345.678', 12345678],
    ['1.234,5', 1234.5],
    ['-1.234,5', -1234.5],
    ['+1.000', 1000],
    ['−1.000', -1000],
    ['−2,5', -2.5],
    ['+7', 7],
    // Not grouped: a point with other than three digits after it, or four digits before it, is a decimal point.
    ['1.5', 1.5],
    ['1234.567', 1234.567],
    // A fourth digit after the point: not a group of thousands (was read as 1234).
    ['1.2345', 1.2345],
    ['12,5', 12.5],
    ['0,05', 0.05],
    // Currency words and spaces go: `€`, `euro`, `EUR`, spaces between the groups.
    ['euro 25', 25],
    ['25 EUR', 25],
    ['Euro 1.234,56', 1234.56],
    ['1 000', 1000],
    // The number ending the text.
    ['ore 12', 12],
    ['n.12', 12],
    ['x-5', -5],
    ['1,2,3', 2.3],
  ])('%s -> %s', (raw, value) => {
    expect(parseItalianNumber(raw)).toBe(value);
  });
  it.each([['€'], ['  '], ['12.'], ['12,'], ['euro'], ['-'], ['5 eurx']])('%j is no number', (raw) => {
    expect(parseItalianNumber(raw)).toBeNull();
  });
});

describe('findItalianNumber', () => {
  it.each([
    ['n. 12 azioni', { value: 12, index: 3, text: '12' }],
    ['ore 1.234,5 annue', { value: 1234.5, index: 4, text: '1.234,5' }],
    ['importo 1.000', { value: 1000, index: 8, text: '1.000' }],
    ['tasso −3', { value: -3, index: 6, text: '−3' }],
    ['valore 2,75 e 3', { value: 2.75, index: 7, text: '2,75' }],
    ['+4 punti', { value: 4, index: 0, text: '+4' }],
    ['12.34', { value: 12.34, index: 0, text: '12.34' }],
    ['coefficiente 1.2345', { value: 1.2345, index: 13, text: '1.2345' }],
    ['1.000.0000', { value: 1000, index: 0, text: '1.000' }],
    // Every group of thousands, and the decimals after them.
    ['12.345,5 euro', { value: 12345.5, index: 0, text: '12.345,5' }],
    ['1.234.567,5', { value: 1234567.5, index: 0, text: '1.234.567,5' }],
    ['fondo 1.000.000', { value: 1000000, index: 6, text: '1.000.000' }],
  ])('%s', (raw, found) => {
    expect(findItalianNumber(raw)).toEqual(found);
  });
  it('none', () => {
    expect(findItalianNumber('nessun valore')).toBeNull();
  });
});

describe('parsePercent', () => {
  it.each([
    ['50,5%', 50.5],
    ['12.5 %', 12.5],
    ['raggiungimento 20   % obiettivo', 20],
    ['-5%', -5],
    ['+5%', 5],
    // `−` is not one of the signs: the number alone.
    ['−5%', 5],
    // The first `%` with a number before it decides.
    ['% 30%', 30],
    ['tra 70% e 100%', 70],
    ['quota: 25%, poi 75%', 25],
  ])('%s -> %s', (raw, value) => {
    expect(parsePercent(raw)).toBe(value);
  });
  it.each([['%'], ['cento %'], ['50'], ['']])('%j has no percentage', (raw) => {
    expect(parsePercent(raw)).toBeNull();
  });
});
