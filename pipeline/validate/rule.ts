/** What a validation rule is: a check (id, severity, messages) plus a function over the model. */
import type { Objective, Period, Family, PrintedTotal, ScoringTables } from '../../models/plan.js';
import type { LayoutDocument } from '../../models/layout.js';
import type { Severity } from '../../models/finding.js';
import type { ReportInput } from '../context.js';
import type { Check } from '../messages.js';

/** The part of the document rules read. */
export interface RuleInput {
  readonly family: Family;
  readonly period: Period | null;
  readonly objectives: readonly Objective[];
  /** The entity's weighting tables: the config's when given, else the document's own. */
  readonly scoring?: ScoringTables | null;
  /** The layout the objectives were read from (null when the file was not read), for rules that compare the two. */
  readonly layout?: LayoutDocument | null;
  /** Totals printed in the document, with the objectives they add up. */
  readonly totals?: readonly PrintedTotal[];
}

export interface RuleOptions {
  /** Rounding tolerance for sums and computed values (config `tolerance`). */
  readonly tolerance: number;
  /** OCR confidence (0..1) below which a value is reported (config `minConfidence`). */
  readonly minConfidence: number;
}

export interface Rule<M extends string = string> extends Check<M> {
  /**
   * Severity of some messages when the configuration does not set the rule's
   * (default: the rule's `severity` for every message). A configured severity
   * applies to every message alike.
   */
  readonly messageSeverity?: Readonly<Partial<Record<M, Severity>>>;
  check(doc: RuleInput, report: (input: ReportInput<M>) => void, options: RuleOptions): void;
}

/** Declares a rule; its `messageId`s are checked at compile time. */
export function defineRule<const M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
