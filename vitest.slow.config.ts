import { configDefaults, defineConfig } from 'vitest/config';

/** `npm run test:slow`: only the heavy groups, the `*.slow.test.ts` files that `npm test` leaves out. */
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    exclude: [...configDefaults.exclude],
    testTimeout: 300_000,
    pool: 'forks',
    // Snapshots (toMatchFileSnapshot …) are never written by a plain run: a missing one fails.
    // UPDATE_EXPECTED=1 (as for the expected files) or `vitest -u` writes them, to be reviewed.
    update: process.env.UPDATE_EXPECTED === '1' ? 'all' : 'none',
  },
});
