import type { MessageTemplate } from '../../messages.js';
import type { CoverageEvidence } from '../../../models/plan.js';
import { estimateObjectives } from '../../../extractors/shared/coverage.js';
import { defineRule } from '../rule.js';

/** Below this estimate a document is not taken to show objectives (one `Obiettivo:` line in a letter is not a plan). */
export const MIN_ESTIMATE = 2;
/** Objectives read below this share of the estimate are reported. */
export const MIN_SHARE = 0.5;

/** True when `read` objectives are too few for an estimate (the rule's test: an estimate of at least MIN_ESTIMATE, fewer than MIN_SHARE of it read). */
export function underRead(read: number, estimated: number | null | undefined): boolean {
  return estimated != null && estimated >= MIN_ESTIMATE && read < estimated * MIN_SHARE;
}

const none = (it: string, en: string): MessageTemplate => ({
  it: `Il documento sembra contenere circa {estimated} obiettivi (${it}) ma ne sono stati letti {read}.`,
  en: `The document seems to hold about {estimated} objectives (${en}) but {read} were read.`,
});
const fewer = (it: string, en: string): MessageTemplate => ({
  it: `Il documento sembra contenere circa {estimated} obiettivi (${it}) ma ne sono stati letti solo {read}: verificare quelli mancanti.`,
  en: `The document seems to hold about {estimated} objectives (${en}) but only {read} were read: check the missing ones.`,
});

const COLUMN = ['{count} righe sotto la colonna «{label}», pagina {page}', '{count} rows under the column "{label}", page {page}'] as const;
const COLUMNS = ['{count} righe sotto {columns} colonne come «{label}», dalla pagina {page}', '{count} rows under {columns} columns such as "{label}", from page {page}'] as const;
const HEADINGS = ['{count} titoli come «{label}», dalla pagina {page}', '{count} headings such as "{label}", from page {page}'] as const;
const LABELS = ['{count} schede con l\'etichetta «{label}», dalla pagina {page}', '{count} sheets labelled "{label}", from page {page}'] as const;
const WEIGHTS = ['{count} pesi «{label}» che sommano a 100, dalla pagina {page}', '{count} weights "{label}" adding up to 100, from page {page}'] as const;

type Id = 'column' | 'columns' | 'headings' | 'labels' | 'weights';

function idOf(e: CoverageEvidence): Id {
  if (e.kind === 'tableRows') return e.columns > 1 ? 'columns' : 'column';
  return e.kind;
}

/** Objective-like structure in the layout (rows under an objective column, headings, sheets, weights) that did not become objectives. */
export const objectivesMissed = defineRule({
  id: 'objectives-missed',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Il documento mostra più obiettivi (righe, titoli, schede, pesi) di quanti ne siano stati letti.',
    en: 'The document shows more objectives (rows, headings, sheets, weights) than were read.',
  },
  messages: {
    noneColumn: none(...COLUMN),
    noneColumns: none(...COLUMNS),
    noneHeadings: none(...HEADINGS),
    noneLabels: none(...LABELS),
    noneWeights: none(...WEIGHTS),
    fewerColumn: fewer(...COLUMN),
    fewerColumns: fewer(...COLUMNS),
    fewerHeadings: fewer(...HEADINGS),
    fewerLabels: fewer(...LABELS),
    fewerWeights: fewer(...WEIGHTS),
  },
  messageSeverity: { fewerColumn: 'warning', fewerColumns: 'warning', fewerHeadings: 'warning', fewerLabels: 'warning', fewerWeights: 'warning' },
  check(doc, report) {
    if (!doc.layout) return;
    const { estimated, evidence } = estimateObjectives(doc.layout);
    const read = doc.objectives.length;
    if (!underRead(read, estimated)) return;
    const e = evidence[0]!;
    const id = idOf(e);
    report({
      messageId: read === 0 ? `none${cap(id)}` : `fewer${cap(id)}`,
      data: { estimated, read, count: e.count, label: e.label, columns: e.columns, page: e.page },
      path: ['objectives'],
      source: { page: e.page, line: e.line },
      actual: read,
      expected: estimated,
    });
  },
});

function cap<S extends Id>(s: S): Capitalize<S> {
  return (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<S>;
}
