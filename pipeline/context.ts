/**
 * The document that travels the pipeline and the context every stage gets.
 * Stages report content problems through `ctx.report`; they neither print nor
 * throw for bad content.
 */
import type { Finding, FindingValue, Provenance } from '../models/finding.js';
import type { LayoutDocument } from '../models/layout.js';
import type { ContextFact, Family, Objective, Period, PrintedTotal, ScoringTables, SourceInfo } from '../models/plan.js';
import { FATAL_CHECK_IDS, type PiaoConfig } from '../models/config.js';
import { type Check, formatMessage } from './messages.js';

/** The one document object every stage receives and returns. */
export interface WorkingDocument {
  source: SourceInfo;
  /** Raw bytes, kept only until the ingest stage has read them. */
  bytes: Uint8Array | null;
  layout: LayoutDocument | null;
  family: Family;
  /** Label hits per family found by the classifier (for explanations). */
  familyScores: Partial<Record<Family, number>>;
  entity: string | null;
  period: Period | null;
  scoring: ScoringTables | null;
  context: ContextFact[];
  /** Totals printed in the document (TOTALE rows), with the items they add up. */
  totals: PrintedTotal[];
  objectives: Objective[];
  findings: Finding[];
  /** Set by a fatal finding: later stages are skipped. */
  halted: boolean;
}

/** What a stage says when it reports a finding. */
export interface ReportInput<M extends string> {
  messageId: M;
  data?: Record<string, FindingValue>;
  path?: (string | number)[];
  objectiveId?: string;
  source?: Partial<Provenance> | null;
  /** The second place, where two statements of one fact disagree. */
  related?: Partial<Provenance> | null;
  raw?: string;
  actual?: FindingValue;
  expected?: FindingValue;
  suggestion?: { path: (string | number)[]; value: FindingValue };
  /** The file could not be processed at all; later stages are skipped. */
  fatal?: boolean;
}

export interface StageContext {
  readonly config: PiaoConfig;
  /** Password for encrypted PDFs (`--password`). */
  readonly password?: string | undefined;
  /** OCR workers this document may use (the batch pool shares the cores among its files); default all cores. */
  readonly ocrWorkers?: number | undefined;
  report<M extends string>(doc: WorkingDocument, check: Check<M>, input: ReportInput<M>): void;
}

/** A pipeline stage: built once from its options, applied to each document. */
export type Stage = (doc: WorkingDocument, ctx: StageContext) => WorkingDocument | Promise<WorkingDocument>;

/** Builds the one Finding shape from a check and what the stage said. */
export function makeFinding<M extends string>(
  file: string,
  check: Check<M>,
  input: ReportInput<M>,
  config: PiaoConfig,
): Finding | null {
  // A fatal check, or a finding that stops the file, keeps its severity whatever the configuration says.
  const setting = input.fatal || FATAL_CHECK_IDS.includes(check.id) ? undefined : config.rules[check.id];
  if (setting === 'off') return null;
  const severity = setting === undefined ? check.severity : setting === 'warn' ? 'warning' : setting;
  const template = check.messages[input.messageId];
  const data = input.data ?? {};
  const finding: Finding = {
    rule: check.id,
    messageId: input.messageId,
    data,
    severity: input.fatal ? 'error' : severity,
    fatal: input.fatal ?? false,
    stage: check.stage,
    message: formatMessage(template.it, data),
    messageEn: formatMessage(template.en, data),
    path: input.path ?? [],
    source: { file, page: input.source?.page ?? null, line: input.source?.line ?? null },
  };
  if (input.source?.bbox) finding.source.bbox = input.source.bbox;
  if (input.source?.confidence !== undefined) finding.source.confidence = input.source.confidence;
  if (input.related) {
    finding.related = { file, page: input.related.page ?? null, line: input.related.line ?? null };
    if (input.related.bbox) finding.related.bbox = input.related.bbox;
  }
  if (input.objectiveId !== undefined) finding.objectiveId = input.objectiveId;
  if (input.raw !== undefined) finding.raw = input.raw;
  if (input.actual !== undefined) finding.actual = input.actual;
  if (input.expected !== undefined) finding.expected = input.expected;
  if (input.suggestion !== undefined) finding.suggestion = input.suggestion;
  return finding;
}

export function createContext(config: PiaoConfig, password?: string, ocrWorkers?: number): StageContext {
  return {
    config,
    password,
    ocrWorkers,
    report(doc, check, input) {
      const finding = makeFinding(doc.source.path, check, input, config);
      if (input.fatal) doc.halted = true;
      if (finding) doc.findings.push(finding);
    },
  };
}
