/**
 * What the standardized plan shows, whatever family the source was: the
 * objective tree (mandate line -> strategic -> operational -> gestionale),
 * one card per objective, and a summary table per unit. Every value is
 * already written the Italian way here; templates only place it.
 */
import type { Action, Indicator, Objective, ObjectiveLevel, PlanDocument, Provenance, Target } from '../../models/plan.js';
import { plural } from '../messages.js';
import { FAMILY_LABEL } from '../report/summary.js';
import { VERSION } from '../version.js';
import { formatDate, formatEuro, formatNumber, formatToday } from './italian.js';
import { cite, placeText, type Cited, type LinkBase } from './source-link.js';

export const LEVEL_LABEL: Record<ObjectiveLevel, string> = {
  mandato: 'Linea di mandato',
  strategico: 'Obiettivo strategico',
  operativo: 'Obiettivo operativo',
  gestionale: 'Obiettivo gestionale',
  organizzativo: 'Obiettivo di performance organizzativa',
  programma: 'Programma',
  progetto: 'Progetto',
};

const KIND_LABEL: Record<NonNullable<Indicator['kind']>, string> = {
  attivita: 'attività',
  efficienza: 'efficienza',
  efficacia: 'efficacia',
  economicita: 'economicità',
  qualita: 'qualità',
  dato: 'dato',
  temporale: 'temporale',
};

/** A target as it reads: `≥ 24 ore`, `5 su 5`, `100%`, or the printed text when it has no number. */
export function targetText(t: Target): string {
  if (t.value === null) return t.raw;
  if (t.scale === '0-5') return `${formatNumber(t.value)} su 5`;
  const comparator = t.comparator === '>=' ? '≥ ' : t.comparator === '<=' ? '≤ ' : '';
  const unit = t.unit === '%' ? '%' : t.unit ? ` ${t.unit}` : '';
  return `${comparator}${formatNumber(t.value)}${unit}`;
}

export interface TreeRow {
  depth: number;
  anchor: string;
  code: string;
  title: string;
  level: string;
}

/** The title page of a published document: entity, document, period, and the deliberation that approves it (left to fill). */
export interface CoverView {
  entity: string;
  document: string;
  subtitle: string;
  approval: string;
}

/** Where each objective and its indicators and actions were read: the annex on provenance of the ODT. */
export interface SourceRow {
  code: string;
  title: string;
  places: Cited[];
}

/** The annex on provenance: the source file (name only), how it was read, by what and when. */
export interface SourcesView {
  file: string;
  /** Pages of a paged source (PDF, scan), null for a text file or a single page. */
  pages: number | null;
  format: string | null;
  sha256: string | null;
  family: string;
  tool: string;
  date: string;
  rows: SourceRow[];
}

/** The file's name without its folders (`C:\\Piani\\piano.pdf` or `/home/x/piano.pdf` -> `piano.pdf`): a published document names no local path. */
export const fileName = (path: string | null | undefined) => (path ?? '').split(/[\\/]/).pop() ?? '';

/** Every distinct place of an objective's parts, in document order of reading, as links to the source. */
export function objectivePlaces(base: LinkBase, o: Objective): Cited[] {
  const out: Cited[] = [];
  const seen = new Set<string>();
  const add = (p: Provenance | null | undefined) => {
    const place = placeText(p, base.source.format);
    if (!place || seen.has(place)) return;
    seen.add(place);
    out.push(cite(base, place, p));
  };
  add(o.source);
  for (const i of o.indicators) add(i.source);
  for (const a of o.actions) add(a.source);
  return out;
}

/** The title page of the plan: a PIAO's performance sub-section, or a Piano della performance before the PIAO. */
function planCover(plan: PlanDocument, period: string | null): CoverView {
  const subtitle =
    plan.family === 'legacy-piano'
      ? ['Piano della performance', period].filter(Boolean).join(' ')
      : `Piano integrato di attività e organizzazione (PIAO)${period ? ` ${period}` : ''} – Sottosezione 2.2 «Performance»`;
  return { entity: plan.entity ?? "[denominazione dell'ente]", document: 'Piano della performance', subtitle, approval: 'Approvato con deliberazione … n. … del …' };
}

export interface PlanView {
  title: string;
  cover: CoverView;
  sources: SourcesView;
  /** The table of contents as it reads before a word processor updates it: chapters, then one entry per card. */
  toc: { level: 1 | 2; anchor: string; text: string }[];
  entity: string | null;
  period: string | null;
  family: string;
  source: { path: string; pages: number; format: string | null; sha256: string | null };
  generated: { tool: string; date: string };
  years: number[];
  tree: TreeRow[];
  cards: ReturnType<typeof card>[];
  units: { unit: string; objectives: number; indicators: number; actions: number; weight: string }[];
  totals: { objectives: number; indicators: number; actions: number };
  findings: { errors: number; warnings: number };
  /** The same counts as Italian text: `27 obiettivi, 82 indicatori, 1 azione`; `2 errori e 1 avviso`. */
  counts: { totals: string; findings: string };
}

const anchorOf = (o: Objective) => `ob-${o.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const codeOf = (o: Objective) => o.code ?? o.id;

/** Objectives in tree order (parents before their children, document order among siblings) with their depth. */
export function treeOrder(objectives: readonly Objective[]): { objective: Objective; depth: number }[] {
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const children = new Map<string, Objective[]>();
  const roots: Objective[] = [];
  for (const o of objectives) {
    if (o.parentId && byId.has(o.parentId) && o.parentId !== o.id) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
    else roots.push(o);
  }
  const out: { objective: Objective; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (o: Objective, depth: number) => {
    if (seen.has(o.id)) return; // a cycle in parent links is shown once
    seen.add(o.id);
    out.push({ objective: o, depth });
    for (const c of children.get(o.id) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  for (const o of objectives) walk(o, 0); // anything only reachable through a cycle
  return out;
}

function indicatorRow(base: LinkBase, i: Indicator, years: number[]) {
  const byYear = new Map(i.targets.map((t) => [t.year, t]));
  const undated = i.targets.filter((t) => t.year === null);
  return {
    id: i.id,
    name: i.name,
    kind: i.kind ? KIND_LABEL[i.kind] : (i.kindRaw ?? ''),
    polarity: i.polarity === 'lower-better' ? 'minore è meglio' : i.polarity === 'higher-better' ? 'maggiore è meglio' : '',
    baseline: i.baseline ? cite(base, i.baseline.value !== null ? formatNumber(i.baseline.value) : i.baseline.raw, i.source) : null,
    targets: years.map((y, k) => {
      const t = byYear.get(y) ?? (k === 0 && undated.length > 0 ? undated[0] : undefined);
      return t ? cite(base, targetText(t), i.source) : null;
    }),
    deadline: i.deadline ? cite(base, formatDate(i.deadline), i.source) : i.deadlineRaw ? cite(base, i.deadlineRaw, i.source) : null,
    weight: i.weight !== null ? cite(base, `${formatNumber(i.weight)}%`, i.source) : null,
    office: i.office,
  };
}

function actionRow(base: LinkBase, a: Action) {
  return {
    id: a.id,
    n: a.n,
    year: a.year,
    weight: a.weight !== null ? cite(base, `${formatNumber(a.weight)}%`, a.source) : a.weightRaw ? cite(base, a.weightRaw, a.source) : null,
    text: a.text,
    deadline: a.deadline ? cite(base, formatDate(a.deadline), a.source) : a.deadlineRaw ? cite(base, a.deadlineRaw, a.source) : null,
    indicator: a.indicator,
    expected: a.expected,
    grading: a.grading?.raw ?? null,
    staff: a.staff.map((s) => ({ who: s.who, share: s.share !== null ? cite(base, `${formatNumber(s.share)}%`, s.source ?? a.source) : null, role: s.role })),
  };
}

function card(base: LinkBase, o: Objective, years: number[], parent: Objective | undefined) {
  return {
    anchor: anchorOf(o),
    code: codeOf(o),
    title: o.title,
    level: LEVEL_LABEL[o.level],
    description: o.description,
    parent: parent ? { anchor: anchorOf(parent), label: `${codeOf(parent)} — ${parent.title}` } : null,
    unit: o.unit,
    sector: o.sector && o.sector !== o.unit ? o.sector : null,
    manager: o.manager,
    years: o.years.join(', '),
    weight: o.weight !== null ? cite(base, `${formatNumber(o.weight)}%`, o.source) : null,
    threshold: o.minimumThreshold !== null ? cite(base, `${formatNumber(o.minimumThreshold)}%`, o.source) : null,
    types: o.types.join(', '),
    mandateLine: o.mandateLine,
    budgetLink: o.budgetLink
      ? [
          o.budgetLink.missione ? `Missione ${o.budgetLink.missione}${o.budgetLink.missioneLabel ? ` ${o.budgetLink.missioneLabel}` : ''}` : null,
          o.budgetLink.programma ? `Programma ${o.budgetLink.programma}${o.budgetLink.programmaLabel ? ` ${o.budgetLink.programmaLabel}` : ''}` : null,
        ]
          .filter(Boolean)
          .join(' – ') || o.budgetLink.raw
      : null,
    involved: [...o.involvedUnits, ...(o.scheda?.otherUnits ?? [])].join('; '),
    baseline: o.scheda?.baseline ?? null,
    target: o.scheda?.target ?? null,
    stakeholders: o.scheda?.stakeholders ?? null,
    indicators: o.indicators.map((i) => indicatorRow(base, i, years)),
    actions: o.actions.map((a) => actionRow(base, a)),
    staff: o.staff.map((s) => ({ who: s.who, share: s.share !== null ? cite(base, `${formatNumber(s.share)}%`, s.source ?? o.source) : null, role: s.role })),
    budget: o.budget.map((b) => ({ chapter: b.chapter, year: b.year, amount: b.amount !== null ? cite(base, formatEuro(b.amount), o.source) : b.raw ? cite(base, b.raw, o.source) : null })),
    amount: o.allocation?.amount != null ? cite(base, formatEuro(o.allocation.amount), o.allocation.source) : null,
    place: placeText(o.source, base.source.format),
    source: cite(base, placeText(o.source, base.source.format), o.source),
  };
}

/** The years the plan's targets are shown for: the plan's period, else every year a target names. */
export function planYears(plan: PlanDocument): number[] {
  if (plan.period) return Array.from({ length: plan.period.to - plan.period.from + 1 }, (_, k) => plan.period!.from + k);
  const years = new Set<number>();
  for (const o of plan.objectives) for (const i of o.indicators) for (const t of i.targets) if (t.year !== null) years.add(t.year);
  return [...years].sort();
}

export function planView(plan: PlanDocument, base: LinkBase, today = new Date()): PlanView {
  const years = planYears(plan);
  const byId = new Map(plan.objectives.map((o) => [o.id, o]));
  const ordered = treeOrder(plan.objectives);
  const unitMap = new Map<string, { objectives: number; indicators: number; actions: number; weight: number; weighted: boolean }>();
  for (const o of plan.objectives) {
    const key = o.unit ?? '(unità non indicata)';
    const u = unitMap.get(key) ?? { objectives: 0, indicators: 0, actions: 0, weight: 0, weighted: false };
    u.objectives++;
    u.indicators += o.indicators.length;
    u.actions += o.actions.length;
    if (o.weight !== null) {
      u.weight += o.weight;
      u.weighted = true;
    }
    unitMap.set(key, u);
  }
  const period = plan.period ? `${plan.period.from}-${plan.period.to}` : null;
  const indicators = plan.objectives.reduce((n, o) => n + o.indicators.length, 0);
  const actions = plan.objectives.reduce((n, o) => n + o.actions.length, 0);
  const errors = plan.findings.filter((f) => f.severity === 'error').length;
  const warnings = plan.findings.filter((f) => f.severity === 'warning').length;
  return {
    title: ['Piano della performance', plan.entity, period].filter(Boolean).join(' – '),
    cover: planCover(plan, period),
    sources: {
      file: fileName(plan.source.path),
      pages: plan.source.format !== 'text' && plan.source.pages > 1 ? plan.source.pages : null,
      format: plan.source.format,
      sha256: plan.source.sha256,
      family: FAMILY_LABEL[plan.family],
      tool: `piao ${VERSION}`,
      date: formatToday(today),
      rows: ordered.map(({ objective: o }) => ({ code: codeOf(o), title: o.title, places: objectivePlaces(base, o) })),
    },
    toc: [
      { level: 1, anchor: 'toc-albero', text: '1. Albero degli obiettivi' },
      { level: 1, anchor: 'toc-unita', text: '2. Riepilogo per unità organizzativa' },
      { level: 1, anchor: 'toc-schede', text: '3. Schede degli obiettivi' },
      ...ordered.map(({ objective: o }) => ({ level: 2 as const, anchor: anchorOf(o), text: `${codeOf(o)} — ${o.title}` })),
      { level: 1, anchor: 'toc-fonti', text: 'Allegato: fonti dei dati' },
    ],
    entity: plan.entity,
    period,
    family: FAMILY_LABEL[plan.family],
    source: { path: plan.source.path, pages: plan.source.pages, format: plan.source.format, sha256: plan.source.sha256 },
    generated: { tool: `piao ${VERSION}`, date: formatToday(today) },
    years,
    tree: ordered.map(({ objective: o, depth }) => ({ depth, anchor: anchorOf(o), code: codeOf(o), title: o.title, level: LEVEL_LABEL[o.level] })),
    cards: ordered.map(({ objective: o }) => card(base, o, years, o.parentId ? byId.get(o.parentId) : undefined)),
    units: [...unitMap].map(([unit, u]) => ({ unit, objectives: u.objectives, indicators: u.indicators, actions: u.actions, weight: u.weighted ? formatNumber(u.weight) : '' })),
    totals: {
      objectives: plan.objectives.length,
      indicators: plan.objectives.reduce((n, o) => n + o.indicators.length, 0),
      actions: plan.objectives.reduce((n, o) => n + o.actions.length, 0),
    },
    findings: { errors, warnings },
    counts: {
      totals: [
        plural(plan.objectives.length, { one: 'obiettivo', other: 'obiettivi' }),
        plural(indicators, { one: 'indicatore', other: 'indicatori' }),
        plural(actions, { one: 'azione', other: 'azioni' }),
      ].join(', '),
      findings: `${plural(errors, { one: 'errore', other: 'errori' })} e ${plural(warnings, { one: 'avviso', other: 'avvisi' })}`,
    },
  };
}

export type { Cited };
