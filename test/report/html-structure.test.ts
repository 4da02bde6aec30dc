/**
 * The HTML a planning office opens and publishes (issue 20, point 8): every link of the batch index,
 * the check reports and the bundled rule pages leads to a file that exists; a finding's place opens its
 * source page (`file.pdf#page=N`); every table has a caption and every header cell a scope; viewport
 * and print styles are there. No browser: the structure is read from the HTML.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { ROOT, seed } from '../helpers.js';

let dir: string;
let out: string;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false });
  return { code, stdout, stderr };
}

const PDF = '004-performance-organizzativa.pdflib-portrait.pdf';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'piao-html-'));
  mkdirSync(join(dir, 'in', 'settore 2'), { recursive: true });
  copyFileSync(join(ROOT, 'fixtures', 'pdf', PDF), join(dir, 'in', 'settore 2', PDF));
  copyFileSync(seed.schede, join(dir, 'in', 'schede#1.txt')); // a name with # must still link
  out = join(dir, 'out');
  await run('batch', join(dir, 'in'), '--out', out);
}, 120_000);

const htmlFiles = (root: string) =>
  readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.controllo.html') || f === 'index.html' || f.startsWith('regole')).filter((f) => f.endsWith('.html')).map((f) => join(root, f));

function hrefs(html: string): string[] {
  const entities: Record<string, string> = { '&amp;': '&', '&#x3D;': '=', '&#x27;': "'", '&quot;': '"', '&#x60;': '`' };
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;|&#x3D;|&#x27;|&quot;|&#x60;/g, (e) => entities[e]!));
}

function linkTarget(file: string, href: string): string | null {
  if (href.startsWith('#')) return null;
  if (/^https?:/.test(href)) return null; // a reference on the web (the docs cite their libraries)
  expect(href).not.toMatch(/^[a-z]+:/); // files: relative links only, the folder can be moved or published whole
  const path = decodeURIComponent(href.split('#')[0]!);
  return resolve(dirname(file), path);
}

describe('links', () => {
  it('every link of the index, the check reports and the rule pages leads to an existing file', () => {
    const files = htmlFiles(out);
    expect(files.length).toBeGreaterThan(30); // index, 2 reports, the rule pages and their index
    let checked = 0;
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      for (const href of hrefs(html)) {
        const target = linkTarget(file, href);
        if (target === null && href.startsWith("#")) {
          expect(html).toContain(`id="${href.slice(1)}"`);
          continue;
        }
        if (target === null) continue;
        expect(existsSync(target), `${file}: ${href}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('index -> report -> plan, model, rule pages and back to the index', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(hrefs(index)).toEqual(
      expect.arrayContaining(['regole/index.html', 'indice.csv', 'documenti/schede%231.txt.controllo.html', `documenti/settore%202/${PDF}.controllo.html`, `documenti/settore%202/${PDF}.piano.html`]),
    );
    const report = readFileSync(join(out, 'documenti', 'settore 2', `${PDF}.controllo.html`), 'utf8');
    expect(hrefs(report)).toEqual(expect.arrayContaining(['../../index.html', '../../regole/index.html', `${PDF}.piano.html`, `${PDF}.modello.json`, '../../regole/computed-mismatch.html', `../../../in/settore%202/${PDF}`]));
  });

  it("each finding's place opens the source page: file.pdf#page=N", () => {
    const report = readFileSync(join(out, 'documenti', 'settore 2', `${PDF}.controllo.html`), 'utf8');
    const places = [...report.matchAll(/<th scope="row"><a href="([^"]+)">(p\. \d+[^<]*)<\/a>/g)].map(([, href, place]) => [href!.replace(/&#x3D;/g, '='), place!]);
    expect(places.length).toBeGreaterThan(0);
    for (const [href, place] of places) {
      const page = /^p\. (\d+)/.exec(place!)![1];
      expect(href).toBe(`../../../in/settore%202/${PDF}#page=${page}`);
    }
  });

  it('check --out report.html: the rule pages are written next to it', async () => {
    const target = join(dir, 'rapporto', 'controllo.html');
    const r = await run('check', seed.schede, '--out', target);
    expect(r.code).toBe(1);
    const html = readFileSync(target, 'utf8');
    expect(hrefs(html)).toContain('regole/weights-sum.html');
    for (const href of hrefs(html)) {
      const t = linkTarget(target, href);
      if (t) expect(existsSync(t), href).toBe(true);
    }
    expect(readFileSync(join(dir, 'rapporto', 'regole', 'weights-sum.html'), 'utf8')).toContain('<h2>Come correggere</h2>');
  });
});

describe('structure', () => {
  it('file names in the index break only after a separator, never inside a word (printed A4 index)', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const cells = [...index.matchAll(/<td class="file">(.*?)(?:<br>|<\/td>)/g)].map((m) => m[1]!);
    expect(cells).toEqual(expect.arrayContaining(['schede#1.<wbr>txt', `settore 2/<wbr>004-<wbr>performance-<wbr>organizzativa.<wbr>pdflib-<wbr>portrait.<wbr>pdf`]));
    // print: the file cell keeps its words whole (overflow-wrap: anywhere would let the table squeeze it mid-word)
    expect(index).toMatch(/@media print[\s\S]*td\.file \{ overflow-wrap: break-word; \}/);
  });
  it('every table has a caption, every header cell a scope', () => {
    for (const file of [join(out, 'index.html'), ...htmlFiles(out).filter((f) => f.endsWith('.controllo.html'))]) {
      const html = readFileSync(file, 'utf8');
      const tables = html.match(/<table>/g)?.length ?? 0;
      expect(tables).toBeGreaterThan(0);
      expect(html.match(/<table>\n<[a-z]+/g)?.every((m) => m.endsWith('<caption'))).toBe(true);
      expect(html.match(/<caption[ >]/g)?.length).toBe(tables);
      const ths = html.match(/<th\b[^>]*>/g) ?? [];
      expect(ths.length).toBeGreaterThan(0);
      for (const th of ths) expect(th).toMatch(/scope="(col|row)"/);
    }
  });

  it('viewport meta and print styles; the printed index keeps every column', () => {
    for (const file of [join(out, 'index.html'), join(out, 'documenti', 'schede#1.txt.controllo.html')]) {
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain('@media print');
    }
    const print = /@media print \{([\s\S]*?)\n {2}\}/.exec(readFileSync(join(out, 'index.html'), 'utf8'))![1]!;
    expect(print).toContain('size: A4 landscape');
    expect(print).not.toMatch(/display: none[^}]*\b(td|th|table)\b|\b(td|th|table)\b[^}]*display: none/);
  });
});
