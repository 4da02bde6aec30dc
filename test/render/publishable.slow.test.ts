/**
 * Issue 20, point 9, as LibreOffice lays it out: the plan of seed 004 and its Relazione (with the filled
 * sheet fixtures/results/004-risultati.csv) converted to PDF and read back with pdf.js. The title page has
 * no footer; page 2 is the table of contents, with page numbers LibreOffice computed, and the footer
 * «Pagina 2 di N». `.ci/run` installs LibreOffice, so CI runs these; without `soffice` on PATH they are
 * skipped, and the describe title says so. Run by `npm run test:slow`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPdfJs } from '../../pipeline/ingest/pdf.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { renderPlan, renderRelazione } from '../../pipeline/render/index.js';
import { findLibreOffice } from '../../pipeline/render/pdf.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { readResults } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';

/** Each page's text, items joined by spaces (one string per page). */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    pages.push((await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '));
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

const soffice = findLibreOffice();
const title = soffice ? 'publishable PDF through LibreOffice' : 'publishable PDF through LibreOffice (skipped: LibreOffice «soffice» is not on PATH; apt-get install libreoffice-writer-nogui)';

describe.runIf(soffice !== null)(title, () => {
  const config = PiaoConfig.parse({});

  it('the plan of seed 004: title page without footer, table of contents with page numbers on page 2, «Pagina N di M» on every other page', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const pages = await pdfPages((await renderPlan(plan, { format: 'pdf', outDir: null })) as Uint8Array);
    const n = pages.length;
    expect(n).toBeGreaterThan(5);
    expect(pages[0]).toContain('Comune di Chiari');
    expect(pages[0]).toContain('Approvato con deliberazione … n. … del …');
    expect(pages[0]).not.toContain('Pagina');
    expect(pages[1]).toContain('Indice');
    expect(pages[1]).toContain(`Pagina 2 di ${n}`);
    expect(pages[1]).toContain('Piano della performance – Comune di Chiari – 2025-2027');
    // The entry of chapter 1 has the page it starts on: page 3, after the title page and the contents.
    expect(pages[1]).toMatch(/1\. Albero degli obiettivi[ .]*\b3\b/);
    expect(pages[2]).toContain('1. Albero degli obiettivi');
    // The annex entry's page number is the page where the annex starts.
    const annex = /Allegato: fonti dei dati[ .]*(\d+)/.exec(pages[1]!)?.[1];
    expect(annex).toBeDefined();
    expect(pages[Number(annex) - 1]).toContain('Allegato: fonti dei dati');
    for (let p = 2; p <= n; p++) expect(pages[p - 1], `page ${p}`).toContain(`Pagina ${p} di ${n}`);
  }, 180_000);

  it('the Relazione 2025 of seed 004: contents on page 2, the OIV block, the charts drawn', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const sheet = join(ROOT, 'fixtures/results/004-risultati.csv');
    const r = computeRelazione(plan, 2025, await readResults(sheet, plan, 2025, config), config, sheet);
    const pages = await pdfPages((await renderRelazione(r, config, { format: 'pdf', outDir: null })) as Uint8Array);
    const n = pages.length;
    expect(n).toBeGreaterThan(3);
    expect(pages[0]).toContain('Relazione sulla performance 2025');
    expect(pages[1]).toContain('Indice');
    expect(pages[1]).toContain('2.3 Performance organizzativa');
    expect(pages[1]).toContain(`Pagina 2 di ${n}`);
    const oivPage = Number(/4\. Validazione dell'OIV[ .]*(\d+)/.exec(pages[1]!)?.[1]);
    expect(pages[oivPage - 1]).toContain('Documento di validazione della Relazione sulla performance 2025');
    expect(pages[oivPage - 1]).toContain('Luogo e data:');
    // LibreOffice draws the first image of the chart's frame, the SVG: its title is text in the PDF.
    expect(pages.join(' ')).toContain('Grado di raggiungimento per unità organizzativa');
  }, 180_000);

  // LibreOffice's Python bridge (python3-uno) comes with LibreOffice on Debian; without it this one is skipped.
  // The first Python that has it (a pyenv or venv python3 on PATH may not; the system one does).
  const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import uno'], { encoding: 'utf8' }).status === 0) ?? null;
  it.runIf(python !== null)('updating the table of contents in LibreOffice gives the entries already written (python3-uno)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-toc-'));
    try {
      const odt = join(dir, 'piano.odt');
      writeFileSync(odt, (await renderPlan(await loadPlan(seed.organizzativa), { format: 'odt', outDir: null })) as Uint8Array);
      const port = 20000 + Math.floor(Math.random() * 20000);
      const script = [
        'import json, subprocess, sys, time, uno',
        'from com.sun.star.beans import PropertyValue',
        `office = subprocess.Popen([${JSON.stringify(soffice)}, '--headless', '--norestore', '-env:UserInstallation=${pathToFileURL(join(dir, 'profilo')).href}', '--accept=socket,host=127.0.0.1,port=${port};urp;'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)`,
        'try:',
        '    ctx = None',
        '    for _ in range(90):',
        '        try:',
        '            local = uno.getComponentContext()',
        "            resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)",
        `            ctx = resolver.resolve('uno:socket,host=127.0.0.1,port=${port};urp;StarOffice.ComponentContext')`,
        '            break',
        '        except Exception:',
        '            time.sleep(1)',
        "    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)",
        "    hidden = PropertyValue(); hidden.Name = 'Hidden'; hidden.Value = True",
        `    doc = desktop.loadComponentFromURL('${pathToFileURL(odt).href}', '_blank', 0, (hidden,))`,
        '    index = doc.getDocumentIndexes().getByIndex(0)',
        '    before = index.getAnchor().getString()',
        '    index.update()',
        '    after = index.getAnchor().getString()',
        '    doc.close(True)',
        "    print(json.dumps({'before': before, 'after': after}))",
        '    try:',
        '        desktop.terminate()',
        '    except Exception:',
        '        pass',
        'finally:',
        '    try:',
        '        office.wait(timeout=20)',
        '    except Exception:',
        '        office.kill()',
      ].join('\n');
      const run = spawnSync(python!, ['-c', script], { encoding: 'utf8', timeout: 170_000 });
      expect(run.status, run.stderr).toBe(0);
      const { before, after } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { before: string; after: string };
      expect(after).toContain('1. Albero degli obiettivi\t3');
      expect(after.split('\n')).toHaveLength(1 + 31); // the title, 4 chapters and 27 cards
      expect(before).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
