/** The worker-thread pool gives the same PlanDocuments as one thread, in input order, and survives bad files. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFiles } from '../../pipeline/pool.js';
import { processFile } from '../../pipeline/run.js';
import { ROOT, seed } from '../helpers.js';

const files = [
  join(ROOT, 'fixtures/pdf/004-performance-organizzativa.pdflib-portrait.pdf'),
  join(ROOT, 'fixtures/pdf/bad/troncato.pdf'),
  seed.schede,
  join(ROOT, 'fixtures/pdf/bad/non-pdf.pdf'),
  seed.legacy,
  join(ROOT, 'fixtures/does-not-exist.pdf'),
];

describe('processFiles on worker threads', () => {
  it('returns one PlanDocument per file, in input order, equal to a single-thread run', async () => {
    const pooled = await processFiles(files, { jobs: 2, recycleAfter: 2 });
    expect(pooled.map((p) => p.source.path)).toEqual(files);
    const single = await Promise.all(files.map((f) => processFile(f)));
    expect(pooled.map((p) => ({ objectives: p.objectives, findings: p.findings }))).toEqual(single.map((p) => ({ objectives: p.objectives, findings: p.findings })));
    expect(pooled.map((p) => p.objectives.length)).toEqual([27, 0, 38, 0, 19, 0]);
  }, 120_000);
});

describe('processFiles: a file that takes too long', () => {
  it('is stopped and reported as limit-exceeded (seconds) naming the file; the pool goes on with a new worker', async () => {
    const slow = [join(ROOT, 'fixtures/pdf/003-schede-obiettivo.pdflib-landscape-bordered.pdf'), join(ROOT, 'fixtures/pdf/004-performance-organizzativa.pdflib-portrait.pdf')];
    const plans = await processFiles([...slow, seed.prose], { jobs: 2, timeoutMs: 50 });
    for (const plan of plans.slice(0, 2)) {
      expect(plan.findings).toEqual([expect.objectContaining({ rule: 'limit-exceeded', fatal: true, data: expect.objectContaining({ limit: 'seconds', value: 0.05, max: 0.05 }) })]);
      expect(plan.findings[0]!.message).toContain(plan.source.path);
    }
  }, 60_000);
});
