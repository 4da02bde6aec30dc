import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import type { Objective, PlanDocument } from '../../models/plan.js';
import { expectCurated, expectedFileOf } from '../expected.js';
import { seed } from '../helpers.js';

let plan: PlanDocument;
const byLevel = (level: Objective['level']) => plan.objectives.filter((o) => o.level === level);
const get = (id: string) => plan.objectives.find((o) => o.id === id)!;

beforeAll(async () => {
  plan = await processFile(seed.piao22);
});

describe('piao-2.2-table on seed 002', () => {
  it('matches the curated expected file (tree, gestionale objectives per unit, indicators with targets)', () => {
    expectCurated(plan, expectedFileOf(seed.piao22));
  });

  // Counts below were taken from the seed with grep, independently of the extractor.
  it('has one gestionale objective per code row (52) plus the second gestionale of S2-1_1', () => {
    expect(byLevel('gestionale')).toHaveLength(53);
    expect(new Set(byLevel('gestionale').map((o) => o.code)).size).toBe(37);
  });

  it('has all 64 indicator rows, each with its deadline, and all 58 printed targets', () => {
    const indicators = plan.objectives.flatMap((o) => o.indicators);
    expect(indicators).toHaveLength(64);
    expect(indicators.every((i) => i.deadline !== null)).toBe(true);
    const raws = indicators.flatMap((i) => i.targets.map((t) => t.raw));
    expect(raws).toHaveLength(58);
    expect(raws.filter((r) => r === '5 (100%)')).toHaveLength(42);
    expect(raws.filter((r) => r === '>= ore 24')).toHaveLength(6);
    expect(raws.filter((r) => r === '-1')).toHaveLength(6);
  });

  it('makes Tras_1 one objective per unit (six units), each linked to its own unit\'s parent', () => {
    const tras1 = plan.objectives.filter((o) => o.code === 'Tras_1');
    expect(tras1.map((o) => o.id)).toEqual(['Tras_1@U1', 'Tras_1@U2', 'Tras_1@U3', 'Tras_1@U4', 'Tras_1@U5', 'Tras_1@U6']);
    expect(new Set(tras1.map((o) => o.unit)).size).toBe(6);
    for (const o of tras1) {
      const parent = get(o.parentId!);
      expect(parent.level).toBe('operativo');
      expect(parent.unit).toBe(o.unit);
      expect(parent.title).toMatch(/^PREVENZIONE DELLA CORRUZIONE E TRASPARENZA applicazione misure/);
    }
  });

  it('links the tree mandato -> strategico -> operativo -> gestionale', () => {
    const pm1 = get('PM_1');
    const operativo = get(pm1.parentId!);
    const strategico = get(operativo.parentId!);
    const mandato = get(strategico.parentId!);
    expect([operativo.level, strategico.level, mandato.level]).toEqual(['operativo', 'strategico', 'mandato']);
    expect(operativo.title).toBe('Incremento dei controlli sugli utenti della strada con ausilio di etilometro');
    expect(strategico.title).toMatch(/^Monitorare situazioni d'interesse per l'ordine e la sicurezza pubblica/);
    expect(mandato).toMatchObject({ code: '8', title: 'SICUREZZA' });
    expect(operativo.budgetLink).toMatchObject({ missione: '03', missioneLabel: 'Ordine pubblico e sicurezza' });
    expect(operativo.years).toEqual([2024, 2025, 2026]);
  });

  it('parses targets: 0-5 scale, percent, comparator with unit, negative index', () => {
    const t = (id: string, k = 0) => get(id).indicators[k]!.targets[0]!;
    expect(t('S1-1_2')).toMatchObject({ value: 5, scale: '0-5', year: 2024 });
    expect(t('S1-1_1')).toMatchObject({ value: 100, unit: '%' });
    expect(t('Tras_2@U1')).toMatchObject({ value: 24, comparator: '>=', unit: 'ore' });
    expect(t('Tras_3@U1')).toMatchObject({ value: -1, comparator: null });
    expect(get('Tras_3@U1').indicators[0]!.polarity).toBe('lower-better');
    expect(get('S2-1_1').indicators[0]).toMatchObject({ deadline: '2024-06-30', deadlineRaw: '30/06/2024', kind: 'attivita' });
  });

  it('inherits empty leading cells and joins rows broken by a page break', () => {
    // Line 126 continues S1-1_7 with a second indicator; lines 179-180 are one indicator split by a header.
    expect(get('S1-1_7').indicators.map((i) => i.name)).toEqual([
      "Presentazione atto all'organo competente per l'approvazione",
      'Procedimento partecipativo dei dipendenti',
    ]);
    const split = get('Tras_2@U5').indicators[1]!;
    expect(split).toMatchObject({ name: 'Personale partecipante ad almeno un corso', kind: 'dato', kindRaw: 'Dato di Qualità' });
    // Table 1: "… Implementazione" + next page "disposizioni previste …" is one operational objective.
    expect(plan.objectives.some((o) => o.title === 'PREVENZIONE DELLA CORRUZIONE E TRASPARENZA Implementazione disposizioni previste nel Piano triennale per la prevenzione della corruzione e trasparenza – PIAO Sez.2.3')).toBe(true);
    expect(plan.findings.filter((f) => f.messageId === 'joined').map((f) => f.source.line)).toEqual([34, 180]);
  });

  it('reads the period from the year columns and reports no error', () => {
    expect(plan.period).toEqual({ from: 2024, to: 2026 });
    expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('piao-2.2-table with the headers other administrations print', () => {
  // The seed with its table-2 headers renamed to common synonyms (issue 18: this lost 53 objectives and
  // every indicator, with no finding): Scadenza for Data Previsione, Responsabile for Ufficio, Codice for
  // N.ro Ob, Tipologia indicatore for Tipo Ind., Tipologia obiettivo for Tipo OB.
  it('reads the same 137 objectives and 64 indicators', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const renamed = readFileSync(seed.piao22, 'utf8')
      .replace(/Data Previsione/g, 'Scadenza')
      .replace(/\bUfficio\b/g, 'Responsabile')
      .replace(/N\.ro Ob/g, 'Codice')
      .replace(/Tipo Ind\./g, 'Tipologia indicatore')
      .replace(/Tipo OB/g, 'Tipologia obiettivo');
    const file = join(mkdtempSync(join(tmpdir(), 'piao-syn-')), 'piano.txt');
    writeFileSync(file, renamed);
    const other = await processFile(file, { skipValidation: true });
    expect(other.family).toBe('piao-2.2-table');
    expect(other.objectives).toHaveLength(137);
    expect(other.objectives.flatMap((o) => o.indicators)).toHaveLength(64);
    expect(other.objectives.flatMap((o) => o.indicators).filter((i) => i.deadline !== null)).toHaveLength(64);
  });
});
