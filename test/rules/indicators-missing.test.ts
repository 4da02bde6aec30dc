import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { indicatorsMissing } from '../../pipeline/validate/rules/indicators-missing.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { action, endToEnd, indicator, objective } from './harness.js';

const measuredOne = objective({ id: 'M', indicators: [indicator()], source: { page: 1, line: 1 } });
const bare = (over: Partial<Objective> = {}) => objective({ id: 'B', code: 'OB.2', title: 'Obiettivo senza misura', source: { page: 1, line: 10 }, ...over });
const op = (id: string, withIndicator = false) => objective({ id, level: 'operativo', indicators: withIndicator ? [indicator()] : [], source: { page: 1, line: 40 + id.charCodeAt(0) } });
const lines = (...texts: [number, string][]): LayoutDocument => ({ pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map(([line, text]) => ({ page: 1, line, text, cells: text.includes('\t') ? text.split('\t').map((t, col) => ({ text: t, col })) : [] })) }], tables: [] });

function run(objectives: Objective[], layout: LayoutDocument | null = null) {
  const reports: ReportInput<'objective' | 'none'>[] = [];
  indicatorsMissing.check({ family: 'generic', period: { from: 2024, to: 2026 }, objectives, layout }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}
const ids = (reports: ReturnType<typeof run>) => reports.map((r) => [r.messageId, r.objectiveId]);

describe('indicators-missing', () => {
  it.each<[string, Objective[], LayoutDocument | null]>([
    ['every objective has an indicator', [measuredOne, objective({ id: 'N', indicators: [indicator()] })], null],
    ['a parent measured by its child', [measuredOne, bare({ id: 'P' }), objective({ id: 'C', parentId: 'P', indicators: [indicator()] })], null],
    ['an action with an indicator', [measuredOne, bare({ actions: [action({ indicator: 'Delibera approvata' })] })], null],
    ['an action with an expected result', [measuredOne, bare({ actions: [action({ expected: 'entro il 30/06/2024' })] })], null],
    ['planned only from the second year of the plan (2025)', [measuredOne, bare({ years: [2025, 2026] })], null],
    ['an «Indicatori» heading inside its part of the document', [measuredOne, bare()], lines([12, 'Indicatori'])],
    ['a heading of «Indicatori» + 30 characters', [measuredOne, bare()], lines([12, `Indicatori ${'x'.repeat(29)}`])],
    ['no objectives', [], null],
    ['a level measured through another (operational 0 of 3, gestionale 1 of 1)', [measuredOne, op('A'), op('B'), op('C')], null],
    ['a level with less than half measured (1 of 3) beside a measured one', [measuredOne, op('A', true), op('B'), op('C')], null],
    ['no indicator read, but the document prints an «INDICATORI» column', [bare({ id: 'A' }), bare({ id: 'B' })], lines([12, 'N.\tINDICATORI'])],
  ])('valid: %s', (_name, objectives, layout) => {
    expect(run(objectives, layout)).toEqual([]);
  });

  it.each<[string, Objective[], LayoutDocument | null, [string, string][]]>([
    ['one objective without indicators beside a measured one', [measuredOne, bare()], null, [['objective', 'B']]],
    ['planned in the first year of the plan (2024)', [measuredOne, bare({ years: [2024, 2025] })], null, [['objective', 'B']]],
    ['no years printed', [measuredOne, bare({ years: [] })], null, [['objective', 'B']]],
    ['an action whose indicator is only blanks', [measuredOne, bare({ actions: [action({ indicator: '  ', expected: '' })] })], null, [['objective', 'B']]],
    ['a parent and its unmeasured child: the child is reported', [measuredOne, bare({ id: 'P' }), bare({ id: 'C', parentId: 'P', source: { page: 1, line: 20 } })], null, [['objective', 'C']]],
    ['the heading is on the next objective\'s line (its part, not this one\'s)', [measuredOne, bare(), objective({ id: 'N', indicators: [indicator()], source: { page: 1, line: 30 } })], lines([30, 'Indicatori']), [['objective', 'B']]],
    ['«Indicatori» + 31 characters is prose, not a heading', [measuredOne, bare()], lines([12, `Indicatori ${'x'.repeat(30)}`]), [['objective', 'B']]],
    ['a level with exactly half measured (1 of 2) is measured at that level', [measuredOne, op('A', true), op('B')], null, [['objective', 'B']]],
    ['a single level: every unmeasured objective, however many', [measuredOne, bare({ id: 'A' }), bare({ id: 'B' }), bare({ id: 'C' })], null, [['objective', 'A'], ['objective', 'B'], ['objective', 'C']]],
    ['no objective has an indicator: one note for the document', [bare({ id: 'A' }), bare({ id: 'B' }), bare({ id: 'C' })], null, [['none', 'A']]],
  ])('invalid: %s', (_name, objectives, layout, expected) => {
    expect(ids(run(objectives, layout))).toEqual(expected);
  });

  it('names the objective by its code and gives its path', () => {
    expect(run([measuredOne, bare()])[0]).toMatchObject({ data: { objective: 'OB.2', title: 'Obiettivo senza misura' }, path: ['objectives', 1, 'indicators'], source: { page: 1, line: 10 } });
    expect(run([bare({ id: 'A' }), bare({ id: 'B' })])[0]).toMatchObject({ messageId: 'none', data: { count: 2 } });
  });

  endToEnd('end to end: seed 000 (Prato 2012-2014), the project cards with no «Indicatori» section', async () => {
    // Read in the text: the cards «Miglioramento mobilità» (line 656), «Nuovo assetto urbanistico del territorio» (706) and
    // «Attivare sistemi di governance strutturati» (1018) have Obiettivi, Attività/Servizi and Fasi but no Indicatori.
    const plan = await processFile(seed.legacy);
    const found = plan.findings.filter((f) => f.rule === 'indicators-missing');
    expect(found.map((f) => [f.objectiveId, f.severity, f.source.line])).toEqual([
      ['PR06', 'warning', 656],
      ['PR07', 'warning', 706],
      ['PR12', 'warning', 1018],
    ]);
    // Seed 002: the operational objectives without gestionale ones are planned for 2025-2026 only.
    expect((await processFile(seed.piao22)).findings.filter((f) => f.rule === 'indicators-missing')).toEqual([]);
  });
});
