import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import type { Objective, PlanDocument } from '../../models/plan.js';
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import { schedeObiettivo } from '../../extractors/schede-obiettivo.js';
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

/**
 * A sheet as a PDF reader gives it: tables with column spans (label/value rows), a merged cell over two rows,
 * header words other offices print (ATTIVITÀ, PESO %, SCADENZA) in another column order. Geometry by
 * construction: column c spans x = 40 + 100c … 140 + 100c, row r of a table y = top + 20r … top + 20r + 20.
 */
describe('schede-obiettivo on the table model', () => {
  type Spec = { text: string; span?: number; rows?: number };
  const box = (top: number, r: number, c: number, span = 1, rows = 1): [number, number, number, number] => [40 + 100 * c, top + 20 * r, 40 + 100 * (c + span), top + 20 * (r + rows)];
  function table(id: string, top: number, firstLine: number, grid: Spec[][]): { table: LayoutTable; lines: LayoutLine[] } {
    const cells: TableCell[] = [];
    const lines: LayoutLine[] = [];
    const covered = new Set<string>();
    grid.forEach((row, r) => {
      let c = 0;
      const lineCells: LayoutLine['cells'] = [];
      for (const spec of row) {
        while (covered.has(`${r},${c}`)) c++;
        const span = spec.span ?? 1;
        const rows = spec.rows ?? 1;
        for (let k = 1; k < rows; k++) for (let j = 0; j < span; j++) covered.add(`${r + k},${c + j}`);
        cells.push({ row: r, col: c, rowSpan: rows, colSpan: span, text: spec.text, header: false, page: 1, line: firstLine + r, bbox: box(top, r, c, span, rows) });
        lineCells.push({ text: spec.text, col: c, colSpan: span, bbox: box(top, r, c, span) });
        c += span;
      }
      lines.push({ page: 1, line: firstLine + r, text: row.map((s) => s.text).join('\t'), cells: lineCells, bbox: [40, top + 20 * r, 640, top + 20 * r + 20], table: { id, row: r } });
    });
    return { table: { id, pages: [1], rows: grid.length, cols: 6, headerRows: 0, cells, origin: 'lattice', confidence: 0.9 }, lines };
  }
  const fields = table('t1', 100, 2, [
    [{ text: 'Collegamento al bilancio' }, { text: 'Missione 01 – Servizi istituzionali', span: 2 }, { text: 'Programma 02 Segreteria generale', span: 3 }],
    [{ text: 'Dup - Sezione strategica' }, { text: 'Trasparenza', span: 2 }, { text: 'Dirigente responsabile' }, { text: 'Mario Rossi', span: 2 }],
    [{ text: 'UNITÀ ORGANIZZATIVA RESPONSABILE' }, { text: 'Altra unità organizzativa coinvolta', span: 5 }],
    [{ text: 'Ufficio Tributi' }, { text: 'Ufficio Ragioneria', span: 5 }],
  ]);
  const plan = table('t2', 200, 6, [
    [{ text: 'PIANO OPERATIVO 1° ANNUALITÀ', span: 6 }],
    [{ text: 'N.' }, { text: 'ATTIVITÀ' }, { text: 'PESO %' }, { text: 'SCADENZA' }, { text: 'INDICATORE' }, { text: 'VALORE ATTESO' }],
    [{ text: '1' }, { text: 'Ricognizione delle pratiche' }, { text: '60' }, { text: '30/06/2024', rows: 2 }, { text: 'Report' }, { text: '1' }],
    [{ text: '2' }, { text: 'Aggiornamento dell’archivio' }, { text: '40' }, { text: 'Archivio aggiornato' }, { text: 'SI' }],
  ]);
  const staff = table('t3', 300, 10, [
    [{ text: 'RISORSE UMANE', span: 6 }],
    [{ text: 'N.' }, { text: 'AZIONE' }, { text: 'RESPONSABILE' }, { text: '1' }, { text: '2' }],
    [{ text: '1' }, { text: 'Ricognizione delle pratiche' }, { text: 'Mario Rossi' }, { text: 'Anna Bianchi 70%' }, { text: 'Luca Verdi 30%' }],
  ]);
  const header: LayoutLine = { page: 1, line: 1, text: 'OBIETTIVO GESTIONALE 2024 – 2026 X COMUNE □ INDIVIDUALE', cells: [{ text: 'OBIETTIVO GESTIONALE 2024 – 2026 X COMUNE □ INDIVIDUALE', col: 0, bbox: [40, 80, 640, 95] }], bbox: [40, 80, 640, 95] };
  const layout: LayoutDocument = {
    pages: [{ number: 1, width: 842, height: 596, origin: 'pdf-text', lines: [header, ...fields.lines, ...plan.lines, ...staff.lines] }],
    tables: [fields.table, plan.table, staff.table],
  };
  const result = schedeObiettivo.extract(layout, { file: 'scheda.pdf', report: () => undefined });
  const so = result.objectives[0]!;

  it('knows the staff table by its header when its title is missing: its rows are staff, not actions', () => {
    const untitled = table('t3', 300, 10, [
      [{ text: 'N.' }, { text: 'AZIONE' }, { text: 'RESPONSABILE' }, { text: '1' }, { text: '2' }],
      [{ text: '1' }, { text: 'Ricognizione delle pratiche' }, { text: 'Mario Rossi' }, { text: 'Anna Bianchi 70%' }, { text: 'Luca Verdi 30%' }],
    ]);
    const pages = [{ ...layout.pages[0]!, lines: [header, ...fields.lines, ...plan.lines, ...untitled.lines] }];
    const read = schedeObiettivo.extract({ pages, tables: [fields.table, plan.table, untitled.table] }, { file: 'scheda.pdf', report: () => undefined }).objectives[0]!;
    expect(read.actions.map((a) => a.n)).toEqual([1, 2]);
    expect(read.actions[0]!.staff.map((s) => s.who)).toEqual(['Mario Rossi', 'Anna Bianchi', 'Luca Verdi']);
  });

  it('reads label/value rows from cells with column spans, the side label and its value in their own cells', () => {
    expect(result.objectives).toHaveLength(1);
    expect(so.budgetLink).toMatchObject({ missione: '01', programma: '02' });
    expect(so.scheda!.dupStrategic).toBe('Trasparenza');
    expect(so.manager).toBe('Mario Rossi');
    expect(so.unit).toBe('Ufficio Tributi');
    expect(so.scheda!.otherUnits).toEqual(['Ufficio Ragioneria']);
  });

  it('finds the action columns by their header words, and a cell merged over two rows belongs to both', () => {
    expect(so.actions.map((a) => [a.n, a.text, a.weight, a.deadline, a.indicator, a.expected])).toEqual([
      [1, 'Ricognizione delle pratiche', 60, '2024-06-30', 'Report', '1'],
      [2, 'Aggiornamento dell’archivio', 40, '2024-06-30', 'Archivio aggiornato', 'SI'],
    ]);
    expect(so.actions[0]!.staff.map((s) => [s.who, s.share, s.role])).toEqual([
      ['Mario Rossi', null, 'responsabile'],
      ['Anna Bianchi', 70, 'partecipante'],
      ['Luca Verdi', 30, 'partecipante'],
    ]);
  });

  it('gives every value the page and box of its own cell', () => {
    // Manager: table 1, row 1, column 4 (span 2); unit: row 3, column 0.
    expect(so.cells?.manager).toEqual({ page: 1, line: 3, bbox: [440, 120, 640, 140] });
    expect(so.cells?.unit?.bbox).toEqual([40, 160, 140, 180]);
    // Action 2: weight in column 2 of row 3; its deadline is the merged cell of rows 2-3, column 3.
    const a2 = so.actions[1]!;
    expect(a2.cells?.weight?.bbox).toEqual([240, 260, 340, 280]);
    expect(a2.cells?.deadline?.bbox).toEqual([340, 240, 440, 280]);
    expect(a2.cells?.expected?.bbox).toEqual([540, 260, 640, 280]);
    // «Luca Verdi 30%»: table 3, row 2, column 4.
    expect(so.actions[0]!.staff[2]!.source).toEqual({ page: 1, line: 12, bbox: [440, 340, 540, 360] });
  });
});

describe('schede-obiettivo on odd tables', () => {
  it('does not throw on empty tables, cells outside the grid, carried cells only and a huge cell', () => {
    const huge = 'N. '.repeat(400_000);
    const line = (n: number, text: string, table?: { id: string; row: number }): LayoutLine => ({ page: 1, line: n, text, cells: [{ text, col: 0 }], ...(table ? { table } : {}) });
    const layout: LayoutDocument = {
      pages: [{ number: 1, width: null, height: null, origin: 'text', lines: [
        line(1, 'OBIETTIVO GESTIONALE 2024 – 2026 X COMUNE'),
        line(2, 'PIANO OPERATIVO 1° ANNUALITÀ', { id: 't1', row: 0 }),
        line(3, huge, { id: 't1', row: 1 }),
        line(4, '1', { id: 't1', row: 2 }),
        line(5, 'x', { id: 'missing', row: 0 }),
      ] }],
      tables: [
        { id: 't1', pages: [1], rows: 3, cols: 2, headerRows: 0, origin: 'tabs', confidence: 1, cells: [
          { row: 0, col: 0, rowSpan: 3, colSpan: 1, text: 'PIANO OPERATIVO 1° ANNUALITÀ', header: false, page: 1, line: 2 },
          { row: 1, col: 1, rowSpan: 1, colSpan: 5, text: huge, header: false, page: 1, line: 3 },
          { row: 9, col: 7, rowSpan: 2, colSpan: 2, text: 'fuori', header: false, page: 1, line: 4 },
        ] },
        { id: 't2', pages: [1], rows: 0, cols: 0, headerRows: 0, origin: 'tabs', confidence: 1, cells: [] },
      ],
    };
    const result = schedeObiettivo.extract(layout, { file: 'strano.txt', report: () => undefined });
    expect(result.objectives).toHaveLength(1);
    expect(result.objectives[0]!.actions).toEqual([]);
  });
});
