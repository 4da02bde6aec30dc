import { describe, expect, it } from 'vitest';
import { endOf, monthsBetween, objectiveProse, proseDates, proseDatesIn, startOf, yearOf } from '../../../extractors/shared/prose-dates.js';

type Row = [string, number | null, { kind: string; from: string | null; to: string | null; months?: number; bare?: boolean }];

describe('proseDates', () => {
  it.each<Row>([
    ['nel periodo compreso tra il 1° marzo 2024 e il 30 giugno 2025', null, { kind: 'period', from: '2024-03-01', to: '2025-06-30' }],
    ['Nel periodo ricompreso tra il 15/06/2025 ed il 30/09/2025', null, { kind: 'period', from: '2025-06-15', to: '2025-09-30' }],
    ['DAL 01/01/2025 AL 31/12/2025', null, { kind: 'period', from: '2025-01-01', to: '2025-12-31' }],
    ['dal 2025 al 2026', null, { kind: 'period', from: '2025', to: '2026' }],
    ['Gennaio – dicembre 2025', null, { kind: 'period', from: '2025-01-01', to: '2025-12-31', bare: true }],
    ['01/01/2025 – 31/12/2025', null, { kind: 'period', from: '2025-01-01', to: '2025-12-31', bare: true }],
    ['2024 - 2025 - 2026', null, { kind: 'period', from: '2024', to: '2026', bare: true }],
    ['2025/2027', null, { kind: 'period', from: '2025', to: '2027', bare: true }],
    ['con termine nel 2029', null, { kind: 'deadline', from: null, to: '2029' }],
    ['entro il 2025', null, { kind: 'deadline', from: null, to: '2025' }],
    ["entro l'anno", 2025, { kind: 'deadline', from: null, to: '2025' }],
    ["entro l'anno", null, { kind: 'deadline', from: null, to: null }],
    ['entro giugno 2025', null, { kind: 'deadline', from: null, to: '2025-06-30' }],
    ['entro febbraio 2024', null, { kind: 'deadline', from: null, to: '2024-02-29' }],
    ['entro il mese di dicembre', 2025, { kind: 'deadline', from: null, to: '2025-12-31' }],
    ['entro il 30.06.2025', null, { kind: 'deadline', from: null, to: '2025-06-30' }],
    ['fino al 30 marzo 2025', null, { kind: 'deadline', from: null, to: '2025-03-30' }],
    ['a decorrere dal 1° marzo', 2025, { kind: 'start', from: '2025-03-01', to: null }],
    ['a decorrere dal 1° marzo 2024', null, { kind: 'start', from: '2024-03-01', to: null }],
    ['a partire dal 2026', null, { kind: 'start', from: '2026', to: null }],
    ['BIENNALE 01/01/2024 - 31/12/2025', null, { kind: 'duration', from: '2024-01-01', to: '2025-12-31', months: 24 }],
    ['triennio 2024-2026', null, { kind: 'duration', from: '2024', to: '2026', months: 36 }],
    ['biennale 2025 2026', null, { kind: 'duration', from: '2025', to: '2026', months: 24 }],
    ['annuale', null, { kind: 'duration', from: null, to: null, months: 12 }],
    ['semestrale', null, { kind: 'duration', from: null, to: null, months: 6 }],
  ])('%s (year %s)', (text, year, expected) => {
    const found = proseDates(text, year);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({ ...expected, text: expect.any(String), index: expect.any(Number) });
  });

  it('gives the text matched and its offset', () => {
    const text = 'Tempi di attuazione: avvio nel 2024 e conclusione nel 2028.';
    expect(proseDates(text).map((d) => [d.kind, d.from ?? d.to, d.text, d.index])).toEqual([
      ['start', '2024', 'avvio nel 2024', 21],
      ['deadline', '2028', 'e conclusione nel 2028', 36],
    ]);
  });

  it.each([
    ['in coerenza con il Piano triennale 2021-2023', true],
    ["Piano Triennale per l'informatica 2024-2026", true],
    ['il proseguo del progetto triennale 2023/2025', true],
    ['Tempi di attuazione: triennale 2024-2026', false],
  ])('%s: names a document: %s', (text, names) => {
    const first = proseDates(text)[0]!;
    expect([first.kind, first.names ?? false]).toEqual(['duration', names]);
  });

  it('reads a period across a line break', () => {
    expect(proseDates('nel periodo ricompreso tra il 15/06/2024 ed il\n31/12/2024 con una pattuglia')).toEqual([
      expect.objectContaining({ kind: 'period', from: '2024-06-15', to: '2024-12-31', index: 0 }),
    ]);
  });

  it.each([
    ["In applicazione all'art.4 bis del D.L. 24/2/2023 n.13"],
    ['avviata la revisione del regolamento'],
    ['entro il 31/06/2025'],
    ['2026-2024'],
    ['tra il 31 giugno e il 30 luglio'],
    [''],
  ])('%s: no date statement', (text) => {
    expect(proseDates(text)).toEqual([]);
  });

  it('does not crash on odd input', () => {
    expect(proseDates(null as unknown as string)).toEqual([]);
    expect(proseDates('x'.repeat(300_000))).toEqual([]);
    expect(proseDates('entro il ' + ' '.repeat(100_000) + '2025').length).toBe(1);
  });
});

describe('prose values', () => {
  it.each([
    ['2024', '2025', 24],
    ['2024-01-01', '2025-12-31', 24],
    ['2025-06-15', '2025-09-30', 4],
    ['2025', '2025', 12],
    ['2023-01-01', '2025-12-31', 36],
  ])('monthsBetween(%s, %s) = %s', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });
  it('completes years', () => {
    expect([startOf('2025'), endOf('2025'), endOf('2025-06-30'), yearOf('2025-06-30')]).toEqual(['2025-01-01', '2025-12-31', '2025-06-30', 2025]);
  });
});

describe('objectiveProse and proseDatesIn', () => {
  const line = (n: number, text: string, table = false) => ({ page: 1, line: n, text, ...(table ? { table: { id: 't1', row: 0 } } : {}) });
  const layout = { pages: [{ lines: [line(1, 'Introduzione'), line(2, 'OBIETTIVO N. 1'), line(3, 'Tempi: entro il'), line(4, '30/06/2025'), line(5, 'riga\tdi tabella', true), line(6, 'OBIETTIVO N. 2'), line(7, 'dal 2025 al 2026')] }] };
  const at = (l: number | null) => ({ source: { page: l === null ? null : 1, line: l } });

  it('gives each objective the prose lines from its heading to the next, tables left out', () => {
    const spans = objectiveProse(layout, [at(6), at(2), at(null)]);
    expect(spans.map((s) => s.map((l) => l.line))).toEqual([[6, 7], [2, 3, 4], []]);
  });

  it('objectives read from one line (rows of a table) leave the lines to the last of them', () => {
    expect(objectiveProse(layout, [at(2), at(2)]).map((s) => s.map((l) => l.line))).toEqual([[], [2, 3, 4, 6, 7]]);
    expect(objectiveProse(null, [at(2)])).toEqual([[]]);
  });

  it('reads a statement across lines and places it on the line it starts on', () => {
    const [span] = objectiveProse(layout, [at(2)]);
    expect(proseDatesIn(span!).map((d) => [d.kind, d.to, d.at.line])).toEqual([['deadline', '2025-06-30', 3], ['period', '2026', 7]]);
  });
});
