/**
 * Issue 9's robustness test: a folder of 520 damaged inputs generated from
 * the fixtures (truncated, bit-flipped and shuffled PDFs, random bytes, empty
 * files, huge lines, wrong extensions, encrypted PDFs, broken UTF-8, office
 * and image files) plus three good files. The run must end, account for
 * every file in the index, and give the good files the same outputs as a
 * clean run of those files alone.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDamagedSet } from '../../fixtures/damage.js';
import { runBatch } from '../../pipeline/batch.js';

const date = new Date('2026-06-30T10:00:00Z');

describe('batch over 520 damaged inputs', () => {
  it('never dies, lists every file, and leaves the good files as a clean run would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-damaged-'));
    const set = writeDamagedSet(join(dir, 'in'), 520);
    expect(set.files.length).toBeGreaterThanOrEqual(500);

    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2, timeoutMs: 120_000 });
    expect(result.rows.map((r) => r.file).sort()).toEqual([...set.files].sort());
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const file of set.files) expect(index).toContain(`<td>${file}`);
    expect(readFileSync(join(out, 'indice.csv'), 'utf8').trim().split('\r\n')).toHaveLength(set.files.length + 1);
    // Every file that could not be processed says at which step and why, naming the file.
    for (const row of result.rows.filter((r) => r.status === 'fatal')) {
      expect(row.failure?.stage).toMatch(/^(ingest|classify|extract|validate|worker|render)$/);
      expect(row.failure?.message).toContain(row.file.split('/').pop()!);
    }
    // Each kind of damage shows up as the failure it is.
    const byFolder = (folder: string) => result.rows.filter((r) => r.file.startsWith(`${folder}/`));
    expect(byFolder('vuoti').every((r) => r.status === 'fatal')).toBe(true);
    expect(byFolder('cifrati').every((r) => r.status === 'fatal')).toBe(true);
    expect(byFolder('ufficio').every((r) => r.failure?.message.includes('documento da ufficio'))).toBe(true);

    const clean = await runBatch(join(dir, 'in'), { out: join(dir, 'clean'), date, jobs: 1, files: set.good.map((f) => join(dir, 'in', f)) });
    expect(clean.rows.map((r) => r.objectives)).toEqual([38, 137, 27]);
    for (const row of clean.rows) {
      for (const output of [row.outputs.model, row.outputs.report, row.outputs.plan!]) {
        expect(readFileSync(join(out, output), 'utf8'), output).toBe(readFileSync(join(dir, 'clean', output), 'utf8'));
      }
    }
  }, 480_000);
});
