import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutTable } from '../../models/layout.js';
import type { Allocation, Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { objectiveNumberMissing } from '../../pipeline/validate/rules/objective-number-missing.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, objective } from './harness.js';

const title = 'Efficientamento nella gestione dei servizi sociali';
const layout = (texts: string[], tables: LayoutTable[] = []): LayoutDocument => ({
  pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }],
  tables,
});
/** A summary table: header «N.» | «Obiettivo», one row per objective, on lines 20, 21, … */
const summary = (header: string, ...rows: [string, string][]): LayoutTable => ({
  id: 't1', pages: [1], rows: rows.length + 1, cols: 2, headerRows: 1, origin: 'tabs', confidence: 1,
  cells: [
    { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: header, header: true, page: 1, line: 19 },
    { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: 'Obiettivo', header: true, page: 1, line: 19 },
    ...rows.flatMap(([code, text], r) => [
      { row: r + 1, col: 0, rowSpan: 1, colSpan: 1, text: code, header: false, page: 1, line: 20 + r },
      { row: r + 1, col: 1, rowSpan: 1, colSpan: 1, text, header: false, page: 1, line: 20 + r },
    ]),
  ],
});
const allocation = (row: number | null, rowPrinted = true): Allocation => ({
  row, rowPrinted, group: 'settore', groupRaw: null, periodRaw: null, staffRaw: null, category: null, staffCount: null,
  categoryWeight: null, coefficient: null, totalCoefficient: null, amount: null, amountRaw: null, source: { page: 1, line: 30 },
});

function run(heading: string, over: Partial<Objective>, tables: LayoutTable[] = []) {
  const reports: ReportInput<string>[] = [];
  const objectives = [objective({ id: 'O1', code: null, title, source: { page: 1, line: 2 }, ...over })];
  objectiveNumberMissing.check({ family: 'generic', period: null, objectives, layout: layout(['PERFORMANCE ORGANIZZATIVA', heading, `OBIETTIVO: ${title}.`], tables) }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

describe('objective-number-missing', () => {
  const valid: [string, string, Partial<Objective>, LayoutTable[]][] = [
    ['the heading has its number', 'OBIETTIVO N. 16', { allocation: allocation(16) }, []],
    ['the objective was read with its code', 'OBIETTIVO N.', { code: '16', allocation: allocation(16) }, []],
    ['the table row number was not printed (recovered from the order)', 'OBIETTIVO N.', { allocation: allocation(16, false) }, []],
    ['no table names it', 'OBIETTIVO N.', {}, [summary('N.', ['15', 'Presidio del territorio con unità cinofila'])]],
    ['a table names it without a number column', 'OBIETTIVO N.', {}, [summary('Settore', ['Sociale', title])].map((t) => ({ ...t, cells: t.cells.map((c) => (c.col === 0 ? { ...c, col: 2 } : c)) }))],
    ['a heading without a numbering label', 'PERFORMANCE ORGANIZZATIVA 2025', { allocation: allocation(16) }, []],
  ];
  it.each(valid)('valid: %s', (_name, heading, over, tables) => {
    expect(run(heading, over, tables)).toEqual([]);
  });

  it.each<[string, string, Partial<Objective>, LayoutTable[], string, number]>([
    ['the allocation row is printed', 'OBIETTIVO N.', { allocation: allocation(16) }, [], '16', 30],
    ['a dash where the number should be', 'Obiettivo n. – Efficientamento', { allocation: allocation(1) }, [], '1', 30],
    ['a generic summary table with a code column', 'Obiettivo n.:', {}, [summary('Cod.', ['OB.1.2', 'Presidio del territorio'], ['OB.1.3', `${title} e sociosanitari`])], 'OB.1.3', 21],
  ])('invalid: %s', (_name, heading, over, tables, code, relatedLine) => {
    const reports = run(heading, over, tables);
    expect(reports.map((r) => [r.expected, r.source?.line, r.related?.line, r.suggestion?.value])).toEqual([[code, 2, relatedLine, code]]);
  });

  // The label may stand up to three lines above the line the objective was read on, or on the line below it.
  it.each<[string, string[], number, number]>([
    ['three lines above', ['OBIETTIVO N.', 'Settore Servizi Sociali', 'Responsabile: Dott. Rossi', title], 4, 1],
    ['on the line below', [title, 'OBIETTIVO N.', 'Settore Servizi Sociali'], 1, 2],
  ])('invalid: the label %s', (_name, texts, at, labelLine) => {
    const reports: ReportInput<string>[] = [];
    objectiveNumberMissing.check({ family: 'generic', period: null, objectives: [objective({ code: null, title, source: { page: 1, line: at }, allocation: allocation(16) })], layout: layout(texts) }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    expect(reports.map((r) => [r.source?.line, r.expected])).toEqual([[labelLine, '16']]);
  });

  it.each<[string, string[], number]>([
    ['four lines above', ['OBIETTIVO N.', 'Settore Servizi Sociali', 'Responsabile: Dott. Rossi', 'Anno 2025', title], 5],
    ['two lines below', [title, 'Settore Servizi Sociali', 'OBIETTIVO N.'], 1],
  ])('valid: the label %s is another heading', (_name, texts, at) => {
    const reports: ReportInput<string>[] = [];
    objectiveNumberMissing.check({ family: 'generic', period: null, objectives: [objective({ code: null, title, source: { page: 1, line: at }, allocation: allocation(16) })], layout: layout(texts) }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    expect(reports).toEqual([]);
  });

  it('odd data does not throw', () => {
    const reports: ReportInput<string>[] = [];
    objectiveNumberMissing.check({ family: 'generic', period: null, objectives: [objective({ code: null, title: '', source: { page: null, line: null } })], layout: null }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
    expect(reports).toEqual([]);
  });

  endToEnd('end to end: seed 004, the sheet «OBIETTIVO N.» of row 16 of the weighting table', async () => {
    // Line 3265: « OBIETTIVO N. »; line 1041: the table row «16 … Efficientamento nella gestione dei servizi sociali».
    const found = (await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'))).findings.filter((f) => f.rule === 'objective-number-missing');
    expect(found.map((f) => [f.expected, f.source.line, f.related?.line, f.suggestion?.value])).toEqual([['16', 3265, 1041, '16']]);
  });
});
