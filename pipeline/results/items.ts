/**
 * What is measured for a year: for each objective, its indicators with a
 * target for that year, or, when it has none, its actions (phases) of that
 * year. The same list makes the results sheet's rows and the Relazione's
 * scores, so a row of the sheet always maps to a score and back.
 */
import type { Action, Indicator, Objective, PlanDocument, Target } from '../../models/plan.js';
import type { Goal } from '../score/achievement.js';
import { treeOrder, targetText } from '../render/plan-view.js';
import { formatDate, formatNumber } from '../render/italian.js';

export interface ResultItem {
  /** Indicator or action id: the key of the results sheet. */
  code: string;
  kind: 'indicatore' | 'azione';
  objective: Objective;
  objectiveCode: string;
  description: string;
  goal: Goal;
  weight: number | null;
  /** The target as it reads (`≥ 24 ore`, `5 su 5`, `31/12/2024`). */
  targetText: string;
  /** What to write in the value column. */
  form: string;
  source: Indicator['source'];
  /** RAGGIUNTO and % of a filled scheda, when the plan has them. */
  achievedPercent: number | null;
  achievedRaw: string | null;
}

const yearOf = (iso: string | null) => (iso ? Number(iso.slice(0, 4)) : null);

function indicatorTarget(i: Indicator, o: Objective, year: number): Target | null | undefined {
  const exact = i.targets.find((t) => t.year === year);
  if (exact) return exact;
  const undated = i.targets.find((t) => t.year === null);
  if (undated && (o.years.length === 0 || o.years.includes(year))) return undated;
  if (i.targets.length === 0 && (yearOf(i.deadline) === year || (i.deadline === null && o.years.includes(year)))) return null;
  return undefined; // not measured this year
}

function actionInYear(a: Action, o: Objective, year: number): boolean {
  if (a.year !== null) return a.year === year;
  if (a.deadline) return yearOf(a.deadline) === year;
  return o.years.includes(year);
}

function formOf(target: Target | null, deadline: string | null): string {
  if (target?.scale === '0-5') return 'un numero da 0 a 5 (0 = NO, 5 = SI)';
  if (target && target.value !== null) return `un numero${target.unit ? ` (${target.unit})` : ''}`;
  if (deadline) return 'la data di completamento (gg/mm/aaaa) o la percentuale di realizzazione (es. 80%)';
  return 'un numero o la percentuale di realizzazione (es. 80%)';
}

/** ATTESO and the deadline, the deadline left out when ATTESO already names it. */
function actionTarget(a: Action): string {
  const deadline = a.deadline ? formatDate(a.deadline) : null;
  const due = deadline ? `entro il ${deadline}` : a.deadlineRaw;
  if (a.expected && deadline && a.expected.includes(deadline)) return a.expected;
  return [a.expected, due].filter(Boolean).join(' — ');
}

export function resultItems(plan: PlanDocument, year: number): ResultItem[] {
  const items: ResultItem[] = [];
  for (const { objective: o } of treeOrder(plan.objectives)) {
    const objectiveCode = o.code ?? o.id;
    const indicators = o.indicators.flatMap((i) => {
      const target = indicatorTarget(i, o, year);
      return target === undefined ? [] : [{ i, target }];
    });
    if (indicators.length > 0) {
      for (const { i, target } of indicators) {
        items.push({
          code: i.id,
          kind: 'indicatore',
          objective: o,
          objectiveCode,
          description: i.name,
          goal: { target, polarity: i.polarity, deadline: i.deadline, grading: null },
          weight: i.weight,
          targetText: target ? targetText(target) : i.deadline ? `entro il ${formatDate(i.deadline)}` : '',
          form: formOf(target, i.deadline),
          source: i.source,
          achievedPercent: null,
          achievedRaw: null,
        });
      }
      continue;
    }
    for (const a of o.actions.filter((a) => actionInYear(a, o, year))) {
      items.push({
        code: a.id,
        kind: 'azione',
        objective: o,
        objectiveCode,
        description: a.text,
        goal: { target: null, polarity: null, deadline: a.deadline, grading: a.grading },
        weight: a.weight,
        targetText: actionTarget(a),
        form: formOf(null, a.deadline),
        source: a.source,
        achievedPercent: a.achievedPercent,
        achievedRaw: a.achievedPercent !== null ? a.achievedRaw : null,
      });
    }
  }
  return items;
}

/** The weight as printed in the sheet: `50%`, or empty. */
export const weightText = (w: number | null) => (w === null ? '' : `${formatNumber(w)}%`);
