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
import { bandOf, inadmissible, itemScore, mean, weightedMean, type Actual, type Score } from '../score/achievement.js';
import { explanationMissing, resultsMissing, resultsNamesMerged, resultsRowInvalid, resultsWeightMissing } from './checks.js';
import { resultItems, type ResultItem } from './items.js';
import type { Rejected, ResultsReading } from './sheet.js';

export interface ScoredItem {
  item: ResultItem;
  actual: Actual;
  raw: string;
  score: Score;
  note: string | null;
  from: 'foglio' | 'scheda' | null;
  row: number | null;
  /** A value was written but not used (wrong kind, unreadable, duplicated): it counts as missing. */
  rejected: Rejected | null;
}

export interface ScoredObjective {
  objective: Objective;
  depth: number;
  items: ScoredItem[];
  /** 0-100; from its own items, else the mean of its children's; null when nothing is measured. */
  percent: number | null;
  /** How the score was made. */
  basis: 'ponderata' | 'media' | 'figli' | 'pesi incompleti' | null;
  threshold: number | null;
  /** Which rule set the threshold: the objective's own soglia minima, the SMVP's, or none (only 100% counts). */
  thresholdFrom: 'scheda' | 'smvp' | 'nessuna';
  achieved: boolean | null;
  band: string | null;
}

export interface Group {
  name: string;
  /** Every spelling of the name found in the plan, when there is more than one. */
  variants: string[];
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
  /** Every item below 100%, or without a score (n.d.), with its objective. */
  scostamenti: (ScoredItem & { objective: ScoredObjective })[];
  /** Values written in the sheet and not used, with their rows. */
  rejected: (ScoredItem & { rejected: Rejected })[];
  findings: Finding[];
  resultsFile: string | null;
}

/**
 * The key two spellings of one unit or manager share: case, accents, dashes, spacing, «dell'» and «n.»
 * do not count (`Dirigente dell'Area n. 1` = `Dirigente Area 1`).
 */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`´]/g, "'")
    .replace(/\b(dell|dall|nell|sull|all)'\s*/g, ' ')
    .replace(/\bn\.\s*(?=\d)/g, ' ')
    .replace(/\bn\.?\s*°\s*/g, ' ')
    .replace(/[-‐‑‒–—―]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function group(objectives: ScoredObjective[], key: (o: Objective) => string | null): Group[] {
  type Acc = { names: Map<string, number>; list: ScoredObjective[] };
  const groups = new Map<string, Acc>();
  for (const s of objectives) {
    const name = key(s.objective);
    if (!name) continue;
    const k = nameKey(name);
    const g: Acc = groups.get(k) ?? { names: new Map(), list: [] };
    g.names.set(name, (g.names.get(name) ?? 0) + 1);
    g.list.push(s);
    groups.set(k, g);
  }
  return [...groups.values()].map(({ names, list }) => {
    // The spelling used most often names the group (the first one on a tie).
    const name = [...names].sort((a, b) => b[1] - a[1])[0]![0];
    return { name, variants: names.size > 1 ? [...names.keys()] : [], percent: mean(list.map((s) => s.percent)), objectives: list.length, achieved: list.filter((s) => s.achieved).length };
  });
}

export function computeRelazione(plan: PlanDocument, year: number, reading: ResultsReading | null, config: PiaoConfig, resultsFile: string | null = null): Relazione {
  const smvp = config.smvp;
  const findings: Finding[] = [...(reading?.findings ?? [])];
  const file = resultsFile ?? plan.source.path;
  const push = (f: Finding | null) => {
    if (f) findings.push(f);
  };
  const policy = smvp.missingActual === 'zero' ? 'conta come 0%' : 'escluso dalle medie';
  const byObjective = new Map<string, ScoredItem[]>();
  for (const item of resultItems(plan, year)) {
    const read = reading?.values.get(item.code);
    let rejected = reading?.rejected.get(item.code) ?? null;
    let actual: Actual = read?.actual ?? { kind: 'missing' };
    let from: ScoredItem['from'] = read && read.actual.kind !== 'missing' ? 'foglio' : null;
    if (actual.kind === 'missing' && !rejected && item.achievedPercent !== null) {
      const fromScheda: Actual = { kind: 'percent', value: item.achievedPercent };
      if (inadmissible(item.goal, fromScheda) === 'overHundred') {
        push(makeFinding(plan.source.path, resultsRowInvalid, {
          messageId: 'valueOverHundred',
          data: { row: item.source.line ?? 0, code: item.code, value: item.achievedRaw ?? `${item.achievedPercent}%`, target: item.targetText, form: item.form, policy },
          objectiveId: item.objective.id,
          source: item.source,
        }, config));
        rejected = { row: item.source.line ?? 0, raw: `${item.achievedPercent}%`, note: null, reason: 'valueOverHundred' };
      } else {
        // The % column of a filled scheda is the percentage reached, whatever the target's kind.
        actual = fromScheda;
        from = 'scheda';
      }
    }
    const score = actual.kind === 'percent' && from === 'scheda' ? { percent: actual.value, how: 'percentuale della scheda compilata' } : itemScore(item.goal, actual, smvp);
    const scored: ScoredItem = {
      item,
      actual,
      raw: read?.raw ?? (from === 'scheda' ? (item.achievedRaw ?? '') : rejected?.raw ?? ''),
      score: rejected ? { ...score, how: `valore non usato (riga ${rejected.row}): ${score.how}` } : score,
      note: read?.note ?? rejected?.note ?? null,
      from,
      row: read?.row ?? rejected?.row ?? null,
      rejected,
    };
    byObjective.set(item.objective.id, [...(byObjective.get(item.objective.id) ?? []), scored]);
    const objective = item.objectiveCode;
    if (actual.kind === 'missing' && !rejected) {
      push(makeFinding(file, resultsMissing, {
        messageId: 'missing',
        data: { code: item.code, objective, policy },
        objectiveId: item.objective.id,
        source: { page: null, line: read?.row ?? null },
      }, config));
    } else if (score.percent !== null && score.percent < 100 && !scored.note) {
      push(makeFinding(file, explanationMissing, {
        messageId: 'missing',
        data: { code: item.code, objective, percent: Math.round(score.percent * 10) / 10 },
        objectiveId: item.objective.id,
        source: { page: null, line: scored.row },
      }, config));
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
      const m = weightedMean(items.map((s) => ({ percent: s.score.percent, weight: s.item.weight })), smvp.unweighted);
      percent = m.percent;
      basis = m.incomplete ? 'pesi incompleti' : m.weighted ? 'ponderata' : 'media';
      const unweighted = items.filter((s) => s.item.weight === null || s.item.weight <= 0);
      if (m.weighted && unweighted.length > 0) {
        const given = items.reduce((n, s) => n + (s.item.weight !== null && s.item.weight > 0 ? s.item.weight : 0), 0);
        const messageId = smvp.unweighted === 'equal-share' && given >= 100 ? 'noRest' : smvp.unweighted;
        push(makeFinding(plan.source.path, resultsWeightMissing, {
          messageId,
          data: { objective: o.code ?? o.id, codes: unweighted.map((s) => s.item.code).join(', '), rest: Math.round((100 - given) * 100) / 100, given: Math.round(given * 100) / 100 },
          objectiveId: o.id,
          source: o.source,
        }, config));
      }
    } else {
      const kids = (children.get(o.id) ?? []).map((id) => scoredById.get(id)?.percent ?? null);
      percent = mean(kids);
      if (percent !== null) basis = 'figli';
    }
    const threshold = o.minimumThreshold ?? smvp.threshold;
    const thresholdFrom: ScoredObjective['thresholdFrom'] = o.minimumThreshold !== null ? 'scheda' : smvp.threshold !== null ? 'smvp' : 'nessuna';
    scoredById.set(o.id, {
      objective: o,
      depth,
      items,
      percent,
      basis,
      threshold,
      thresholdFrom,
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
  const scostamenti = measured.flatMap((s) => s.items.filter((i) => i.score.percent === null || i.score.percent < 100).map((i) => ({ ...i, objective: s })));
  const units = group(measured, (o) => o.unit ?? '(unità non indicata)');
  const managers = group(measured, (o) => o.manager);
  for (const [messageId, groups] of [['unit', units], ['manager', managers]] as const) {
    for (const g of groups) {
      if (g.variants.length > 1) push(makeFinding(plan.source.path, resultsNamesMerged, { messageId, data: { name: g.name, variants: g.variants.map((v) => `«${v}»`).join(', ') } }, config));
    }
  }
  return {
    plan,
    year,
    objectives,
    units,
    managers,
    entity: {
      percent: mean(measured.map((s) => s.percent)),
      measured: measured.filter((s) => s.percent !== null).length,
      achieved: measured.filter((s) => s.achieved === true).length,
      notAchieved: measured.filter((s) => s.achieved === false).length,
      notMeasured: objectives.filter((s) => s.percent === null).length,
    },
    bands: [...bandCounts].map(([label, count]) => ({ label, count })),
    scostamenti,
    rejected: measured.flatMap((s) => s.items.filter((i): i is ScoredItem & { rejected: Rejected } => i.rejected !== null)),
    findings,
    resultsFile,
  };
}
