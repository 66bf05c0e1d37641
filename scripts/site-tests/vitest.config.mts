import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Several files read the content and start Chromium at once; setup can exceed the 10 s default.
    hookTimeout: 60_000,
  },
});
