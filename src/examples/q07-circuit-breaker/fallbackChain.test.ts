import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuitBreaker';
import { cacheKey, canonicalJson, InvalidInputError, predictWithFallback, type ChainOptions, type TextCache } from './fallbackChain';

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
const isScore = (v: unknown): v is Score => typeof v === 'object' && v !== null && typeof (v as Score).score === 'number';

function setup(primary: (input: object) => Promise<Score>, overrides: Partial<ChainOptions<object, Score>> = {}) {
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
      now: () => 0,
    }),
    cache,
    isValue: isScore,
    isRetriable: (e) => e instanceof Timeout,
    maxAttempts: 3,
    baseDelayMs: 50,
    maxDelayMs: 200,
    cacheTtlSeconds: 300,
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
});
