/**
 * A small representative sample of the robustness suite (the full one is
 * test/pipeline/robustness.slow.test.ts): issue 9's damaged inputs, two of
 * each kind (truncated, bit-flipped and shuffled PDFs, random bytes, empty
 * files, huge lines, wrong extensions, encrypted PDFs, broken UTF-8, office
 * and image files), and issue 22's hostile ones without the PDF bombs
 * (crafted images and a few header mutants, adversarial texts, UTF-16,
 * links, a FIFO, leftovers). The run ends, every entry has its row, each
 * kind of damage is the failure it is, and the good files come out as a
 * clean run of them alone makes them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDamagedSet, writeHostileSet } from '../../fixtures/damage.js';
import { runBatch } from '../../pipeline/batch.js';

const date = new Date('2026-06-30T10:00:00Z');

describe('batch over a sample of damaged and hostile inputs', () => {
  it('never dies, lists every entry, and leaves the good files as a clean run would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-damaged-'));
    const input = join(dir, 'in');
    const hostile = writeHostileSet(input, 6, 20261202, { bombs: false });
    const damaged = writeDamagedSet(join(input, 'danni'), 24);
    const expected = [...hostile.files, ...damaged.files.map((f) => `danni/${f}`)];

    const out = join(dir, 'out');
    const result = await runBatch(input, { out, date, jobs: 2, timeoutMs: 60_000 });
    expect(result.rows.map((r) => r.file).sort()).toEqual([...expected].sort());
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const file of expected) expect(index).toContain(file);
    expect(readFileSync(join(out, 'indice.csv'), 'utf8').trim().split('\r\n')).toHaveLength(expected.length + 1);
    // Every file that could not be processed says at which step and why, naming the file.
    for (const row of result.rows.filter((r) => r.status === 'fatal')) {
      expect(row.failure?.stage, row.file).toMatch(/^(ingest|classify|extract|validate|render|write)$/);
      expect(row.failure?.message).toContain(row.file.split('/').pop()!);
    }
    const row = (file: string) => result.rows.find((r) => r.file === file)!;
    const model = (file: string) => JSON.parse(readFileSync(join(out, row(file).outputs.model), 'utf8'));
    const first = (file: string) => model(file).findings.find((f: { fatal: boolean }) => f.fatal);
    // Each kind of damage shows up as the failure it is.
    const byFolder = (folder: string) => result.rows.filter((r) => r.file.startsWith(`${folder}/`));
    expect(byFolder('danni/vuoti').every((r) => r.status === 'fatal')).toBe(true);
    expect(byFolder('danni/cifrati').every((r) => r.status === 'fatal')).toBe(true);
    expect(byFolder('danni/ufficio').every((r) => first(r.file)?.rule === 'format-unrecognized' && first(r.file)?.messageId === 'office')).toBe(true);
    for (const file of ['immagini/png-50000x50000.png', 'immagini/jpeg-65500x65500.jpg', 'immagini/png-1x200000000.png'])
      expect(first(file), file).toMatchObject({ rule: 'limit-exceeded', data: { limit: 'pixels' } });
    for (const file of ['immagini/png-colore-5.png', 'immagini/png-profondita-7.png', 'immagini/tiff-circolare.tif'])
      expect(first(file), file).toMatchObject({ rule: 'format-unsupported', messageId: 'undecodable' });
    expect(model('immagini/png-con-pdf.pdf').source.format).toBe('image');
    expect(first('collegamenti/fuori.txt')).toMatchObject({ rule: 'file-unreadable', messageId: 'linkOutside' });
    expect(first('collegamenti/rotto.txt')).toMatchObject({ rule: 'file-unreadable', messageId: 'linkDangling' });
    expect(first('collegamenti/coda')).toMatchObject({ rule: 'file-unreadable', messageId: 'special' });
    for (const file of ['codifiche/utf16le.txt', 'codifiche/utf16be.txt', 'collegamenti/dentro.txt']) expect(row(file).objectives, file).toBe(38);
    for (const skipped of hostile.skipped) expect(result.rows.some((r) => r.file === skipped)).toBe(false);

    const clean = await runBatch(input, { out: join(dir, 'clean'), date, jobs: 1, files: hostile.good.map((f) => join(input, f)) });
    expect(clean.rows.map((r) => r.objectives)).toEqual([38, 137, 27]);
    for (const good of clean.rows) {
      for (const output of [good.outputs.model, good.outputs.report, good.outputs.plan!]) {
        expect(readFileSync(join(out, output), 'utf8'), output).toBe(readFileSync(join(dir, 'clean', output), 'utf8'));
      }
    }
  }, 120_000);
});
