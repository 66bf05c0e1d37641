import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit tests: examples, content schema, validator. The built-site tests have their own config. */
export default defineConfig({
  // The site's tsconfig leaves JSX to Docusaurus' bundler ("jsx": "preserve"); a test that renders a theme component
  // gets React's automatic runtime, as the bundler uses.
  oxc: { jsx: { runtime: 'automatic' } },
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
          // No example module changes state at module level (what it keeps there are constants, such as presets
          // and schemas, that no code mutates), and their tests restore what they touch process-wide (console
          // spies, fake timers, unhandledRejection listeners); Vitest restores mocks after each file either way.
          // So their files share a worker's loaded modules instead of loading Vitest and the module again per
          // file: 13 s -> 4.5 s for the 92 files on two cores. The files pass in shuffled order too.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'site-and-scripts',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          // The site's plugins, the validator and the scripts keep caches and mock modules: each file starts afresh.
          // (The root's exclusions apply too: extends merges the lists.)
          exclude: ['src/examples/**'],
        },
      },
    ],
  },
});
