import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import { PiaoConfig } from '../../models/config.js';
import { estimateObjectives } from '../../extractors/shared/coverage.js';
import { MIN_ESTIMATE, MIN_SHARE, objectivesMissed, underRead } from '../../pipeline/validate/rules/objectives-missed.js';
import { validateStage } from '../../pipeline/validate/engine.js';
import { createContext, type ReportInput, type WorkingDocument } from '../../pipeline/context.js';
import { formatMessage } from '../../pipeline/messages.js';
import { expectRuleShape, objective } from './harness.js';

// ---------------------------------------------------------------------------
// Small layouts: lines of a page, tables as grids
// ---------------------------------------------------------------------------

function line(n: number, text: string, page = 1): LayoutLine {
  return { page, line: n, text, cells: [{ text, col: 0 }] };
}

let tables = 0;
/** A ruled table: `rows[0]` the header; `span` merges a cell downwards: `{ '1,0': 3 }` (row 1, column 0, over 3 rows). */
function table(rows: string[][], span: Record<string, number> = {}, origin: LayoutTable['origin'] = 'lattice', headerRows = 1): LayoutTable {
  const cells: TableCell[] = [];
  const covered = new Set<string>();
  rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (covered.has(`${r},${c}`)) return;
      const rowSpan = span[`${r},${c}`] ?? 1;
      for (let k = 1; k < rowSpan; k++) covered.add(`${r + k},${c}`);
      cells.push({ row: r, col: c, rowSpan, colSpan: 1, text, header: r < headerRows, page: 1, line: 10 + r });
    }),
  );
  return { id: `t${++tables}`, pages: [1], rows: rows.length, cols: rows[0]!.length, headerRows, cells, origin, confidence: 1 };
}

/** `AMBITO: RICERCA` and `OB.2 - …` as one cell across the table (rows 1 and 3). */
function sectionTable(): LayoutTable {
  const t = table([['Codice', 'Obiettivo', 'Peso'], ['AMBITO: RICERCA', '', ''], ['R.1', 'Aumentare i fondi', '60'], ['OB.2 - Sezione codificata', '', ''], ['R.2', 'Dottorato', '40']]);
  t.cells = t.cells.filter((c) => !((c.row === 1 || c.row === 3) && c.col > 0)).map((c) => (c.row === 1 || c.row === 3 ? { ...c, colSpan: 3 } : c));
  return t;
}

function layout(lines: string[] = [], tablesOf: LayoutTable[] = []): LayoutDocument {
  return { pages: [{ number: 1, width: null, height: null, origin: 'text', lines: lines.map((t, i) => line(i + 1, t)) }], tables: tablesOf };
}

function objectives(n: number): Objective[] {
  return Array.from({ length: n }, (_, i) => objective({ id: `O${i + 1}` }));
}

function run(doc: LayoutDocument | null, read: number) {
  expectRuleShape(objectivesMissed);
  const reports: ReportInput<string>[] = [];
  objectivesMissed.check({ family: 'unknown', period: null, objectives: objectives(read), layout: doc }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

const objectiveRows = (n: number) => [['Obiettivo', 'Peso'], ...Array.from({ length: n }, (_, i) => [`Obiettivo numero ${i + 1} del settore`, String(i === 0 ? 100 - 5 * (n - 1) : 5)])];
const headings = (n: number) => Array.from({ length: n }, (_, i) => `Obiettivo n. ${i + 1} – Titolo dell'obiettivo ${i + 1}`);
const PROSE = [
  'Relazione illustrativa sul ciclo della performance',
  '1. Premessa',
  'Gli obiettivi sono proposti dai responsabili dei settori; ogni obiettivo ha un indicatore, un valore atteso',
  'e un peso, in modo che la somma dei pesi assegnati a ciascun responsabile sia pari a cento.',
  '2.1 Valore pubblico',
  'Obiettivo del Nucleo è ridurre gli obiettivi di mero mantenimento.',
];

describe('objectives-missed', () => {
  it.each([
    ['prose that talks about objectives without listing any', layout(PROSE), 0],
    ['every objective read', layout(headings(3)), 3],
    ['half read (boundary)', layout(headings(4)), 2],
    ['one heading only, none read (below the minimum estimate)', layout(headings(1)), 0],
    ['more read than estimated', layout([], [table(objectiveRows(3))]), 7],
    ['no layout (the file was not read)', null, 0],
  ])('valid: %s', (_name, doc, read) => {
    expect(run(doc, read)).toEqual([]);
  });

  it('invalid: 12 rows under «Obiettivo», none read: the message the user reads', () => {
    const reports = run(layout([], [table(objectiveRows(12))]), 0);
    expect(reports).toEqual([
      expect.objectContaining({
        messageId: 'noneColumn',
        data: { estimated: 12, read: 0, count: 12, label: 'Obiettivo', columns: 1, page: 1 },
        source: { page: 1, line: 11 },
        actual: 0,
        expected: 12,
      }),
    ]);
    expect(formatMessage(objectivesMissed.messages.noneColumn.it, reports[0]!.data!)).toBe(
      'Il documento sembra contenere circa 12 obiettivi (12 righe sotto la colonna «Obiettivo», pagina 1) ma ne sono stati letti 0.',
    );
  });

  it.each([
    ['two headings, none read (the minimum estimate)', layout(headings(2)), 0, 'noneHeadings', 2],
    ['five headings, two read (below half)', layout(headings(5)), 2, 'fewerHeadings', 5],
    ['sheets labelled «Obiettivo:»', layout(['Obiettivo: Riduzione dei tempi', 'Peso: 40', 'Obiettivo: Appropriatezza', 'Peso: 60', 'Obiettivo: Dematerializzazione']), 0, 'noneLabels', 3],
    ['weights adding up to 100', layout([], [table([['Settore', 'Peso obiettivo'], ['Ragioneria', '40'], ['Tributi', '35'], ['Personale', '25'], ['Totale', '100']])]), 0, 'noneWeights', 3],
    [
      'strategic and operational columns',
      layout([], [table([['Obiettivo strategico', 'Obiettivo operativo', 'Target'], ['S1 - Tutela', 'O1.1 - Monitoraggio', '10'], ['S1 - Tutela', 'O1.2 - Prevenzione', '20'], ['S2 - Fruizione', 'O2.1 - Sentieri', '30']], { '1,0': 2 })]),
      1,
      'fewerColumns',
      5,
    ],
  ])('invalid: %s', (_name, doc, read, messageId, estimated) => {
    expect(run(doc, read)).toEqual([expect.objectContaining({ messageId, actual: read, expected: estimated, data: expect.objectContaining({ estimated, read }) })]);
  });

  it('severity: error when none was read, warning when some were; the configuration sets both', () => {
    const severities = (read: number, rules: Record<string, string> = {}) => {
      const config = PiaoConfig.parse({ rules });
      const doc = { source: { path: 'piano.txt' }, layout: layout(headings(6)), family: 'unknown', period: null, scoring: null, objectives: objectives(read), findings: [], halted: false } as unknown as WorkingDocument;
      validateStage([objectivesMissed])(doc, createContext(config));
      return doc.findings.map((f) => f.severity);
    };
    expect(severities(0)).toEqual(['error']);
    expect(severities(2)).toEqual(['warning']);
    expect(severities(3)).toEqual([]);
    expect(severities(0, { 'objectives-missed': 'warn' })).toEqual(['warning']);
    expect(severities(2, { 'objectives-missed': 'error' })).toEqual(['error']);
    expect(severities(0, { 'objectives-missed': 'off' })).toEqual([]);
  });
});

describe('estimateObjectives', () => {
  it.each([
    ['a merged cell counts once', [table([['Descrizione obiettivo', 'Indicatori'], ['FIN.01 - Pagamenti', 'a'], ['', 'b'], ['FIN.02 - Tributi', 'c']], { '1,0': 2 })], 2],
    ['the same text in several rows counts once', [table([['Codice', 'Obiettivo strategico', 'Indicatore'], ['D.1', 'Ridurre gli abbandoni', 'a'], ['D.1', 'Ridurre gli abbandoni', 'b'], ['D.2', 'Ampliare l\'offerta', 'c']])], 2],
    ['totals, footers, wrapped lines and repeated headers are not objectives', [table([['Obiettivo', 'Peso'], ['Riduzione dei tempi', '50'], ['di pagamento delle fatture', ''], ['Obiettivo', 'Peso'], ['Recupero evasione', '50'], ['Pagina 1 di 2', ''], ['TOTALE', '100']])], 2],
    ['a weight, an indicator, an achievement column is not an objective column', [table([['Peso obiettivo', 'Indicatore dell\'obiettivo', 'Grado di raggiungimento dell\'obiettivo'], ['30', 'Tempo medio', '100%'], ['70', 'Pratiche', '90%']])], 2],
    ['a column of mostly coded entries counts its codes only', [table([['Obiettivo generale', 'Target'], ['G1.1 - Conservazione', '1'], ['Semplificazione', ''], ['G1.2 - Ripristino', '2'], ['G2.1 - Rete', '3']])], 3],
    ['levels add up, one level counts its largest column', [table([['Obiettivo strategico (codice)', 'Obiettivo operativo (codice)', 'Descrizione dell\'obiettivo operativo'], ['1.1', '1.1.1', 'Protocollo digitale'], ['1.1', '1.1.2', 'Regolamento accesso'], ['1.2', '1.2.1', 'Formazione'], ['1.2', '1.2.2', 'Piano urbanistico']])], 6],
    ['rows across the whole table are sections unless coded', [sectionTable()], 3],
    ['a «Codice» column beside an objective column holds their codes', [table([['Codice', 'Obiettivo', 'Peso'], ['OB.1.1', 'Case della comunità', '40'], ['OB.1.2', 'territoriale e liste di attesa', '30'], ['OB.2.1', 'FESR', '30']])], 3],
    ['a «Codice» column alone is not an objective column', [table([['Codice', 'Indicatore', 'Target'], ['I.1', 'Tempo medio', '10'], ['I.2', 'Pratiche', '20'], ['I.3', 'Utenti', '30']])], 0],
    ['a table without header rows: its first row naming objectives is the header', [table([['Descrizione obiettivo', 'Peso obiettivo'], ['LLPP.02 - Strade', '35'], ['LLPP.03 - Rifiuti', '25']], {}, 'aligned', 0)], 2],
    ['wrapped lines of a table read from alignment: only rows with short values start a record', [table([['Obiettivo', 'Peso', 'Scadenza'], ['Riduzione dei tempi', '40', '31/12'], ['Medi Di Pagamento', '', ''], ['Recupero', '60', '30/06'], ['Evasione Tributi', '', '']], {}, 'aligned')], 2],
  ])('tables: %s', (_name, tablesOf, count) => {
    expect(estimateObjectives(layout([], tablesOf)).estimated).toBe(count);
  });

  it.each([
    ['«Obiettivo n. N –» headings, distinct', ['Obiettivo n. 1 – Tempi', 'Obiettivo n. 2 – Voucher', 'Obiettivo n. 1 – Tempi'], 2],
    ['«Obiettivo 1.1 -» headings and coded expected results', ['Obiettivo 3.1 - Competenze', 'RA3.1.1 - Rete', 'RA3.1.2 - Cittadini', 'Obiettivo 3.2 - Formare'], 4],
    ['«Obiettivo strategico: …» and «OBIETTIVO N. 4»', ['Obiettivo strategico: Tutela del territorio', 'OBIETTIVO N. 4', 'Obiettivo operativo: Sentieri'], 3],
    ['coded headings with a title', ['OB.1 - Sanità territoriale', 'OB.2 - Competitività', '01.01 Digitalizzazione degli atti (peso 60%)'], 3],
    ['section numbers, dates and grouped numbers are not codes', ['2.1 Valore pubblico', '2.2 Performance', '31.03.2025 - Scadenza', '1.200 - Avvisi'], 0],
    ['a list of codes alone on their lines (at least three)', ['OP.1', 'Completamento del fascicolo', 'OP.2', 'Riduzione dei tempi', 'OP.3', 'Piano delle manutenzioni'], 3],
    ['two codes alone are not a list', ['OP.1', 'Completamento', 'OP.2', 'Riduzione'], 0],
    ['sheets: each label once per sheet, the most frequent counts', ['Obiettivo: A', 'Descrizione dell\'obiettivo: a', 'Obiettivo: B', 'Descrizione dell\'obiettivo: b', 'Obiettivo: C'], 3],
    ['«Peso:» lines adding up to 100', ['Peso: 5%', 'Peso: 15%', 'Peso: 80%', 'Peso: 30%'], 3],
    ['prose', PROSE, 0],
  ])('lines: %s', (_name, lines, count) => {
    expect(estimateObjectives(layout(lines)).estimated).toBe(count);
  });

  it('evidence: every kind found, the largest first, with what was seen and where', () => {
    const doc = layout(['Premessa', ...headings(3)], [table(objectiveRows(4))]);
    expect(estimateObjectives(doc)).toEqual({
      estimated: 4,
      evidence: [
        { kind: 'tableRows', count: 4, label: 'Obiettivo', columns: 1, page: 1, line: 11 },
        { kind: 'weights', count: 4, label: 'Peso', columns: 1, page: 1, line: 11 },
        { kind: 'headings', count: 3, label: 'Obiettivo n. 1 – Titolo dell\'obiettivo 1', columns: 1, page: 1, line: 2 },
      ],
    });
  });
});

describe('objectives-missed: the thresholds (an estimate of at least 2, fewer than half of it read)', () => {
  it('some read is a warning for every kind of evidence, none read an error', () => {
    const ids = Object.keys(objectivesMissed.messages);
    expect(ids.filter((id) => id.startsWith('fewer')).map((id) => objectivesMissed.messageSeverity?.[id as keyof typeof objectivesMissed.messages])).toEqual(['warning', 'warning', 'warning', 'warning', 'warning']);
    expect(ids.filter((id) => id.startsWith('none')).map((id) => objectivesMissed.messageSeverity?.[id as keyof typeof objectivesMissed.messages])).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(objectivesMissed.severity).toBe('error');
  });
  it('the constants', () => {
    expect([MIN_ESTIMATE, MIN_SHARE]).toEqual([2, 0.5]);
  });
  it.each([
    [0, 2, true],
    [0, 1, false],
    [1, 2, false],
    [2, 5, true],
    [3, 6, false],
    [2, 6, true],
    [4, 7, false],
    [0, 0, false],
    [0, null, false],
    [0, undefined, false],
  ])('%s read of %s estimated: under-read %s', (read, estimated, expected) => {
    expect(underRead(read, estimated)).toBe(expected);
  });
  it('the whole report: the path, the place of the first evidence, the message by evidence kind', () => {
    expect(run(layout(headings(5)), 1)).toEqual([
      {
        messageId: 'fewerHeadings',
        data: { estimated: 5, read: 1, count: 5, label: expect.any(String), columns: expect.anything(), page: 1 },
        path: ['objectives'],
        source: { page: 1, line: 1 },
        actual: 1,
        expected: 5,
      },
    ]);
    expect(run(layout([], [table(objectiveRows(4))]), 1).map((r) => r.messageId)).toEqual(['fewerColumn']);
  });
});

// The estimate on the office-made plans of fixtures/layouts and on the seeds read in full: test/extractors/shared/coverage.test.ts.
