/**
 * The native decoding of image files, run only in the decoder child process
 * (`decode-child.ts`): PNG and JPEG by `@napi-rs/canvas`, TIFF by `utif`.
 * A damaged file can crash these decoders (a fatal Skia assertion, a
 * segmentation fault) or make them loop; in a child of its own that is the
 * end of one file's decoding, not of the run. The headers have already been
 * checked by `image.ts` (`inspectImage`) before bytes get here.
 */
import { createRequire } from 'node:module';
import { rgbaToGray, type GrayImage } from './raster.js';

const require = createRequire(import.meta.url);

export type DecodeKind = 'PNG' | 'JPEG' | 'TIFF';

export interface DecodedPage {
  image: GrayImage;
  /** Resolution declared by the file (dots per inch), null when it declares none. */
  declaredDpi: number | null;
  /** Factor the page was scaled by to fit `maxRaster` (1 = as is). */
  fit: number;
  /** The file's own size of the page, in pixels. */
  width: number;
  height: number;
}

/** A decoding failure with its reason in Italian; any other throw is a bug of the decoder. */
export class DecodeError extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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

async function decodeWithCanvas(bytes: Uint8Array, kind: 'PNG' | 'JPEG', maxRaster: number): Promise<DecodedPage> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let picture;
  try {
    picture = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new DecodeError(`immagine ${kind} non decodificabile: ${message(error)}`);
  }
  const { width, height } = picture;
  if (!width || !height) throw new DecodeError(`immagine ${kind} senza pixel`);
  // Oversized scans are scaled down to the raster the OCR gets from PDF pages.
  const fit = Math.min(1, Math.sqrt(maxRaster / (width * height)));
  const w = Math.max(1, Math.round(width * fit));
  const h = Math.max(1, Math.round(height * fit));
  const canvas = createCanvas(w, h);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, w, h);
  context.drawImage(picture, 0, 0, w, h);
  const image = rgbaToGray(context.getImageData(0, 0, w, h).data, w, h);
  canvas.width = 0; // the surface is released at once, not at the next collection
  canvas.height = 0;
  return { image, declaredDpi: kind === 'PNG' ? pngDpi(bytes) : jpegDpi(bytes), fit, width, height };
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

/** A TIFF's pages: its top-level directories that are not thumbnails (NewSubfileType bit 0). */
export const isTiffPage = (subfileType: number) => (subfileType & 1) === 0;

function tiffDecoder(bytes: Uint8Array) {
  const UTIF = require('utif') as Utif;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (error) {
    throw new DecodeError(`TIFF non decodificabile: ${message(error)}`);
  }
  const pages = ifds.filter((ifd) => isTiffPage((ifd['t254'] as number[] | undefined)?.[0] ?? 0));
  return (index: number): DecodedPage => {
    const ifd = pages[index];
    if (!ifd) throw new DecodeError(`pagina ${index + 1} assente`);
    const width = (ifd['t256'] as number[] | undefined)?.[0] ?? 0;
    const height = (ifd['t257'] as number[] | undefined)?.[0] ?? 0;
    if (!width || !height) throw new DecodeError('dimensioni mancanti');
    try {
      UTIF.decodeImage(buffer, ifd);
    } catch (error) {
      throw new DecodeError(`dati dell'immagine danneggiati: ${message(error)}`);
    }
    if (!ifd.data?.length) throw new DecodeError('compressione non supportata');
    const rgba = UTIF.toRGBA8(ifd);
    // The decoded strip is dropped at once: only the grey copy of the page in hand stays in memory.
    ifd.data = new Uint8Array(0);
    const x = ifd['t282'] as number[] | undefined;
    const unit = (ifd['t296'] as number[] | undefined)?.[0] ?? 2;
    const declaredDpi = x?.[0] ? (unit === 3 ? x[0] * 2.54 : unit === 2 ? x[0] : null) : null;
    return { image: rgbaToGray(rgba, width, height), declaredDpi, fit: 1, width, height };
  };
}

/** One file's decoder: its pages decoded on demand (a TIFF's directories are read once). */
export function fileDecoder(bytes: Uint8Array, kind: DecodeKind, maxRaster: number): (index: number) => Promise<DecodedPage> {
  if (kind === 'TIFF') {
    let decode: ((index: number) => DecodedPage) | null = null;
    return async (index) => (decode ??= tiffDecoder(bytes))(index);
  }
  return () => decodeWithCanvas(bytes, kind, maxRaster);
}
