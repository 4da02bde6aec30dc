/** Pixel work of the OCR path on synthetic pages whose truth is known. */
import { describe, expect, it } from 'vitest';
import { crop, despeckle, encodePgm, estimateSkew, inkMask, otsuThreshold, rotate, rotateQuarters, rulingLines, type GrayImage } from '../../../pipeline/ingest/raster.js';

/** A white page with a bordered 3×2 table and rows of "text" (short dark bars, like words). */
function page(): GrayImage {
  const width = 1200;
  const height = 900;
  const data = new Uint8Array(width * height).fill(235);
  const fill = (x0: number, y0: number, x1: number, y1: number, v = 20) => {
    for (let y = y0; y < y1; y++) data.fill(v, y * width + x0, y * width + x1);
  };
  // Table: horizontal rules at 100, 300, 500; vertical at 100, 500, 900, 1100 (3 px thick).
  for (const y of [100, 300, 500]) fill(100, y, 1103, y + 3);
  for (const x of [100, 500, 900, 1100]) fill(x, 100, x + 3, 503);
  // Words: 20 px tall bars, 40 px long, 15 px apart, in lines 40 px apart below the table.
  for (let line = 0; line < 8; line++) for (let word = 0; word < 15; word++) fill(100 + word * 65, 560 + line * 40, 140 + word * 65, 580 + line * 40);
  return { width, height, data };
}

describe('raster', () => {
  it('turns by quarters exactly: a mark at the top left goes to the top right, bottom right, bottom left', () => {
    // 3 wide, 2 tall; the only dark pixel is at (0, 0).
    const image: GrayImage = { width: 3, height: 2, data: Uint8Array.from([0, 255, 255, 255, 255, 255]) };
    const dark = (i: GrayImage) => { const at = i.data.indexOf(0); return [i.width, i.height, at % i.width, Math.floor(at / i.width)]; };
    expect(dark(rotateQuarters(image, 1))).toEqual([2, 3, 1, 0]);
    expect(dark(rotateQuarters(image, 2))).toEqual([3, 2, 2, 1]);
    expect(dark(rotateQuarters(image, 3))).toEqual([2, 3, 0, 2]);
    const back = rotateQuarters(rotateQuarters(page(), 1), 3);
    expect([back.width, back.height, Buffer.from(back.data).equals(Buffer.from(page().data))]).toEqual([1200, 900, true]);
    expect(rotateQuarters(image, 4)).toBe(image);
  });

  it('Otsu separates ink from paper', () => {
    const t = otsuThreshold(page());
    expect(t).toBeGreaterThanOrEqual(20);
    expect(t).toBeLessThan(235);
  });

  it('finds the ruling lines of a table and not the words', () => {
    const image = page();
    const rules = rulingLines(inkMask(image), image.width, image.height, { minLength: 120, minHeight: 60, maxThickness: 9, maxGap: 3 });
    const horizontal = rules.filter((r) => r.y1 === r.y2).sort((a, b) => a.y1 - b.y1);
    const vertical = rules.filter((r) => r.x1 === r.x2).sort((a, b) => a.x1 - b.x1);
    expect(horizontal.map((r) => r.y1)).toEqual([101, 301, 501]);
    expect(vertical.map((r) => r.x1)).toEqual([101, 501, 901, 1101]);
    expect(horizontal.every((r) => r.x1 === 100 && r.x2 === 1102 && r.thickness === 3)).toBe(true);
  });

  it('measures a skew within 0.15° and levels it', () => {
    for (const degrees of [1.2, -0.7, 2.5]) {
      const turned = rotate(page(), degrees);
      const found = estimateSkew(inkMask(turned), turned.width, turned.height);
      expect(Math.abs(found - degrees)).toBeLessThanOrEqual(0.15);
      const level = rotate(turned, -found);
      expect(Math.abs(estimateSkew(inkMask(level), level.width, level.height))).toBeLessThanOrEqual(0.15);
    }
  });

  it('removes specks but keeps full stops and strokes', () => {
    const image = page();
    const { width } = image;
    image.data[50 * width + 50] = 0; // a one-pixel speck
    image.data[50 * width + 51] = 0;
    for (let y = 40; y < 45; y++) image.data.fill(0, y * width + 300, y * width + 305); // a 5×5 full stop
    const ink = inkMask(image);
    const removed = despeckle(image, ink, 8);
    expect(removed).toBe(1);
    expect(image.data[50 * width + 50]).toBe(255);
    expect(image.data[42 * width + 302]).toBe(0);
    expect(image.data[101 * width + 600]).toBe(20);
  });

  it('crops with a white margin and writes a PGM the OCR reads', () => {
    const piece = crop(page(), 95, 95, 20, 10, 5);
    expect([piece.width, piece.height]).toEqual([30, 20]);
    expect(piece.data[0]).toBe(255);
    expect(piece.data[(5 + 6) * 30 + 5 + 6]).toBe(20);
    const pgm = encodePgm(piece);
    expect(Buffer.from(pgm.subarray(0, 13)).toString('latin1')).toBe('P5\n30 20\n255\n');
    expect(pgm.length).toBe(13 + 600);
  });
});
