import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit tests: examples, content schema, validator. The built-site tests have their own config. */
export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'scripts/site-tests/**', 'scripts/validate/fixtures/**'],
    testTimeout: 20_000,
    // Vitest leaves a core free by default, which on a two-core machine runs the files one at a time;
    // these tests are CPU work with no browser beside them, so every core takes files.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'examples',
          include: ['src/examples/**/*.test.ts'],
          // The example modules hold no state of their own at module level (each page shows one module whole,
          // and its tests build what they use), so their files share a worker's loaded modules instead of
          // loading Vitest and the module again per file: 13 s -> 4.5 s for the 92 files on two cores.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'project',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          // The site's plugins, the validator and the scripts keep caches and mock modules: each file starts afresh.
          exclude: ['src/examples/**', 'node_modules/**', 'scripts/site-tests/**', 'scripts/validate/fixtures/**'],
        },
      },
    ],
  },
});
