import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The board page's component tests (test/board/*.test.tsx) render Preact components.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start emulators; two cores do not gain from more workers.
    maxWorkers: 2,
    // Powertools: no log lines or EMF metrics in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
