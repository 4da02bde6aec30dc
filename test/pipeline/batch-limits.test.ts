/**
 * Issue 22, point 2: per-file budgets in a batch. Files are read in
 * processes of their own; one whose reading takes more resident memory
 * than `limits.memoryMb` (native and ArrayBuffer memory included, which a
 * heap limit does not see) or more time than `limits.seconds` is stopped
 * and reported as `limit-exceeded`, and the next file is read.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfBombs } from '../../fixtures/damage.js';
import { runBatch } from '../../pipeline/batch.js';
import { seed } from '../helpers.js';

const date = new Date('2026-06-30T10:00:00Z');

describe('budgets of one file in a batch', () => {
  // Two batches, one limit each: on a busy machine the 20000×20000 image may also take longer than a
  // tight time limit, and which limit comes first would then depend on the load.
  it('a PDF page that is a 20000×20000 image goes over limits.memoryMb; the good file beside it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-limits-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'immagine-enorme.pdf'), pdfBombs['huge-image']!());
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2, config: { limits: { memoryMb: 700, seconds: 120 } } });
    const model = (file: string) => JSON.parse(readFileSync(join(out, result.rows.find((r) => r.file === file)!.outputs.model), 'utf8'));
    expect(model('immagine-enorme.pdf').findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', fatal: true, data: expect.objectContaining({ limit: 'memoryMb', max: 700 }) })]);
    expect(model('immagine-enorme.pdf').findings[0].data.value).toBeGreaterThan(700);
    expect(result.rows.find((r) => r.file === 'schede.txt')!.objectives).toBe(38);
  }, 150_000);

  it('a PDF of 200 000 nested q goes over limits.seconds; the good file beside it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-limits-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'annidato.pdf'), pdfBombs['deep-q']!());
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 2, config: { limits: { seconds: 8 } } });
    const model = (file: string) => JSON.parse(readFileSync(join(out, result.rows.find((r) => r.file === file)!.outputs.model), 'utf8'));
    expect(model('annidato.pdf').findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', data: { file: join(dir, 'in', 'annidato.pdf'), limit: 'seconds', value: 8, max: 8 } })]);
    expect(result.rows.find((r) => r.file === 'schede.txt')!.objectives).toBe(38);
  }, 90_000);
});
