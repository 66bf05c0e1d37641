import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
