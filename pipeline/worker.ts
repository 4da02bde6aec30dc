/** A reading process of the pool: runs the pipeline on each file it is sent and sends the PlanDocument back. */
import { processFile, type RunOptions } from './run.js';

// pdf.js, running without its own worker, sometimes leaves an internal promise rejected when a
// damaged PDF fails (the failure has already reached the pipeline and become a finding).
// Such a stray rejection must not end the process and the files after it.
process.on('unhandledRejection', () => undefined);

process.on('message', async ({ file, options }: { file: string; options: RunOptions }) => {
  process.send!(await processFile(file, options));
});
// The pool going away (its run ended, or was killed) ends this process too.
process.on('disconnect', () => process.exit(0));
