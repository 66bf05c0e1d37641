/**
 * Dependency injection for a prediction service.
 *
 * The service owns the interfaces it needs (ModelStore, Logger, Clock) and
 * receives implementations through its constructor. It never creates an S3
 * client, reads the system time or writes to stdout itself, so a test can
 * hand it fakes, inject failures and move time forward deterministically.
 * The composition root wires the real adapters, such as `systemClock` below.
 */

export type Features = Readonly<Record<string, number>>;

export interface Model {
  /** The version, logged with every answer so it can be traced to the model that gave it. */
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
  /** Milliseconds on a monotonic clock: wall time (Date.now()) can step back, which would stall refreshes. */
  now(): number;
  /** Runs `callback` after `ms` and returns a function that cancels it. */
  schedule(ms: number, callback: () => void): () => void;
}

/** setTimeout fires at once, not late, for a longer delay (Node.js timers docs), so the policy check caps timeouts here. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The production Clock: monotonic time and real timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  schedule: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

export interface PredictionServiceDeps {
  readonly store: ModelStore;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface CachePolicy {
  /** Refresh a model in the background after this long, so a new version is picked up; also the pause after a failed reload. */
  readonly refreshAfterMs: number;
  /** Serve a cached model while it is younger than this, even if reloads fail; from then on, requests wait for the store. */
  readonly maxStaleMs: number;
  /** A request stops waiting for a load after this long, but the load carries on for the requests after it. */
  readonly requestTimeoutMs: number;
  /** A load that takes longer fails and is aborted, so a stalled store does not hold the shared load forever. */
  readonly loadTimeoutMs: number;
  /** Feature rows every newly loaded version must score to a probability before it may serve: a smoke test, not a quality gate. */
  readonly smokeInputs: readonly Features[];
}

/** A whole number as the page writes it, 60,000: separators by hand, so every runtime prints the same. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

export class LoadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the store did not answer within ${grouped(timeoutMs)} ms`);
    this.name = 'LoadTimeoutError';
  }
}

export class WaitTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no model within the request's ${grouped(timeoutMs)} ms; the load carries on`);
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
    const cached = cachedAgeMs === undefined ? 'no copy is cached' : `the cached copy is ${grouped(cachedAgeMs)} ms old, too old to serve`;
    super(`model ${modelId} could not be loaded (${reason}) and ${cached}`, { cause });
    this.name = 'ModelUnavailableError';
  }
}

export class InvalidPredictionError extends Error {
  constructor(
    readonly modelId: string,
    readonly version: string,
    readonly value: number,
  ) {
    super(`model ${modelId} (${version}) returned ${value}, expected a probability in [0, 1]`);
    this.name = 'InvalidPredictionError';
  }
}

export class PredictionFailedError extends Error {
  constructor(
    readonly modelId: string,
    readonly version: string,
    cause: unknown,
  ) {
    super(`model ${modelId} (${version}) failed: ${String(cause)}`, { cause });
    this.name = 'PredictionFailedError';
  }
}

/** Runs the model and returns a probability in [0, 1], or throws a typed error: the model threw, or gave NaN or a value out of range. */
function checkedScore(modelId: string, model: Model, features: Features): number {
  let score: number;
  try {
    score = model.predict(features);
  } catch (error) {
    throw new PredictionFailedError(modelId, model.id, error);
  }
  if (!(score >= 0 && score <= 1)) throw new InvalidPredictionError(modelId, model.id, score); // also false for NaN
  return score;
}

/** Written as !(in range) so that NaN, which fails every comparison, is refused too. */
function requireMs(name: string, ms: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!(ms > 0 && ms <= max)) throw new RangeError(`${name} must be a number of ms in (0, ${max}], got ${ms}`);
}

interface CacheEntry {
  readonly model: Model;
  /** When the store last handed over this copy, not when the model was trained. */
  readonly loadedAt: number;
}

/**
 * The cache is stale-while-revalidate: a request never waits for a refresh.
 * Once a model is `refreshAfterMs` old, the next request is answered from the
 * cached copy and starts a reload in the background, which swaps the new model
 * in when it lands and passes its smoke test. Only a request with nothing safe
 * to serve (a cold start, or a copy `maxStaleMs` old or older) waits for the
 * store, for at most `requestTimeoutMs`. Giving up does not cancel the shared
 * load, so a store slower than a request's patience still fills the cache;
 * only a load past `loadTimeoutMs` is aborted.
 */
export class PredictionService {
  private readonly cache = new Map<string, CacheEntry>();
  /** One load per model at a time: concurrent requests and refreshes share it instead of stampeding the store. */
  private readonly loading = new Map<string, Promise<Model>>();
  /** After a failed load, no background refresh before this time. It spares a failing store while a copy serves; a request with none still asks. */
  private readonly retryAt = new Map<string, number>();

  /** Refuses a policy that would silently disable caching or fire a timeout at once. */
  constructor(
    private readonly deps: PredictionServiceDeps,
    private readonly policy: CachePolicy,
  ) {
    requireMs('refreshAfterMs', policy.refreshAfterMs);
    requireMs('maxStaleMs', policy.maxStaleMs);
    requireMs('requestTimeoutMs', policy.requestTimeoutMs, MAX_TIMER_MS);
    requireMs('loadTimeoutMs', policy.loadTimeoutMs, MAX_TIMER_MS);
    if (policy.refreshAfterMs >= policy.maxStaleMs) throw new RangeError('refreshAfterMs must be below maxStaleMs, or no background refresh ever runs');
    if (policy.loadTimeoutMs < policy.requestTimeoutMs) throw new RangeError('loadTimeoutMs must be at least requestTimeoutMs');
    if (!policy.smokeInputs?.length) throw new RangeError('smokeInputs needs at least one feature row');
  }

  async predict(modelId: string, features: Features): Promise<number> {
    const { clock, logger } = this.deps;
    const started = clock.now();
    const model = await this.model(modelId);
    let score: number;
    try {
      score = checkedScore(modelId, model, features);
    } catch (error) {
      logger.error('prediction.failed', { modelId, version: model.id, reason: String(error) });
      throw error;
    }
    logger.info('prediction', { modelId, version: model.id, score, latencyMs: clock.now() - started });
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
      // A broken release must not replace a working copy: a failed smoke test fails the load, and the old copy serves on.
      for (const features of this.policy.smokeInputs) checkedScore(modelId, model, features);
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
