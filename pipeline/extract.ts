/**
 * The extract stage: hands the layout to the extractor of the recognized
 * family; when no family is recognized, to the generic extractor (family
 * `generic` when it reads objectives, `unknown` when it reads none).
 */
import type { Extractor } from '../extractors/types.js';
import type { Stage } from './context.js';
import { extractorMissing, familyUnknown } from './checks.js';
import { findEntity, findPeriod } from '../extractors/shared/document.js';
import { genericExtractor } from '../extractors/generic/index.js';

export function extractStage(registry: readonly Extractor[]): Stage {
  return (doc, ctx) => {
    if (!doc.layout) return doc;
    const extractor = registry.find((e) => e.family === doc.family);
    if (!extractor && doc.family === 'unknown') {
      const result = genericExtractor.extract(doc.layout, { file: doc.source.path });
      doc.entity = result.entity;
      doc.period = result.period;
      doc.objectives = result.objectives;
      doc.context = result.context ?? [];
      doc.totals = result.totals ?? [];
      if (result.objectives.length > 0) {
        doc.family = 'generic';
        ctx.report(doc, familyUnknown, { messageId: 'generic', data: { objectives: result.objectives.length } });
      } else ctx.report(doc, familyUnknown, { messageId: 'unknown' });
      return doc;
    }
    if (!extractor) {
      ctx.report(doc, extractorMissing, { messageId: 'missing', data: { family: doc.family } });
      doc.entity = findEntity(doc.layout);
      doc.period = findPeriod(doc.layout);
      return doc;
    }
    const result = extractor.extract(doc.layout, {
      file: doc.source.path,
      report: (check, input) => ctx.report(doc, check, input),
    });
    doc.entity = result.entity;
    doc.period = result.period;
    doc.objectives = result.objectives;
    doc.scoring = result.scoring ?? null;
    doc.context = result.context ?? [];
    doc.totals = result.totals ?? [];
    return doc;
  };
}
