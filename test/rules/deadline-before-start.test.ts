import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { deadlineBeforeStart } from '../../pipeline/validate/rules/deadline-before-start.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { action, endToEnd, indicator, objective } from './harness.js';

function run(over: Partial<Objective>, lay: LayoutDocument | null = null) {
  const reports: ReportInput<string>[] = [];
  deadlineBeforeStart.check({ family: 'generic', period: { from: 2025, to: 2027 }, objectives: [objective({ id: 'O1', code: '2', source: { page: 1, line: 1 }, ...over })], layout: lay }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}
const due = (...deadlines: string[]) => deadlines.map((d, i) => action({ id: `A${i + 1}`, n: i + 1, text: `Fase ${i + 1}`, deadline: d, source: { page: 1, line: 10 + i } }));

describe('deadline-before-start', () => {
  const valid: [string, Partial<Objective>][] = [
    ['a deadline on the day the objective starts', { description: 'a decorrere dal 1° marzo 2025', actions: due('2025-03-01') }],
    ['deadlines after the start', { description: 'A partire dal 2025 si procederà', actions: due('2025-01-31', '2025-12-31') }],
    ['a start without a year in a sheet of one year', { years: [2025], description: 'a decorrere dal 1° marzo', actions: due('2025-03-31') }],
    ['a start in the title, deadlines after it', { title: 'Servizi estivi nel periodo compreso tra il 15/06/2025 e il 30/09/2025', actions: due('2025-09-30') }],
    ['no start stated', { description: 'Attività di controllo del territorio.', actions: due('2025-01-31') }],
    ['a year range without words is not a start', { description: 'in coerenza con il Piano 2024-2026', actions: due('2024-12-31') }],
    ['no deadlines', { description: 'a decorrere dal 1° marzo 2025', actions: [] }],
    ['a deadline in the text is not a start', { description: 'da concludere entro il 30/06/2025', actions: due('2025-03-31') }],
  ];
  it.each(valid)('valid: %s', (_name, over) => {
    expect(run(over)).toEqual([]);
  });

  it.each<[string, Partial<Objective>, string, number]>([
    ['a deadline one day before the start', { description: 'a decorrere dal 1° marzo 2025', actions: due('2025-02-28') }, '2025-02-28', 1],
    ['an indicator due before the year the objective starts', { description: 'avvio nel 2026', indicators: [indicator({ deadline: '2025-12-31', source: { page: 1, line: 20 } })] }, '2025-12-31', 1],
    ['two phases before a start without a year', { years: [2025], description: 'a decorrere dal 1° giugno', actions: due('2025-04-30', '2025-05-31', '2025-07-31') }, '2025-04-30', 2],
  ])('invalid: %s', (_name, over, actual, count) => {
    expect(run(over).map((r) => [r.actual, r.data?.count])).toEqual([[actual, count]]);
  });

  it('names the start and the earliest deadline', () => {
    const [r] = run({ description: 'a decorrere dal 1° marzo 2025', cells: { description: { page: 2, line: 4 } }, actions: due('2025-02-28', '2025-01-31') });
    expect([r!.source, r!.related, r!.path, r!.expected]).toEqual([{ page: 2, line: 4 }, { page: 1, line: 11 }, ['objectives', 0, 'actions', 1, 'deadline'], '2025-03-01']);
  });

  it('reads the start of the sheet\'s Tempi di attuazione in the layout', () => {
    const lay: LayoutDocument = { pages: [{ number: 1, width: null, height: null, origin: 'text', lines: ['OBIETTIVO N. 2', 'Tempi di attuazione: DAL 01/06/2025 AL 31/12/2025'].map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }], tables: [] };
    expect(run({ actions: due('2025-04-30') }, lay).map((r) => [r.actual, r.source?.line, r.related?.line])).toEqual([['2025-04-30', 2, 10]]);
  });

  it('the latest start stated is the one deadlines must follow', () => {
    const [r] = run({ title: 'Servizi estivi nel periodo compreso tra il 15/06/2025 e il 30/09/2025', description: 'a decorrere dal 1° marzo 2025', actions: due('2025-04-30') });
    expect([r!.actual, r!.expected, r!.data]).toEqual([
      '2025-04-30', '2025-06-15',
      { objective: '2', start: expect.stringContaining('15/06/2025'), from: '15/06/2025', item: 'Fase 1', deadline: '30/04/2025', count: 1 },
    ]);
  });

  it('a start of a year is printed as the year; the item name is one line of at most 100 characters; the id stands for a missing code', () => {
    const name = `Ricognizione   delle\npratiche ${'x'.repeat(120)}`;
    const [r] = run({ code: null, description: 'avvio nel 2026', indicators: [indicator({ name, deadline: '2025-12-31', cells: { deadline: { page: 3, line: 7 } }, source: { page: 1, line: 20 } })] });
    expect(r!.data).toMatchObject({ objective: 'O1', from: '2026', deadline: '31/12/2025', item: `Ricognizione delle pratiche ${'x'.repeat(120)}`.slice(0, 100) });
    expect([r!.related, r!.objectiveId, r!.path]).toEqual([{ page: 3, line: 7 }, 'O1', ['objectives', 0, 'indicators', 0, 'deadline']]);
  });

  it('odd data does not throw', () => {
    expect(run({ title: '', description: null, source: { page: null, line: null } })).toEqual([]);
  });

  endToEnd('end to end: seed 004 with objective 2 starting on 1 June 2025, before which two April phases fall', async () => {
    // Line 1823 «Tempi di attuazione: triennio 2025-2027» changed; lines 1827-1828: «Entro il mese di aprile: …» (30/04/2025).
    const text = readFileSync(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'), 'utf8');
    const changed = text.replace('Tempi di attuazione: triennio 2025-2027', 'Tempi di attuazione: a decorrere dal 1° giugno 2025');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-start-')), 'chiari.txt');
    writeFileSync(file, changed);
    const found = (await processFile(file)).findings.filter((f) => f.rule === 'deadline-before-start');
    expect(found.map((f) => [f.data.objective, f.actual, f.expected, f.data.count, f.source.line])).toEqual([['2', '2025-04-30', '2025-06-01', 2, 1823]]);
    expect(found[0]!.related?.line).toBe(1827);
    // The document as printed has none.
    expect((await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'))).findings.filter((f) => f.rule === 'deadline-before-start')).toEqual([]);
  });
});
