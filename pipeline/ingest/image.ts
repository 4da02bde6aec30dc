/**
 * Image files (PNG, JPEG, TIFF) -> grey page images with their resolution,
 * for the OCR. The resolution comes from the file (PNG pHYs, JPEG JFIF, TIFF
 * XResolution); when the file has none, the page is taken to be A4 on its
 * long side.
 *
 * Untrusted images never reach a native decoder in this process. First the
 * headers are read here, in plain TypeScript (`inspectImage`): PNG chunks and
 * IHDR (size, bit depth, colour type), JPEG markers and frame header (size,
 * precision, components), TIFF directories (every entry within the file, the
 * chain and sub-directories walked with a visited set, a page cap), and the
 * decoded pixels of each page against a budget. Then the decoding itself
 * (`@napi-rs/canvas`, `utif`) runs in a child process (`decode-child.ts`),
 * one per file, with its own heap limit, a watchdog on its resident memory
 * and a time limit: a crash (SIGSEGV, SIGILL), a loop or a runaway
 * allocation ends that child and becomes a finding for that file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { MAX_RASTER_PIXELS } from './pdf.js';
import type { GrayImage } from './raster.js';
import { isTiffPage, type DecodedPage } from './decode.js';

export type ImageKind = 'PNG' | 'JPEG' | 'TIFF';

export interface PageImage {
  image: GrayImage;
  dpi: number;
}

/** An image file's pages, decoded one at a time (0-based index); `close` ends the decoder process. */
export interface ImagePages {
  count: number;
  page(index: number): Promise<PageImage>;
  close(): void;
}

/** An image file that cannot be decoded, with the reason in Italian. */
export class ImageError extends Error {}

/** An image over one of the limits of `ImageLimits`: which one, the value found and the limit. */
export class ImageLimitError extends ImageError {
  constructor(
    readonly limit: 'pixels' | 'pages',
    readonly value: number,
    readonly max: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ImageLimits {
  /** Decoded pixels of one page. Default 120 000 000 (a 600 dpi A2 scan). */
  pixels?: number;
  /** Pages of one TIFF. Default 2000. */
  pages?: number;
  /** Longest time the decoding of one page may take, ms. Default 120 000. */
  decodeMs?: number;
  /** Resident memory of the decoder process, MiB. Default 2048. */
  decoderMb?: number;
  /** Longest side of a page, pixels. Default 30 000 (the canvas decoder aborts the process on some larger ones). */
  side?: number;
}

const DEFAULT_LIMITS: Required<ImageLimits> = { pixels: 120_000_000, pages: 2000, decodeMs: 120_000, decoderMb: 2048, side: 30_000 };

const A4_LONG_SIDE_INCHES = 11.69;

const dpiFromSize = (width: number, height: number) => Math.max(72, Math.min(1200, Math.round(Math.max(width, height) / A4_LONG_SIDE_INCHES)));

/** A page's resolution: the file's own when plausible, otherwise A4 from its size. */
function resolution(declared: number | null, width: number, height: number): number {
  // Screenshots and editors write 72 or 96 dpi for a page they did not scan: the size says more then.
  if (declared && declared >= 100 && declared <= 1200) return declared;
  return dpiFromSize(width, height);
}

/** What the headers say of a page: its size in pixels, or why it cannot be decoded. */
type PageHeader = { width: number; height: number; problem: ImageError | null };

function sizeProblem(kind: string, width: number, height: number, { pixels: maxPixels, side }: Required<ImageLimits>): ImageError | null {
  if (!width || !height) return new ImageError(`immagine ${kind} senza pixel`);
  if (width * height > maxPixels)
    return new ImageLimitError('pixels', width * height, maxPixels, `immagine ${kind} troppo grande (${width}×${height} pixel, oltre ${maxPixels} pixel)`);
  if (Math.max(width, height) > side) return new ImageError(`immagine ${kind} troppo grande (${width}×${height} pixel, lato oltre ${side})`);
  return null;
}

/** PNG bit depths allowed for each colour type (PNG specification, table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** A PNG: every chunk whole with its CRC, IHDR first and well formed, IDAT and IEND present. */
function inspectPng(bytes: Uint8Array, limits: Required<ImageLimits>): PageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string): PageHeader => ({ width: 0, height: 0, problem: new ImageError(reason) });
  const seen = new Set<string>();
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) return fail('PNG troncato');
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!seen.size && (type !== 'IHDR' || length !== 13)) return fail('PNG senza intestazione IHDR');
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return fail(`PNG danneggiato (blocco ${type.replace(/[^\x20-\x7e]/g, '?')})`);
    seen.add(type);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (!seen.has('IHDR') || !seen.has('IDAT') || !seen.has('IEND')) return fail('PNG troncato');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const [depth, colour, compression, filter, interlace] = bytes.subarray(24, 29);
  if (!PNG_DEPTHS[colour!]?.includes(depth!)) return fail(`PNG con tipo di colore ${colour} e profondità ${depth} non validi`);
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return fail('PNG con metodo di compressione, filtro o interlacciamento non valido');
  return { width, height, problem: sizeProblem('PNG', width, height, limits) };
}

const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG: markers whole up to the scan, one frame header with a size, a precision and components a decoder knows. */
function inspectJpeg(bytes: Uint8Array, limits: Required<ImageLimits>): PageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string): PageHeader => ({ width: 0, height: 0, problem: new ImageError(reason) });
  let at = 2;
  let frame: { width: number; height: number } | null = null;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return fail('JPEG danneggiato');
    const marker = bytes[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return fail('JPEG troncato');
    if (JPEG_FRAMES.has(marker)) {
      if (frame) return fail('JPEG con più intestazioni di quadro');
      if (length < 8) return fail('JPEG senza dimensioni');
      const precision = bytes[at + 4]!;
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      const components = bytes[at + 9]!;
      if (!width || !height) return fail('JPEG senza dimensioni');
      if (precision !== 8 && precision !== 12) return fail(`JPEG con precisione di ${precision} bit non supportata`);
      if (components < 1 || components > 4 || length !== 8 + 3 * components) return fail(`JPEG con ${components} componenti di colore non validi`);
      frame = { width, height };
    }
    if (marker === 0xda) return frame ? { ...frame, problem: sizeProblem('JPEG', frame.width, frame.height, limits) } : fail('JPEG senza intestazione di quadro');
    at += 2 + length;
  }
  return fail('JPEG troncato');
}

/** Bytes of one value of each TIFF field type. */
const TIFF_TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

/**
 * A TIFF's directories, walked the way utif reads them (the chain of
 * top-level directories, SubIFDs, the EXIF directory, maker notes), every
 * entry's values within the file, no directory visited twice, at most
 * `maxPages` pages; the size of each page from its own directory.
 */
function inspectTiff(bytes: Uint8Array, limits: Required<ImageLimits>): PageHeader[] {
  const maxPages = limits.pages;
  const walk = (data: Uint8Array, depth: number): { subfile: number; width: number; height: number }[] => {
    if (data.length < 8) throw new ImageError('TIFF troncato');
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const le = data[0] === 0x49;
    const u16 = (at: number) => view.getUint16(at, le);
    const u32 = (at: number) => view.getUint32(at, le);
    const visited = new Set<number>();
    let directories = 0;
    const directory = (offset: number, level: number): { subfile: number; width: number; height: number; next: number } => {
      if (level > 8) throw new ImageError('TIFF con directory annidate troppo in profondità');
      if (visited.has(offset)) throw new ImageError(`TIFF con directory circolare (la directory all'offset ${offset} rimanda a sé stessa)`);
      visited.add(offset);
      if (++directories > maxPages * 4 + 64) throw new ImageError('TIFF con troppe directory');
      if (offset < 8 || offset + 2 > data.length) throw new ImageError(`TIFF danneggiato (directory all'offset ${offset} fuori dal file)`);
      const count = u16(offset);
      const end = offset + 2 + 12 * count;
      if (end + 4 > data.length) throw new ImageError('TIFF troncato (directory incompleta)');
      const info = { subfile: 0, width: 0, height: 0, next: u32(end) };
      for (let e = offset + 2; e < end; e += 12) {
        const tag = u16(e);
        const type = u16(e + 2);
        const count = u32(e + 4);
        const size = (TIFF_TYPE_SIZE[type] ?? 0) * count;
        const at = size > 4 ? u32(e + 8) : e + 8;
        if (size > 4 && at + size > data.length) throw new ImageError(`TIFF danneggiato (il campo ${tag} esce dal file)`);
        const value = (k: number) => (type === 3 ? u16(at + 2 * k) : type === 4 || type === 13 ? u32(at + 4 * k) : 0);
        if (tag === 254 && count) info.subfile = value(0);
        if (tag === 256 && count) info.width = value(0);
        if (tag === 257 && count) info.height = value(0);
        if ((tag === 330 || tag === 34665) && (type === 4 || type === 13)) for (let k = 0; k < count; k++) directory(value(k), level + 1);
        if (tag === 50740) throw new ImageError('TIFF DNG (fotografia grezza) non supportato');
        if (tag === 37500 && size >= 12) {
          if (String.fromCharCode(...data.subarray(at, at + 5)) === 'Nikon') {
            if (depth > 2) throw new ImageError('TIFF con note del produttore annidate');
            walk(data.subarray(at + 10, at + size), depth + 1);
          } else if (at + 2 <= data.length && u16(at) < 300) directory(at, level + 1);
        }
      }
      return info;
    };
    const pages: { subfile: number; width: number; height: number }[] = [];
    let offset = u32(4);
    for (;;) {
      const d = directory(offset, 0);
      if (isTiffPage(d.subfile)) pages.push(d);
      if (pages.length > maxPages) throw new ImageLimitError('pages', pages.length, maxPages, `TIFF con più di ${maxPages} pagine`);
      if (d.next === 0) break;
      offset = d.next;
    }
    return pages;
  };
  const pages = walk(bytes, 0);
  if (!pages.length) throw new ImageError('TIFF senza pagine');
  return pages.map(({ width, height }) => {
    const problem = !width || !height ? new ImageError('dimensioni mancanti') : sizeProblem('TIFF', width, height, limits);
    return { width, height, problem };
  });
}

/**
 * Reads an image file's headers without decoding any pixel: the size of
 * each page, or why the file or a page cannot be decoded. Throws ImageError
 * when the file as a whole is unreadable; a page over the pixel budget has
 * its `problem` (an ImageLimitError), the others can still be read.
 */
export function inspectImage(bytes: Uint8Array, kind: ImageKind, limits: ImageLimits = {}): PageHeader[] {
  const all = { ...DEFAULT_LIMITS, ...limits };
  if (kind === 'TIFF') return inspectTiff(bytes, all);
  const header = kind === 'PNG' ? inspectPng(bytes, all) : inspectJpeg(bytes, all);
  // A damaged single-image file is unreadable as a whole.
  if (header.problem && !(header.problem instanceof ImageLimitError)) throw header.problem;
  return [header];
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const CHILD = new URL(FROM_SOURCES ? './decode-child.ts' : './decode-child.js', import.meta.url);

/** Resident memory of a process in bytes (Linux /proc), null where it cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return null;
  }
}

interface Pending {
  resolve: (page: DecodedPage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One decoder child for one file: started on the first page asked for, sent
 * the file's bytes once, restarted after it dies (the next page may still
 * decode), ended by `close`.
 */
class Decoder {
  private child: ChildProcess | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** Why the child was stopped by this side (time or memory), for the pages it had in hand. */
  private stopped: string | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly kind: ImageKind,
    private readonly limits: Required<ImageLimits>,
  ) {}

  private start(): ChildProcess {
    const heap = Math.max(128, Math.round(this.limits.decoderMb / 2));
    const execArgv = [`--max-old-space-size=${heap}`];
    if (FROM_SOURCES) execArgv.push('--import', import.meta.resolve('tsx/esm'));
    const child = fork(CHILD, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('message', (reply: { id: number; page?: DecodedPage; error?: string }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.page) waiting.resolve(reply.page);
      else waiting.reject(new ImageError(reply.error ?? 'errore sconosciuto'));
    });
    child.on('error', () => undefined); // 'exit' follows and names what happened
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.watchdog) clearInterval(this.watchdog);
      this.watchdog = null;
      const fatal = stderr.match(/fatal error: "?([^"\n]{0,160})/)?.[1];
      const reason =
        this.stopped ?? `il decodificatore si è interrotto (${signal ?? `codice ${code}`}${fatal ? `: ${fatal.trim()}` : ''})`;
      this.stopped = null;
      for (const [id, waiting] of this.pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new ImageError(reason));
        this.pending.delete(id);
      }
    });
    child.send({ open: { bytes: this.bytes, kind: this.kind, maxRaster: MAX_RASTER_PIXELS } });
    const maxRss = this.limits.decoderMb * 1048576;
    this.watchdog = setInterval(() => {
      const rss = child.pid ? residentBytes(child.pid) : null;
      if (rss !== null && rss > maxRss) this.stop(child, `decodifica interrotta: memoria oltre ${this.limits.decoderMb} MiB`);
    }, 200);
    this.watchdog.unref();
    return child;
  }

  private stop(child: ChildProcess, reason: string): void {
    this.stopped ??= reason;
    child.kill('SIGKILL');
  }

  decode(index: number): Promise<DecodedPage> {
    const child = (this.child ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.stop(child, `decodifica interrotta dopo ${Math.round(this.limits.decodeMs / 1000)} secondi`), this.limits.decodeMs);
      this.pending.set(id, { resolve, reject, timer });
      child.send({ id, page: index });
    });
  }

  close(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * The pages of an image file, each decoded in the decoder process only when
 * asked for (a 100-page TIFF never sits in memory whole). Throws ImageError,
 * with an Italian reason, when the headers say the file as a whole cannot be
 * read; `page(i)` rejects with it for a page that cannot be decoded (over
 * the pixel budget, damaged, or its decoder crashed), and the other pages
 * can still be read. Call `close` when done.
 */
export function openImage(bytes: Uint8Array, kind: ImageKind, limits: ImageLimits = {}): ImagePages {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const headers = inspectImage(bytes, kind, all);
  // No page can be decoded (a single image over the budget, every page of a TIFF): the file as a whole, before any process starts.
  if (headers.every((h) => h.problem)) throw headers[0]!.problem!;
  const decoder = new Decoder(bytes, kind, all);
  const page = async (index: number): Promise<PageImage> => {
    const header = headers[index];
    if (!header) throw new ImageError(`pagina ${index + 1} assente`);
    if (header.problem) throw header.problem;
    const decoded = await decoder.decode(index);
    return { image: decoded.image, dpi: resolution(decoded.declaredDpi, decoded.width, decoded.height) * decoded.fit };
  };
  return { count: headers.length, page, close: () => decoder.close() };
}
