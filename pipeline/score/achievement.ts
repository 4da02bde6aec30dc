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
 * - a percentage reported directly (the % column of a filled scheda) is used as it is.
 */
import type { Smvp } from '../../models/config.js';
import type { Grading, Polarity, Target } from '../../models/plan.js';

/** What was achieved, as read from the results sheet or a filled scheda. */
export type Actual =
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'percent'; value: number }
  | { kind: 'missing' };

export interface Goal {
  target: Target | null;
  polarity: Polarity | null;
  /** ISO deadline, for temporal goals. */
  deadline: string | null;
  grading: Grading | null;
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

/** Achievement of one indicator or action. */
export function itemScore(goal: Goal, actual: Actual, smvp: Smvp): Score {
  switch (actual.kind) {
    case 'missing':
      return smvp.missingActual === 'zero' ? { percent: 0, how: 'valore non rilevato: conta 0' } : { percent: null, how: 'valore non rilevato: escluso dalle medie' };
    case 'percent':
      return { percent: clamp(actual.value), how: 'percentuale riportata' };
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
 * weight (items without a weight then count equally). Items without a score
 * are left out. Null when nothing can be scored.
 */
export function weightedMean(items: readonly { percent: number | null; weight: number | null }[]): { percent: number | null; weighted: boolean } {
  const scored = items.filter((i): i is { percent: number; weight: number | null } => i.percent !== null);
  if (scored.length === 0) return { percent: null, weighted: false };
  const weighted = scored.some((i) => i.weight !== null && i.weight > 0);
  if (!weighted) return { percent: scored.reduce((s, i) => s + i.percent, 0) / scored.length, weighted };
  const total = scored.reduce((s, i) => s + (i.weight ?? 0), 0);
  if (total <= 0) return { percent: null, weighted };
  return { percent: scored.reduce((s, i) => s + i.percent * (i.weight ?? 0), 0) / total, weighted };
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
