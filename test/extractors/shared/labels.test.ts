import { describe, expect, it } from 'vitest';
import { matchesLabel, normalizeLabel, stems } from '../../../extractors/shared/labels.js';

describe('fuzzy labels', () => {
  it.each([
    ['OBBIETTIVO GESTIONALE 2024 – 2026', 'OBIETTIVO GESTIONALE'],
    ['Collaborante al bilancio', 'Collegamento al bilancio'],
    ['Trauardo atteso (target)', 'Traguardo atteso'],
    ['RSORSE UMANE', 'RISORSE UMANE'],
    ['Dip. - Sezione strategica', 'Dup - Sezione strategica'],
    ['Settore/UAO', 'Settore/UA'],
    ['Tipo Ind.', 'Tipo Ind.'],
  ])('"%s" matches "%s"', (text, label) => {
    expect(matchesLabel(text, label)).toBe(true);
  });

  it.each([
    ['Obiettivi', 'Obiettivi Operativi'],
    ['Il Comune di Prato gestisce', 'Collegamento al bilancio'],
    ['Indicatori', 'Indicatori operativi'],
    ['Linea Mandato', 'Linea programmatica di mandato'],
  ])('"%s" does not match "%s"', (text, label) => {
    expect(matchesLabel(text, label)).toBe(false);
  });

  it('normalizes accents and punctuation', () => {
    expect(normalizeLabel('  UNITÀ  ORGANIZZATIVA-Responsabile ')).toBe('unita organizzativa responsabile');
  });

  it('stems Italian words', () => {
    expect(stems('obiettivi operativi')).toEqual(stems('obiettivo operativo'));
  });
});
