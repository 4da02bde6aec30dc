/**
 * `npm run bench` (part of it, BENCH_SKIP_ROBUSTNESS=1 skips it), or alone:
 * `npx tsx bench/robustness.ts [MUTANTS]`. Issue 22's robustness suite: a
 * seeded folder of hostile inputs (fixtures/damage.ts `writeHostileSet`:
 * crafted images and header mutants, PDF bombs, adversarial texts, links, a
 * FIFO, Windows leftovers, good files) read by a real `piao batch` process on
 * two jobs, with the per-file limits at 60 s and 768 MiB per reading process. Prints the inputs tried,
 * process deaths (the CLI killed by a signal or ending on an internal error,
 * and reading processes that died under a file), hangs (the CLI still running
 * after the harness's own limit), files missing from the index, files stopped
 * at a limit, and the peak resident memory of the whole process tree
 * (threads and decoder children included), sampled every 100 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHostileSet } from '../fixtures/damage.js';

const ROOT = join(import.meta.dirname, '..');

export interface RobustnessFigures {
  inputs: number;
  deaths: number;
  hangs: number;
  missing: string[];
  stoppedAtLimit: number;
  peakRssMb: number;
  seconds: number;
  exitCode: number | null;
  rows: Record<string, { stage: string; message: string } | null>;
}

/** Resident memory of a process and all its descendants (Linux /proc), bytes. */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p !== undefined && p !== root && p > 1) p = parent.get(p);
    if (p !== root) continue;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    } catch {
      // ended
    }
  }
  return total;
}

/** Runs `piao batch` on `input` in a process of its own and measures it (see the file's comment). */
export async function runHostileBatch(input: string, expected: string[], options: { out: string; jobs?: number; seconds?: number; memoryMb?: number; harnessMs?: number }): Promise<RobustnessFigures> {
  const config = join(options.out + '.config.json');
  writeFileSync(config, JSON.stringify({ limits: { seconds: options.seconds ?? 60, memoryMb: options.memoryMb ?? 768 } }));
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/piao.js'), 'batch', input, '--out', options.out, '--jobs', String(options.jobs ?? 2), '--config', config], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let peak = 0;
  const sampler = setInterval(() => child.pid && (peak = Math.max(peak, treeRss(child.pid))), 100);
  let hung = false;
  const harness = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, options.harnessMs ?? 20 * 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
  clearInterval(sampler);
  clearTimeout(harness);
  const rows: RobustnessFigures['rows'] = {};
  const csv = join(options.out, 'indice.csv');
  if (existsSync(csv)) {
    const [header, ...lines] = readFileSync(csv, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    const columns = header!.split(';');
    const [stage, problem] = [columns.indexOf('passo non riuscito'), columns.indexOf('problema')];
    // Rows are plain here: no file name or message of the suite holds a ; or a quote.
    for (const line of lines) {
      const cells = line.split(';');
      rows[cells[0]!] = cells[stage] ? { stage: cells[stage]!, message: cells[problem] ?? '' } : null;
    }
  }
  const crashedWorkers = Object.values(rows).filter((r) => r?.stage === 'worker').length;
  const internal = code === 2 && /errore interno|internal error/i.test(stderr);
  return {
    inputs: expected.length,
    deaths: (signal && !hung ? 1 : 0) + (internal ? 1 : 0) + crashedWorkers,
    hangs: hung ? 1 : 0,
    missing: expected.filter((f) => !(f in rows)),
    stoppedAtLimit: Object.values(rows).filter((r) => r?.message.includes('limit') || r?.message.includes('limite')).length,
    peakRssMb: Math.round(peak / 1048576),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    exitCode: code,
    rows,
  };
}

export async function benchRobustness(mutants = Number(process.env.BENCH_ROBUSTNESS_MUTANTS ?? 60)): Promise<RobustnessFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-hostile-'));
  try {
    const set = writeHostileSet(join(dir, 'in'), mutants);
    const figures = await runHostileBatch(join(dir, 'in'), set.files, { out: join(dir, 'out') });
    console.log(`\nrobustness: a batch over ${figures.inputs} hostile inputs (${set.skipped.length} leftovers skipped), 2 jobs, 60 s and 768 MiB per file`);
    console.log(`  inputs tried        ${figures.inputs}`);
    console.log(`  process deaths      ${figures.deaths}`);
    console.log(`  hangs               ${figures.hangs}`);
    console.log(`  missing from index  ${figures.missing.length}${figures.missing.length ? ` (${figures.missing.join(', ')})` : ''}`);
    console.log(`  stopped at a limit  ${figures.stoppedAtLimit}`);
    console.log(`  peak RSS            ${figures.peakRssMb} MiB (process tree)`);
    console.log(`  time                ${figures.seconds} s, exit code ${figures.exitCode}`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchRobustness(process.argv[2] ? Number(process.argv[2]) : undefined);
