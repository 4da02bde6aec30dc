/**
 * Issue 22: a single file on the command line is read in a process of its
 * own, whose resident memory is watched (`limits.memoryMb`): a PDF bomb
 * that would take gigabytes ends as `limit-exceeded` and exit 2 (the time
 * limit, quicker to reach, is in single-file-limits.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
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
  it('check: a PDF page that is a 20000×20000 image goes over limits.memoryMb in its reading process: limit-exceeded, exit 2', async () => {
    const file = join(dir, 'immagine-enorme.pdf');
    writeFileSync(file, pdfBombs['huge-image']!());
    const r = await run('check', file, '--format', 'json', '--config', config('memoria', { memoryMb: 450, seconds: 120 }));
    expect(r.code).toBe(2);
    const [report] = JSON.parse(r.stdout);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', fatal: true, data: expect.objectContaining({ file, limit: 'memoryMb', max: 450 }) })]);
    expect(report.findings[0].data.value).toBeGreaterThan(450);
  }, 150_000);
});
