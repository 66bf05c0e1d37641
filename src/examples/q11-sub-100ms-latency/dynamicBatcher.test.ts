import { describe, expect, it } from 'vitest';
import { DynamicBatcher, QueueFullError, type Timers } from './dynamicBatcher';

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

  it('sheds load once the queue limit is reached', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 8, maxWaitMs: 20, maxQueueLength: 2, timers });
    const accepted = [batcher.submit(1), batcher.submit(2)];
    await expect(batcher.submit(3)).rejects.toBeInstanceOf(QueueFullError);
    timers.advance(20);
    expect(await Promise.all(accepted)).toEqual([10, 20]);
  });

  it('drains waiting requests on demand and cancels their timer', async () => {
    const timers = new FakeTimers();
    const model = recordingModel();
    const batcher = new DynamicBatcher({ runBatch: model.runBatch, maxBatchSize: 8, maxWaitMs: 20, timers });
    const result = batcher.submit(5);
    batcher.drain();
    expect(await result).toBe(50);
    expect(timers.active).toBe(0);
    expect(batcher.waiting).toBe(0);
  });

  it('refuses settings that cannot work', () => {
    const runBatch = async (inputs: readonly number[]) => inputs;
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 0, maxWaitMs: 5 })).toThrow(RangeError);
    expect(() => new DynamicBatcher({ runBatch, maxBatchSize: 4, maxWaitMs: -1 })).toThrow(RangeError);
  });
});
