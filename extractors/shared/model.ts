/** Factories for model objects with every field present, so extractors set only what they read. */
import type { Action, Indicator, Objective, ObjectiveLevel, Provenance } from '../../models/plan.js';
import type { LayoutCell, LayoutLine } from '../../models/layout.js';

export function provenanceOf(line: Pick<LayoutLine, 'page' | 'line' | 'bbox' | 'confidence'>): Provenance {
  const p: Provenance = { page: line.page, line: line.line };
  if (line.bbox) p.bbox = line.bbox;
  if (line.confidence !== undefined) p.confidence = line.confidence;
  return p;
}

export function newObjective(id: string, level: ObjectiveLevel, title: string, source: Provenance): Objective {
  return {
    id,
    code: null,
    level,
    title,
    description: null,
    parentId: null,
    unit: null,
    sector: null,
    manager: null,
    years: [],
    weight: null,
    types: [],
    mandateLine: null,
    budgetLink: null,
    minimumThreshold: null,
    scheda: null,
    allocation: null,
    assessori: [],
    involvedUnits: [],
    indicators: [],
    actions: [],
    staff: [],
    budget: [],
    source,
  };
}

export function newIndicator(id: string, name: string, source: Provenance): Indicator {
  return {
    id,
    name,
    kind: null,
    kindRaw: null,
    baseline: null,
    targets: [],
    deadline: null,
    deadlineRaw: null,
    weight: null,
    polarity: null,
    office: null,
    ambiguous: false,
    source,
  };
}

export function newAction(id: string, text: string, source: Provenance): Action {
  return {
    id,
    n: null,
    year: null,
    weight: null,
    weightRaw: null,
    text,
    deadline: null,
    deadlineRaw: null,
    indicator: null,
    expected: null,
    grading: null,
    achievedRaw: null,
    achievedPercent: null,
    staff: [],
    source,
  };
}

/** Where one cell of a line was read: the line's page and number with the cell's own box, or null when the cell has no box (text input). */
export function cellProvenance(line: Pick<LayoutLine, 'page' | 'line'>, cell: Pick<LayoutCell, 'bbox' | 'confidence'> | null | undefined): Provenance | null {
  if (!cell?.bbox) return null;
  const p: Provenance = { page: line.page, line: line.line, bbox: cell.bbox };
  if (cell.confidence !== undefined) p.confidence = cell.confidence;
  return p;
}
