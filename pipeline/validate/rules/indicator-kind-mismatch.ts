import type { Indicator, IndicatorKind } from '../../../models/plan.js';
import { defineRule } from '../rule.js';
import { isDateTarget } from './baseline-missing.js';

/** Kinds that measure a quantity (a rate, a cost, a level of quality): their target is a value, not a date. */
const MEASURES: readonly IndicatorKind[] = ['efficienza', 'efficacia', 'economicita', 'qualita'];
/** A target that reads as a time: a date, or a duration in days, hours, months, years. */
const TIME = /\b(?:gg|giorni|giorno|ore|ora|mesi|mese|settimane|anni|minuti)\b|\d{1,2}[/.-]\d{1,2}/iu;

const kindName = (ind: Indicator) => ind.kindRaw ?? ind.kind ?? '';

/**
 * An indicator whose printed kind contradicts its target: a quality,
 * efficiency, effectiveness or economy figure whose only targets are dates
 * (a deadline is an activity or time indicator), or a time indicator whose
 * targets are neither a date nor a duration and which has no deadline.
 */
export const indicatorKindMismatch = defineRule({
  id: 'indicator-kind-mismatch',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Il tipo dell\'indicatore non corrisponde al suo target (un indicatore di qualità o efficienza con solo una data, un indicatore temporale senza data né durata).',
    en: 'The indicator\'s kind does not match its target (a quality or efficiency indicator with only a date, a time indicator with neither a date nor a duration).',
  },
  messages: {
    dateOnly: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} è di tipo «{kind}», ma il suo target è solo una data ({target}): una misura di questo tipo ha un valore atteso (quantità, percentuale, tempo); una scadenza è un indicatore di attività o temporale.',
      en: 'Indicator "{indicator}" of objective {objective} is of kind "{kind}", but its target is only a date ({target}): such a measure has an expected value (quantity, percentage, time); a deadline is an activity or time indicator.',
    },
    noTime: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} è di tipo «{kind}», ma il suo target ({target}) non è né una data né una durata e non ha una scadenza.',
      en: 'Indicator "{indicator}" of objective {objective} is of kind "{kind}", but its target ({target}) is neither a date nor a duration and it has no deadline.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      obj.indicators.forEach((ind, i) => {
        const targets = ind.targets.filter((t) => t.raw.trim() !== '');
        if (ind.kind === null || targets.length === 0) return;
        const base = { objectiveId: obj.id, source: ind.source, path: ['objectives', o, 'indicators', i, 'kind'] };
        const data = { indicator: ind.name, objective: obj.code ?? obj.id, kind: kindName(ind), target: targets[0]!.raw };
        if (MEASURES.includes(ind.kind) && targets.every((t) => isDateTarget(t.raw))) {
          report({ ...base, messageId: 'dateOnly', data, related: targets[0]!.source ?? null, actual: ind.kind, raw: targets[0]!.raw });
        } else if (ind.kind === 'temporale' && ind.deadline === null && targets.every((t) => t.value !== null && !TIME.test(t.raw) && !isDateTarget(t.raw))) {
          report({ ...base, messageId: 'noTime', data, related: targets[0]!.source ?? null, actual: ind.kind, raw: targets[0]!.raw });
        }
      });
    });
  },
});
