/** Document-level facts most families print near the top: the administration and the plan's years. */
import type { LayoutDocument } from '../../models/layout.js';
import type { Period } from '../../models/plan.js';

const ENTITY_RE = /\b(Comune|comune|COMUNE|Citt[àa]|Provincia|Unione dei Comuni|Regione)\s+di\s+([A-ZÀ-Ý][\p{L}'’]+(?:[ ]+(?:[A-ZÀ-Ý][\p{L}'’]+|d[ie]l?|sul|in))*)/gu;
const PERIOD_RE = /\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\b/g;

function headText(layout: LayoutDocument, maxLines: number): string {
  const lines: string[] = [];
  for (const page of layout.pages) {
    for (const line of page.lines) {
      if (lines.length >= maxLines) return lines.join('\n');
      lines.push(line.text);
    }
  }
  return lines.join('\n');
}

/** The value that occurs most often, with its count (the first one on a tie). */
export function mostFrequent(values: string[]): { name: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { name: string; count: number } | null = null;
  for (const [name, count] of counts) if (!best || count > best.count) best = { name, count };
  return best;
}

/** The administration named near the top of the document ("Comune di Prato"), or null. */
export function findEntity(layout: LayoutDocument, maxLines = 40): string | null {
  const names = (text: string) => [...text.matchAll(ENTITY_RE)].map((m) => `${m[1]![0]!.toUpperCase()}${m[1]!.slice(1).toLowerCase()} di ${m[2]!.trim()}`);
  const head = mostFrequent(names(headText(layout, maxLines)));
  if (head) return head.name;
  // Further down, a name must recur: one mention may be another administration (a partner, a convention).
  const anywhere = mostFrequent(names(headText(layout, Number.POSITIVE_INFINITY)));
  return anywhere && anywhere.count >= 2 ? anywhere.name : null;
}

/** The three-year period printed near the top (`2024-2026`, `2024/2026`, `2024 – 2026`), or null. */
export function findPeriod(layout: LayoutDocument, maxLines = 120): Period | null {
  const pairs = [...headText(layout, maxLines).matchAll(PERIOD_RE)]
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .filter(([a, b]) => b - a >= 1 && b - a <= 4)
    .map(([a, b]) => `${a}-${b}`);
  const best = mostFrequent(pairs);
  if (!best) return null;
  const [from, to] = best.name.split('-').map(Number) as [number, number];
  return { from, to };
}
