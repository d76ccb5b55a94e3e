import { defineConfig } from 'vitest/config';

/**
 * The third-party suites only (test/conformance), run by `npm run test:conformance -- --suites DIR`, which checks DIR
 * and passes it on in SCIM_CONFORMANCE_DIR. `npm test` (vitest.config.ts) leaves them out.
 */
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
