/**
 * Dependency injection for a prediction service.
 *
 * The service owns the interfaces it needs (ModelStore, Logger, Clock) and
 * receives implementations through its constructor. It never creates an S3
 * client, reads the system time or writes to stdout itself, so a test can
 * hand it fakes, inject failures and move time forward deterministically.
 */

export type Features = Readonly<Record<string, number>>;

export interface Model {
  readonly id: string;
  /** A probability in [0, 1]. */
  predict(features: Features): number;
}

/** Port: where models come from (S3, a registry, a local file in tests). */
export interface ModelStore {
  load(modelId: string): Promise<Model>;
}

export type LogFields = Readonly<Record<string, string | number>>;

export interface Logger {
  info(event: string, fields: LogFields): void;
  warn(event: string, fields: LogFields): void;
  error(event: string, fields: LogFields): void;
}

/** Time is a dependency too: caching and latency logic is untestable without it. */
export interface Clock {
  now(): number;
}

export interface PredictionServiceDeps {
  readonly store: ModelStore;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface CachePolicy {
  /** Reload a model after this long, so a new version is picked up. */
  readonly refreshAfterMs: number;
  /** If a reload fails, keep serving the cached model up to this age. */
  readonly maxStaleMs: number;
}

export class ModelUnavailableError extends Error {
  constructor(
    readonly modelId: string,
    cause: unknown,
  ) {
    super(`model ${modelId} could not be loaded`, { cause });
    this.name = 'ModelUnavailableError';
  }
}

export class InvalidPredictionError extends Error {
  constructor(
    readonly modelId: string,
    readonly value: number,
  ) {
    super(`model ${modelId} returned ${value}, expected a probability in [0, 1]`);
    this.name = 'InvalidPredictionError';
  }
}

interface CacheEntry {
  readonly model: Model;
  readonly loadedAt: number;
}

export class PredictionService {
  private readonly cache = new Map<string, CacheEntry>();
  /** Concurrent requests for a cold model share one load instead of stampeding the store. */
  private readonly loading = new Map<string, Promise<Model>>();

  constructor(
    private readonly deps: PredictionServiceDeps,
    private readonly policy: CachePolicy = { refreshAfterMs: 60_000, maxStaleMs: 600_000 },
  ) {}

  async predict(modelId: string, features: Features): Promise<number> {
    const { clock, logger } = this.deps;
    const started = clock.now();
    const model = await this.model(modelId);
    const score = model.predict(features);
    if (!Number.isFinite(score) || score < 0 || score > 1) {
      logger.error('prediction.invalid', { modelId, value: String(score) });
      throw new InvalidPredictionError(modelId, score);
    }
    logger.info('prediction', { modelId, score, latencyMs: clock.now() - started });
    return score;
  }

  private model(modelId: string): Promise<Model> {
    const cached = this.cache.get(modelId);
    if (cached && this.deps.clock.now() - cached.loadedAt < this.policy.refreshAfterMs) {
      return Promise.resolve(cached.model);
    }
    let pending = this.loading.get(modelId);
    if (!pending) {
      pending = this.reload(modelId, cached).finally(() => this.loading.delete(modelId));
      this.loading.set(modelId, pending);
    }
    return pending;
  }

  private async reload(modelId: string, cached: CacheEntry | undefined): Promise<Model> {
    const { store, logger, clock } = this.deps;
    try {
      const model = await store.load(modelId);
      this.cache.set(modelId, { model, loadedAt: clock.now() });
      return model;
    } catch (error) {
      const age = cached ? clock.now() - cached.loadedAt : Number.POSITIVE_INFINITY;
      if (cached && age < this.policy.maxStaleMs) {
        // Degrade, do not fail: the previous model is still a valid answer for a while.
        logger.warn('model.reload_failed_serving_stale', { modelId, ageMs: age, reason: String(error) });
        return cached.model;
      }
      logger.error('model.load_failed', { modelId, reason: String(error) });
      throw new ModelUnavailableError(modelId, error);
    }
  }
}
