// @ts-check
/**
 * `npm run mutate`: mutation pass (Stryker, vitest runner) over the validation
 * rules and the shared number and date parsers (issue 23, point 3). The tests
 * run are those of vitest.mutate.config.ts. Incremental: mutants whose source
 * and covering tests did not change keep their result from
 * reports/stryker-incremental.json (`npm run mutate -- --force` redoes all).
 * One file while working on it: `npx stryker run --mutate extractors/shared/dates.ts`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [
    'pipeline/validate/rules/*.ts',
    '!pipeline/validate/rules/index.ts',
    'extractors/shared/numbers.ts',
    'extractors/shared/dates.ts',
    'extractors/shared/targets.ts',
    'extractors/shared/grading.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['scratch', 'scratch-*', 'out', 'dist', 'coverage', '.piao-cache', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The score table per file at the end; each survivor is listed above it.
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  // The run fails (exit 1) below 85 %.
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 10_000,
};
