import type { Objective, Provenance } from '../../../models/plan.js';
import { formatDateIt } from '../../../extractors/shared/dates.js';
import { objectiveProse, proseDates, startOf } from '../../../extractors/shared/prose-dates.js';
import { sheetPeriod } from './period-stated-twice.js';
import { defineRule } from '../rule.js';

const shown = (v: string) => (v.length === 4 ? v : formatDateIt(v));

interface Start {
  from: string;
  text: string;
  field: 'title' | 'description' | 'tempi';
  source: Partial<Provenance>;
}

/** The start an objective states: in its title, its description, or its sheet's *Tempi di attuazione*. */
function startsOf(obj: Objective, tempi: ReturnType<typeof sheetPeriod>): Start[] {
  const context = obj.years.length === 1 ? obj.years[0]! : null;
  const out: Start[] = [];
  const fields: [Start['field'], string | null, Partial<Provenance>][] = [
    ['title', obj.title, obj.cells?.title ?? obj.source],
    ['description', obj.description, obj.cells?.description ?? obj.source],
  ];
  for (const [field, text, source] of fields) {
    const d = proseDates(text ?? '', context).find((s) => (s.kind === 'start' || s.kind === 'period' || s.kind === 'duration') && s.from !== null && !s.bare && !s.names);
    if (d) out.push({ from: d.from!, text: d.text.replace(/\s+/g, ' '), field, source });
  }
  if (tempi?.period.from) out.push({ from: tempi.period.from, text: tempi.period.text.replace(/\s+/g, ' '), field: 'tempi', source: { page: tempi.line.page, line: tempi.line.line, ...(tempi.line.bbox ? { bbox: tempi.line.bbox } : {}) } });
  return out;
}

/**
 * An objective states when it starts (`a decorrere dal 1° marzo 2025`,
 * `nel periodo compreso tra il 1° giugno e …`, *Tempi di attuazione: dal
 * 01/03/2025 …*) but one of its actions or indicators is due before that day.
 */
export const deadlineBeforeStart = defineRule({
  id: 'deadline-before-start',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Una scadenza di un\'azione o di un indicatore viene prima dell\'inizio che l\'obiettivo dichiara.',
    en: 'An action or indicator deadline comes before the start the objective states.',
  },
  messages: {
    early: {
      it: 'L\'obiettivo {objective} comincia «{start}» ({from}), ma «{item}» scade il {deadline} ({count} scadenze prima dell\'inizio).',
      en: 'Objective {objective} starts "{start}" ({from}), but "{item}" is due on {deadline} ({count} deadlines before the start).',
    },
  },
  check(doc, report) {
    const spans = objectiveProse(doc.layout, doc.objectives);
    doc.objectives.forEach((obj, o) => {
      const starts = startsOf(obj, sheetPeriod(spans[o] ?? []));
      if (starts.length === 0) return;
      // The latest start stated is the one every deadline must follow.
      const start = starts.reduce((a, b) => (startOf(b.from) > startOf(a.from) ? b : a));
      const first = startOf(start.from);
      const items = [
        ...obj.actions.map((a, i) => ({ deadline: a.deadline, name: a.text, path: ['objectives', o, 'actions', i, 'deadline'], source: a.cells?.deadline ?? a.source })),
        ...obj.indicators.map((ind, i) => ({ deadline: ind.deadline, name: ind.name, path: ['objectives', o, 'indicators', i, 'deadline'], source: ind.cells?.deadline ?? ind.source })),
      ].filter((x): x is typeof x & { deadline: string } => x.deadline !== null && x.deadline < first);
      if (items.length === 0) return;
      const item = items.reduce((a, b) => (b.deadline < a.deadline ? b : a));
      report({
        messageId: 'early',
        data: { objective: obj.code ?? obj.id, start: start.text, from: shown(start.from), item: item.name.replace(/\s+/g, ' ').slice(0, 100), deadline: formatDateIt(item.deadline), count: items.length },
        path: item.path,
        objectiveId: obj.id,
        source: start.source,
        related: item.source,
        raw: start.text,
        actual: item.deadline,
        expected: first,
      });
    });
  },
});
