/**
 * Demo: a batcher of up to 4 requests that waits at most 10 ms. A burst of
 * 6 requests sends one full batch at once (size); the 2 left over go when the
 * oldest has waited 10 ms (timeout). The timers are a hand-driven clock.
 */
import { DynamicBatcher, type Timers } from './dynamicBatcher';

export async function demo(): Promise<{ batches: number; flushedBySize: number; flushedByTimeout: number; outputs: string[] }> {
  let now = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(nextId, { at: now + ms, run });
      return nextId++;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [id, timer] of pending) {
      if (timer.at > now) continue;
      pending.delete(id);
      timer.run();
    }
  };

  const batcher = new DynamicBatcher<string, string>({
    maxBatchSize: 4,
    maxWaitMs: 10,
    timers,
    runBatch: async (inputs) => {
      console.log(`t=${now} ms: model runs a batch of ${inputs.length}: ${inputs.join(', ')}`);
      return inputs.map((input) => `${input}→ok`);
    },
  });

  console.log('t=0 ms: a burst of 6 requests arrives');
  const answers = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id) => batcher.submit(id));
  await answers[3]; // the full batch is answered without waiting for the clock
  console.log(`answered: r1-r4; still waiting: ${batcher.waiting}`);
  advance(9);
  console.log(`t=9 ms: still waiting: ${batcher.waiting}`);
  advance(1);
  const outputs = await Promise.all(answers);
  const { batches, flushedBySize, flushedByTimeout } = batcher.stats;
  return { batches, flushedBySize, flushedByTimeout, outputs };
}
