import type { Provenance } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

/**
 * A value read by OCR with a confidence below the threshold (config
 * `minConfidence`, default 0.6): objectives, indicators, actions, staff rows
 * and table rows whose source carries a confidence.
 */
export const lowConfidence = defineRule({
  id: 'low-confidence',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Valore letto dall\'OCR con confidenza bassa: da verificare sulla scansione.',
    en: 'Value read by OCR with low confidence: check it on the scan.',
  },
  messages: {
    low: {
      it: '{what} «{text}» ({objective}) letto dall\'OCR con confidenza {confidence}%, sotto la soglia del {threshold}%: verificare a pagina {page}.',
      en: '{what} "{text}" ({objective}) read by OCR with {confidence}% confidence, below the {threshold}% threshold: check page {page}.',
    },
  },
  check(doc, report, { minConfidence }) {
    doc.objectives.forEach((obj, o) => {
      const objective = obj.code ?? obj.id;
      const consider = (what: string, text: string, source: Provenance | null, path: (string | number)[]) => {
        if (!source || source.confidence === undefined || source.confidence >= minConfidence) return;
        report({
          messageId: 'low',
          data: { what, text: text.slice(0, 80), objective, confidence: Math.round(source.confidence * 100), threshold: Math.round(minConfidence * 100), page: source.page ?? '?' },
          path,
          objectiveId: obj.id,
          source,
          raw: text,
          actual: source.confidence,
          expected: `>= ${minConfidence}`,
        });
      };
      consider('Obiettivo', obj.title, obj.source, ['objectives', o]);
      obj.indicators.forEach((ind, i) => consider('Indicatore', ind.name, ind.source, ['objectives', o, 'indicators', i]));
      obj.actions.forEach((act, a) => {
        consider('Azione', act.text, act.source, ['objectives', o, 'actions', a]);
        act.staff.forEach((s, k) => consider('Personale', s.raw ?? s.who, s.source, ['objectives', o, 'actions', a, 'staff', k]));
      });
      obj.staff.forEach((s, k) => consider('Personale', s.raw ?? s.who, s.source, ['objectives', o, 'staff', k]));
      if (obj.allocation) consider('Riga di tabella', obj.allocation.amountRaw ?? obj.title, obj.allocation.source, ['objectives', o, 'allocation']);
    });
  },
});
