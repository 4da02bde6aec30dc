/**
 * What a person sees in the HTML outputs of `piao batch`, checked in a real browser
 * (issue 20, point 8): the system `chromium` run headless on the outputs of a batch
 * over two seeds, a PDF and a damaged PDF. The printed index keeps every column on
 * A4 landscape and every file's row; the index, a check report and a plan do not
 * scroll sideways on a 420 px or a 1400 px screen, and their screenshots are not
 * blank; the printed plan has its title and every objective code.
 *
 * `.ci/run` installs chromium (Debian package `chromium`); on a machine without it
 * the file is skipped. No browser library: chromium's own command-line switches.
 * Run by `npm run test:slow`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchResult } from '../../pipeline/batch.js';
import { openPdf } from '../../pipeline/ingest/pdf.js';
import { ROOT, seed } from '../helpers.js';

function findChromium(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const path = join(dir, name);
      if (dir && existsSync(path)) return path;
    }
  }
  return null;
}

const CHROMIUM = findChromium();
const CHROMIUM_TIMEOUT = 90_000;

/**
 * One headless chromium run with a profile of its own. The browser is the leader of
 * its own process group: on a timeout, and after it exits, the whole group
 * (renderer, GPU and zygote processes) is killed, so that nothing is left running.
 */
async function chromium(args: string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'piao-chromium-'));
  const flags = [
    '--headless=new',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...args,
  ];
  const child = spawn(CHROMIUM!, flags, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group has already ended.
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, CHROMIUM_TIMEOUT);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (timedOut) throw new Error(`chromium did not end within ${CHROMIUM_TIMEOUT / 1000} s: ${args.join(' ')}`);
    if (code !== 0) throw new Error(`chromium exited with ${code}: ${args.join(' ')}\n${stderr.slice(-2000)}`);
    return stdout;
  } finally {
    clearTimeout(timer);
    killGroup();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page printed by chromium (A4 unless its print CSS says otherwise), without the browser's header and footer. */
async function printToPdf(html: string): Promise<Uint8Array> {
  const pdf = join(dirname(html), `.stampa-${Math.random().toString(36).slice(2)}.pdf`);
  await chromium(['--no-pdf-header-footer', '--virtual-time-budget=5000', `--print-to-pdf=${pdf}`, pathToFileURL(html).href]);
  const bytes = new Uint8Array(readFileSync(pdf));
  rmSync(pdf);
  return bytes;
}

interface PdfItem {
  str: string;
  x: number;
  width: number;
}
interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** The page's text, all whitespace removed (a cell's text may wrap anywhere). */
  flat: string;
}

async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await openPdf(bytes);
  const pages: PdfPage[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const { width, height } = page.getViewport({ scale: 1 });
      const items = (await page.getTextContent()).items
        .filter((i) => 'str' in i && i.str.trim() !== '')
        .map((i) => ('str' in i ? { str: i.str, x: i.transform[4] as number, width: i.width } : { str: '', x: 0, width: 0 }));
      pages.push({ width, height, items, flat: flat(items.map((i) => i.str).join('')) });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

const flat = (s: string): string => s.replace(/\s+/g, '');

const decode = (s: string): string =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The texts of the header cells of the page's first table, read from the HTML. */
function columnHeaders(html: string): string[] {
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
  return [...thead.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => decode(m[1]!));
}

const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&#x3D;/g, '='));

interface Measure {
  /** document.documentElement.scrollWidth */
  sw: number;
  /** window.innerWidth */
  iw: number;
  /** The first elements outside any scroll box that stick out past the right edge (for the failure message). */
  out: string[];
  /** Kinds of elements that scroll sideways inside their own box (content wider than the box). */
  scrollers: string[];
}

/** Measures the page, once loaded, and hands the numbers to the frame around it. */
const MEASURE_SCRIPT = `<script>addEventListener('load', () => {
  const d = document.documentElement;
  const name = (e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
  const all = [...document.querySelectorAll('body *')];
  const boxed = (e) => /auto|scroll|hidden|clip/.test(getComputedStyle(e).overflowX);
  const inBox = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (boxed(p)) return true; return false; };
  const out = all.filter((e) => !inBox(e) && e.getBoundingClientRect().right > innerWidth + 1).slice(0, 6).map(name);
  const scrollers = [...new Set(all.filter((e) => boxed(e) && e.scrollWidth > e.clientWidth + 1).map(name))];
  parent.postMessage(JSON.stringify({ sw: d.scrollWidth, iw: innerWidth, out, scrollers }), '*');
});</script>`;

/**
 * The page's layout at a screen width. Headless chromium keeps its window at least
 * 500 px wide, so the page is loaded in a frame exactly `width` px wide (its media
 * queries see that width) by a page of the test, which writes the frame's measure
 * into its own DOM, read back with --dump-dom. The measured page is a copy, next to
 * the original (the same relative links), with the measuring script appended and
 * without its Content-Security-Policy, which (rightly) forbids every script.
 */
async function measure(html: string, width: number): Promise<Measure> {
  const tag = `${width}-${Math.random().toString(36).slice(2)}`;
  const copy = join(dirname(html), `.misura-${tag}.html`);
  const frame = join(dirname(html), `.cornice-${tag}.html`);
  const source = readFileSync(html, 'utf8');
  expect(source).toContain('</body>');
  writeFileSync(copy, source.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', `${MEASURE_SCRIPT}</body>`));
  writeFileSync(
    frame,
    `<!DOCTYPE html><html><body style="margin:0"><pre id="misura">nessuna misura</pre>` +
      `<iframe src="${encodeURI(copy.slice(dirname(copy).length + 1))}" style="border:0;width:${width}px;height:900px"></iframe>` +
      `<script>addEventListener('message', (e) => { document.getElementById('misura').textContent = e.data; });</script></body></html>`,
  );
  try {
    const dom = await chromium([`--window-size=${Math.max(width, 500) + 100},1000`, '--virtual-time-budget=5000', '--dump-dom', pathToFileURL(frame).href]);
    const text = /<pre id="misura">([\s\S]*?)<\/pre>/.exec(dom)?.[1];
    expect(text, `no measure of ${html} at ${width} px`).toMatch(/^\{/);
    return JSON.parse(decode(text!)) as Measure;
  } finally {
    rmSync(copy, { force: true });
    rmSync(frame, { force: true });
  }
}

/** A screenshot of the page itself at width × 900; returns its size and the share of pixels that differ from the top-left one (the background). */
async function screenshot(html: string, width: number, png: string): Promise<{ width: number; height: number; inked: number }> {
  await chromium([`--window-size=${width},900`, '--virtual-time-budget=5000', `--screenshot=${png}`, pathToFileURL(html).href]);
  const image = await loadImage(readFileSync(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!) > 30) inked++;
  }
  return { width: image.width, height: image.height, inked: inked / (image.width * image.height) };
}

const A4 = { long: 841.89, short: 595.28 }; // points

const TITLE = CHROMIUM
  ? 'the HTML outputs in a real browser (chromium headless)'
  : 'the HTML outputs in a real browser: skipped, no chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)';

describe.skipIf(CHROMIUM === null)(TITLE, () => {
  let dir = '';
  let out = '';
  let batch: BatchResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'piao-browser-'));
    mkdirSync(join(dir, 'in'));
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    cpSync(seed.organizzativa, join(dir, 'in', 'organizzativa.txt'));
    cpSync(join(ROOT, 'fixtures/pdf/002-piao-2.2.pdflib-portrait-borderless.pdf'), join(dir, 'in', 'piao.pdf'));
    cpSync(join(ROOT, 'fixtures/pdf/bad/troncato.pdf'), join(dir, 'in', 'troncato.pdf'));
    out = join(dir, 'out');
    batch = await runBatch(join(dir, 'in'), { out, date: new Date('2026-06-30T10:00:00Z'), jobs: 2 });
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the printed index: A4 landscape, every column header on every page, no text past the right edge, every file a row', async () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const print = /@media print\s*\{([\s\S]*?)\n {2}\}/.exec(html)?.[1] ?? '';
    expect(print).toMatch(/@page\s*\{[^}]*size:\s*A4 landscape/);
    const headers = columnHeaders(html);
    expect(headers).toContain('File');
    expect(headers).toContain('Esito');
    expect(headers.length).toBeGreaterThanOrEqual(8);

    const pages = await readPdf(await printToPdf(join(out, 'index.html')));
    expect(pages.length).toBeGreaterThan(0);
    for (const [n, page] of pages.entries()) {
      expect([Math.round(page.width), Math.round(page.height)], `page ${n + 1} size`).toEqual([Math.round(A4.long), Math.round(A4.short)]);
      for (const h of headers) expect(page.flat, `header «${h}» on page ${n + 1}`).toContain(flat(h));
      const past = page.items.filter((i) => i.x < -1 || i.x + i.width > page.width + 1).map((i) => i.str);
      expect(past, `text past the edge of page ${n + 1}`).toEqual([]);
    }
    const all = pages.map((p) => p.flat).join('');
    expect(batch.rows.map((r) => r.file).sort()).toEqual(['organizzativa.txt', 'piao.pdf', 'schede.txt', 'troncato.pdf']);
    for (const row of batch.rows) expect(all, `row of ${row.file}`).toContain(flat(row.file));
    // The damaged PDF's row says why it was not read.
    expect(all).toContain(flat('non elaborato'));
  }, 120_000);

  it('the index on a 420 px and a 1400 px screen: no sideways scroll of the page, all columns in view on the wide one, a screenshot that is not blank', async () => {
    const index = join(out, 'index.html');
    for (const width of [420, 1400]) {
      const m = await measure(index, width);
      expect(m.iw).toBe(width);
      expect(m.sw, `index at ${width} px: ${JSON.stringify(m)}`).toBeLessThanOrEqual(m.iw);
      if (width === 1400) expect(m.scrollers, 'the table scrolls on a wide screen').toEqual([]);
      const shot = await screenshot(index, width, join(dir, `indice-${width}.png`));
      expect([shot.width, shot.height]).toEqual([width, 900]);
      expect(shot.inked, `share of non-background pixels at ${width} px`).toBeGreaterThan(0.01);
    }
  }, 180_000);

  it('index → check report → plan: the links lead there, both pages fit a 420 px screen, the printed plan has its title and every objective code', async () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const row = batch.rows.find((r) => r.file === 'piao.pdf')!;
    expect(row.outputs.plan).not.toBeNull();
    // The index links to the report and to the plan of the file.
    expect(hrefs(index)).toContain(row.outputs.report);
    expect(hrefs(index)).toContain(row.outputs.plan);
    const report = join(out, row.outputs.report);
    const reportHtml = readFileSync(report, 'utf8');
    const fromReport = hrefs(reportHtml).map((h) => join(dirname(report), decodeURI(h.split('#')[0]!)));
    // The report links back to the index, to the plan and to the source page by page.
    expect(fromReport).toContain(join(out, 'index.html'));
    const plan = join(out, row.outputs.plan!);
    expect(fromReport).toContain(plan);
    expect(hrefs(reportHtml).some((h) => /piao\.pdf#page=\d+$/.test(h))).toBe(true);
    for (const target of fromReport.filter((t) => !t.startsWith('http'))) expect(existsSync(target), relative(out, target)).toBe(true);

    for (const page of [report, plan]) {
      const m = await measure(page, 420);
      expect(m.iw).toBe(420);
      expect(m.sw, `${relative(out, page)} at 420 px: ${JSON.stringify(m)}`).toBeLessThanOrEqual(m.iw);
      const shot = await screenshot(page, 420, join(dir, `${relative(out, page).replace(/\W/g, '_')}.png`));
      expect(shot.inked).toBeGreaterThan(0.01);
    }

    const planHtml = readFileSync(plan, 'utf8');
    const title = decode(/<h1>([\s\S]*?)<\/h1>/.exec(planHtml)![1]!);
    expect(title).toContain('Piano della performance');
    const model = JSON.parse(readFileSync(join(out, row.outputs.model), 'utf8')) as { objectives: { code: string | null }[] };
    const codes = model.objectives.map((o) => o.code).filter((c): c is string => !!c);
    expect(codes).toContain('S1-1_1'); // the first objective of the first strategic line of the PIAO
    expect(codes).toContain('PM_5');
    const pages = await readPdf(await printToPdf(plan));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.map((p) => p.flat).join('');
    expect(pages[0]!.flat).toContain(flat(title));
    // Every code is printed with its title (tree and card): «S1-1_1 — …» at least as many times as objectives carry it.
    for (const code of new Set(codes)) {
      const printed = all.split(`${flat(code)}—`).length - 1;
      expect(printed, `objective ${code} printed`).toBeGreaterThanOrEqual(codes.filter((c) => c === code).length);
    }
    for (const [n, page] of pages.entries()) {
      const past = page.items.filter((i) => i.x < -1 || i.x + i.width > page.width + 1).map((i) => i.str);
      expect(past, `text past the edge of plan page ${n + 1}`).toEqual([]);
    }
  }, 240_000);
});

