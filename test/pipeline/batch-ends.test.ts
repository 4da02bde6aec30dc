/**
 * Issue 22, point 4: a batch always ends and always has an index. A write
 * that fails is that file's row (`output-unwritable`), an unusable `--out`
 * is refused before any work with exit 2, the CLI process exits on every
 * path, the index is rewritten as files finish (an interrupted run leaves
 * one), and only the temp files of dead runs are removed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFolderError, runBatch } from '../../pipeline/batch.js';
import { ROOT, seed } from '../helpers.js';

const date = new Date('2026-06-30T10:00:00Z');
const BIN = join(ROOT, 'bin/piao.js');
/** A name that fits the input folder but not the output one (`<name>.modello.json` passes 255 bytes). */
const LONG = `${'n'.repeat(240)}.txt`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'piao-ends-'));
  mkdirSync(join(dir, 'in'));
  return dir;
}

const csvRows = (out: string) => readFileSync(join(out, 'indice.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((line) => line.split(';')[0]);

describe('an unusable --out is refused before any work', () => {
  it('a file as --out: runBatch rejects, nothing is read', async () => {
    const dir = folder();
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    writeFileSync(join(dir, 'out'), 'un file');
    let read = 0;
    await expect(runBatch(join(dir, 'in'), { out: join(dir, 'out'), date, jobs: 1, onProgress: () => read++ })).rejects.toThrow(OutputFolderError);
    expect(read).toBe(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('un file');
  });

  it('a folder that cannot be written into (under a file): rejected too', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), '');
    await expect(runBatch(join(dir, 'in'), { out: join(dir, 'file', 'out'), date, jobs: 1 })).rejects.toThrow(OutputFolderError);
  });

  it('the CLI exits with 2, and exits', () => {
    const dir = folder();
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    writeFileSync(join(dir, 'out'), '');
    const run = spawnSync(process.execPath, [BIN, 'batch', join(dir, 'in'), '--out', join(dir, 'out')], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' });
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'out', 'index.html'))).toBe(false);
  }, 70_000);
});

describe('a write that fails is that file\'s row', () => {
  it('a name too long for the output folder: output-unwritable in its row; the other file and the index are written', async () => {
    const dir = folder();
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    cpSync(seed.organizzativa, join(dir, 'in', LONG));
    const out = join(dir, 'out');
    const result = await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
    const [long, good] = [result.rows.find((r) => r.file === LONG)!, result.rows.find((r) => r.file === 'schede.txt')!];
    expect(long.failure?.stage).toBe('write');
    expect(long.failure?.message).toContain('ENAMETOOLONG');
    expect(long.failure?.message).toContain(LONG);
    expect(long.status).toBe('error');
    expect(long.objectives).toBe(27); // it was read; only its outputs could not be written
    expect(good.failure).toBeNull();
    for (const output of [good.outputs.model, good.outputs.report, good.outputs.plan!]) expect(existsSync(join(out, output)), output).toBe(true);
    expect(csvRows(out).sort()).toEqual([LONG, 'schede.txt'].sort());
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(LONG);
  }, 60_000);

  it('the CLI on that folder exits by itself with the index written', () => {
    const dir = folder();
    cpSync(seed.schede, join(dir, 'in', 'schede.txt'));
    cpSync(seed.organizzativa, join(dir, 'in', LONG));
    const run = spawnSync(process.execPath, [BIN, 'batch', join(dir, 'in'), '--out', join(dir, 'out'), '--jobs', '2'], { cwd: ROOT, timeout: 120_000, encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1); // error findings, not a crash (2)
    expect(csvRows(join(dir, 'out')).sort()).toEqual([LONG, 'schede.txt'].sort());
  }, 130_000);
});

describe('the index of what is done, as files finish', () => {
  it('a run killed while a long scan is still being read leaves an index of the files already done', async () => {
    const dir = folder();
    const texts = [seed.schede, seed.organizzativa, seed.legacy, seed.piao22];
    texts.forEach((t, k) => cpSync(t, join(dir, 'in', `a-${k}.txt`)));
    // Read last (names are sorted) and slow: an A4 scan read by OCR.
    cpSync(join(ROOT, 'fixtures/scan/004-scheda.png'), join(dir, 'in', 'z-scansione.png'));
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [BIN, 'batch', join(dir, 'in'), '--out', out, '--jobs', '1'], { cwd: ROOT, stdio: 'ignore' });
    const stillRunning = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        const rows = existsSync(join(out, 'indice.csv')) ? csvRows(out).length : 0;
        if (rows >= texts.length || child.exitCode !== null) {
          clearInterval(poll);
          const running = child.exitCode === null;
          child.kill('SIGKILL');
          resolve(running);
        }
      }, 50);
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(stillRunning).toBe(true);
    const rows = csvRows(out);
    expect(rows.sort()).toEqual(texts.map((_, k) => `a-${k}.txt`));
    for (const row of rows) expect(existsSync(join(out, 'documenti', `${row}.modello.json`)), row).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8').trimEnd().endsWith('</html>')).toBe(true);
  }, 120_000);
});

describe('temp files of other runs', () => {
  it('those of a live run are kept, those of a dead run removed', async () => {
    const dir = folder();
    cpSync(seed.prose, join(dir, 'in', 'prosa.txt'));
    const out = join(dir, 'out');
    mkdirSync(join(out, 'documenti'), { recursive: true });
    const dead = spawnSync('true').pid!;
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const deadTemp = `.prosa.txt.modello.json.${dead}.0badc0de.tmp`;
      const liveTemp = `.prosa.txt.modello.json.${sleeper.pid}.0123abcd.tmp`;
      writeFileSync(join(out, 'documenti', deadTemp), '{');
      writeFileSync(join(out, 'documenti', liveTemp), '{');
      await runBatch(join(dir, 'in'), { out, date, jobs: 1 });
      const left = readdirSync(join(out, 'documenti')).filter((f) => f.endsWith('.tmp'));
      expect(left).toEqual([liveTemp]);
    } finally {
      sleeper.kill('SIGKILL');
    }
  }, 60_000);
});
