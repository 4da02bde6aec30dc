/**
 * The classify stage: which layout family a document belongs to, from the
 * family's characteristic labels found (fuzzily) at the start of its lines and
 * cells. No family reaching its threshold: "unknown" (the extract stage then
 * tries the generic extractor and reports `family-unknown`).
 */
import type { LayoutDocument } from '../models/layout.js';
import type { Family } from '../models/plan.js';
import type { FamilySignature } from '../extractors/families.js';
import { normalizedLabelSimilarity, LABEL_THRESHOLD, normalizeLabel } from '../extractors/shared/labels.js';
import type { Stage } from './context.js';

export interface Classification {
  family: Family;
  scores: Partial<Record<Family, number>>;
}

/** Distinct labels of each extractor found in the layout. */
export function classifyLayout(layout: LayoutDocument, registry: readonly FamilySignature[]): Classification {
  const pending = registry.map((e) => ({ signature: e, missing: new Set(e.labels), found: 0 }));
  const normLabels = new Map(registry.flatMap((e) => e.labels.map((l) => [l, normalizeLabel(l)] as const)));
  const maxLabelLength = Math.max(...registry.flatMap((e) => e.labels.map((l) => l.length))) * 2 + 16;
  for (const page of layout.pages) {
    for (const line of page.lines) {
      for (const cell of line.cells) {
        if (cell.text === '') continue;
        // Labels stand at the start of a cell: the first characters are enough.
        const text = normalizeLabel(cell.text.slice(0, maxLabelLength));
        if (text === '') continue;
        for (const p of pending) {
          for (const label of p.missing) {
            const norm = normLabels.get(label)!;
            // Cheap reject: a label cannot match a text much shorter than itself.
            if (text.length < norm.length * 0.7) continue;
            if (normalizedLabelSimilarity(text, norm) >= LABEL_THRESHOLD) {
              p.missing.delete(label);
              p.found++;
            }
          }
        }
      }
    }
  }
  const scores: Partial<Record<Family, number>> = {};
  let best: { family: Family; ratio: number } | null = null;
  for (const p of pending) {
    scores[p.signature.family] = p.found;
    if (p.found < p.signature.minLabels) continue;
    const ratio = p.found / p.signature.labels.length;
    if (!best || ratio > best.ratio) best = { family: p.signature.family, ratio };
  }
  return { family: best?.family ?? 'unknown', scores };
}

export function classifyStage(registry: readonly FamilySignature[]): Stage {
  return (doc, ctx) => {
    if (!doc.layout) return doc;
    const { family, scores } = classifyLayout(doc.layout, registry);
    doc.family = family;
    doc.familyScores = scores;
    return doc;
  };
}
