/**
 * Achievement: how far each indicator or action reached its target, each
 * objective its goal, each unit and the entity theirs. Pure functions; the
 * scoring choices of the entity (threshold, missing values, bands) come from
 * its SMVP in the configuration (`smvp`). Every score is a percentage 0-100.
 *
 * - higher is better: 100 when actual >= target, else actual / target x 100;
 * - lower is better: 100 when actual <= target, else target / actual x 100;
 * - activity on the 0-5 scale: actual / 5 x 100;
 * - temporal (a completion date): days of delay after the deadline through
 *   the sheet's own grading ladder; on time = 100;
 * - a percentage of realization (`80%`, the % column of a filled scheda) is used as it is, SI = 100, NO = 0;
 * - a value of the wrong kind for its target is refused before scoring (`inadmissible`).
 */
import type { Smvp } from '../../models/config.js';
import type { Grading, Polarity, Target } from '../../models/plan.js';

/** What was achieved, as read from the results sheet or a filled scheda. */
export type Actual =
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'percent'; value: number }
  | { kind: 'yesno'; yes: boolean }
  | { kind: 'missing' };

/**
 * What kind of value a goal is measured by:
 * - number: a numeric target (`≥ 24 ore`, `-1`, `3 azioni`), scored with its polarity;
 * - percent: a percentage target (`100%`, `≥ 60%`), scored with its polarity;
 * - scale05: an activity indicator on the 0-5 scale (`5 (100%)`);
 * - date: a deadline and no numeric target: the completion date through the ladder;
 * - activity: neither a number nor a deadline: the percentage of realization or SI/NO.
 */
export type GoalKind = 'number' | 'percent' | 'scale05' | 'date' | 'activity';

export interface Goal {
  kind: GoalKind;
  target: Target | null;
  polarity: Polarity | null;
  /** ISO deadline, for temporal goals (and to score a completion date on any goal that has one). */
  deadline: string | null;
  grading: Grading | null;
}

/** The kind of a goal from its target and deadline. */
export function goalKind(target: Target | null, deadline: string | null): GoalKind {
  if (target?.scale === '0-5') return 'scale05';
  if (target && target.value !== null) return target.unit === '%' ? 'percent' : 'number';
  return deadline ? 'date' : 'activity';
}

/** Why a value cannot be scored against a goal. */
export type Inadmissible = 'noDeadline' | 'numberForActivity' | 'notNumber' | 'overHundred' | 'outOfScale';

/**
 * Whether a value can be scored against its goal, and why not: a date needs a deadline; a plain number needs a
 * numeric target (or the 0-5 scale, within 0 and 5); a percentage is never above 100 or below 0 and does not
 * measure a number of things (`3 azioni`); SI/NO measures activities, 0-5 indicators and deadlines, not numbers.
 */
export function inadmissible(goal: Goal, actual: Actual): Inadmissible | null {
  switch (actual.kind) {
    case 'missing':
      return null;
    case 'date':
      return goal.deadline ? null : 'noDeadline';
    case 'percent':
      if (actual.value > 100 || actual.value < 0) return 'overHundred';
      return goal.kind === 'number' ? 'notNumber' : null;
    case 'number':
      if (goal.kind === 'scale05') return actual.value < 0 || actual.value > 5 ? 'outOfScale' : null;
      if (goal.kind === 'percent') return actual.value > 100 || actual.value < 0 ? 'overHundred' : null;
      return goal.kind === 'number' ? null : 'numberForActivity';
    case 'yesno':
      return goal.kind === 'number' || goal.kind === 'percent' ? 'notNumber' : null;
  }
}

export interface Score {
  /** 0-100, or null when it cannot be computed (missing actual, no target). */
  percent: number | null;
  /** How it was computed, in Italian, for the method column and the scostamenti. */
  how: string;
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const DAY = 86_400_000;

/** Days between a deadline and the completion date (positive = late). */
export function delayDays(deadline: string, done: string): number {
  return Math.round((Date.parse(`${done}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / DAY);
}

/** The ladder's percent for a delay; on time is always 100; past the last step 0 (or `late` when there is no ladder). */
export function ladderPercent(delay: number, grading: Grading | null, late: number): number {
  if (delay <= 0) return 100;
  const steps = grading?.steps ?? [];
  if (steps.length === 0) return late;
  const ordered = [...steps].sort((a, b) => (a.maxDelayDays ?? Infinity) - (b.maxDelayDays ?? Infinity));
  for (const step of ordered) if (step.maxDelayDays === null || delay <= step.maxDelayDays) return step.percent;
  return 0;
}

/** Achievement of one value against one target. */
export function valueScore(target: Target, actual: number, polarity: Polarity | null): Score {
  if (target.value === null) return { percent: null, how: 'target senza valore numerico' };
  if (target.scale === '0-5') return { percent: clamp((actual / 5) * 100), how: 'scala 0-5: valore / 5' };
  const t = target.value;
  const lower = target.comparator === '<=' || (target.comparator !== '>=' && polarity === 'lower-better');
  if (lower) {
    if (actual <= t) return { percent: 100, how: 'minore è meglio: valore entro il target' };
    if (t <= 0 || actual <= 0) return { percent: 0, how: 'minore è meglio: target superato' };
    return { percent: clamp((t / actual) * 100), how: 'minore è meglio: target / valore' };
  }
  if (actual >= t) return { percent: 100, how: 'maggiore è meglio: target raggiunto' };
  if (t <= 0) return { percent: 0, how: 'maggiore è meglio: sotto il target' };
  return { percent: clamp((actual / t) * 100), how: 'maggiore è meglio: valore / target' };
}

/** Achievement of one indicator or action; values `inadmissible` refuses are never passed here. */
export function itemScore(goal: Goal, actual: Actual, smvp: Smvp): Score {
  switch (actual.kind) {
    case 'missing':
      return smvp.missingActual === 'zero' ? { percent: 0, how: 'valore non rilevato: conta 0' } : { percent: null, how: 'valore non rilevato: escluso dalle medie' };
    case 'yesno':
      return { percent: actual.yes ? 100 : 0, how: actual.yes ? 'SI: realizzato' : 'NO: non realizzato' };
    case 'percent':
      if (goal.kind === 'percent' && goal.target) return valueScore(goal.target, actual.value, goal.polarity);
      return { percent: clamp(actual.value), how: 'percentuale di realizzazione riportata' };
    case 'date': {
      if (!goal.deadline) return { percent: null, how: 'data di completamento senza scadenza nel piano' };
      const delay = delayDays(goal.deadline, actual.iso);
      const percent = ladderPercent(delay, goal.grading, smvp.lateWithoutLadder);
      return { percent, how: delay <= 0 ? 'completato entro la scadenza' : `completato con ${delay} giorni di ritardo${goal.grading?.steps.length ? ' (graduazione della scheda)' : ''}` };
    }
    case 'number':
      if (!goal.target) return { percent: null, how: 'nessun target per l\'anno' };
      return valueScore(goal.target, actual.value, goal.polarity);
  }
}

/**
 * Weighted mean of the items' scores; the arithmetic mean when no item has a
 * weight. When only some items have a weight, `unweighted` says what the
 * others get: "equal-share" splits equally what the given weights leave of
 * 100, "exclude" leaves them out, "error" gives no score (`incomplete`).
 * Items without a score are left out. Null when nothing can be scored.
 */
export function weightedMean(
  items: readonly { percent: number | null; weight: number | null }[],
  unweighted: Smvp['unweighted'] = 'error',
): { percent: number | null; weighted: boolean; incomplete: boolean } {
  const hasWeight = (w: number | null): w is number => w !== null && w > 0;
  const weighted = items.some((i) => hasWeight(i.weight));
  const missing = items.filter((i) => !hasWeight(i.weight));
  let weights = items.map((i) => i.weight);
  if (weighted && missing.length > 0) {
    const given = items.reduce((s, i) => s + (hasWeight(i.weight) ? i.weight : 0), 0);
    if (unweighted === 'error' || (unweighted === 'equal-share' && given >= 100)) return { percent: null, weighted, incomplete: true };
    if (unweighted === 'equal-share') weights = items.map((i) => (hasWeight(i.weight) ? i.weight : (100 - given) / missing.length));
    else weights = items.map((i) => (hasWeight(i.weight) ? i.weight : 0));
  }
  const scored = items.map((i, k) => ({ percent: i.percent, weight: weights[k] ?? null })).filter((i): i is { percent: number; weight: number | null } => i.percent !== null);
  if (scored.length === 0) return { percent: null, weighted, incomplete: false };
  if (!weighted) return { percent: scored.reduce((s, i) => s + i.percent, 0) / scored.length, weighted, incomplete: false };
  const total = scored.reduce((s, i) => s + (i.weight ?? 0), 0);
  if (total <= 0) return { percent: null, weighted, incomplete: false };
  return { percent: scored.reduce((s, i) => s + i.percent * (i.weight ?? 0), 0) / total, weighted, incomplete: false };
}

/** Mean of the scores that exist; null when none does. */
export function mean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null;
}

/** The band an objective's score falls in (the first whose minimum it reaches; bands highest first). */
export function bandOf(percent: number, bands: Smvp['bands']): string {
  const ordered = [...bands].sort((a, b) => b.min - a.min);
  return (ordered.find((b) => percent >= b.min - 1e-9) ?? ordered[ordered.length - 1]!).label;
}
