import { configDefaults, defineConfig } from 'vitest/config';

/** `npm run test:slow`: only the heavy groups, the `*.slow.test.ts` files that `npm test` leaves out. */
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    exclude: [...configDefaults.exclude],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
