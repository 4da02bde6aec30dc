/**
 * Issue 22 point 5 and issue 20 point 4: every entry of the folder is
 * accounted for. Links outside the folder and dangling links, FIFOs and
 * sockets get a row saying why they were not read; Windows and Office
 * leftovers and hidden files are skipped, and so is what `exclude` names.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../pipeline/batch.js';
import { expandInputs } from '../../pipeline/io.js';
import { seed } from '../helpers.js';

const date = new Date('2026-06-30T10:00:00Z');

describe('every entry of the folder', () => {
  it('links, FIFOs and sockets have their row and reason; leftovers, hidden and excluded files are skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-entries-'));
    const input = join(dir, 'in');
    mkdirSync(join(input, 'archivio'), { recursive: true });
    cpSync(seed.schede, join(input, 'schede.txt'));
    cpSync(seed.prose, join(dir, 'fuori.txt'));
    symlinkSync(join(input, 'schede.txt'), join(input, 'collegamento-dentro.txt'));
    symlinkSync(join(dir, 'fuori.txt'), join(input, 'collegamento-fuori.txt'));
    symlinkSync(join(input, 'non-esiste.txt'), join(input, 'collegamento-rotto.txt'));
    execFileSync('mkfifo', [join(input, 'coda')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(input, 'presa.sock'), resolve));
    for (const junk of ['Thumbs.db', 'desktop.ini', '~$piano.docx', '.nascosto.txt']) writeFileSync(join(input, junk), 'x');
    writeFileSync(join(input, 'vecchio.bak'), 'x');
    cpSync(seed.prose, join(input, 'archivio', 'vecchio.txt'));
    try {
      const result = await runBatch(input, { out: join(dir, 'out'), date, jobs: 1, exclude: ['archivio/**', '*.bak'] });
      const byFile = Object.fromEntries(result.rows.map((r) => [r.file, r]));
      expect(Object.keys(byFile).sort()).toEqual(['coda', 'collegamento-dentro.txt', 'collegamento-fuori.txt', 'collegamento-rotto.txt', 'presa.sock', 'schede.txt']);
      expect(byFile['collegamento-dentro.txt']!.objectives).toBe(38);
      expect(byFile['schede.txt']!.objectives).toBe(38);
      const finding = (file: string) => JSON.parse(readFileSync(join(dir, 'out', byFile[file]!.outputs.model), 'utf8')).findings[0];
      expect(finding('collegamento-fuori.txt')).toMatchObject({ rule: 'file-unreadable', messageId: 'linkOutside', data: { target: join(dir, 'fuori.txt') } });
      expect(finding('collegamento-rotto.txt')).toMatchObject({ rule: 'file-unreadable', messageId: 'linkDangling', data: { target: join(input, 'non-esiste.txt') } });
      expect(finding('coda')).toMatchObject({ rule: 'file-unreadable', messageId: 'special' });
      expect(finding('presa.sock')).toMatchObject({ rule: 'file-unreadable', messageId: 'special' });
      for (const file of ['collegamento-fuori.txt', 'collegamento-rotto.txt', 'coda', 'presa.sock']) expect(byFile[file]!.status, file).toBe('fatal');
    } finally {
      server.close();
    }
  }, 60_000);

  it('expandInputs: an exclude pattern without a slash matches the name at any depth; a folder pattern leaves the folder out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-exclude-'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    for (const f of ['uno.txt', 'uno.pdf', 'a/due.txt', 'a/b/tre.txt', 'a/b/tre.pdf']) writeFileSync(join(dir, f), 'x');
    expect(await expandInputs([dir], { exclude: ['*.pdf'] })).toEqual(['a/b/tre.txt', 'a/due.txt', 'uno.txt'].map((f) => join(dir, f)));
    expect(await expandInputs([dir], { exclude: ['a/b'] })).toEqual(['a/b/tre.pdf', 'a/b/tre.txt', 'a/due.txt', 'uno.pdf', 'uno.txt'].filter((f) => !f.startsWith('a/b/')).map((f) => join(dir, f)));
    expect(await expandInputs([dir])).toHaveLength(5);
  });
});
