import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Objective, PrintedTotal } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { columnTotalMismatch } from '../../pipeline/validate/rules/column-total-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, expectRuleShape, objective } from './harness.js';

const A = 'Area Tecnica Arch. Nicola Fabbri';
const B = 'Area Vigilanza Dott. Sergio Molinari';
const at = { page: 1, line: 66 };
const total = (value: number | null, parts: string[], column = A, raw = String(value)): PrintedTotal => ({ label: 'TOTALE', field: 'staff-share', column, value, raw, parts, source: at });
/** Objectives O1, O2, … with one share each in column A (null: printed without a number). */
const shared = (...shares: (number | null)[]): Objective[] =>
  shares.map((share, i) => objective({ id: `O${i + 1}`, source: { page: 1, line: 10 + i }, staff: [{ who: A, share, role: 'responsabile', raw: String(share), source: { page: 1, line: 10 + i, bbox: [600, 100 + i, 615, 110 + i] } }] }));

function run(objectives: Objective[], totals: PrintedTotal[], tolerance = 0.01) {
  expectRuleShape(columnTotalMismatch);
  const reports: ReportInput<'column'>[] = [];
  columnTotalMismatch.check({ family: 'generic', period: null, objectives, totals }, (r) => reports.push(r), { tolerance, minConfidence: 0.6 });
  return reports;
}

describe('column-total-mismatch', () => {
  const ids = ['O1', 'O2', 'O3'];
  const valid: [string, Objective[], PrintedTotal[], number][] = [
    ['the shares of the column add up to its total', shared(35, 25, 40), [total(100, ids)], 0.01],
    ['a difference exactly at the tolerance, above', shared(35, 25, 40.5), [total(100, ids)], 0.5],
    ['a difference exactly at the tolerance, below', shared(35, 25, 39.5), [total(100, ids)], 0.5],
    ['one row with the whole column', shared(100), [total(100, ['O1'])], 0.01],
    ['a row of the column without a number (not read: no sum)', shared(35, null, 40), [total(100, ids)], 0.01],
    ['a total printed without a number', shared(35, 25, 30), [total(null, ids, A, 'TOTALE')], 0.01],
    ['a total closing no rows', shared(35), [total(100, [])], 0.01],
    ['no totals', shared(35, 25, 30), [], 0.01],
  ];
  it.each(valid)('valid: %s', (_name, objectives, totals, tolerance) => {
    expect(run(objectives, totals, tolerance)).toEqual([]);
  });

  const invalid: [string, Objective[], PrintedTotal[], number, number][] = [
    ['one step over the tolerance, above', shared(35, 25, 40.51), [total(100, ids)], 0.5, 100.51],
    ['one step over the tolerance, below', shared(35, 25, 39.49), [total(100, ids)], 0.5, 99.49],
    ['one row that is not the whole column', shared(35), [total(100, ['O1'])], 0.01, 35],
  ];
  it.each(invalid)('invalid: %s', (_name, objectives, totals, tolerance, expected) => {
    expect(run(objectives, totals, tolerance).map((r) => r.expected)).toEqual([expected]);
  });

  it('a weight total (total-mismatch\'s), or a column total without its column, is not compared here', () => {
    expect(run(shared(35, 25), [{ ...total(100, ['O1', 'O2']), field: 'weight' }])).toEqual([]);
    const { column: _column, ...bare } = total(100, ['O1', 'O2']);
    expect(run(shared(35, 25), [bare])).toEqual([]);
  });

  it('only the shares of its own column count; a part that is not an objective is left out', () => {
    const objectives = shared(60, 40);
    objectives[0]!.staff.push({ who: B, share: 70, role: 'responsabile', raw: '70', source: { page: 1, line: 10 } });
    expect(run(objectives, [total(100, ['O1', 'O2']), total(100, ['O1'], B)]).map((r) => [r.data?.column, r.expected])).toEqual([[B, 70]]);
    expect(run(objectives, [total(100, ['O1', 'O2', 'X9'])])).toEqual([]);
  });

  it('the whole report: the total\'s cell and the column\'s first row, printed and computed values', () => {
    expect(run(shared(30, 20.5), [total(100, ['O1', 'O2'], A, '100,00')])).toEqual([
      {
        messageId: 'column',
        data: { label: 'TOTALE', column: A, printed: '100,00', count: 2, sum: '50,5', detail: '30 + 20,5' },
        path: ['totals', 0, 'value'],
        source: at,
        related: { page: 1, line: 10, bbox: [600, 100, 615, 110] },
        raw: '100,00',
        actual: 100,
        expected: 50.5,
      },
    ]);
  });

  endToEnd('end to end: the matrix of fixtures/layouts with the TOTALE of Area Tecnica changed from 100 to 90', async () => {
    const path = join(ROOT, 'fixtures', 'layouts', '03-matrice-dirigenti.txt');
    const text = readFileSync(path, 'utf8');
    // The TOTALE row (line 66) prints 100 under each of the four dirigenti (lines 67-70); the third is Area Tecnica,
    // whose column holds OP.2 15 (its first row, line 24), OP.3 35, OP.4 10, OP.6 20, OP.7 20.
    const changed = text.replace(/\nTOTALE\n100\n100\n100\n100\n/, '\nTOTALE\n100\n100\n90\n100\n');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-column-total-')), 'matrice.txt');
    writeFileSync(file, changed);
    const found = (await processFile(file)).findings.filter((f) => f.rule === 'column-total-mismatch');
    expect(found.map((f) => [f.actual, f.expected, f.data.count, f.data.column, f.source.line, f.related?.line])).toEqual([[90, 100, 5, A, 66, 24]]);
    expect(found[0]!.message).toContain('colonna «Area Tecnica Arch. Nicola Fabbri» vale 90');
    // The untouched document: every column adds up to its 100 (20+10+30+20+20, 10+30+20+20+20, 15+35+10+20+20, 10+40+25+25).
    expect((await processFile(path)).findings.filter((f) => f.rule === 'column-total-mismatch')).toEqual([]);
  });

  endToEnd('end to end, PDF: the four column totals are kept, each over the rows with a share in its column', async () => {
    const plan = await processFile(join(ROOT, 'fixtures', 'layouts', '03-matrice-dirigenti.pdf'));
    const codes = new Map(plan.objectives.map((o) => [o.id, o.code]));
    const columns = (plan.totals ?? []).filter((t) => t.field === 'staff-share').map((t) => [t.column?.replace(/\s+/g, ' '), t.value, t.parts.map((p) => codes.get(p))]);
    expect(columns).toEqual([
      ['Area Amministrativa Dott. Giulio Sarti', 100, ['OP.1', 'OP.2', 'OP.5', 'OP.6', 'OP.8']],
      ['Area Finanziaria Dott.ssa Paola Venturi', 100, ['OP.1', 'OP.2', 'OP.5', 'OP.6', 'OP.8']],
      [A, 100, ['OP.2', 'OP.3', 'OP.4', 'OP.6', 'OP.7']],
      [B, 100, ['OP.2', 'OP.4', 'OP.6', 'OP.8']],
    ]);
    expect(plan.findings.filter((f) => f.rule === 'column-total-mismatch' || f.rule === 'total-mismatch')).toEqual([]);
  });
});
