import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run mutate` (Stryker, stryker.config.json): only the fast unit tests of
 * the sources it mutates — the rule tables (`test/rules/`) and the shared
 * parser tests (`test/extractors/shared/`). `document.test.ts` tests
 * extractors/shared/document.ts (not mutated) on whole fixtures and takes
 * longer than all the others together: left out. No CLI, batch or OCR file.
 */
export default defineConfig({
  test: {
    include: ['test/rules/*.test.ts', 'test/extractors/shared/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.slow.test.ts', 'test/extractors/shared/document.test.ts'],
    testTimeout: 30_000,
    update: 'none',
  },
});
