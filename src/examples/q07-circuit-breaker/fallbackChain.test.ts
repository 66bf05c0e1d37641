import { describe, expect, it, vi } from 'vitest';
import { CallTimeoutError, CircuitBreaker } from './circuitBreaker';
import { cacheKey, canonicalJson, InvalidInputError, predictWithFallback, RetryBudget, type ChainOptions, type TextCache } from './fallbackChain';
import { seeded } from '../../lib/seededRandom';

class Timeout extends Error {}
class Crash extends Error {}

class MapCache implements TextCache {
  readonly entries = new Map<string, string>();
  down = false;
  async get(key: string) {
    if (this.down) throw new Error('ECONNREFUSED');
    return this.entries.get(key) ?? null;
  }
  async set(key: string, value: string) {
    if (this.down) throw new Error('ECONNREFUSED');
    this.entries.set(key, value);
  }
}

type Score = { score: number };
const hang = () => new Promise<never>(() => undefined);

/** Resolves to the promise's outcome, or to 'still pending' if it has not settled within ms. */
const settledWithin = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<string>((resolve) => setTimeout(() => resolve('still pending'), ms))]);

const isScore = (v: unknown): v is Score => typeof v === 'object' && v !== null && typeof (v as Score).score === 'number';

function setup(primary: ChainOptions<object, Score>['primary'], overrides: Partial<ChainOptions<object, Score>> = {}) {
  const sleeps: number[] = [];
  const cache = new MapCache();
  let baselineCalls = 0;
  const options: ChainOptions<object, Score> = {
    primary,
    baseline: async () => (baselineCalls++, { score: 0.42 }),
    defaultValue: { score: 0.5 },
    breaker: new CircuitBreaker({
      windowMs: 10_000,
      minimumCalls: 5,
      failureRateThreshold: 0.2,
      openMs: 5_000,
      halfOpenProbes: 1,
      callTimeoutMs: 1_000,
      now: () => 0,
    }),
    retryBudget: new RetryBudget({ ratio: 0.1, maxTokens: 10 }),
    cache,
    isValue: isScore,
    validate: () => undefined,
    isRetriable: (e) => e instanceof Timeout,
    maxAttempts: 3,
    baseDelayMs: 50,
    maxDelayMs: 200,
    cacheTtlSeconds: 300,
    cacheTimeoutMs: 50,
    baselineTimeoutMs: 100,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 1,
    ...overrides,
  };
  return { options, cache, sleeps, baselineCalls: () => baselineCalls };
}

describe('predictWithFallback', () => {
  it('serves the primary answer and writes it through to the cache as JSON', async () => {
    const { options, cache } = setup(async () => ({ score: 0.9 }));
    expect(await predictWithFallback({ user: 'u1' }, options)).toEqual({ value: { score: 0.9 }, source: 'primary' });
    expect(cache.entries.get(await cacheKey({ user: 'u1' }))).toBe('{"score":0.9}');
  });

  it('retries a timeout three times with backoff of 50 then 100 ms through an async sleep, then falls back', async () => {
    let attempts = 0;
    const { options, sleeps } = setup(() => (attempts++, Promise.reject(new Timeout())));
    expect((await predictWithFallback({ user: 'u1' }, options)).source).toBe('baseline');
    expect(attempts).toBe(3);
    expect(sleeps).toEqual([50, 100]); // random() = 1: full jitter at its maximum.
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { options, sleeps } = setup(() => Promise.reject(new Timeout()), { maxAttempts: 5 });
    await predictWithFallback({ user: 'u1' }, options);
    expect(sleeps).toEqual([50, 100, 200, 200]);
  });

  it('does not retry a crash; it goes straight down the chain', async () => {
    let attempts = 0;
    const { options, sleeps } = setup(() => (attempts++, Promise.reject(new Crash('CUDA OOM'))));
    expect((await predictWithFallback({ user: 'u1' }, options)).source).toBe('baseline');
    expect(attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('answers from the cache when the model fails and a recent prediction exists', async () => {
    const { options, cache } = setup(() => Promise.reject(new Crash()));
    cache.entries.set(await cacheKey({ user: 'u1' }), '{"score":0.8}');
    expect(await predictWithFallback({ user: 'u1' }, options)).toEqual({ value: { score: 0.8 }, source: 'cache' });
  });

  it('skips the model entirely while the breaker is open', async () => {
    let attempts = 0;
    const { options } = setup(() => (attempts++, Promise.reject(new Crash())));
    for (let i = 0; i < 5; i++) await predictWithFallback({ user: `u${i}` }, options);
    expect(options.breaker.current).toBe('open');
    await predictWithFallback({ user: 'next' }, options);
    expect(attempts).toBe(5);
  });

  it('treats cached text as data: code or a wrong shape is a miss, never executed', async () => {
    const { options, cache, baselineCalls } = setup(() => Promise.reject(new Crash()));
    cache.entries.set(await cacheKey({ user: 'u1' }), 'globalThis.pwned = true');
    cache.entries.set(await cacheKey({ user: 'u2' }), '{"label":"spam"}');
    expect((await predictWithFallback({ user: 'u1' }, options)).source).toBe('baseline');
    expect((await predictWithFallback({ user: 'u2' }, options)).source).toBe('baseline');
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(baselineCalls()).toBe(2);
  });

  it('survives a cache outage both when the model answers and when it does not', async () => {
    const good = setup(async () => ({ score: 0.7 }));
    good.cache.down = true;
    expect((await predictWithFallback({ user: 'u1' }, good.options)).source).toBe('primary');
    const bad = setup(() => Promise.reject(new Crash()));
    bad.cache.down = true;
    expect((await predictWithFallback({ user: 'u1' }, bad.options)).source).toBe('baseline');
  });

  it('returns the labelled default when the baseline fails too', async () => {
    const { options } = setup(() => Promise.reject(new Crash()), { baseline: () => Promise.reject(new Crash()) });
    expect(await predictWithFallback({ user: 'u1' }, options)).toEqual({ value: { score: 0.5 }, source: 'default' });
  });

  it('rethrows invalid input instead of hiding it behind a fallback', async () => {
    const { options } = setup(() => Promise.reject(new InvalidInputError('age must be a number')));
    await expect(predictWithFallback({ age: 'x' }, options)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('returns a 422 from the model server to the caller instead of answering from the baseline', async () => {
    const unprocessable = Object.assign(new Error('HTTP 422'), { status: 422 });
    const { options, baselineCalls } = setup(() => Promise.reject(unprocessable));
    await expect(predictWithFallback({ age: -1 }, options)).rejects.toBe(unprocessable);
    expect(baselineCalls()).toBe(0);
  });

  it('treats a 404 as the model server failing: it falls back and counts towards opening the breaker', async () => {
    const notFound = () => Promise.reject(Object.assign(new Error('HTTP 404: model fraud-v9 not found'), { status: 404 }));
    const { options } = setup(notFound);
    for (let i = 0; i < 5; i++) expect((await predictWithFallback({ user: `u${i}` }, options)).source).toBe('baseline');
    expect(options.breaker.current).toBe('open');
  });

  it("classifies with the breaker's own classifier, so a custom caller error is returned, not hidden", async () => {
    class SchemaMismatch extends Error {}
    const breaker = new CircuitBreaker({
      windowMs: 10_000,
      minimumCalls: 5,
      failureRateThreshold: 0.2,
      openMs: 5_000,
      halfOpenProbes: 1,
      callTimeoutMs: 1_000,
      isCallerError: (e) => e instanceof SchemaMismatch,
      now: () => 0,
    });
    const { options } = setup(() => Promise.reject(new SchemaMismatch('field "age" missing')), { breaker });
    await expect(predictWithFallback({}, options)).rejects.toBeInstanceOf(SchemaMismatch);
    expect(breaker.failureRate()).toBeUndefined();
  });

  it("never opens the breaker on invalid input, with the breaker's default classification", async () => {
    const { options } = setup(() => Promise.reject(new InvalidInputError('age must be a number')));
    for (let i = 0; i < 10; i++) await predictWithFallback({ age: 'x' }, options).catch(() => undefined);
    expect(options.breaker.current).toBe('closed');
    expect(options.breaker.failureRate()).toBeUndefined();
  });
});

describe('predictWithFallback and invalid input', () => {
  const requireAge = (input: object) => {
    if (typeof (input as { age?: unknown }).age !== 'number') throw new InvalidInputError('age must be a number');
  };

  it('checks the input before the breaker, so invalid input gets an error even while the breaker is open', async () => {
    const { options, baselineCalls } = setup(() => Promise.reject(new Crash()), { validate: requireAge });
    for (let i = 0; i < 5; i++) await predictWithFallback({ age: i }, options);
    expect(options.breaker.current).toBe('open');
    await expect(predictWithFallback({ age: 'x' }, options)).rejects.toThrow(new InvalidInputError('age must be a number'));
    expect(baselineCalls()).toBe(5); // the fallback never saw it
  });

  it('returns a caller error raised by the baseline instead of answering with the default', async () => {
    const unknownCountry = new InvalidInputError('unknown country code XX');
    const { options } = setup(() => Promise.reject(new Crash()), { baseline: () => Promise.reject(unknownCountry) });
    await expect(predictWithFallback({ country: 'XX' }, options)).rejects.toBe(unknownCountry);
  });
});

describe('predictWithFallback when a dependency misbehaves', () => {
  it('returns the primary answer without waiting for a cache write that never completes', async () => {
    const { options } = setup(async () => ({ score: 0.9 }), { cache: { get: async () => null, set: hang } });
    expect(await settledWithin(predictWithFallback({ user: 'u1' }, options), 100)).toEqual({ value: { score: 0.9 }, source: 'primary' });
  });

  it('keeps the primary answer when the cache client throws synchronously or the answer has no JSON form', async () => {
    const throwing: TextCache = {
      get: async () => null,
      set: () => {
        throw new Error('not connected');
      },
    };
    expect(await predictWithFallback({ user: 'u1' }, setup(async () => ({ score: 0.9 }), { cache: throwing }).options)).toEqual({ value: { score: 0.9 }, source: 'primary' });
    const bigint = setup(async () => ({ score: 0.9, id: 10n }));
    expect((await predictWithFallback({ user: 'u1' }, bigint.options)).source).toBe('primary'); // JSON.stringify throws on a BigInt
  });

  it('treats a cache read that hangs as a miss after cacheTimeoutMs', async () => {
    const { options } = setup(() => Promise.reject(new Crash()), { cache: { get: hang, set: async () => undefined }, cacheTimeoutMs: 20 });
    expect(await settledWithin(predictWithFallback({ user: 'u1' }, options), 500)).toEqual({ value: { score: 0.42 }, source: 'baseline' });
  });

  it('falls back when the primary hangs, ending the call at the breaker timeout and aborting its signal', async () => {
    let signal: AbortSignal | undefined;
    const breaker = new CircuitBreaker({ windowMs: 10_000, minimumCalls: 5, failureRateThreshold: 0.2, openMs: 5_000, halfOpenProbes: 1, callTimeoutMs: 20, now: () => 0 });
    const { options } = setup((_input, s) => ((signal = s), hang()), { breaker });
    expect(await settledWithin(predictWithFallback({ user: 'u1' }, options), 500)).toEqual({ value: { score: 0.42 }, source: 'baseline' });
    expect(signal?.reason).toBeInstanceOf(CallTimeoutError);
  });

  it('answers with the default when the baseline hangs past baselineTimeoutMs', async () => {
    const { options } = setup(() => Promise.reject(new Crash()), { baseline: hang, baselineTimeoutMs: 20 });
    expect(await settledWithin(predictWithFallback({ user: 'u1' }, options), 500)).toEqual({ value: { score: 0.5 }, source: 'default' });
  });

  it('answers within the sum of its timeouts when the model, the cache and the baseline all hang', async () => {
    const breaker = new CircuitBreaker({ windowMs: 10_000, minimumCalls: 5, failureRateThreshold: 0.2, openMs: 5_000, halfOpenProbes: 1, callTimeoutMs: 20, now: () => 0 });
    const { options } = setup(hang, {
      breaker,
      isRetriable: (e) => e instanceof CallTimeoutError,
      cache: { get: hang, set: hang },
      cacheTimeoutMs: 20,
      baseline: hang,
      baselineTimeoutMs: 20,
    });
    // Timer time, not wall time: the cache read, three model attempts and the baseline each give up after 20 ms.
    // The cache key's digest runs off the timer queue, so it is answered at once here, before the clock moves.
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest').mockResolvedValue(new ArrayBuffer(32));
    vi.useFakeTimers();
    try {
      let answer: unknown = 'still pending';
      void predictWithFallback({ user: 'u1' }, options).then((a) => (answer = a));
      await vi.advanceTimersByTimeAsync(100);
      expect(answer).toEqual({ value: { score: 0.5 }, source: 'default' });
    } finally {
      vi.useRealTimers();
      digest.mockRestore();
    }
  });

  it('serves an input that has no faithful JSON form (a Map) without the cache, instead of sharing a key', async () => {
    const { options, cache } = setup(async () => ({ score: 0.9 }));
    expect(await predictWithFallback({ tags: new Map([['a', 1]]) }, options)).toEqual({ value: { score: 0.9 }, source: 'primary' });
    expect(cache.entries.size).toBe(0);
  });
});

describe('predictWithFallback retries', () => {
  it('scales each backoff by random(): full jitter', async () => {
    const { options, sleeps } = setup(() => Promise.reject(new Timeout()), { random: () => 0.5 });
    await predictWithFallback({ user: 'u1' }, options);
    expect(sleeps).toEqual([25, 50]); // half of 50 and 100 ms
  });

  it('never retries into an open breaker, even with a classifier that retries everything', async () => {
    let attempts = 0;
    const { options, sleeps } = setup(() => (attempts++, Promise.reject(new Crash())), { isRetriable: () => true, maxAttempts: 10 });
    expect((await predictWithFallback({ user: 'u1' }, options)).source).toBe('baseline');
    expect(attempts).toBe(5); // the 5th failure opens the breaker, and the 6th attempt stops at CircuitOpenError
    expect(sleeps).toHaveLength(5);
  });

  it('holds retries to the budget: 1.1 model calls per request at 15% transient failures, not 1.17', async () => {
    const callsPerRequest = async (retryBudget: RetryBudget) => {
      const random = seeded(7);
      let calls = 0;
      const primary = () => (calls++, random() < 0.15 ? Promise.reject(new Timeout()) : Promise.resolve({ score: 0.9 }));
      // A breaker that stays closed at this error rate, so only the budget limits the retries.
      const breaker = new CircuitBreaker({ windowMs: 10_000, minimumCalls: 100, failureRateThreshold: 0.5, openMs: 5_000, halfOpenProbes: 1, callTimeoutMs: 1_000, now: () => 0 });
      const { options } = setup(primary, { breaker, retryBudget });
      for (let i = 0; i < 10_000; i++) await predictWithFallback({ user: `u${i}` }, options);
      return calls / 10_000;
    };
    // Up to 2 retries a request: 1 + 0.15 + 0.15^2 = 1.1725 calls per request.
    expect(await callsPerRequest(new RetryBudget({ ratio: 1, maxTokens: 10 }))).toBeCloseTo(1.1725, 2);
    const budgeted = await callsPerRequest(new RetryBudget({ ratio: 0.1, maxTokens: 10 }));
    expect(budgeted).toBeLessThanOrEqual(1.1 + 10 / 10_000); // the ratio, plus the tokens saved up at the start
    expect(budgeted).toBeGreaterThan(1.09);
  });
});

describe('RetryBudget', () => {
  it('earns ratio of a retry per request, saves up to maxTokens and refuses when empty', () => {
    const budget = new RetryBudget({ ratio: 0.5, maxTokens: 2 });
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, false]);
    budget.onRequest();
    expect(budget.tryRetry()).toBe(false); // half a token
    budget.onRequest();
    expect(budget.tryRetry()).toBe(true);
    for (let i = 0; i < 100; i++) budget.onRequest();
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, false]); // capped at 2
  });

  it('rejects a ratio outside [0, 1] and a maxTokens below 1, NaN included', () => {
    expect(() => new RetryBudget({ ratio: Number.NaN, maxTokens: 10 })).toThrow(new RangeError('ratio must be in [0, 1], got NaN'));
    expect(() => new RetryBudget({ ratio: 10, maxTokens: 10 })).toThrow(RangeError); // 10% written as a percentage
    expect(() => new RetryBudget({ ratio: 0.1, maxTokens: Number.NaN })).toThrow(new RangeError('maxTokens must be a number >= 1, got NaN'));
    expect(() => new RetryBudget({ ratio: 0, maxTokens: 1 })).not.toThrow();
  });
});

describe('predictWithFallback options', () => {
  it('refuses a maxAttempts that is not a positive integer before calling the model, instead of retrying without end', async () => {
    let attempts = 0;
    // Give up after 10 attempts, so the unvalidated version falls back instead of looping for ever.
    const primary = () => (attempts++ < 10 ? Promise.reject(new Timeout()) : Promise.reject(new Crash()));
    const { options } = setup(primary, { maxAttempts: Number(undefined) });
    await expect(predictWithFallback({ user: 'u1' }, options)).rejects.toThrow(/maxAttempts must be an integer >= 1, got NaN/);
    expect(attempts).toBe(0);
    await expect(predictWithFallback({ user: 'u1' }, setup(primary, { maxAttempts: 0 }).options)).rejects.toThrow(RangeError);
  });

  it.each([
    ['baseDelayMs', Number.NaN],
    ['baseDelayMs', -50],
    ['baseDelayMs', 2 ** 31],
    ['maxDelayMs', Number.NaN],
    ['maxDelayMs', -1],
    ['maxDelayMs', Number.POSITIVE_INFINITY],
  ] as const)('refuses a %s of %s before calling the model, so a retry neither fires at once nor never', async (name, delay) => {
    let attempts = 0;
    const primary = () => (attempts++, Promise.reject(new Timeout()));
    const { options, sleeps } = setup(primary, { [name]: delay });
    await expect(predictWithFallback({ user: 'u1' }, options)).rejects.toThrow(new RangeError(`${name} must be a number of ms from 0 to 2147483647, got ${delay}`));
    expect(attempts).toBe(0);
    expect(sleeps).toEqual([]);
  });

  it.each([
    ['cacheTimeoutMs', Number.NaN],
    ['cacheTimeoutMs', 0],
    ['baselineTimeoutMs', 2 ** 31],
    ['baselineTimeoutMs', -1],
  ] as const)('refuses a %s of %s before calling the model, since a cache or baseline that hangs must still end', async (name, ms) => {
    let attempts = 0;
    const { options } = setup(() => (attempts++, Promise.reject(new Crash())), { [name]: ms });
    await expect(predictWithFallback({ user: 'u1' }, options)).rejects.toThrow(new RangeError(`${name} must be a positive number of ms up to 2147483647, got ${ms}`));
    expect(attempts).toBe(0);
  });

  it('accepts backoff delays from 0 to 2^31 - 1 ms', async () => {
    const { options, sleeps } = setup(() => Promise.reject(new Timeout()), { baseDelayMs: 0, maxDelayMs: 2 ** 31 - 1 });
    expect(await predictWithFallback({ user: 'u1' }, options)).toEqual({ value: { score: 0.42 }, source: 'baseline' });
    expect(sleeps).toEqual([0, 0]);
  });
});

describe('cacheKey', () => {
  it('ignores key order and is the SHA-256 of canonical JSON, the same in every process', async () => {
    expect(canonicalJson({ b: [2, { c: 3 }], a: 1 })).toBe('{"a":1,"b":[2,{"c":3}]}');
    expect(await cacheKey({ b: [2, { c: 3 }], a: 1 })).toBe('pred:8ad038695d4b91af5fe8c0edd83a8039830a131a1eaa45ad7bd4fc1ebe719d05');
    expect(await cacheKey({ a: 1 })).not.toBe(await cacheKey({ a: 2 }));
  });

  it('keys a Date by its toJSON, as JSON.stringify does, so two dates never share a key', async () => {
    expect(canonicalJson({ t: new Date(0) })).toBe('{"t":"1970-01-01T00:00:00.000Z"}');
    expect(await cacheKey({ t: new Date(0) })).not.toBe(await cacheKey({ t: new Date(1) }));
  });

  it('omits undefined properties, as JSON.stringify does, so {a: undefined} is not {a: null}', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  it('refuses what JSON would write as null or {}, rather than give two inputs one key', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, new Map([[1, 2]]), new Set([1]), 10n, () => 1]) {
      expect(() => canonicalJson({ x: value })).toThrow(TypeError);
    }
    expect(() => canonicalJson([undefined])).toThrow(TypeError); // JSON.stringify writes [null]
  });
});
