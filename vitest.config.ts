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
  },
});
