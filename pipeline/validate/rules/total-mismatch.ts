import { formatNumberIt } from '../../messages.js';
import { defineRule } from '../rule.js';

/**
 * A total printed in the document (a TOTALE row under a weight column) must
 * equal the sum of the weights of the rows it closes, within the rounding
 * tolerance. The finding names both places: the total, and the first row it
 * adds up.
 */
export const totalMismatch = defineRule({
  id: 'total-mismatch',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Un totale stampato (riga TOTALE) non è la somma delle righe che chiude.',
    en: 'A printed total (TOTALE row) is not the sum of the rows it closes.',
  },
  messages: {
    weights: {
      it: 'Il totale stampato «{label}» vale {printed}, ma i pesi delle {count} righe che chiude sommano a {sum} ({detail}).',
      en: 'The printed total "{label}" is {printed}, but the weights of the {count} rows it closes add up to {sum} ({detail}).',
    },
  },
  check(doc, report, { tolerance }) {
    const byId = new Map(doc.objectives.map((o, i) => [o.id, { obj: o, index: i }]));
    (doc.totals ?? []).forEach((total, t) => {
      if (total.field !== 'weight' || total.value === null) return;
      const parts = total.parts.map((id) => byId.get(id)).filter((p) => p !== undefined);
      // A part without a weight is for weights-missing; one row is no sum.
      if (parts.length < 2 || parts.some((p) => p.obj.weight === null)) return;
      const sum = parts.reduce((s, p) => s + p.obj.weight!, 0);
      if (Math.abs(sum - total.value) <= tolerance) return;
      const first = parts[0]!;
      report({
        messageId: 'weights',
        data: { label: total.label, printed: total.raw, count: parts.length, sum: formatNumberIt(sum), detail: parts.map((p) => formatNumberIt(p.obj.weight!)).join(' + ') },
        path: ['totals', t, 'value'],
        source: total.source,
        related: first.obj.cells?.weight ?? first.obj.source,
        raw: total.raw,
        actual: total.value,
        expected: sum,
      });
    });
  },
});
