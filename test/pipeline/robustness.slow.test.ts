/**
 * Issue 22's robustness suite, in full (`npm run test:slow`; the figures are
 * also printed by `npm run bench`, bench/robustness.ts). Two folders:
 * issue 9's 520 damaged inputs read in this process, and the hostile set
 * (crafted images and header mutants, PDF bombs, adversarial texts, links,
 * a FIFO, leftovers) read by a real `piao batch` process. No process dies,
 * nothing hangs, every entry has its row, the process tree stays under
 * 2 GiB, and the good files come out as a clean run makes them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDamagedSet, writeHostileSet } from '../../fixtures/damage.js';
import { runBatch } from '../../pipeline/batch.js';
import { runHostileBatch } from '../../bench/robustness.js';

const date = new Date('2026-06-30T10:00:00Z');

describe('batch over 520 damaged inputs', () => {
  it('never dies, lists every file, and leaves the good files as a clean run would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-damaged-'));
    const set = writeDamagedSet(join(dir, 'in'), 520);
    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2, timeoutMs: 120_000 });
    expect(result.rows.map((r) => r.file).sort()).toEqual([...set.files].sort());
    expect(readFileSync(join(out, 'indice.csv'), 'utf8').trim().split('\r\n')).toHaveLength(set.files.length + 1);
    for (const row of result.rows.filter((r) => r.status === 'fatal')) {
      expect(row.failure?.stage).toMatch(/^(ingest|classify|extract|validate|render|write)$/);
      expect(row.failure?.message).toContain(row.file.split('/').pop()!);
    }
    const clean = await runBatch(join(dir, 'in'), { out: join(dir, 'clean'), date, jobs: 1, files: set.good.map((f) => join(dir, 'in', f)) });
    expect(clean.rows.map((r) => r.objectives)).toEqual([38, 137, 27]);
    for (const row of clean.rows)
      for (const output of [row.outputs.model, row.outputs.report, row.outputs.plan!]) expect(readFileSync(join(out, output), 'utf8'), output).toBe(readFileSync(join(dir, 'clean', output), 'utf8'));
  }, 900_000);
});

describe('batch over the hostile set, in a process of its own', () => {
  it('0 deaths, 0 hangs, 0 missing, peak RSS under 2 GiB; crafted files refused for what they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-hostile-'));
    const set = writeHostileSet(join(dir, 'in'), 120);
    const figures = await runHostileBatch(join(dir, 'in'), set.files, { out: join(dir, 'out'), jobs: 2, seconds: 60 });
    console.log(`hostile set: ${figures.inputs} inputs, ${figures.deaths} deaths, ${figures.hangs} hangs, ${figures.missing.length} missing, ${figures.stoppedAtLimit} stopped at a limit, peak RSS ${figures.peakRssMb} MiB, ${figures.seconds} s`);
    expect(figures.deaths).toBe(0);
    expect(figures.hangs).toBe(0);
    expect(figures.missing).toEqual([]);
    expect(figures.exitCode).toBe(1); // files with errors, not a failure of the run
    expect(figures.peakRssMb).toBeLessThan(2048);
    expect(Object.keys(figures.rows).sort()).toEqual([...set.files].sort());
    for (const skipped of set.skipped) expect(figures.rows).not.toHaveProperty(skipped);
    for (const file of ['immagini/png-50000x50000.png', 'immagini/jpeg-65500x65500.jpg', 'immagini/png-1x200000000.png', 'immagini/png-colore-5.png', 'immagini/tiff-circolare.tif'])
      expect(figures.rows[file]?.stage, file).toBe('ingest');
    // The good files: the models a clean run of them alone writes (the reports carry the run's date).
    const clean = await runBatch(join(dir, 'in'), { out: join(dir, 'clean'), date, jobs: 1, files: set.good.map((f) => join(dir, 'in', f)) });
    for (const row of clean.rows) {
      expect(figures.rows[row.file], row.file).toBeNull();
      expect(readFileSync(join(dir, 'out', row.outputs.model), 'utf8'), row.file).toBe(readFileSync(join(dir, 'clean', row.outputs.model), 'utf8'));
    }
  }, 1_500_000);
});
