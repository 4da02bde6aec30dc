/**
 * The plan a command works on: a document (text, PDF...) run through the
 * pipeline, or a model already extracted with `piao extract` (JSON), checked
 * against the schema so a hand-edited file cannot render garbage.
 */
import { readFile } from 'node:fs/promises';
import { PlanDocument } from '../models/plan.js';
import { processFile, type RunOptions } from './run.js';

/** The input could not give a plan; the message names the file and is for the user. */
export class PlanInputError extends Error {}

export async function loadPlan(path: string, options: RunOptions = {}): Promise<PlanDocument> {
  if (/\.json$/i.test(path)) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new PlanInputError(`${path}: file non leggibile (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new PlanInputError(`${path}: JSON non valido (${(error as Error).message}).`);
    }
    const parsed = PlanDocument.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(radice)'}: ${i.message}`);
      throw new PlanInputError(`${path}: non è un modello estratto da piao (piao extract) valido:\n${issues.join('\n')}`);
    }
    return parsed.data;
  }
  const plan = await processFile(path, options);
  const fatal = plan.findings.find((f) => f.fatal);
  if (fatal) throw new PlanInputError(fatal.message);
  return plan;
}
