/** What an extractor is: one per layout family, listed in `extractors/index.ts`. */
import type { Check } from '../pipeline/messages.js';
import type { ReportInput } from '../pipeline/context.js';
import type { LayoutDocument } from '../models/layout.js';
import type { ContextFact, Family, Objective, Period, PrintedTotal, ScoringTables } from '../models/plan.js';

export interface ExtractContext {
  readonly file: string;
  report<M extends string>(check: Check<M>, input: ReportInput<M>): void;
}

export interface ExtractResult {
  entity: string | null;
  period: Period | null;
  objectives: Objective[];
  /** Weighting tables printed in the document, when the family has them. */
  scoring?: ScoringTables | null;
  /** Context data printed in the document. */
  context?: ContextFact[];
  /** Totals printed in the document (TOTALE rows), with the objectives they add up. */
  totals?: PrintedTotal[];
}

export interface Extractor {
  readonly family: Exclude<Family, 'unknown' | 'generic'>;
  /** One line, Italian, for `piao --help` and the README. */
  readonly description: string;
  /** Checks this extractor may report (kept in agreement with docs/rules by a test). */
  readonly checks: readonly Check[];
  extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult;
}
