import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: every test file except the heavy groups (`*.slow.test.ts`: whole
 * scans by OCR, LibreOffice renders, the full robustness folder), which
 * `npm run test:slow` runs with vitest.slow.config.ts. `.ci/run` runs both.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.slow.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Snapshots (toMatchFileSnapshot …) are never written by a plain run: a missing one fails.
    // UPDATE_EXPECTED=1 (as for the expected files) or `vitest -u` writes them, to be reviewed.
    update: process.env.UPDATE_EXPECTED === '1' ? 'all' : 'none',
  },
});
