/**
 * A circuit breaker for calls to a model server: closed, open and half-open.
 *
 * The failure rate is a ratio, failures / calls in a rolling time window, and
 * is only judged once the window holds `minimumCalls` outcomes. A naive
 * "failures / window seconds" is a rate per second, which opens the breaker on
 * 3 errors in 1,000 calls. After `openMs` the breaker lets a few probe calls
 * through (half-open); they decide whether it closes again or reopens.
 * Every call has a timeout: a call that hangs counts as a failure, so a hung
 * probe cannot keep the breaker half-open for ever.
 * A caller's error (invalid input) says nothing about the model's health, so it
 * neither counts towards opening the breaker nor passes as a successful probe.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Rolling window over which outcomes count, e.g. 10_000 ms. */
  readonly windowMs: number;
  /** Do not judge a handful of calls: fewer outcomes than this never open the breaker. */
  readonly minimumCalls: number;
  /** Open when failures / calls in the window reach this ratio, e.g. 0.2. */
  readonly failureRateThreshold: number;
  /** How long to fail fast before probing. */
  readonly openMs: number;
  /** Probe calls in flight at once in half-open; this many must succeed to close. */
  readonly halfOpenProbes: number;
  /** Longest a call may take: a slower one is abandoned (its signal aborted) and counts as a failure. */
  readonly callTimeoutMs: number;
  /**
   * Errors that are the caller's fault, not the model's; they are ignored. Default: isCallerError.
   * The fallback chain asks the breaker (CircuitBreaker.isCallerError), so both classify alike.
   */
  readonly isCallerError?: (error: unknown) => boolean;
  /**
   * Milliseconds from a monotonic clock; default performance.now(). A wall clock (Date.now) can step
   * back, and then old outcomes outstay the window and the open period stretches by the step.
   */
  readonly now?: () => number;
}

/** Invalid input and other faults of the caller: the dependency answered correctly by refusing. */
export class CallerError extends Error {
  override name = 'CallerError';
}

/**
 * The default classification: a CallerError, or an error carrying HTTP status 400 (bad request),
 * 413 (input too large) or 422 (unprocessable input). Nothing else is the caller's fault: a 401, 403 or
 * 404 from a model server means a wrong key, route or model name on our side, and 408 and 429 are the
 * server's trouble, so all of them, timeouts and 5xx too, count against the dependency.
 */
export function isCallerError(error: unknown): boolean {
  if (error instanceof CallerError) return true;
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return status === 400 || status === 413 || status === 422;
}

type Outcome = 'success' | 'failure' | 'caller-error';

export class CircuitOpenError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`circuit open; retry in ${retryAfterMs} ms`);
    this.name = 'CircuitOpenError';
  }
}

export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** The longest delay setTimeout keeps: a longer one fires at once (a caller waiting out retryAfterMs, a backoff). */
export const MAX_TIMER_MS = 2_147_483_647;

/** Runs `call`, rejecting with CallTimeoutError after `timeoutMs` and aborting the signal the call was given. */
export async function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CallTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  /** Outcomes in the window, oldest first, from index `head` on; `failures` counts the failed ones. */
  private outcomes: { at: number; failed: boolean }[] = [];
  private head = 0;
  private failures = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  /** Bumped on every transition, so a slow call admitted in an earlier state cannot decide the current one. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    // Written so that NaN (an unset environment variable through Number()) fails the check instead of passing it.
    const threshold = options.failureRateThreshold;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`failureRateThreshold is a ratio in (0, 1], got ${threshold}`);
    for (const name of ['minimumCalls', 'halfOpenProbes'] as const) {
      const n = options[name];
      if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name} must be an integer >= 1, got ${n}`);
    }
    // A NaN window forgets every outcome at once (never opens); a NaN open period never ends (never closes).
    if (!(options.windowMs > 0 && Number.isFinite(options.windowMs))) throw new RangeError(`windowMs must be a positive finite number of ms, got ${options.windowMs}`);
    for (const name of ['openMs', 'callTimeoutMs'] as const) {
      const ms = options[name];
      if (!(ms > 0 && ms <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a positive number of ms up to ${MAX_TIMER_MS}, got ${ms}`);
    }
    this.now = options.now ?? (() => performance.now());
  }

  /** The current state; an expired open period becomes half-open on read. */
  get current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.openMs) {
      this.transition('half-open');
    }
    return this.state;
  }

  /** Failures / calls in the window, or undefined while there are too few calls to judge. */
  failureRate(): number | undefined {
    this.prune();
    const calls = this.outcomes.length - this.head;
    return calls < this.options.minimumCalls ? undefined : this.failures / calls;
  }

  /**
   * The one classification shared with the fallback chain. A classifier that throws must not decide
   * anything: the error counts as a failure, which also frees a half-open probe slot.
   */
  isCallerError(error: unknown): boolean {
    try {
      return (this.options.isCallerError ?? isCallerError)(error);
    } catch {
      return false;
    }
  }

  async execute<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const state = this.current;
    if (state === 'open') throw new CircuitOpenError(this.openedAt + this.options.openMs - this.now());
    if (state === 'half-open') {
      // Every probe ends within callTimeoutMs, so a slot is free by then.
      if (this.probesInFlight >= this.options.halfOpenProbes) throw new CircuitOpenError(this.options.callTimeoutMs);
      this.probesInFlight++;
    }
    const generation = this.generation;
    try {
      const result = await withTimeout(call, this.options.callTimeoutMs);
      this.record('success', generation);
      return result;
    } catch (error) {
      this.record(this.isCallerError(error) ? 'caller-error' : 'failure', generation);
      throw error; // the original error, even when the classifier threw
    }
  }

  private record(outcome: Outcome, generation: number): void {
    if (generation !== this.generation) return; // Admitted before the last transition: stale.
    if (this.state === 'half-open') {
      this.probesInFlight--; // a caller's error frees the probe slot without deciding anything
      if (outcome === 'failure') return this.transition('open');
      if (outcome === 'success' && ++this.probeSuccesses >= this.options.halfOpenProbes) this.transition('closed');
      return;
    }
    // Not counted at all: as a success it would dilute the failure ratio, as a failure open the breaker on bad input.
    if (outcome === 'caller-error') return;
    this.outcomes.push({ at: this.now(), failed: outcome === 'failure' });
    if (outcome === 'failure') this.failures++;
    const rate = this.failureRate();
    if (rate !== undefined && rate >= this.options.failureRateThreshold) this.transition('open');
  }

  private transition(to: BreakerState): void {
    this.state = to;
    this.generation++;
    if (to === 'open') this.openedAt = this.now();
    // A fresh start in every state: old outcomes must not reopen a recovered model.
    this.outcomes = [];
    this.head = this.failures = this.probeSuccesses = this.probesInFlight = 0;
  }

  /** Forgets outcomes older than the window: constant work per call on average, whatever the traffic. */
  private prune(): void {
    const oldest = this.now() - this.options.windowMs;
    while (this.head < this.outcomes.length && this.outcomes[this.head]!.at <= oldest) {
      if (this.outcomes[this.head++]!.failed) this.failures--;
    }
    // Drop the forgotten prefix only once it is half the array, so each outcome is copied at most once on average.
    if (this.head * 2 > this.outcomes.length) {
      this.outcomes = this.outcomes.slice(this.head);
      this.head = 0;
    }
  }
}
