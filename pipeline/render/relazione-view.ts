/**
 * What the Relazione sulla performance shows, in the order of the DFP
 * guidelines n. 3/2018: presentation; main results; context; organisational
 * performance by objective, unit and entity; individual objectives (per
 * manager); scostamenti with their explanations; method; validation. Values
 * are written the Italian way here; templates only place them.
 */
import type { PiaoConfig } from '../../models/config.js';
import type { Objective } from '../../models/plan.js';
import { nameKey } from '../results/relazione.js';
import type { Relazione, ScoredItem, ScoredObjective } from '../results/relazione.js';
import type { Actual } from '../score/achievement.js';
import { plural } from '../messages.js';
import { VERSION } from '../version.js';
import { bandChart, barChart } from './charts.js';
import { formatDate, formatEuro, formatNumber, formatPercent, formatToday } from './italian.js';
import { fileName, LEVEL_LABEL, type CoverView } from './plan-view.js';
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
    case 'yesno':
      return a.yes ? 'SI' : 'NO';
  }
}

/** Which rule decided raggiunto / non raggiunto. */
function outcomeRule(s: ScoredObjective): string {
  if (s.percent === null) return '';
  const t = s.threshold === null ? '' : formatPercent(s.threshold, 0);
  if (s.thresholdFrom === 'scheda') return `soglia minima della scheda (${t})`;
  if (s.thresholdFrom === 'smvp') return `soglia del Sistema di misurazione e valutazione (${t})`;
  return 'nessuna soglia: raggiunto solo al 100%';
}

const REJECTED: Record<string, string> = {
  valueInvalid: 'valore illeggibile',
  valueNoDeadline: 'data senza scadenza nel piano',
  valueNumberForActivity: 'numero per un target che non è un numero',
  valueNotNumber: 'il target chiede un numero',
  valueOverHundred: 'percentuale fuori da 0-100%',
  valueOutOfScale: 'fuori dalla scala 0-5',
  duplicate_refuse: 'codice ripetuto in più righe',
  objectiveMismatch: 'obiettivo sbagliato nella riga',
};

/** Objectives about gender equality: the Piano di Azioni Positive, pari opportunità, parità di genere. */
const GENDER = /azioni\s+positive|pari\s+opportunit|parit[àa]\s+di\s+genere|di\s+genere|femminil|conciliazione\s+(?:dei\s+tempi|vita)|\bCUG\b/i;
/**
 * An objective is about gender when it says so (type, title, description) or its operational parent does; a
 * strategic line or mandate line is not inherited (seed 002 puts a school building under the Piano di Azioni
 * Positive's strategic block).
 */
export function isGenderObjective(o: Objective, byId: Map<string, Objective>): boolean {
  const says = (x: Objective) => x.types.some((t) => GENDER.test(t)) || GENDER.test(x.title) || (x.description !== null && GENDER.test(x.description));
  for (let cur: Objective | undefined = o, n = 0; cur && n < 10; cur = cur.parentId ? byId.get(cur.parentId) : undefined, n++) {
    if (n > 0 && (cur.level === 'strategico' || cur.level === 'mandato')) return false;
    if (says(cur)) return true;
  }
  return false;
}

/** The validation checklist of the OIV (DFP guidelines n. 3/2018, validation of the Relazione). */
const OIV_CHECKLIST = [
  'coerenza fra i contenuti della Relazione e quelli del Piano (obiettivi, indicatori, target)',
  'coerenza fra la valutazione della performance organizzativa e quanto dichiarato nella Relazione',
  'presenza dei risultati degli obiettivi individuali dei responsabili',
  'affidabilità dei dati sui risultati (fonte dei valori raggiunti, verifiche a campione)',
  'effettiva evidenziazione degli scostamenti e delle loro motivazioni',
  'adeguatezza del processo di misurazione e valutazione (conformità al SMVP)',
  'sintesi, chiarezza e comprensibilità della Relazione per i cittadini',
  'presenza del bilancio di genere',
  'conformità alle Linee guida DFP n. 3/2018 e tempi di adozione (entro il 30 giugno)',
];

/**
 * The OIV's validation statement (art. 14, comma 4, lettera c, d.lgs. 150/2009; DFP guidelines n. 3/2018): what
 * was examined, on what basis, the outcome, then place, date and signatures. The dots are left for the OIV.
 */
function oivStatement(entity: string | null, year: number): string[] {
  return [
    `L'Organismo indipendente di valutazione (OIV) / Nucleo di valutazione${entity ? ` – ${entity} –` : " dell'ente"}, ai sensi dell'articolo 14, comma 4, lettera c), e dell'articolo 10, comma 1, lettera b), del decreto legislativo 27 ottobre 2009, n. 150, ha preso in esame la Relazione sulla performance ${year}, approvata con deliberazione … n. … del … e trasmessa all'OIV in data …`,
    "L'OIV ha svolto il lavoro di validazione sulla base degli accertamenti che ha ritenuto opportuni, tenendo conto delle Linee guida del Dipartimento della funzione pubblica n. 3/2018 sulla Relazione annuale sulla performance, e ha verificato i punti riportati nella tabella che segue; le carte di lavoro sono conservate presso l'OIV.",
    `Sulla base di quanto esposto, l'OIV ☐ valida ☐ valida con le osservazioni riportate ☐ non valida la Relazione sulla performance ${year}.`,
  ];
}

const BASIS: Record<NonNullable<ScoredObjective['basis']>, string> = {
  ponderata: 'media ponderata',
  media: 'media aritmetica',
  figli: 'media degli obiettivi collegati',
  'pesi incompleti': 'non calcolato: pesi mancanti per alcune voci',
};

/** The two charts of the Relazione (SVG), built once and placed inline in HTML or as pictures in the ODT. */
export function relazioneCharts(r: Relazione): { units: string; bands: string } {
  return {
    units: barChart('Grado di raggiungimento per unità organizzativa', r.units.map((u) => ({ label: u.name, percent: u.percent }))),
    bands: bandChart('Obiettivi per fascia di raggiungimento', r.bands),
  };
}

/** The table of contents as it reads before a word processor updates it; anchors are the headings' bookmarks. */
const TOC = [
  { level: 1, anchor: 'toc-presentazione', text: '1. Presentazione' },
  { level: 1, anchor: 'toc-sintesi', text: '2. Sintesi dei risultati' },
  { level: 2, anchor: 'toc-risultati', text: '2.1 Principali risultati raggiunti' },
  { level: 2, anchor: 'toc-contesto', text: '2.2 Contesto e risorse' },
  { level: 2, anchor: 'toc-organizzativa', text: '2.3 Performance organizzativa' },
  { level: 2, anchor: 'toc-individuali', text: '2.4 Obiettivi individuali' },
  { level: 2, anchor: 'toc-genere', text: '2.5 Bilancio di genere' },
  { level: 1, anchor: 'toc-processo', text: '3. Il processo di misurazione e valutazione' },
  { level: 1, anchor: 'toc-oiv', text: "4. Validazione dell'OIV" },
  { level: 1, anchor: 'toc-dettaglio', text: 'Allegato: dettaglio per obiettivo' },
  { level: 1, anchor: 'toc-fonti', text: 'Allegato: fonti dei dati' },
] as const;

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
    from: s.from === 'scheda' ? 'scheda compilata' : s.from === 'foglio' ? `riga ${s.row}` : s.rejected ? `riga ${s.rejected.row}, non usato` : '',
    rejected: s.rejected ? { row: s.rejected.row, value: s.rejected.raw, reason: REJECTED[s.rejected.reason] ?? s.rejected.reason } : null,
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
    rule: outcomeRule(s),
    band: s.band ?? '',
    measuredHere: s.items.length > 0,
    items: s.items.map(itemRow),
  }));
  const groupRow = (g: Relazione['units'][number]) => ({ name: g.name, variants: g.variants.filter((v) => v !== g.name).join('; '), percent: pct(g.percent), objectives: g.objectives, achieved: g.achieved });
  // 2.2 Resources: budget chapters and amounts per objective and per unit; staff where the plan gives it.
  const inYear = r.objectives.map((s) => s.objective);
  const budget = inYear.flatMap((o) =>
    o.budget.map((b) => ({ code: o.code ?? o.id, title: o.title, unit: o.unit ?? '', chapter: b.chapter, year: b.year === null ? '' : String(b.year), amount: b.amount === null ? 'non indicato' : formatEuro(b.amount) })),
  );
  const budgetUnits = new Map<string, { name: string; objectives: Set<string>; chapters: number; amount: number; amounts: number }>();
  for (const o of inYear) {
    if (o.budget.length === 0) continue;
    const name = o.unit ?? '(unità non indicata)';
    const u = budgetUnits.get(nameKey(name)) ?? { name, objectives: new Set<string>(), chapters: 0, amount: 0, amounts: 0 };
    u.objectives.add(o.id);
    u.chapters += o.budget.length;
    for (const b of o.budget) if (b.amount !== null) {
      u.amount += b.amount;
      u.amounts++;
    }
    budgetUnits.set(nameKey(name), u);
  }
  const staff = inYear
    .map((o) => {
      // N. DIP. of the allocation table, else the people named for the objective and its actions.
      const people = new Set([...o.staff, ...o.actions.flatMap((a) => a.staff)].map((p) => p.who));
      return { code: o.code ?? o.id, title: o.title, unit: o.unit ?? '', count: o.allocation?.staffCount ?? (people.size > 0 ? people.size : null) };
    })
    .filter((x) => x.count !== null)
    .map((x) => ({ ...x, count: formatNumber(x.count!, 0) }));
  // Bilancio di genere: the plan's gender objectives (Piano di Azioni Positive) and their results.
  const byId = new Map(plan.objectives.map((o) => [o.id, o]));
  const gender = r.objectives.filter((s) => isGenderObjective(s.objective, byId)).map((s) => scoredObjectives[r.objectives.indexOf(s)]!);
  const title = `Relazione sulla performance ${r.year}${plan.entity ? ` – ${plan.entity}` : ''}`;
  const period = plan.period ? `${plan.period.from}-${plan.period.to}` : null;
  const cover: CoverView = {
    entity: plan.entity ?? "[denominazione dell'ente]",
    document: `Relazione sulla performance ${r.year}`,
    subtitle: `Articolo 10, comma 1, lettera b), del d.lgs. n. 150/2009 – risultati dell'anno ${r.year}${plan.period ? ` del piano ${period}` : ''}`,
    approval: 'Approvata con deliberazione … n. … del … – Validata dall\'OIV il …',
  };
  // The annex on provenance: for every measured item, where its target was read in the plan and its value in the sheet.
  const place = (c: Cited) => ({ text: c.place, href: c.place ? c.href : null });
  const sourceRows = scoredObjectives
    .filter((o) => o.measuredHere)
    .flatMap((o) =>
      o.items.map((i) => ({
        objective: o.code,
        code: i.code,
        target: place(i.target),
        actual: i.actual.place
          ? place(i.actual)
          : i.rejected
            ? { text: `foglio dei risultati, riga ${i.rejected.row} (valore non usato)`, href: r.resultsFile ? fileHref(base, r.resultsFile) : null }
            : { text: 'non rilevato', href: null },
      })),
    );
  const smvp = config.smvp;
  return {
    title,
    cover,
    toc: TOC,
    oivStatement: oivStatement(plan.entity, r.year),
    sources: {
      plan: fileName(plan.source.path),
      pages: plan.source.format !== 'text' && plan.source.pages > 1 ? plan.source.pages : null,
      sha256: plan.source.sha256,
      results: r.resultsFile ? fileName(r.resultsFile) : null,
      tool: `piao ${VERSION}`,
      date: formatToday(today),
      rows: sourceRows,
    },
    entity: plan.entity,
    year: r.year,
    period,
    source: { path: plan.source.path },
    resultsFile: r.resultsFile,
    generated: { tool: `piao ${VERSION}`, date: formatToday(today) },
    entityScore: pct(r.entity.percent),
    entityCounts: r.entity,
    bands: r.bands,
    charts,
    context: plan.context.map((c) => ({ label: c.label, value: cite(base, c.value !== null ? formatNumber(c.value) : c.raw, c.source) })),
    budget,
    budgetUnits: [...budgetUnits.values()].map((u) => ({ name: u.name, objectives: u.objectives.size, chapters: u.chapters, amount: u.amounts ? formatEuro(u.amount) : 'non indicato' })),
    staff,
    gender,
    oivChecklist: OIV_CHECKLIST,
    rejected: r.rejected.map((s) => ({ objective: s.item.objectiveCode, code: s.item.code, row: s.rejected.row, value: s.rejected.raw, reason: REJECTED[s.rejected.reason] ?? s.rejected.reason })),
    merged: r.findings.filter((f) => f.rule === 'results-names-merged').map((f) => f.message),
    objectives: scoredObjectives,
    measured: scoredObjectives.filter((o) => o.measuredHere),
    units: r.units.map(groupRow),
    managers: r.managers.map(groupRow),
    scostamenti: r.scostamenti.map((s) => ({ objective: s.objective.objective.code ?? s.objective.objective.id, ...itemRow(s), explained: Boolean(s.note) })),
    problems: r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'results-missing' && f.rule !== 'explanation-missing').map((f) => f.message),
    problemsText: plural(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'results-missing' && f.rule !== 'explanation-missing').length, { one: 'rilievo', other: 'rilievi' }),
    missing: r.findings.filter((f) => f.rule === 'results-missing').length,
    missingText: plural(r.findings.filter((f) => f.rule === 'results-missing').length, { one: 'valore raggiunto non è stato rilevato', other: 'valori raggiunti non sono stati rilevati' }),
    rejectedText: plural(r.rejected.length, { one: 'valore scritto nel foglio non è stato utilizzato', other: 'valori scritti nel foglio non sono stati utilizzati' }),
    unexplained: r.findings.filter((f) => f.rule === 'explanation-missing').length,
    method: {
      threshold: smvp.threshold === null ? 'nessuna soglia generale: vale la soglia minima stampata nella scheda dell\'obiettivo, altrimenti l\'obiettivo è raggiunto solo al 100%' : `${formatPercent(smvp.threshold, 0)} (dove la scheda non stampa una soglia minima propria)`,
      missing: smvp.missingActual === 'zero' ? 'un valore non rilevato o non utilizzabile conta 0%' : 'un valore non rilevato o non utilizzabile è escluso dalle medie',
      unweighted:
        smvp.unweighted === 'error' ? 'un obiettivo con pesi solo per alcune voci non è calcolato e va corretto'
        : smvp.unweighted === 'equal-share' ? 'le voci senza peso si dividono in parti uguali il peso che le altre lasciano' : 'le voci senza peso sono escluse dalla media',
      duplicates: smvp.duplicates === 'refuse' ? 'nessuna delle righe ripetute vale' : smvp.duplicates === 'first' ? 'vale la prima delle righe ripetute' : "vale l'ultima delle righe ripetute",
      late: formatPercent(smvp.lateWithoutLadder, 0),
      bands: [...smvp.bands].sort((a, b) => b.min - a.min).map((b) => `${b.label}: da ${formatPercent(b.min, 0)}`),
    },
  };
}

export type RelazioneView = ReturnType<typeof relazioneView>;
