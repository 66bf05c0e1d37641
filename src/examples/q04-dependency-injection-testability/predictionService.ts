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
  /** `signal` aborts when the load passes its deadline, so the adapter can cancel its request. */
  load(modelId: string, signal: AbortSignal): Promise<Model>;
}

export type LogFields = Readonly<Record<string, string | number>>;

export interface Logger {
  info(event: string, fields: LogFields): void;
  warn(event: string, fields: LogFields): void;
  error(event: string, fields: LogFields): void;
}

/** Time is a dependency too: caching, deadlines and latency logic are untestable without it. */
export interface Clock {
  now(): number;
  /** Runs `callback` after `ms` and returns a function that cancels it: setTimeout in production, a manual clock in tests. */
  schedule(ms: number, callback: () => void): () => void;
}

export interface PredictionServiceDeps {
  readonly store: ModelStore;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface CachePolicy {
  /** Refresh a model in the background after this long, so a new version is picked up; also the pause after a failed reload. */
  readonly refreshAfterMs: number;
  /** Serve a cached model up to this age while reloads fail; past it, requests wait for the store. */
  readonly maxStaleMs: number;
  /** A request stops waiting for a load after this long, but the load carries on for the requests after it. */
  readonly requestTimeoutMs: number;
  /** A load that takes longer fails and is aborted, so a stalled store does not hold the shared load forever. */
  readonly loadTimeoutMs: number;
}

export class LoadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the store did not answer within ${timeoutMs} ms`);
    this.name = 'LoadTimeoutError';
  }
}

export class WaitTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no model within the request's ${timeoutMs} ms; the load carries on`);
    this.name = 'WaitTimeoutError';
  }
}

export class ModelUnavailableError extends Error {
  constructor(
    readonly modelId: string,
    cause: unknown,
    /** Age of the cached copy that was too old to serve; undefined when nothing was cached. */
    readonly cachedAgeMs?: number,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const cached = cachedAgeMs === undefined ? 'no copy is cached' : `the cached copy is ${cachedAgeMs} ms old, past the staleness limit`;
    super(`model ${modelId} could not be loaded (${reason}) and ${cached}`, { cause });
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

/**
 * The cache is stale-while-revalidate: a request never waits for a refresh.
 * Once a model is older than `refreshAfterMs`, the next request is answered
 * from the cached copy and starts a reload in the background, which swaps the
 * new model in when it lands. Only a request with nothing safe to serve (a
 * cold start, or a copy older than `maxStaleMs`) waits for the store, and for
 * at most `requestTimeoutMs`. Giving up does not cancel the shared load, so a
 * store slower than a request's patience still fills the cache; only a load
 * past `loadTimeoutMs` is aborted.
 */
export class PredictionService {
  private readonly cache = new Map<string, CacheEntry>();
  /** One load per model at a time: concurrent requests and refreshes share it instead of stampeding the store. */
  private readonly loading = new Map<string, Promise<Model>>();
  /** After a failed load, no background refresh before this time, so a failing store is not asked on every request. */
  private readonly retryAt = new Map<string, number>();

  constructor(
    private readonly deps: PredictionServiceDeps,
    private readonly policy: CachePolicy = { refreshAfterMs: 60_000, maxStaleMs: 600_000, requestTimeoutMs: 2_000, loadTimeoutMs: 60_000 },
  ) {
    if (!(policy.requestTimeoutMs > 0)) throw new RangeError('requestTimeoutMs must be positive');
    if (!(policy.loadTimeoutMs >= policy.requestTimeoutMs)) throw new RangeError('loadTimeoutMs must be at least requestTimeoutMs');
  }

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

  private async model(modelId: string): Promise<Model> {
    const cached = this.cache.get(modelId);
    const age = cached ? this.deps.clock.now() - cached.loadedAt : Number.POSITIVE_INFINITY;
    if (cached && age < this.policy.maxStaleMs) {
      if (age >= this.policy.refreshAfterMs) this.refreshInBackground(modelId, cached);
      return cached.model;
    }
    // Nothing safe to serve, so this request has to wait for the store.
    try {
      return await this.waitForLoad(modelId);
    } catch (error) {
      this.deps.logger.error('model.load_failed', { modelId, reason: String(error) });
      throw new ModelUnavailableError(modelId, error, cached ? age : undefined);
    }
  }

  private refreshInBackground(modelId: string, cached: CacheEntry): void {
    const { clock, logger } = this.deps;
    if (this.loading.has(modelId) || clock.now() < (this.retryAt.get(modelId) ?? Number.NEGATIVE_INFINITY)) return;
    this.load(modelId).catch((error: unknown) => {
      // Degrade, do not fail: the previous model is still a valid answer for a while.
      logger.warn('model.reload_failed_serving_stale', { modelId, ageMs: clock.now() - cached.loadedAt, reason: String(error) });
    });
  }

  /** The request's own deadline: it stops waiting, and the shared load it joined goes on. */
  private async waitForLoad(modelId: string): Promise<Model> {
    let cancelTimer = () => {};
    const timer = new Promise<never>((_, reject) => {
      cancelTimer = this.deps.clock.schedule(this.policy.requestTimeoutMs, () => reject(new WaitTimeoutError(this.policy.requestTimeoutMs)));
    });
    try {
      return await Promise.race([this.load(modelId), timer]);
    } finally {
      cancelTimer();
    }
  }

  private load(modelId: string): Promise<Model> {
    let pending = this.loading.get(modelId);
    if (!pending) {
      pending = this.loadAndCache(modelId).finally(() => this.loading.delete(modelId));
      this.loading.set(modelId, pending);
    }
    return pending;
  }

  private async loadAndCache(modelId: string): Promise<Model> {
    const { store, clock } = this.deps;
    const abort = new AbortController();
    let cancelDeadline = () => {};
    const deadline = new Promise<never>((_, reject) => {
      cancelDeadline = clock.schedule(this.policy.loadTimeoutMs, () => {
        const timeout = new LoadTimeoutError(this.policy.loadTimeoutMs);
        abort.abort(timeout);
        reject(timeout);
      });
    });
    try {
      // Whichever settles first wins; a load that answers after its own deadline is ignored.
      const model = await Promise.race([store.load(modelId, abort.signal), deadline]);
      this.cache.set(modelId, { model, loadedAt: clock.now() });
      this.retryAt.delete(modelId);
      return model;
    } catch (error) {
      this.retryAt.set(modelId, clock.now() + this.policy.refreshAfterMs);
      throw error;
    } finally {
      cancelDeadline();
    }
  }
}
