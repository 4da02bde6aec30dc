/**
 * Image files (PNG, JPEG, TIFF) -> grey page images with their resolution,
 * for the OCR. PNG and JPEG are decoded by `@napi-rs/canvas`, TIFF (also
 * multi-page, as scanners write it) by `utif`. The resolution comes from the
 * file (PNG pHYs, JPEG JFIF, TIFF XResolution); when the file has none, the
 * page is taken to be A4 on its long side.
 */
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { MAX_RASTER_PIXELS, releaseCanvas } from './pdf.js';
import { rgbaToGray, type GrayImage } from './raster.js';
import { errorMessage } from '../messages.js';

const require = createRequire(import.meta.url);

export type ImageKind = 'PNG' | 'JPEG' | 'TIFF';

export interface PageImage {
  image: GrayImage;
  dpi: number;
}

/** An image file's pages, decoded one at a time (0-based index). */
export interface ImagePages {
  count: number;
  page(index: number): Promise<PageImage>;
}

/** An image file that cannot be decoded, with the reason in Italian. */
export class ImageError extends Error {}

/** Largest image accepted at all (a 600 dpi A2 scan); bigger files are refused rather than exhausting memory. */
const MAX_DECODED_PIXELS = 120_000_000;
const A4_LONG_SIDE_INCHES = 11.69;

const dpiFromSize = (width: number, height: number) => Math.max(72, Math.min(1200, Math.round(Math.max(width, height) / A4_LONG_SIDE_INCHES)));

/** PNG pHYs chunk: pixels per metre when the unit is the metre. */
function pngDpi(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'pHYs' && length >= 9 && at + 17 <= bytes.length) {
      const perMetre = view.getUint32(at + 8);
      return bytes[at + 16] === 1 && perMetre > 0 ? Math.round(perMetre * 0.0254) : null;
    }
    if (type === 'IDAT' || type === 'IEND') return null;
    at += 12 + length;
  }
  return null;
}

/** JPEG JFIF APP0 density (dots per inch or per cm). */
function jpegDpi(bytes: Uint8Array): number | null {
  if (bytes[2] !== 0xff || bytes[3] !== 0xe0 || String.fromCharCode(...bytes.subarray(6, 10)) !== 'JFIF') return null;
  const unit = bytes[13];
  const x = (bytes[14]! << 8) | bytes[15]!;
  if (!x) return null;
  return unit === 1 ? x : unit === 2 ? Math.round(x * 2.54) : null;
}

/** A page's resolution: the file's own when plausible, otherwise A4 from its size. */
function resolution(declared: number | null, width: number, height: number): number {
  // Screenshots and editors write 72 or 96 dpi for a page they did not scan: the size says more then.
  if (declared && declared >= 100 && declared <= 1200) return declared;
  return dpiFromSize(width, height);
}

/**
 * The structure of a PNG (every chunk with its CRC, IHDR first, IDAT and
 * IEND present) or a JPEG (markers up to the scan, a frame header with a
 * size) is checked before the native decoder sees the file: on some damaged
 * files the decoder crashes the whole process instead of failing.
 */
function structureError(bytes: Uint8Array, kind: 'PNG' | 'JPEG'): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'PNG') {
    const seen = new Set<string>();
    let at = 8;
    while (at + 12 <= bytes.length) {
      const length = view.getUint32(at);
      if (at + 12 + length > bytes.length) return 'PNG troncato';
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (!seen.size && type !== 'IHDR') return 'PNG senza intestazione IHDR';
      if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return `PNG danneggiato (blocco ${type.replace(/[^\x20-\x7e]/g, '?')})`;
      seen.add(type);
      at += 12 + length;
      if (type === 'IEND') break;
    }
    if (!seen.has('IDAT') || !seen.has('IEND')) return 'PNG troncato';
    return view.getUint32(16) && view.getUint32(20) ? null : 'PNG senza pixel';
  }
  let at = 2;
  let frame = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 'JPEG danneggiato';
    const marker = bytes[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return 'JPEG troncato';
    if ([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf].includes(marker)) {
      if (length < 8 || !view.getUint16(at + 5) || !view.getUint16(at + 7)) return 'JPEG senza dimensioni';
      frame = true;
    }
    if (marker === 0xda) return frame ? null : 'JPEG senza intestazione di quadro';
    at += 2 + length;
  }
  return 'JPEG troncato';
}

async function decodeWithCanvas(bytes: Uint8Array, kind: 'PNG' | 'JPEG'): Promise<PageImage> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let picture;
  try {
    picture = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ImageError(`immagine ${kind} non decodificabile: ${errorMessage(error)}`);
  }
  const { width, height } = picture;
  if (!width || !height) throw new ImageError(`immagine ${kind} senza pixel`);
  if (width * height > MAX_DECODED_PIXELS) throw new ImageError(`immagine ${kind} troppo grande (${width}×${height} pixel)`);
  const dpi = resolution(kind === 'PNG' ? pngDpi(bytes) : jpegDpi(bytes), width, height);
  // Oversized scans are scaled down to the raster the OCR gets from PDF pages.
  const fit = Math.min(1, Math.sqrt(MAX_RASTER_PIXELS / (width * height)));
  const w = Math.max(1, Math.round(width * fit));
  const h = Math.max(1, Math.round(height * fit));
  const canvas = createCanvas(w, h);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, w, h);
  context.drawImage(picture, 0, 0, w, h);
  const image = rgbaToGray(context.getImageData(0, 0, w, h).data, w, h);
  releaseCanvas(canvas);
  return { image, dpi: dpi * fit };
}

interface Ifd {
  width: number;
  height: number;
  data: Uint8Array;
  [tag: string]: unknown;
}
interface Utif {
  decode(buffer: ArrayBuffer): Ifd[];
  decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
  toRGBA8(ifd: Ifd): Uint8Array;
}

/** The pages of a TIFF (its IFDs, pixels not yet decoded); thumbnails (NewSubfileType bit 0) are not pages. */
function tiffPages(bytes: Uint8Array): ImagePages {
  const UTIF = require('utif') as Utif;
  // utif reads an ArrayBuffer: the file's own when the bytes fill it (a file read whole), a copy only otherwise.
  // A scanner's grey TIFF is about 4 MB a page: a second copy of a 100-page file would be 430 MB more.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (error) {
    throw new ImageError(`TIFF non decodificabile: ${errorMessage(error)}`);
  }
  const pages = ifds.filter((ifd) => !((((ifd['t254'] as number[] | undefined)?.[0] ?? 0) & 1) === 1));
  if (!pages.length) throw new ImageError('TIFF senza pagine');
  const page = async (index: number): Promise<PageImage> => {
    const ifd = pages[index]!;
    const width = (ifd['t256'] as number[] | undefined)?.[0] ?? 0;
    const height = (ifd['t257'] as number[] | undefined)?.[0] ?? 0;
    if (!width || !height) throw new ImageError('dimensioni mancanti');
    if (width * height > MAX_DECODED_PIXELS) throw new ImageError(`troppo grande (${width}×${height} pixel)`);
    try {
      UTIF.decodeImage(buffer, ifd);
    } catch (error) {
      throw new ImageError(`dati dell'immagine danneggiati: ${errorMessage(error)}`);
    }
    if (!ifd.data?.length) throw new ImageError('compressione non supportata');
    const rgba = UTIF.toRGBA8(ifd);
    // The decoded strip is dropped at once: only the grey copy of the page in hand stays in memory.
    ifd.data = new Uint8Array(0);
    const x = ifd['t282'] as number[] | undefined;
    const unit = (ifd['t296'] as number[] | undefined)?.[0] ?? 2;
    const declared = x?.[0] ? (unit === 3 ? x[0] * 2.54 : unit === 2 ? x[0] : null) : null;
    return { image: rgbaToGray(rgba, width, height), dpi: resolution(declared, width, height) };
  };
  return { count: pages.length, page };
}

/**
 * The pages of an image file, each decoded only when asked for (a 100-page
 * TIFF never sits in memory whole). Throws ImageError, with an Italian
 * reason, when the file as a whole cannot be read; `page(i)` throws it for a
 * page that cannot be decoded, and the other pages can still be read.
 */
export function openImage(bytes: Uint8Array, kind: ImageKind): ImagePages {
  if (kind === 'TIFF') return tiffPages(bytes);
  const problem = structureError(bytes, kind);
  if (problem) throw new ImageError(problem);
  return { count: 1, page: () => decodeWithCanvas(bytes, kind) };
}
