import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import { indicatorsMissing } from '../../pipeline/validate/rules/indicators-missing.js';
import { processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';
import { action, indicator, objective } from './harness.js';

const measuredOne = objective({ id: 'M', indicators: [indicator()], source: { page: 1, line: 1 } });
const bare = (over: Partial<Objective> = {}) => objective({ id: 'B', code: 'OB.2', title: 'Obiettivo senza misura', source: { page: 1, line: 10 }, ...over });
const lines = (...texts: [number, string][]): LayoutDocument => ({ pages: [{ number: 1, width: null, height: null, origin: 'text', lines: texts.map(([line, text]) => ({ page: 1, line, text, cells: [] })) }], tables: [] });

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
    ['no objective has an indicator: one note for the document', [bare({ id: 'A' }), bare({ id: 'B' }), bare({ id: 'C' })], null, [['none', 'A']]],
  ])('invalid: %s', (_name, objectives, layout, expected) => {
    expect(ids(run(objectives, layout))).toEqual(expected);
  });

  it('names the objective by its code and gives its path', () => {
    expect(run([measuredOne, bare()])[0]).toMatchObject({ data: { objective: 'OB.2', title: 'Obiettivo senza misura' }, path: ['objectives', 1, 'indicators'], source: { page: 1, line: 10 } });
    expect(run([bare({ id: 'A' }), bare({ id: 'B' })])[0]).toMatchObject({ messageId: 'none', data: { count: 2 } });
  });

  it('end to end: seed 000 (Prato 2012-2014), the project cards with no «Indicatori» section', async () => {
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
