/**
 * Many files on every core: a pool of worker threads, each running the whole
 * pipeline on one file at a time (pdf.js has no worker of its own in Node, so
 * a thread per core is what lets a batch of PDFs use the machine). p-queue
 * feeds the workers; a worker is replaced after `recycleAfter` files (memory
 * stays bounded) and when it dies, in which case its file gets a
 * `stage-crash` finding and the others go on. Results keep the input order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import type { PlanDocument } from '../models/plan.js';
import { crashedPlan, processFile, type RunOptions } from './run.js';

export interface PoolOptions extends RunOptions {
  /** Worker threads; default: the machine's cores. 1 runs in this thread. */
  jobs?: number;
  /** Files a worker handles before it is replaced. Default 50. */
  recycleAfter?: number;
  /** Called as each file is done (in completion order). */
  onDone?: (plan: PlanDocument, index: number) => void;
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url);

/** From the compiled package the worker is plain JS; from the TypeScript sources (tests, `npm run piao`) it registers tsx first. */
function newWorker(): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`, { eval: true });
}

interface Slot {
  worker: Worker;
  done: number;
}

export async function processFiles(files: string[], options: PoolOptions = {}): Promise<PlanDocument[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const { onDone, jobs: _jobs, recycleAfter = 50, ...run } = options;
  const results: PlanDocument[] = new Array(files.length);
  if (jobs === 1) {
    for (const [i, file] of files.entries()) {
      results[i] = await processFile(file, run);
      onDone?.(results[i]!, i);
    }
    return results;
  }
  const idle: Slot[] = [];
  const spawn = (): Slot => ({ worker: newWorker(), done: 0 });
  for (let i = 0; i < jobs; i++) idle.push(spawn());
  const runOn = (slot: Slot, file: string): Promise<{ plan: PlanDocument; alive: boolean }> =>
    new Promise((resolve) => {
      const cleanup = () => {
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
      };
      const onMessage = (plan: PlanDocument) => {
        cleanup();
        resolve({ plan, alive: true });
      };
      const onError = (error: Error) => {
        cleanup();
        resolve({ plan: crashedPlan(file, 'worker', error.message, run), alive: false });
      };
      const onExit = (code: number) => {
        cleanup();
        resolve({ plan: crashedPlan(file, 'worker', `il processo di lettura è terminato (codice ${code})`, run), alive: false });
      };
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      slot.worker.postMessage({ file, options: run });
    });
  const queue = new PQueue({ concurrency: jobs });
  await queue.addAll(
    files.map((file, i) => async () => {
      let slot = idle.pop()!;
      const { plan, alive } = await runOn(slot, file);
      slot.done++;
      if (!alive || slot.done >= recycleAfter) {
        void slot.worker.terminate();
        slot = spawn();
      }
      idle.push(slot);
      results[i] = plan;
      onDone?.(plan, i);
    }),
  );
  await Promise.all(idle.map((s) => s.worker.terminate()));
  return results;
}
