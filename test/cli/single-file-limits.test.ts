/**
 * Issue 22: the single-file commands read the file as a batch does, in a
 * process of their own with the time and memory limits (`limits.seconds`,
 * `limits.memoryMb`), so a hostile file ends as a `limit-exceeded` finding
 * and exit 2, never as the end of piao; files found in a folder get the
 * batch's link checks. The memory limit on a 20000×20000 image (about
 * 20 s) is in single-file-limits.slow.test.ts.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfBombs } from '../../fixtures/damage.js';
import { runCli } from '../../pipeline/cli/index.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'piao-single-limits-'));
const config = (name: string, limits: Record<string, number>) => {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ limits }));
  return path;
};

describe('one hostile file on the command line', () => {
  it.each([
    ['extract', (file: string) => ['extract', file]],
    ['render plan', (file: string) => ['render', 'plan', file, '--out', join(dir, 'piano.html')]],
    ['results-template', (file: string) => ['results-template', file, '--year', '2024', '--out', join(dir, 'risultati.xlsx')]],
    ['render report', (file: string) => ['render', 'report', '--plan', file, '--year', '2024', '--out', join(dir, 'relazione.html')]],
  ])('%s: 200 000 nested q go over limits.seconds: the message names the file and the limit, exit 2', async (_name, argv) => {
    const file = join(dir, 'annidato.pdf');
    writeFileSync(file, pdfBombs['deep-q']!());
    const r = await run(...argv(file), '--config', config('tempo', { seconds: 2 }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`«${file}» supera il limite «seconds» (2; massimo 2)`);
  }, 60_000);
});

describe('files found in a folder', () => {
  it('a link out of the folder is reported, not read, as in a batch; a file named on its own is read', async () => {
    const folder = join(dir, 'cartella');
    mkdirSync(folder);
    const outside = join(dir, 'fuori.txt');
    writeFileSync(outside, 'Obiettivo\tPeso\n');
    symlinkSync(outside, join(folder, 'collegamento.txt'));
    const r = await run('check', folder, outside, '--format', 'json');
    const reports = JSON.parse(r.stdout) as { file: string; findings: { rule: string; messageId: string }[] }[];
    expect(reports.map((p) => p.file)).toEqual([join(folder, 'collegamento.txt'), outside]);
    expect(reports[0]!.findings).toEqual([expect.objectContaining({ rule: 'file-unreadable', messageId: 'linkOutside' })]);
    expect(reports[1]!.findings.map((f) => f.rule)).not.toContain('file-unreadable');
  }, 60_000);
});
