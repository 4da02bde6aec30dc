import { z } from 'zod';
import { PlanDocument } from './plan.js';

/** JSON Schema (draft 2020-12) of the PlanDocument that `piao extract` writes. */
export function planDocumentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PlanDocument, { target: 'draft-2020-12', io: 'output' }),
    $id: 'https://piao.local/schema/plan-document.schema.json',
    title: 'PlanDocument',
    description: 'A performance plan (PIAO 2.2, Piano della Performance, schede obiettivo) normalized by piao.',
  };
}
