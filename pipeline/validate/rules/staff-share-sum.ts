import { formatNumberIt } from '../../messages.js';
import { defineRule } from '../rule.js';

/** The participation percentages of the staff of one action must add up to 100. */
export const staffShareSum = defineRule({
  id: 'staff-share-sum',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Le percentuali di partecipazione del personale di un\'azione non sommano a 100.',
    en: 'Staff participation percentages of an action do not add up to 100.',
  },
  messages: {
    action: {
      it: 'Le percentuali del personale dell\'azione {n} ({year}) dell\'obiettivo {objective} sommano a {sum} invece di 100 ({detail}).',
      en: 'Staff shares of action {n} ({year}) of objective {objective} add up to {sum} instead of 100 ({detail}).',
    },
  },
  check(doc, report, { tolerance }) {
    doc.objectives.forEach((obj, o) => {
      obj.actions.forEach((a, i) => {
        const shared = a.staff.filter((s) => s.share !== null);
        if (shared.length === 0) return;
        const sum = shared.reduce((t, s) => t + s.share!, 0);
        if (Math.abs(sum - 100) <= tolerance) return;
        report({
          messageId: 'action',
          data: { n: a.n ?? i + 1, year: a.year ?? '—', objective: obj.code ?? obj.id, sum, detail: shared.map((s) => `${s.who} ${formatNumberIt(s.share!)}%`).join(', ') },
          path: ['objectives', o, 'actions', i, 'staff'],
          objectiveId: obj.id,
          source: shared[0]!.source ?? a.source,
          actual: sum,
          expected: 100,
        });
      });
    });
  },
});
