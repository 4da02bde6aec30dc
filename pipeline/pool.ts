/**
 * Many files on every core: a pool of reading processes, each running the
 * whole pipeline on one file at a time (pdf.js has no worker of its own in
 * Node, so a process per core is what lets a batch of PDFs use the
 * machine). p-queue feeds them. Processes, not threads: a process has its
 * own memory, so its heap limit (`--max-old-space-size`) and a watchdog on
 * its resident memory (config `limits.memoryMb`, native and ArrayBuffer
 * memory included) bound what one file can take, and a native crash ends
 * only that process. A process is replaced after `recycleAfter` files, when
 * it dies, when it goes over its memory, and when a file takes longer than
 * `timeoutMs` (config `limits.seconds`); its file then gets a finding
 * (`limit-exceeded` or `stage-crash`) and the others go on.
 *
 * `forEachPlan` hands each result to a callback and keeps nothing, so a
 * batch of thousands of files holds only the files in flight;
 * `processFiles` collects the results in input order.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import type { PlanDocument } from '../models/plan.js';
import { PiaoConfig } from '../models/config.js';
import { crashedPlan, limitPlan, processFile, type RunOptions } from './run.js';

export interface PoolOptions extends RunOptions {
  /** Reading processes; default: the machine's cores. 1 runs in this process unless `isolate` is set. */
  jobs?: number;
  /** Read even a single job in a process of its own, with the time and memory bounds. Default: only when `jobs` > 1. */
  isolate?: boolean;
  /** Files a reading process handles before it is replaced. Default 50. */
  recycleAfter?: number;
  /** Longest time one file may take before it is stopped and reported (`limit-exceeded`). Default: config `limits.seconds` (10 minutes). */
  timeoutMs?: number;
  /** Heap limit of each reading process in MiB. Default: config `limits.memoryMb` (2048). */
  maxHeapMb?: number;
  /** Called as each file is done (in completion order). */
  onDone?: (plan: PlanDocument, index: number) => void;
  /**
   * The folder each file was found in (its `root`, see RunOptions), when
   * files come from different folders (`piao check a/ b/ piano.pdf`);
   * undefined for a file named on its own. Default: `root` for every file.
   */
  rootOf?: (file: string, index: number) => string | undefined;
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url);

/** From the compiled package the reader is plain JS; from the TypeScript sources (tests, `npm run piao`) it loads tsx first. */
function newReader(maxHeapMb: number): ChildProcess {
  const execArgv = [`--max-old-space-size=${maxHeapMb}`];
  if (FROM_SOURCES) execArgv.push('--import', import.meta.resolve('tsx/esm'));
  return fork(WORKER_URL, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** Resident memory of a process in bytes (Linux /proc), null where it cannot be read. */
function residentBytes(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return null;
  }
}

interface Slot {
  child: ChildProcess;
  done: number;
  /** Set when the process exited (between files too, e.g. a stray failure inside pdf.js after its result was sent). */
  dead: boolean;
  /** The end of what the process wrote on stderr (V8 says there why it aborted). */
  stderr: string;
}

/**
 * Runs the pipeline on every file and awaits `onPlan` for each result as it
 * comes (completion order); at most `jobs` files are in flight.
 */
export async function forEachPlan(files: readonly string[], options: PoolOptions, onPlan: (plan: PlanDocument, index: number) => void | Promise<void>): Promise<void> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const { onDone: _onDone, jobs: _jobs, isolate = false, recycleAfter = 50, timeoutMs: _timeout, maxHeapMb: _heap, rootOf, ...run } = options;
  const optionsOf = (file: string, i: number): RunOptions => {
    if (!rootOf) return run;
    const { root: _root, ...rest } = run;
    const root = rootOf(file, i);
    return root === undefined ? rest : { ...rest, root };
  };
  const limits = PiaoConfig.parse(options.config ?? {}).limits;
  const timeoutMs = options.timeoutMs ?? limits.seconds * 1000;
  const maxHeapMb = options.maxHeapMb ?? limits.memoryMb;
  if (jobs === 1 && !isolate) {
    for (const [i, file] of files.entries()) await onPlan(await processFile(file, optionsOf(file, i)), i);
    return;
  }
  // Files in flight share the cores for OCR: with two files at once on two cores, one OCR worker each.
  run.ocrWorkers ??= Math.max(1, Math.floor(availableParallelism() / jobs));
  const idle: Slot[] = [];
  // Every process started, idle or busy: all of them are ended when the pool ends, on every path.
  const live = new Set<Slot>();
  let closing = false;
  const spawn = (): Slot => {
    const slot: Slot = { child: newReader(maxHeapMb), done: 0, dead: false, stderr: '' };
    live.add(slot);
    slot.child.stderr!.on('data', (chunk: Buffer) => (slot.stderr = (slot.stderr + chunk.toString('utf8')).slice(-4000)));
    // Permanent listeners: an error while the process is idle must not become an unhandled 'error' event here.
    slot.child.on('error', () => undefined);
    slot.child.on('exit', () => {
      slot.dead = true;
      live.delete(slot);
    });
    return slot;
  };
  const retire = (slot: Slot) => {
    live.delete(slot);
    if (!slot.dead) slot.child.kill('SIGKILL');
  };
  for (let i = 0; i < jobs; i++) idle.push(spawn());
  const runOn = (slot: Slot, file: string, i: number): Promise<{ plan: PlanDocument; alive: boolean }> =>
    new Promise((resolve) => {
      const child = slot.child;
      let settled = false;
      const finish = (plan: PlanDocument, alive: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watchdog);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (!alive) retire(slot);
        resolve({ plan, alive });
      };
      const onMessage = (plan: PlanDocument) => finish(plan, true);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        const heap = /heap limit|out of memory/i.test(slot.stderr);
        const reason = heap ? `memoria esaurita (oltre ${maxHeapMb} MiB) leggendo il file` : `il processo di lettura è terminato (${signal ?? `codice ${code}`})`;
        finish(crashedPlan(file, 'worker', reason, run), false);
      };
      const timer = setTimeout(() => finish(limitPlan(file, 'seconds', timeoutMs / 1000, timeoutMs / 1000, run), false), timeoutMs);
      const watchdog = setInterval(() => {
        const rss = residentBytes(child.pid);
        if (rss !== null && rss > limits.memoryMb * 1048576) finish(limitPlan(file, 'memoryMb', Math.round(rss / 1048576), limits.memoryMb, run), false);
      }, 250);
      child.on('message', onMessage);
      child.on('exit', onExit);
      if (slot.dead) return onExit(null, null);
      child.send({ file, options: optionsOf(file, i) });
    });
  const queue = new PQueue({ concurrency: jobs });
  let failure: { error: unknown } | null = null;
  try {
    await queue.addAll(
      files.map((file, i) => async () => {
        if (closing) return;
        let slot = idle.pop()!;
        if (slot.dead) slot = spawn();
        const { plan, alive } = await runOn(slot, file, i);
        slot.done++;
        if (alive && slot.done >= recycleAfter) retire(slot);
        if (!alive || slot.done >= recycleAfter) slot = closing ? slot : spawn();
        idle.push(slot);
        if (closing) return;
        try {
          await onPlan(plan, i);
        } catch (error) {
          // The caller could not take a result: no new file starts, the files in flight finish, every process ends.
          failure ??= { error };
          closing = true;
          queue.clear();
        }
      }),
    );
  } finally {
    closing = true;
    queue.clear();
    for (const slot of live) slot.child.kill('SIGKILL');
    live.clear();
  }
  if (failure) throw (failure as { error: unknown }).error;
}

/** Every file's PlanDocument, in input order. */
export async function processFiles(files: string[], options: PoolOptions = {}): Promise<PlanDocument[]> {
  const results: PlanDocument[] = new Array(files.length);
  await forEachPlan(files, options, (plan, i) => {
    results[i] = plan;
    options.onDone?.(plan, i);
  });
  return results;
}
