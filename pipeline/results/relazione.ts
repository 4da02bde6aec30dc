/**
 * The Relazione's numbers: every item of the year scored against its target,
 * each objective's weighted score (rolled up the tree for objectives measured
 * through their children), threshold and band, the means per unit, per
 * manager and for the entity, and the scostamenti with their explanations.
 * Values come from the filled results sheet; a filled scheda (its % column)
 * counts where the sheet has no value.
 */
import type { PiaoConfig } from '../../models/config.js';
import type { Finding } from '../../models/finding.js';
import type { Objective, PlanDocument } from '../../models/plan.js';
import { makeFinding } from '../context.js';
import { treeOrder } from '../render/plan-view.js';
import { bandOf, itemScore, mean, weightedMean, type Actual, type Score } from '../score/achievement.js';
import { explanationMissing, resultsMissing } from './checks.js';
import { resultItems, type ResultItem } from './items.js';
import type { ResultsReading } from './sheet.js';

export interface ScoredItem {
  item: ResultItem;
  actual: Actual;
  raw: string;
  score: Score;
  note: string | null;
  from: 'foglio' | 'scheda' | null;
  row: number | null;
}

export interface ScoredObjective {
  objective: Objective;
  depth: number;
  items: ScoredItem[];
  /** 0-100; from its own items, else the mean of its children's; null when nothing is measured. */
  percent: number | null;
  /** How the score was made. */
  basis: 'ponderata' | 'media' | 'figli' | null;
  threshold: number | null;
  achieved: boolean | null;
  band: string | null;
}

export interface Group {
  name: string;
  percent: number | null;
  objectives: number;
  achieved: number;
}

export interface Relazione {
  plan: PlanDocument;
  year: number;
  objectives: ScoredObjective[];
  units: Group[];
  managers: Group[];
  entity: { percent: number | null; measured: number; achieved: number; notAchieved: number; notMeasured: number };
  bands: { label: string; count: number }[];
  scostamenti: (ScoredItem & { objective: ScoredObjective })[];
  findings: Finding[];
  resultsFile: string | null;
}

function group(objectives: ScoredObjective[], key: (o: Objective) => string | null): Group[] {
  const groups = new Map<string, ScoredObjective[]>();
  for (const s of objectives) {
    const name = key(s.objective);
    if (name) groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups].map(([name, list]) => ({ name, percent: mean(list.map((s) => s.percent)), objectives: list.length, achieved: list.filter((s) => s.achieved).length }));
}

export function computeRelazione(plan: PlanDocument, year: number, reading: ResultsReading | null, config: PiaoConfig, resultsFile: string | null = null): Relazione {
  const smvp = config.smvp;
  const findings: Finding[] = [...(reading?.findings ?? [])];
  const file = resultsFile ?? plan.source.path;
  const byObjective = new Map<string, ScoredItem[]>();
  for (const item of resultItems(plan, year)) {
    const read = reading?.values.get(item.code);
    let actual: Actual = read?.actual ?? { kind: 'missing' };
    let from: ScoredItem['from'] = read && read.actual.kind !== 'missing' ? 'foglio' : null;
    if (actual.kind === 'missing' && item.achievedPercent !== null) {
      actual = { kind: 'percent', value: item.achievedPercent };
      from = 'scheda';
    }
    const score = itemScore(item.goal, actual, smvp);
    const scored: ScoredItem = { item, actual, raw: read?.raw ?? (from === 'scheda' ? (item.achievedRaw ?? '') : ''), score, note: read?.note ?? null, from, row: read?.row ?? null };
    byObjective.set(item.objective.id, [...(byObjective.get(item.objective.id) ?? []), scored]);
    const objective = item.objectiveCode;
    if (actual.kind === 'missing') {
      const f = makeFinding(file, resultsMissing, {
        messageId: 'missing',
        data: { code: item.code, objective, policy: smvp.missingActual === 'zero' ? 'conta come 0%' : 'escluso dalle medie' },
        objectiveId: item.objective.id,
        source: { page: null, line: read?.row ?? null },
      }, config);
      if (f) findings.push(f);
    } else if (score.percent !== null && score.percent < 100 && !scored.note) {
      const f = makeFinding(file, explanationMissing, {
        messageId: 'missing',
        data: { code: item.code, objective, percent: Math.round(score.percent * 10) / 10 },
        objectiveId: item.objective.id,
        source: { page: null, line: read?.row ?? null },
      }, config);
      if (f) findings.push(f);
    }
  }

  // Bottom-up over the tree: an objective with items is scored from them; one without, from its children.
  const ordered = treeOrder(plan.objectives);
  const scoredById = new Map<string, ScoredObjective>();
  const children = new Map<string, string[]>();
  for (const { objective: o } of ordered) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  for (const { objective: o, depth } of [...ordered].reverse()) {
    const items = byObjective.get(o.id) ?? [];
    let percent: number | null = null;
    let basis: ScoredObjective['basis'] = null;
    if (items.length > 0) {
      const m = weightedMean(items.map((s) => ({ percent: s.score.percent, weight: s.item.weight })));
      percent = m.percent;
      basis = m.weighted ? 'ponderata' : 'media';
    } else {
      const kids = (children.get(o.id) ?? []).map((id) => scoredById.get(id)?.percent ?? null);
      percent = mean(kids);
      if (percent !== null) basis = 'figli';
    }
    const threshold = o.minimumThreshold ?? smvp.threshold;
    scoredById.set(o.id, {
      objective: o,
      depth,
      items,
      percent,
      basis,
      threshold,
      // Without a soglia minima (printed or in the SMVP) only 100% counts as achieved; the bands show the shades.
      achieved: percent === null ? null : percent >= (threshold ?? 100) - 1e-9,
      band: percent === null ? null : bandOf(percent, smvp.bands),
    });
  }
  const objectives = ordered.map(({ objective: o }) => scoredById.get(o.id)!).filter((s) => s.percent !== null || s.items.length > 0 || s.objective.years.includes(year));
  // Means count the objectives measured on their own items, so a parent does not count its children twice.
  const measured = objectives.filter((s) => s.items.length > 0);
  const bandCounts = new Map(smvp.bands.map((b) => [b.label, 0]));
  for (const s of measured) if (s.band) bandCounts.set(s.band, (bandCounts.get(s.band) ?? 0) + 1);
  const scostamenti = measured.flatMap((s) => s.items.filter((i) => i.score.percent !== null && i.score.percent < 100).map((i) => ({ ...i, objective: s })));
  return {
    plan,
    year,
    objectives,
    units: group(measured, (o) => o.unit ?? '(unità non indicata)'),
    managers: group(measured, (o) => o.manager),
    entity: {
      percent: mean(measured.map((s) => s.percent)),
      measured: measured.filter((s) => s.percent !== null).length,
      achieved: measured.filter((s) => s.achieved === true).length,
      notAchieved: measured.filter((s) => s.achieved === false).length,
      notMeasured: objectives.filter((s) => s.percent === null).length,
    },
    bands: [...bandCounts].map(([label, count]) => ({ label, count })),
    scostamenti,
    findings,
    resultsFile,
  };
}
