import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit tests: examples, content schema, validator. The built-site tests have their own config. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'scripts/site-tests/**', 'scripts/validate/fixtures/**'],
    testTimeout: 20_000,
    // Vitest leaves a core free by default, which on a two-core machine runs the files one at a time;
    // these tests are CPU work with no browser beside them, so every core takes files.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
