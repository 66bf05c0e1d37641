/**
 * Runs work over a list with a bounded number of workers, keeping the results
 * in the order of the list. The browser tests use it to check pages in a few
 * tabs at once. They give each tab a browser context of its own: the Chromium
 * this project runs (156) rendered the tabs of one context in one process, on
 * one main thread, and the every-page pass ran 15 % faster with a context per
 * tab.
 */
import { availableParallelism } from 'node:os';

/** Tabs the browser tests open at once: $BROWSER_TABS, else the cores, between 1 and 4. */
export function browserTabs(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const fromEnv = Number(env.BROWSER_TABS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(2, Math.min(4, cores));
}

/**
 * Calls `setUp` once per worker (to open its tab), then `work` for each item,
 * each worker taking the next item as soon as it is free, then `tearDown`.
 * Resolves to the results in the order of `items`. The first failure, of an
 * item or of a setUp, stops the workers from taking new items and is rethrown
 * once they have all finished.
 */
export async function mapConcurrently<Item, Worker, Result>(
  items: readonly Item[],
  workers: number,
  {
    setUp,
    work,
    tearDown,
  }: {
    setUp: () => Promise<Worker>;
    work: (worker: Worker, item: Item, index: number) => Promise<Result>;
    tearDown?: (worker: Worker) => Promise<void>;
  },
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;

  async function run(): Promise<void> {
    let worker: Worker;
    try {
      worker = await setUp();
    } catch (error) {
      // A worker that could not be set up (its tab did not open) stops the others as a failed item does.
      failure ??= { error };
      return;
    }
    try {
      for (let index = next++; index < items.length && !failure; index = next++) {
        try {
          results[index] = await work(worker, items[index]!, index);
        } catch (error) {
          failure ??= { error };
        }
      }
    } finally {
      await tearDown?.(worker);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, () => run()));
  if (failure) throw failure.error;
  return results;
}
