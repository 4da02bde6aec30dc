import { defineRule } from '../rule.js';

/** A sheet printed for another period than the document it stands in (2023-2025 inside 2024-2026). */
export const periodMismatch = defineRule({
  id: 'period-mismatch',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Una scheda riporta un periodo diverso da quello del piano.',
    en: 'A sheet states another period than the plan\'s.',
  },
  messages: {
    sheet: {
      it: 'La scheda {objective} è riferita al periodo {sheet}, ma il piano è {plan}: probabilmente copiata da un altro anno.',
      en: 'Sheet {objective} refers to period {sheet}, but the plan is {plan}: probably copied from another year.',
    },
  },
  check(doc, report) {
    const plan = doc.period;
    if (!plan) return;
    doc.objectives.forEach((obj, o) => {
      const sheet = obj.scheda?.period;
      if (!sheet || (sheet.from === plan.from && sheet.to === plan.to)) return;
      report({
        messageId: 'sheet',
        data: { objective: obj.code ?? obj.id, sheet: `${sheet.from}-${sheet.to}`, plan: `${plan.from}-${plan.to}` },
        path: ['objectives', o, 'scheda', 'period'],
        objectiveId: obj.id,
        source: obj.source,
        raw: obj.scheda?.headerRaw ?? undefined,
        actual: `${sheet.from}-${sheet.to}`,
        expected: `${plan.from}-${plan.to}`,
      });
    });
  },
});
