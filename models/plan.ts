/**
 * The normalized objective model: what every extractor produces, every rule
 * checks and every template renders. Schemas and inferred types only, no
 * behaviour. Every parsed value keeps the text it was read from (`raw`), so
 * nothing is lost when parsing fails.
 */
import { z } from 'zod';
import { Finding, Provenance } from './finding.js';

export { Finding, Provenance };

/** Current version of the JSON written by `piao extract`. */
export const SCHEMA_VERSION = 1 as const;

export const Family = z
  .enum(['piao-2.2-table', 'schede-obiettivo', 'performance-organizzativa', 'legacy-piano', 'generic', 'unknown'])
  .describe('Layout family the document was recognized as; "generic" when no family was recognized and the generic extractor read objectives, "unknown" when nothing was read.');
export type Family = z.infer<typeof Family>;

export const ObjectiveLevel = z
  .enum(['mandato', 'strategico', 'operativo', 'gestionale', 'organizzativo', 'programma', 'progetto'])
  .describe('Place of the objective in the tree: mandate line -> strategic -> operational -> gestionale.');
export type ObjectiveLevel = z.infer<typeof ObjectiveLevel>;

export const IndicatorKind = z.enum(['attivita', 'efficienza', 'efficacia', 'economicita', 'qualita', 'dato', 'temporale']);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

export const Comparator = z.enum(['>=', '<=', '=']);
export type Comparator = z.infer<typeof Comparator>;

export const Polarity = z.enum(['higher-better', 'lower-better']);
export type Polarity = z.infer<typeof Polarity>;

/** A year of the plan (four digits). */
const Year = z.number().int().min(1990).max(2100);
/** ISO calendar date `YYYY-MM-DD`. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Where each field of an item was read, cell by cell: field name -> provenance (PDF and OCR input, where cells have a box). */
export const CellSources = z.record(z.string(), Provenance).describe('Where each field was read: the page and box of its own cell (PDF and OCR input).');
export type CellSources = z.infer<typeof CellSources>;

export const Baseline = z
  .object({
    year: Year.nullable(),
    value: z.number().nullable(),
    raw: z.string().describe('As printed.'),
    source: Provenance.optional().describe('The cell it was read from (PDF and OCR input).'),
  })
  .describe('Value of the indicator in the year before the plan.');
export type Baseline = z.infer<typeof Baseline>;

export const Target = z.object({
  year: Year.nullable(),
  value: z.number().nullable().describe('Parsed number, null when the printed text has none.'),
  raw: z.string().describe('As printed, e.g. "5 (100%)", ">= ore 24", "n.d.".'),
  comparator: Comparator.nullable(),
  unit: z.string().nullable().describe('Unit of measure read from the target: "%", "ore", "gg", "euro"... or null.'),
  scale: z
    .enum(['0-5'])
    .nullable()
    .describe('"0-5" for activity indicators printed as `5 (100%)` (0 = NO, 5 = SI).'),
  source: Provenance.optional().describe('The cell it was read from (PDF and OCR input).'),
});
export type Target = z.infer<typeof Target>;

export const Indicator = z.object({
  id: z.string(),
  name: z.string(),
  kind: IndicatorKind.nullable(),
  kindRaw: z.string().nullable().describe('Indicator type as printed (e.g. "Dato di Qualità").'),
  baseline: Baseline.nullable(),
  targets: z.array(Target),
  deadline: IsoDate.nullable(),
  deadlineRaw: z.string().nullable(),
  weight: z.number().nullable().describe('Share of the objective (percent) when the document gives one.'),
  polarity: Polarity.nullable(),
  office: z.string().nullable().describe('Office or staff in charge of the indicator (Ufficio/Personale).'),
  ambiguous: z.boolean().describe('True when the values could be read in more than one way.'),
  cells: CellSources.optional(),
  source: Provenance,
});
export type Indicator = z.infer<typeof Indicator>;

export const GradingStep = z.object({
  maxDelayDays: z.number().nullable().describe('Upper bound of the delay in days; 0 = no delay; null = any delay.'),
  percent: z.number(),
});
export const Grading = z.object({
  raw: z.string(),
  steps: z.array(GradingStep),
});
export type Grading = z.infer<typeof Grading>;

export const Staff = z.object({
  who: z.string(),
  share: z.number().nullable().describe('Participation percentage, or null when not printed.'),
  role: z.enum(['responsabile', 'partecipante']).describe('Responsible for the action, or taking part with a share.'),
  raw: z.string().nullable(),
  source: Provenance.nullable().describe('Where the staff row was read (null when not known).'),
});
export type Staff = z.infer<typeof Staff>;

export const Action = z.object({
  id: z.string(),
  n: z.number().int().nullable(),
  year: Year.nullable(),
  weight: z.number().nullable(),
  weightRaw: z.string().nullable(),
  text: z.string(),
  deadline: IsoDate.nullable(),
  deadlineRaw: z.string().nullable(),
  indicator: z.string().nullable(),
  expected: z.string().nullable(),
  grading: Grading.nullable(),
  achievedRaw: z.string().nullable().describe('RAGGIUNTO as printed on a filled sheet.'),
  achievedPercent: z.number().nullable().describe('% column of a filled sheet.'),
  staff: z.array(Staff),
  months: z.array(z.number().int().min(1).max(12)).optional().describe('Months the action runs in, as marked in a Gantt grid (1 = January).'),
  cells: CellSources.optional(),
  source: Provenance,
});
export type Action = z.infer<typeof Action>;

export const Budget = z.object({
  chapter: z.string(),
  year: Year.nullable(),
  amount: z.number().nullable(),
  raw: z.string().nullable(),
});
export type Budget = z.infer<typeof Budget>;

export const BudgetLink = z
  .object({
    missione: z.string().nullable().describe('Missione code, two digits, e.g. "01".'),
    missioneLabel: z.string().nullable(),
    programma: z.string().nullable().describe('Programma code, two digits, e.g. "12".'),
    programmaLabel: z.string().nullable(),
    raw: z.string(),
  })
  .describe('Link to the budget by national classification (Missione / Programma).');
export type BudgetLink = z.infer<typeof BudgetLink>;

export const Pesatura = z
  .object({
    criteria: z.array(z.object({ name: z.string(), weight: z.number().nullable(), raw: z.string().nullable() })),
    total: z.number().nullable(),
    totalRaw: z.string().nullable(),
  })
  .describe('PESATURA of a scheda: weighting criteria (rilevanza, innovatività, complessità, beneficio) and total.');
export type Pesatura = z.infer<typeof Pesatura>;

export const Scheda = z
  .object({
    period: z.object({ from: Year, to: Year }).nullable().describe('Period printed in the sheet header, e.g. 2024 – 2026.'),
    headerRaw: z.string().nullable().describe('The header line as printed (null when the sheet has none).'),
    scope: z.enum(['comune', 'individuale']).nullable().describe('Which box is ticked: COMUNE or INDIVIDUALE.'),
    dupStrategic: z.string().nullable().describe('DUP - Sezione strategica.'),
    dupOperational: z.string().nullable().describe('DUP - Sezione operativa.'),
    positionHolder: z.string().nullable().describe('Posizione organizzativa (EQ) di riferimento.'),
    referents: z.string().nullable().describe('Referente organizzativo di riferimento.'),
    baseline: z.string().nullable().describe('Situazione di partenza (baseline).'),
    target: z.string().nullable().describe('Traguardo atteso (target).'),
    stakeholders: z.string().nullable().describe('A chi è rivolto (stakeholder).'),
    otherUnits: z.array(z.string()).describe('Altre unità organizzative coinvolte.'),
    pesatura: Pesatura.nullable(),
  })
  .describe('Fields of a scheda obiettivo (family schede-obiettivo).');
export type Scheda = z.infer<typeof Scheda>;

export const Allocation = z
  .object({
    row: z.number().int().nullable().describe('Row number in the table (printed, or recovered from the row order).'),
    rowPrinted: z.boolean().describe('False when the row number was lost and recovered from the order.'),
    group: z.enum(['generale', 'intersettoriale', 'settore']).nullable(),
    groupRaw: z.string().nullable().describe('Group as printed on the sheet or recovered from the vertical heading.'),
    periodRaw: z.string().nullable(),
    staffRaw: z.string().nullable().describe('Staff involved, as printed in the table.'),
    category: z.string().nullable().describe('Strategicità category, e.g. "miglioramento".'),
    staffCount: z.number().nullable().describe('N. DIP.'),
    categoryWeight: z.number().nullable().describe('PESO % of the category.'),
    coefficient: z.number().nullable().describe('COEFF. MULTIPLIC. DIP. (staff-count coefficient).'),
    totalCoefficient: z.number().nullable().describe('TOTALE COEFF. = peso x coefficient.'),
    amount: z.number().nullable().describe('IMPORTO STANZIATO in euro.'),
    amountRaw: z.string().nullable(),
    source: Provenance,
  })
  .describe('Row of the performance-organizzativa table: how the objective is weighted and funded.');
export type Allocation = z.infer<typeof Allocation>;

export const Objective = z.object({
  id: z.string().describe('Stable within the document.'),
  code: z.string().nullable().describe('Code as printed (e.g. "S1-1_1", "Tras_1"), or null.'),
  level: ObjectiveLevel,
  title: z.string(),
  description: z.string().nullable(),
  parentId: z.string().nullable(),
  unit: z.string().nullable().describe('Responsible organisational unit (Settore / UOC / Area).'),
  sector: z.string().nullable().describe('Settore the unit belongs to, when printed separately.'),
  manager: z.string().nullable().describe('Dirigente responsabile.'),
  years: z.array(Year),
  weight: z.number().nullable(),
  types: z.array(z.string()).describe('Objective type tags as printed (Tipo OB), e.g. ["PNRR"].'),
  mandateLine: z.string().nullable().describe('Linea programmatica di mandato.'),
  budgetLink: BudgetLink.nullable(),
  minimumThreshold: z.number().nullable().describe('Soglia minima (percent) below which the objective is not achieved.'),
  scheda: Scheda.nullable().describe('Sheet fields, for objectives read from a scheda obiettivo.'),
  allocation: Allocation.nullable().describe('Table row of a performance-organizzativa plan.'),
  assessori: z.array(z.string()).describe('Assessori (political owners) named for the objective.'),
  involvedUnits: z.array(z.string()).describe('Other units, services or bodies involved, as printed.'),
  indicators: z.array(Indicator),
  actions: z.array(Action),
  staff: z.array(Staff),
  budget: z.array(Budget),
  cells: CellSources.optional(),
  confidence: z.number().min(0).max(1).optional().describe('How sure the generic extractor is that this is an objective (0..1); absent for the family extractors.'),
  source: Provenance,
});
export type Objective = z.infer<typeof Objective>;

export const SourceInfo = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().describe('Null only when the file could not be read.'),
  format: z.enum(['text', 'pdf', 'image']).nullable(),
  pages: z.number().int().min(0),
  ocrPages: z.array(z.number().int().min(1)).describe('Pages read by OCR (scans, pages without a usable text layer, image files).'),
  confidence: z.number().min(0).max(1).optional().describe('Mean OCR word confidence (0..1) over the OCR pages; absent when no page was read by OCR.'),
  bytes: z.number().int().min(0),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const Period = z.object({ from: Year, to: Year });
export type Period = z.infer<typeof Period>;

export const ScoringTables = z
  .object({
    categories: z.array(
      z.object({ n: z.number().int().nullable(), name: z.string(), weight: z.number(), raw: z.string() }),
    ).describe('Strategicità category -> peso.'),
    staffBrackets: z.array(
      z.object({
        min: z.number().nullable().describe('Lowest staff count of the bracket; null for "all staff".'),
        max: z.number().nullable().describe('Highest staff count, null when open.'),
        coefficient: z.number(),
        raw: z.string(),
      }),
    ).describe('Staff count bracket -> coefficient.'),
    source: Provenance.nullable(),
  })
  .describe("The entity's weighting tables (from the document or the config), used to check computed totals.");
export type ScoringTables = z.infer<typeof ScoringTables>;

export const ContextFact = z.object({
  label: z.string(),
  value: z.number().nullable(),
  raw: z.string(),
  source: Provenance,
});
export type ContextFact = z.infer<typeof ContextFact>;

export const CoverageEvidence = z.object({
  kind: z
    .enum(['tableRows', 'headings', 'labels', 'weights'])
    .describe('What was counted: data rows under a column naming objectives, headings that look like objectives (`Obiettivo n. 3 –`, `OB.3.1`), `Obiettivo:` labels of sheets, weights adding up to 100.'),
  count: z.number().int().min(0).describe('How many objectives this kind of structure suggests.'),
  label: z.string().describe('What was seen, as printed: the column header, the first heading, the label.'),
  columns: z.number().int().min(0).describe('For tableRows and weights: distinct column headers counted (1 for the other kinds).'),
  page: z.number().int().min(1).describe('Where it was first seen.'),
  line: z.number().int().min(1),
});
export type CoverageEvidence = z.infer<typeof CoverageEvidence>;

export const Coverage = z
  .object({
    estimated: z.number().int().min(0).describe('Objectives the layout seems to hold: the largest count of its evidence (0 when it shows none).'),
    evidence: z.array(CoverageEvidence).describe('Every kind of objective-like structure found, largest count first.'),
  })
  .describe('How many objectives the document seems to show, estimated from its layout alone (extractors/shared/coverage.ts), to compare with the objectives read.');
export type Coverage = z.infer<typeof Coverage>;

export const PrintedTotal = z
  .object({
    label: z.string().describe('The total as labelled, e.g. "TOTALE", "Totale pesi".'),
    field: z
      .enum(['weight', 'staff-share'])
      .describe("Which field of the parts it adds up: `weight` the objective's weight, `staff-share` the share of the staff entry named by `column` (a matrix of weights per person)."),
    column: z.string().optional().describe('For a total closing one column of a matrix (field `staff-share`): the column header, the `who` of the staff entries it adds up.'),
    value: z.number().nullable(),
    raw: z.string(),
    parts: z.array(z.string()).describe('Ids of the objectives whose values it adds up (the rows above it in its table; for a column total, those with a share in that column).'),
    source: Provenance,
  })
  .describe('A total printed in the document, kept to be checked against the sum of its parts.');
export type PrintedTotal = z.infer<typeof PrintedTotal>;

export const PlanDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('piao'), version: z.string() }),
  source: SourceInfo,
  family: Family,
  entity: z.string().nullable().describe('Administration the plan belongs to, e.g. "Comune di Prato".'),
  period: Period.nullable(),
  scoring: ScoringTables.nullable().describe('Weighting tables printed in the document (performance-organizzativa).'),
  context: z.array(ContextFact).describe('Context data printed in the plan (population, staff, ...).'),
  totals: z.array(PrintedTotal).optional().describe('Totals printed in the document (TOTALE rows), with the items they add up.'),
  objectives: z.array(Objective),
  findings: z.array(Finding),
  coverage: Coverage.optional().describe('Objectives the layout seems to hold (set whenever the document was read), for the objectives-missed rule and the batch index.'),
});
export type PlanDocument = z.infer<typeof PlanDocument>;
