/**
 * The layout representation every ingestion path (text, PDF, OCR) produces and
 * every extractor reads: pages -> lines -> cells, each with provenance.
 * Extractors never know where their input came from.
 */
import { z } from 'zod';

export const LayoutCell = z.object({
  text: z.string().describe('Cell text, trimmed.'),
  col: z.number().int().min(0).describe('Column index in its line (0-based), counting empty cells.'),
  colSpan: z.number().int().min(1).optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  confidence: z.number().min(0).max(1).optional(),
});
export type LayoutCell = z.infer<typeof LayoutCell>;

export const LayoutLine = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1).describe('1-based; for text input the line number in the file.'),
  text: z.string().describe('The whole line as read (cells joined by tabs for text input).'),
  cells: z.array(LayoutCell),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  confidence: z.number().min(0).max(1).optional(),
});
export type LayoutLine = z.infer<typeof LayoutLine>;

export const LayoutPage = z.object({
  number: z.number().int().min(1),
  width: z.number().nullable(),
  height: z.number().nullable(),
  origin: z.enum(['text', 'pdf-text', 'ocr']),
  lines: z.array(LayoutLine),
});
export type LayoutPage = z.infer<typeof LayoutPage>;

export const LayoutDocument = z.object({ pages: z.array(LayoutPage) });
export type LayoutDocument = z.infer<typeof LayoutDocument>;
