import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Each file validates the content before it starts (10-15 s when the files run side by side on two cores).
    hookTimeout: 60_000,
  },
});
