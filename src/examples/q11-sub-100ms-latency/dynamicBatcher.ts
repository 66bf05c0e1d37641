/**
 * Dynamic batching for model inference.
 *
 * Requests wait in a queue and go to the model together when the batch is
 * full OR when the oldest waiting request has waited `maxWaitMs`, whichever
 * comes first. A batcher that flushes only on size never answers a lone
 * request at low traffic; the max-wait timer is what bounds the extra latency.
 *
 * Batching raises throughput, not per-request speed: every request in a batch
 * waits for the whole batch, so its latency is queue wait + batch run time.
 */

/** Timer functions, injected so tests advance time instead of sleeping. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface BatcherOptions<I, O> {
  /** Runs one batch on the model; must return one output per input, in input order. */
  runBatch: (inputs: readonly I[]) => Promise<readonly O[]>;
  /** Largest batch the model accepts (for example 16 or 32). */
  maxBatchSize: number;
  /** Longest time the first request of a batch may wait for company (for example 5-20 ms). */
  maxWaitMs: number;
  /** Requests allowed to wait at once; beyond this, callers are rejected at once (load shedding). */
  maxQueueLength?: number;
  timers?: Timers;
}

export type FlushReason = 'size' | 'timeout' | 'drain';

export interface BatcherStats {
  batches: number;
  requests: number;
  flushedBySize: number;
  flushedByTimeout: number;
  failedBatches: number;
}

export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`batch queue is full (${limit} waiting); shed load or add replicas`);
    this.name = 'QueueFullError';
  }
}

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (reason: unknown) => void;
}

export class DynamicBatcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private timer: unknown = undefined;
  private readonly timers: Timers;
  private readonly maxQueueLength: number;
  readonly stats: BatcherStats = { batches: 0, requests: 0, flushedBySize: 0, flushedByTimeout: 0, failedBatches: 0 };

  constructor(private readonly options: BatcherOptions<I, O>) {
    if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) {
      throw new RangeError('maxBatchSize must be a positive integer');
    }
    if (!(options.maxWaitMs >= 0)) throw new RangeError('maxWaitMs must be zero or more');
    this.timers = options.timers ?? realTimers;
    this.maxQueueLength = options.maxQueueLength ?? Number.POSITIVE_INFINITY;
  }

  /** Queue one input; resolves with this caller's own output. */
  submit(input: I): Promise<O> {
    if (this.queue.length >= this.maxQueueLength) {
      return Promise.reject(new QueueFullError(this.maxQueueLength));
    }
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.options.maxBatchSize) {
        this.flush('size');
      } else if (this.timer === undefined) {
        // The timer belongs to the oldest waiting request: later arrivals do not extend it.
        this.timer = this.timers.setTimeout(() => {
          this.timer = undefined;
          this.flush('timeout');
        }, this.options.maxWaitMs);
      }
    });
  }

  /** Send everything that waits now, for example before shutdown. */
  drain(): void {
    this.flush('drain');
  }

  get waiting(): number {
    return this.queue.length;
  }

  private flush(reason: FlushReason): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    // The queue never holds more than one batch: it is flushed the moment it fills.
    const batch = this.queue.splice(0, this.options.maxBatchSize);
    if (batch.length === 0) return;
    if (reason === 'size') this.stats.flushedBySize++;
    if (reason === 'timeout') this.stats.flushedByTimeout++;
    this.stats.batches++;
    this.stats.requests += batch.length;
    void this.run(batch);
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    let outputs: readonly O[];
    try {
      // Promise.resolve().then(...) turns a synchronous throw into a rejection too.
      outputs = await Promise.resolve().then(() => this.options.runBatch(batch.map((w) => w.input)));
      if (outputs.length !== batch.length) {
        throw new Error(`model returned ${outputs.length} outputs for ${batch.length} inputs`);
      }
    } catch (error) {
      // Every caller of a failed batch hears about it; none is left waiting forever.
      this.stats.failedBatches++;
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(outputs[i]!));
  }
}
