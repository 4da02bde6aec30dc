/**
 * Where a rendered number comes from: every figure in a generated document
 * carries the page/line of the source document it was read from, and in
 * HTML links to it (`documento.pdf#page=3` opens the PDF at that page).
 */
import { relative, sep } from 'node:path';
import type { Provenance, SourceInfo } from '../../models/plan.js';

/** A printed value with its origin. */
export interface Cited {
  text: string;
  /** Link to the source file (relative to the output), or null when the place is unknown. */
  href: string | null;
  /** `p. 3, riga 12` — shown as a tooltip in HTML and in brackets elsewhere. */
  place: string;
}

export interface LinkBase {
  source: SourceInfo;
  /** Folder the rendered document is written to; links are made relative to it. Null: link with the path as recorded. */
  outDir: string | null;
  /** ODF resolves relative links from inside the package, so an ODT needs one more `../`. */
  packageRelative?: boolean;
}

/** `p. 3, riga 12` (`riga` alone for text files, which have no pages). */
export function placeText(p: Provenance | null | undefined, format: SourceInfo['format']): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.page !== null && (format !== 'text' || p.page > 1)) parts.push(`p. ${p.page}`);
  if (p.line !== null) parts.push(`riga ${p.line}`);
  return parts.join(', ');
}

/**
 * The link to a place in the source. The path is URI-encoded and starts with
 * `./` or `/`, so a file name can never become a `javascript:` URL.
 */
export function sourceHref(base: LinkBase, p: Provenance | null | undefined): string | null {
  if (!p || !base.source.path) return null;
  return fileHref(base, base.source.path, base.source.format === 'pdf' ? p.page : null);
}

/** A link from the rendered document to any file (the source, the results sheet), with `#page=N` for a PDF page. */
export function fileHref(base: LinkBase, file: string, page: number | null = null): string {
  const path = base.outDir ? relative(base.outDir, file) : file;
  const posix = path.split(sep).join('/');
  let safe = posix.startsWith('/') || posix.startsWith('../') ? posix : `./${posix}`;
  if (base.packageRelative && !safe.startsWith('/')) safe = `../${safe.replace(/^\.\//, '')}`;
  const encoded = safe.split('/').map((s) => (s === '.' || s === '..' ? s : encodeURIComponent(s))).join('/');
  return page !== null ? `${encoded}#page=${page}` : encoded;
}

export function cite(base: LinkBase, text: string, p: Provenance | null | undefined): Cited {
  return { text, href: sourceHref(base, p), place: placeText(p, base.source.format) };
}
