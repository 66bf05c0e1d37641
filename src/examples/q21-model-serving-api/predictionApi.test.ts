import { describe, expect, it } from 'vitest';
import { canonicalJson, DEFAULT_LEASE_MS, InMemoryIdempotencyStore, PredictionEndpoint, SCHEMAS, validate, type Model } from './predictionApi';

const HOUR = 60 * 60 * 1000;

function setup(model?: Model) {
  let now = 0;
  const calls: number[][] = [];
  const defaultModel: Model = async (features) => {
    calls.push([...features]);
    return { score: features.reduce((a, b) => a + b, 0) / 10, modelVersion: 'fraud-7' };
  };
  const clock = () => now;
  const endpoint = new PredictionEndpoint(model ?? defaultModel, new InMemoryIdempotencyStore(clock), clock);
  return { endpoint, calls, advance: (ms: number) => (now += ms) };
}

describe('request validation against a versioned schema', () => {
  it('lists every problem with the field it belongs to', () => {
    expect(validate(SCHEMAS.v2!, { features: [1, 2, 3], threshold: 2, treshold: 0.4 })).toEqual([
      'treshold: unknown field',
      'features: must have exactly 4 values, got 3',
      'threshold: must be between 0 and 1',
    ]);
  });

  it('accepts the field v2 added but rejects it under v1', () => {
    expect(validate(SCHEMAS.v2!, { features: [1, 2, 3, 4], modelAlias: 'challenger' })).toEqual([]);
    expect(validate(SCHEMAS.v1!, { features: [1, 2, 3, 4], modelAlias: 'challenger' })).toEqual(['modelAlias: unknown field']);
  });

  it('rejects a field named after a property every object inherits, as JSON.parse makes it an own field', () => {
    const body = JSON.parse('{"features": [1, 2, 3, 4], "constructor": 1, "toString": 2, "__proto__": 3}') as unknown;
    expect(validate(SCHEMAS.v2!, body)).toEqual(['constructor: unknown field', 'toString: unknown field', '__proto__: unknown field']);
  });

  it('rejects non-objects, NaN and unknown aliases', () => {
    expect(validate(SCHEMAS.v1!, [1, 2])).toEqual(['body: must be a JSON object']);
    expect(validate(SCHEMAS.v1!, { features: [1, Number.NaN, 3, 4] })).toEqual(['features: must be an array of finite numbers']);
    expect(validate(SCHEMAS.v2!, { features: [1, 2, 3, 4], modelAlias: 'latest' })).toEqual(['modelAlias: must be one of production, challenger']);
  });

  it('answers 404 for a version the service does not serve and 400 for a bad body, without calling the model', async () => {
    const { endpoint, calls } = setup();
    expect((await endpoint.handle({ version: 'v9', clientId: 'c', body: {} })).status).toBe(404);
    expect((await endpoint.handle({ version: 'constructor', clientId: 'c', body: {} })).status).toBe(404);
    const bad = await endpoint.handle({ version: 'v1', clientId: 'c', body: {} });
    expect(bad).toMatchObject({ status: 400, body: { details: ['features: required'] } });
    expect(calls).toHaveLength(0);
  });
});

describe('idempotency keys', () => {
  const body = { features: [1, 2, 3, 4] };

  it('returns the stored response for a repeated key and runs the model once', async () => {
    const { endpoint, calls } = setup();
    const first = await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k1', body });
    const retry = await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k1', body });
    expect(first).toMatchObject({ status: 200, replayed: false, body: { score: 1, label: true, modelVersion: 'fraud-7' } });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(calls).toHaveLength(1);
  });

  it("never replays one client's answer to another, whatever characters their ids contain", async () => {
    const { endpoint, calls } = setup();
    await endpoint.handle({ version: 'v1', clientId: 'a:b', idempotencyKey: 'c', body });
    const other = await endpoint.handle({ version: 'v1', clientId: 'a', idempotencyKey: 'b:c', body });
    expect(other.replayed).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('treats the same payload with its keys in another order as the same request', async () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const { endpoint, calls } = setup();
    await endpoint.handle({ version: 'v2', clientId: 'shop', idempotencyKey: 'k', body: { threshold: 0.9, features: [0, 0, 0, 1] } });
    const retry = await endpoint.handle({ version: 'v2', clientId: 'shop', idempotencyKey: 'k', body: { features: [0, 0, 0, 1], threshold: 0.9 } });
    expect(retry.replayed).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('rejects a reused key with a different payload (422) instead of returning the old answer', async () => {
    const { endpoint, calls } = setup();
    await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k1', body });
    const reused = await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k1', body: { features: [9, 9, 9, 9] } });
    expect(reused.status).toBe(422);
    expect(calls).toHaveLength(1);
  });

  it('scopes keys per client, so two clients may pick the same key', async () => {
    const { endpoint, calls } = setup();
    await endpoint.handle({ version: 'v1', clientId: 'a', idempotencyKey: 'same', body });
    const other = await endpoint.handle({ version: 'v1', clientId: 'b', idempotencyKey: 'same', body: { features: [0, 0, 0, 0] } });
    expect(other).toMatchObject({ status: 200, replayed: false, body: { score: 0 } });
    expect(calls).toHaveLength(2);
  });

  it('answers 409 to a retry that arrives while the first request is still running', async () => {
    let release!: () => void;
    let modelStarted!: () => void;
    const started = new Promise<void>((r) => (modelStarted = r));
    const slowModel: Model = () => {
      modelStarted(); // the key is reserved before the model is called
      return new Promise((resolve) => (release = () => resolve({ score: 0.7, modelVersion: 'm' })));
    };
    const { endpoint } = setup(slowModel);
    const first = endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    await started;
    const concurrent = await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    expect(concurrent.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
  });

  it('frees the key when the model fails, so the retry runs instead of replaying the failure', async () => {
    let failures = 1;
    const flaky: Model = async () => {
      if (failures-- > 0) throw new Error('GPU node lost');
      return { score: 0.2, modelVersion: 'm' };
    };
    const { endpoint } = setup(flaky);
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).status).toBe(503);
    expect(await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).toMatchObject({ status: 200, replayed: false });
  });

  it('lets a retry run once the lease of a reservation whose worker died has expired, and answers 409 before', async () => {
    let calls = 0;
    let modelStarted!: () => void;
    const started = new Promise<void>((r) => (modelStarted = r));
    // The first call never returns: the worker holding the reservation died mid-call.
    const dyingOnce: Model = (features) => {
      modelStarted();
      return ++calls === 1 ? new Promise(() => {}) : Promise.resolve({ score: features[0]!, modelVersion: 'm' });
    };
    const { endpoint, advance } = setup(dyingOnce);
    void endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    await started;
    advance(DEFAULT_LEASE_MS - 1);
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).status).toBe(409);
    advance(1);
    expect(await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).toMatchObject({ status: 200, replayed: false });
    expect(calls).toBe(2);
  });

  it('rejects a lease or retention that is not a positive number of milliseconds', () => {
    const store = new InMemoryIdempotencyStore(() => 0);
    const model: Model = async () => ({ score: 0, modelVersion: 'm' });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new PredictionEndpoint(model, store, () => 0, { leaseMs: bad })).toThrow(RangeError);
      expect(() => new PredictionEndpoint(model, store, () => 0, { ttlMs: bad })).toThrow(RangeError);
    }
  });

  it('still answers, and does not run the model again, when storing the response fails after the model ran', async () => {
    let now = 0;
    const clock = () => now;
    class FailingWrites extends InMemoryIdempotencyStore {
      override async set(): Promise<void> {
        throw new Error('store unavailable');
      }
    }
    let calls = 0;
    const model: Model = async () => ({ score: ++calls, modelVersion: 'm' });
    const endpoint = new PredictionEndpoint(model, new FailingWrites(clock), clock);
    expect(await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).toMatchObject({ status: 200, replayed: false, body: { score: 1 } });
    // The reservation is kept, so a retry inside the lease is told to wait instead of running the model twice.
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).status).toBe(409);
    expect(calls).toBe(1);
    now += DEFAULT_LEASE_MS;
    // After the lease the reservation is gone, so the retry runs the model a second time: the price of a lost write.
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('drops the answer of a call that outlived its lease, so a key never gets two answers: that caller retries and gets the stored one', async () => {
    let now = 0;
    const clock = () => now;
    let calls = 0;
    let finishSlowCall!: () => void;
    let slowCallStarted!: () => void;
    const started = new Promise<void>((resolve) => (slowCallStarted = resolve));
    const slowFirst: Model = async () => {
      const call = ++calls;
      if (call === 1) {
        slowCallStarted();
        await new Promise<void>((resolve) => (finishSlowCall = resolve));
      }
      return { score: call, modelVersion: 'm' };
    };
    const endpoint = new PredictionEndpoint(slowFirst, new InMemoryIdempotencyStore(clock), clock);
    const slow = endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    await started;
    now += DEFAULT_LEASE_MS; // the first call is still running when its lease ends
    const retry = await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    expect(retry).toMatchObject({ status: 200, replayed: false, body: { score: 2 } });
    finishSlowCall();
    expect((await slow).status).toBe(503);
    // The slow call neither overwrote the retry's answer nor handed out one of its own.
    expect(await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).toMatchObject({ status: 200, replayed: true, body: { score: 2 } });
  });

  it('forgets keys after the retention window (24 hours by default)', async () => {
    const { endpoint, calls, advance } = setup();
    await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body });
    advance(23 * HOUR);
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).replayed).toBe(true);
    advance(2 * HOUR);
    expect((await endpoint.handle({ version: 'v1', clientId: 'shop', idempotencyKey: 'k', body })).replayed).toBe(false);
    expect(calls).toHaveLength(2);
  });
});
