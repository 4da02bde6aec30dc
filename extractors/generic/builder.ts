/**
 * The plan being read by the generic extractor: the objectives found so far,
 * the one the text is talking about now, and the context a heading sets for
 * what follows (unit, manager, Missione / Programma). Strategies (tables,
 * headings, label/value sheets, lists) add to it in reading order.
 */
import type { Action, BudgetLink, Indicator, Objective, ObjectiveLevel, PrintedTotal, Provenance, Target } from '../../models/plan.js';
import { parseItalianDate } from '../shared/dates.js';
import { collapseSpaces } from '../shared/labels.js';
import { newAction, newIndicator, newObjective } from '../shared/model.js';
import { parseTarget } from '../shared/targets.js';
import { parseItalianNumber, parsePercent } from '../shared/numbers.js';

export interface Scope {
  unit: string | null;
  manager: string | null;
  budgetLink: BudgetLink | null;
}

/** Why an objective was read: explicit evidence raises the confidence. */
export type Evidence = 'keyword' | 'column' | 'label' | 'code' | 'content';

export class PlanBuilder {
  readonly objectives: Objective[] = [];
  readonly totals: PrintedTotal[] = [];
  current: Objective | null = null;
  scope: Scope = { unit: null, manager: null, budgetLink: null };
  private readonly evidence = new Map<Objective, Set<Evidence>>();
  private readonly codes = new Map<string, Objective>();
  private nextId = 1;

  /** @param year the plan's first year: targets printed without a year belong to it. */
  constructor(readonly year: number | null) {}

  /** The objective with this printed code, if one was read. */
  byCode(code: string): Objective | undefined {
    return this.codes.get(normCode(code));
  }

  /**
   * The objective `code` names, or a new one. A title printed again (a summary
   * list, then the objective's own section) completes the one read before.
   */
  objective(input: { code: string | null; title: string; level: ObjectiveLevel; source: Provenance; evidence: Evidence; parent?: Objective | null }): Objective {
    const title = collapseSpaces(input.title);
    let found = input.code !== null ? this.byCode(input.code) : undefined;
    if (!found && input.code === null && title !== '') found = this.objectives.find((o) => o.code === null && o.title === title && o.level === input.level);
    if (found) {
      if (found.title === '' || (title.length > found.title.length && title.startsWith(found.title))) found.title = title;
      this.note(found, input.evidence);
      this.current = found;
      return found;
    }
    const obj = newObjective(`OB${this.nextId++}`, input.level, title, input.source);
    obj.code = input.code;
    if (input.code !== null && !this.codes.has(normCode(input.code))) this.codes.set(normCode(input.code), obj);
    obj.unit = this.scope.unit;
    obj.manager = this.scope.manager;
    obj.budgetLink = this.scope.budgetLink;
    if (this.year !== null) obj.years = [this.year];
    if (input.parent) obj.parentId = input.parent.id;
    this.objectives.push(obj);
    this.note(obj, input.evidence);
    this.current = obj;
    return obj;
  }

  note(obj: Objective, evidence: Evidence): void {
    let set = this.evidence.get(obj);
    if (!set) this.evidence.set(obj, (set = new Set()));
    set.add(evidence);
  }

  evidenceOf(obj: Objective): ReadonlySet<Evidence> {
    return this.evidence.get(obj) ?? new Set();
  }

  indicator(obj: Objective, name: string, source: Provenance): Indicator {
    const ind = newIndicator(`${obj.id}.I${obj.indicators.length + 1}`, collapseSpaces(name), source);
    obj.indicators.push(ind);
    this.note(obj, 'content');
    return ind;
  }

  action(obj: Objective, text: string, source: Provenance): Action {
    const action = newAction(`${obj.id}.A${obj.actions.length + 1}`, collapseSpaces(text), source);
    action.year = this.year;
    obj.actions.push(action);
    this.note(obj, 'content');
    return action;
  }

  /**
   * A target as printed; `year` null means the plan's first year. A year before the plan is a baseline.
   * Returns the target added (null for an empty text or a baseline).
   */
  target(ind: Indicator, raw: string, year: number | null, source?: Provenance): Target | null {
    const printed = collapseSpaces(raw);
    if (printed === '') return null;
    const y = year ?? this.year;
    if (y !== null && this.year !== null && y < this.year && ind.baseline === null) {
      this.baseline(ind, printed, y, source);
      return null;
    }
    const t = parseTarget(printed, y);
    if (source) t.source = source;
    ind.targets.push(t);
    const deadline = /entro|scadenza|termine/i.test(printed) ? parseItalianDate(printed, y) : null;
    if (deadline?.iso && ind.deadline === null) {
      ind.deadline = deadline.iso;
      ind.deadlineRaw = printed;
    }
    return t;
  }

  baseline(ind: Indicator, raw: string, year: number | null, source?: Provenance): void {
    const printed = collapseSpaces(raw);
    if (printed === '') return;
    ind.baseline = { year, value: parsePercent(printed) ?? parseItalianNumber(printed.replace(/^[<>=≤≥]+\s*/, '')), raw: printed };
    if (source) ind.baseline.source = source;
  }

  /** Sets a deadline on an action or indicator from a printed text (`entro il 30.09.2025`, `Giugno 2025`). */
  deadline(item: Action | Indicator, raw: string): void {
    const printed = collapseSpaces(raw);
    if (printed === '' || /^da\b|^dal\b|^a decorrere|^a partire/i.test(printed)) return;
    const parsed = parseItalianDate(printed, this.year);
    if (parsed.iso) {
      item.deadline = parsed.iso;
      item.deadlineRaw = printed;
    }
  }

  /** A printed total of the weights of `parts` (the objectives of the rows above it in its table). */
  total(label: string, raw: string, source: Provenance, parts: readonly Objective[]): void {
    const printed = collapseSpaces(raw);
    this.totals.push({ label: collapseSpaces(label), field: 'weight', value: parsePercent(printed) ?? parseItalianNumber(printed), raw: printed, parts: parts.map((o) => o.id), source });
  }

  /**
   * A printed total of one column of a matrix of weights per person: the shares of the staff entries whose
   * `who` is `column` in `parts` (the objectives of the rows above it with a share in that column).
   */
  columnTotal(label: string, column: string, raw: string, source: Provenance, parts: readonly Objective[]): void {
    const printed = collapseSpaces(raw);
    this.totals.push({ label: collapseSpaces(label), field: 'staff-share', column, value: parsePercent(printed) ?? parseItalianNumber(printed), raw: printed, parts: parts.map((o) => o.id), source });
  }
}

/** A code compared without case, spaces, `n.` and trailing dots (`n. 0` = `0`, `OB.1.` = `OB.1`). */
export function normCode(code: string): string {
  return code.replace(/^n[°.]?\s*/i, '').replace(/\s+/g, '').replace(/\.$/, '').toUpperCase();
}

/**
 * The unit of measure printed in its own column (`%`, `n.`, `milioni di euro`), as a target's unit: `%`
 * when it has one, else the text in lower case; null for an empty or dash cell.
 */
export function measureUnitOf(raw: string): string | null {
  const text = collapseSpaces(raw);
  if (text === '' || /^[-–—/]$/.test(text)) return null;
  return text.includes('%') ? '%' : text.toLowerCase();
}

/** A weight as printed (`40`, `40%`, `peso 40 %`), within 0-100, or null. */
export function weightOf(raw: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const value = parsePercent(text) ?? parseItalianNumber(text.replace(/^peso\s*/i, '').replace(/%$/, ''));
  return value !== null && value >= 0 && value <= 100 ? value : null;
}
