/** Shared test helpers: fixture paths, the stable part of a PlanDocument, expected-file comparison. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { PlanDocument } from '../models/plan.js';

export const ROOT = join(import.meta.dirname, '..');
export const SEEDS = join(ROOT, 'fixtures', 'seeds');

export const seed = {
  legacy: join(SEEDS, '000_47863afee0935d57.txt'),
  prose: join(SEEDS, '001_5d50e1c2c5be2f70.txt'),
  piao22: join(SEEDS, '002_7ec37e340e3bd953.txt'),
  schede: join(SEEDS, '003_c478a5ea033ad6cc.txt'),
  organizzativa: join(SEEDS, '004_c815e41a38a1a3ff.txt'),
} as const;

/** What an expected file holds: the model and the findings, without tool version and local path. */
export function stablePart(plan: PlanDocument) {
  return {
    family: plan.family,
    entity: plan.entity,
    period: plan.period,
    source: { sha256: plan.source.sha256, format: plan.source.format, pages: plan.source.pages, ocrPages: plan.source.ocrPages },
    scoring: plan.scoring,
    context: plan.context,
    objectives: plan.objectives,
    findings: plan.findings.map((f) => ({ rule: f.rule, messageId: f.messageId, severity: f.severity, line: f.source.line, objectiveId: f.objectiveId ?? null, data: f.data })),
  };
}

/**
 * Compares with `<input>.expected.json`. The expected files were reviewed by
 * hand; `UPDATE_EXPECTED=1 npm test` rewrites them, and the diff must be
 * reviewed again before it is committed.
 */
export function expectMatchesExpected(plan: PlanDocument, input: string): void {
  const path = input.replace(/\.[^.]+$/, '.expected.json');
  const actual = stablePart(plan);
  if (process.env.UPDATE_EXPECTED === '1' || !existsSync(path)) {
    writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  }
  expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
