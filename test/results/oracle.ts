/**
 * An independent scorer of a filled results sheet, written from the rules in
 * docs/relazione.md and nothing else: it does not import pipeline/score or
 * pipeline/results. It reads the plan model (what the extractors found) and
 * the rows of a UTF-8 CSV sheet, and gives every row's, objective's, unit's,
 * manager's and the entity's figure, for the tests to hold the Relazione to.
 * Only the default SMVP of docs/relazione.md (missing = 0%, late without a
 * ladder = 0%, no general threshold, unweighted = error, duplicates refused).
 */
import type { Action, Indicator, Objective, PlanDocument, Target } from '../../models/plan.js';

export interface OracleRow {
  code: string;
  objectiveId: string;
  /** The sheet's row numbers for this code (header = row 1). */
  rows: number[];
  /** 0-100; 0 when missing or refused (missing counts 0%). */
  percent: number;
  /** False when the value was empty. */
  written: boolean;
  /** Why the written value is not used, when it is not. */
  refused: string | null;
  /** For a completion date: days after the deadline, and the ladder's steps (to check what the sheets cover). */
  delay: number | null;
  steps: number;
}

export interface OracleObjective {
  id: string;
  percent: number | null;
  achieved: boolean | null;
  band: string | null;
  threshold: number;
}

export interface OracleGroup {
  key: string;
  percent: number | null;
  objectives: number;
  achieved: number;
}

export interface Oracle {
  rows: Map<string, OracleRow>;
  objectives: Map<string, OracleObjective>;
  units: Map<string, OracleGroup>;
  managers: Map<string, OracleGroup>;
  entity: number | null;
}

type Value = { t: 'empty' } | { t: 'bad' } | { t: 'yes'; yes: boolean } | { t: 'date'; day: number } | { t: 'pct'; v: number } | { t: 'num'; v: number };
type Kind = 'number' | 'percent' | 'scale' | 'date' | 'activity';
interface Goal {
  kind: Kind;
  value: number | null;
  lower: boolean;
  deadline: number | null;
  steps: { max: number | null; percent: number }[];
}

/** Days since 1970 of a dd/mm/yyyy (or dd/mm/yy) date; null when the date does not exist. */
function day(d: string, m: string, y: string): number | null {
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const t = Date.UTC(year, Number(m) - 1, Number(d));
  const back = new Date(t);
  return back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(m) - 1 ? t / 86_400_000 : null;
}
const isoDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const DATE = /(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4}|\d{2})(?!\d)/;

/** The value column, read the Italian way (`1.234,5`, `80%`, `31/12/2024`, SI / NO). */
function readValue(text: string): Value {
  const s = text.trim();
  if (s === '') return { t: 'empty' };
  if (/^(si|sì)$/i.test(s)) return { t: 'yes', yes: true };
  if (/^no$/i.test(s)) return { t: 'yes', yes: false };
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (d) {
    const n = day(d[1]!, d[2]!, d[3]!);
    return n === null ? { t: 'bad' } : { t: 'date', day: n };
  }
  const p = /^(-?\d+(?:,\d+)?)\s*%$/.exec(s);
  if (p) return { t: 'pct', v: Number(p[1]!.replace(',', '.')) };
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$/.test(s)) return { t: 'num', v: Number(s.replace(/\./g, '').replace(',', '.')) };
  return { t: 'bad' };
}

function indicatorGoal(i: Indicator, year: number): Goal {
  const t: Target | null = i.targets.find((x) => x.year === year) ?? i.targets.find((x) => x.year === null) ?? null;
  const lower = t?.comparator === '<=' || (t?.comparator !== '>=' && i.polarity === 'lower-better');
  // «Un target scritto come data (entro il 30/06/2025) è una scadenza, non il numero 30.»
  const written = t && t.scale === null ? DATE.exec(t.raw) : null;
  if (written) return { kind: 'date', value: null, lower, deadline: day(written[1]!, written[2]!, written[3]!), steps: [] };
  const deadline = i.deadline ? isoDay(i.deadline) : null;
  if (t?.scale === '0-5') return { kind: 'scale', value: 5, lower: false, deadline, steps: [] };
  if (t && t.value !== null) return { kind: t.unit === '%' ? 'percent' : 'number', value: t.value, lower, deadline, steps: [] };
  return { kind: deadline === null ? 'activity' : 'date', value: null, lower, deadline, steps: [] };
}

function actionGoal(a: Action): Goal {
  // Deadline: TEMPI, else the date in the ladder's text, else the date in ATTESO.
  const inLadder = a.grading ? DATE.exec(a.grading.raw) : null;
  const inExpected = a.expected ? DATE.exec(a.expected) : null;
  const found = inLadder ?? inExpected;
  const deadline = a.deadline ? isoDay(a.deadline) : found ? day(found[1]!, found[2]!, found[3]!) : null;
  const steps = (a.grading?.steps ?? []).map((s) => ({ max: s.maxDelayDays, percent: s.percent }));
  // ATTESO as a target when it is only a number or a percentage; days / «fino a»: fewer is better.
  const m = a.expected ? /^\s*(almeno|fino a|non più di)?\s*(?:n\.\s*)?(\d+(?:[.,]\d+)?)\s*(%|[a-zà-ù]+)?\s*$/i.exec(a.expected) : null;
  if (m) {
    const unit = (m[3] ?? '').toLowerCase();
    const value = Number(m[2]!.replace(',', '.'));
    const lower = unit === 'giorni' || unit === 'gg' || /fino a|non più di/i.test(m[1] ?? '');
    return { kind: unit === '%' ? 'percent' : 'number', value, lower, deadline, steps };
  }
  return { kind: deadline === null ? 'activity' : 'date', value: null, lower: false, deadline, steps };
}

/** Why a value does not fit its goal (docs: «Il tipo di target»), or null. */
function refusal(g: Goal, v: Value): string | null {
  switch (v.t) {
    case 'empty':
      return null;
    case 'bad':
      return 'illeggibile';
    case 'date':
      return g.deadline === null ? 'data senza scadenza' : null;
    case 'pct':
      if (v.v < 0 || v.v > 100) return 'fuori da 0-100%';
      return g.kind === 'number' ? 'percentuale per un numero' : null;
    case 'num':
      if (g.kind === 'scale') return v.v < 0 || v.v > 5 ? 'fuori scala' : null;
      if (g.kind === 'percent') return v.v < 0 || v.v > 100 ? 'fuori da 0-100%' : null;
      return g.kind === 'number' ? null : 'numero per un\'attività';
    case 'yes':
      return g.kind === 'number' || g.kind === 'percent' ? 'SI/NO per un numero' : null;
  }
}

/** A number against its target, with polarity (docs: «Indicatore o azione»). */
function against(target: number, actual: number, lower: boolean): number {
  if (lower) return actual <= target ? 100 : target <= 0 || actual <= 0 ? 0 : (target / actual) * 100;
  return actual >= target ? 100 : target <= 0 ? 0 : (actual / target) * 100;
}

function score(g: Goal, v: Value): number {
  switch (v.t) {
    case 'yes':
      return v.yes ? 100 : 0; // on the 0-5 scale SI = 5 and NO = 0: the same 100 and 0
    case 'pct':
      return g.kind === 'percent' ? against(g.value!, v.v, g.lower) : v.v;
    case 'num':
      return g.kind === 'scale' ? (v.v / 5) * 100 : against(g.value!, v.v, g.lower);
    case 'date': {
      const late = v.day - g.deadline!;
      if (late <= 0) return 100;
      if (g.steps.length === 0) return 0; // smvp.lateWithoutLadder
      const step = [...g.steps].sort((a, b) => (a.max ?? Infinity) - (b.max ?? Infinity)).find((s) => s.max === null || late <= s.max);
      return step ? step.percent : 0;
    }
    default:
      return 0; // empty or refused: smvp.missingActual "zero"
  }
}

/** Names grouped without case, accents, dashes, spacing, «dell'», «n.» (docs: «Obiettivo, unità, ente»). */
export function oracleKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/dell['’]/g, ' ')
    .replace(/\bn\.\s*/g, ' ')
    .replace(/[-–—]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

const DEFAULT_BANDS = [
  [100, '100%'],
  [80, 'da 80% a meno di 100%'],
  [50, 'da 50% a meno di 80%'],
  [0, 'sotto il 50%'],
] as const;

/** Scores the sheet's rows (header first, as `csv-parse` gives them) against the plan for the year. */
export function oracle(plan: PlanDocument, year: number, sheet: string[][]): Oracle {
  const header = sheet[0]!;
  const codeCol = header.indexOf('Codice');
  const valueCol = header.indexOf('Valore raggiunto');
  const owner = new Map<string, { o: Objective; goal: Goal; weight: number | null }>();
  for (const o of plan.objectives) {
    for (const i of o.indicators) owner.set(i.id, { o, goal: indicatorGoal(i, year), weight: i.weight });
    for (const a of o.actions) owner.set(a.id, { o, goal: actionGoal(a), weight: a.weight });
  }
  const byCode = new Map<string, { row: number; text: string }[]>();
  sheet.slice(1).forEach((r, k) => {
    const code = r[codeCol]!;
    byCode.set(code, [...(byCode.get(code) ?? []), { row: k + 2, text: r[valueCol] ?? '' }]);
  });
  const rows = new Map<string, OracleRow>();
  for (const [code, list] of byCode) {
    const { o, goal } = owner.get(code)!;
    if (list.length > 1) {
      // smvp.duplicates "refuse": neither copy counts.
      rows.set(code, { code, objectiveId: o.id, rows: list.map((x) => x.row), percent: 0, written: true, refused: 'ripetuto', delay: null, steps: 0 });
      continue;
    }
    const v = readValue(list[0]!.text);
    const why = refusal(goal, v);
    const delay = v.t === 'date' && goal.deadline !== null ? v.day - goal.deadline : null;
    rows.set(code, { code, objectiveId: o.id, rows: [list[0]!.row], percent: why ? 0 : score(goal, v), written: v.t !== 'empty', refused: why, delay, steps: goal.steps.length });
  }

  // Objectives measured on their own rows: weighted mean, arithmetic without weights, none when weights are partial.
  const objectives = new Map<string, OracleObjective>();
  const own = new Map<string, OracleRow[]>();
  for (const r of rows.values()) own.set(r.objectiveId, [...(own.get(r.objectiveId) ?? []), r]);
  const percentOf = new Map<string, number | null>();
  const weighted = (list: OracleRow[]): number | null => {
    const weights = list.map((r) => owner.get(r.code)!.weight);
    const given = weights.filter((w): w is number => w !== null && w > 0);
    if (given.length === 0) return list.reduce((s, r) => s + r.percent, 0) / list.length;
    if (given.length < list.length) return null; // smvp.unweighted "error"
    const total = given.reduce((s, w) => s + w, 0);
    return list.reduce((s, r, k) => s + r.percent * weights[k]!, 0) / total;
  };
  const childrenOf = (id: string) => plan.objectives.filter((c) => c.parentId === id);
  const resolve = (o: Objective, depth = 0): number | null => {
    if (percentOf.has(o.id)) return percentOf.get(o.id)!;
    let p: number | null;
    const mine = own.get(o.id);
    if (mine) p = weighted(mine);
    else {
      const kids = depth > 20 ? [] : childrenOf(o.id).map((c) => resolve(c, depth + 1)).filter((x): x is number => x !== null);
      p = kids.length ? kids.reduce((s, x) => s + x, 0) / kids.length : null;
    }
    percentOf.set(o.id, p);
    return p;
  };
  for (const o of plan.objectives) {
    const p = resolve(o);
    const threshold = o.minimumThreshold ?? 100;
    objectives.set(o.id, { id: o.id, percent: p, threshold, achieved: p === null ? null : p >= threshold, band: p === null ? null : DEFAULT_BANDS.find(([min]) => p >= min)![1] });
  }

  // Units, managers, entity: means over the objectives measured on their own rows.
  const measured = plan.objectives.filter((o) => own.has(o.id));
  const groupBy = (name: (o: Objective) => string | null) => {
    const groups = new Map<string, OracleGroup>();
    const sums = new Map<string, number[]>();
    for (const o of measured) {
      const n = name(o);
      if (n === null) continue;
      const key = oracleKey(n);
      const g = groups.get(key) ?? { key, percent: null, objectives: 0, achieved: 0 };
      const s = objectives.get(o.id)!;
      g.objectives++;
      if (s.achieved) g.achieved++;
      if (s.percent !== null) sums.set(key, [...(sums.get(key) ?? []), s.percent]);
      groups.set(key, g);
    }
    for (const [key, xs] of sums) groups.get(key)!.percent = xs.reduce((a, b) => a + b, 0) / xs.length;
    return groups;
  };
  const all = measured.map((o) => objectives.get(o.id)!.percent).filter((x): x is number => x !== null);
  return {
    rows,
    objectives,
    units: groupBy((o) => o.unit ?? '(unità non indicata)'),
    managers: groupBy((o) => o.manager),
    entity: all.length ? all.reduce((a, b) => a + b, 0) / all.length : null,
  };
}
