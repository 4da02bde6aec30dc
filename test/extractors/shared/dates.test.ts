import { describe, expect, it } from 'vitest';
import { datesIn, formatDateIt, impossibleDates, parseItalianDate } from '../../../extractors/shared/dates.js';

describe('parseItalianDate', () => {
  it.each([
    ['31/12/2024', null, '2024-12-31'],
    ['30/06/2024', null, '2024-06-30'],
    ['05/04/2024', null, '2024-04-05'],
    ['ENTRO IL 30.04.2025', null, '2025-04-30'],
    ['Entro il 31/07/2024', null, '2024-07-31'],
    ['Fino al 31/12/2024', null, '2024-12-31'],
    ['Revisione della Carta entro il 30/09/24', null, '2024-09-30'],
    ['entro il 31 dicembre 2024', null, '2024-12-31'],
    ['30 giugno 2024', null, '2024-06-30'],
    ['dal 1° Ottobre 2024', null, '2024-10-01'],
    ['Entro aprile 2024', null, '2024-04-30'],
    ['Entro febbraio 2024', null, '2024-02-29'],
    ['entro il mese di luglio', 2025, '2025-07-31'],
    ['Marzo – Giugno', 2024, '2024-06-30'],
    ['dal 01/03/2024 al 30/06/2024', null, '2024-06-30'],
    ["Entro l'anno 2024", null, '2024-12-31'],
    ['30/09/24', null, '2024-09-30'],
    ['Entro 31/12/2024', null, '2024-12-31'],
  ])('%s (year %s) -> %s', (raw, year, iso) => {
    expect(parseItalianDate(raw, year)).toEqual({ iso, status: 'ok', raw });
  });

  it.each([['31/06/2024'], ['30/02/2025'], ['31 giugno 2024'], ['00/01/2024']])('%s is an impossible date', (raw) => {
    expect(parseItalianDate(raw).status).toBe('invalid');
    expect(parseItalianDate(raw).iso).toBeNull();
    expect(impossibleDates(raw)).toHaveLength(1);
  });

  it.each([['I tempi varieranno a seconda del fornitore'], [''], ['entro il mese di luglio'], ['Attività svolta quotidianamente.'], ['Tempestivo']])('%s has no date', (raw) => {
    expect(parseItalianDate(raw, null)).toEqual({ iso: null, status: 'none', raw });
  });

  it('finds no impossible date in real ones', () => {
    expect(impossibleDates('Nessun ritardo rispetto alla data del 15/06/2024 = 100%')).toEqual([]);
  });
});

describe('parseItalianDate: every month, written out and abbreviated', () => {
  it.each([
    ['15 gennaio 2024', '2024-01-15'], ['15 gen 2024', '2024-01-15'], ['15 genn. 2024', '2024-01-15'],
    ['1 febbraio 2024', '2024-02-01'], ['1 feb. 2024', '2024-02-01'], ['1 febr. 2024', '2024-02-01'], ['1 febbr. 2024', '2024-02-01'],
    ['3 marzo 2024', '2024-03-03'], ['3 mar. 2024', '2024-03-03'],
    ['4 aprile 2024', '2024-04-04'], ['4 apr 2024', '2024-04-04'],
    ['5 maggio 2024', '2024-05-05'], ['5 mag 2024', '2024-05-05'], ['5 magg. 2024', '2024-05-05'],
    ['6 giugno 2024', '2024-06-06'], ['6 giu. 2024', '2024-06-06'],
    ['7 luglio 2024', '2024-07-07'], ['7 lug 2024', '2024-07-07'],
    ['8 agosto 2024', '2024-08-08'], ['8 ago. 2024', '2024-08-08'],
    ['9 settembre 2024', '2024-09-09'], ['9 set 2024', '2024-09-09'], ['9 sett. 2024', '2024-09-09'],
    ['10 ottobre 2024', '2024-10-10'], ['10 ott. 2024', '2024-10-10'],
    ['11 novembre 2024', '2024-11-11'], ['11 nov 2024', '2024-11-11'],
    ['12 dicembre 2024', '2024-12-12'], ['12 dic. 2024', '2024-12-12'],
    ['1 ° Luglio 2024', '2024-07-01'],
    ['31  \n dicembre\t2024', '2024-12-31'],
  ])('%j -> %s', (raw, iso) => {
    expect(parseItalianDate(raw)).toEqual({ iso, status: 'ok', raw });
  });
});

describe('parseItalianDate: forms and boundaries', () => {
  it.each([
    // Separators, spaces around them, two-digit years, single digits.
    ['31-12-2024', null, '2024-12-31'],
    ['31 / 12 / 2024', null, '2024-12-31'],
    ['5/4/2024', null, '2024-04-05'],
    ['29/02/00', null, '2000-02-29'],
    // The calendar's edges: first and last day and month, leap years.
    ['01/01/2024', null, '2024-01-01'],
    ['12/12/2024', null, '2024-12-12'],
    ['29/02/2024', null, '2024-02-29'],
    ['30/04/2024', null, '2024-04-30'],
    // A month and a year: the end of that month.
    ['Entro febbraio 2023', null, '2023-02-28'],
    ['entro giugno del 2024', null, '2024-06-30'],
    ["entro dicembre dell'anno 2025", null, '2025-12-31'],
    ['Entro novembre 2024', null, '2024-11-30'],
    // The year alone.
    ["nel corso dell'anno 1999", null, '1999-12-31'],
    ['anno 2030', null, '2030-12-31'],
    // A month alone, in the context year.
    ['entro dic.', 2024, '2024-12-31'],
    ['Settembre', 2023, '2023-09-30'],
    ['febbraio', 2023, '2023-02-28'],
    // The last date named wins, whatever the form of each.
    ['dal 30 giugno 2024 al 31/12/2024', null, '2024-12-31'],
    ['entro il 31/12/2024 o il 30 giugno 2025', null, '2025-06-30'],
    // A written-out date is preferred to a month with a year, and a month with a year to the year alone.
    ['Marzo 2024, entro il 15/01/2025', null, '2025-01-15'],
    ["giugno 2024 nell'anno 2025", null, '2024-06-30'],
    ['anno 2024, entro ottobre', 2025, '2024-12-31'],
  ])('%j (year %s) -> %s', (raw, year, iso) => {
    expect(parseItalianDate(raw, year)).toEqual({ iso, status: 'ok', raw });
  });

  it.each([['15/00/2024'], ['15/13/2024'], ['29/02/2023'], ['31/04/2024'], ['32/01/2024'], ['dal 31/06/2024 al 30/07/2024'], ['entro il 30/06/2024 o il 31 aprile 2024']])('%j is invalid', (raw) => {
    expect(parseItalianDate(raw)).toEqual({ iso: null, status: 'invalid', raw });
  });

  it.each([
    // Digits glued to a date are not a date: a day or a year one digit too long.
    ['131/12/2024'],
    ['31/12/20245'],
    ['marzo 20245'],
    ['ilmarzo 2024'],
    ['anno 2100'],
    ['anno 20245'],
    ['Panno 2024'],
    ['1°ottobre'],
  ])('%j has no date', (raw) => {
    expect(parseItalianDate(raw)).toEqual({ iso: null, status: 'none', raw });
  });
});

describe('impossibleDates and datesIn', () => {
  it.each([
    ['31/06/24', ['31/06/24'], []],
    ['29/02/00', [], ['2000-02-29']],
    // A day one digit too long is no day (the month and year alone are a deadline for parseItalianDate, not a date here).
    ['132 giugno 2024', [], []],
    ['dal 30 giugno 2024 al 31/12/2024', [], ['2024-06-30', '2024-12-31']],
    ['il 31/06/2024, poi il 30/06/2024 o il 31 aprile 2024', ['31/06/2024', '31 aprile 2024'], ['2024-06-30']],
    ['29 febbraio 2023 e 28 febbraio 2023', ['29 febbraio 2023'], ['2023-02-28']],
  ])('%j', (raw, impossible, real) => {
    expect(impossibleDates(raw)).toEqual(impossible);
    expect(datesIn(raw)).toEqual(real);
  });
});

describe('formatDateIt', () => {
  it('2024-06-30 -> 30/06/2024', () => {
    expect(formatDateIt('2024-06-30')).toBe('30/06/2024');
  });
});
