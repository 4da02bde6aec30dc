/**
 * Where a value came from, and the one message type every stage reports.
 */
import { z } from 'zod';

/** Where a value was read: page and line (1-based), optional box in PDF points and OCR confidence. */
export const Provenance = z.object({
  page: z.number().int().min(1).nullable(),
  line: z.number().int().min(1).nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional().describe('[x0, y0, x1, y1] in PDF points.'),
  confidence: z.number().min(0).max(1).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A value a finding can quote: what was found or what was expected. */
export const FindingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FindingValue = z.infer<typeof FindingValue>;

/**
 * One problem, note or failure, whatever stage found it.
 * Tests assert `rule`, `messageId` and `data`; `message` is the rendered Italian text.
 */
export const Finding = z.object({
  rule: z.string().regex(/^[a-z0-9]+(-[a-z0-9.]+)*$/).describe('Kebab-case id of the rule or stage check.'),
  messageId: z.string().describe('Key of the message template that produced `message`.'),
  data: z.record(z.string(), FindingValue).describe('Values filled into the message template.'),
  severity: Severity,
  fatal: z.boolean().describe('True when the file could not be processed at all.'),
  stage: z.string().describe('Stage that reported it: ingest, classify, extract, validate...'),
  message: z.string().describe('Italian message.'),
  messageEn: z.string().describe('English message.'),
  objectiveId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).describe('Path into the PlanDocument, e.g. ["objectives", 3, "actions", 0, "weight"].'),
  source: Provenance.extend({ file: z.string() }),
  related: Provenance.extend({ file: z.string() }).optional().describe('The second place, where two statements of one fact disagree (as vfile-message\'s cause): e.g. the parts of a printed total.'),
  raw: z.string().optional().describe('The printed text that triggered the finding.'),
  actual: FindingValue.optional(),
  expected: FindingValue.optional(),
  suggestion: z.object({ path: z.array(z.union([z.string(), z.number()])), value: FindingValue }).optional(),
});
export type Finding = z.infer<typeof Finding>;
