import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    // The sub-path build has its own folder and run (npm run test:subpath).
    exclude: ['scripts/site-tests/subpath/**'],
    // Validates the content, serves build/ and starts Chromium once for all the files.
    // Files run one at a time (vitest's default on two cores: one worker fewer than cores);
    // the every-page pass, most of the run, already keeps both cores busy with its tabs, so
    // more workers would only share the same two cores.
    globalSetup: ['scripts/site-tests/globalSetup.ts'],
    testTimeout: 60_000,
    // Files whose tests each open their own page mark them describe.concurrent: while one
    // waits for a click's effect or a timer, another uses the CPU. Three keeps two cores busy
    // without starving any test of time.
    maxConcurrency: 3,
    // The every-page check runs in a beforeAll; on a busy two-core machine it takes minutes.
    hookTimeout: 180_000,
  },
});
