import { describe, expect, it } from 'vitest';
import { impossibleDates, parseItalianDate } from '../../../extractors/shared/dates.js';

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
