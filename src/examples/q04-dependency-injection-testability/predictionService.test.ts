import { describe, expect, it } from 'vitest';
import { InvalidPredictionError, ModelUnavailableError, PredictionService, type Clock, type LogFields, type Logger, type Model, type ModelStore } from './predictionService';

// Hand-written fakes: small working implementations of the ports, not mocks of call sequences.

class ManualClock implements Clock {
  constructor(private t = 0) {}
  now() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
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

/** An in-memory model store whose next loads can be told to fail or to take time. */
class FakeModelStore implements ModelStore {
  readonly models = new Map<string, Model>();
  loads = 0;
  failNext: Error[] = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly loadTimeMs = 0,
  ) {}
  async load(modelId: string): Promise<Model> {
    this.loads++;
    this.clock.advance(this.loadTimeMs);
    const failure = this.failNext.shift();
    if (failure) throw failure;
    const model = this.models.get(modelId);
    if (!model) throw new Error(`no such object: ${modelId}`);
    return model;
  }
}

const constantModel = (id: string, value: number): Model => ({ id, predict: () => value });

function setup(loadTimeMs = 0) {
  const clock = new ManualClock(1_000);
  const store = new FakeModelStore(clock, loadTimeMs);
  const logger = new RecordingLogger();
  store.models.set('fraud-v7', constantModel('fraud-v7', 0.82));
  const service = new PredictionService({ store, logger, clock }, { refreshAfterMs: 60_000, maxStaleMs: 600_000 });
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
    await expect(service.predict('fraud-v7', {})).resolves.toBe(0.82);
    expect(logger.levels()).toEqual(['info:prediction', 'warn:model.reload_failed_serving_stale', 'info:prediction']);
    expect(logger.entries[1]?.fields.ageMs).toBe(120_000);
  });

  it('stops serving a stale model once it is older than the staleness limit', async () => {
    const { service, store, clock } = setup();
    await service.predict('fraud-v7', {});
    clock.advance(600_000);
    store.failNext.push(new Error('bucket gone'));
    await expect(service.predict('fraud-v7', {})).rejects.toBeInstanceOf(ModelUnavailableError);
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
