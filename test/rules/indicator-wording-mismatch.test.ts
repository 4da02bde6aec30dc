import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Indicator, Target } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { indicatorWordingMismatch, statedQuantities, targetQuantities } from '../../pipeline/validate/rules/indicator-wording-mismatch.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT } from '../helpers.js';
import { endToEnd, indicator, objective } from './harness.js';

const tgt = (raw: string, value: number | null, over: Partial<Target> = {}): Target => ({ year: 2025, value, raw, comparator: null, unit: null, scale: null, ...over });

function run(ind: Partial<Indicator>, tolerance = 0.01) {
  const reports: ReportInput<string>[] = [];
  const objectives = [objective({ id: 'O1', code: '5', indicators: [indicator({ source: { page: 1, line: 10 }, ...ind })] })];
  indicatorWordingMismatch.check({ family: 'generic', period: null, objectives }, (r) => reports.push(r), { tolerance, minConfidence: 0.6 });
  return reports;
}

describe('statedQuantities', () => {
  it.each<[string, [string, number][]]>([
    ['Verifica di n. 25 cantieri', [['count', 25]]],
    ['almeno 200 pratiche', [['count', 200]]],
    ['il 40% delle segnalazioni', [['percent', 40]]],
    ['N° 3 sopralluoghi e il 12,5 % dei casi', [['count', 3], ['percent', 12.5]]],
    ['Controlli su n. 1.200 posizioni', [['count', 1200]]],
    ['Attuazione del D.L. n. 13/2023', []],
    ['Adempimenti della legge n. 190', []],
    ['Fase n. 2 del progetto', []],
    ['Approvazione Piano Triennale n. 2024', []],
    ['Studenti che proseguono avendo acquisito almeno 40 CFU', []],
    ['Accessi con permanenza superiore a 8 ore', []],
    ['Valore 2024: Lettere firmate digitalmente 64%', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(statedQuantities(text).map((q) => [q.kind, q.value])).toEqual(expected);
  });
});

describe('targetQuantities', () => {
  it('counts and percentages of a target', () => {
    expect(targetQuantities(tgt('Almeno n.32 vie su 45 (70%)', 32, { unit: '%' }))).toEqual({ counts: [32, 45], percents: [70] });
    expect(targetQuantities(tgt('50,0', 50, { unit: '%' }))).toEqual({ counts: [], percents: [50] });
    expect(targetQuantities(tgt('entro il 2025', null))).toEqual({ counts: [], percents: [] });
  });
});

describe('indicator-wording-mismatch', () => {
  const valid: [string, Partial<Indicator>, number][] = [
    ['the count of the wording is the target', { name: 'Verifica di n. 25 cantieri', targets: [tgt('25', 25)] }, 0.01],
    ['the count is one of the yearly targets', { name: 'almeno 200 pratiche', targets: [tgt('180', 180), tgt('200', 200, { year: 2026 })] }, 0.01],
    ['the percentage is the target', { name: 'il 40% delle segnalazioni', targets: [tgt('>= 40%', 40, { unit: '%' })] }, 0.01],
    ['a difference exactly at the tolerance', { name: 'il 40% delle segnalazioni', targets: [tgt('40,5%', 40.5, { unit: '%' })] }, 0.5],
    ['the count is the denominator of the target', { name: 'Controlli di n. 45 strade', targets: [tgt('Almeno n.32 vie su 45 (70%)', 32, { unit: '%' })] }, 0.01],
    ['a target without numbers of that kind', { name: 'Verifica di n. 25 cantieri', targets: [tgt('80%', 80, { unit: '%' })] }, 0.01],
    ['an activity scale target', { name: 'Verifica di n. 25 cantieri', targets: [tgt('5 (100%)', 5, { scale: '0-5' })] }, 0.01],
    ['a quantity equal to the baseline', { name: 'Riduzione dal 64% delle attese', baseline: { year: 2024, value: 64, raw: '64%' }, targets: [tgt('<= 50%', 50, { unit: '%' })] }, 0.01],
    ['the percentage half of an activity score split from its number', { name: 'avanzamento 50% per il miglioramento', targets: [tgt('(100%)', 100, { unit: '%' })] }, 0.01],
    ['no targets', { name: 'Verifica di n. 25 cantieri', targets: [] }, 0.01],
  ];
  it.each(valid)('valid: %s', (_name, ind, tolerance) => {
    expect(run(ind, tolerance)).toEqual([]);
  });

  it.each<[string, Partial<Indicator>, number, string, number]>([
    ['a count one more than the target', { name: 'Verifica di n. 25 cantieri', targets: [tgt('24', 24)] }, 0.01, 'count', 25],
    ['a count one less than the target', { name: 'almeno 200 pratiche', targets: [tgt('201', 201)] }, 0.01, 'count', 200],
    ['a percentage one step over the tolerance', { name: 'il 40% delle segnalazioni', targets: [tgt('40,51%', 40.51, { unit: '%' })] }, 0.5, 'percent', 40],
    ['the streets of seed 004', { name: 'Controlli di n. 40 strade del centro cittadino', targets: [tgt('Almeno n.32 vie su 45 (70%)', 32, { unit: '%' })] }, 0.01, 'count', 40],
  ])('invalid: %s', (_name, ind, tolerance, messageId, actual) => {
    expect(run(ind, tolerance).map((r) => [r.messageId, r.actual])).toEqual([[messageId, actual]]);
  });

  it('names the indicator\'s cell and the target\'s cell', () => {
    const [r] = run({ name: 'il 40% delle segnalazioni', cells: { name: { page: 3, line: 7, bbox: [10, 20, 30, 40] } }, targets: [tgt('60%', 60, { unit: '%', source: { page: 3, line: 7, bbox: [200, 20, 240, 40] } })] });
    expect([r!.source, r!.related, r!.path, r!.expected]).toEqual([{ page: 3, line: 7, bbox: [10, 20, 30, 40] }, { page: 3, line: 7, bbox: [200, 20, 240, 40] }, ['objectives', 0, 'indicators', 0, 'targets', 0], '60%']);
  });

  endToEnd('end to end: seed 004, objective 5 (40 streets against 32 of 45, 50% against 60%)', async () => {
    // Lines 2081-2085: «Controlli di n. 40 strade del centro cittadino» / «Almeno n.32 vie su 45 (70%)»;
    // lines 2092-2097: «Regolarizzazione tributaria del 50% degli impianti…» / «Almeno il 60% delle rilevazione…».
    const plan = await processFile(join(ROOT, 'fixtures', 'seeds', '004_c815e41a38a1a3ff.txt'));
    const found = plan.findings.filter((f) => f.rule === 'indicator-wording-mismatch');
    expect(found.map((f) => [f.data.objective, f.messageId, f.actual, f.source.line, f.related?.line])).toEqual([
      ['5', 'count', 40, 2081, 2084],
      ['5', 'percent', 50, 2092, 2097],
    ]);
  });

  endToEnd('end to end, generic reader: the university plan with «Almeno n. 40» in the name of an indicator whose targets are 42, 45, 50', async () => {
    // fixtures/layouts/10-universita-ambiti.txt, line 68: «Progetti presentati a Horizon Europe» (R.1), baseline 38, targets 42 / 45 / 50.
    const text = readFileSync(join(ROOT, 'fixtures', 'layouts', '10-universita-ambiti.txt'), 'utf8');
    const changed = text.replace('\nProgetti presentati a Horizon Europe\n', '\nAlmeno n. 40 progetti presentati a Horizon Europe\n');
    expect(changed).not.toBe(text);
    const file = join(mkdtempSync(join(tmpdir(), 'piao-wording-')), 'ateneo.txt');
    writeFileSync(file, changed);
    const plan = await processFile(file);
    expect(plan.family).toBe('generic');
    expect(plan.findings.filter((f) => f.rule === 'indicator-wording-mismatch').map((f) => [f.data.objective, f.actual, f.expected])).toEqual([['R.1', 40, '42']]);
    expect((await processFile(join(ROOT, 'fixtures', 'layouts', '10-universita-ambiti.txt'))).findings.filter((f) => f.rule === 'indicator-wording-mismatch')).toEqual([]);
  });
});
