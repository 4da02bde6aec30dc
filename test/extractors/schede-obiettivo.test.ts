import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import type { Objective, PlanDocument } from '../../models/plan.js';
import { expectCurated, expectedFileOf } from '../expected.js';
import { seed } from '../helpers.js';

let plan: PlanDocument;
const sheet = (line: number) => plan.objectives.find((o) => o.source.line === line)!;
const weightsByYear = (o: Objective) => {
  const sums = new Map<number, number>();
  for (const a of o.actions) if (a.weight !== null && a.year !== null) sums.set(a.year, (sums.get(a.year) ?? 0) + a.weight);
  return Object.fromEntries(sums);
};

beforeAll(async () => {
  plan = await processFile(seed.schede);
});

describe('schede-obiettivo on seed 003', () => {
  it('matches the curated expected file (sheets, actions with weights, deadlines and staff shares, the seed\'s anomalies)', () => {
    expectCurated(plan, expectedFileOf(seed.schede));
  });

  // The facts below were counted on the seed with grep, independently of the extractor.
  it('finds every sheet: 37 headers (OBIETTIVO, OBBIETTIVO, OGGETTO) and one sheet without a header (line 396)', () => {
    expect(plan.objectives).toHaveLength(38);
    expect(plan.objectives.filter((o) => o.scheda!.headerRaw === null).map((o) => o.source.line)).toEqual([396]);
    expect(plan.objectives.filter((o) => /^OBBIETTIVO/.test(o.scheda!.headerRaw ?? '')).map((o) => o.source.line)).toEqual([134, 525, 1210]);
    expect(sheet(608).scheda!.headerRaw).toMatch(/^OGGETTO GESTIONALE/);
    expect(plan.objectives.every((o) => o.level === 'gestionale')).toBe(true);
  });

  it('reads all 129 weighted action rows', () => {
    const actions = plan.objectives.flatMap((o) => o.actions);
    expect(actions).toHaveLength(129);
    expect(actions.every((a) => a.weight !== null)).toBe(true);
  });

  it('action weights: only two sheets do not add up to 100, with 110 and 125 (the seed\'s anomalies)', () => {
    const off = plan.objectives.flatMap((o) => Object.entries(weightsByYear(o)).filter(([, w]) => Math.abs(w - 100) > 0.01).map(([y, w]) => [o.source.line, Number(y), w]));
    expect(off).toEqual([[788, 2024, 110], [1565, 2024, 125]]);
  });

  it('staff shares: every action\'s shares add up to 100 except one at 95', () => {
    const sums = plan.objectives.flatMap((o) => o.actions.map((a) => [o.source.line, a.n, a.staff.filter((s) => s.share !== null).reduce((t, s) => t + s.share!, 0)] as const));
    expect(sums.filter(([, , t]) => t !== 0 && t !== 100)).toEqual([[563, 2, 95]]);
    expect(sheet(563).actions[1]!.staff.map((s) => [s.who, s.share, s.role])).toEqual([
      // line 599: "Dirigente dell'Area n. 1 | Tognoni Antonella 35% | Bellantoni Ilaria 30% | Arfanti Marco 30%"
      ["Dirigente dell'Area n. 1", null, 'responsabile'],
      ['Tognoni Antonella', 35, 'partecipante'],
      ['Bellantoni Ilaria', 30, 'partecipante'],
      ['Arfanti Marco', 30, 'partecipante'],
    ]);
  });

  it('reads the header: period (two sheets are 2023-2025), scope from every checkbox form', () => {
    expect(plan.period).toEqual({ from: 2024, to: 2026 });
    expect(plan.objectives.filter((o) => o.scheda!.period?.from === 2023).map((o) => o.source.line)).toEqual([440, 481]);
    expect(sheet(3).scheda!.scope).toBe('comune'); // X COMUNE <input checked=""…/> INDIVIDUALE
    expect(sheet(46).scheda!.scope).toBe('comune'); // X COMUNE □ INDIVIDUALE
    expect(sheet(90).scheda!.scope).toBe('individuale'); // □ COMUNE X INDIVIDUALE
    expect(sheet(181).scheda!.scope).toBe('individuale'); // <input type="checkbox"/> COMUNE X INDIVIDUALE
    expect(sheet(608).scheda!.scope).toBe('individuale'); // COMUNE x INDIVIDUALE
    expect(sheet(1479).scheda!.scope).toBe('individuale'); // □ COMUNEX INDIVIDUALE
    expect(sheet(134).scheda!.scope).toBeNull(); // COMUNE INDIVIDUALE, nothing ticked
  });

  it('reads the fields of a sheet, including OCR-damaged labels', () => {
    const s = sheet(226); // "Collaborante al bilancio"
    expect(s.budgetLink).toMatchObject({ missione: '01', programma: '08', programmaLabel: 'Statistica e Sistemi Informativi' });
    expect(s.manager).toBe('Dirigente Area 1');
    expect(s.unit).toBe('U.O. ICT Comunale');
    expect(s.mandateLine).toBe("ANCORA PIU' TRASPARENZA");
    const t = sheet(134); // labels and values in one cell, space separated
    expect(t.manager).toBe('Fulvio Pastorino');
    expect(t.scheda!.positionHolder).toBe('Cinzia Baruzzo');
    expect(t.budget).toEqual([{ chapter: '212508', year: 2024, amount: 108000, raw: '108.000,00' }]);
    expect(sheet(46).scheda!.dupStrategic).toMatch(/^Perfezionamento di un sistema/); // "Dip. - Sezione strategica"
  });

  it('parses deadlines and grading ladders of the actions', () => {
    const a = sheet(90).actions[2]!;
    expect(a).toMatchObject({ n: 3, year: 2024, weight: 15, deadline: '2024-12-31', deadlineRaw: 'Fino al 31/12/2024' });
    expect(a.grading!.steps).toEqual([
      { maxDelayDays: 0, percent: 100 },
      { maxDelayDays: 3, percent: 80 },
      { maxDelayDays: 10, percent: 50 },
      { maxDelayDays: 15, percent: 30 },
    ]);
    expect(sheet(396).actions.map((x) => [x.year, x.n, x.weight])).toEqual([
      [2024, 1, 40], [2024, 2, 40], [2024, 3, 20], [2025, 1, 70], [2025, 2, 30], [2026, 1, 70], [2026, 2, 30],
    ]);
  });

  it('keeps what it cannot parse, with a finding naming the sheet and line', () => {
    const tempi = plan.findings.filter((f) => f.rule === 'value-unreadable' && f.messageId === 'date');
    expect(tempi.length).toBeGreaterThan(0);
    for (const f of tempi) {
      expect(f.source.line).not.toBeNull();
      expect(f.message).toContain(`scheda ${f.objectiveId}`);
    }
    expect(sheet(1565).actions[0]!.deadlineRaw).toBe('Attività svolta quotidianamente.');
  });

  it('reads the PESATURA where it is filled in', () => {
    expect(sheet(1611).scheda!.pesatura).toEqual({
      criteria: [
        { name: 'RILEVANZA PER I CITTADINI', weight: 50, raw: '50' },
        { name: "INNOVATIVITA' DEL PROCESSO", weight: 15, raw: '15' },
        { name: "COMPLESSITA' IN TERMINI ORGANIZZATIVI", weight: 20, raw: '20' },
        { name: "BENEFICIO ECONOMICO PER L'ENTE", weight: 15, raw: '15' },
      ],
      total: 100,
      totalRaw: '100',
    });
  });
});
