import type { LayoutDocument } from '../../../models/layout.js';
import type { Objective } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

/** An indicator heading or column (`Indicatori`, `INDICATORE`, `Indicatori di risultato`): the document prints indicators there. */
const INDICATOR_LABEL = /^\s*indicator[ei]\b.{0,30}$/iu;

type Place = { page?: number | null; line?: number | null };
const before = (a: Place, b: Place) =>
  (a.page ?? 0) < (b.page ?? 0) || ((a.page ?? 0) === (b.page ?? 0) && (a.line ?? 0) < (b.line ?? 0));

/** The lines that are, or hold a cell that is, an indicator heading. */
const labelLines = (layout: LayoutDocument | null | undefined) =>
  layout ? layout.pages.flatMap((p) => p.lines.filter((l) => INDICATOR_LABEL.test(l.text) || l.cells.some((c) => INDICATOR_LABEL.test(c.text)))) : [];

/**
 * Objectives whose part of the document (from their own place to the next
 * objective's) holds an indicator heading: indicators are printed there, even
 * if none was read (reading them is not this rule's matter).
 */
function printedIndicators(layout: LayoutDocument | null | undefined, objectives: readonly Objective[]): Set<string> {
  const found = new Set<string>();
  const labels = labelLines(layout);
  if (labels.length === 0) return found;
  const order = (a: Place, b: Place) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  const ordered = [...objectives].sort((a, b) => order(a.source, b.source));
  labels.sort(order);
  // The first label at or after a place (binary search over the sorted labels).
  const firstFrom = (at: Place) => {
    let lo = 0;
    let hi = labels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(labels[mid]!, at)) lo = mid + 1;
      else hi = mid;
    }
    return labels[lo];
  };
  let j = 0;
  ordered.forEach((o, k) => {
    // The next objective printed after this one (objectives on the same line share their part).
    j = Math.max(j, k + 1);
    while (j < ordered.length && !before(o.source, ordered[j]!.source)) j++;
    const next = ordered[j];
    const label = firstFrom(o.source);
    if (label && (!next || before(label, next.source))) found.add(o.id);
  });
  return found;
}

/** Whether the objective is measured: indicators of its own, or actions with an indicator or an expected result (schede obiettivo). */
const measured = (o: Objective) => o.indicators.length > 0 || o.actions.some((a) => !!a.indicator?.trim() || !!a.expected?.trim());

/**
 * Levels of the tree the plan measures through another level: fewer than
 * half of their objectives are measured (or have measured objectives below
 * them) while another level has at least half. A plan whose objectives come
 * in two tables, the operational ones and the gestionale ones with their
 * indicators, read without the link between the two, measures the first
 * through the second.
 */
function levelsMeasuredElsewhere(objectives: readonly Objective[], parents: ReadonlySet<string>): Set<string> {
  const share = new Map<string, { covered: number; total: number }>();
  for (const o of objectives) {
    const s = share.get(o.level) ?? { covered: 0, total: 0 };
    s.total++;
    if (measured(o) || parents.has(o.id)) s.covered++;
    share.set(o.level, s);
  }
  const half = (s: { covered: number; total: number }) => s.covered * 2 >= s.total;
  if (![...share.values()].some(half)) return new Set();
  return new Set([...share].filter(([, s]) => !half(s)).map(([level]) => level));
}

/**
 * An objective that nothing measures: no indicator of its own, none in the
 * objectives below it, no action with an indicator. A plan that prints no
 * indicator at all gets one finding, not one per objective. An objective
 * planned only for later years of the plan (its years leave out the first)
 * is not reported: the annual detail comes with that year's plan. Nor is an
 * objective whose part of the document has an indicator heading, nor one of
 * a level the plan measures through another level.
 */
export const indicatorsMissing = defineRule({
  id: 'indicators-missing',
  stage: 'validate',
  severity: 'warning',
  messageSeverity: { none: 'info' },
  description: {
    it: 'Obiettivo senza indicatori (né propri, né degli obiettivi che lo declinano, né delle sue azioni); una nota sola se il piano non ne riporta nessuno.',
    en: 'Objective without indicators (of its own, of the objectives below it or of its actions); one note only when the plan prints none.',
  },
  messages: {
    objective: {
      it: 'L\'obiettivo {objective} «{title}» non ha indicatori: non se ne può misurare il raggiungimento.',
      en: 'Objective {objective} "{title}" has no indicators: its achievement cannot be measured.',
    },
    none: {
      it: 'Il documento non riporta indicatori per nessuno dei suoi {count} obiettivi: il raggiungimento non si può misurare.',
      en: 'The document prints no indicators for any of its {count} objectives: achievement cannot be measured.',
    },
  },
  check(doc, report) {
    const objectives = doc.objectives;
    if (objectives.length === 0) return;
    if (!objectives.some(measured)) {
      // An indicator heading or column somewhere: the document prints indicators, they were not read.
      if (labelLines(doc.layout).length > 0) return;
      report({ messageId: 'none', data: { count: objectives.length }, path: ['objectives'], source: objectives[0]!.source, objectiveId: objectives[0]!.id });
      return;
    }
    const ids = new Set(objectives.map((o) => o.id));
    const parents = new Set(objectives.map((o) => o.parentId).filter((p): p is string => p !== null && ids.has(p)));
    const first = doc.period?.from ?? null;
    const printed = printedIndicators(doc.layout, objectives);
    const atOtherLevel = levelsMeasuredElsewhere(objectives, parents);
    objectives.forEach((o, i) => {
      // A parent is measured through the objectives below it: they are reported, not it.
      if (parents.has(o.id) || measured(o) || printed.has(o.id) || atOtherLevel.has(o.level)) return;
      if (first !== null && o.years.length > 0 && !o.years.includes(first)) return;
      report({
        messageId: 'objective',
        data: { objective: o.code ?? o.id, title: o.title.length > 80 ? `${o.title.slice(0, 79)}…` : o.title },
        path: ['objectives', i, 'indicators'],
        objectiveId: o.id,
        source: o.source,
        actual: 0,
      });
    });
  },
});
