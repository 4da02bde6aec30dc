/**
 * The generic extractor: reads plans of layouts piao was never shown, used
 * when no family is recognized. It walks the document's blocks in reading
 * order: tables whose headers name known roles (extractors/generic/tables.ts,
 * with the vocabulary of vocabulary.json), and the lines between them
 * (extractors/generic/outline.ts: objective headings, label/value sheets,
 * yearly targets, dated actions, bullets). Every objective keeps where it was
 * read and a confidence from the evidence that made it one.
 */
import type { LayoutDocument } from '../../models/layout.js';
import type { Objective } from '../../models/plan.js';
import { findEntity, findPeriod } from '../shared/document.js';
import { documentBlocks } from '../shared/tables.js';
import type { ExtractContext, ExtractResult } from '../types.js';
import { PlanBuilder, type Evidence } from './builder.js';
import { OutlineReader } from './outline.js';
import { readTable } from './tables.js';
import { vocabulary } from './vocabulary.js';

/** Confidence of an objective by the strongest evidence it has. */
const CONFIDENCE: Record<Evidence, number> = { column: 0.9, keyword: 0.9, label: 0.85, code: 0.6, content: 0.5 };

function confidenceOf(evidence: ReadonlySet<Evidence>): number {
  let best = 0;
  for (const e of evidence) best = Math.max(best, CONFIDENCE[e]);
  // Content under it (indicators, actions, a weight) confirms it.
  return Math.min(1, evidence.has('content') && best < 0.9 ? best + 0.25 : best);
}

export const genericExtractor = {
  family: 'generic' as const,
  description: 'Lettura generica: tabelle con intestazioni note (obiettivo, peso, indicatore, target…), titoli «Obiettivo n.», schede «Etichetta: valore», elenchi di azioni e target per anno.',
  extract(layout: LayoutDocument, _ctx: Pick<ExtractContext, 'file'>): ExtractResult {
    const period = findPeriod(layout);
    const b = new PlanBuilder(period?.from ?? null);
    const voc = vocabulary();
    const outline = new OutlineReader(b, voc);
    for (const block of documentBlocks(layout)) {
      if (block.kind === 'table') {
        outline.flush();
        const rowLines = new Map(block.lines.filter((l) => l.table && !l.table.repeatedHeader).map((l) => [l.table!.row, l]));
        const textRows = {
          takes: (text: string) => outline.takesLine(text),
          gluedAt: (text: string) => outline.gluedLabelAt(text),
          read: (row: number, text?: string) => {
            const l = rowLines.get(row);
            if (l) outline.line(text === undefined ? l : { ...l, text });
            outline.flush();
          },
        };
        if (readTable(block.table, b, voc, textRows)) continue;
        for (const line of block.lines) if (!line.table?.repeatedHeader) outline.line(line);
        outline.flush();
        continue;
      }
      outline.line(block.line);
    }
    const dropped = outline.finish();
    const objectives: Objective[] = [];
    for (const obj of b.objectives) {
      if (dropped.has(obj)) continue;
      obj.confidence = confidenceOf(b.evidenceOf(obj));
      const years = [...new Set(obj.indicators.flatMap((i) => i.targets.map((t) => t.year)).filter((y): y is number => y !== null))].sort();
      if (years.length > 0) obj.years = years;
      objectives.push(obj);
    }
    // Parents dropped with their heading: the children hang from nothing.
    const ids = new Set(objectives.map((o) => o.id));
    for (const o of objectives) if (o.parentId !== null && !ids.has(o.parentId)) o.parentId = null;
    return { entity: findEntity(layout), period, objectives, totals: b.totals.map((t) => ({ ...t, parts: t.parts.filter((id) => ids.has(id)) })) };
  },
};
