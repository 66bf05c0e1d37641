import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidPredictionError,
  LoadTimeoutError,
  ModelUnavailableError,
  PredictionFailedError,
  PredictionService,
  WaitTimeoutError,
  systemClock,
  type CachePolicy,
  type Clock,
  type Features,
  type Model,
} from './predictionService';
import { answeredAtOnce, constantModel, FakeModelStore, ManualClock, RecordingLogger, settle } from './testDoubles';

// Test doubles (./testDoubles). The store and the clock are fakes: small working implementations of their ports. The
// logger is a spy: it records what it is told. Tests assert on answers, and on the few recorded facts that are part of the
// contract (the warning an alert keys on, how often the store is asked), never on the full sequence of calls.

/** Scores the smoke-test row like a healthy model (0.5) and gives `value` for every other input. */
const modelFailingOnTraffic = (id: string, value: number): Model => ({ id, predict: (features) => (features.amount === smokeRow.amount ? 0.5 : value) });

const smokeRow: Features = { amount: 50 };
const policy: CachePolicy = { refreshAfterMs: 60_000, maxStaleMs: 600_000, requestTimeoutMs: 2_000, loadTimeoutMs: 60_000, smokeInputs: [smokeRow] };

function setup(loadTimeMs = 0) {
  const clock = new ManualClock(1_000);
  const store = new FakeModelStore(clock, loadTimeMs);
  const logger = new RecordingLogger();
  store.models.set('fraud', constantModel('fraud-v7', 0.82));
  const service = new PredictionService({ store, logger, clock }, policy);
  return { clock, store, logger, service };
}

describe('PredictionService', () => {
  it('returns the score and logs it with the model version and the latency measured on the injected clock', async () => {
    const { service, logger, clock } = setup(25);
    const request = service.predict('fraud', { amount: 120 });
    await clock.advance(25);
    await expect(request).resolves.toBe(0.82);
    expect(logger.named('prediction')).toEqual([
      expect.objectContaining({ level: 'info', fields: expect.objectContaining({ modelId: 'fraud', version: 'fraud-v7', score: 0.82, latencyMs: 25 }) }),
    ]);
  });

  it('loads a model once and reloads it only after the refresh interval', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud', {});
    await clock.advance(59_999);
    await service.predict('fraud', {});
    expect(store.loads).toBe(1);
    await clock.advance(1);
    await service.predict('fraud', {});
    expect(store.loads).toBe(2);
  });

  it('shares one load between concurrent requests for a cold model', async () => {
    const { service, store } = setup();
    const scores = await Promise.all([1, 2, 3].map(() => service.predict('fraud', {})));
    expect(scores).toEqual([0.82, 0.82, 0.82]);
    expect(store.loads).toBe(1);
  });

  it('wraps a store failure in ModelUnavailableError, keeps the cause and raises one error alert', async () => {
    const { service, store, logger } = setup();
    const timeout = new Error('S3 read timed out');
    store.failNext.push(timeout);
    const error = await service.predict('fraud', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).cause).toBe(timeout);
    expect(logger.alerts()).toEqual([expect.objectContaining({ level: 'error', event: 'model.load_failed' })]);
  });

  it('serves the cached model with a warning when a reload fails inside the staleness limit', async () => {
    const { service, store, logger, clock } = setup();
    await service.predict('fraud', {});
    await clock.advance(120_000);
    store.failNext.push(new Error('connection reset'));
    store.hold();
    await expect(service.predict('fraud', {})).resolves.toBe(0.82);
    store.release();
    await settle();
    expect(logger.alerts()).toEqual([expect.objectContaining({ level: 'warn', event: 'model.reload_failed_serving_stale', fields: expect.objectContaining({ ageMs: 120_000 }) })]);
  });

  it('answers at once from the cached model once it is due for refresh, and swaps in the reloaded one when it lands', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud', {});
    store.models.set('fraud', constantModel('fraud-v8', 0.4));
    await clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
    expect(store.loads).toBe(2);
    store.release();
    await settle();
    await expect(service.predict('fraud', {})).resolves.toBe(0.4);
    expect(store.loads).toBe(2);
  });

  it('logs which model version gave each answer, so answers can be traced across a swap', async () => {
    const { service, store, clock, logger } = setup();
    await service.predict('fraud', {});
    store.models.set('fraud', constantModel('fraud-v8', 0.4));
    await clock.advance(60_000);
    await service.predict('fraud', {});
    await settle();
    await service.predict('fraud', {});
    expect(logger.named('prediction').map((e) => [e.fields.version, e.fields.score])).toEqual([
      ['fraud-v7', 0.82],
      ['fraud-v7', 0.82],
      ['fraud-v8', 0.4],
    ]);
  });

  it('runs one reload at a time, however many requests arrive while it is in flight', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud', {});
    await clock.advance(60_000);
    store.hold();
    const burst = Promise.all([1, 2, 3, 4, 5].map(() => service.predict('fraud', {})));
    expect(await answeredAtOnce(burst)).toEqual([0.82, 0.82, 0.82, 0.82, 0.82]);
    await clock.advance(59_999); // the reload is still running, just inside its deadline
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
    expect(store.loads).toBe(2);
  });

  it('asks a failing store at most once per refresh interval while a cached copy can still serve', async () => {
    const { service, store, logger, clock } = setup();
    await service.predict('fraud', {});
    store.outage = new Error('S3 read timed out');
    await clock.advance(60_000);
    for (let i = 0; i < 12; i++) {
      expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
      await clock.advance(5_000);
    }
    expect(store.loads).toBe(2); // the first load and one failed reload in 60 s of requests
    await service.predict('fraud', {});
    await settle();
    expect(store.loads).toBe(3);
    expect(logger.alerts().filter((e) => e.level === 'warn')).toHaveLength(2);
    store.outage = undefined;
    await clock.advance(60_000);
    await service.predict('fraud', {});
    await settle();
    expect(store.loads).toBe(4); // recovered: the reload succeeded and reset the cache age
    await clock.advance(59_999);
    await service.predict('fraud', {});
    expect(store.loads).toBe(4);
  });

  it('makes only a cold request wait for the store; later ones are answered from the cache', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const cold = service.predict('fraud', {});
    expect(await answeredAtOnce(cold)).toBe('still waiting');
    store.release();
    await expect(cold).resolves.toBe(0.82);
    await clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
  });

  it('fails a cold request that has waited 2 s, without aborting the load it joined', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const cold = service.predict('fraud', {});
    await clock.advance(1_999);
    expect(await answeredAtOnce(cold)).toBe('still waiting');
    await clock.advance(1);
    const error = await cold.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe("model fraud could not be loaded (no model within the request's 2,000 ms; the load carries on) and no copy is cached");
    expect(store.lastSignal?.aborted).toBe(false);
  });

  it('lets a healthy store that needs 2.5 s fill the cache, so only the requests that came before it fail', async () => {
    const { service, store, clock } = setup(2_500);
    const early = service.predict('fraud', {}).catch((e: unknown) => e); // handled now, as it fails while the clock moves
    await clock.advance(2_000);
    expect(await early).toBeInstanceOf(ModelUnavailableError);
    await clock.advance(500); // the load lands
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
    expect(store.loads).toBe(1);
  });

  it('joins the running load on the next request after a request timeout, instead of starting another', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const first = service.predict('fraud', {}).catch((e: unknown) => e);
    await clock.advance(2_000);
    expect(await first).toBeInstanceOf(ModelUnavailableError);
    const second = service.predict('fraud', {});
    store.release();
    await expect(second).resolves.toBe(0.82);
    expect(store.loads).toBe(1);
  });

  it('aborts a load that has not answered within 60 s, and starts a fresh one on the next request', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const cold = service.predict('fraud', {}).catch((e: unknown) => e);
    await clock.advance(59_999);
    expect(await cold).toBeInstanceOf(ModelUnavailableError);
    const stalled = store.lastSignal;
    expect(stalled?.aborted).toBe(false);
    await clock.advance(1);
    expect(stalled?.aborted).toBe(true);
    expect(stalled?.reason).toBeInstanceOf(LoadTimeoutError);
    expect((stalled?.reason as Error).message).toBe('the store did not answer within 60,000 ms');
    store.release();
    await expect(service.predict('fraud', {})).resolves.toBe(0.82);
    expect(store.loads).toBe(2);
  });

  it('lets a slow background reload finish: a 2.5 s store keeps the cache fresh past the staleness limit', async () => {
    const { service, store, clock } = setup(2_500);
    const early = service.predict('fraud', {}).catch((e: unknown) => e);
    await clock.advance(2_500);
    expect(await early).toBeInstanceOf(ModelUnavailableError);
    store.models.set('fraud', constantModel('fraud-v8', 0.4));
    for (let minute = 1; minute <= 11; minute++) {
      await clock.advance(60_000);
      expect(await answeredAtOnce(service.predict('fraud', {}))).not.toBe('still waiting');
      await clock.advance(2_500); // the background reload lands
    }
    await expect(service.predict('fraud', {})).resolves.toBe(0.4);
  });

  it('times out a stalled background reload after 60 s: the cached copy keeps serving and the store is asked again a refresh interval later', async () => {
    const { service, store, clock, logger } = setup();
    await service.predict('fraud', {});
    await clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
    await clock.advance(60_000);
    expect(logger.named('model.reload_failed_serving_stale')).toEqual([
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'LoadTimeoutError: the store did not answer within 60,000 ms' }) }),
    ]);
    store.release();
    await clock.advance(59_999);
    expect(await answeredAtOnce(service.predict('fraud', {}))).toBe(0.82);
    expect(store.loads).toBe(2); // not asked again inside the pause after the failure
    await clock.advance(1);
    await service.predict('fraud', {});
    expect(store.loads).toBe(3);
  });

  it('explains a failed first load: which model, why, and that nothing is cached', async () => {
    const { service, store } = setup();
    store.failNext.push(new Error('S3 read timed out'));
    await expect(service.predict('fraud', {})).rejects.toThrow('model fraud could not be loaded (S3 read timed out) and no copy is cached');
  });

  it('stops serving a cached copy once its age reaches the staleness limit', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud', {});
    await clock.advance(600_000);
    store.failNext.push(new Error('bucket gone'));
    const error = await service.predict('fraud', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toBe('model fraud could not be loaded (bucket gone) and the cached copy is 600,000 ms old, too old to serve');
  });

  it('recovers on the next request after a failed load, because failures are not cached', async () => {
    const { service, store } = setup();
    store.failNext.push(new Error('throttled'));
    await expect(service.predict('fraud', {})).rejects.toThrow(/could not be loaded/);
    await expect(service.predict('fraud', {})).resolves.toBe(0.82);
  });

  it.each([Number.NaN, -0.1, 1.5, Number.POSITIVE_INFINITY])('rejects a model output of %s instead of passing it on, and logs the version that gave it', async (value) => {
    const { service, store, logger } = setup();
    store.models.set('fraud', modelFailingOnTraffic('fraud-v9', value));
    await expect(service.predict('fraud', { amount: 120 })).rejects.toBeInstanceOf(InvalidPredictionError);
    expect(logger.named('prediction.failed')).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ version: 'fraud-v9' }) })]);
  });

  it.each([0, 1])('accepts a model output of exactly %s, a valid probability', async (value) => {
    const { service, store } = setup();
    store.models.set('fraud', constantModel('fraud-v9', value));
    await expect(service.predict('fraud', {})).resolves.toBe(value);
  });

  it('turns a model that throws into a typed PredictionFailedError, and logs it', async () => {
    const { service, store, logger } = setup();
    const needsAmount: Model = {
      id: 'fraud-v9',
      predict: (features) => {
        if (features.amount === undefined) throw new TypeError('feature "amount" missing');
        return 0.5;
      },
    };
    store.models.set('fraud', needsAmount);
    const error = await service.predict('fraud', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PredictionFailedError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(logger.named('prediction.failed')).toHaveLength(1);
  });

  it('keeps serving the current model when a new version fails its smoke test, and warns which version was refused', async () => {
    const { service, store, clock, logger } = setup();
    await service.predict('fraud', {});
    store.models.set('fraud', constantModel('fraud-v8', Number.NaN));
    await clock.advance(60_000);
    await expect(service.predict('fraud', {})).resolves.toBe(0.82); // starts the reload that brings fraud-v8
    await settle();
    await expect(service.predict('fraud', {})).resolves.toBe(0.82);
    expect(logger.alerts()).toEqual([expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: expect.stringContaining('fraud-v8') }) })]);
  });

  it('refuses a first model that fails its smoke test, naming the cause', async () => {
    const { service, store } = setup();
    store.models.set('fraud', constantModel('fraud-v8', Number.NaN));
    const error = await service.predict('fraud', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(InvalidPredictionError);
  });

  it('leaves no timer running once a load has landed, or a request has given up and the load then landed', async () => {
    const fast = setup();
    await fast.service.predict('fraud', {});
    expect(fast.clock.pending()).toBe(0);
    const slow = setup(2_500);
    const early = slow.service.predict('fraud', {}).catch((e: unknown) => e);
    await slow.clock.advance(2_000);
    expect(await early).toBeInstanceOf(ModelUnavailableError);
    await slow.clock.advance(500);
    expect(slow.clock.pending()).toBe(0);
  });

  it.each<[string, Partial<CachePolicy>]>([
    ['a load timeout shorter than the request timeout', { loadTimeoutMs: 1_000 }],
    ['a refresh interval of 0, which would reload on every request', { refreshAfterMs: 0 }],
    ['a staleness limit of NaN, which would make every request wait for the store', { maxStaleMs: Number.NaN }],
    ['a staleness limit below the refresh interval, so background refresh never runs', { maxStaleMs: 30_000 }],
    ['an infinite load timeout, which setTimeout would fire after 1 ms', { loadTimeoutMs: Number.POSITIVE_INFINITY }],
    ['a 30-day load timeout, past the largest delay setTimeout accepts', { loadTimeoutMs: 30 * 86_400_000 }],
    ['no smoke-test inputs, which would let any new version replace the one serving', { smokeInputs: [] }],
  ])('refuses a policy with %s', (_, change) => {
    const { store, logger, clock } = setup();
    expect(() => new PredictionService({ store, logger, clock }, { ...policy, ...change })).toThrow(RangeError);
  });
});

// One contract for every Clock: run against the fake and the production adapter, so the fake cannot drift from it.
describe.each<[string, () => { clock: Clock; advance: (ms: number) => Promise<unknown> }]>([
  [
    'the ManualClock fake',
    () => {
      const clock = new ManualClock();
      return { clock, advance: (ms) => clock.advance(ms) };
    },
  ],
  [
    'systemClock, on fake timers',
    () => {
      vi.useFakeTimers();
      return { clock: systemClock, advance: (ms) => vi.advanceTimersByTimeAsync(ms) };
    },
  ],
])('Clock contract: %s', (_, make) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the time that has passed', async () => {
    const { clock, advance } = make();
    const start = clock.now();
    await advance(1_500);
    expect(clock.now() - start).toBe(1_500);
  });

  it('runs callbacks in due order once their time has passed, with promise callbacks running in between', async () => {
    const { clock, advance } = make();
    const fired: string[] = [];
    clock.schedule(20, () => fired.push('second'));
    clock.schedule(10, () => {
      fired.push('first');
      void Promise.resolve().then(() => fired.push('promise callback of first'));
    });
    await advance(9);
    expect(fired).toEqual([]);
    await advance(11);
    expect(fired).toEqual(['first', 'promise callback of first', 'second']);
  });

  it('never runs a cancelled callback', async () => {
    const { clock, advance } = make();
    const fired: string[] = [];
    const cancel = clock.schedule(10, () => fired.push('cancelled'));
    cancel();
    await advance(20);
    expect(fired).toEqual([]);
  });
});
