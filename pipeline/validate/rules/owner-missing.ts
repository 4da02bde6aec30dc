import { defineRule } from '../rule.js';

const OWNED_LEVELS = new Set(['operativo', 'gestionale', 'organizzativo', 'progetto']);

/**
 * An objective that must have an owner has neither a responsible unit nor a manager, no other unit
 * involved and nobody in its staff as `responsabile` (a weight matrix names the dirigenti of each
 * objective that way: each is an owner).
 */
export const ownerMissing = defineRule({
  id: 'owner-missing',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Obiettivo senza unità organizzativa responsabile né dirigente.',
    en: 'Objective with neither a responsible unit nor a manager.',
  },
  messages: {
    missing: {
      it: 'L\'obiettivo {objective} «{title}» non ha né un\'unità organizzativa responsabile né un dirigente.',
      en: 'Objective {objective} "{title}" has neither a responsible unit nor a manager.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      if (!OWNED_LEVELS.has(obj.level)) return;
      if ((obj.unit ?? '').trim() || (obj.manager ?? '').trim() || obj.involvedUnits.length > 0) return;
      if (obj.staff.some((s) => s.role === 'responsabile' && s.who.trim())) return;
      report({ messageId: 'missing', data: { objective: obj.code ?? obj.id, title: obj.title }, path: ['objectives', o, 'unit'], objectiveId: obj.id, source: obj.source });
    });
  },
});
