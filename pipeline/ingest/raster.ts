/**
 * Pixel work for scanned pages, on 8-bit grey images: Otsu binarization,
 * skew estimate (projection profile) and rotation, and the ruling lines of
 * bordered tables found in the image. Pure functions over typed arrays; no
 * canvas, no OCR, so they are tested on synthetic images.
 */
import type { Rule } from './pdf-layout.js';

/** An 8-bit grey image, one byte per pixel, row by row (0 black, 255 white). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** RGBA (canvas ImageData) to grey, ITU-R 601 luma; transparent pixels are paper (white). */
export function rgbaToGray(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const a = rgba[p + 3]! / 255;
    const luma = (rgba[p]! * 299 + rgba[p + 1]! * 587 + rgba[p + 2]! * 114) / 1000;
    data[i] = Math.round(luma * a + 255 * (1 - a));
  }
  return { width, height, data };
}

/** Otsu's threshold: the grey level that best separates ink from paper. */
export function otsuThreshold(image: GrayImage): number {
  const histogram = new Float64Array(256);
  for (const v of image.data) histogram[v]!++;
  const total = image.data.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * histogram[t]!;
  let sumBack = 0;
  let weightBack = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightBack += histogram[t]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * histogram[t]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Ink mask: 1 where the pixel is at or below the threshold. */
export function inkMask(image: GrayImage, threshold = otsuThreshold(image)): Uint8Array {
  const ink = new Uint8Array(image.data.length);
  for (let i = 0; i < ink.length; i++) ink[i] = image.data[i]! <= threshold ? 1 : 0;
  return ink;
}

/**
 * Removes specks: groups of touching ink pixels no bigger than `maxPixels`
 * (dust and scanner noise, smaller than a full stop) become paper, in the
 * image and in its ink mask. Returns how many were removed.
 */
export function despeckle(image: GrayImage, ink: Uint8Array, maxPixels: number): number {
  const { width, height } = image;
  const seen = new Uint8Array(ink.length);
  const stack = new Int32Array(ink.length);
  const component: number[] = [];
  let removed = 0;
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    // Flood fill (8-connected); the pixels are kept only while the group is small.
    let top = 0;
    let size = 0;
    component.length = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      if (size <= maxPixels) component.push(i);
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (ink[j] && !seen[j]) {
            seen[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    if (size <= maxPixels) {
      for (const i of component) {
        ink[i] = 0;
        image.data[i] = 255;
      }
      removed++;
    }
  }
  return removed;
}

/** The binarized image as grey (ink black, paper white), what the OCR reads. */
export function binarize(image: GrayImage, threshold = otsuThreshold(image)): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! <= threshold ? 0 : 255;
  return { width: image.width, height: image.height, data };
}

/**
 * Skew of the text lines in degrees (positive: lines fall to the right, y
 * growing with x), within ±maxDegrees. Projection profile: the angle at which
 * the rows of ink are sharpest (largest sum of squared row counts), coarse
 * then fine, on a 4× reduced ink map.
 */
export function estimateSkew(ink: Uint8Array, width: number, height: number, maxDegrees = 4): number {
  const f = 4;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let by = 0; by + f <= height; by += f)
    for (let bx = 0; bx + f <= width; bx += f) {
      let n = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) n += ink[(by + dy) * width + bx + dx]!;
      // Half-inked blocks: strokes, not noise specks.
      if (n >= (f * f) / 2) {
        xs.push(bx / f);
        ys.push(by / f);
      }
    }
  if (xs.length < 50) return 0;
  const rows = Math.ceil(height / f) + Math.ceil(width / f) + 2;
  const profile = new Float64Array(rows * 2);
  const offset = rows;
  const sharpness = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    profile.fill(0);
    for (let i = 0; i < xs.length; i++) profile[Math.round(ys[i]! - xs[i]! * t) + offset]!++;
    let s = 0;
    for (const v of profile) s += v * v;
    return s;
  };
  const search = (from: number, to: number, step: number) => {
    let best = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = sharpness(a);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return best;
  };
  const coarse = search(-maxDegrees, maxDegrees, 0.5);
  return Math.round(search(coarse - 0.5, coarse + 0.5, 0.05) * 100) / 100;
}

/**
 * Rotates the content by `degrees` about the centre (positive: clockwise on
 * screen), bilinear, white fill: `rotate(image, -estimateSkew(...))` levels a page.
 */
export function rotate(image: GrayImage, degrees: number): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // Inverse map: the source pixel that lands on (x, y).
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[y * width + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + width]! + (data[i + width + 1]! - data[i + width]!) * fx;
      out[y * width + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width, height, data: out };
}

/** Turns an image by `quarters` × 90° clockwise, exactly (pixels moved, not resampled). */
export function rotateQuarters(image: GrayImage, quarters: number): GrayImage {
  const turns = ((quarters % 4) + 4) % 4;
  if (turns === 0) return image;
  const { width, height, data } = image;
  if (turns === 2) return { width, height, data: data.slice().reverse() };
  const out = new Uint8Array(width * height);
  // A quarter turn: the output is `height` wide and `width` tall.
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const target = turns === 1 ? x * height + (height - 1 - y) : (width - 1 - x) * height + y;
      out[target] = data[y * width + x]!;
    }
  return { width: height, height: width, data: out };
}

export interface RuleOptions {
  /** Shortest horizontal rule, in pixels (longer than the bars of `TT` or `EE` side by side). */
  minLength: number;
  /** Shortest vertical rule, in pixels (a one-line row is short; a letter's stem shorter still). */
  minHeight: number;
  /** Thickest rule, in pixels (thicker dark areas are shading, not lines). */
  maxThickness: number;
  /** Gap a broken line may have (scan noise, JPEG), in pixels. */
  maxGap: number;
}

interface Band {
  from: number;
  to: number;
  first: number;
  last: number;
}

/** Long runs of ink along one axis; `at(i, j)` reads ink at position j of line i. */
function runsAlong(lines: number, length: number, at: (i: number, j: number) => number, o: RuleOptions): Band[] {
  const done: Band[] = [];
  let open: Band[] = [];
  for (let i = 0; i < lines; i++) {
    const runs: [number, number][] = [];
    let start = -1;
    let lastInk = -1;
    for (let j = 0; j <= length; j++) {
      const inked = j < length && at(i, j) === 1;
      if (inked) {
        if (start < 0) start = j;
        lastInk = j;
      } else if (start >= 0 && (j === length || j - lastInk > o.maxGap)) {
        if (lastInk - start + 1 >= o.minLength) runs.push([start, lastInk]);
        start = -1;
      }
    }
    const next: Band[] = [];
    for (const [from, to] of runs) {
      const band = open.find((b) => Math.min(b.to, to) - Math.max(b.from, from) > Math.min(b.to - b.from, to - from) / 2);
      if (band) {
        open = open.filter((b) => b !== band);
        next.push({ from: Math.min(band.from, from), to: Math.max(band.to, to), first: band.first, last: i });
      } else next.push({ from, to, first: i, last: i });
    }
    done.push(...open);
    open = next;
  }
  done.push(...open);
  return done.filter((b) => b.last - b.first + 1 <= o.maxThickness);
}

/** A ruling line found in an image, with its thickness in pixels. */
export interface ImageRule extends Rule {
  thickness: number;
}

/**
 * The ruling lines of a page image, in pixels: horizontal and vertical runs
 * of ink at least `minLength` long and at most `maxThickness` thick.
 */
export function rulingLines(ink: Uint8Array, width: number, height: number, options: RuleOptions): ImageRule[] {
  const horizontal = runsAlong(height, width, (y, x) => ink[y * width + x]!, options).map((b) => {
    const y = (b.first + b.last) / 2;
    return { x1: b.from, x2: b.to, y1: y, y2: y, thickness: b.last - b.first + 1 };
  });
  const vertical = runsAlong(width, height, (x, y) => ink[y * width + x]!, { ...options, minLength: options.minHeight }).map((b) => {
    const x = (b.first + b.last) / 2;
    return { x1: x, x2: x, y1: b.from, y2: b.to, thickness: b.last - b.first + 1 };
  });
  return [...horizontal, ...vertical];
}

/** A rectangle of the image with a white margin around it (the OCR reads a lone word better with room around it). */
export function crop(image: GrayImage, x: number, y: number, width: number, height: number, margin = 0): GrayImage {
  const w = width + margin * 2;
  const h = height + margin * 2;
  const data = new Uint8Array(w * h).fill(255);
  for (let row = 0; row < height; row++) {
    const sy = y + row;
    if (sy < 0 || sy >= image.height) continue;
    const from = Math.max(0, x);
    const to = Math.min(image.width, x + width);
    if (to <= from) continue;
    data.set(image.data.subarray(sy * image.width + from, sy * image.width + to), (row + margin) * w + margin + (from - x));
  }
  return { width: w, height: h, data };
}

/** Binary PGM (P5): the cheapest image format the OCR engine reads (no compression to pay for). */
export function encodePgm(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
