/**
 * The objective estimate (extractors/shared/coverage.ts) on whole documents:
 * the office-made plans of fixtures/layouts, whose true counts are written by
 * hand, and the seeds read in full, where objectives-missed finds nothing.
 * The rule's own table and the estimate on small layouts are in
 * test/rules/objectives-missed.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../../pipeline/run.js';
import { ROOT, SEEDS } from '../../helpers.js';

const LAYOUTS = join(ROOT, 'fixtures', 'layouts');
const cases = readdirSync(LAYOUTS).filter((f) => /\.(pdf|txt)$/.test(f)).sort();
/** The estimate is within 30% (at least 2) of the true count; exactly 0 on prose. */
const tolerance = (n: number) => Math.max(2, Math.round(n * 0.3));

describe('estimate on fixtures/layouts (within ±30% or ±2 of the hand-written count)', () => {
  it.each(cases)('%s', async (file) => {
    const expected = JSON.parse(readFileSync(join(LAYOUTS, file.replace(/(\.layout)?\.(txt|pdf)$/, '.expected.json')), 'utf8')) as { objectives: { count: number } };
    const plan = await processFile(join(LAYOUTS, file), { skipValidation: true });
    const estimated = plan.coverage!.estimated;
    const truth = expected.objectives.count;
    if (truth === 0) expect(estimated).toBe(0);
    else expect(Math.abs(estimated - truth), `estimated ${estimated}, true ${truth}`).toBeLessThanOrEqual(tolerance(truth));
  }, 60_000);
});

describe('seeds, read in full: no finding', () => {
  it.each(readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort())('%s', async (file) => {
    const plan = await processFile(join(SEEDS, file));
    expect(plan.coverage).toBeDefined();
    expect(plan.findings.filter((f) => f.rule === 'objectives-missed')).toEqual([]);
  }, 60_000);
});
