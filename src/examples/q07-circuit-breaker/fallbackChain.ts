/**
 * Fallback chain for a prediction endpoint: primary model (retried, behind a
 * circuit breaker) -> cached prediction -> baseline model -> default value.
 * Every answer says which layer produced it, so degraded answers are counted.
 *
 * What the naive version gets wrong, and this one does not:
 * - invalid input is checked before the breaker and returned to the caller,
 *   never answered by a fallback: while the breaker is open the model cannot
 *   say the input is bad. A caller's error from the model or the baseline
 *   (a 400, 413 or 422) goes back too, and never counts against the model;
 * - retries block nothing: `sleep` is async and injected, and only retriable
 *   errors (timeouts, 429, 503) are retried, with capped, jittered backoff and
 *   a retry budget shared by all requests, so retries cannot multiply an outage;
 * - every step has a timeout (the breaker's for the model), so no dependency
 *   that hangs can hang the request;
 * - a cache outage never costs a good answer: the write is not awaited, and a
 *   failed or slow read is a miss;
 * - cached text is parsed with JSON.parse, never evaluated as code;
 * - the cache key is a SHA-256 of canonical JSON, identical in every process
 *   (Python's hash() of a string is salted per process).
 */
import { CallerError, CircuitOpenError, MAX_TIMER_MS, withTimeout, type CircuitBreaker } from './circuitBreaker';

export type Source = 'primary' | 'cache' | 'baseline' | 'default';

export interface Served<T> {
  readonly value: T;
  readonly source: Source;
}

/** Input that fails validation; as a CallerError it never trips the breaker and is never answered by a fallback. */
export class InvalidInputError extends CallerError {
  override name = 'InvalidInputError';
}

/** A string store with expiry: the slice of Redis the chain needs. */
export interface TextCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/**
 * Retries as a share of requests (the SRE book's per-client budget is 10%): every request earns `ratio`
 * of a retry, every retry spends a whole one, and at most `maxTokens` are saved up. Over any run, calls
 * to the model are at most requests x (1 + ratio) + maxTokens. Share one budget across all requests.
 */
export class RetryBudget {
  private tokens: number;

  constructor(private readonly options: { readonly ratio: number; readonly maxTokens: number }) {
    if (!(options.ratio >= 0 && options.ratio <= 1)) throw new RangeError(`ratio must be in [0, 1], got ${options.ratio}`);
    if (!(options.maxTokens >= 1 && Number.isFinite(options.maxTokens))) throw new RangeError(`maxTokens must be a number >= 1, got ${options.maxTokens}`);
    this.tokens = options.maxTokens;
  }

  onRequest(): void {
    this.tokens = Math.min(this.options.maxTokens, this.tokens + this.options.ratio);
  }

  /** Spends one retry, or refuses when the budget is empty. */
  tryRetry(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface ChainOptions<I, T> {
  /** Called through the breaker, which aborts `signal` when the call times out. */
  readonly primary: (input: I, signal: AbortSignal) => Promise<T>;
  readonly baseline: (input: I, signal: AbortSignal) => Promise<T>;
  readonly defaultValue: T;
  readonly breaker: CircuitBreaker;
  readonly retryBudget: RetryBudget;
  readonly cache: TextCache;
  /** Throws an InvalidInputError for input the caller must fix. Runs first, before the breaker. */
  readonly validate: (input: I) => void;
  /** Rejects cached values of the wrong shape (a schema check). */
  readonly isValue: (value: unknown) => value is T;
  readonly isRetriable: (error: unknown) => boolean;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly cacheTtlSeconds: number;
  readonly cacheTimeoutMs: number;
  readonly baselineTimeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1], e.g. Math.random: "full jitter" spreads retries so clients do not retry in lockstep. */
  readonly random: () => number;
}

/**
 * JSON with object keys sorted, so {a, b} and {b, a} give the same key; numbers and strings are
 * written as JSON.stringify writes them, as RFC 8785 (JCS) also prescribes. Like JSON.stringify it uses
 * toJSON (a Date becomes its ISO string) and leaves out undefined properties, but it throws where
 * JSON.stringify would write null or {} (NaN, Infinity, a Map, a class instance): two different inputs
 * must never share a key.
 */
export function canonicalJson(value: unknown): string {
  const json = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (json === null || typeof json === 'string' || typeof json === 'boolean' || (typeof json === 'number' && Number.isFinite(json))) {
    return JSON.stringify(json);
  }
  if (Array.isArray(json)) return `[${json.map(canonicalJson).join(',')}]`;
  const prototype: unknown = typeof json === 'object' ? Object.getPrototypeOf(json) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const entries = Object.entries(json as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  const what = typeof json === 'object' ? Object.prototype.toString.call(json) : `${typeof json} ${String(json)}`;
  throw new TypeError(`no canonical JSON for ${what}`);
}

export async function cacheKey(input: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(input));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return 'pred:' + [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function callPrimary<I, T>(input: I, o: ChainOptions<I, T>): Promise<T> {
  o.retryBudget.onRequest();
  for (let attempt = 1; ; attempt++) {
    try {
      return await o.breaker.execute((signal) => o.primary(input, signal));
    } catch (error) {
      // An open breaker or a non-transient error will not be fixed by trying again; an empty budget means an outage.
      if (error instanceof CircuitOpenError || !o.isRetriable(error) || attempt >= o.maxAttempts || !o.retryBudget.tryRetry()) throw error;
      await o.sleep(o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

async function readCache<I, T>(key: string, o: ChainOptions<I, T>): Promise<T | undefined> {
  try {
    const text = await withTimeout(() => o.cache.get(key), o.cacheTimeoutMs);
    if (text === null) return undefined;
    const value: unknown = JSON.parse(text);
    return o.isValue(value) ? value : undefined;
  } catch {
    return undefined; // Cache down, slow or corrupt entry: a miss, not an outage.
  }
}

function checkOptions<I, T>(o: ChainOptions<I, T>): void {
  // Checked up front: inside the chain the error would be caught and hidden behind a fallback, and a NaN
  // limit never stops the retries, since `attempt >= NaN` is false.
  if (!(Number.isInteger(o.maxAttempts) && o.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be an integer >= 1, got ${o.maxAttempts}`);
  // A NaN or negative delay retries at once (setTimeout treats it as 0), and so does one past 2^31 - 1 ms.
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const delay = o[name];
    if (!(delay >= 0 && delay <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a number of ms from 0 to ${MAX_TIMER_MS}, got ${delay}`);
  }
  for (const name of ['cacheTimeoutMs', 'baselineTimeoutMs'] as const) {
    const ms = o[name];
    if (!(ms > 0 && ms <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a positive number of ms up to ${MAX_TIMER_MS}, got ${ms}`);
  }
}

export async function predictWithFallback<I, T>(input: I, o: ChainOptions<I, T>): Promise<Served<T>> {
  checkOptions(o);
  o.validate(input); // before the breaker: while it is open, only this can tell bad input from a model outage
  // No key (input with no faithful JSON, or no Web Crypto outside a secure context): answer without the cache.
  const key = await cacheKey(input).catch(() => undefined);
  try {
    const value = await callPrimary(input, o);
    if (key !== undefined) {
      // Not awaited, and inside the promise so that a throwing client or JSON.stringify cannot cost the answer.
      void Promise.resolve()
        .then(() => o.cache.set(key, JSON.stringify(value), o.cacheTtlSeconds))
        .catch(() => undefined);
    }
    return { value, source: 'primary' };
  } catch (error) {
    // The breaker's classifier, not a second list: whatever it ignores as the caller's fault goes back to the caller.
    if (o.breaker.isCallerError(error)) throw error;
  }
  const cached = key === undefined ? undefined : await readCache(key, o);
  if (cached !== undefined) return { value: cached, source: 'cache' };
  try {
    return { value: await withTimeout((signal) => o.baseline(input, signal), o.baselineTimeoutMs), source: 'baseline' };
  } catch (error) {
    if (o.breaker.isCallerError(error)) throw error; // the baseline may find the input invalid too
    return { value: o.defaultValue, source: 'default' };
  }
}
