/**
 * Dynamic batching for model inference.
 *
 * Requests wait in a queue and go to the model together. While the model has
 * room for another batch, a batch goes when it is full OR when its oldest
 * request has waited `maxWaitMs`, whichever comes first. A batcher that
 * flushes only on size never answers a lone request at low traffic; the
 * max-wait timer is what bounds the extra latency then.
 *
 * At most `maxConcurrentBatches` batches run at once. While the model is busy,
 * requests stay queued, and the next batch goes the moment a running one
 * completes. The queue is bounded too: past `maxQueueLength` waiting requests,
 * new callers are refused at once, so overload turns into quick errors that a
 * client can retry elsewhere instead of an ever longer queue. A batch the model
 * has not answered within `executionTimeoutMs` fails, so a hung model cannot
 * stall the queue behind it for good.
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
  /** Longest time the first request of a batch waits for company while the model is free (for example 5-10 ms); 0 sends it on the next timer tick. */
  maxWaitMs: number;
  /** Batches allowed on the model at once; default 1, as each batch runs slower when they share a GPU, which raises every request's latency. */
  maxConcurrentBatches?: number;
  /**
   * Requests allowed to wait at once, at least `maxBatchSize`; beyond this,
   * callers are refused at once (load shedding). Default: no limit.
   */
  maxQueueLength?: number;
  /**
   * Longest time a batch may run; then its callers are rejected, its slot is
   * freed and a late answer is ignored. Set it well above the normal batch
   * time: a batch that is only slow keeps the GPU busy while the next one
   * starts. Default: no limit.
   */
  executionTimeoutMs?: number;
  timers?: Timers;
}

/** What sent a batch: it filled, its oldest request waited `maxWaitMs`, a running batch completed, or `drain()`. */
export type FlushReason = 'size' | 'timeout' | 'completion' | 'drain';

export interface BatcherStats {
  batches: number;
  requests: number;
  flushedBySize: number;
  flushedByTimeout: number;
  flushedOnCompletion: number;
  flushedByDrain: number;
  /** Batches whose callers were rejected: the model threw, answered wrongly or ran past `executionTimeoutMs`. */
  failedBatches: number;
  /** Requests refused because the queue was full. */
  shed: number;
}

export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`batch queue is full (${limit} waiting); shed load or add replicas`);
    this.name = 'QueueFullError';
  }
}

export class BatchTimeoutError extends Error {
  constructor(ms: number, size: number) {
    super(`model did not answer a batch of ${size} within ${ms} ms; its callers are rejected`);
    this.name = 'BatchTimeoutError';
  }
}

/** The longest delay a timer honours: a longer one, or Infinity, fires almost at once in browsers and Node. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function checkDelay(name: string, ms: number, min: number): void {
  if (!(ms >= min && ms <= MAX_TIMER_MS)) throw new RangeError(`${name} must be from ${min} to 2,147,483,647 ms, the longest timer delay`);
}

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (reason: unknown) => void;
}

export class DynamicBatcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private timer: unknown = undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly timers: Timers;
  private readonly maxConcurrentBatches: number;
  private readonly maxQueueLength: number;
  readonly stats: BatcherStats = {
    batches: 0,
    requests: 0,
    flushedBySize: 0,
    flushedByTimeout: 0,
    flushedOnCompletion: 0,
    flushedByDrain: 0,
    failedBatches: 0,
    shed: 0,
  };

  constructor(private readonly options: BatcherOptions<I, O>) {
    if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) {
      throw new RangeError('maxBatchSize must be a positive integer');
    }
    checkDelay('maxWaitMs', options.maxWaitMs, 0);
    if (options.executionTimeoutMs !== undefined) checkDelay('executionTimeoutMs', options.executionTimeoutMs, 1);
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 1;
    if (!Number.isInteger(this.maxConcurrentBatches) || this.maxConcurrentBatches < 1) {
      throw new RangeError('maxConcurrentBatches must be a positive integer');
    }
    this.maxQueueLength = options.maxQueueLength ?? Number.POSITIVE_INFINITY;
    // A shorter queue could never fill a batch, and would refuse callers while the model sits idle.
    const unlimited = this.maxQueueLength === Number.POSITIVE_INFINITY;
    if (!unlimited && !(Number.isInteger(this.maxQueueLength) && this.maxQueueLength >= options.maxBatchSize)) {
      throw new RangeError('maxQueueLength must be an integer of at least maxBatchSize');
    }
    this.timers = options.timers ?? realTimers;
  }

  /** Queue one input; resolves with this caller's own output. */
  submit(input: I): Promise<O> {
    if (this.queue.length >= this.maxQueueLength) {
      this.stats.shed++;
      return Promise.reject(new QueueFullError(this.maxQueueLength));
    }
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump('size');
    });
  }

  /**
   * Send what waits as soon as the model has room, without waiting for the
   * timer, for example before shutdown. Resolves when nothing waits or runs.
   */
  async drain(): Promise<void> {
    this.pump('drain');
    // A completing batch sends whatever still waits, so repeat until nothing runs.
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** Requests in the queue, not yet sent to the model. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Batches on the model now. */
  get batchesInFlight(): number {
    return this.running.size;
  }

  private get modelHasRoom(): boolean {
    return this.running.size < this.maxConcurrentBatches;
  }

  /** Sends as many batches as `trigger` allows and the model has room for, then sets or clears the timer. */
  private pump(trigger: FlushReason): void {
    while (this.queue.length > 0 && this.modelHasRoom) {
      // On arrival, only a full batch goes; a partial one waits for company, the timer or a completion.
      if (trigger === 'size' && this.queue.length < this.options.maxBatchSize) break;
      this.send(trigger);
    }
    if (this.queue.length > 0 && this.modelHasRoom) {
      // The timer belongs to the oldest waiting request: later arrivals do not extend it.
      this.timer ??= this.timers.setTimeout(() => {
        this.timer = undefined;
        this.pump('timeout');
      }, this.options.maxWaitMs);
    } else {
      // Nothing waits, or the model is busy and the next completion sends the queue: a timer would only leak.
      this.clearTimer();
    }
  }

  private send(reason: FlushReason): void {
    this.clearTimer();
    const batch = this.queue.splice(0, this.options.maxBatchSize);
    if (reason === 'size') this.stats.flushedBySize++;
    if (reason === 'timeout') this.stats.flushedByTimeout++;
    if (reason === 'completion') this.stats.flushedOnCompletion++;
    if (reason === 'drain') this.stats.flushedByDrain++;
    this.stats.batches++;
    this.stats.requests += batch.length;
    const done: Promise<void> = this.run(batch).then(() => {
      this.running.delete(done);
      // The model has room again: requests that queued meanwhile have waited long enough.
      this.pump('completion');
    });
    this.running.add(done);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs one batch and settles its callers; never rejects. */
  private async run(batch: Waiting<I, O>[]): Promise<void> {
    let outputs: readonly O[];
    try {
      // Calls the model on a later microtask, never inside submit()'s call stack while the batcher is mid-update.
      const answer = Promise.resolve().then(() => this.options.runBatch(batch.map((w) => w.input)));
      outputs = await this.withDeadline(answer, batch.length);
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

  /** The model's answer, or a BatchTimeoutError once `executionTimeoutMs` has passed; a later answer is then ignored. */
  private withDeadline(answer: Promise<readonly O[]>, size: number): Promise<readonly O[]> {
    const ms = this.options.executionTimeoutMs;
    if (ms === undefined) return answer;
    let timer: unknown;
    const deadline = new Promise<never>((_, reject) => {
      timer = this.timers.setTimeout(() => reject(new BatchTimeoutError(ms, size)), ms);
    });
    // race() also handles a late rejection of the answer, so it is never reported as unhandled.
    return Promise.race([answer, deadline]).finally(() => this.timers.clearTimeout(timer));
  }
}
