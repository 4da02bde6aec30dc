/** Factories for model objects with every field present, so extractors set only what they read. */
import type { Action, Indicator, Objective, ObjectiveLevel, Provenance } from '../../models/plan.js';
import type { LayoutLine } from '../../models/layout.js';

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
