/** A pool worker: runs the pipeline on each file it is sent and posts the PlanDocument back. */
import { parentPort } from 'node:worker_threads';
import { processFile, type RunOptions } from './run.js';

// pdf.js, running without its own worker, sometimes leaves an internal promise rejected when a
// damaged PDF fails (the failure has already reached the pipeline and become a finding).
// Such a stray rejection must not end the thread and the files after it.
process.on('unhandledRejection', () => undefined);

parentPort?.on('message', async ({ file, options }: { file: string; options: RunOptions }) => {
  parentPort!.postMessage(await processFile(file, options));
});
