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

describe('parseGrading: each way of writing a delay', () => {
  it.each([
    // Ranges: `da`, `tra`, `oltre`, joined by `a`, `e`, `e fino a`, `fino a`, with or without `gg` after the first number.
    ['Ritardo tra 10 e 20 giorni = 60%', s([20, 60])],
    ['Ritardo da 5 gg a 15 gg: 40%', s([15, 40])],
    ['Ritardo oltre 10 e fino a 20 gg = 30%', s([20, 30])],
    ['Ritardo da 3 fino a 9 g. = 45%', s([9, 45])],
    // Up to: every word for it, and `N gg di ritardo`.
    ['Entro 10 giorni = 90%', s([10, 90])],
    ['Ritardo max 5 gg = 95%', s([5, 95])],
    ['Ritardo massimo 6 gg = 94%', s([6, 94])],
    ['Ritardo sino a 7 gg. = 85%', s([7, 85])],
    ['Ritardo inferiore a 9 gg = 60%', s([9, 60])],
    ['15 giorni di ritardo = 50%', s([15, 50])],
    ['15 gg ritardo = 50%', s([15, 50])],
    ['RITARDO FINO A 30 GG = 80%', s([30, 80])],
    // No upper bound: `oltre`, `superiore`, even when an upper-bound phrase is there too.
    ['Ritardo oltre 60 gg = 0%', s([null, 0])],
    ['Oltre il termine, fino a 30 gg = 50%', s([null, 50])],
    ['Ritardo superiore a 30 giorni = 20%', s([null, 20])],
    // No delay, in every wording, at a percentage other than 100 (so the first-step rule does not decide).
    ['Senza ritardo = 90%', s([0, 90])],
    ['Rispetto della scadenza = 95%', s([0, 95])],
    ['Rispetto della data = 95%', s([0, 95])],
    ['Rispetto dei tempi = 95%', s([0, 95])],
    ['Entro la data prevista = 95%', s([0, 95])],
    ['Entro il termine = 95%', s([0, 95])],
    ["Entro l'1 marzo = 95%", s([0, 95])],
    ['Entro 30/06 = 95%', s([0, 95])],
    // A bare count of days.
    ['10 gg = 70%', s([10, 70])],
    ['10 giorni: 70%', s([10, 70])],
    // Percentages: decimals with a comma or a point, a dash typo before them.
    ['Nessun ritardo = 100%; fino a 30 gg = 62,5%', s([0, 100], [30, 62.5])],
    ['Nessun ritardo = 100%; fino a 30 gg = 62.5%', s([0, 100], [30, 62.5])],
    ['Nessun ritardo = 100%; fino a 30 gg = –70%', s([0, 100], [30, 70])],
    ['Nessun ritardo = 100%; fino a 30 gg = 62,55%', s([0, 100], [30, 62.55])],
    ['Nessun  ritardo = 90%', s([0, 90])],
    ['Consegna nel rispetto del termine = 95%', s([0, 95])],
    // A step's own words only: those of the step before do not leak into it.
    ['Ritardo fino a 30 gg = 80%; consegna = 50%', s([30, 80])],
    ['Entro 10 giorni = 100%', s([10, 100])],
    // `= 80;` is neither `%` nor followed by a word: not a step; its text belongs to the next step.
    ['Nessun ritardo = 100%; fino a 30 gg = 80; oltre = 50%', s([0, 100], [null, 50])],
  ])('%s', (raw, steps) => {
    expect(parseGrading(raw)).toEqual({ raw, steps });
  });

  it.each([
    ['Consegna alla scadenza = 100%', s([0, 100])],
    ['Approvazione nel termine = 100%; fino a 10 gg = 50%', s([0, 100], [10, 50])],
    // Only the first step, only at 100%, only with a deadline word.
    ['Consegna alla scadenza = 90%', []],
    ['Consegna puntuale = 100%', []],
    ['Nessun ritardo = 100%; consegna alla scadenza = 100%', s([0, 100])],
  ])('%s: the first step, at 100 per cent, is the deadline kept', (raw, steps) => {
    expect(parseGrading(raw)).toEqual({ raw, steps });
  });

  it('the raw text is kept as given', () => {
    expect(parseGrading('  Nessun ritardo  = 100% ')).toEqual({ raw: '  Nessun ritardo  = 100% ', steps: s([0, 100]) });
  });
});
