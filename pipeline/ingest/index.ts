/**
 * The ingest stage: reads the file, recognizes its format from its bytes (not
 * its name) and builds the layout representation.
 */
import type { Stage, StageContext, WorkingDocument } from '../context.js';
import { availableParallelism } from 'node:os';
import { encodingFallback, fileEmpty, formatUnrecognized, formatUnsupported, limitExceeded, ocrUsed, pdfUnreadable, textLayerMissing } from '../checks.js';
import { layoutFromText } from './text.js';
import { PdfOpenError, pdfToLayout, type OcrPageInfo, type OcrReason, type PdfLayout } from './pdf.js';
import { layoutFromGeometry } from './pdf-layout.js';
import { ImageError, ImageLimitError, openImage, type ImageKind, type ImagePages } from './image.js';
import { DEFAULT_OCR_MODEL, OcrPool, ocrPage, readScans, type PageReader } from './ocr.js';
import { errorMessage } from '../messages.js';
import { bomEncoding, decodeText } from './encoding.js';

export { bomEncoding, decodeText } from './encoding.js';

type Sniffed =
  | { format: 'text' }
  | { format: 'pdf' }
  | { format: 'image'; kind: ImageKind }
  | { format: 'office'; kind: string }
  | { format: 'binary'; detail: string };

/**
 * Recognizes a file's format from its first bytes: the magic numbers at the
 * very start first (a PNG with `%PDF-` in a text chunk is a PNG), then
 * `%PDF-` within the first kilobyte (PDF readers accept junk before it), then
 * a Unicode byte-order mark (UTF-16/UTF-32 text), then text or binary.
 */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 1024));
  const ascii = head.toString('latin1');
  if (head[0] === 0x89 && ascii.startsWith('PNG', 1)) return { format: 'image', kind: 'PNG' };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { format: 'image', kind: 'JPEG' };
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return { format: 'image', kind: 'TIFF' };
  if (ascii.startsWith('PK\x03\x04')) {
    const kind = ascii.includes('opendocument') ? 'ODF' : ascii.includes('word/') || ascii.includes('[Content_Types]') ? 'DOCX/XLSX' : 'ZIP';
    return { format: 'office', kind };
  }
  if (ascii.startsWith('\xd0\xcf\x11\xe0')) return { format: 'office', kind: 'DOC/XLS' };
  if (ascii.includes('%PDF-')) return { format: 'pdf' };
  if (bomEncoding(head)) return { format: 'text' };
  // Text: no NUL bytes and almost no control characters besides tab, newlines and form feed.
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return { format: 'binary', detail: 'byte NUL' };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > Math.max(2, sample.length * 0.01)) return { format: 'binary', detail: `${control} caratteri di controllo` };
  return { format: 'text' };
}

/**
 * The OCR for one document: a pool of tesseract.js workers started on the
 * first page that needs it and closed when the document is read. Null when
 * OCR is turned off.
 */
async function withOcr<T>(ctx: StageContext, read: (reader: PageReader | null) => Promise<T>): Promise<T> {
  const ocr = ctx.config.ocr;
  if (!ocr.enabled) return read(null);
  const workers = ocr.workers || ctx.ocrWorkers || availableParallelism();
  const pool = new OcrPool({ psm: ocr.psm, workers, recycleAfter: ocr.recycleAfter, deskew: ocr.deskew, rotate: ocr.rotate, binarize: ocr.binarize, rereadCells: true, model: DEFAULT_OCR_MODEL });
  try {
    return await read({ dpi: ocr.dpi, concurrency: workers, read: (image, dpi, number) => ocrPage(pool, image, dpi, number) });
  } finally {
    await pool.close();
  }
}

const REASON_LABEL: Record<OcrReason, string> = { 'no-text': 'senza testo', 'little-text': 'scansione con poco testo', garbage: 'testo illeggibile' };

/** What OCR did on a document: `source.ocrPages`, `source.confidence` and the `ocr-used` note. */
function reportOcr(doc: WorkingDocument, ctx: StageContext, pages: OcrPageInfo[]): void {
  if (!pages.length) return;
  doc.source.ocrPages = pages.map((p) => p.page);
  const read = pages.filter((p) => p.confidence !== null);
  const words = read.reduce((n, p) => n + p.words, 0);
  const confidence = words ? read.reduce((s, p) => s + p.confidence! * p.words, 0) / words : null;
  if (confidence !== null) doc.source.confidence = Math.round(confidence * 1000) / 1000;
  const groups = new Map<OcrReason, number[]>();
  for (const p of pages) groups.set(p.why, [...(groups.get(p.why) ?? []), p.page]);
  const turned = pages.filter((p) => p.rotation).map((p) => `pagina ${p.page} raddrizzata di ${p.rotation}°`);
  const list = [...[...groups].map(([why, numbers]) => `${numbers.length === 1 ? 'pagina' : 'pagine'} ${numbers.join(', ')}: ${REASON_LABEL[why]}`), ...turned].join('; ');
  ctx.report(doc, ocrUsed, {
    messageId: 'pages',
    data: { file: doc.source.path, count: pages.length, pages: list, confidence: confidence === null ? '-' : Math.round(confidence * 100) },
    source: { page: pages[0]!.page },
  });
}

/** Pages the OCR did not read: one warning for all when OCR is off, one per page when it failed. */
function reportUnread(doc: WorkingDocument, ctx: StageContext, unread: PdfLayout['unreadPages']): void {
  const file = doc.source.path;
  const off = unread.filter((u) => u.reason === null);
  if (off.length)
    ctx.report(doc, textLayerMissing, { messageId: 'pages', data: { file, count: off.length, pages: off.map((u) => u.page).join(', ') }, source: { page: off[0]!.page } });
  for (const u of unread)
    if (u.reason !== null) ctx.report(doc, textLayerMissing, { messageId: 'ocrFailed', data: { file, page: u.page, reason: u.reason }, source: { page: u.page } });
}

async function ingestPdf(doc: WorkingDocument, ctx: StageContext, bytes: Uint8Array): Promise<WorkingDocument> {
  const file = doc.source.path;
  try {
    const pdf = await withOcr(ctx, (reader) => pdfToLayout(bytes, ctx.password, reader));
    doc.source.pages = pdf.pageCount;
    for (const { page, reason } of pdf.pageErrors) ctx.report(doc, pdfUnreadable, { messageId: 'page', data: { file, page, reason }, source: { page } });
    reportOcr(doc, ctx, pdf.ocrPages);
    reportUnread(doc, ctx, pdf.unreadPages);
    if (pdf.pages.every((p) => p.lines.length === 0)) {
      if (!pdf.unreadPages.length && !pdf.ocrPages.length) ctx.report(doc, fileEmpty, { messageId: 'empty', data: { file }, fatal: true });
      else doc.halted = true;
      return doc;
    }
    doc.layout = { pages: pdf.pages, tables: [] };
    return doc;
  } catch (error) {
    if (!(error instanceof PdfOpenError)) throw error;
    const messageId = ({ 'password-needed': 'passwordNeeded', 'password-wrong': 'passwordWrong', invalid: 'invalid', 'no-pages': 'noPages' } as const)[error.kind];
    ctx.report(doc, pdfUnreadable, { messageId, data: { file, reason: error.message }, fatal: true });
    return doc;
  }
}

/** An image file: every page (a TIFF may have several) read by OCR, one decoded at a time. */
async function ingestImage(doc: WorkingDocument, ctx: StageContext, bytes: Uint8Array, kind: ImageKind): Promise<WorkingDocument> {
  const file = doc.source.path;
  const format = `immagine ${kind}`;
  if (!ctx.config.ocr.enabled) {
    ctx.report(doc, formatUnsupported, { messageId: 'ocrOff', data: { file, format }, fatal: true });
    return doc;
  }
  const limits = ctx.config.limits;
  let image: ImagePages;
  try {
    image = openImage(bytes, kind, { pixels: limits.pixels, pages: limits.pages, decoderMb: limits.memoryMb });
  } catch (error) {
    if (error instanceof ImageLimitError) {
      ctx.report(doc, limitExceeded, { messageId: 'file', data: { file, limit: error.limit, value: error.value, max: error.max }, fatal: true });
      return doc;
    }
    if (!(error instanceof ImageError)) throw error;
    ctx.report(doc, formatUnsupported, { messageId: 'undecodable', data: { file, format, reason: error.message }, fatal: true });
    return doc;
  }
  doc.source.pages = image.count;
  const numbers = Array.from({ length: image.count }, (_, i) => i + 1);
  // A page that does not decode is named; one that decodes but OCR fails on is a scan not read.
  const undecodable = new Map<number, string>();
  const overLimit = new Map<number, ImageLimitError>();
  const load = async (number: number) => {
    try {
      return await image.page(number - 1);
    } catch (error) {
      undecodable.set(number, errorMessage(error));
      if (error instanceof ImageLimitError) overLimit.set(number, error);
      throw error;
    }
  };
  let results;
  try {
    results = await withOcr(ctx, (reader) => readScans(numbers, load, reader!));
  } finally {
    image.close();
  }
  if (undecodable.size === image.count) {
    const limit = overLimit.get(1);
    if (limit) ctx.report(doc, limitExceeded, { messageId: 'file', data: { file, limit: limit.limit, value: limit.value, max: limit.max }, fatal: true });
    else ctx.report(doc, formatUnsupported, { messageId: 'undecodable', data: { file, format, reason: undecodable.get(1)! }, fatal: true });
    return doc;
  }
  const pages: OcrPageInfo[] = [];
  const unread: PdfLayout['unreadPages'] = [];
  const geometry = results.map((read) => {
    if ('result' in read) {
      pages.push({ page: read.number, why: 'no-text', confidence: read.result.confidence, skew: read.result.skew, rotation: read.result.rotation, words: read.result.words });
      return read.result.geometry;
    }
    const reason = undecodable.get(read.number);
    const limit = overLimit.get(read.number);
    if (limit)
      ctx.report(doc, limitExceeded, { messageId: 'page', data: { file, page: read.number, limit: limit.limit, value: limit.value, max: limit.max }, source: { page: read.number } });
    else if (reason !== undefined) ctx.report(doc, formatUnsupported, { messageId: 'pageUndecodable', data: { file, format, page: read.number, reason }, source: { page: read.number } });
    else unread.push({ page: read.number, why: 'no-text', reason: read.error });
    return { number: read.number, width: 0, height: 0, origin: 'ocr' as const, runs: [], rules: [] };
  });
  reportOcr(doc, ctx, pages);
  reportUnread(doc, ctx, unread);
  const layout = layoutFromGeometry(geometry);
  if (layout.every((p) => p.lines.length === 0)) {
    doc.halted = true;
    return doc;
  }
  doc.layout = { pages: layout, tables: [] };
  return doc;
}

export function ingestStage(): Stage {
  return (doc: WorkingDocument, ctx: StageContext) => {
    const bytes = doc.bytes;
    doc.bytes = null;
    if (!bytes) return doc;
    const file = doc.source.path;
    if (bytes.length === 0) {
      ctx.report(doc, fileEmpty, { messageId: 'empty', data: { file }, fatal: true });
      return doc;
    }
    const sniffed = sniffFormat(bytes);
    const namedPdf = /\.pdf$/i.test(file);
    // The content decides: an image named .pdf is read as the image it is; text or binary named .pdf is refused.
    if (namedPdf && sniffed.format !== 'pdf' && sniffed.format !== 'image') {
      const detail = sniffed.format === 'binary' ? sniffed.detail : sniffed.format === 'text' ? 'testo' : sniffed.kind;
      ctx.report(doc, formatUnrecognized, { messageId: 'notPdf', data: { file, detail }, fatal: true });
      return doc;
    }
    switch (sniffed.format) {
      case 'pdf':
        doc.source.format = 'pdf';
        return ingestPdf(doc, ctx, bytes);
      case 'image':
        doc.source.format = sniffed.format;
        return ingestImage(doc, ctx, bytes, sniffed.kind);
      case 'office':
        ctx.report(doc, formatUnrecognized, { messageId: 'office', data: { file, detail: sniffed.kind }, fatal: true });
        return doc;
      case 'binary':
        ctx.report(doc, formatUnrecognized, { messageId: 'binary', data: { file, detail: sniffed.detail }, fatal: true });
        return doc;
      case 'text':
        break;
    }
    const { text, fallback } = decodeText(bytes);
    if (text.length > ctx.config.limits.textChars) {
      ctx.report(doc, limitExceeded, { messageId: 'file', data: { file, limit: 'textChars', value: text.length, max: ctx.config.limits.textChars }, fatal: true });
      return doc;
    }
    doc.source.format = 'text';
    if (fallback) ctx.report(doc, encodingFallback, { messageId: 'latin1' });
    if (text.trim() === '') {
      ctx.report(doc, fileEmpty, { messageId: 'empty', data: { file }, fatal: true });
      return doc;
    }
    doc.layout = layoutFromText(text);
    doc.source.pages = doc.layout.pages.length;
    return doc;
  };
}
