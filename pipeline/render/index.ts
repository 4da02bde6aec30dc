/**
 * Rendering a document in a format: HTML and Markdown straight from their
 * templates, ODT as a zipped OpenDocument, PDF as that ODT converted by
 * LibreOffice. Views are built by `plan-view.ts` and `relazione-view.ts`.
 */
import type { PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import type { Relazione } from '../results/relazione.js';
import { relazioneCharts, relazioneView } from './relazione-view.js';
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
  /** Links of a batch's HTML plan back to its check report and to the index, relative to `outDir`. */
  nav?: { report: string; index: string };
}

/** Renders a view with `templates/<document>.<format>.hbs`; text for html/md, bytes for odt/pdf (with `pictures` inside the ODT). */
export async function renderDocument(
  document: string,
  view: (packageRelative: boolean) => { title: string },
  options: RenderOptions,
  pictures: Record<string, string> = {},
): Promise<string | Uint8Array> {
  if (options.format === 'html' || options.format === 'md') return renderTemplate(document, options.format, view(false));
  const v = view(true);
  const odt = packageOdt(renderTemplate(document, 'odt', v), v.title, options.date ?? new Date(), pictures);
  return options.format === 'odt' ? odt : odtToPdf(odt);
}

/** SVG size in px -> cm at 96 dpi, for a picture frame in the ODT. */
function svgFrame(name: string, svg: string) {
  const px = (attr: string) => Number(new RegExp(`${attr}="(\\d+(?:\\.\\d+)?)"`).exec(svg)?.[1] ?? 400);
  const cm = (n: number) => ((n * 2.54) / 96).toFixed(2);
  return { name, href: `Pictures/${name}`, width: cm(px('width')), height: cm(px('height')) };
}

/** The Relazione sulla performance for the year, from a plan and its results (sheet and/or filled schede). */
export function renderRelazione(relazione: Relazione, config: PiaoConfig, options: RenderOptions): Promise<string | Uint8Array> {
  const base = (packageRelative: boolean) => ({ source: relazione.plan.source, outDir: options.outDir, packageRelative });
  const charts = relazioneCharts(relazione);
  const pictures = { 'unita.svg': charts.units, 'fasce.svg': charts.bands };
  return renderDocument(
    'relazione',
    (packageRelative) => ({ ...relazioneView(relazione, base(packageRelative), config, options.date, charts), odtCharts: Object.entries(pictures).map(([n, svg]) => svgFrame(n, svg)) }),
    options,
    pictures,
  );
}

export function renderPlan(plan: PlanDocument, options: RenderOptions): Promise<string | Uint8Array> {
  return renderDocument('plan', (packageRelative) => ({ ...planView(plan, { source: plan.source, outDir: options.outDir, packageRelative }, options.date), nav: options.nav ?? null }), options);
}
