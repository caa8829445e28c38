import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: every unit, component and integration test, under 100 s on two cores.
 * The slow end-to-end checks (serverless package and offline, npm start, the browser, the bin as a
 * child process, the WebAssembly compile, the 64 MB-heap child, the full randomized and data-set counts) are
 * `npm run test:slow` (vitest.slow.config.mts); `npm run test:all` and CI run both.
 */
export const SLOW = ['test/e2e/**/*.test.ts', 'test/deploy/**/*.test.ts', 'test/**/*.slow.test.ts'];

/** What both runs share. */
export const shared = {
  // The board page's component tests (test/board/*.test.tsx) render Preact components.
  oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start emulators; two cores do not gain from more workers.
    maxWorkers: 2,
    // Powertools: no log lines or EMF metrics in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
};

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: [...configDefaults.exclude, ...SLOW],
    // One module cache per worker instead of one per file: importing the SDKs, tsx and the app once per
    // worker, not 70 times, takes the run from ~160 s to ~80 s. Files that mock an SDK client class
    // restore it in afterAll; test/support/per-file.ts undoes a file's process.env changes.
    isolate: false,
    setupFiles: ['test/support/per-file.ts'],
  },
});
