/**
 * The ingest stage: reads the file, recognizes its format from its bytes (not
 * its name) and builds the layout representation.
 */
import type { Stage, StageContext, WorkingDocument } from '../context.js';
import { encodingFallback, fileEmpty, formatUnrecognized, formatUnsupported, pdfUnreadable, textLayerMissing } from '../checks.js';
import { layoutFromText } from './text.js';
import { PdfOpenError, pdfToLayout } from './pdf.js';

type Sniffed =
  | { format: 'text' }
  | { format: 'pdf' }
  | { format: 'image'; kind: string }
  | { format: 'office'; kind: string }
  | { format: 'binary'; detail: string };

/** Recognizes a file's format from its first bytes. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const head = Buffer.from(bytes.subarray(0, 1024));
  const ascii = head.toString('latin1');
  if (ascii.slice(0, 1024).includes('%PDF-')) return { format: 'pdf' };
  if (head[0] === 0x89 && ascii.startsWith('PNG', 1)) return { format: 'image', kind: 'PNG' };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { format: 'image', kind: 'JPEG' };
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return { format: 'image', kind: 'TIFF' };
  if (ascii.startsWith('PK\x03\x04')) {
    const kind = ascii.includes('opendocument') ? 'ODF' : ascii.includes('word/') || ascii.includes('[Content_Types]') ? 'DOCX/XLSX' : 'ZIP';
    return { format: 'office', kind };
  }
  if (ascii.startsWith('\xd0\xcf\x11\xe0')) return { format: 'office', kind: 'DOC/XLS' };
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

/** Decodes text: UTF-8 (BOM dropped), or Windows-1252 when it is not valid UTF-8. */
export function decodeText(bytes: Uint8Array): { text: string; fallback: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), fallback: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), fallback: true };
  }
}

async function ingestPdf(doc: WorkingDocument, ctx: StageContext, bytes: Uint8Array): Promise<WorkingDocument> {
  const file = doc.source.path;
  try {
    const pdf = await pdfToLayout(bytes, ctx.password);
    doc.source.pages = pdf.pageCount;
    for (const { page, reason } of pdf.pageErrors) ctx.report(doc, pdfUnreadable, { messageId: 'page', data: { file, page, reason }, source: { page } });
    if (pdf.emptyPages.length)
      ctx.report(doc, textLayerMissing, {
        messageId: 'pages',
        data: { file, count: pdf.emptyPages.length, pages: pdf.emptyPages.join(', ') },
        source: { page: pdf.emptyPages[0]! },
      });
    if (pdf.pages.every((p) => p.lines.length === 0)) {
      if (!pdf.emptyPages.length) ctx.report(doc, fileEmpty, { messageId: 'empty', data: { file }, fatal: true });
      else doc.halted = true;
      return doc;
    }
    doc.layout = { pages: pdf.pages };
    return doc;
  } catch (error) {
    if (!(error instanceof PdfOpenError)) throw error;
    const messageId = ({ 'password-needed': 'passwordNeeded', 'password-wrong': 'passwordWrong', invalid: 'invalid', 'no-pages': 'noPages' } as const)[error.kind];
    ctx.report(doc, pdfUnreadable, { messageId, data: { file, reason: error.message }, fatal: true });
    return doc;
  }
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
    if (namedPdf && sniffed.format !== 'pdf') {
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
        ctx.report(doc, formatUnsupported, { messageId: 'notYet', data: { file, format: `immagine ${sniffed.kind}` }, fatal: true });
        return doc;
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
