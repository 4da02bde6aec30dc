/** Builds small model objects for rule table tests and runs one rule on them. */
import { newIndicator, newObjective } from '../../extractors/shared/model.js';
import type { Action, Indicator, Objective, Period } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import type { Rule } from '../../pipeline/validate/rule.js';

const at = { page: 1, line: 1 };

export function objective(over: Partial<Objective> = {}): Objective {
  return { ...newObjective(over.id ?? 'O1', over.level ?? 'gestionale', over.title ?? 'Obiettivo', at), unit: 'Segreteria generale', ...over };
}

export function indicator(over: Partial<Indicator> = {}): Indicator {
  return { ...newIndicator('I1', 'Indicatore', at), ...over };
}

export function action(over: Partial<Action> = {}): Action {
  return {
    id: 'A1', n: 1, year: 2024, weight: 50, weightRaw: '50', text: 'Azione', deadline: null, deadlineRaw: null, indicator: null,
    expected: null, grading: null, achievedRaw: null, achievedPercent: null, staff: [], source: at, ...over,
  };
}

export function target(raw: string, value: number | null, year = 2024) {
  return { year, value, raw, comparator: null, unit: null, scale: null };
}

/** Runs a rule and returns what it reported: message ids and data. */
export function runRule<M extends string>(rule: Rule<M>, objectives: Objective[], period: Period | null = { from: 2024, to: 2026 }) {
  const reports: ReportInput<M>[] = [];
  rule.check({ family: 'schede-obiettivo', period, objectives }, (r) => reports.push(r), { tolerance: 0.01, minConfidence: 0.6 });
  return reports;
}
