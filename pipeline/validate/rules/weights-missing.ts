import { defineRule } from '../rule.js';

/** Some actions of an annuality carry a weight and others do not: the weights cannot be checked or used. */
export const weightsMissing = defineRule({
  id: 'weights-missing',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Azioni senza peso accanto ad azioni pesate nella stessa annualità.',
    en: 'Actions without a weight next to weighted actions of the same year.',
  },
  messages: {
    action: {
      it: 'L\'azione {n} dell\'annualità {year} dell\'obiettivo {objective} non ha un peso, mentre altre azioni della stessa annualità lo hanno.',
      en: 'Action {n} of year {year} of objective {objective} has no weight, while other actions of the same year do.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      const years = new Set(obj.actions.map((a) => a.year));
      for (const year of years) {
        const actions = obj.actions.map((a, i) => [a, i] as const).filter(([a]) => a.year === year);
        if (!actions.some(([a]) => a.weight !== null)) continue;
        for (const [a, i] of actions) {
          if (a.weight !== null) continue;
          report({ messageId: 'action', data: { n: a.n ?? i + 1, year: year ?? '—', objective: obj.code ?? obj.id }, path: ['objectives', o, 'actions', i, 'weight'], objectiveId: obj.id, source: a.source, actual: null });
        }
      }
    });
  },
});
