import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    // The sub-path build has its own folder and run (npm run test:subpath).
    exclude: ['scripts/site-tests/subpath/**'],
    testTimeout: 60_000,
    // Loading and validating the content in beforeAll takes tens of seconds on a busy two-core CI machine.
    hookTimeout: 180_000,
  },
});
