/** The extract stage: hands the layout to the extractor of the recognized family. */
import type { Extractor } from '../extractors/types.js';
import type { Stage } from './context.js';
import { extractorMissing } from './checks.js';
import { findEntity, findPeriod } from '../extractors/shared/document.js';

export function extractStage(registry: readonly Extractor[]): Stage {
  return (doc, ctx) => {
    if (!doc.layout) return doc;
    const extractor = registry.find((e) => e.family === doc.family);
    if (!extractor) {
      if (doc.family !== 'unknown') ctx.report(doc, extractorMissing, { messageId: 'missing', data: { family: doc.family } });
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
    return doc;
  };
}
