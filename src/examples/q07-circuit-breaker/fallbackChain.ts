/**
 * Fallback chain for a prediction endpoint: primary model (retried, behind a
 * circuit breaker) -> cached prediction -> baseline model -> default value.
 * Every answer says which layer produced it, so degraded answers are counted.
 *
 * What the naive version gets wrong, and this one does not:
 * - retries block nothing: `sleep` is async and injected, and only retriable
 *   errors (timeouts, 429, 503) are retried, with capped, jittered backoff;
 * - a cache outage never turns a good model answer into a failure, and never
 *   stops the chain from reaching the baseline;
 * - cached text is parsed with JSON.parse, never evaluated as code;
 * - the cache key is a SHA-256 of canonical JSON, identical in every process
 *   (Python's hash() of a string is salted per process);
 * - a caller's error (invalid input, a 400 or 422) is returned to the caller:
 *   not a reason to fall back, and not a mark against the model in the
 *   breaker. The chain asks the breaker, so the two never disagree.
 */
import { CallerError, CircuitOpenError, MAX_TIMER_MS, type CircuitBreaker } from './circuitBreaker';

export type Source = 'primary' | 'cache' | 'baseline' | 'default';

export interface Served<T> {
  readonly value: T;
  readonly source: Source;
}

/** Raised by the primary model for input that fails validation; as a CallerError it never trips the breaker. */
export class InvalidInputError extends CallerError {
  override name = 'InvalidInputError';
}

/** A string store with expiry: the slice of Redis the chain needs. */
export interface TextCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface ChainOptions<I, T> {
  readonly primary: (input: I) => Promise<T>;
  readonly baseline: (input: I) => Promise<T>;
  readonly defaultValue: T;
  readonly breaker: CircuitBreaker;
  readonly cache: TextCache;
  /** Rejects cached values of the wrong shape (a schema check). */
  readonly isValue: (value: unknown) => value is T;
  readonly isRetriable: (error: unknown) => boolean;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly cacheTtlSeconds: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): "full jitter" spreads retries so clients do not retry in lockstep. */
  readonly random: () => number;
}

/** JSON with object keys sorted, so {a, b} and {b, a} give the same key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function cacheKey(input: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(input));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return 'pred:' + [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function callPrimary<I, T>(input: I, o: ChainOptions<I, T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await o.breaker.execute(() => o.primary(input));
    } catch (error) {
      // An open breaker or a non-transient error will not be fixed by trying again.
      if (error instanceof CircuitOpenError || !o.isRetriable(error) || attempt >= o.maxAttempts) throw error;
      await o.sleep(o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

async function readCache<I, T>(key: string, o: ChainOptions<I, T>): Promise<T | undefined> {
  try {
    const text = await o.cache.get(key);
    if (text === null) return undefined;
    const value: unknown = JSON.parse(text);
    return o.isValue(value) ? value : undefined;
  } catch {
    return undefined; // Cache down or corrupt entry: a miss, not an outage.
  }
}

export async function predictWithFallback<I, T>(input: I, o: ChainOptions<I, T>): Promise<Served<T>> {
  // Checked up front: inside the chain the error would be caught and hidden behind a fallback, and a NaN
  // limit never stops the retries, since `attempt >= NaN` is false.
  if (!(Number.isInteger(o.maxAttempts) && o.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be an integer >= 1, got ${o.maxAttempts}`);
  // A NaN or negative delay retries at once (setTimeout treats it as 0), and so does one past 2^31 - 1 ms.
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const delay = o[name];
    if (!(delay >= 0 && delay <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a number of ms from 0 to ${MAX_TIMER_MS}, got ${delay}`);
  }
  const key = await cacheKey(input);
  try {
    const value = await callPrimary(input, o);
    await o.cache.set(key, JSON.stringify(value), o.cacheTtlSeconds).catch(() => undefined);
    return { value, source: 'primary' };
  } catch (error) {
    // The breaker's classifier, not a second list: whatever it ignores as the caller's fault goes back to the caller.
    if (o.breaker.isCallerError(error)) throw error;
  }
  const cached = await readCache(key, o);
  if (cached !== undefined) return { value: cached, source: 'cache' };
  try {
    return { value: await o.baseline(input), source: 'baseline' };
  } catch {
    return { value: o.defaultValue, source: 'default' };
  }
}
