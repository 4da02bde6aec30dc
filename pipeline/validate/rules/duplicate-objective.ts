import { normalizeLabel } from '../../../extractors/shared/labels.js';
import { defineRule } from '../rule.js';

/** The same objective listed twice for the same unit (same level, code and title). */
export const duplicateObjective = defineRule({
  id: 'duplicate-objective',
  stage: 'validate',
  severity: 'warning',
  description: { it: 'Obiettivo ripetuto due volte per la stessa unità.', en: 'Objective listed twice for the same unit.' },
  messages: {
    duplicate: {
      it: 'L\'obiettivo «{title}» ({unit}) è ripetuto: compare già come {first}.',
      en: 'Objective "{title}" ({unit}) is repeated: it already appears as {first}.',
    },
  },
  check(doc, report) {
    const seen = new Map<string, string>();
    doc.objectives.forEach((obj, o) => {
      const key = [obj.level, obj.code ?? '', normalizeLabel(obj.unit ?? ''), normalizeLabel(obj.title), obj.parentId ?? ''].join('|');
      const first = seen.get(key);
      if (first) {
        report({ messageId: 'duplicate', data: { title: obj.title, unit: obj.unit ?? '—', first }, path: ['objectives', o], objectiveId: obj.id, source: obj.source, actual: obj.id, expected: first });
      } else seen.set(key, obj.id);
    });
  },
});
