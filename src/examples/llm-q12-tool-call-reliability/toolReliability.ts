/**
 * Measuring and improving tool-call reliability.
 *
 * pass@k (Chen et al., 2021) asks whether at least one of k tries succeeds;
 * pass^k (tau-bench, Yao et al., 2024) asks whether all k do. Both are
 * estimated from n recorded trials of a task with c successes. The executor
 * validates arguments, bounds each attempt with a deadline and retries with
 * backoff only when a retry cannot repeat a side effect.
 */

function checkCounts(n: number, c: number, k: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`c must be an integer from 0 to n (${n}), got ${c}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer from 1 to n (${n}), got ${k}`);
}

/** Unbiased pass@k: 1 - C(n-c, k) / C(n, k), as a product so large n does not overflow. */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (n - c < k) return 1; // every draw of k contains a success
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** pass^k: C(c, k) / C(n, k), the chance that k tries drawn from the n recorded all succeeded. */
export function passHatK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (c < k) return 0;
  let allSucceed = 1;
  for (let i = 0; i < k; i++) allSucceed *= (c - i) / (n - i);
  return allSucceed;
}

/** A workflow of independent steps succeeds only if every step does: p^steps. */
export function workflowSuccess(p: number, steps: number, attemptsPerStep = 1): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be a probability, got ${p}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  if (!Number.isInteger(attemptsPerStep) || attemptsPerStep < 1) throw new RangeError(`attemptsPerStep must be a positive integer, got ${attemptsPerStep}`);
  const perStep = 1 - (1 - p) ** attemptsPerStep; // retries help only against independent, transient failures
  return perStep ** steps;
}

/** Thrown by a tool for failures worth retrying (timeouts, 503s); any other error is final. */
export class TransientError extends Error {}

export interface ToolSpec<R> {
  name: string;
  /** Field name -> type; arguments with a missing, extra or mistyped field are rejected before any call. */
  schema: Readonly<Record<string, 'string' | 'number' | 'boolean'>>;
  /** Safe to repeat: a read, or a write the tool de-duplicates by the idempotency key it receives. */
  retrySafe: boolean;
  /** The signal is aborted when the attempt times out; a tool that ignores it runs on beside the retry. */
  run: (args: Record<string, unknown>, idempotencyKey: string, signal: AbortSignal) => Promise<R>;
}

export interface ExecutorOptions {
  maxAttempts: number;
  baseDelayMs: number;
  attemptTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /**
   * Resolves when an attempt's deadline passes; separate from sleep so tests can time out one attempt. The signal
   * is aborted once the attempt is over, so a real timer can be cleared instead of keeping the process alive.
   */
  deadline: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/** Node cuts a longer timer to 1 ms: a longer attempt timeout would time out every attempt at once, a longer backoff not wait. */
const MAX_TIMER_MS = 2_147_483_647;

/** One map key per (tool, key) pair: joined with a separator, tool "a:b" with key "c" would be tool "a" with key "b:c". */
const callId = (toolName: string, idempotencyKey: string) => JSON.stringify([toolName, idempotencyKey]);

interface Call {
  args: string;
  result: Promise<unknown>;
  state: 'running' | 'succeeded' | 'failed';
}

export class ToolExecutor {
  /**
   * Results and in-flight calls by idempotency key: a duplicate joins the first call instead of running again.
   * Kept in memory for the executor's lifetime, with no expiry: one executor per agent run, not per process.
   */
  private readonly calls = new Map<string, Call>();

  constructor(private readonly options: ExecutorOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${options.maxAttempts}`);
    if (!(options.attemptTimeoutMs > 0 && options.attemptTimeoutMs <= MAX_TIMER_MS)) {
      throw new RangeError(`attemptTimeoutMs must be from 1 to ${MAX_TIMER_MS} ms, got ${options.attemptTimeoutMs}`);
    }
    // The longest wait, before the last attempt, is up to base × 2^(maxAttempts-2); with one attempt there is none.
    const longestWait = options.maxAttempts < 2 ? 0 : options.baseDelayMs * 2 ** (options.maxAttempts - 2);
    if (!(options.baseDelayMs >= 0 && longestWait <= MAX_TIMER_MS)) {
      throw new RangeError(`baseDelayMs must be 0 or more, with base × 2^(maxAttempts-2) at most ${MAX_TIMER_MS} ms, got ${options.baseDelayMs}`);
    }
  }

  /** Every problem, a bad argument included, arrives as a rejected promise. */
  async execute<R>(tool: ToolSpec<R>, args: Record<string, unknown>, idempotencyKey: string): Promise<R> {
    if (typeof idempotencyKey !== 'string' || idempotencyKey.trim() === '') throw new TypeError(`idempotencyKey must be a non-blank string, got ${JSON.stringify(idempotencyKey)}`);
    validate(tool, args);
    const key = callId(tool.name, idempotencyKey);
    const sameArgs = JSON.stringify(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1)));
    const existing = this.calls.get(key);
    // A key names one action: reused with other arguments it is a bug, not a retry (Stripe answers it with an error too).
    if (existing && existing.args !== sameArgs) throw new TypeError(`${tool.name}: idempotency key "${idempotencyKey}" was already used with other arguments`);
    if (existing) return existing.result as Promise<R>;
    const call: Call = { args: sameArgs, result: this.attempt(tool, args, idempotencyKey), state: 'running' };
    this.calls.set(key, call);
    // A successful call is never repeated. A failed retry-safe call may run again under the same key. A failed
    // unsafe one may have done its side effect (the executor cannot tell a refused request from a lost answer),
    // so its key stays burned until release() is called after someone has checked the real state.
    call.result.then(
      () => void (call.state = 'succeeded'),
      () => {
        call.state = 'failed';
        if (tool.retrySafe) this.calls.delete(key);
      },
    );
    return call.result as Promise<R>;
  }

  /** Frees the key of a failed call so it can run again; false if the call succeeded, is running, or is unknown. */
  release(toolName: string, idempotencyKey: string): boolean {
    const key = callId(toolName, idempotencyKey);
    return this.calls.get(key)?.state === 'failed' && this.calls.delete(key);
  }

  private async attempt<R>(tool: ToolSpec<R>, args: Record<string, unknown>, idempotencyKey: string): Promise<R> {
    const attempts = tool.retrySafe ? this.options.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(tool, args, idempotencyKey);
      } catch (err) {
        if (!(err instanceof TransientError) || attempt >= attempts) throw err;
        // Full jitter: a random wait up to base × 2^(attempt-1), so retries from many callers spread out.
        await this.options.sleep(this.options.random() * this.options.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /** One attempt against its deadline; the deadline's timer is cancelled however the attempt ends. */
  private async once<R>(tool: ToolSpec<R>, args: Record<string, unknown>, idempotencyKey: string): Promise<R> {
    const controller = new AbortController();
    const timer = new AbortController();
    const timedOut = Symbol('timeout');
    try {
      const result = await Promise.race([
        tool.run(args, idempotencyKey, controller.signal),
        this.options.deadline(this.options.attemptTimeoutMs, timer.signal).then(() => timedOut),
      ]);
      if (result === timedOut) {
        controller.abort(); // the attempt is abandoned; only a tool that listens to the signal actually stops
        throw new TransientError(`${tool.name} gave no answer within ${this.options.attemptTimeoutMs} ms`);
      }
      return result as R;
    } finally {
      timer.abort();
    }
  }
}

function validate(tool: ToolSpec<unknown>, args: Record<string, unknown>): void {
  for (const [field, type] of Object.entries(tool.schema)) {
    const value = Object.hasOwn(args, field) ? args[field] : undefined;
    // NaN and Infinity are typeof 'number' but no amount or count a tool can act on.
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw new TypeError(`${tool.name}: argument "${field}" must be a ${type}, got ${String(value)}`);
  }
  for (const field of Object.keys(args)) {
    // Own keys only: "constructor" or "__proto__" must not pass as a schema field every object inherits.
    if (!Object.hasOwn(tool.schema, field)) throw new TypeError(`${tool.name}: unexpected argument "${field}"`);
  }
}
