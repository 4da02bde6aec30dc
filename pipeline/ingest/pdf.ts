/**
 * PDF -> page geometry with pdfjs-dist (legacy build, no eval, no worker):
 * text items with positions on every page, drawing operations (ruling lines)
 * only on pages whose text looks tabular. Each page is parsed once and
 * released (`page.cleanup()`), the document destroyed at the end.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LayoutPage } from '../../models/layout.js';
import type { Rule, TextRun, PageGeometry } from './pdf-layout.js';
import { layoutFromGeometry, looksTabular } from './pdf-layout.js';
import { rgbaToGray, type GrayImage } from './raster.js';
import { readScans, type PageReader } from './ocr.js';
import { errorMessage } from '../messages.js';
import { maxOf, minOf } from '../../extractors/shared/extent.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PDFDocumentProxy = import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
type PDFPageProxy = import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy;

let pdfjs: Promise<PdfJs> | null = null;
/** pdf.js is loaded on first use: text input never pays for it. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
const asDirUrl = (dir: string) => `${pathToFileURL(join(PDFJS_ROOT, dir)).href}/`;

/** Why a PDF could not be opened, in words the CLI can show. */
export class PdfOpenError extends Error {
  constructor(
    readonly kind: 'password-needed' | 'password-wrong' | 'invalid' | 'no-pages',
    message: string,
  ) {
    super(message);
  }
}

export async function openPdf(bytes: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const { getDocument, PasswordResponses } = await loadPdfJs();
  const task = getDocument({
    // pdf.js may transfer (detach) the buffer it gets: give it a copy.
    data: new Uint8Array(bytes),
    password,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    standardFontDataUrl: asDirUrl('standard_fonts'),
    cMapUrl: asDirUrl('cmaps'),
    cMapPacked: true,
    stopAtErrors: false,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages === 0) {
      await doc.destroy();
      throw new PdfOpenError('no-pages', 'zero pagine');
    }
    return doc;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (error instanceof PdfOpenError) throw error;
    const e = error as { name?: string; code?: number; message?: string };
    if (e?.name === 'PasswordException')
      throw new PdfOpenError(e.code === PasswordResponses.INCORRECT_PASSWORD ? 'password-wrong' : 'password-needed', e.message ?? '');
    throw new PdfOpenError('invalid', e?.message ?? String(error));
  }
}

/** 2D affine matrix [a b c d e f] product: m1 then m2. */
const multiply = (m: number[], n: number[]): number[] => [
  m[0]! * n[0]! + m[1]! * n[2]!,
  m[0]! * n[1]! + m[1]! * n[3]!,
  m[2]! * n[0]! + m[3]! * n[2]!,
  m[2]! * n[1]! + m[3]! * n[3]!,
  m[4]! * n[0]! + m[5]! * n[2]! + n[4]!,
  m[4]! * n[1]! + m[5]! * n[3]! + n[5]!,
];
const apply = (m: number[], x: number, y: number): [number, number] => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

/**
 * Ruling lines and painted images from the page's drawing operations.
 * Rules: stroked axis-aligned
 * segments, and filled rectangles thinner than 3 points (how Chromium/Skia
 * and many office suites draw table borders). Coordinates go through the
 * current transformation matrix and the viewport, so they match the text.
 */
async function drawingsOf(page: PDFPageProxy, viewportTransform: number[]): Promise<{ rules: Rule[]; imageArea: number }> {
  const { OPS } = await loadPdfJs();
  const list = await page.getOperatorList();
  const rules: Rule[] = [];
  let imageArea = 0;
  const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(args as number[], ctm);
    else if (fn !== undefined && images.has(fn)) {
      // An image fills the unit square of its transformation.
      const toPage = multiply(ctm, viewportTransform);
      const corners = [apply(toPage, 0, 0), apply(toPage, 1, 1)];
      imageArea += Math.abs(corners[1]![0] - corners[0]![0]) * Math.abs(corners[1]![1] - corners[0]![1]);
    } else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = multiply(Array.from(args[0] as number[]), ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as (ArrayLike<number> | null)[])[0];
      if (!data || !(strokes.has(paint) || fills.has(paint))) continue;
      const toPage = multiply(ctm, viewportTransform);
      // Walk the path: subpaths of points, curves ignored.
      const subpaths: [number, number][][] = [];
      let current: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === DRAW.moveTo) {
          if (current.length) subpaths.push(current);
          current = [apply(toPage, data[k + 1]!, data[k + 2]!)];
          k += 3;
        } else if (op === DRAW.lineTo) {
          current.push(apply(toPage, data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === DRAW.curveTo) {
          current = [];
          k += 7;
        } else if (op === DRAW.quadraticCurveTo) {
          current = [];
          k += 5;
        } else {
          if (current.length) current.push(current[0]!);
          k += 1;
        }
      }
      if (current.length) subpaths.push(current);
      for (const points of subpaths) {
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        const [x1, x2, y1, y2] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
        if (fills.has(paint) && points.length >= 4 && (x2 - x1 < 3 || y2 - y1 < 3)) {
          // A thin filled rectangle is a rule along its long side.
          if (x2 - x1 < 3) rules.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1, y2 });
          else rules.push({ x1, x2, y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
          continue;
        }
        if (!strokes.has(paint)) continue;
        for (let k = 1; k < points.length; k++) {
          const [ax, ay] = points[k - 1]!;
          const [bx, by] = points[k]!;
          if (Math.abs(ax - bx) < 0.5 || Math.abs(ay - by) < 0.5) rules.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y1: Math.min(ay, by), y2: Math.max(ay, by) });
        }
      }
    }
  }
  return { rules, imageArea };
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Text runs of a page in viewport coordinates (origin top left). */
function runsOf(items: TextItemLike[], viewportTransform: number[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!item.str || item.str.trim() === '') continue;
    const m = multiply(item.transform, viewportTransform);
    const size = Math.hypot(m[2]!, m[3]!) || item.height;
    const horizontal = Math.abs(m[1]!) < 1e-3 && Math.abs(m[2]!) < 1e-3;
    if (!horizontal) {
      // Rotated text (vertical headings): kept as a run at its origin.
      runs.push({ text: item.str, x: m[4]!, y: m[5]! - size, w: size, h: size });
      continue;
    }
    const scaleX = Math.abs(m[0]!) / (Math.hypot(item.transform[0]!, item.transform[1]!) || 1);
    const w = item.width * scaleX;
    runs.push({ text: item.str, x: m[0]! < 0 ? m[4]! - w : m[4]!, y: m[5]! - size, w, h: size });
  }
  return runs;
}

/** Why a page is read by OCR instead of its text layer. */
export type OcrReason = 'no-text' | 'little-text' | 'garbage';

/** Characters a plan prints: letters, digits, spaces and the usual punctuation and signs. */
const EXPECTED_CHAR = /[\p{L}\p{N}\s.,;:!?'"()[\]{}\/\\\-–—_%€$&@#*+=<>°«»’‘“”…•·□☐☒■✓]/u;
const VOWEL = /[aeiouàèéìíòóùú]/i;

/**
 * Is this text what a broken font gives (no usable ToUnicode map)? Either
 * many characters a plan never prints (symbols, private use, control), or
 * letters without the vowels of any Latin-script language.
 */
export function looksGarbled(text: string): boolean {
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length < 20) return false;
  const odd = chars.filter((c) => !EXPECTED_CHAR.test(c)).length;
  if (odd / chars.length > 0.15) return true;
  const letters = chars.filter((c) => /[a-zà-ÿ]/i.test(c));
  if (letters.length < 40) return false;
  const vowels = letters.filter((c) => VOWEL.test(c)).length / letters.length;
  return vowels < 0.2 || vowels > 0.75;
}

/**
 * The per-page decision: a page is read by OCR when it has no text, when it
 * has little text over a large image (a scan with a stamp or a header), or
 * when its text is garbage. Null: the text layer is used.
 */
export function ocrReason(runs: TextRun[], imageShare: number): OcrReason | null {
  const text = runs.map((r) => r.text).join(' ');
  const characters = text.replace(/\s+/g, '').length;
  if (characters < 8) return 'no-text';
  if (looksGarbled(text)) return 'garbage';
  if (characters < 200 && imageShare >= 0.5) return 'little-text';
  return null;
}

/** Reads one page: text always, drawings when the text looks tabular or is too little to trust alone. */
export async function pageGeometry(doc: PDFDocumentProxy, number: number): Promise<PageGeometry & { ocr: OcrReason | null }> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs = runsOf(content.items as TextItemLike[], viewport.transform);
    const characters = runs.reduce((n, r) => n + r.text.trim().length, 0);
    // A page without text goes to OCR whatever it draws: its operator list (where pdf.js decodes the whole scan) is not built.
    const blank = ocrReason(runs, 0) === 'no-text';
    const drawings = !blank && (looksTabular(runs) || characters < 200) ? await drawingsOf(page, viewport.transform) : { rules: [], imageArea: 0 };
    const ocr = blank ? 'no-text' : ocrReason(runs, Math.min(1, drawings.imageArea / (viewport.width * viewport.height)));
    return { number, width: viewport.width, height: viewport.height, origin: 'pdf-text', runs, rules: drawings.rules, ocr };
  } finally {
    page.cleanup();
  }
}

/**
 * Frees a canvas' pixels now: V8 does not see the native surface (35 MB for
 * an A4 page at 300 dpi) and collects it late; a long scan peaked about
 * 120 MiB higher without this (docs/ocr.md).
 */
export function releaseCanvas(canvas: { width: number; height: number }): void {
  canvas.width = 0;
  canvas.height = 0;
}

/** Largest raster the OCR gets (about A3 at 300 dpi): bigger pages are rendered at a lower resolution. */
export const MAX_RASTER_PIXELS = 18_000_000;

/** Renders a page to grey pixels at `dpi` (less for oversized pages); returns the dpi used. */
export async function renderPage(doc: PDFDocumentProxy, number: number, dpi: number): Promise<{ image: GrayImage; dpi: number }> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const page = await doc.getPage(number);
  try {
    const base = page.getViewport({ scale: 1 });
    const fit = Math.sqrt(MAX_RASTER_PIXELS / ((base.width * dpi) / 72) / ((base.height * dpi) / 72));
    const used = fit < 1 ? Math.floor(dpi * fit) : dpi;
    const viewport = page.getViewport({ scale: used / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    try {
      await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<PDFPageProxy['render']>[0]).promise;
      return { image: rgbaToGray(context.getImageData(0, 0, width, height).data, width, height), dpi: used };
    } finally {
      releaseCanvas(canvas);
    }
  } finally {
    page.cleanup();
  }
}

export interface PdfLayout {
  pages: LayoutPage[];
  pageCount: number;
  /** Pages read by OCR, why, and how well. */
  ocrPages: OcrPageInfo[];
  /** Pages with no usable text layer that were not read (OCR off, or it failed: `reason`). */
  unreadPages: { page: number; why: OcrReason; reason: string | null }[];
  /** Pages that could not be parsed, with the reason. */
  pageErrors: { page: number; reason: string }[];
}

export interface OcrPageInfo {
  page: number;
  why: OcrReason;
  confidence: number | null;
  skew: number;
  /** Quarter turn given to the page to stand upright, degrees clockwise. */
  rotation: number;
  words: number;
}

/**
 * Reads a whole PDF into layout pages, page by page: the text layer where it
 * is usable, OCR (when a reader is given) where it is not. Throws
 * PdfOpenError when the file cannot be opened at all.
 */
export async function pdfToLayout(bytes: Uint8Array, password?: string, reader?: PageReader | null): Promise<PdfLayout> {
  const doc = await openPdf(bytes, password);
  try {
    const geometry: PageGeometry[] = [];
    const scans: { index: number; why: OcrReason }[] = [];
    const pageErrors: { page: number; reason: string }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const { ocr, ...page } = await pageGeometry(doc, n);
        if (ocr) scans.push({ index: geometry.length, why: ocr });
        geometry.push(page);
      } catch (error) {
        pageErrors.push({ page: n, reason: errorMessage(error) });
      }
    }
    const ocrPages: OcrPageInfo[] = [];
    const unreadPages: PdfLayout['unreadPages'] = [];
    // The text of a page that needs OCR is not trusted, whether or not OCR reads it.
    const unread = (index: number, why: OcrReason, reason: string | null) => {
      const page = geometry[index]!;
      unreadPages.push({ page: page.number, why, reason });
      geometry[index] = { ...page, runs: [], rules: [] };
    };
    if (!reader) for (const { index, why } of scans) unread(index, why, null);
    else {
      // Rendered in this thread while the OCR workers read.
      const byNumber = new Map(scans.map((scan) => [geometry[scan.index]!.number, scan]));
      for (const read of await readScans([...byNumber.keys()], (number) => renderPage(doc, number, reader.dpi), reader)) {
        const { index, why } = byNumber.get(read.number)!;
        if ('error' in read) unread(index, why, read.error);
        else {
          geometry[index] = read.result.geometry;
          ocrPages.push({ page: read.number, why, confidence: read.result.confidence, skew: read.result.skew, rotation: read.result.rotation, words: read.result.words });
        }
      }
      ocrPages.sort((a, b) => a.page - b.page);
      unreadPages.sort((a, b) => a.page - b.page);
    }
    return { pages: layoutFromGeometry(geometry), pageCount: doc.numPages, ocrPages, unreadPages, pageErrors };
  } finally {
    await doc.destroy();
  }
}
