/**
 * The rule registry, in the order rules run and are listed. Each rule lives in
 * `<id>.ts` beside this file, with `test/rules/<id>.test.ts` and `docs/rules/<id>.md`.
 */
import type { Rule } from '../rule.js';
import { weightsMissing } from './weights-missing.js';
import { weightsSum } from './weights-sum.js';
import { staffShareSum } from './staff-share-sum.js';
import { periodMismatch } from './period-mismatch.js';
import { targetMissing } from './target-missing.js';
import { dateInvalid } from './date-invalid.js';
import { dateOrder } from './date-order.js';
import { dateOutsidePeriod } from './date-outside-period.js';
import { duplicateObjective } from './duplicate-objective.js';
import { ownerMissing } from './owner-missing.js';
import { computedMismatch } from './computed-mismatch.js';
import { targetNotImproving } from './target-not-improving.js';
import { targetConflict } from './target-conflict.js';
import { lowConfidence } from './low-confidence.js';
import { objectivesMissed } from './objectives-missed.js';
import { totalMismatch } from './total-mismatch.js';

export const rules: readonly Rule[] = [
  objectivesMissed,
  weightsMissing,
  weightsSum,
  totalMismatch,
  staffShareSum,
  periodMismatch,
  targetMissing,
  targetNotImproving,
  targetConflict,
  dateInvalid,
  dateOutsidePeriod,
  dateOrder,
  duplicateObjective,
  ownerMissing,
  computedMismatch,
  lowConfidence,
];
