import { describe, expect, it } from 'vitest';
import { BatchTimeoutError, DynamicBatcher, QueueFullError, type Timers } from './dynamicBatcher';
import { seeded as seededRandom } from '../../lib/seededRandom';

/** Manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }
  /** Discrete-event run: fires due timers one at a time at their own time, letting promise callbacks run after each. */
  async runUntil(t: number): Promise<void> {
    for (;;) {
      const due = [...this.pending].filter(([, timer]) => timer.at <= t).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.now = t;
  }
  get active(): number {
    return this.pending.size;
  }
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function recordingModel() {
  const calls: number[][] = [];
  const runBatch = async (inputs: readonly number[]) => {
    calls.push([...inputs]);
    return inputs.map((x) => x * 10);
  };
  return { calls, runBatch };
}

/** A model whose batches finish, oldest first, only when the test says so; it records the most batches it ran at once. */
function busyModel() {
  const calls: number[][] = [];
  const running: { finish: () => void; fail: (error: Error) => void }[] = [];
  let peak = 0;
  const runBatch = (inputs: readonly number[]) =>
    new Promise<readonly number[]>((resolve, reject) => {
      calls.push([...inputs]);
      running.push({ finish: () => resolve(inputs.map((x) => x * 10)), fail: reject });
      peak = Math.max(peak, running.length);
    });
  return {
    calls,
    runBatch,
    get running() {
      return running.length;
    },
    get peak() {
      return peak;
    },
    async finishOldest() {
      await settle(); // the batcher calls the model asynchronously
      running.shift()?.finish();
      await settle();
    },
    async failOldest(error: Error) {
      await settle();
      running.shift()?.fail(error);
      await settle();
    },
  };
}

describe('DynamicBatcher', () => {
  it('sends a full batch at once, without waiting for the timer', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 3, maxWaitMs: 20, timers });
    const results = Promise.all([1, 2, 3].map((x) => batcher.submit(x)));
    expect(await results).toEqual([10, 20, 30]);
    expect(model.calls).toEqual([[1, 2, 3]]);
    expect(timers.active).toBe(0);
    expect(batcher.stats.flushedBySize).toBe(1);
  });

  it('answers a lone request after maxWaitMs at low traffic, never later', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 16, maxWaitMs: 20, timers });
    const result = batcher.submit(7);
    timers.advance(19);
    await settle();
    expect(model.calls).toEqual([]);
    timers.advance(1);
    expect(await result).toBe(70);
    expect(batcher.stats.flushedByTimeout).toBe(1);
  });

  it("sends a lone request on the next timer tick when maxWaitMs is 0 (Triton's default)", async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 16, maxWaitMs: 0, timers });
    const result = batcher.submit(7);
    await settle();
    expect(model.calls).toEqual([]);
    timers.advance(0);
    expect(await result).toBe(70);
    expect(batcher.stats.flushedByTimeout).toBe(1);
  });

  it('times the wait from the oldest request, so later arrivals do not extend it', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 16, maxWaitMs: 20, timers });
    const first = batcher.submit(1);
    timers.advance(15);
    const second = batcher.submit(2);
    timers.advance(5);
    expect(await Promise.all([first, second])).toEqual([10, 20]);
    expect(model.calls).toEqual([[1, 2]]);
  });

  it('gives each caller its own output even when inputs repeat', async () => {
    const timers = new FakeTimers();
    const batcher = new DynamicBatcher<string, string>({
      runBatch: async (inputs) => inputs.map((s, i) => `${s}#${i}`),
      maxBatchSize: 3,
      maxWaitMs: 5,
      timers,
    });
    expect(await Promise.all(['a', 'b', 'a'].map((s) => batcher.submit(s)))).toEqual(['a#0', 'b#1', 'a#2']);
  });

  it('rejects every caller of a failed batch, and the next batch still works', async () => {
    const timers = new FakeTimers();
    let fail = true;
    const batcher = new DynamicBatcher<number, number>({
      runBatch: async (inputs) => {
        if (fail) throw new Error('CUDA out of memory');
        return inputs.map((x) => x + 1);
      },
      maxBatchSize: 2,
      maxWaitMs: 10,
      timers,
    });
    const failed = [batcher.submit(1), batcher.submit(2)];
    await expect(failed[0]).rejects.toThrow('CUDA out of memory');
    await expect(failed[1]).rejects.toThrow('CUDA out of memory');
    expect(batcher.stats.failedBatches).toBe(1);
    fail = false;
    expect(await Promise.all([batcher.submit(3), batcher.submit(4)])).toEqual([4, 5]);
  });

  it('rejects the batch when the model returns the wrong number of outputs', async () => {
    const batcher = new DynamicBatcher<number, number>({
      runBatch: async () => [1],
      maxBatchSize: 2,
      maxWaitMs: 10,
      timers: new FakeTimers(),
    });
    const results = [batcher.submit(1), batcher.submit(2)];
    await expect(results[0]).rejects.toThrow(/1 outputs for 2 inputs/);
    await expect(results[1]).rejects.toThrow(/1 outputs for 2 inputs/);
  });

  it('turns a synchronous throw in runBatch into rejections', async () => {
    const batcher = new DynamicBatcher<number, number>({
      runBatch: () => {
        throw new TypeError('bad tensor shape');
      },
      maxBatchSize: 1,
      maxWaitMs: 10,
      timers: new FakeTimers(),
    });
    await expect(batcher.submit(1)).rejects.toThrow(TypeError);
  });

  it('refuses callers once maxQueueLength requests wait for a busy model, and serves those it accepted', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 4, maxWaitMs: 10, maxQueueLength: 4, timers });
    const first = [1, 2, 3, 4].map((x) => batcher.submit(x));
    const queued = [5, 6, 7, 8].map((x) => batcher.submit(x));
    expect(batcher.waiting).toBe(4);
    await expect(batcher.submit(9)).rejects.toBeInstanceOf(QueueFullError);
    expect(batcher.stats.shed).toBe(1);
    expect(model.calls).toEqual([[1, 2, 3, 4]]);
    await model.finishOldest();
    expect(await Promise.all(first)).toEqual([10, 20, 30, 40]);
    expect(model.calls).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    await model.finishOldest();
    expect(await Promise.all(queued)).toEqual([50, 60, 70, 80]);
    expect(batcher.stats.requests).toBe(8);
  });

  it('keeps at most maxConcurrentBatches batches on the model during a burst', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 2, maxWaitMs: 10, maxConcurrentBatches: 2, timers });
    const results = Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => batcher.submit(x)));
    await settle();
    expect(model.running).toBe(2);
    expect(batcher.batchesInFlight).toBe(2);
    expect(batcher.waiting).toBe(6);
    while (model.running > 0) await model.finishOldest();
    expect(await results).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(model.calls).toHaveLength(5);
    expect(model.peak).toBe(2);
  });

  it('sends what queued during a running batch as soon as it completes, and sets no timer meanwhile', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 8, maxWaitMs: 20, timers });
    const lone = batcher.submit(1);
    timers.advance(20);
    await settle();
    expect(model.calls).toEqual([[1]]);
    const queued = Promise.all([2, 3, 4].map((x) => batcher.submit(x)));
    expect(timers.active).toBe(0);
    timers.advance(50); // past the max wait: the model is still busy, so they keep waiting
    await settle();
    expect(model.calls).toHaveLength(1);
    await model.finishOldest();
    expect(await lone).toBe(10);
    expect(model.calls).toEqual([[1], [2, 3, 4]]);
    expect(batcher.stats.flushedOnCompletion).toBe(1);
    await model.finishOldest();
    expect(await queued).toEqual([20, 30, 40]);
    expect(timers.active).toBe(0);
  });

  it('rejects only the callers of a failed batch when the next batch is already waiting', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 2, maxWaitMs: 10, timers });
    const outcomes = Promise.allSettled([1, 2, 3, 4].map((x) => batcher.submit(x)));
    await model.failOldest(new Error('CUDA out of memory'));
    await model.finishOldest();
    expect((await outcomes).map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['CUDA out of memory', 'CUDA out of memory', 30, 40]);
    expect(batcher.stats.failedBatches).toBe(1);
  });

  it('drains a partial batch on demand without waiting for the timer', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 8, maxWaitMs: 20, timers });
    const result = batcher.submit(5);
    await batcher.drain();
    expect(await result).toBe(50);
    expect(timers.active).toBe(0);
    expect(batcher.waiting).toBe(0);
    expect(batcher.stats.flushedByDrain).toBe(1);
  });

  it('drains behind a running batch and resolves once the queue has been answered', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 2, maxWaitMs: 20, timers });
    const results = Promise.all([1, 2, 3].map((x) => batcher.submit(x)));
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    await model.finishOldest();
    expect(model.calls).toEqual([[1, 2], [3]]);
    expect(drained).toBe(false);
    await model.finishOldest();
    await draining;
    expect(await results).toEqual([10, 20, 30]);
    expect(batcher.batchesInFlight).toBe(0);
    expect(timers.active).toBe(0);
  });

  it('rejects the callers of a batch the model does not answer within executionTimeoutMs, frees its slot and ignores the late answer', async () => {
    const timers = new FakeTimers();
    const model = busyModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 2, maxWaitMs: 10, executionTimeoutMs: 100, timers });
    const hung = Promise.allSettled([1, 2].map((x) => batcher.submit(x)));
    const next = Promise.all([3, 4].map((x) => batcher.submit(x)));
    await settle();
    timers.advance(99);
    await settle();
    expect(model.calls).toEqual([[1, 2]]);
    timers.advance(1);
    await settle();
    const outcomes = await hung;
    expect(outcomes.map((o) => o.status === 'rejected' && o.reason instanceof BatchTimeoutError)).toEqual([true, true]);
    expect(model.calls).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await model.finishOldest(); // the hung batch answers late: nobody hears of it
    await model.finishOldest();
    expect(await next).toEqual([30, 40]);
    expect(batcher.stats.failedBatches).toBe(1);
    expect(timers.active).toBe(0);
  });

  it('bounds an accepted request at max(maxWait, batch time) + batch time when the queue holds one batch', async () => {
    // Discrete-event simulation: Poisson arrivals from a seeded generator, every batch takes 80 ms, 20 ms maximum wait, batches of 8.
    const batchMs = 80;
    const maxWaitMs = 20;
    const bound = Math.max(maxWaitMs, batchMs) + batchMs;
    let worst = 0;
    for (const maxConcurrentBatches of [1, 2]) {
      for (const perSecond of [20, 50, 100, 200, 500, 1000]) {
        const clock = new FakeTimers();
        const batcher = new DynamicBatcher<number, number>({
          runBatch: (inputs) => new Promise((resolve) => clock.setTimeout(() => resolve(inputs), batchMs)),
          maxBatchSize: 8,
          maxWaitMs,
          maxQueueLength: 8,
          maxConcurrentBatches,
          timers: clock,
        });
        const random = seededRandom(perSecond * maxConcurrentBatches);
        const latencies: number[] = [];
        const answers: Promise<void>[] = [];
        let arrival = 0;
        for (let i = 0; i < 1000; i++) {
          arrival += (-Math.log(1 - random()) / perSecond) * 1000;
          await clock.runUntil(arrival);
          const submitted = clock.now;
          answers.push(
            batcher.submit(i).then(
              () => void latencies.push(clock.now - submitted),
              () => undefined,
            ),
          );
        }
        await clock.runUntil(arrival + 10 * bound);
        await Promise.all(answers);
        expect(latencies.length + batcher.stats.shed).toBe(1000);
        worst = Math.max(worst, ...latencies);
      }
    }
    expect(worst).toBeLessThanOrEqual(bound);
    expect(worst).toBeGreaterThan(bound - 1); // the bound is reached, not just respected
  });

  it('refuses settings that cannot work', () => {
    const runBatch = async (inputs: readonly number[]) => inputs;
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 0, maxWaitMs: 5 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: -1 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 5, maxConcurrentBatches: 0 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 5, maxConcurrentBatches: 1.5 })).toThrow(RangeError);
    // A queue shorter than a batch would refuse callers while the model sits idle.
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 8, maxWaitMs: 5, maxQueueLength: 2 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 5, maxQueueLength: 4.5 })).toThrow(RangeError);
  });

  it('refuses delays a timer cannot honour, which would otherwise fire almost at once', () => {
    const runBatch = async (inputs: readonly number[]) => inputs;
    for (const ms of [Number.POSITIVE_INFINITY, 2 ** 31, Number.NaN]) {
      expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: ms })).toThrow(/2,147,483,647 ms/);
      expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 5, executionTimeoutMs: ms })).toThrow(RangeError);
    }
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 5, executionTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: 2 ** 31 - 1, executionTimeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });
});
