import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureRuns, tableUnread } from '../../pipeline/validate/rules/table-unread.js';
import { layoutFromText } from '../../pipeline/ingest/text.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { objective, runRuleOn } from './harness.js';

/** The layout of a text as the text reader makes it (tables marked, not assembled: the rule only looks at lines outside tables). */
const layoutOf = (lines: string[]) => layoutFromText(lines.join('\n'));

/** A table whose cells the export put one per block, out of order: three year marks per row, then the next row's text. */
const LOST = ['Obiettivi Operativi', '', 'Tipo OB', '', 'Realizzare corsi di formazione', 'secondo il piano formativo', '', 'X', '', '-', '', '-', '', 'Migrazione al cloud dei servizi', '', 'PNRR', '', 'X', '', 'X', '', '-'];

describe('table-unread', () => {
  it.each([
    ['prose and headings', ['Premessa', '', 'Il ciclo della performance si articola in fasi.', '', 'Programmazione']],
    ['one run of figures (a list in the text)', ['Le quote sono:', '', '10', '', '20', '', '30', '', 'come detto.']],
    ['runs of years alone (headers, timelines)', ['Anni', '2024', '2025', '2026', 'Fasi', '2024', '2025', '2026']],
    ['figures on lines of a table read', ['Codice\tPeso\tTarget', 'A.1\t60\t100%', 'A.2\t40\t100%']],
  ])('valid: %s', (_, lines) => {
    expect(runRuleOn(tableUnread, { layout: layoutOf(lines) })).toEqual([]);
  });

  it('invalid: two runs of marks outside every table, reported at the first with its figures', () => {
    const reports = runRuleOn(tableUnread, { layout: layoutOf(LOST) });
    expect(reports.map((r) => [r.messageId, r.data, r.source])).toEqual([['figures', { runs: 2, cells: 6, line: 8, sample: 'X / - / -' }, { page: 1, line: 8 }]]);
  });

  it('valid: the runs hold a value the model has (an extractor read the glued row from its lines)', () => {
    const lines = ['mantenimento 5 10', '15,00', '1.034,48', '3', 'strategico', '35', '18.000,00', '2'];
    expect(figureRuns(layoutOf(lines))).toHaveLength(2);
    const read = objective({ allocation: { group: null, category: 'mantenimento', staffCount: 5, categoryWeight: 10, coefficient: 1.5, totalCoefficient: 15, amount: 1034.48, amountRaw: '1.034,48' } as never });
    const other = objective({ id: 'O2', allocation: { group: null, category: 'strategico', staffCount: 35, categoryWeight: null, coefficient: null, totalCoefficient: null, amount: 18000, amountRaw: '18.000,00' } as never });
    expect(runRuleOn(tableUnread, { layout: layoutOf(lines), objectives: [read, other] })).toEqual([]);
  });
});

describe('table-unread on the office fixtures: plain pdftotext exports whose tables are lost', () => {
  const office = join(ROOT, 'fixtures', 'office');
  it.each([
    ['002-piao.bordered-landscape.raw.txt', true],
    ['002-piao.borderless-portrait.raw.txt', true],
    ['002-piao.docx-bordered-portrait.raw.txt', true],
    ['003-schede.bordered-landscape.raw.txt', true],
    ['003-schede.borderless-landscape.raw.txt', true],
    ['003-schede.docx-borderless-landscape.raw.txt', true],
    ['004-organizzativa.bordered-portrait.raw.txt', true],
    // Its tables read from blocks: no figure left outside them.
    ['000-legacy.bordered-landscape.raw.txt', false],
    ['002-piao.txt', false],
    ['003-schede.bordered-landscape.layout.txt', false],
  ])('%s: reported %s', async (name, reported) => {
    const plan = await processFile(join(office, name), { config: { ocr: { enabled: false } } });
    const found = plan.findings.filter((f) => f.rule === 'table-unread');
    expect(found.length).toBe(reported ? 1 : 0);
    if (reported) expect(found[0]).toMatchObject({ severity: 'error', source: { file: join(office, name) } });
    if (reported) expect(readFileSync(join(office, name), 'utf8').split('\n')[found[0]!.source.line! - 1]!.trim()).toBe(String(found[0]!.raw).split(' / ')[0]);
  });
});
