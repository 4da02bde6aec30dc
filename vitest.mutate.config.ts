import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run mutate` (Stryker, stryker.config.json): only the fast unit tests of
 * the sources it mutates — the rule tables (`test/rules/`), the shared
 * parser tests (`test/extractors/shared/`) and the registry test (rule ids,
 * severities and message placeholders against the docs). Left out: `document.test.ts` and
 * `coverage.test.ts`, which read whole fixtures for sources not mutated
 * (extractors/shared/document.ts and coverage.ts): every mutant of a parser
 * would run them (they pass through the parsers) and they take longer than
 * all the others together. No CLI, batch or OCR file.
 */
export default defineConfig({
  test: {
    include: ['test/registry.test.ts', 'test/rules/*.test.ts', 'test/extractors/shared/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.slow.test.ts', 'test/extractors/shared/document.test.ts', 'test/extractors/shared/coverage.test.ts'],
    testTimeout: 30_000,
    // One module graph for all the files: Stryker restarts vitest for every
    // mutant, and with isolation each test file imported the pipeline again
    // (the whole set: 41 s -> 16 s here). These tests mock nothing and keep no
    // state between files.
    isolate: false,
    // The end-to-end cases of test/rules (whole seeds through processFile, see
    // endToEnd in test/rules/harness.ts) are left out.
    env: { PIAO_MUTATE: '1' },
    update: 'none',
  },
});
