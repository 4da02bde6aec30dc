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
import { tableUnread } from './table-unread.js';
import { totalMismatch } from './total-mismatch.js';
import { columnTotalMismatch } from './column-total-mismatch.js';
import { weightBlank } from './weight-blank.js';
import { weightsNotPrinted } from './weights-not-printed.js';
import { fundTotalMismatch } from './fund-total-mismatch.js';
import { indicatorsMissing } from './indicators-missing.js';
import { baselineMissing } from './baseline-missing.js';
import { indicatorKindMismatch } from './indicator-kind-mismatch.js';
import { proseDateOutsidePeriod } from './prose-date-outside-period.js';
import { indicatorWordingMismatch } from './indicator-wording-mismatch.js';
import { periodStatedTwice } from './period-stated-twice.js';
import { planPeriodConflict } from './plan-period-conflict.js';
import { objectiveNumberMissing } from './objective-number-missing.js';
import { deadlineBeforeStart } from './deadline-before-start.js';
import { staffCountMismatch } from './staff-count-mismatch.js';

export const rules: readonly Rule[] = [
  objectivesMissed,
  tableUnread,
  weightsMissing,
  weightsSum,
  weightBlank,
  weightsNotPrinted,
  totalMismatch,
  columnTotalMismatch,
  fundTotalMismatch,
  staffShareSum,
  periodMismatch,
  periodStatedTwice,
  planPeriodConflict,
  targetMissing,
  targetNotImproving,
  targetConflict,
  indicatorWordingMismatch,
  indicatorsMissing,
  baselineMissing,
  indicatorKindMismatch,
  dateInvalid,
  dateOutsidePeriod,
  dateOrder,
  proseDateOutsidePeriod,
  deadlineBeforeStart,
  duplicateObjective,
  objectiveNumberMissing,
  ownerMissing,
  computedMismatch,
  staffCountMismatch,
  lowConfidence,
];
