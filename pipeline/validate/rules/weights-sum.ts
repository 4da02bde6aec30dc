import { formatNumberIt } from '../../messages.js';
import { defineRule } from '../rule.js';

/** Action weights of one objective and year, and indicator shares of one objective, must add up to 100. */
export const weightsSum = defineRule({
  id: 'weights-sum',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'I pesi delle azioni di un\'annualità (o le quote degli indicatori) non sommano a 100.',
    en: 'Action weights of one year (or indicator shares) do not add up to 100.',
  },
  messages: {
    actions: {
      it: 'I pesi delle azioni dell\'annualità {year} dell\'obiettivo {objective} sommano a {sum} invece di 100 ({detail}).',
      en: 'Action weights of year {year} of objective {objective} add up to {sum} instead of 100 ({detail}).',
    },
    indicators: {
      it: 'Le quote degli indicatori dell\'obiettivo {objective} sommano a {sum} invece di 100 ({detail}).',
      en: 'Indicator shares of objective {objective} add up to {sum} instead of 100 ({detail}).',
    },
  },
  check(doc, report, { tolerance }) {
    doc.objectives.forEach((obj, o) => {
      const objective = obj.code ?? obj.id;
      const years = [...new Set(obj.actions.map((a) => a.year))];
      for (const year of years) {
        const weighted = obj.actions.filter((a) => a.year === year && a.weight !== null);
        if (weighted.length === 0) continue;
        const sum = weighted.reduce((t, a) => t + a.weight!, 0);
        if (Math.abs(sum - 100) <= tolerance) continue;
        const first = obj.actions.indexOf(weighted[0]!);
        report({
          messageId: 'actions',
          data: { year: year ?? '—', objective, sum, detail: weighted.map((a) => formatNumberIt(a.weight!)).join(' + ') },
          path: ['objectives', o, 'actions', first, 'weight'],
          objectiveId: obj.id,
          source: weighted[0]!.source,
          actual: sum,
          expected: 100,
        });
      }
      const shares = obj.indicators.filter((i) => i.weight !== null);
      if (shares.length > 0) {
        const sum = shares.reduce((t, i) => t + i.weight!, 0);
        if (Math.abs(sum - 100) > tolerance) {
          report({
            messageId: 'indicators',
            data: { objective, sum, detail: shares.map((i) => formatNumberIt(i.weight!)).join(' + ') },
            path: ['objectives', o, 'indicators'],
            objectiveId: obj.id,
            source: shares[0]!.source,
            actual: sum,
            expected: 100,
          });
        }
      }
    });
  },
});
