/** A pool worker: runs the pipeline on each file it is sent and posts the PlanDocument back. */
import { parentPort } from 'node:worker_threads';
import { processFile, type RunOptions } from './run.js';

parentPort?.on('message', async ({ file, options }: { file: string; options: RunOptions }) => {
  parentPort!.postMessage(await processFile(file, options));
});
