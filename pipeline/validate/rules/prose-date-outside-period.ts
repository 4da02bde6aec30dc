import type { Objective, Period } from '../../../models/plan.js';
import { formatDateIt } from '../../../extractors/shared/dates.js';
import { normalizeLabel } from '../../../extractors/shared/labels.js';
import { objectiveProse, proseDatesIn, yearOf, type ProseLine } from '../../../extractors/shared/prose-dates.js';
import type { RuleInput } from '../rule.js';
import { defineRule } from '../rule.js';

const shown = (v: string) => (v.length === 4 ? v : formatDateIt(v));
const span = (p: { from: number; to: number }) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`);

/** The prose an objective is written in: its lines in the layout, or its title and description when there is no layout. */
export function proseOf(doc: RuleInput, obj: Objective, lines: ProseLine[]): ProseLine[] {
  const own = lines.length ? lines : [];
  const text = normalizeLabel(own.map((l) => l.text).join(' '));
  const at = { page: obj.source.page ?? 1, line: obj.source.line ?? 1 };
  const fields = [obj.title, obj.description ?? ''].filter((t) => t && !text.includes(normalizeLabel(t).slice(0, 60)));
  const cell = obj.cells?.description ?? obj.source;
  return [...own, ...fields.map((t) => ({ text: t, ...(lineWith(doc, t, at) ?? { page: cell.page ?? at.page, line: cell.line ?? at.line, bbox: cell.bbox }) }))];
}

/** The layout line (table rows included) where a model field's text starts, at or after the objective's heading. */
function lineWith(doc: RuleInput, text: string, from: { page: number; line: number }): { page: number; line: number; bbox?: [number, number, number, number] | undefined } | null {
  const head = normalizeLabel(text).slice(0, 40);
  if (head.length < 12) return null;
  for (const p of doc.layout?.pages ?? []) {
    for (const l of p.lines) {
      if (l.page < from.page || (l.page === from.page && l.line < from.line)) continue;
      if (normalizeLabel(l.text).includes(head)) return { page: l.page, line: l.line, bbox: l.bbox };
    }
  }
  return null;
}

/** First layout line that names the plan period (`2025-2027`, `ANNO 2025`), the second place of a plan-horizon finding. */
export function periodLine(doc: RuleInput, period: Period): ProseLine | null {
  const re = period.from === period.to ? new RegExp(`\\banno\\s+${period.from}\\b|\\b${period.from}\\b`, 'i') : new RegExp(`\\b${period.from}\\s*[-–/]\\s*(?:20\\d\\d\\s*[-–/]\\s*)?${period.to}\\b`);
  // A short line (a title, a header) first: a sentence naming the year is a weaker second place.
  for (const short of [true, false]) {
    for (const p of doc.layout?.pages ?? []) {
      for (const l of p.lines) if ((!short || l.text.trim().length <= 100) && re.test(l.text)) return { text: l.text, page: l.page, line: l.line, bbox: l.bbox };
    }
  }
  return null;
}

/** Deadlines already read into the model (checked by date-outside-period), normalized. */
function modelDeadlines(obj: Objective): string[] {
  return [...obj.actions.map((a) => a.deadlineRaw), ...obj.indicators.map((i) => i.deadlineRaw)]
    .filter((r): r is string => !!r)
    .map((r) => normalizeLabel(r));
}

const place = (l: ProseLine) => ({ page: l.page, line: l.line, ...(l.bbox ? { bbox: l.bbox } : {}) });

/**
 * A deadline or period written in the prose of an objective (description,
 * phases, *Tempi di attuazione*) that ends before the plan or the sheet's own
 * years, or after the plan's last year.
 */
export const proseDateOutsidePeriod = defineRule({
  id: 'prose-date-outside-period',
  stage: 'validate',
  severity: 'warning',
  messageSeverity: { beyond: 'info' },
  description: {
    it: 'Una scadenza o un periodo scritto nel testo di un obiettivo è fuori dal periodo del piano o dagli anni della scheda.',
    en: 'A deadline or period written in an objective\'s text is outside the plan period or the sheet\'s years.',
  },
  messages: {
    before: {
      it: 'L\'obiettivo {objective} scrive «{text}» (fino al {date}), ma il piano è {plan}: la data è di un periodo precedente.',
      en: 'Objective {objective} says "{text}" (until {date}), but the plan is {plan}: the date belongs to an earlier period.',
    },
    sheet: {
      it: 'L\'obiettivo {objective} scrive «{text}» (fino al {date}), ma la scheda è per {plan}.',
      en: 'Objective {objective} says "{text}" (until {date}), but the sheet is for {plan}.',
    },
    beyond: {
      it: 'L\'obiettivo {objective} scrive «{text}» (fino al {date}), oltre l\'ultimo anno del piano {to}: il risultato non si misura entro il piano.',
      en: 'Objective {objective} says "{text}" (until {date}), after the plan\'s last year {to}: the result cannot be measured within the plan.',
    },
  },
  check(doc, report) {
    const spans = objectiveProse(doc.layout, doc.objectives);
    const plan = doc.period;
    const planLine = plan ? periodLine(doc, plan) : null;
    const seen = new Set<string>();
    doc.objectives.forEach((obj, o) => {
      const years = obj.scheda?.period ? { from: obj.scheda.period.from, to: obj.scheda.period.to } : obj.years.length ? { from: Math.min(...obj.years), to: Math.max(...obj.years) } : null;
      const lines = proseOf(doc, obj, spans[o] ?? []);
      const context = years && years.from === years.to ? years.from : plan && plan.from === plan.to ? plan.from : null;
      const known = modelDeadlines(obj);
      const statements = proseDatesIn(lines, context).filter((d) => !d.bare && !d.names && d.to !== null && !known.some((k) => k.includes(normalizeLabel(d.text))));
      const objective = obj.code ?? obj.id;
      const yearsLine = statements.find((d) => years && yearOf(d.to!) >= years.from && yearOf(d.to!) <= years.to)?.at ?? null;
      let beyond = false;
      for (const d of statements) {
        const end = yearOf(d.to!);
        const key = `${d.at.page}:${d.at.line}:${d.text}`;
        if (seen.has(key)) continue;
        const base = { objectiveId: obj.id, path: ['objectives', o], source: place(d.at), raw: d.text, actual: d.to! };
        const data = { objective, text: d.text.replace(/\s+/g, ' '), date: shown(d.to!) };
        if (plan && end < plan.from) {
          seen.add(key);
          report({ ...base, messageId: 'before', data: { ...data, from: plan.from, to: plan.to, plan: span(plan) }, related: planLine ? place(planLine) : obj.source, expected: `${plan.from}-${plan.to}` });
        } else if (years && end < years.from && (!plan || years.from > plan.from || years.to < plan.to)) {
          seen.add(key);
          report({ ...base, messageId: 'sheet', data: { ...data, from: years.from, to: years.to, plan: span(years) }, related: yearsLine ? place(yearsLine) : obj.source, expected: `${years.from}-${years.to}` });
        } else if (plan && end > plan.to && !beyond) {
          // One per objective: a project running past the plan says so in every phase.
          beyond = true;
          seen.add(key);
          report({ ...base, messageId: 'beyond', data: { ...data, to: plan.to }, related: planLine ? place(planLine) : obj.source, expected: `${plan.from}-${plan.to}` });
        }
      }
    });
  },
});
