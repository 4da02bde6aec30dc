/**
 * What is measured for a year: for each objective, its indicators with a
 * target for that year, or, when it has none, its actions (phases) of that
 * year. The same list makes the results sheet's rows and the Relazione's
 * scores, so a row of the sheet always maps to a score and back.
 */
import type { Action, Indicator, Objective, PlanDocument, Target } from '../../models/plan.js';
import { parseItalianDate } from '../../extractors/shared/dates.js';
import { parseItalianNumber } from '../../extractors/shared/numbers.js';
import { goalKind, type Goal } from '../score/achievement.js';
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
  /** Where the deadline was read: the target, the TEMPI / deadline column, the ladder's text, the expected result. */
  deadlineFrom: 'target' | 'tempi' | 'graduazione' | 'atteso' | null;
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

function formOf(goal: Goal): string {
  switch (goal.kind) {
    case 'scale05':
      return 'un numero da 0 a 5 (0 = NO, 5 = SI) o la percentuale di realizzazione (es. 80%)';
    case 'number':
      return `un numero${goal.target?.unit ? ` (${goal.target.unit})` : ''}${goal.deadline ? ' o la data di completamento (gg/mm/aaaa)' : ''}`;
    case 'percent':
      return `una percentuale da 0% a 100%${goal.deadline ? ' o la data di completamento (gg/mm/aaaa)' : ''}`;
    case 'date':
      return 'la data di completamento (gg/mm/aaaa), la percentuale di realizzazione (es. 80%) o SI / NO';
    case 'activity':
      return 'la percentuale di realizzazione (es. 80%) o SI / NO';
  }
}

/** A date target written in words (`entro il 30/06/2025`): the deadline, and no numeric target. */
function dateTarget(t: Target | null): string | null {
  if (!t || t.scale) return null;
  if (!/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\b(entro|scadenza|termine)\b/i.test(t.raw)) return null;
  const d = parseItalianDate(t.raw);
  return d.status === 'ok' ? d.iso : null;
}

/** The first real date a text names after «data», «termine», «entro», «del» (a ladder: `Nessun ritardo rispetto alla data del 31/12/2024 = 100%`). */
function dateInText(text: string | null): string | null {
  if (!text) return null;
  const m = /(?:data|termine|entro|scadenza)\b[^=:;]{0,30}?(\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*(?:\d{4}|\d{2}))/i.exec(text);
  if (!m) return null;
  const d = parseItalianDate(m[1]!);
  return d.status === 'ok' ? d.iso : null;
}

/**
 * An action's ATTESO read as a target when it is only a number or a percentage (`100,00%`, `1,5 giorni`,
 * `3`, `almeno 2`): then a value is scored against it, not taken as a percentage of realization.
 */
export function expectedTarget(expected: string | null, year: number | null): Target | null {
  if (!expected) return null;
  const m = /^\s*(almeno|non meno di|≥|>=|≤|<=|fino a|non più di|massimo)?\s*(?:n\.?\s*)?([-+]?\d[\d.,]*)\s*(%|[a-zà-ù]+(?:\s+[a-zà-ù]+)?)?\s*$/i.exec(expected);
  if (!m) return null;
  const value = parseItalianNumber(m[2]!) ?? (/^\d+\.\d+$/.test(m[2]!) ? Number(m[2]) : null);
  if (value === null) return null;
  const word = (m[1] ?? '').toLowerCase();
  const comparator = /almeno|non meno|≥|>=/.test(word) ? '>=' : /≤|<=|fino a|non più|massimo/.test(word) ? '<=' : null;
  const unit = m[3] ? (m[3] === '%' ? '%' : m[3].toLowerCase()) : null;
  return { year, value, raw: expected, comparator, unit, scale: null };
}

/** ATTESO and the deadline, the deadline left out when ATTESO already names it. */
function actionTarget(a: Action, iso: string | null): string {
  const deadline = iso ? formatDate(iso) : null;
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
        const fromTarget = dateTarget(target);
        const numeric = fromTarget ? null : target;
        const deadline = fromTarget ?? i.deadline;
        const goal: Goal = { kind: goalKind(numeric, deadline), target: numeric, polarity: i.polarity, deadline, grading: null };
        items.push({
          code: i.id,
          kind: 'indicatore',
          objective: o,
          objectiveCode,
          description: i.name,
          goal,
          weight: i.weight,
          deadlineFrom: fromTarget ? 'target' : i.deadline ? 'tempi' : null,
          targetText: fromTarget ? `entro il ${formatDate(fromTarget)}` : target ? targetText(target) : i.deadline ? `entro il ${formatDate(i.deadline)}` : '',
          form: formOf(goal),
          source: i.source,
          achievedPercent: null,
          achievedRaw: null,
        });
      }
      continue;
    }
    for (const a of o.actions.filter((a) => actionInYear(a, o, year))) {
      const fromLadder = a.deadline ? null : dateInText(a.grading?.raw ?? null);
      const fromExpected = a.deadline || fromLadder ? null : dateInText(a.expected);
      const deadline = a.deadline ?? fromLadder ?? fromExpected;
      const target = expectedTarget(a.expected, a.year);
      // Days allowed (`1,5 giorni`) are a time limit: fewer is better; any other count: more is better, unless «fino a».
      const polarity = target?.comparator === '<=' || /^(giorni|gg)$/.test(target?.unit ?? '') ? 'lower-better' : target ? 'higher-better' : null;
      const goal: Goal = { kind: goalKind(target, deadline), target, polarity, deadline, grading: a.grading };
      items.push({
        code: a.id,
        kind: 'azione',
        objective: o,
        objectiveCode,
        description: a.text,
        goal,
        weight: a.weight,
        deadlineFrom: a.deadline ? 'tempi' : fromLadder ? 'graduazione' : fromExpected ? 'atteso' : null,
        targetText: actionTarget(a, deadline),
        form: formOf(goal),
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
