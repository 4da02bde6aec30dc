/**
 * Character error rate of OCR words against a page's known text (its PDF
 * text layer), independent of each engine's reading order: every reference
 * line (a visual line of the text layer) is compared with the OCR words whose
 * centre falls inside its box, left to right. Both engines are scored the
 * same way on the same images.
 */
import { createRequire } from 'node:module';
import { joinRuns, visualLines, type TextRun } from '../pipeline/ingest/pdf-layout.js';

const require = createRequire(import.meta.url);
// natural's submodule only: its index loads storage back-ends that print to stdout.
const { LevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance.js') as { LevenshteinDistance: (a: string, b: string) => number };

const normalize = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export interface CerResult {
  errors: number;
  characters: number;
}

/** Edit distance of the OCR words against the reference lines, both in page points. */
export function lineErrors(reference: TextRun[], ocr: TextRun[]): CerResult {
  const lines = visualLines(reference);
  const taken = new Set<TextRun>();
  let errors = 0;
  let characters = 0;
  for (const line of lines) {
    const x0 = Math.min(...line.map((r) => r.x)) - 2;
    const x1 = Math.max(...line.map((r) => r.x + r.w)) + 2;
    const y0 = Math.min(...line.map((r) => r.y));
    const y1 = Math.max(...line.map((r) => r.y + r.h));
    const words = ocr.filter((w) => {
      const cx = w.x + w.w / 2;
      const cy = w.y + w.h / 2;
      return !taken.has(w) && cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
    });
    words.forEach((w) => taken.add(w));
    const expected = normalize(joinRuns(line));
    const read = normalize(words.sort((a, b) => a.x - b.x).map((w) => w.text).join(' '));
    errors += LevenshteinDistance(expected, read);
    characters += expected.length;
  }
  // Words read where the reference has no text count as insertions.
  for (const w of ocr) if (!taken.has(w)) errors += normalize(w.text).length;
  return { errors, characters };
}
