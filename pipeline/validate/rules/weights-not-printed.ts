import type { LayoutLine } from '../../../models/layout.js';
import type { Objective } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

/** Words that say results are weighted: `media pesata`, `ponderata`, `pesatura`, `i pesi`, `il relativo peso`. */
const SAYS_WEIGHTED = /\b(?:ponderat[aoei]|ponderazione|pesat[aoei]|pesatura|pes[oi])\b/iu;
/** A weight as printed: the word followed by a number (`Peso: 5%`, `peso 60%`), or a short label or column header (`PESO`, `Peso obiettivo`). */
const WEIGHT_VALUE = /\bpes[oi]\b[^\d\n]{0,30}\d/iu;
const WEIGHT_LABEL = /^\s*(?:totale\s+)?pes[oi]\b/iu;
/** Longer lines are prose; shorter ones are labels and headers. */
const LABEL_CHARS = 60;

const modelHasWeights = (objectives: readonly Objective[]) =>
  objectives.some(
    (o) =>
      o.weight !== null ||
      o.actions.some((a) => a.weight !== null) ||
      o.indicators.some((i) => i.weight !== null) ||
      (o.allocation !== null && (o.allocation.categoryWeight !== null || o.allocation.totalCoefficient !== null)) ||
      (o.scheda?.pesatura !== null && o.scheda?.pesatura !== undefined),
  );

const printsWeights = (line: LayoutLine) =>
  WEIGHT_VALUE.test(line.text) || line.cells.some((c) => WEIGHT_LABEL.test(c.text) && c.text.length <= LABEL_CHARS) || (WEIGHT_LABEL.test(line.text) && line.text.trim().length <= LABEL_CHARS);

/**
 * The text says that results are weighted (`media pesata`, `i pesi`,
 * `pesatura`) but the document prints no weight anywhere: neither in the
 * objectives, actions, indicators or allocation rows read, nor as a weight
 * label or column anywhere in its layout. Reported once, at the sentence.
 */
export const weightsNotPrinted = defineRule({
  id: 'weights-not-printed',
  stage: 'validate',
  // The weights may be in another document (the SMVP, the DUP): a note, not a warning.
  severity: 'info',
  description: {
    it: 'Il testo dice che i risultati sono pesati, ma il documento non riporta nessun peso.',
    en: 'The text says results are weighted, but the document prints no weight.',
  },
  messages: {
    announced: {
      it: 'Il testo dice che i risultati sono pesati («{excerpt}»), ma il documento non riporta nessun peso per obiettivi, azioni o indicatori: la media pesata non si può calcolare.',
      en: 'The text says results are weighted ("{excerpt}"), but the document prints no weight for objectives, actions or indicators: the weighted mean cannot be computed.',
    },
  },
  check(doc, report) {
    const layout = doc.layout;
    if (!layout || doc.objectives.length === 0 || modelHasWeights(doc.objectives)) return;
    const lines = layout.pages.flatMap((p) => p.lines);
    if (lines.some(printsWeights)) return;
    const sentence = lines.find((l) => !l.table && l.text.trim().length > LABEL_CHARS && SAYS_WEIGHTED.test(l.text));
    if (!sentence) return;
    const text = sentence.text.replace(/\s+/g, ' ');
    const at = text.search(SAYS_WEIGHTED);
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 50)) + 1);
    const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, at + 70).trim()}${at + 70 < text.length ? '…' : ''}`;
    report({ messageId: 'announced', data: { excerpt }, path: ['objectives'], source: { page: sentence.page, line: sentence.line, ...(sentence.bbox ? { bbox: sentence.bbox } : {}) }, raw: text.slice(0, 500) });
  },
});
