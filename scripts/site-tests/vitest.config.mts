import { defineConfig } from 'vitest/config';

/** Tests of the production build in build/ (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['scripts/site-tests/**/*.test.ts'],
    // The sub-path build has its own folder and run (npm run test:subpath).
    exclude: ['scripts/site-tests/subpath/**'],
    // Validates the content, serves build/ and starts Chromium once for all the files.
    // Two files at a time: the every-page pass (browser.test.ts) keeps the CPU busy with its tabs,
    // while the other files spend much of their time waiting (a demo's time limit, a countdown,
    // a service worker installing), which the other file then uses.
    maxWorkers: 2,
    globalSetup: ['scripts/site-tests/globalSetup.ts'],
    testTimeout: 60_000,
    // expect.poll waits for what a page does after an input (a zoom, a copied link, recoloured code). Vitest
    // gives up after 1 s by default, which a page on a two-core machine busy with the other files can miss:
    // a passing poll still returns as soon as its condition holds.
    expect: { poll: { timeout: 10_000 } },
    // Files whose tests each open their own page mark them describe.concurrent: while one
    // waits for a click's effect or a timer, another uses the CPU. Three keeps two cores busy
    // without starving any test of time.
    maxConcurrency: 3,
    // The every-page check runs in a beforeAll; on a busy two-core machine it takes minutes.
    hookTimeout: 180_000,
  },
});
