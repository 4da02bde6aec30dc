import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFatal, processFile } from '../../pipeline/run.js';
import { seed } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'piao-bad-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('bad input gives one clear finding naming the file, never a throw', () => {
  it.each([
    ['empty file', () => file('vuoto.txt', ''), 'file-empty', 'empty'],
    ['whitespace only', () => file('spazi.txt', ' \n\t\n'), 'file-empty', 'empty'],
    ['binary garbage', () => file('garbage.txt', Buffer.from([0, 1, 2, 3, 255, 254, 0, 7])), 'format-unrecognized', 'binary'],
    ['missing path', () => join(dir, 'non-esiste.txt'), 'file-unreadable', 'missing'],
    ['a directory', () => { const d = join(dir, 'cartella'); mkdirSync(d, { recursive: true }); return d; }, 'file-unreadable', 'directory'],
    ['a zipped office file', () => file('piano.docx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 1)])), 'format-unrecognized', 'office'],
  ])('%s', async (_name, make, rule, messageId) => {
    const path = make();
    const plan = await processFile(path);
    expect(isFatal(plan)).toBe(true);
    expect(plan.objectives).toEqual([]);
    expect(plan.findings).toHaveLength(1);
    expect(plan.findings[0]).toMatchObject({ rule, messageId, severity: 'error', fatal: true, source: { file: path } });
    expect(plan.findings[0]!.message).toContain(path);
  });

  it('reads Windows-1252 text and says so', async () => {
    const latin1 = Buffer.from('Piano\tAttivit\xe0\n', 'latin1');
    const plan = await processFile(file('latin1.txt', latin1));
    expect(isFatal(plan)).toBe(false);
    expect(plan.findings.map((f) => f.rule)).toEqual(['encoding-fallback', 'family-unknown']);
  });

  it('prose without objectives (seed 001): family unknown, no objectives, one warning (no objectives-missed: no objective-like structure)', async () => {
    const plan = await processFile(seed.prose);
    expect(plan.family).toBe('unknown');
    expect(plan.objectives).toEqual([]);
    expect(plan.findings).toEqual([expect.objectContaining({ rule: 'family-unknown', severity: 'warning', fatal: false })]);
  });
});
