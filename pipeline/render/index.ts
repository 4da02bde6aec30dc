/**
 * Rendering a document in a format: HTML and Markdown straight from their
 * templates, ODT as a zipped OpenDocument, PDF as that ODT converted by
 * LibreOffice. Views are built by `plan-view.ts` and `relazione-view.ts`.
 */
import type { PlanDocument } from '../../models/plan.js';
import { packageOdt } from './odt.js';
import { odtToPdf } from './pdf.js';
import { planView } from './plan-view.js';
import { renderTemplate } from './templates.js';

export type RenderFormat = 'html' | 'md' | 'odt' | 'pdf';
export const RENDER_FORMATS: readonly RenderFormat[] = ['html', 'md', 'odt', 'pdf'];

export interface RenderOptions {
  format: RenderFormat;
  /** Folder the output goes to: links to the source are made relative to it. */
  outDir: string | null;
  /** Date printed as "generated on" (default today). */
  date?: Date;
}

/** Renders a view with `templates/<document>.<format>.hbs`; text for html/md, bytes for odt/pdf. */
export async function renderDocument(document: string, view: (packageRelative: boolean) => { title: string }, options: RenderOptions): Promise<string | Uint8Array> {
  if (options.format === 'html' || options.format === 'md') return renderTemplate(document, options.format, view(false));
  const v = view(true);
  const odt = packageOdt(renderTemplate(document, 'odt', v), v.title, options.date ?? new Date());
  return options.format === 'odt' ? odt : odtToPdf(odt);
}

export function renderPlan(plan: PlanDocument, options: RenderOptions): Promise<string | Uint8Array> {
  return renderDocument('plan', (packageRelative) => planView(plan, { source: plan.source, outDir: options.outDir, packageRelative }, options.date), options);
}
