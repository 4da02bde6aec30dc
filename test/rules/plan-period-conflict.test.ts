import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, LayoutTable } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { planPeriodConflict } from '../../pipeline/validate/rules/plan-period-conflict.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, objective } from './harness.js';

const layout = (texts: string[], tables: LayoutTable[] = []): LayoutDocument => ({
  pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }],
  tables,
});
const yearsTable = (...years: string[]): LayoutTable => ({
  id: 't1', pages: [1], rows: 2, cols: years.length + 1, headerRows: 1, origin: 'tabs', confidence: 1,
  cells: ['Indicatore', ...years].map((text, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, text, header: true, page: 1, line: 9 })),
});

function run(texts: string[], tables: LayoutTable[] = [], objectives: Objective[] = [objective({ id: 'O1', code: '1', source: { page: 1, line: 4 } })]) {
  const reports: ReportInput<string>[] = [];
  planPeriodConflict.check({ family: 'generic', period: { from: 2024, to: 2026 }, objectives, layout: layout(texts, tables) }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

describe('plan-period-conflict', () => {
  const valid: [string, string[], LayoutTable[]][] = [
    ['the introduction names the plan period', ['Il presente Piano della performance 2024-2026 individua', '', '', 'Obiettivo n. 1'], []],
    ['the introduction names another document', ['in coerenza con il DUP 2023/2025 e il Bilancio di previsione 2025-2027', '', '', 'Obiettivo n. 1'], []],
    ['a heading of the first year', ['', '', '', 'Obiettivo n. 1', 'ANNO 2024'], []],
    ['a heading of the last year', ['', '', '', 'Obiettivo n. 1', 'ANNO 2026'], []],
    ['a heading with a span inside the plan', ['', '', '', 'Obiettivo n. 1', 'ANNO 2025 - 2026'], []],
    ['a prose sentence with another year', ['', '', '', 'Obiettivo n. 1', 'Il progetto, avviato nel 2022, prosegue nel 2023.'], []],
    ['a baseline column the year before the plan', ['', '', '', 'Obiettivo n. 1'], [yearsTable('2023', '2024', '2025', '2026')]],
    ['the plan\'s year columns', ['', '', '', 'Obiettivo n. 1'], [yearsTable('Target 2024', 'Target 2025', 'Target 2026')]],
    ['a table row read as a line, in small letters', ['', '', '', 'Obiettivo n. 1', 'anno 2023- dirigenti; incaricati'], []],
    ['a heading naming another plan', ['', '', '', 'Obiettivo n. 1', 'PIANO TRIENNALE PER L\'INFORMATICA 2027-2029'], []],
  ];
  it.each(valid)('valid: %s', (_name, texts, tables) => {
    expect(run(texts, tables)).toEqual([]);
  });

  it.each<[string, string[], LayoutTable[], string, string]>([
    ['the introduction names the previous PIAO', ['allegato al Piano integrato di attività e', 'organizzazione 2023-2025, gli obiettivi', '', 'Obiettivo n. 1'], [], 'introduction', '2023-2025'],
    ['a heading of the year before the plan', ['', '', '', 'Obiettivo n. 1', 'PERFORMANCE 2023'], [], 'heading', '2023'],
    ['a heading of the year after the plan', ['', '', '', 'Obiettivo n. 1', 'ANNO 2027'], [], 'heading', '2027'],
    ['a heading with a span one year later', ['', '', '', 'Obiettivo n. 1', 'SEZIONE 2.2 PERFORMANCE 2025-2027'], [], 'heading', '2025-2027'],
    ['a table column two years before the plan', ['', '', '', 'Obiettivo n. 1'], [yearsTable('2022', '2023', '2024')], 'heading', '2022'],
    ['a table column after the plan', ['', '', '', 'Obiettivo n. 1'], [yearsTable('2025', '2026', '2027')], 'heading', '2027'],
  ])('invalid: %s', (_name, texts, tables, messageId, actual) => {
    expect(run(texts, tables).map((r) => [r.messageId, r.actual])).toEqual([[messageId, actual]]);
  });

  it('is reported once per document, with the count', () => {
    const reports = run(['', '', '', 'Obiettivo n. 1', 'ANNO 2023', 'testo', 'ANNO 2023', 'ANNO 2027']);
    expect(reports.map((r) => [r.messageId, r.source?.line, r.data?.count])).toEqual([['heading', 5, 3]]);
  });

  it('the sheet headers are period-mismatch\'s, not this rule\'s', () => {
    const sheet = objective({ id: 'O1', source: { page: 1, line: 4 }, scheda: { period: { from: 2023, to: 2025 }, headerRaw: 'OBIETTIVO GESTIONALE 2023 – 2025', scope: null, dupStrategic: null, dupOperational: null, positionHolder: null, referents: null, baseline: null, target: null, stakeholders: null, otherUnits: [], pesatura: null } });
    expect(run(['', '', '', 'OBIETTIVO GESTIONALE 2023 – 2025', 'x', 'OBIETTIVO GESTIONALE 2023 – 2025'], [], [sheet])).toEqual([]);
  });

  endToEnd('end to end: seed 002 has a section «PERFORMNCE 2023» in the PIAO 2024-2026; the same with 2024 has none', async () => {
    const file = join(ROOT, 'fixtures', 'seeds', '002_7ec37e340e3bd953.txt');
    const found = (await processFile(file)).findings.filter((f) => f.rule === 'plan-period-conflict');
    expect(found.map((f) => [f.messageId, f.raw, f.source.line, f.related?.line])).toEqual([['heading', 'PERFORMNCE 2023', 95, 5]]);
    const fixed = join(mkdtempSync(join(tmpdir(), 'piao-heading-')), 'piao.txt');
    writeFileSync(fixed, readFileSync(file, 'utf8').replace('PERFORMNCE 2023', 'PERFORMNCE 2024'));
    expect((await processFile(fixed)).findings.filter((f) => f.rule === 'plan-period-conflict')).toEqual([]);
  });

  endToEnd('end to end: seed 004 is attached to the PIAO 2024-2026, its sheets are 2025-2027', async () => {
    const found = (await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'))).findings.filter((f) => f.rule === 'plan-period-conflict');
    expect(found.map((f) => [f.messageId, f.actual, f.expected, f.source.line, f.related?.line])).toEqual([['introduction', '2024-2026', '2025-2027', 10, 1732]]);
  });
});
