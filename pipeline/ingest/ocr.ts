/**
 * OCR of page images with tesseract.js, in Italian, offline.
 *
 * - Language data: the npm package `@tesseract.js-data/ita`, unpacked once
 *   (atomically) into a cache outside the working directory, read-only for
 *   the engine, so it is never fetched from the network nor written twice.
 * - `OcrPool`: tesseract.js workers (each its own thread), created on first
 *   use, recycled after `recycleAfter` pages to keep memory bounded,
 *   replaced when one fails, terminated with `close()`.
 * - `ocrPage`: deskew, binarize, find the ruling lines in the image, read the
 *   words, and return the same page geometry the PDF text layer gives (page
 *   points, origin top left), so the layout and the extractors do not change.
 */
import { createRequire } from 'node:module';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import PQueue from 'p-queue';
import type Tesseract from 'tesseract.js';
import type { PageGeometry, Rule, TextRun } from './pdf-layout.js';
import { binarize, crop, despeckle, encodePgm, estimateSkew, inkMask, rotate, rotateQuarters, rulingLines, type GrayImage } from './raster.js';
import { latticeGrids } from './pdf-layout.js';
import { errorMessage } from '../messages.js';

const require = createRequire(import.meta.url);

export interface OcrSettings {
  /** tesseract page-segmentation mode (see docs/ocr.md for the measurement behind the default). */
  psm: number;
  /** Parallel OCR workers. */
  workers: number;
  /** A worker is replaced after this many pages (memory of the wasm heap). */
  recycleAfter: number;
  /** Level pages rotated by up to ±4°. */
  deskew: boolean;
  /** Give the OCR the Otsu-binarized image instead of the grey one. */
  binarize: boolean;
  /** Read again, one by one, table cells that came out empty or doubtful (see `rereadCells`). */
  rereadCells: boolean;
  /** Turn a page lying on its side (the better of the two quarter turns) or upside down (the half turn, if it reads better); see `ocrPage`. */
  rotate: boolean;
  /** Which model of the package: `4.0.0` (tessdata) or `4.0.0_best_int` (tessdata_best, integer). */
  model: OcrModel;
}

export const OCR_MODELS = ['4.0.0', '4.0.0_best_int'] as const;
export type OcrModel = (typeof OCR_MODELS)[number];
/** Both models read the fixture scans with the same character error rate (bench); the smaller one loads faster. */
export const DEFAULT_OCR_MODEL: OcrModel = '4.0.0_best_int';

const LANG = 'ita';

/** The package's language data folder. */
export function langPath(model: OcrModel): string {
  return join(dirname(require.resolve('@tesseract.js-data/ita')), model);
}

/** Cache of the unpacked model, outside the working directory, one folder per package version and model. */
export function cachePath(model: OcrModel): string {
  const version = (require('@tesseract.js-data/ita/package.json') as { version: string }).version;
  return join(process.env.PIAO_OCR_CACHE ?? join(tmpdir(), 'piao-ocr'), `ita-${version}-${model}`);
}

/** Unpacks the traineddata into the cache once (temp file + rename: a concurrent reader never sees half a file). */
export async function ensureCache(model: OcrModel): Promise<string> {
  const dir = cachePath(model);
  const target = join(dir, `${LANG}.traineddata`);
  if (existsSync(target)) return dir;
  mkdirSync(dir, { recursive: true });
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await pipeline(createReadStream(join(langPath(model), `${LANG}.traineddata.gz`)), createGunzip(), createWriteStream(temp));
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  return dir;
}

export interface OcrWord {
  text: string;
  /** Pixels of the image given to the engine. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Top and bottom of the word's text line (for a height like a font size). */
  lineTop: number;
  lineBottom: number;
  rowHeight: number;
  /** 0..1 */
  confidence: number;
}

/** Reads an image with a page-segmentation mode, optionally only these characters. */
export type ReadImage = (image: Uint8Array, psm: number, only?: string) => Promise<OcrWord[]>;

/**
 * Init-only engine parameters. tesseract prints its diagnostics with
 * `tprintf` on stderr, where they land in the middle of piao's own output
 * and progress bar: "Detected 618 diacritics" on some noisy pages
 * (unconditional in textord/strokewidth.cpp), "failed to load
 * ./ita.special-words" at every start (the Italian model's config names a
 * word list the package does not ship, tesseract.js issue 881).
 * `debug_file` sends them nowhere; the word list is not looked for. What is
 * read does not change.
 */
const INIT_PARAMETERS: Record<string, string> = { debug_file: '/dev/null', user_words_suffix: '' };

interface Slot {
  worker: Promise<Tesseract.Worker> | null;
  pages: number;
}

/** A pool of tesseract.js workers sized to the cores it is given. */
export class OcrPool {
  private readonly queue: PQueue;
  private readonly free: Slot[];
  private readonly all: Slot[];
  private closed = false;

  constructor(readonly settings: OcrSettings) {
    const size = Math.max(1, settings.workers);
    this.queue = new PQueue({ concurrency: size });
    this.all = Array.from({ length: size }, () => ({ worker: null, pages: 0 }));
    this.free = [...this.all];
  }

  private async start(): Promise<Tesseract.Worker> {
    const { createWorker, OEM } = await import('tesseract.js');
    const cache = await ensureCache(this.settings.model);
    const worker = await createWorker(LANG, OEM.LSTM_ONLY, {
      langPath: langPath(this.settings.model),
      cachePath: cache,
      cacheMethod: 'readOnly',
      gzip: true,
      logger: () => undefined,
      errorHandler: () => undefined,
    }, INIT_PARAMETERS);
    await worker.setParameters({
      tessedit_pageseg_mode: String(this.settings.psm) as Tesseract.PSM,
      preserve_interword_spaces: '1',
      user_defined_dpi: '300',
    });
    return worker;
  }

  private async release(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = null;
    slot.pages = 0;
    if (worker) await worker.then((w) => w.terminate()).catch(() => undefined);
  }

  /**
   * Runs `job` on one worker, alone: `read(image, psm)` reads an image (any
   * format the engine reads; PGM is the cheapest) with a page-segmentation
   * mode, so a page and then some of its cells are read on the same worker.
   */
  run<T>(job: (read: ReadImage) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('OCR chiuso'));
    return this.queue.add(async () => {
      const slot = this.free.pop()!;
      try {
        slot.worker ??= this.start();
        const worker = await slot.worker;
        let mode = String(this.settings.psm);
        let whitelist = '';
        const read: ReadImage = async (image, psm, only = '') => {
          if (String(psm) !== mode || only !== whitelist) {
            mode = String(psm);
            whitelist = only;
            await worker.setParameters({ tessedit_pageseg_mode: mode as Tesseract.PSM, tessedit_char_whitelist: whitelist });
          }
          const { data } = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { blocks: true, text: false });
          return wordsOf(data);
        };
        const result = await job(read);
        if (mode !== String(this.settings.psm) || whitelist) await worker.setParameters({ tessedit_pageseg_mode: String(this.settings.psm) as Tesseract.PSM, tessedit_char_whitelist: '' });
        if (++slot.pages >= this.settings.recycleAfter) await this.release(slot);
        return result;
      } catch (error) {
        // A worker that failed is not trusted with the next page.
        await this.release(slot);
        throw error;
      } finally {
        this.free.push(slot);
      }
    }) as Promise<T>;
  }

  /** Reads one image with the pool's page-segmentation mode. */
  recognize(image: Uint8Array): Promise<OcrWord[]> {
    return this.run((read) => read(image, this.settings.psm));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    await this.queue.onIdle();
    await Promise.all(this.all.map((slot) => this.release(slot)));
  }
}

function wordsOf(page: Tesseract.Page): OcrWord[] {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? [])
    for (const paragraph of block.paragraphs)
      for (const line of paragraph.lines)
        for (const word of line.words)
          words.push({
            text: word.text,
            x0: word.bbox.x0,
            y0: word.bbox.y0,
            x1: word.bbox.x1,
            y1: word.bbox.y1,
            lineTop: line.bbox.y0,
            lineBottom: line.bbox.y1,
            rowHeight: line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0,
            confidence: Math.max(0, Math.min(1, word.confidence / 100)),
          });
  return words;
}

/** A speck or a border stub read as a mark: one or two signs (or a lone `i`/`l`) read with little confidence. */
const isNoise = (text: string, confidence: number) => confidence < 0.5 && (/^[^\p{L}\p{N}]{1,2}$/u.test(text) || /^[ilI]$/.test(text));

/** Characters that are table borders read as text: bars anywhere, a bracket turned away from the word it touches (`]50%`, `Servizio[`). */
const BORDER_GLYPHS = /^[|¦\]}]+|[|¦[{]+$|[|¦]/g;

/**
 * OCR words -> text runs in page points. Borders read as `|` are dropped; a
 * word's height is its text line's (like a font size), unless the line box is
 * much taller than a row (a residual skew), then the word's own box grown to
 * the row height.
 */
export function runsOfWords(words: OcrWord[], pointsPerPixel: number): TextRun[] {
  const runs: TextRun[] = [];
  for (const word of words) {
    const text = word.text.replace(BORDER_GLYPHS, '').trim();
    if (!text || isNoise(text, word.confidence)) continue;
    let top = word.lineTop;
    let bottom = word.lineBottom;
    if (bottom - top > word.rowHeight * 2.2 || top > word.y0 || bottom < word.y1) {
      const h = Math.max(word.y1 - word.y0, word.rowHeight);
      const mid = (word.y0 + word.y1) / 2;
      top = mid - h / 2;
      bottom = mid + h / 2;
    }
    runs.push({
      text,
      x: word.x0 * pointsPerPixel,
      y: top * pointsPerPixel,
      w: (word.x1 - word.x0) * pointsPerPixel,
      h: (bottom - top) * pointsPerPixel,
      confidence: word.confidence,
    });
  }
  return runs;
}

/** Single text line: the mode for one table cell read alone. */
const CELL_PSM = 7;
/** What a figures-only second reading may find. */
const FIGURES = '0123456789,.%/-';
const mean = (list: OcrWord[]) => list.reduce((sum, w) => sum + w.confidence, 0) / list.length;
/** Most cells read again on one page (bounds the time a page can take). */
const MAX_CELLS = 80;

/**
 * Second look at bordered tables: the page-level segmentation often loses a
 * short value alone in a narrow cell (the `1` of column N., a `25` of PESO)
 * or reads it with its border (`al`, `c)`). Every grid cell that has ink but
 * no word, or only doubtful short words, is cut out (borders excluded, white
 * margin added) and read alone as one line; its words replace the old ones
 * when they are read with more confidence.
 */
async function rereadCells(
  words: OcrWord[],
  rules: Rule[],
  image: GrayImage,
  ink: Uint8Array,
  pointsPerPixel: number,
  read: ReadImage,
): Promise<OcrWord[]> {
  const px = (points: number) => points / pointsPerPixel;
  let result = words;
  let budget = MAX_CELLS;
  for (const grid of latticeGrids(rules)) {
    for (let b = 0; b + 1 < grid.ys.length; b++)
      for (let c = 0; c + 1 < grid.xs.length; c++) {
        // Inside the borders: a few pixels in from each rule.
        const inset = Math.max(3, Math.round(px(1.5)));
        const x0 = Math.round(px(grid.xs[c]!)) + inset;
        const x1 = Math.round(px(grid.xs[c + 1]!)) - inset;
        const y0 = Math.round(px(grid.ys[b]!)) + inset;
        const y1 = Math.round(px(grid.ys[b + 1]!)) - inset;
        if (x1 - x0 < 8 || y1 - y0 < 8) continue;
        const inside = result.filter((w) => {
          const cx = (w.x0 + w.x1) / 2;
          const cy = (w.y0 + w.y1) / 2;
          return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
        });
        const doubtful = inside.length > 0 && inside.length <= 2 && inside.every((w) => w.confidence < 0.85 && w.text.length <= 4);
        if (inside.length && !doubtful) continue;
        // The ink inside the cell, and its box: the cell is read cut tight around it.
        let inked = 0;
        let [bx0, by0, bx1, by1] = [x1, y1, x0, y0];
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++)
            if (ink[y * image.width + x]) {
              inked++;
              if (x < bx0) bx0 = x;
              if (x > bx1) bx1 = x;
              if (y < by0) by0 = y;
              if (y > by1) by1 = y;
            }
        if (inked < 30 || budget-- <= 0) continue;
        const margin = 20;
        const offset = (list: OcrWord[]) =>
          list
            .filter((w) => w.text.trim() !== '')
            .map((w) => ({ ...w, x0: w.x0 + bx0 - margin, x1: w.x1 + bx0 - margin, y0: w.y0 + by0 - margin, y1: w.y1 + by0 - margin, lineTop: w.lineTop + by0 - margin, lineBottom: w.lineBottom + by0 - margin }));
        // Black and white: alone in its crop, a grainy `3` is read as `B` and a `1` as `[]`; binarized, as `3` and `1` (docs/ocr.md).
        const picture = encodePgm(binarize(crop(image, bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1, margin)));
        let found = offset(await read(picture, CELL_PSM));
        // Still a lone doubtful mark: numbering and weight columns hold figures; try reading figures only.
        if (found.length <= 1 && found.every((w) => w.confidence < 0.75 && w.text.length <= 3)) {
          const figures = offset(await read(picture, CELL_PSM, FIGURES));
          if (figures.length && (!found.length || mean(figures) > mean(found))) found = figures;
        }
        // A cell holding nothing but a doubtful stroke (`I`, `l`, `Il`, `|`) holds a 1: the commonest OCR confusion in numbered tables.
        if (found.length === 1 && found[0]!.confidence < 0.75 && /^[Iil|!\]]{1,2}$/.test(found[0]!.text)) found = [{ ...found[0]!, text: '1' }];
        if (!found.length) continue;
        if (inside.length && mean(found) < mean(inside)) continue;
        result = [...result.filter((w) => !inside.includes(w)), ...found];
      }
  }
  return result;
}

/** What the readers of scanned pages (PDF pages, image files) need of the OCR: a page image in, page geometry out. */
export interface PageReader {
  /** Resolution PDF pages are rendered at. */
  dpi: number;
  /** How many pages may be read at once. */
  concurrency: number;
  read(image: GrayImage, dpi: number, number: number): Promise<OcrPageResult>;
}

/** One scanned page read, or why it could not be. */
export type ScanResult = { number: number; result: OcrPageResult } | { number: number; error: string };

/**
 * Reads scanned pages (1-based numbers) with as many in flight as the reader
 * has workers. A page is loaded (rendered, decoded) only when it is its
 * turn and dropped once read, so a long scan holds `concurrency` page images
 * at a time, whatever its length. A page that fails to load or to be read
 * gives its error; the others are still read. Results in `numbers` order.
 */
export async function readScans(numbers: number[], load: (number: number) => Promise<{ image: GrayImage; dpi: number }>, reader: PageReader): Promise<ScanResult[]> {
  const queue = new PQueue({ concurrency: Math.max(1, reader.concurrency) });
  return Promise.all(
    numbers.map((number) =>
      queue.add(async (): Promise<ScanResult> => {
        try {
          const { image, dpi } = await load(number);
          return { number, result: await reader.read(image, dpi, number) };
        } catch (error) {
          return { number, error: errorMessage(error) };
        }
      }) as Promise<ScanResult>,
    ),
  );
}

export interface OcrPageResult {
  geometry: PageGeometry;
  /** Mean word confidence (0..1), null when no word was read. */
  confidence: number | null;
  /** Skew found and corrected, degrees. */
  skew: number;
  /** Quarter turn the page was given to stand upright, degrees clockwise (0, 90, 180, 270). */
  rotation: number;
  words: number;
}

/** A page image made ready for the engine (turned, levelled, specks removed) and its ruling lines. */
interface PreparedPage {
  quarters: number;
  skew: number;
  page: GrayImage;
  ink: Uint8Array;
  rules: Rule[];
}

/** Turns the image by `quarters`, deskews, despeckles and finds the ruling lines, in this thread (for the page as it is, before a worker is taken). */
function preparePage(settings: OcrSettings, image: GrayImage, dpi: number, quarters: number): PreparedPage {
  let page = rotateQuarters(image, quarters);
  let ink = inkMask(page);
  const skew = settings.deskew ? estimateSkew(ink, page.width, page.height) : 0;
  if (Math.abs(skew) >= 0.1) {
    page = rotate(page, -skew);
    ink = inkMask(page);
  }
  // A copy: the caller's image stays as it was.
  if (page === image) page = { ...image, data: new Uint8Array(image.data) };
  despeckle(page, ink, Math.max(2, Math.round(8 * (dpi / 300) ** 2)));
  const pointsPerPixel = 72 / dpi;
  const found = rulingLines(ink, page.width, page.height, {
    minLength: Math.round(dpi * 0.4),
    minHeight: Math.round(dpi * 0.2),
    maxThickness: Math.max(3, Math.round(dpi * 0.03)),
    maxGap: Math.max(2, Math.round(dpi * 0.01)),
  });
  const rules: Rule[] = found.map((r) => ({ x1: r.x1 * pointsPerPixel, x2: r.x2 * pointsPerPixel, y1: r.y1 * pointsPerPixel, y2: r.y2 * pointsPerPixel }));
  if (settings.binarize) page = binarize(page);
  return { quarters, skew, page, ink, rules };
}

/** Characters read with confidence, in words of two signs or more: how well an orientation reads. */
export function readability(words: OcrWord[]): number {
  return words.reduce((n, w) => n + (w.confidence >= 0.6 && /[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(w.text) ? w.text.length : 0), 0);
}

/** Share of the words of three signs or more whose box is taller than wide: near 0 upright, near 1 on a page lying on its side. */
export function tallShare(words: OcrWord[]): number {
  const long = words.filter((w) => w.text.length >= 3);
  return long.length ? long.filter((w) => w.y1 - w.y0 > w.x1 - w.x0).length / long.length : 0;
}

/**
 * A page lies on its side when most of its words stand taller than wide
 * (the engine reads such lines, but their boxes would make columns of
 * lines); it is upside down when less than half of its characters are read
 * with confidence. Measured on the fixture sheets (docs/ocr.md): upright
 * 0.00 tall and 0.93 read, on its side 1.00 tall, upside down 0.06 read.
 */
const SIDEWAYS_SHARE = 0.5;
const UPRIGHT_SHARE = 0.5;

/**
 * Reads one page image: turned upright when it lies on its side or upside
 * down (a landscape sheet scanned as portrait, a page fed the wrong way),
 * deskewed, ruling lines found, words read, doubtful table cells read again
 * -> page geometry in points.
 */
export async function ocrPage(pool: OcrPool, image: GrayImage, dpi: number, number: number): Promise<OcrPageResult> {
  const { settings } = pool;
  const upright = preparePage(settings, image, dpi, 0);
  const pointsPerPixel = 72 / dpi;
  // One job on one worker: the page, the other orientations when it needs them, its cells.
  const { best, words } = await pool.run(async (read) => {
    const readWhole = async (prepared: PreparedPage) => ({ ...prepared, words: await read(encodePgm(prepared.page), settings.psm) });
    let best = await readWhole(upright);
    if (settings.rotate) {
      const characters = best.words.reduce((n, w) => n + w.text.length, 0);
      const sideways = tallShare(best.words) > SIDEWAYS_SHARE;
      if (sideways || readability(best.words) < characters * UPRIGHT_SHARE) {
        // On its side: one of the two quarter turns, whichever reads better; upside down: the half turn, if it reads better.
        const choices = sideways ? [] : [best];
        for (const quarters of sideways ? [1, 3] : [2]) choices.push(await readWhole(preparePage(settings, image, dpi, quarters)));
        best = choices.reduce((a, b) => (readability(b.words) > readability(a.words) ? b : a));
      }
    }
    const words = settings.rereadCells ? await rereadCells(best.words, best.rules, best.page, best.ink, pointsPerPixel, read) : best.words;
    return { best, words };
  });
  const runs = runsOfWords(words, pointsPerPixel);
  const confidence = runs.length ? runs.reduce((s, r) => s + r.confidence!, 0) / runs.length : null;
  const { page, rules } = best;
  return {
    geometry: { number, width: page.width * pointsPerPixel, height: page.height * pointsPerPixel, origin: 'ocr', runs, rules },
    confidence,
    skew: best.skew,
    rotation: best.quarters * 90,
    words: runs.length,
  };
}
