/**
 * Issue 22, point 1: image files whose headers ask the native decoders for
 * too much (or lead them in circles) become a finding for that file; the
 * native decoding runs in a child process, so even a decoder crash is one
 * file's finding. The inputs are built byte by byte in fixtures/damage.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { craftedJpeg, craftedPng, realPng, selfReferencingTiff } from '../../../fixtures/damage.js';
import { ImageError, inspectImage, openImage } from '../../../pipeline/ingest/image.js';
import { decodeText, sniffFormat } from '../../../pipeline/ingest/index.js';
import { isFatal, processBytes, processFile } from '../../../pipeline/run.js';
import { seed } from '../../helpers.js';

const noOcr = { config: { ocr: { enabled: false } } };

describe('crafted images are refused from their headers, before any decoder runs', () => {
  it.each([
    ['PNG claiming 50000×50000', 'grande.png', () => craftedPng(50000, 50000), 2_500_000_000],
    ['JPEG whose frame says 65500×65500', 'grande.jpg', () => craftedJpeg(65500, 65500), 65500 * 65500],
    ['PNG of 1×200000000', 'striscia.png', () => craftedPng(1, 200_000_000), 200_000_000],
  ])('%s: limit-exceeded (pixels)', async (_name, file, make, pixels) => {
    const bytes = make();
    expect(bytes.length).toBeLessThan(100);
    const plan = await processBytes(file, bytes);
    expect(plan.findings).toHaveLength(1);
    expect(plan.findings[0]).toMatchObject({ rule: 'limit-exceeded', messageId: 'file', fatal: true, data: { file, limit: 'pixels', value: pixels, max: 120_000_000 } });
  });

  it.each([
    ['invalid colour type 5', () => craftedPng(100, 100, { colour: 5 })],
    ['bit depth 7', () => craftedPng(100, 100, { depth: 7 })],
    ['colour type 2 (RGB) with bit depth 1', () => craftedPng(100, 100, { colour: 2, depth: 1 })],
  ])('PNG with %s: format-unsupported', async (_name, make) => {
    const plan = await processBytes('colore.png', make());
    expect(plan.findings).toHaveLength(1);
    expect(plan.findings[0]).toMatchObject({ rule: 'format-unsupported', messageId: 'undecodable', fatal: true, data: { file: 'colore.png', format: 'immagine PNG' } });
  });

  it('a 38-byte TIFF whose directory points to itself is refused, not followed for ever', async () => {
    const bytes = selfReferencingTiff();
    expect(bytes.length).toBe(38);
    expect(() => inspectImage(bytes, 'TIFF')).toThrow(ImageError);
    const plan = await processBytes('circolare.tif', bytes);
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'format-unsupported', messageId: 'undecodable', fatal: true })]);
  });

  it('a TIFF with more pages than limits.pages is refused as a whole', async () => {
    const tif = readFileSync(join(import.meta.dirname, '../../../fixtures/scan/004-schede.tif'));
    expect(inspectImage(tif, 'TIFF')).toHaveLength(2);
    const plan = await processBytes('schede.tif', tif, { config: { limits: { pages: 1 } } });
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', data: expect.objectContaining({ limit: 'pages', value: 2, max: 1 }) })]);
  });

  it('a TIFF entry pointing past the end of the file is refused', () => {
    const bytes = selfReferencingTiff();
    bytes.writeUInt32LE(0, 34); // the chain now ends
    expect(inspectImage(bytes, 'TIFF')).toEqual([{ width: 100, height: 100, problem: null }]);
    bytes.writeUInt16LE(4, 24); // ImageLength as LONG
    bytes.writeUInt32LE(4, 26); // four of them: 16 bytes, stored at the offset in the entry
    bytes.writeUInt32LE(1_000_000, 30);
    expect(() => inspectImage(bytes, 'TIFF')).toThrow(ImageError);
  });
});

describe('native decoding in a child process', () => {
  it('decodes a real PNG there: the grey pixels come back', async () => {
    const image = openImage(realPng(200, 90), 'PNG');
    try {
      const page = await image.page(0);
      expect([page.image.width, page.image.height]).toEqual([200, 90]);
      // realPng draws a black bar over rows 30..44 and columns 50..149 of a white page.
      expect(page.image.data[0]).toBe(255);
      expect(page.image.data[35 * 200 + 100]).toBe(0);
      expect(page.image.data[35 * 200 + 20]).toBe(255);
      expect(page.image.data[60 * 200 + 100]).toBe(255);
    } finally {
      image.close();
    }
  }, 30_000);

  it('a decoder that crashes the process (the 50000×50000 PNG with the limits lifted) is a rejected page, and this process lives on', async () => {
    const image = openImage(craftedPng(50000, 50000), 'PNG', { pixels: 10_000_000_000, side: 1_000_000 });
    try {
      await expect(image.page(0)).rejects.toThrow(/SIGILL|SIGSEGV|SIGABRT|SIGTRAP|codice/);
    } finally {
      image.close();
    }
  }, 30_000);
});

describe('recognition by magic numbers first', () => {
  it('a PNG with %PDF- in a text chunk is a PNG, and named .pdf it is still read as one', async () => {
    const png = realPng(40, 30, '%PDF-1.7 not a pdf');
    expect(png.subarray(0, 1024).toString('latin1')).toContain('%PDF-');
    expect(sniffFormat(png)).toEqual({ format: 'image', kind: 'PNG' });
    const plan = await processBytes('scansione.pdf', png, noOcr);
    expect(plan.source.format).toBe('image');
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'format-unsupported', messageId: 'ocrOff' })]);
  });

  it('text named .pdf is still refused as not a PDF', async () => {
    const plan = await processBytes('piano.pdf', Buffer.from('Obiettivo 1\n'));
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'format-unrecognized', messageId: 'notPdf' })]);
  });

  it.each([
    ['UTF-16 LE', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['UTF-16 BE', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
    ['UTF-32 LE', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })])],
    ['UTF-32 BE', (s: string) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0)!); return b; })])],
  ])('%s text with a BOM is read as text, like its UTF-8', async (_name, encode) => {
    expect(decodeText(encode('Attività € 𝟙'))).toEqual({ text: 'Attività € 𝟙', fallback: false });
    const utf8 = readFileSync(seed.schede, "utf8");
    const bytes = encode(utf8);
    expect(sniffFormat(bytes).format).toBe('text');
    const [plan, reference] = await Promise.all([processBytes('schede.txt', bytes), processBytes('schede.txt', Buffer.from(utf8))]);
    expect(plan.objectives.length).toBeGreaterThan(0);
    expect(plan.objectives).toEqual(reference.objectives);
  });
});

describe('per-file budgets and entries that are not regular files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-limits-'));

  it('a file over limits.bytes is not read', async () => {
    const path = join(dir, 'lungo.txt');
    writeFileSync(path, 'Obiettivo 1 '.repeat(10));
    const plan = await processFile(path, { config: { limits: { bytes: 100 } } });
    expect(isFatal(plan)).toBe(true);
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', data: { file: path, limit: 'bytes', value: 120, max: 100 } })]);
  });

  it('a text over limits.textChars is not parsed', async () => {
    const plan = await processBytes('testo.txt', Buffer.from('Attività '.repeat(4)), { config: { limits: { textChars: 20 } } });
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', data: { file: 'testo.txt', limit: 'textChars', value: 36, max: 20 } })]);
  });

  it('a FIFO is reported, not read (a read would wait for ever)', async () => {
    const fifo = join(dir, 'coda');
    execFileSync('mkfifo', [fifo]);
    const plan = await processFile(fifo);
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'file-unreadable', messageId: 'special', fatal: true })]);
  });
});
