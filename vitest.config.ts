import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The simulators package's own tests run with the bridge's (one suite, one `npm test`).
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Microsoft's and Okta's suites are not in the repository: `npm run test:conformance -- --suites DIR` runs them.
    exclude: [...configDefaults.exclude, 'test/conformance/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most of the suite waits on sockets, child processes and simulated upstreams rather than on the CPU, so four
    // workers keep two cores busy (vitest's default is cores − 1, one worker here). Files share a worker's module
    // graph instead of importing Fastify and the bridge afresh each: the suite keeps no state in modules.
    maxWorkers: 4,
    minWorkers: 4,
    isolate: false,
  },
});
