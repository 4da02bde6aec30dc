import type { Indicator, Target } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

const MONTH = '(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)';
/** A target that is only a date or a deadline: `31/12/2024`, `entro il 30.06.2025`, `entro il 31/12`, `entro giugno 2025`. */
const DATE_ONLY = new RegExp(
  `^(?:entro\\s+(?:il\\s+|l'|la\\s+|fine\\s+)?|al\\s+|il\\s+)?(?:\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?|\\d{1,2}°?\\s+${MONTH}(?:\\s+\\d{4})?|(?:il\\s+mese\\s+di\\s+)?${MONTH}(?:\\s+\\d{4})?|(?:l'\\s*)?anno\\s+\\d{4})\\.?$`,
  'iu',
);

/** Whether a target is a date and nothing else. */
export const isDateTarget = (raw: string) => DATE_ONLY.test(raw.replace(/\s+/g, ' ').trim());

/** A target that is a quantity: a number, not on the 0-5 activity scale, not a date. */
const quantity = (t: Target) => t.value !== null && t.scale === null && !isDateTarget(t.raw);

/** Quantitative: not an activity (done / not done), time or information-only indicator, and a target that is a quantity. */
const quantitative = (ind: Indicator) => ind.kind !== 'attivita' && ind.kind !== 'temporale' && ind.kind !== 'dato' && ind.targets.some(quantity);

const hasBaseline = (ind: Indicator) => ind.baseline !== null && ind.baseline.value !== null;

/**
 * A quantitative indicator without a baseline (the value before the plan):
 * the target cannot be judged as an improvement. A plan that prints no
 * baseline for any indicator gets one note, not one per indicator.
 */
export const baselineMissing = defineRule({
  id: 'baseline-missing',
  stage: 'validate',
  severity: 'info',
  description: {
    it: 'Indicatore quantitativo senza valore di partenza (baseline); una nota sola se il piano non ne riporta nessuno.',
    en: 'Quantitative indicator without a baseline; one note only when the plan prints none.',
  },
  messages: {
    missing: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} ha un target quantitativo ({target}) ma nessun valore di partenza (baseline).',
      en: 'Indicator "{indicator}" of objective {objective} has a quantitative target ({target}) but no baseline.',
    },
    blank: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} ha un target quantitativo ({target}) ma il valore di partenza (baseline) è «{raw}».',
      en: 'Indicator "{indicator}" of objective {objective} has a quantitative target ({target}) but its baseline is "{raw}".',
    },
    none: {
      it: 'Il documento non riporta il valore di partenza (baseline) di nessuno dei suoi {count} indicatori quantitativi: i target non si possono confrontare con la situazione attuale.',
      en: 'The document prints no baseline for any of its {count} quantitative indicators: targets cannot be compared with the current situation.',
    },
  },
  check(doc, report) {
    const all = doc.objectives.flatMap((obj, o) => obj.indicators.map((ind, i) => ({ obj, o, ind, i })));
    const quant = all.filter(({ ind }) => quantitative(ind));
    if (quant.length === 0) return;
    if (!all.some(({ ind }) => hasBaseline(ind))) {
      const { obj, o, ind, i } = quant[0]!;
      report({ messageId: 'none', data: { count: quant.length }, path: ['objectives', o, 'indicators', i, 'baseline'], objectiveId: obj.id, source: ind.source });
      return;
    }
    for (const { obj, o, ind, i } of quant) {
      if (hasBaseline(ind)) continue;
      const data = { indicator: ind.name, objective: obj.code ?? obj.id, target: ind.targets.find(quantity)!.raw };
      const path = ['objectives', o, 'indicators', i, 'baseline'];
      if (ind.baseline === null) report({ messageId: 'missing', data, path, objectiveId: obj.id, source: ind.source, actual: null });
      else report({ messageId: 'blank', data: { ...data, raw: ind.baseline.raw }, path, objectiveId: obj.id, source: ind.baseline.source ?? ind.source, related: ind.baseline.source ? ind.source : null, raw: ind.baseline.raw, actual: ind.baseline.raw });
    }
  },
});
