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
  run: (args: Record<string, unknown>, idempotencyKey: string) => Promise<R>;
}

export interface ExecutorOptions {
  maxAttempts: number;
  baseDelayMs: number;
  attemptTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Resolves when an attempt's deadline passes; separate from sleep so tests can time out one attempt. */
  deadline: (ms: number) => Promise<void>;
  random: () => number;
}

export class ToolExecutor {
  /** Results and in-flight calls by idempotency key: a duplicate joins the first call instead of running again. */
  private readonly calls = new Map<string, { args: string; result: Promise<unknown> }>();

  constructor(private readonly options: ExecutorOptions) {
    if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${options.maxAttempts}`);
  }

  execute<R>(tool: ToolSpec<R>, args: Record<string, unknown>, idempotencyKey: string): Promise<R> {
    if (idempotencyKey === '') throw new TypeError('idempotencyKey must be a non-empty string');
    validate(tool, args);
    const key = `${tool.name}:${idempotencyKey}`;
    const sameArgs = JSON.stringify(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1)));
    const existing = this.calls.get(key);
    // A key names one action: reused with other arguments it is a bug, not a retry (Stripe answers it with an error too).
    if (existing && existing.args !== sameArgs) throw new TypeError(`${tool.name}: idempotency key "${idempotencyKey}" was already used with other arguments`);
    if (existing) return existing.result as Promise<R>;
    const call = this.attempt(tool, args, idempotencyKey);
    this.calls.set(key, { args: sameArgs, result: call });
    // A successful call is never repeated. A failed retry-safe call may run again under the same key; a
    // failed unsafe one may have done its side effect, so its key stays burned until someone reconciles.
    call.catch(() => tool.retrySafe && this.calls.delete(key));
    return call;
  }

  private async attempt<R>(tool: ToolSpec<R>, args: Record<string, unknown>, idempotencyKey: string): Promise<R> {
    const attempts = tool.retrySafe ? this.options.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const timedOut = Symbol('timeout');
        const result = await Promise.race([tool.run(args, idempotencyKey), this.options.deadline(this.options.attemptTimeoutMs).then(() => timedOut)]);
        if (result === timedOut) throw new TransientError(`${tool.name} gave no answer within ${this.options.attemptTimeoutMs} ms`);
        return result as R;
      } catch (err) {
        if (!(err instanceof TransientError) || attempt >= attempts) throw err;
        // Full jitter: a random wait up to base × 2^(attempt-1), so retries from many callers spread out.
        await this.options.sleep(this.options.random() * this.options.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}

function validate(tool: ToolSpec<unknown>, args: Record<string, unknown>): void {
  for (const [field, type] of Object.entries(tool.schema)) {
    const value = args[field];
    // NaN and Infinity are typeof 'number' but no amount or count a tool can act on.
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw new TypeError(`${tool.name}: argument "${field}" must be a ${type}, got ${String(value)}`);
  }
  for (const field of Object.keys(args)) {
    if (!(field in tool.schema)) throw new TypeError(`${tool.name}: unexpected argument "${field}"`);
  }
}
