import { formatDateIt as itDate } from '../../../extractors/shared/dates.js';
import { defineRule } from '../rule.js';

/** A deadline outside the years of the plan (or of the annuality it is written in). */
export const dateOutsidePeriod = defineRule({
  id: 'date-outside-period',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Scadenza fuori dal periodo del piano o dall\'annualità in cui è scritta.',
    en: 'Deadline outside the plan period or its annuality.',
  },
  messages: {
    period: {
      it: 'La scadenza {date} dell\'obiettivo {objective} è fuori dal periodo del piano {from}-{to}.',
      en: 'Deadline {date} of objective {objective} is outside the plan period {from}-{to}.',
    },
    annuality: {
      it: 'La scadenza {date} dell\'azione {n} dell\'obiettivo {objective} non è nell\'annualità {year} in cui è scritta.',
      en: 'Deadline {date} of action {n} of objective {objective} is not in its annuality {year}.',
    },
  },
  check(doc, report) {
    const period = doc.period;
    doc.objectives.forEach((obj, o) => {
      const objective = obj.code ?? obj.id;
      const outside = (iso: string) => period !== null && (Number(iso.slice(0, 4)) < period.from || Number(iso.slice(0, 4)) > period.to);
      obj.indicators.forEach((ind, i) => {
        if (ind.deadline && outside(ind.deadline)) {
          report({ messageId: 'period', data: { date: itDate(ind.deadline), objective, from: period!.from, to: period!.to }, path: ['objectives', o, 'indicators', i, 'deadline'], objectiveId: obj.id, source: ind.source, raw: ind.deadlineRaw ?? undefined, actual: ind.deadline, expected: `${period!.from}-${period!.to}` });
        }
      });
      obj.actions.forEach((act, a) => {
        if (!act.deadline) return;
        const path = ['objectives', o, 'actions', a, 'deadline'];
        if (outside(act.deadline)) {
          report({ messageId: 'period', data: { date: itDate(act.deadline), objective, from: period!.from, to: period!.to }, path, objectiveId: obj.id, source: act.source, raw: act.deadlineRaw ?? undefined, actual: act.deadline, expected: `${period!.from}-${period!.to}` });
        } else if (act.year !== null && Number(act.deadline.slice(0, 4)) !== act.year) {
          report({ messageId: 'annuality', data: { date: itDate(act.deadline), n: act.n ?? a + 1, objective, year: act.year }, path, objectiveId: obj.id, source: act.source, raw: act.deadlineRaw ?? undefined, actual: act.deadline, expected: String(act.year) });
        }
      });
    });
  },
});
