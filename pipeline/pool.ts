/**
 * Many files on every core: a pool of worker threads, each running the whole
 * pipeline on one file at a time (pdf.js has no worker of its own in Node, so
 * a thread per core is what lets a batch of PDFs use the machine). p-queue
 * feeds the workers. A worker is replaced after `recycleAfter` files (memory
 * stays bounded), when it dies, when it exceeds its heap limit, and when a
 * file takes longer than `timeoutMs`; in those cases its file gets a
 * `stage-crash` finding and the others go on.
 *
 * `forEachPlan` hands each result to a callback and keeps nothing, so a
 * batch of thousands of files holds only the files in flight;
 * `processFiles` collects the results in input order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import type { PlanDocument } from '../models/plan.js';
import { PiaoConfig } from '../models/config.js';
import { crashedPlan, overTimePlan, processFile, type RunOptions } from './run.js';

export interface PoolOptions extends RunOptions {
  /** Worker threads; default: the machine's cores. 1 runs in this thread. */
  jobs?: number;
  /** Files a worker handles before it is replaced. Default 50. */
  recycleAfter?: number;
  /** Longest time one file may take on a worker before it is stopped and reported (`limit-exceeded`). Default: config `limits.seconds` (10 minutes). */
  timeoutMs?: number;
  /** Heap limit of each worker in MiB; a file that needs more is reported, not the whole run lost. Default 4096. */
  maxHeapMb?: number;
  /** Called as each file is done (in completion order). */
  onDone?: (plan: PlanDocument, index: number) => void;
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url);

/** From the compiled package the worker is plain JS; from the TypeScript sources (tests, `npm run piao`) it registers tsx first. */
function newWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`, { eval: true, resourceLimits });
}

interface Slot {
  worker: Worker;
  done: number;
  /** Set when the worker failed or exited between files (e.g. a stray rejection inside pdf.js after its result was sent). */
  dead: boolean;
}

/**
 * Runs the pipeline on every file and awaits `onPlan` for each result as it
 * comes (completion order); at most `jobs` files are in flight.
 */
export async function forEachPlan(files: readonly string[], options: PoolOptions, onPlan: (plan: PlanDocument, index: number) => void | Promise<void>): Promise<void> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const { onDone: _onDone, jobs: _jobs, recycleAfter = 50, maxHeapMb = 4096, ...run } = options;
  const timeoutMs = options.timeoutMs ?? PiaoConfig.parse(options.config ?? {}).limits.seconds * 1000;
  if (jobs === 1) {
    for (const [i, file] of files.entries()) await onPlan(await processFile(file, run), i);
    return;
  }
  // Files in flight share the cores for OCR: with two files at once on two cores, one OCR worker each.
  run.ocrWorkers ??= Math.max(1, Math.floor(availableParallelism() / jobs));
  const idle: Slot[] = [];
  // Every worker started, idle or busy: all of them are ended when the pool ends, on every path.
  const live = new Set<Slot>();
  let closing = false;
  const spawn = (): Slot => {
    const slot: Slot = { worker: newWorker(maxHeapMb), done: 0, dead: false };
    live.add(slot);
    // Permanent listeners: an error while the worker is idle must not become an unhandled 'error' event of this process.
    slot.worker.on('error', () => (slot.dead = true));
    slot.worker.on('exit', () => {
      slot.dead = true;
      live.delete(slot);
    });
    return slot;
  };
  const retire = (slot: Slot) => {
    live.delete(slot);
    void slot.worker.terminate().catch(() => undefined);
  };
  for (let i = 0; i < jobs; i++) idle.push(spawn());
  const runOn = (slot: Slot, file: string): Promise<{ plan: PlanDocument; alive: boolean }> =>
    new Promise((resolve) => {
      const finish = (plan: PlanDocument, alive: boolean) => {
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        resolve({ plan, alive });
      };
      const onMessage = (plan: PlanDocument) => finish(plan, true);
      const onError = (error: Error & { code?: string }) =>
        finish(
          crashedPlan(file, 'worker', error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `memoria esaurita (oltre ${maxHeapMb} MiB) leggendo il file` : error.message, run),
          false,
        );
      const onExit = (code: number) => finish(crashedPlan(file, 'worker', `il processo di lettura è terminato (codice ${code})`, run), false);
      const timer = setTimeout(() => finish(overTimePlan(file, timeoutMs / 1000, run), false), timeoutMs);
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      slot.worker.postMessage({ file, options: run });
    });
  const queue = new PQueue({ concurrency: jobs });
  let failure: { error: unknown } | null = null;
  try {
    await queue.addAll(
      files.map((file, i) => async () => {
        if (closing) return;
        let slot = idle.pop()!;
        if (slot.dead) slot = spawn();
        const { plan, alive } = await runOn(slot, file);
        slot.done++;
        if (!alive || slot.done >= recycleAfter) {
          retire(slot);
          slot = closing ? slot : spawn();
        }
        idle.push(slot);
        if (closing) return;
        try {
          await onPlan(plan, i);
        } catch (error) {
          // The caller could not take a result: no new file starts, the files in flight finish, every worker ends.
          failure ??= { error };
          closing = true;
          queue.clear();
        }
      }),
    );
  } finally {
    closing = true;
    queue.clear();
    await Promise.all([...live].map((s) => s.worker.terminate().catch(() => undefined)));
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
