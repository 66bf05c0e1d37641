import { defineConfig } from 'vitest/config';

/** Unit tests: examples, content schema, validator. The built-site tests have their own config. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'scripts/site-tests/**', 'scripts/validate/fixtures/**'],
    testTimeout: 20_000,
  },
});
