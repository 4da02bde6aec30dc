import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import { layoutFromText } from '../../pipeline/ingest/text.js';
import { assembleTables } from '../../pipeline/layout/tables.js';
import { ROLES, piao22Table } from '../../extractors/piao-2.2-table.js';
import { columnRoles } from '../../extractors/shared/header-roles.js';
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
    const { readFileSync } = await import('node:fs');
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

/** A two-table section 2.2 as a text export: one row per line, cells separated by tabs. */
const section = (tree: string[], gestionali: string[], rows: string[][], marks = ['X', '-', '-'], missione = '[05] Tutela e valorizzazione dei beni e delle attività culturali') =>
  [
    'Sezione 2.2 – PERFORMANCE',
    '',
    tree.join('\t'),
    ['SETTORE CULTURA', 'U.O.C. Biblioteca', '3-CULTURA', 'Promuovere la lettura', missione, 'Apertura serale della biblioteca', '', ...marks].join('\t'),
    '',
    'Gli obiettivi gestionali di ciascun obiettivo operativo, con i loro indicatori, sono nella tabella che segue.',
    '',
    gestionali.join('\t'),
    ...rows.map((r) => r.join('\t')),
    '',
  ].join('\n');
const TREE = ['Settore/UA', 'UOC/UA', 'Linea Mandato', 'Obiettivi Strategici', 'Missioni', 'Obiettivi Operativi', 'Tipo OB', '2024', '2025', '2026'];
const GESTIONALI = ['Settore/UAO', 'UOC/UAO', 'N.ro Ob', 'Tipo OB', 'Obiettivi Operativi', 'Obiettivi Gestionali', 'Indicatori', 'Ufficio/Personale', 'Tipo Ind.', 'Data Previsione', 'Target'];
const C11 = ['SETTORE CULTURA', 'U.O.C. Biblioteca', 'C-1_1', '', 'Apertura serale della biblioteca', 'Orario serale due giorni a settimana'];

describe('piao-2.2-table on odd rows: a finding each, never a crash', () => {
  it('an indicator row before any code is skipped; an unreadable type, date and target are reported, their text kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-odd-'));
    const file = join(dir, 'piano.txt');
    writeFileSync(file, section(TREE, GESTIONALI, [
      ['', '', '', '', '', '', 'Prestiti serali', 'Biblioteca', 'Attività', '31/12/2024', '5 (100%)'],
      [...C11, 'Giorni di apertura serale', 'Biblioteca', 'Boh', 'entro fine anno', 'da definire'],
    ]));
    const plan = await processFile(file, { skipValidation: true });
    expect(plan.family).toBe('piao-2.2-table');
    expect(plan.findings.map((f) => [f.rule, f.messageId, f.objectiveId ?? null])).toEqual([
      ['row-unaligned', 'skipped', null],
      ['value-unreadable', 'kind', 'C-1_1'],
      ['value-unreadable', 'date', 'C-1_1'],
      ['value-unreadable', 'number', 'C-1_1'],
    ]);
    const [ind] = plan.objectives.find((o) => o.code === 'C-1_1')!.indicators;
    expect(ind).toMatchObject({ name: 'Giorni di apertura serale', kind: null, kindRaw: 'Boh', deadline: null, deadlineRaw: 'entro fine anno' });
    expect(ind!.targets).toMatchObject([{ raw: 'da definire', value: null, year: 2024 }]);
  });
});

describe('piao-2.2-table header vocabulary: the same tables under the headers other offices print', () => {
  it.each([
    ['Settore/UA', 'sector'], ['Area', 'sector'], ['Direzione', 'sector'], ['UOC/UA', 'unit'], ['Servizio', 'unit'],
    ['Linea Mandato', 'mandate'], ['Linee programmatiche', 'mandate'], ['Obiettivi Strategici', 'strategic'], ['Obiettivo strategico', 'strategic'],
    ['Missioni', 'missione'], ['Missione/Programma', 'missione'], ['Obiettivi Operativi', 'operativo'], ['Obiettivo operativo', 'operativo'],
    ['Obiettivi Gestionali', 'gestionale'], ['Obiettivo esecutivo', 'gestionale'], ['N.ro Ob', 'code'], ['Codice', 'code'], ['Cod.', 'code'],
    ['Tipo OB', 'type'], ['Tipologia obiettivo', 'type'], ['Indicatori', 'indicator'], ['Indicatore di risultato', 'indicator'],
    ['Ufficio/Personale', 'office'], ['Responsabile', 'office'], ['Tipo Ind.', 'kind'], ['Tipologia indicatore', 'kind'], ['Dimensione', 'kind'],
    ['Data Previsione', 'deadline'], ['Scadenza', 'deadline'], ['Tempistica', 'deadline'], ['Target', 'target'], ['Valore atteso', 'target'], ['Target 2025', 'target'], ['Baseline', 'baseline'], ['Valore di partenza 2023', 'baseline'],
    // Typing and OCR slips in a word of four letters or more.
    ['Obbiettivi Operativi', 'operativo'], ['Indicatcri', 'indicator'], ['Scadenze', 'deadline'],
  ])('%s -> %s', (header, role) => {
    expect(columnRoles([header], ROLES)).toEqual({ [role]: 0 });
  });

  it.each([['Note'], ['Peso'], ['Stato di attuazione'], ['Obiettivi'], ['Tipo'], ['2024']])('%s is none of them', (header) => {
    expect(columnRoles([header], ROLES)).toEqual({});
  });

  it.each([
    ['[05] Tutela e valorizzazione dei beni e delle attività culturali', '05', 'Tutela e valorizzazione dei beni e delle attività culturali', null, null],
    ['Missione 05 – Tutela e valorizzazione dei beni e delle attività culturali', '05', 'Tutela e valorizzazione dei beni e delle attività culturali', null, null],
    ['Missione n. 5 Tutela e valorizzazione dei beni; Programma 02 - Attività culturali', '05', 'Tutela e valorizzazione dei beni', '02', 'Attività culturali'],
    ['05 - Tutela e valorizzazione dei beni / Programma 2', '05', 'Tutela e valorizzazione dei beni', '02', null],
    ['Tutela dei beni culturali', null, null, null, null],
  ])('mission cell %s -> missione %s', (cell, missione, missioneLabel, programma, programmaLabel) => {
    const result = piao22Table.extract(assembleTables(layoutFromText(section(TREE, GESTIONALI, [], undefined, cell))), { file: 'piano.txt', report: () => undefined });
    expect(result.objectives.find((o) => o.level === 'operativo')!.budgetLink).toEqual({ missione, missioneLabel, programma, programmaLabel, raw: cell });
  });

  it('reads the year marks by column: a year left blank is not the next year\'s mark', () => {
    const text = section(TREE, GESTIONALI, [], ['X', '', 'X']);
    const result = piao22Table.extract(assembleTables(layoutFromText(text)), { file: 'piano.txt', report: () => undefined });
    expect(result.objectives.find((o) => o.level === 'operativo')!.years).toEqual([2024, 2026]);
  });

  it('reads the two tables under renamed and reordered headers, each value from its column', () => {
    const tree = ['Area', 'Servizio', 'Linee programmatiche', 'Obiettivo strategico', 'Missione', 'Obiettivo operativo', 'Tipologia', '2024', '2025', '2026'];
    // Indicator columns reordered: target before the deadline, responsible last.
    const gestionali = ['Area', 'Servizio', 'Codice', 'Tipologia obiettivo', 'Obiettivo operativo', 'Obiettivo esecutivo', 'Indicatore', 'Tipologia indicatore', 'Valore atteso', 'Scadenza', 'Responsabile'];
    const text = section(tree, gestionali, [[...C11, 'Giorni di apertura serale', 'Efficacia', '>= 2', '30/06/2024', 'Biblioteca']]);
    const findings: string[] = [];
    const result = piao22Table.extract(assembleTables(layoutFromText(text)), { file: 'piano.txt', report: (check, input) => void findings.push(`${check.id}/${input.messageId}`) });
    expect(findings).toEqual([]);
    expect(result.period).toEqual({ from: 2024, to: 2026 });
    const [op, gest] = [result.objectives.find((o) => o.level === 'operativo')!, result.objectives.find((o) => o.code === 'C-1_1')!];
    expect(op).toMatchObject({ title: 'Apertura serale della biblioteca', unit: 'U.O.C. Biblioteca', sector: 'SETTORE CULTURA', years: [2024] });
    expect(op.budgetLink).toMatchObject({ missione: '05' });
    expect(gest).toMatchObject({ parentId: op.id, title: 'Orario serale due giorni a settimana', unit: 'U.O.C. Biblioteca' });
    expect(gest.indicators).toMatchObject([
      { name: 'Giorni di apertura serale', kind: 'efficacia', deadline: '2024-06-30', office: 'Biblioteca', targets: [{ raw: '>= 2', value: 2, comparator: '>=' }] },
    ]);
  });
});

describe('piao-2.2-table: a baseline column and one target column per year', () => {
  it('each year\'s target from its own column, the baseline with the year its header names (else the year before the plan)', () => {
    const gestionali = ['Settore', 'UOC', 'Codice', 'Tipo OB', 'Obiettivi Operativi', 'Obiettivi Gestionali', 'Indicatori', 'Tipo Ind.', 'Valore di partenza 2023', 'Target 2024', 'Target 2025', 'Target 2026'];
    const text = section(TREE, gestionali, [
      [...C11, 'Giorni di apertura serale', 'Efficacia', '1', '2', '', '>= 3'],
      ['', '', '', '', '', '', 'Utenti serali', 'Efficacia', '120', '150', '180', '200'],
    ]);
    const result = piao22Table.extract(assembleTables(layoutFromText(text)), { file: 'piano.txt', report: () => undefined });
    const [days, users] = result.objectives.find((o) => o.code === 'C-1_1')!.indicators;
    expect(days!.baseline).toEqual({ year: 2023, value: 1, raw: '1' });
    expect(days!.targets.map((t) => [t.year, t.raw, t.value])).toEqual([[2024, '2', 2], [2026, '>= 3', 3]]);
    expect(users).toMatchObject({ name: 'Utenti serali', baseline: { year: 2023, value: 120 } });
    expect(users!.targets.map((t) => [t.year, t.value])).toEqual([[2024, 150], [2025, 180], [2026, 200]]);

    const undated = section(TREE, gestionali.map((h) => (h.startsWith('Valore di partenza') ? 'Baseline' : h)), [[...C11, 'Giorni di apertura serale', 'Efficacia', '1', '2', '2', '3']]);
    const other = piao22Table.extract(assembleTables(layoutFromText(undated)), { file: 'piano.txt', report: () => undefined });
    expect(other.objectives.find((o) => o.code === 'C-1_1')!.indicators[0]!.baseline).toEqual({ year: 2023, value: 1, raw: '1' });
  });
});
