import { defineConfig } from 'vitest/config';
import { shared, SLOW } from './vitest.config.mts';

/**
 * `npm run test:slow`: the end-to-end checks that start whole processes (serverless package and
 * offline, npm start, headless Chromium, the bin, the 64 MB-heap child, the WebAssembly compiler),
 * and the randomized differential and worker-equivalence tests again at their full counts (TEST_FULL_COUNTS=1).
 */
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: [...SLOW, 'test/perf/scanner-differential.test.ts', 'test/perf/equivalence.test.ts'],
    testTimeout: 300_000,
    env: { ...shared.test.env, TEST_FULL_COUNTS: '1' },
  },
});
