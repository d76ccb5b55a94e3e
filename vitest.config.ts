import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Microsoft's and Okta's suites are not in the repository: `npm run test:conformance -- --suites DIR` runs them.
    exclude: [...configDefaults.exclude, 'test/conformance/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
