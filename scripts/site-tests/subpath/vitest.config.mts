import { defineConfig } from 'vitest/config';

/** The sub-path build in build-subpath/ (`npm run test:subpath` builds it first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/subpath/**/*.test.ts'],
    testTimeout: 60_000,
    // The Chromium tests each open their own context and run three at a time (describe.concurrent).
    maxConcurrency: 3,
    hookTimeout: 120_000,
  },
});
