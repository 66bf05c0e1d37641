/**
 * The loading core of a model mesh: one serving pod holds as many of 1,000
 * models as fit its memory budget, loads cold models on demand and evicts the
 * least recently used ones.
 *
 * What a naive "load on miss" cache gets wrong:
 *  - a burst of requests for one cold model starts the same multi-second load
 *    many times; here concurrent callers share one in-flight load (single flight);
 *  - it evicts by count, not bytes, so a 2 GB model and a 20 MB model cost the same;
 *  - it checks the budget after loading, so two concurrent loads overshoot the
 *    pod and a model larger than the pod is loaded in full before it is refused;
 *    here the size recorded in the registry is reserved before the load starts;
 *  - it can evict a model a request is still using; here every request holds a
 *    lease, and only models with no lease are evicted;
 *  - a failed load stays cached as a rejected promise; here it is forgotten so
 *    the next request retries;
 *  - hot models can be evicted by a scan of rarely used ones; pinned models are never evicted;
 *  - a hung load holds its reservation forever; here a load has a deadline;
 *  - "no room now" and "never fits" look the same; here PodBusyError is worth a
 *    retry (or another pod) and ModelTooLargeError is not.
 */

export interface ModelMeshOptions<M> {
  readonly capacityBytes: number;
  /** Resident size of a model as recorded in the model registry: known before the weights are fetched. */
  readonly sizeOf: (modelId: string) => Promise<number>;
  /** `signal` aborts when the load passes its deadline, so the runtime can stop fetching. */
  readonly load: (modelId: string, signal: AbortSignal) => Promise<M>;
  /**
   * A load slower than this fails and frees its reservation. Default 120 s; at most 2^31 - 1 ms, the
   * longest delay setTimeout keeps. If the abandoned load resolves later anyway, its model goes to onEvict.
   */
  readonly loadTimeoutMs?: number;
  /** Runs `callback` after `ms` and returns a cancel function; setTimeout by default, a manual clock in tests. */
  readonly schedule?: (ms: number, callback: () => void) => () => void;
  /** Models that stay resident once loaded (the few that take most traffic). */
  readonly pinned?: ReadonlySet<string>;
  /**
   * Called after a model is dropped, so the runtime can free its memory: an evicted model, or one whose load
   * resolved after its deadline. Free `model` itself: by then another copy of `modelId` may be resident.
   * If it throws or rejects, the model is dropped all the same and stats().freeFailures counts it: a failed
   * free must not fail the load that needed the room.
   */
  readonly onEvict?: (modelId: string, model: M) => void;
}

/** The longest delay setTimeout supports; a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class CapacityError extends Error {
  override readonly name: string = 'CapacityError';
  /** Whether the same request may succeed later or on another pod. */
  readonly retryable: boolean = false;
}

/** Not now: the room is pinned, in use or reserved by loads in flight. Retry later or route to another pod. */
export class PodBusyError extends CapacityError {
  override readonly name = 'PodBusyError';
  override readonly retryable = true;
}

/** Never on this pod: the model's registered size is above the pod's whole capacity. */
export class ModelTooLargeError extends CapacityError {
  override readonly name = 'ModelTooLargeError';
}

export class LoadTimeoutError extends Error {
  override readonly name = 'LoadTimeoutError';
}

/** A model in use: it cannot be evicted until release() is called. */
export interface Lease<M> {
  readonly model: M;
  release(): void;
}

export interface MeshStats {
  readonly hits: number;
  readonly misses: number;
  readonly loads: number;
  readonly evictions: number;
  /** onEvict calls that threw or rejected: weights the mesh no longer counts that the runtime may still hold. */
  readonly freeFailures: number;
  /** Bytes of loaded models plus bytes reserved for loads in flight; never above the capacity. */
  readonly usedBytes: number;
  readonly resident: readonly string[];
}

interface Entry<M> {
  bytes: number;
  /** Requests holding this model: while above 0 it is never evicted. */
  refs: number;
  /** Set when the load resolved: a loader may legitimately resolve any value, undefined included. */
  loaded: boolean;
  model?: M;
  /** The shared load of a cold model (single flight); set when the entry is created. */
  loading?: Promise<M>;
}

const defaultSchedule = (ms: number, callback: () => void): (() => void) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export class ModelMesh<M> {
  // Map iteration order is insertion order: re-inserting on use keeps the LRU at the front.
  private readonly entries = new Map<string, Entry<M>>();
  private usedBytes = 0;
  private hits = 0;
  private misses = 0;
  private loads = 0;
  private evictions = 0;
  private freeFailures = 0;

  constructor(private readonly options: ModelMeshOptions<M>) {
    if (!(options.capacityBytes > 0)) throw new RangeError('capacityBytes must be positive');
    const timeout = options.loadTimeoutMs;
    // NaN, Infinity or a value past 2^31 - 1 would make setTimeout fire at once, failing every load.
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= MAX_TIMEOUT_MS)) {
      throw new RangeError(`loadTimeoutMs must be a positive number of ms up to ${MAX_TIMEOUT_MS}, got ${timeout}`);
    }
  }

  /** Runs `fn` on the model, holding a lease so the model cannot be evicted while it is in use. */
  async use<R>(modelId: string, fn: (model: M) => R | Promise<R>): Promise<R> {
    const lease = await this.acquire(modelId);
    try {
      return await fn(lease.model);
    } finally {
      lease.release();
    }
  }

  async acquire(modelId: string): Promise<Lease<M>> {
    let entry = this.entries.get(modelId);
    if (entry?.loaded) this.hits++;
    else this.misses++;
    if (!entry) {
      entry = { bytes: 0, refs: 0, loaded: false };
      this.entries.set(modelId, entry);
      entry.loading = this.reserveAndLoad(modelId, entry);
    } else {
      this.entries.delete(modelId);
      this.entries.set(modelId, entry);
    }
    // Counted before any await, so an eviction that runs while this request waits cannot take the model.
    entry.refs++;
    const held = entry;
    let model: M;
    try {
      model = held.loaded ? (held.model as M) : await held.loading!;
    } catch (error) {
      held.refs--;
      throw error;
    }
    let released = false;
    return {
      model,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
      },
    };
  }

  private async reserveAndLoad(modelId: string, entry: Entry<M>): Promise<M> {
    let reserved = 0;
    let cancelTimer = () => {};
    try {
      const bytes = await this.options.sizeOf(modelId);
      if (!(bytes > 0)) throw new RangeError(`model ${modelId} is registered with ${bytes} bytes`);
      // Refused before a byte is fetched: loading it first would only be thrown away, on every request.
      if (bytes > this.options.capacityBytes) throw new ModelTooLargeError(`model ${modelId} needs ${bytes} bytes, the pod has ${this.options.capacityBytes}`);
      this.makeRoom(bytes, modelId);
      // Reserve before loading, so concurrent loads cannot together overshoot the pod.
      entry.bytes = reserved = bytes;
      this.usedBytes += bytes;
      this.loads++;
      const timeoutMs = this.options.loadTimeoutMs ?? 120_000;
      const abort = new AbortController();
      const deadline = new Promise<never>((_, reject) => {
        const schedule = this.options.schedule ?? defaultSchedule;
        cancelTimer = schedule(timeoutMs, () => {
          const error = new LoadTimeoutError(`model ${modelId} did not load within ${timeoutMs} ms`);
          abort.abort(error);
          reject(error);
        });
      });
      // A hung load must not keep its reservation: past the deadline it fails, and the bytes are freed below.
      const loading = this.options.load(modelId, abort.signal);
      // Weights that arrive after the deadline are counted nowhere, so hand them straight back to be freed.
      loading.then(
        (late) => {
          if (abort.signal.aborted) this.handBack(modelId, late);
        },
        () => undefined,
      );
      const model = await Promise.race([loading, deadline]);
      entry.model = model;
      entry.loaded = true;
      return model;
    } catch (error) {
      // Forget a failed load, so the next request retries it; its waiters see the rejection.
      this.usedBytes -= reserved;
      if (this.entries.get(modelId) === entry) this.entries.delete(modelId);
      throw error;
    } finally {
      cancelTimer();
    }
  }

  /** Evicts least recently used models that are loaded, unpinned and unused, until `bytes` more fit; evicts nothing if they cannot. */
  private makeRoom(bytes: number, incoming: string): void {
    const pinned = this.options.pinned ?? new Set<string>();
    const victims: string[] = [];
    let free = this.options.capacityBytes - this.usedBytes;
    for (const [id, entry] of this.entries) {
      if (free >= bytes) break;
      if (!entry.loaded || entry.refs > 0 || pinned.has(id)) continue;
      victims.push(id);
      free += entry.bytes;
    }
    if (free < bytes) {
      throw new PodBusyError(`no room for ${incoming}: ${this.usedBytes} of ${this.options.capacityBytes} bytes are pinned, in use or loading`);
    }
    for (const id of victims) {
      const victim = this.entries.get(id)!;
      this.usedBytes -= victim.bytes;
      this.entries.delete(id);
      this.evictions++;
      this.handBack(id, victim.model as M);
    }
  }

  /**
   * onEvict for an evicted model or a late load's weights. A throw or rejection is counted (freeFailures), not
   * passed on: the model is out of the mesh either way, and the load that needed its room goes ahead.
   */
  private handBack(modelId: string, model: M): void {
    try {
      // Typed void, but an async callback returns a promise: observe it, or its rejection crashes the process.
      const result: unknown = this.options.onEvict?.(modelId, model);
      if (result instanceof Promise) result.catch(() => this.freeFailures++);
    } catch {
      this.freeFailures++;
    }
  }

  stats(): MeshStats {
    return {
      hits: this.hits,
      misses: this.misses,
      loads: this.loads,
      evictions: this.evictions,
      freeFailures: this.freeFailures,
      usedBytes: this.usedBytes,
      resident: [...this.entries].filter(([, e]) => e.loaded).map(([id]) => id),
    };
  }
}
