import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Allocation } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { staffCountMismatch, staffWords } from '../../pipeline/validate/rules/staff-count-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, objective } from './harness.js';

const allocation = (staffCount: number | null, staffRaw: string | null): Allocation => ({
  row: 8, rowPrinted: true, group: 'settore', groupRaw: null, periodRaw: null, staffRaw, category: null, staffCount,
  categoryWeight: null, coefficient: null, totalCoefficient: null, amount: null, amountRaw: null, source: { page: 1, line: 50 },
});

function run(staffCount: number | null, staffRaw: string | null, sheet: string | null = null) {
  const lines = ['OBIETTIVO N. 8', ...(sheet === null ? [] : ['Personale da coinvolgere al fine del raggiungimento dell’obiettivo:', sheet, ''])];
  const layout: LayoutDocument = { pages: [{ number: 1, width: null, height: null, origin: 'text', lines: lines.map((text, i) => ({ page: 1, line: i + 1, text, cells: [] })) }], tables: [] };
  const reports: ReportInput<string>[] = [];
  staffCountMismatch.check({ family: 'generic', period: null, objectives: [objective({ id: 'O8', code: '8', source: { page: 1, line: 1 }, allocation: allocation(staffCount, staffRaw) })], layout }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}

describe('staffWords', () => {
  it.each<[string, { all: number; staff: number; complete: boolean; clear: boolean } | null]>([
    ['n.1 resp.Area EQ+n.6 dipendenti area', { all: 7, staff: 6, complete: true, clear: true }],
    ['Responsabil e Area P.O. n. 2 dipendenti Area Gare e Contratti', { all: 3, staff: 2, complete: true, clear: true }],
    ['n.3 impiegati tecnici+ n.2 impiegati, n.5 operai', { all: 10, staff: 10, complete: true, clear: true }],
    ['2 istruttori amministrativi, 1 funzionario amministrativo EQ.', { all: 3, staff: 2, complete: true, clear: true }],
    ['1 Responsabile di Area E.Q. e 3 dipendenti dell’area (2 assistenti sociali ed 1 istruttore)', { all: 4, staff: 3, complete: true, clear: true }],
    ['agenti polizia locale incaricati e n. 2 personale ufficio tributi', { all: 2, staff: 2, complete: false, clear: true }],
    ['Tutto il personale operante del Comando', null],
    ['', null],
  ])('%s', (raw, expected) => {
    expect(staffWords(raw)).toEqual(expected);
  });
  it('a number that does not say who cannot be compared', () => {
    expect(staffWords('4+1(Dirigente) Uff. LL.PP.')?.clear).toBe(false);
  });
});

describe('staff-count-mismatch', () => {
  const valid: [string, number | null, string | null, string | null][] = [
    ['N. DIP. counts everyone named', 7, 'n.1 resp.Area +n.6 dipendenti area', null],
    ['N. DIP. counts the staff without the responsabile', 6, 'n.1 resp.Area EQ+n.6 dipendenti area', null],
    ['a group without a number: the column may count it', 6, 'agenti polizia locale incaricati e n. 2 personale ufficio tributi', null],
    ['no N. DIP.', null, 'n.1 resp.Area EQ+n.6 dipendenti area', null],
    ['the sheet names the same staff', 4, 'n.1 responsabile n.3 dipendenti area', '1 Responsabile di Area E.Q. e 3 dipendenti dell’area'],
    ['the sheet does not count (a name)', 1, 'n.1 ced', 'Mantelli Valentina'],
    ['the sheet gives a number without saying who', 3, '1 Resp.EQ, n.3 dipendenti Lavori Pubblici', '4+1(Dirigente) Uff. LL.PP.'],
  ];
  it.each(valid)('valid: %s', (_name, count, raw, sheet) => {
    expect(run(count, raw, sheet)).toEqual([]);
  });

  it.each<[string, number | null, string | null, string | null, string, number, number]>([
    ['N. DIP. below the staff named (one less than 6)', 5, 'n.1 resp.Area EQ+n.6 dipendenti area', null, 'row', 5, 6],
    ['N. DIP. one more than everyone named', 8, 'n.1 resp.Area EQ+n.6 dipendenti area', null, 'row', 8, 7],
    ['N. DIP. 10 for 8 agents', 10, 'n.8 Agenti appartenenti al Comando di Polizia Locale', null, 'row', 10, 8],
    ['the sheet names one person less', 7, 'n.1 resp.Area +n.6 dipendenti area', 'n.1 resp. Area +n.5 dipendenti area', 'sheet', 6, 5],
  ])('invalid: %s', (_name, count, raw, sheet, messageId, actual, expected) => {
    const reports = run(count, raw, sheet);
    expect(reports.map((r) => [r.messageId, r.actual, r.expected, r.source?.line, r.related?.line])).toEqual([[messageId, actual, expected, 50, messageId === 'row' ? 50 : 2]]);
  });

  endToEnd('end to end: seed 004, objectives 8, 12, 15, 24 and 27', async () => {
    // Rows: 8 «innovativo 3 …» for «n.1 resp.Area EQ+n.6 dipendenti area»; 27 «miglioramento 10 …» for «n.8 Agenti»;
    // sheets: 12 «+n.5 dipendenti» (row n.6), 15 «n.3 dipendenti» (row n.4), 24 «n.8 Agenti» (row n.10).
    const found = (await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'))).findings.filter((f) => f.rule === 'staff-count-mismatch');
    expect(found.map((f) => [f.data.objective, f.messageId, f.actual, f.expected, f.related?.line])).toEqual([
      ['8', 'row', 3, 6, 667],
      ['12', 'sheet', 6, 5, 2885],
      ['15', 'sheet', 4, 3, 3254],
      ['24', 'sheet', 10, 8, 4353],
      ['27', 'row', 10, 8, 1704],
    ]);
  });
});
