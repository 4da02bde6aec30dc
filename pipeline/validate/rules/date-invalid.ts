import { impossibleDates } from '../../../extractors/shared/dates.js';
import { defineRule } from '../rule.js';

/** A printed date that does not exist in the calendar, such as 31/06/2024. */
export const dateInvalid = defineRule({
  id: 'date-invalid',
  stage: 'validate',
  severity: 'error',
  description: { it: 'Data inesistente nel calendario (es. 31/06/2024).', en: 'Date that does not exist (e.g. 31/06/2024).' },
  messages: {
    impossible: {
      it: 'Data inesistente «{date}» nell\'obiettivo {objective} ({field}).',
      en: 'Impossible date "{date}" in objective {objective} ({field}).',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      const objective = obj.code ?? obj.id;
      obj.indicators.forEach((ind, i) => {
        for (const date of impossibleDates(ind.deadlineRaw ?? '')) {
          report({ messageId: 'impossible', data: { date, objective, field: 'scadenza indicatore' }, path: ['objectives', o, 'indicators', i, 'deadline'], objectiveId: obj.id, source: ind.source, raw: ind.deadlineRaw ?? undefined, actual: date });
        }
      });
      obj.actions.forEach((act, a) => {
        for (const [field, raw] of [['tempi', act.deadlineRaw], ['graduazione', act.grading?.raw ?? null], ['atteso', act.expected]] as const) {
          for (const date of impossibleDates(raw ?? '')) {
            report({ messageId: 'impossible', data: { date, objective, field }, path: ['objectives', o, 'actions', a, field === 'tempi' ? 'deadline' : field === 'graduazione' ? 'grading' : 'expected'], objectiveId: obj.id, source: act.source, raw: raw ?? undefined, actual: date });
          }
        }
      });
    });
  },
});
