import { formatNumberIt } from '../../messages.js';
import { defineRule } from '../rule.js';

/**
 * A total printed under one column of a matrix of weights per person (the
 * TOTALE row under «Peso dell'obiettivo per dirigente», one column per
 * dirigente) must equal the sum of that column's shares in the rows it
 * closes, within the rounding tolerance. The finding names both places: the
 * total's cell, and the first row of the column it adds up.
 */
export const columnTotalMismatch = defineRule({
  id: 'column-total-mismatch',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Il totale stampato sotto una colonna di una matrice di pesi (un dirigente) non è la somma dei pesi di quella colonna.',
    en: 'The total printed under one column of a weight matrix (one manager) is not the sum of that column\'s weights.',
  },
  messages: {
    column: {
      it: 'Il totale stampato «{label}» della colonna «{column}» vale {printed}, ma i pesi delle {count} righe di quella colonna sommano a {sum} ({detail}).',
      en: 'The printed total "{label}" of the column "{column}" is {printed}, but the weights of the {count} rows of that column add up to {sum} ({detail}).',
    },
  },
  check(doc, report, { tolerance }) {
    const byId = new Map(doc.objectives.map((o) => [o.id, o]));
    (doc.totals ?? []).forEach((total, t) => {
      if (total.field !== 'staff-share' || total.column === undefined || total.value === null) return;
      const column = total.column;
      const parts = total.parts
        .map((id) => byId.get(id))
        .filter((o) => o !== undefined)
        .map((obj) => ({ obj, share: obj.staff.find((s) => s.who === column && s.role === 'responsabile') }));
      // A row of the column whose weight was not read is no sum to compare.
      if (parts.length === 0 || parts.some((p) => p.share === undefined || p.share.share === null)) return;
      const values = parts.map((p) => p.share!.share!);
      // Rounded past any printed decimal: 35 + 25 + 39,49 is 99,49, not 99,49000000000001.
      const sum = Math.round(values.reduce((a, v) => a + v, 0) * 1e9) / 1e9;
      if (Math.abs(sum - total.value) <= tolerance) return;
      report({
        messageId: 'column',
        data: { label: total.label, column, printed: total.raw, count: values.length, sum: formatNumberIt(sum), detail: values.map((v) => formatNumberIt(v)).join(' + ') },
        path: ['totals', t, 'value'],
        source: total.source,
        related: parts[0]!.share!.source ?? parts[0]!.obj.source,
        raw: total.raw,
        actual: total.value,
        expected: sum,
      });
    });
  },
});
