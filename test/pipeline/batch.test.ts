/** `runBatch`: every input file gets a row and its outputs; unchanged files are skipped; outputs equal a direct run. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_NAME, runBatch } from '../../pipeline/batch.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT, seed } from '../helpers.js';

const date = new Date('2026-06-30T10:00:00Z');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'piao-batch-'));
  mkdirSync(join(dir, 'in', 'settore-2'), { recursive: true });
  cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
  cpSync(join(ROOT, 'fixtures/pdf/002-piao-2.2.pdflib-portrait-borderless.pdf'), join(dir, 'in', 'settore-2', 'piao.pdf'));
  cpSync(join(ROOT, 'fixtures/pdf/bad/troncato.pdf'), join(dir, 'in', 'settore-2', 'troncato.pdf'));
  cpSync(seed.prose, join(dir, 'in', 'prosa.txt'));
  writeFileSync(join(dir, 'in', 'vuoto.txt'), '');
  return dir;
}

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

/** A weighting table of objectives that no extractor reads (no title column): piao reads 0 of about 3. */
const UNREAD = 'COMUNE DI VALPROVA\nRiparto del peso degli obiettivi fra i settori - anno 2025\n\nSettore\tPeso obiettivo\nRagioneria\t40\nTributi\t35\nPersonale\t25\nTotale\t100\n';

describe('runBatch: objectives read against the estimate', () => {
  it('index and CSV show read / estimated per file; a file read at 0% is an error, and with the checks off «da verificare», never «corretto»', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-batch-cov-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'riparto.txt'), UNREAD);
    cpSync(seed.prose, join(dir, 'in', 'prosa.txt'));
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    const result = await runBatch(join(dir, 'in'), { out: join(dir, 'out'), date, jobs: 2 });
    expect(result.rows.map((r) => [r.file, r.status, r.objectives, r.estimated])).toEqual([
      ['prosa.txt', 'warning', 0, 0],
      ['riparto.txt', 'error', 0, 3],
      ['schede.txt', 'error', 38, expect.any(Number)],
    ]);
    const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(index).toContain('Obiettivi letti / stimati');
    expect(index).toContain('<td class="n under">0 / 3<br><small>letti per meno della metà</small></td>');
    expect(index).toContain('<td class="n">38 / ');
    const csv = readFileSync(join(dir, 'out', 'indice.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(';'));
    expect(csv[0]!.at(-1)).toBe('obiettivi stimati');
    expect(csv.map((l) => [l[0], l.at(-1)])).toEqual([['file', 'obiettivi stimati'], ['prosa.txt', '0'], ['riparto.txt', '3'], ['schede.txt', expect.stringMatching(/^\d+$/)]]);

    // Every check that could say so turned off: the file is still not «corretto».
    const config = { rules: { 'objectives-missed': 'off', 'family-unknown': 'off' } } as const;
    const quiet = await runBatch(join(dir, 'in'), { out: join(dir, 'quiet'), date, jobs: 2, config, files: [join(dir, 'in', 'riparto.txt'), join(dir, 'in', 'prosa.txt')] });
    expect(quiet.rows.map((r) => [r.file, r.status])).toEqual([['riparto.txt', 'ok'], ['prosa.txt', 'ok']]);
    const quietIndex = readFileSync(join(dir, 'quiet', 'index.html'), 'utf8');
    expect(quietIndex).toMatch(/<td class="file">riparto\.<wbr>txt[\s\S]*?<td class="status">da verificare<\/td>/);
    expect(quietIndex).toMatch(/<td class="file">prosa\.<wbr>txt[\s\S]*?<td class="status">nessun obiettivo trovato<\/td>/);
    expect(quietIndex).not.toContain('>corretto<');
  }, 120_000);
});

describe('runBatch', () => {
  it('writes the model, the check report and the plan of every file, and an index with one row per file', async () => {
    const dir = folder();
    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2 });
    expect(result.rows.map((r) => [r.file, r.status, r.family, r.objectives])).toEqual([
      ['prosa.txt', 'warning', 'unknown', 0], // read by no layout: never «ok»
      ['schede.txt', 'error', 'schede-obiettivo', 38],
      ['settore-2/piao.pdf', 'warning', 'piao-2.2-table', 137], // plan-period-conflict: a section headed «PERFORMNCE 2023» in the PIAO 2024-2026
      ['settore-2/troncato.pdf', 'fatal', 'unknown', 0],
      ['vuoto.txt', 'fatal', 'unknown', 0],
    ]);
    expect(result.rows[3]!.failure).toMatchObject({ stage: 'ingest', message: expect.stringContaining('troncato.pdf') });
    expect(result.rows[4]!.failure).toMatchObject({ stage: 'ingest', message: expect.stringContaining('è vuoto') });
    for (const row of result.rows) {
      expect(existsSync(join(out, row.outputs.model))).toBe(true);
      expect(existsSync(join(out, row.outputs.report))).toBe(true);
      expect(row.outputs.plan === null).toBe(row.objectives === 0);
    }
    // The model written is the pipeline's own, with the path relative to the input folder.
    const direct = await processFile(join(dir, 'in', 'schede.txt'));
    const written = JSON.parse(readFileSync(join(out, 'documenti/schede.txt.modello.json'), 'utf8'));
    expect(written).toEqual({ ...direct, source: { ...direct.source, path: 'schede.txt' } });
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    // the file cell may break only after a separator (<wbr>)
    for (const row of result.rows) expect(index).toContain(`<td class="file">${row.file.replace(/([/\\_.-])(?=.)/g, '$1<wbr>')}`);
    expect(index).toContain('Passo «ingest»');
    expect(index).toContain('href="documenti/settore-2/piao.pdf.piano.html"');
    // ... and the plan links back to its check report and to the index (index <-> report <-> plan).
    const planHtml = readFileSync(join(out, 'documenti/settore-2/piao.pdf.piano.html'), 'utf8');
    expect(planHtml).toContain('<a href="../../index.html">Indice dei documenti</a>');
    expect(planHtml).toContain('<a href="piao.pdf.controllo.html">Rapporto di controllo</a>');
    expect(existsSync(join(out, 'documenti/settore-2/piao.pdf.controllo.html'))).toBe(true);
    const csv = readFileSync(join(out, 'indice.csv'), 'utf8');
    expect(csv.startsWith('\ufefffile;formato;pagine')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(6);
    // No temp file of an atomic write is left behind.
    expect(allFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('skips files whose content, tool version and configuration are unchanged; --force and an edit redo them', async () => {
    const dir = folder();
    const out = join(dir, 'out');
    await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
    const modelBefore = readFileSync(join(out, 'documenti/schede.txt.modello.json'), 'utf8');

    const again = await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
    expect([again.processed, again.reused]).toEqual([0, 5]);
    expect(again.rows.every((r) => r.reused)).toBe(true);
    expect(readFileSync(join(out, 'documenti/schede.txt.modello.json'), 'utf8')).toBe(modelBefore);

    writeFileSync(join(dir, 'in', 'prosa.txt'), 'Un altro testo.\n');
    const edited = await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
    expect(edited.rows.filter((r) => !r.reused).map((r) => r.file)).toEqual(['prosa.txt']);

    const otherConfig = await runBatch(join(dir, 'in'), { out, date, jobs: 1, config: { rules: { 'weights-sum': 'off' } } });
    expect(otherConfig.reused).toBe(0);

    const forced = await runBatch(join(dir, 'in'), { out, date, jobs: 1, config: { rules: { 'weights-sum': 'off' } }, force: true });
    expect([forced.processed, forced.reused]).toEqual([5, 0]);

    // A damaged manifest only means everything is redone.
    writeFileSync(join(out, MANIFEST_NAME), '{"tool": 1');
    expect((await runBatch(join(dir, 'in'), { out, date, jobs: 1 })).reused).toBe(0);
  }, 120_000);

  it('never reads its own output folder when it sits inside the input folder', async () => {
    const dir = folder();
    const out = join(dir, 'in', 'risultati');
    await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
    const second = await runBatch(join(dir, 'in'), { out, date, jobs: 1, force: true });
    expect(second.rows).toHaveLength(5);
  }, 120_000);
});

describe('runBatch interrupted', () => {
  it('a run killed midway leaves only whole files; the next run removes its temp files and completes', async () => {
    const { spawn } = await import('node:child_process');
    const dir = folder();
    for (let k = 0; k < 6; k++) cpSync(join(ROOT, 'fixtures/pdf/004-performance-organizzativa.pdflib-portrait.pdf'), join(dir, 'in', `organizzativa-${k}.pdf`));
    const out = join(dir, 'out');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin/piao.ts'), 'batch', join(dir, 'in'), '--out', out], { cwd: ROOT, stdio: 'ignore' });
    // Kill it as soon as some outputs exist, while other files are still being read and written.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const written = existsSync(join(out, 'documenti')) ? allFiles(join(out, 'documenti')).filter((f) => f.endsWith('.modello.json')).length : 0;
        if (written >= 2 || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const written = allFiles(out).filter((f) => !f.endsWith('.tmp'));
    expect(written.length).toBeGreaterThan(0);
    for (const f of written.filter((f) => f.endsWith('.json'))) expect(() => JSON.parse(readFileSync(f, 'utf8')), f).not.toThrow();
    for (const f of written.filter((f) => f.endsWith('.html'))) expect(readFileSync(f, 'utf8').trimEnd().endsWith('</html>'), f).toBe(true);
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2 });
    expect(result.rows).toHaveLength(11);
    expect(allFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 240_000);
});
