import { describe, expect, it } from 'vitest';
import { parseGrading } from '../../../extractors/shared/grading.js';

const s = (...pairs: [number | null, number][]) => pairs.map(([maxDelayDays, percent]) => ({ maxDelayDays, percent }));

// Every form of delay ladder found in seed 003.
describe('parseGrading', () => {
  it.each([
    ['Nessun ritardo = 100%; ritardo fino a 30 gg. = 80%; ritardo da 30 a 60 gg.: 50%', s([0, 100], [30, 80], [60, 50])],
    ['Nessun ritardo = 100%; ritardo fino a 3 gg. = 80%; ritardo da 4 a 10 gg.: 50%; ritardo da 11 a 15 gg.: 30%', s([0, 100], [3, 80], [10, 50], [15, 30])],
    ['Nessun ritardo rispetto alla data del 15/06/2024 = 100%. Ritardo fino a 20gg = 80%. Ritardo fino a 40 gg = 50%.', s([0, 100], [20, 80], [40, 50])],
    ['Rispetto della data del 31/12/2024 = 100%. Ritardo fino a 20gg = 80%. Ritardo fino a 40 gg = 50%.', s([0, 100], [20, 80], [40, 50])],
    ['entro il 31/12/2024= 100% Fino a 10 gg di ritardo= 70% Fino a 30 gg di ritardo= 50%', s([0, 100], [10, 70], [30, 50])],
    ['Rispetto del termine = 100% Ritardo non superiore a 30 gg. = 50%', s([0, 100], [30, 50])],
    ['Rispetto del termine=100% Ritardo fino a 30 gg.=-70% Ritardo oltre 30 e fino 50 gg.=-50%', s([0, 100], [30, 70], [50, 50])],
    ['Rispetto del termine = 100% Ritardo fino a 30 gg. = 70% Ritardo oltre 30 e fino a 60 gg. = 50%', s([0, 100], [30, 70], [60, 50])],
    ['Rispetto del termine del 30/09/2024 = 100% Ritardo fino a 15 gg. = 80% Ritardo >15<60 gg. = 50%', s([0, 100], [15, 80], [60, 50])],
    ['Nessun ritardo= 100%; Ritardo fino a 30 gg.= 80%; Ritardo superiore a 30 gg.= 50%;', s([0, 100], [30, 80], [null, 50])],
    ['entro il 31.05.2024 = 100% Fino a 30gg ritardo= 70% Oltre 30 gg ritardo =40%', s([0, 100], [30, 70], [null, 40])],
    ['Affidamento entro un mese = 100% Fino a 30gg ritardo= 70% Oltre 30 gg ritardo =40%', s([0, 100], [30, 70], [null, 40])],
    ['Revisione della Carta entro il 30/09/24 = 100% Fino a 30 gg di ritardo=70% Oltre 30gg di ritardo =50%', s([0, 100], [30, 70], [null, 50])],
    ['presentazione progetto entro 30/06/2024=100% Fino a 30 gg di ritardo= 70% Oltre 30 gg di ritardo =40%', s([0, 100], [30, 70], [null, 40])],
    ['Entro il 30/06/2024= 100% Fino a 30 gg di ritardo = 80 Oltre 30gg di ritardo= 50%', s([0, 100], [30, 80], [null, 50])],
    ['Ritardo fino a 30 giorni = 40%', s([30, 40])],
    ['Rispetto del termine del 31/12/2025 = 100%', s([0, 100])],
  ])('%s', (raw, steps) => {
    expect(parseGrading(raw)).toEqual({ raw, steps });
  });

  it.each([
    ['Tre o più ore: 100%; due ore: 75%; meno di due ore: 40%.'],
    ['Percentuale tra 70% ed il 100% = 80%; percentuale tra il 60 ed il 79% = 50%'],
    ['Da luglio a dicembre tramite attività di pubblicazione presso le parrocchie e le scuole'],
  ])('not a delay ladder, text kept: %s', (raw) => {
    expect(parseGrading(raw)).toEqual({ raw, steps: [] });
  });

  it('empty cell: no grading', () => {
    expect(parseGrading('  ')).toBeNull();
  });
});
