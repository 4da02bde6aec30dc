import type { Indicator, Target } from '../../../models/plan.js';
import { normalizeLabel } from '../../../extractors/shared/labels.js';
import { defineRule } from '../rule.js';

const sameValue = (a: Target, b: Target) => (a.value !== null && b.value !== null ? a.value === b.value : normalizeLabel(a.raw) === normalizeLabel(b.raw));

/**
 * Two different targets for the same indicator and year: inside one
 * indicator, or in two indicators of the same objective with the same name.
 */
export const targetConflict = defineRule({
  id: 'target-conflict',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Due target diversi per lo stesso indicatore e lo stesso anno.',
    en: 'Two different targets for the same indicator and year.',
  },
  messages: {
    conflict: {
      it: 'L\'indicatore «{name}» ({objective}) ha due target diversi per il {year}: {first} e {second}.',
      en: 'Indicator "{name}" ({objective}) has two different {year} targets: {first} and {second}.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      // Indicators with the same name are one indicator printed twice.
      const groups = new Map<string, { ind: Indicator; i: number }[]>();
      obj.indicators.forEach((ind, i) => {
        const key = normalizeLabel(ind.name);
        if (key) groups.set(key, [...(groups.get(key) ?? []), { ind, i }]);
      });
      for (const members of groups.values()) {
        const seen = new Map<number, { t: Target; i: number }>();
        for (const { ind, i } of members) {
          ind.targets.forEach((t, k) => {
            if (t.year === null) return;
            const prev = seen.get(t.year);
            if (!prev) {
              seen.set(t.year, { t, i });
              return;
            }
            if (sameValue(prev.t, t)) return;
            report({
              messageId: 'conflict',
              data: { name: ind.name, objective: obj.code ?? obj.id, year: t.year, first: prev.t.raw, second: t.raw },
              path: ['objectives', o, 'indicators', i, 'targets', k],
              objectiveId: obj.id,
              source: ind.source,
              actual: t.raw,
              expected: prev.t.raw,
            });
          });
        }
      }
    });
  },
});
