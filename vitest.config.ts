import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The files that take longest (processes, PDFs, batches), started first so
 * that no long file is left running alone at the end. On a clean clone vitest
 * has no durations of an earlier run to sort by; afterwards its own
 * longest-first order applies to the rest.
 */
const LONGEST_FIRST = [
  'test/cli/readme-examples.test.ts',
  'test/cli/guide-examples.test.ts',
  'test/cli/cli.test.ts',
  'test/pipeline/batch.test.ts',
  'test/pipeline/batch-limits.test.ts',
  'test/pipeline/ingest/pdf.test.ts',
  'test/cli/single-file-limits.test.ts',
  'test/pipeline/batch-robustness.test.ts',
  'test/pipeline/ingest/ocr.test.ts',
  'test/pipeline/batch-ends.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const k = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return k === -1 ? LONGEST_FIRST.length : k;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

/**
 * `npm test`: every test file except the heavy groups (`*.slow.test.ts`: whole
 * scans by OCR, LibreOffice renders, the full robustness folder, the demo),
 * which `npm run test:slow` runs with vitest.slow.config.ts. `.ci/run` runs both.
 * Two test files at a time at least: vitest's default on 2 cores is one, and
 * many files spend their time waiting on the reading processes they start.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.slow.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    // Snapshots (toMatchFileSnapshot …) are never written by a plain run: a missing one fails.
    // UPDATE_EXPECTED=1 (as for the expected files) or `vitest -u` writes them, to be reviewed.
    update: process.env.UPDATE_EXPECTED === '1' ? 'all' : 'none',
  },
});
