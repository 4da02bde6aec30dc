/**
 * What the Relazione sulla performance shows, in the order of the DFP
 * guidelines n. 3/2018: presentation; main results; context; organisational
 * performance by objective, unit and entity; individual objectives (per
 * manager); scostamenti with their explanations; method; validation. Values
 * are written the Italian way here; templates only place them.
 */
import type { PiaoConfig } from '../../models/config.js';
import type { Relazione, ScoredItem, ScoredObjective } from '../results/relazione.js';
import type { Actual } from '../score/achievement.js';
import { VERSION } from '../version.js';
import { bandChart, barChart } from './charts.js';
import { formatDate, formatNumber, formatPercent, formatToday } from './italian.js';
import { LEVEL_LABEL } from './plan-view.js';
import { cite, fileHref, type Cited, type LinkBase } from './source-link.js';

const pct = (p: number | null) => (p === null ? 'n.d.' : formatPercent(p));

function actualText(a: Actual): string {
  switch (a.kind) {
    case 'missing':
      return 'non rilevato';
    case 'date':
      return `completato il ${formatDate(a.iso)}`;
    case 'percent':
      return formatPercent(a.value);
    case 'number':
      return formatNumber(a.value);
  }
}

const BASIS: Record<NonNullable<ScoredObjective['basis']>, string> = {
  ponderata: 'media ponderata',
  media: 'media aritmetica',
  figli: 'media degli obiettivi collegati',
};

/** The two charts of the Relazione (SVG), built once and placed inline in HTML or as pictures in the ODT. */
export function relazioneCharts(r: Relazione): { units: string; bands: string } {
  return {
    units: barChart('Grado di raggiungimento per unità organizzativa', r.units.map((u) => ({ label: u.name, percent: u.percent }))),
    bands: bandChart('Obiettivi per fascia di raggiungimento', r.bands),
  };
}

export function relazioneView(r: Relazione, base: LinkBase, config: PiaoConfig, today = new Date(), charts = relazioneCharts(r)) {
  const plan = r.plan;
  const actualCited = (s: ScoredItem): Cited =>
    s.from === 'foglio'
      ? { text: actualText(s.actual), href: r.resultsFile ? fileHref(base, r.resultsFile) : null, place: `foglio dei risultati, riga ${s.row}` }
      : s.from === 'scheda'
        ? cite(base, s.raw ? `${s.raw} (${actualText(s.actual)})` : actualText(s.actual), s.item.source)
        : { text: actualText(s.actual), href: null, place: '' };
  const itemRow = (s: ScoredItem) => ({
    code: s.item.code,
    kind: s.item.kind,
    description: s.item.description,
    target: cite(base, s.item.targetText || '—', s.item.source),
    weight: s.item.weight === null ? '' : formatPercent(s.item.weight, 2),
    actual: actualCited(s),
    percent: pct(s.score.percent),
    how: s.score.how,
    note: s.note,
    from: s.from === 'scheda' ? 'scheda compilata' : s.from === 'foglio' ? `riga ${s.row}` : '',
  });
  const scoredObjectives = r.objectives.map((s) => ({
    depth: s.depth,
    code: s.objective.code ?? s.objective.id,
    title: s.objective.title,
    level: LEVEL_LABEL[s.objective.level],
    unit: s.objective.unit ?? '',
    percent: cite(base, pct(s.percent), s.objective.source),
    basis: s.basis ? BASIS[s.basis] : 'nessun indicatore per l\'anno',
    threshold: s.threshold === null ? '' : formatPercent(s.threshold, 0),
    outcome: s.achieved === null ? 'non misurato' : s.achieved ? 'raggiunto' : 'non raggiunto',
    band: s.band ?? '',
    measuredHere: s.items.length > 0,
    items: s.items.map(itemRow),
  }));
  const groupRow = (g: Relazione['units'][number]) => ({ name: g.name, percent: pct(g.percent), objectives: g.objectives, achieved: g.achieved });
  const title = `Relazione sulla performance ${r.year}${plan.entity ? ` – ${plan.entity}` : ''}`;
  const smvp = config.smvp;
  return {
    title,
    entity: plan.entity,
    year: r.year,
    period: plan.period ? `${plan.period.from}-${plan.period.to}` : null,
    source: { path: plan.source.path },
    resultsFile: r.resultsFile,
    generated: { tool: `piao ${VERSION}`, date: formatToday(today) },
    entityScore: pct(r.entity.percent),
    entityCounts: r.entity,
    bands: r.bands,
    charts,
    context: plan.context.map((c) => ({ label: c.label, value: cite(base, c.value !== null ? formatNumber(c.value) : c.raw, c.source) })),
    objectives: scoredObjectives,
    measured: scoredObjectives.filter((o) => o.measuredHere),
    units: r.units.map(groupRow),
    managers: r.managers.map(groupRow),
    scostamenti: r.scostamenti.map((s) => ({ objective: s.objective.objective.code ?? s.objective.objective.id, ...itemRow(s), explained: Boolean(s.note) })),
    problems: r.findings.filter((f) => f.rule !== 'results-missing' && f.rule !== 'explanation-missing').map((f) => f.message),
    missing: r.findings.filter((f) => f.rule === 'results-missing').length,
    unexplained: r.findings.filter((f) => f.rule === 'explanation-missing').length,
    method: {
      threshold: smvp.threshold === null ? 'nessuna soglia generale: vale la soglia minima stampata nella scheda dell\'obiettivo, altrimenti l\'obiettivo è raggiunto solo al 100%' : `${formatPercent(smvp.threshold, 0)} (dove la scheda non stampa una soglia minima propria)`,
      missing: smvp.missingActual === 'zero' ? 'un valore non rilevato conta 0%' : 'un valore non rilevato è escluso dalle medie',
      late: formatPercent(smvp.lateWithoutLadder, 0),
      bands: [...smvp.bands].sort((a, b) => b.min - a.min).map((b) => `${b.label}: da ${formatPercent(b.min, 0)}`),
    },
  };
}

export type RelazioneView = ReturnType<typeof relazioneView>;
