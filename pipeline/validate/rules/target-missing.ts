import { defineRule } from '../rule.js';

/** An indicator that counts toward performance needs a target; `n.d.` and empty cells are no target. */
export const targetMissing = defineRule({
  id: 'target-missing',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Indicatore senza valore atteso (target mancante, vuoto o «n.d.»).',
    en: 'Indicator without a target (missing, empty or "n.d.").',
  },
  messages: {
    missing: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} non ha un valore atteso (target).',
      en: 'Indicator "{indicator}" of objective {objective} has no target.',
    },
    unreadable: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} ha un target senza valore: «{raw}».',
      en: 'Indicator "{indicator}" of objective {objective} has a target with no value: "{raw}".',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      obj.indicators.forEach((ind, i) => {
        // `Dato` indicators inform but do not count toward performance: no target needed.
        if (ind.kind === 'dato') return;
        const path = ['objectives', o, 'indicators', i, 'targets'];
        const data = { indicator: ind.name, objective: obj.code ?? obj.id };
        if (ind.targets.length === 0) {
          report({ messageId: 'missing', data, path, objectiveId: obj.id, source: ind.source, actual: null });
          return;
        }
        ind.targets.forEach((t, k) => {
          if (t.value === null) {
            report({ messageId: 'unreadable', data: { ...data, raw: t.raw }, path: [...path, k], objectiveId: obj.id, source: ind.source, raw: t.raw, actual: t.raw });
          }
        });
      });
    });
  },
});
