import { describe, expect, it } from 'vitest';
import {
  InvalidPredictionError,
  LoadTimeoutError,
  ModelUnavailableError,
  PredictionService,
  WaitTimeoutError,
  type Clock,
  type LogFields,
  type Logger,
  type Model,
  type ModelStore,
} from './predictionService';

// Hand-written fakes: small working implementations of the ports, not mocks of call sequences.

/** A clock the test moves by hand; timers fire, in order, as it passes their due time. */
class ManualClock implements Clock {
  private timers: { at: number; callback: () => void }[] = [];
  constructor(private t = 0) {}
  now() {
    return this.t;
  }
  schedule(ms: number, callback: () => void) {
    const timer = { at: this.t + ms, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  advance(ms: number) {
    const until = this.t + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.t = due.at;
      due.callback();
    }
    this.t = until;
  }
}

class RecordingLogger implements Logger {
  readonly entries: { level: string; event: string; fields: LogFields }[] = [];
  info(event: string, fields: LogFields) {
    this.entries.push({ level: 'info', event, fields });
  }
  warn(event: string, fields: LogFields) {
    this.entries.push({ level: 'warn', event, fields });
  }
  error(event: string, fields: LogFields) {
    this.entries.push({ level: 'error', event, fields });
  }
  levels() {
    return this.entries.map((e) => `${e.level}:${e.event}`);
  }
}

/** An in-memory model store whose loads can be told to fail, to take time, or to hang until the test releases them. */
class FakeModelStore implements ModelStore {
  readonly models = new Map<string, Model>();
  loads = 0;
  /** The abort signal of the latest load. */
  lastSignal: AbortSignal | undefined;
  failNext: Error[] = [];
  /** Set to make every load fail until it is cleared: a storage outage. */
  outage: Error | undefined;
  private gate: Promise<void> | undefined;
  private openGate = () => {};
  constructor(
    private readonly clock: ManualClock,
    private readonly loadTimeMs = 0,
  ) {}
  /** Loads started from now on wait until release(): a slow store, under the test's control. */
  hold() {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }
  release() {
    this.gate = undefined;
    this.openGate();
  }
  async load(modelId: string, signal: AbortSignal): Promise<Model> {
    this.loads++;
    this.lastSignal = signal;
    if (this.gate) await this.gate;
    this.clock.advance(this.loadTimeMs);
    const failure = this.failNext.shift() ?? this.outage;
    if (failure) throw failure;
    const model = this.models.get(modelId);
    if (!model) throw new Error(`no such object: ${modelId}`);
    return model;
  }
}

/** Lets pending promise callbacks, such as a background reload, run to completion. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The request's answer if it needs no store round trip, else 'still waiting'. */
const answeredAtOnce = <T>(request: Promise<T>) => Promise.race([request, settle().then(() => 'still waiting' as const)]);

const constantModel = (id: string, value: number): Model => ({ id, predict: () => value });

function setup(loadTimeMs = 0) {
  const clock = new ManualClock(1_000);
  const store = new FakeModelStore(clock, loadTimeMs);
  const logger = new RecordingLogger();
  store.models.set('fraud-v7', constantModel('fraud-v7', 0.82));
  const service = new PredictionService({ store, logger, clock }, { refreshAfterMs: 60_000, maxStaleMs: 600_000, requestTimeoutMs: 2_000, loadTimeoutMs: 60_000 });
  return { clock, store, logger, service };
}

describe('PredictionService', () => {
  it('returns the score and logs the latency measured on the injected clock', async () => {
    const { service, logger } = setup(25);
    await expect(service.predict('fraud-v7', { amount: 120 })).resolves.toBe(0.82);
    expect(logger.entries).toEqual([{ level: 'info', event: 'prediction', fields: { modelId: 'fraud-v7', score: 0.82, latencyMs: 25 } }]);
  });

  it('loads a model once and reloads it only after the refresh interval', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(59_999);
    await service.predict('fraud-v7', {});
    expect(store.loads).toBe(1);
    clock.advance(1);
    await service.predict('fraud-v7', {});
    expect(store.loads).toBe(2);
  });

  it('shares one load between concurrent requests for a cold model', async () => {
    const { service, store } = setup();
    const scores = await Promise.all([1, 2, 3].map(() => service.predict('fraud-v7', {})));
    expect(scores).toEqual([0.82, 0.82, 0.82]);
    expect(store.loads).toBe(1);
  });

  it('wraps a store failure in ModelUnavailableError, keeps the cause and logs one error', async () => {
    const { service, store, logger } = setup();
    const timeout = new Error('S3 read timed out');
    store.failNext.push(timeout);
    const error = await service.predict('fraud-v7', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).cause).toBe(timeout);
    expect(logger.levels()).toEqual(['error:model.load_failed']);
  });

  it('serves the cached model with a warning when a reload fails inside the staleness limit', async () => {
    const { service, store, logger, clock } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(120_000);
    store.failNext.push(new Error('connection reset'));
    store.hold();
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.82);
    store.release();
    await settle();
    expect(logger.levels()).toEqual(['info:prediction', 'info:prediction', 'warn:model.reload_failed_serving_stale']);
    expect(logger.entries[2]?.fields.ageMs).toBe(120_000);
  });

  it('answers at once from the cached model once it is due for refresh, and swaps in the reloaded one when it lands', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud-v7', {});
    store.models.set('fraud-v7', constantModel('fraud-v8', 0.4));
    clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
    expect(store.loads).toBe(2);
    store.release();
    await settle();
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.4);
    expect(store.loads).toBe(2);
  });

  it('runs one reload at a time, however many requests arrive while it is in flight', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(60_000);
    store.hold();
    const burst = Promise.all([1, 2, 3, 4, 5].map(() => service.predict('fraud-v7', {})));
    expect(await answeredAtOnce(burst)).toEqual([0.82, 0.82, 0.82, 0.82, 0.82]);
    clock.advance(59_999); // the reload is still running, just inside its deadline
    expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
    expect(store.loads).toBe(2);
  });

  it('asks a failing store at most once per refresh interval, not on every request', async () => {
    const { service, store, logger, clock } = setup();
    await service.predict('fraud-v7', {});
    store.outage = new Error('S3 read timed out');
    clock.advance(60_000);
    for (let i = 0; i < 12; i++) {
      expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
      await settle();
      clock.advance(5_000);
    }
    expect(store.loads).toBe(2); // the first load and one failed reload in 60 s of requests
    await service.predict('fraud-v7', {});
    await settle();
    expect(store.loads).toBe(3);
    expect(logger.levels().filter((level) => level.startsWith('warn'))).toHaveLength(2);
    store.outage = undefined;
    clock.advance(60_000);
    await service.predict('fraud-v7', {});
    await settle();
    expect(store.loads).toBe(4); // recovered: the reload succeeded and reset the cache age
    clock.advance(59_999);
    await service.predict('fraud-v7', {});
    expect(store.loads).toBe(4);
  });

  it('makes only a cold request wait for the store; later ones are answered from the cache', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const cold = service.predict('fraud-v7', {});
    expect(await answeredAtOnce(cold)).toBe('still waiting');
    store.release();
    await expect(cold).resolves.toBe(0.82);
    clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
  });

  it('fails a cold request that has waited 2 s, without aborting the load it joined', async () => {
    const { service, store, clock, logger } = setup();
    store.hold();
    const cold = service.predict('fraud-v7', {});
    clock.advance(1_999);
    expect(await answeredAtOnce(cold)).toBe('still waiting');
    clock.advance(1);
    const error = await cold.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe("model fraud-v7 could not be loaded (no model within the request's 2000 ms; the load carries on) and no copy is cached");
    expect(store.lastSignal?.aborted).toBe(false);
    expect(logger.levels()).toEqual(['error:model.load_failed']);
  });

  it('lets a healthy store that needs 2.5 s fill the cache, so only the requests that came before it fail', async () => {
    const { service, store } = setup(2_500);
    await expect(service.predict('fraud-v7', {})).rejects.toBeInstanceOf(ModelUnavailableError);
    await settle();
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.82);
    expect(store.loads).toBe(1);
    expect(store.lastSignal?.aborted).toBe(false);
  });

  it('joins the running load on the next request after a request timeout, instead of starting another', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const first = service.predict('fraud-v7', {});
    clock.advance(2_000);
    await expect(first).rejects.toBeInstanceOf(ModelUnavailableError);
    const second = service.predict('fraud-v7', {});
    store.release();
    await expect(second).resolves.toBe(0.82);
    expect(store.loads).toBe(1);
  });

  it('aborts a load that has not answered within 60 s, and starts a fresh one on the next request', async () => {
    const { service, store, clock } = setup();
    store.hold();
    const cold = service.predict('fraud-v7', {});
    clock.advance(59_999);
    await expect(cold).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(store.lastSignal?.aborted).toBe(false);
    const stalled = store.lastSignal;
    clock.advance(1);
    expect(stalled?.aborted).toBe(true);
    expect(stalled?.reason).toBeInstanceOf(LoadTimeoutError);
    expect((stalled?.reason as Error).message).toBe('the store did not answer within 60000 ms');
    store.release();
    await settle();
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.82);
    expect(store.loads).toBe(2);
  });

  it('lets a slow background reload finish: a 2.5 s store keeps the cache fresh past the staleness limit', async () => {
    const { service, store, clock } = setup(2_500);
    await expect(service.predict('fraud-v7', {})).rejects.toBeInstanceOf(ModelUnavailableError);
    await settle();
    store.models.set('fraud-v7', constantModel('fraud-v8', 0.4));
    for (let minute = 1; minute <= 11; minute++) {
      clock.advance(60_000);
      expect(await answeredAtOnce(service.predict('fraud-v7', {}))).not.toBe('still waiting');
      await settle();
    }
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.4);
  });

  it('times out a stalled background reload after 60 s: the cached copy keeps serving and the store is asked again a refresh interval later', async () => {
    const { service, store, clock, logger } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(60_000);
    store.hold();
    expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
    clock.advance(60_000);
    await settle();
    expect(logger.entries.at(-1)).toMatchObject({
      level: 'warn',
      event: 'model.reload_failed_serving_stale',
      fields: { reason: 'LoadTimeoutError: the store did not answer within 60000 ms' },
    });
    store.release();
    clock.advance(59_999);
    expect(await answeredAtOnce(service.predict('fraud-v7', {}))).toBe(0.82);
    expect(store.loads).toBe(2); // not asked again inside the pause after the failure
    clock.advance(1);
    await service.predict('fraud-v7', {});
    expect(store.loads).toBe(3);
  });

  it('refuses a load timeout shorter than the request timeout', () => {
    const { store, logger, clock } = setup();
    expect(() => new PredictionService({ store, logger, clock }, { refreshAfterMs: 60_000, maxStaleMs: 600_000, requestTimeoutMs: 2_000, loadTimeoutMs: 1_000 })).toThrow(
      RangeError,
    );
  });

  it('explains a failed first load: which model, why, and that nothing is cached', async () => {
    const { service, store } = setup();
    store.failNext.push(new Error('S3 read timed out'));
    await expect(service.predict('fraud-v7', {})).rejects.toThrow('model fraud-v7 could not be loaded (S3 read timed out) and no copy is cached');
  });

  it('stops serving a stale model once it is older than the staleness limit', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(600_000);
    store.failNext.push(new Error('bucket gone'));
    const error = await service.predict('fraud-v7', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toBe('model fraud-v7 could not be loaded (bucket gone) and the cached copy is 600000 ms old, past the staleness limit');
  });

  it('recovers on the next request after a failed load, because failures are not cached', async () => {
    const { service, store } = setup();
    store.failNext.push(new Error('throttled'));
    await expect(service.predict('fraud-v7', {})).rejects.toThrow(/could not be loaded/);
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.82);
  });

  it.each([Number.NaN, -0.1, 1.5, Number.POSITIVE_INFINITY])('rejects a model output of %s instead of passing it on', async (value) => {
    const { service, store, logger } = setup();
    store.models.set('broken', constantModel('broken', value));
    await expect(service.predict('broken', {})).rejects.toBeInstanceOf(InvalidPredictionError);
    expect(logger.levels()).toEqual(['error:prediction.invalid']);
  });
});
