import { datesIn, formatDateIt as itDate } from '../../../extractors/shared/dates.js';
import { defineRule } from '../rule.js';

/**
 * Dates of one action that contradict each other: the expected result
 * (ATTESO) or the grading ladder name another date than the deadline (TEMPI).
 */
export const dateOrder = defineRule({
  id: 'date-order',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Date di un\'azione in contraddizione: atteso o graduazione indicano una data diversa dalla scadenza.',
    en: 'Contradicting dates in an action: expected result or grading name another date than the deadline.',
  },
  messages: {
    contradicts: {
      it: 'Azione {n} ({year}) dell\'obiettivo {objective}: la scadenza è {deadline}, ma {field} indica {other}.',
      en: 'Action {n} ({year}) of objective {objective}: the deadline is {deadline}, but {field} says {other}.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      obj.actions.forEach((a, i) => {
        if (!a.deadline) return;
        const fields = [
          ['il valore atteso', 'expected', a.expected],
          ['la graduazione', 'grading', a.grading?.raw ?? null],
        ] as const;
        for (const [field, key, text] of fields) {
          const other = datesIn(text ?? '').find((d) => d !== a.deadline);
          if (!other) continue;
          report({
            messageId: 'contradicts',
            data: { n: a.n ?? i + 1, year: a.year ?? '—', objective: obj.code ?? obj.id, deadline: itDate(a.deadline), field, other: itDate(other) },
            path: ['objectives', o, 'actions', i, key],
            objectiveId: obj.id,
            source: a.source,
            raw: text ?? undefined,
            actual: other,
            expected: a.deadline,
          });
        }
      });
    });
  },
});
