import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Objective, Period } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { proseDateOutsidePeriod } from '../../pipeline/validate/rules/prose-date-outside-period.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { action, endToEnd, objective } from './harness.js';

/** A layout of one page, one line per string, numbered from 1. */
const layout = (...texts: string[]): LayoutDocument => ({
  pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }],
  tables: [],
});

function run(objectives: Objective[], lay: LayoutDocument | null, period: Period | null = { from: 2024, to: 2026 }) {
  const reports: ReportInput<string>[] = [];
  proseDateOutsidePeriod.check({ family: 'generic', period, objectives, layout: lay }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

const sheet = (description: string, over: Partial<Objective> = {}) => objective({ id: 'O1', code: '3', description, source: { page: 1, line: 1 }, ...over });
const withText = (text: string, over: Partial<Objective> = {}) => run([sheet(text, over)], layout('Obiettivo n. 3 – Servizi serali', text));

describe('prose-date-outside-period', () => {
  const valid: [string, string, Partial<Objective>][] = [
    ['a deadline in the first year of the plan', 'Attività da concludere entro il 31/01/2024.', {}],
    ['a deadline in the last year of the plan', 'con termine nel 2026', {}],
    ['a period inside the plan', 'nel periodo compreso tra il 1° marzo 2024 e il 30 giugno 2025', {}],
    ['a start before the plan (history of the project)', 'Il progetto è stato avviato nel 2022 e prosegue.', {}],
    ['a period that began before the plan and ends in it', 'TRIENNALE 01/01/2023 – 31/12/2025', {}],
    ['a year range without words (the name of another plan)', 'in coerenza con il Piano triennale 2021-2023', {}],
    ['a month range saying what is covered', 'Digitalizzazione delle pratiche risalenti al periodo ottobre – dicembre 2023', {}],
    ['a law cited with its date', 'ai sensi del D.L. 24/2/2023 n.13', {}],
    ['a deadline in the sheet\'s own year', 'entro il 30/09/2025', { years: [2025] }],
    ['a deadline already read as an action\'s (date-outside-period checks it)', 'Entro aprile 2023: identificazione strumenti', { actions: [action({ deadlineRaw: 'Entro aprile 2023', deadline: '2023-04-30' })] }],
  ];
  it.each(valid)('valid: %s', (_name, text, over) => {
    expect(withText(text, over)).toEqual([]);
  });

  it.each<[string, string, Partial<Objective>, string, string]>([
    ['a period of the year before the plan', 'nel periodo ricompreso tra il 15/06/2023 ed il 31/12/2023', {}, 'before', '2023-12-31'],
    ['a deadline one day before the plan', 'entro il 31/12/2023', {}, 'before', '2023-12-31'],
    ['a deadline one year after the plan', 'con termine nel 2027', {}, 'beyond', '2027'],
    ['a deadline before the sheet\'s own year', 'entro il mese di dicembre 2024', { years: [2025] }, 'sheet', '2024-12-31'],
  ])('invalid: %s', (_name, text, over, messageId, actual) => {
    const reports = withText(text, over);
    expect(reports.map((r) => [r.messageId, r.actual, r.source?.line])).toEqual([[messageId, actual, 2]]);
  });

  it('names the line of the sheet\'s years as the second place', () => {
    const obj = sheet('', { years: [2025] });
    const reports = run([obj], layout('OBIETTIVO N. 24', 'Descrizione: nel periodo ricompreso tra il 15/06/2024 ed il 31/12/2024', 'Tempi di attuazione: Nel periodo ricompreso tra il 15/06/2025 ed il 30/09/2025'));
    expect(reports.map((r) => [r.messageId, r.source?.line, r.related?.line, r.data?.from, r.data?.to])).toEqual([['sheet', 2, 3, 2025, 2025]]);
  });

  it('a project past the plan is reported once per objective', () => {
    const reports = withText('avvio nel 2024 e conclusione nel 2028; fase 2 fino al 31/12/2028; fase 3 fino al 31/12/2028');
    expect(reports.map((r) => r.messageId)).toEqual(['beyond']);
  });

  it('without a layout, the description in the model is read', () => {
    const reports = run([sheet('da svolgere entro il 30/06/2023')], null);
    expect(reports.map((r) => [r.messageId, r.actual])).toEqual([['before', '2023-06-30']]);
  });

  it('odd data does not throw', () => {
    expect(run([objective({ description: null, title: '', source: { page: null, line: null } })], layout(''), null)).toEqual([]);
    expect(run([], null)).toEqual([]);
  });

  endToEnd('end to end: seed 004, objective 24 describes the summer service of 2024 in the 2025 plan', async () => {
    // Line 4313: «nel periodo ricompreso tra il 15/06/2024 ed il 31/12/2024»; line 1732: «2025-2027», the plan period.
    const plan = await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'));
    const found = plan.findings.filter((f) => f.rule === 'prose-date-outside-period' && f.messageId === 'before');
    expect(found.map((f) => [f.data.objective, f.actual, f.source.line, f.related?.line])).toEqual([['24', '2024-12-31', 4313, 1732]]);
  });

  endToEnd('end to end, generic reader: the 2025 Relazione with «con termine nel 2024» in the description of objective n. 1', async () => {
    // fixtures/layouts/06-relazione-obiettivo-n.txt: line 2 «RELAZIONE SULLA PERFORMANCE 2025», line 9 the description of objective n. 1.
    const text = readFileSync(join(ROOT, 'fixtures', 'layouts', '06-relazione-obiettivo-n.txt'), 'utf8');
    const changed = text.replace('riorganizzazione dei turni di istruttoria.', 'riorganizzazione dei turni di istruttoria, con termine nel 2024.');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-prose-')), 'relazione.txt');
    writeFileSync(file, changed);
    const plan = await processFile(file);
    expect(plan.family).toBe('generic');
    expect(plan.findings.filter((f) => f.rule === 'prose-date-outside-period').map((f) => [f.messageId, f.data.objective, f.actual, f.source.line, f.related?.line])).toEqual([['before', '1', '2024', 9, 2]]);
    expect((await processFile(join(ROOT, 'fixtures', 'layouts', '06-relazione-obiettivo-n.txt'))).findings.filter((f) => f.rule === 'prose-date-outside-period')).toEqual([]);
  });
});
