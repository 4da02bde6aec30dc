/**
 * The validate stage: runs every rule of the registry over the model. The
 * engine, not the rule, sets severity (from config) and contains crashes: a
 * rule that throws becomes a `stage-crash` finding naming the rule and file.
 */
import type { Stage } from '../context.js';
import { stageCrash } from '../checks.js';
import type { Rule } from './rule.js';
import { scoringFromConfig } from '../../models/config.js';
import { errorMessage } from '../messages.js';

export function validateStage(rules: readonly Rule[]): Stage {
  return (doc, ctx) => {
    const input = { family: doc.family, period: doc.period, objectives: doc.objectives, scoring: scoringFromConfig(ctx.config) ?? doc.scoring, layout: doc.layout, totals: doc.totals };
    for (const rule of rules) {
      if (ctx.config.rules[rule.id] === 'off') continue;
      // A message with a severity of its own is reported as that check (the configuration still wins in makeFinding).
      const report: Parameters<Rule['check']>[1] = (finding) => {
        const severity = rule.messageSeverity?.[finding.messageId];
        ctx.report(doc, severity ? { ...rule, severity } : rule, finding);
      };
      try {
        rule.check(input, report, { tolerance: ctx.config.tolerance, minConfidence: ctx.config.minConfidence });
      } catch (error) {
        ctx.report(doc, stageCrash, {
          messageId: 'crash',
          data: { stage: `validate/${rule.id}`, file: doc.source.path, reason: errorMessage(error) },
        });
      }
    }
    return doc;
  };
}
