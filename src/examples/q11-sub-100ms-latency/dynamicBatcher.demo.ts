/**
 * Demo: a batcher of up to 4 requests that waits at most 10 ms, runs one batch
 * at a time and lets at most 4 requests queue. Each batch takes the model
 * 20 ms. A burst of 10 requests: 4 go at once, 4 queue behind them and 2 are
 * refused. The queued 4 go when the first batch completes. Later, a lone
 * request goes when it has waited 10 ms. The clock is driven by hand.
 */
import { DynamicBatcher, QueueFullError, type Timers } from './dynamicBatcher';

export async function demo(): Promise<{
  batches: number;
  flushedBySize: number;
  flushedOnCompletion: number;
  flushedByTimeout: number;
  shed: number;
  outputs: string[];
}> {
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
  // Lets the batcher react (a batch completes, the next one starts) before time moves on.
  const settle = () => new Promise<void>((resolve) => globalThis.setTimeout(resolve, 0));
  const advanceTo = async (t: number): Promise<void> => {
    for (;;) {
      const due = [...pending].filter(([, timer]) => timer.at <= t).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      pending.delete(id);
      now = timer.at;
      timer.run();
      await settle();
    }
    now = t;
  };

  const batcher = new DynamicBatcher<string, string>({
    maxBatchSize: 4,
    maxWaitMs: 10,
    maxConcurrentBatches: 1,
    maxQueueLength: 4,
    timers,
    runBatch: (inputs) => {
      console.log(`t=${now} ms: model starts a batch of ${inputs.length}: ${inputs.join(', ')}`);
      return new Promise((resolve) =>
        timers.setTimeout(() => {
          console.log(`t=${now} ms: model finishes ${inputs.join(', ')}`);
          resolve(inputs.map((input) => `${input}→ok`));
        }, 20),
      );
    },
  });
  const outputs: string[] = [];
  const ask = (id: string): Promise<void> =>
    batcher.submit(id).then(
      (output) => void outputs.push(output),
      (error: unknown) => {
        if (!(error instanceof QueueFullError)) throw error;
        console.log(`t=${now} ms: ${id} refused, queue full`);
      },
    );

  console.log('t=0 ms: a burst of 10 requests arrives');
  const answers = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'].map(ask);
  await settle();
  await advanceTo(10);
  console.log(`t=10 ms: model busy, still waiting: ${batcher.waiting}`);
  await advanceTo(50);
  console.log('t=50 ms: a lone request arrives');
  answers.push(ask('r11'));
  await advanceTo(100);
  await Promise.all(answers);
  const { batches, flushedBySize, flushedOnCompletion, flushedByTimeout, shed } = batcher.stats;
  return { batches, flushedBySize, flushedOnCompletion, flushedByTimeout, shed, outputs };
}
