import { defineRule } from '../rule.js';

/**
 * A target worse than the baseline under the indicator's polarity (lower for
 * higher-is-better, higher for lower-is-better). A target equal to the
 * baseline is a maintenance target and is not reported.
 */
export const targetNotImproving = defineRule({
  id: 'target-not-improving',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Target peggiore della situazione di partenza (baseline), secondo la polarità dell\'indicatore.',
    en: 'Target worse than the baseline, under the indicator\'s polarity.',
  },
  messages: {
    worse: {
      it: 'Il target {year} dell\'indicatore «{name}» ({objective}) è {target}, peggiore della baseline {baseline} ({polarity}).',
      en: 'The {year} target of indicator "{name}" ({objective}) is {target}, worse than the baseline {baseline} ({polarity}).',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      obj.indicators.forEach((ind, i) => {
        const base = ind.baseline?.value;
        if (base === null || base === undefined || ind.polarity === null) return;
        ind.targets.forEach((t, k) => {
          if (t.value === null || t.scale !== null) return;
          const worse = ind.polarity === 'higher-better' ? t.value < base : t.value > base;
          if (!worse) return;
          report({
            messageId: 'worse',
            data: {
              year: t.year ?? '',
              name: ind.name,
              objective: obj.code ?? obj.id,
              target: t.raw,
              baseline: ind.baseline!.raw,
              polarity: ind.polarity === 'higher-better' ? 'più alto è meglio' : 'più basso è meglio',
            },
            path: ['objectives', o, 'indicators', i, 'targets', k],
            objectiveId: obj.id,
            source: ind.source,
            raw: t.raw,
            actual: t.value,
            expected: `${ind.polarity === 'higher-better' ? '>=' : '<='} ${base}`,
          });
        });
      });
    });
  },
});
