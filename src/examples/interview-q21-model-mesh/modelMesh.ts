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
 *  - it starts the new load while the evicted models are still being freed; here
 *    the load waits for onEvict, and their bytes stay reserved until then;
 *  - it can evict a model a request is still using; here every request holds a
 *    lease, and only models with no lease are evicted;
 *  - a failed load stays cached as a rejected promise; here it is forgotten so
 *    the next request retries;
 *  - hot models can be evicted by a scan of rarely used ones; pinned models are never evicted;
 *  - a hung load (or registry) holds its requests forever; here a load has a deadline,
 *    and a load past it keeps its bytes reserved until the runtime gives them back;
 *  - "no room now" and "never fits" look the same; here PodBusyError is worth a
 *    retry (or another pod), PinnedFullError and ModelTooLargeError are not.
 */

export interface ModelMeshOptions<M> {
  readonly capacityBytes: number;
  /** Resident size of a model as recorded in the model registry: known before the weights are fetched. */
  readonly sizeOf: (modelId: string) => Promise<number>;
  /** `signal` aborts when the load passes its deadline, so the runtime can stop fetching. */
  readonly load: (modelId: string, signal: AbortSignal) => Promise<M>;
  /**
   * A load slower than this (registry lookup included) fails. Default 120 s; at most 2^31 - 1 ms, the longest
   * delay setTimeout keeps. Its bytes stay reserved until the load settles, and a request for the model meanwhile
   * gets PodBusyError rather than a second fetch; if the load resolves, its model goes to onEvict.
   */
  readonly loadTimeoutMs?: number;
  /** Runs `callback` after `ms` and returns a cancel function; setTimeout by default, a manual clock in tests. */
  readonly schedule?: (ms: number, callback: () => void) => () => void;
  /** Models that stay resident once loaded (the few that take most traffic). */
  readonly pinned?: ReadonlySet<string>;
  /**
   * Called after a model is dropped, so the runtime can free its memory: an evicted model, or one whose load
   * resolved after its deadline. Free `model` itself: by then another copy of `modelId` may be resident.
   * The load that needed the room waits until it returns (or its promise settles). If it throws or rejects,
   * the model is dropped all the same and stats().freeFailures counts it: a failed free must not fail that load.
   */
  readonly onEvict?: (modelId: string, model: M) => void | Promise<void>;
}

/** The longest delay setTimeout supports; a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A whole number with thousands separators, written out so every runtime prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export class CapacityError extends Error {
  override readonly name: string = 'CapacityError';
  /** Whether the same request may succeed later or on another pod. */
  readonly retryable: boolean = false;
}

/** Not now: the room is in use or reserved by loads in flight. Retry later or route to another pod. */
export class PodBusyError extends CapacityError {
  override readonly name = 'PodBusyError';
  override readonly retryable = true;
}

/** Never on this pod while its pinned models stay: they leave less room than the model needs. Route to another pod. */
export class PinnedFullError extends CapacityError {
  override readonly name = 'PinnedFullError';
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
  /** Loads handed to the runtime. */
  readonly loads: number;
  readonly evictions: number;
  /** onEvict calls that threw or rejected: weights the mesh no longer counts that the runtime may still hold. */
  readonly freeFailures: number;
  /** Bytes of loaded models plus bytes reserved for loads in flight, abandoned loads and models being freed; never above the capacity. */
  readonly usedBytes: number;
  readonly resident: readonly string[];
}

interface Entry<M> {
  /** Bytes counted for this model; while its load waits for evicted models to be freed, at least theirs. */
  bytes: number;
  /** Requests holding this model: while above 0 it is never evicted. */
  refs: number;
  /** loading: bytes reserved, load in flight; abandoned: past its deadline, bytes held until the runtime's load settles. */
  state: 'loading' | 'loaded' | 'abandoned';
  /** Set once loaded: a loader may legitimately resolve any value, undefined included. */
  model?: M;
  /** The shared load of a cold model (single flight); set when the entry is created. */
  loading?: Promise<M>;
}

interface Victim<M> {
  readonly id: string;
  readonly bytes: number;
  readonly model: M;
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
      throw new RangeError(`loadTimeoutMs must be a positive number of ms up to ${thousands(MAX_TIMEOUT_MS)}, got ${thousands(timeout)}`);
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
    if (entry?.state === 'loaded') this.hits++;
    else this.misses++;
    if (entry?.state === 'abandoned') {
      // A second fetch now would hold the model twice: not now, as for any pod without room.
      throw new PodBusyError(`no room for ${modelId}: a load of it past its deadline still holds ${thousands(entry.bytes)} bytes`);
    }
    if (!entry) {
      entry = { bytes: 0, refs: 0, state: 'loading' };
      this.entries.set(modelId, entry);
      entry.loading = this.loadWithDeadline(modelId, entry);
    } else {
      this.entries.delete(modelId);
      this.entries.set(modelId, entry);
    }
    // Counted before the await: the model is held from the moment it loads, before this request resumes.
    entry.refs++;
    const held = entry;
    let model: M;
    try {
      model = held.state === 'loaded' ? (held.model as M) : await held.loading!;
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

  /** Runs fetch() against the deadline. The first of the two to finish decides; the other only cleans up. */
  private loadWithDeadline(modelId: string, entry: Entry<M>): Promise<M> {
    const timeoutMs = this.options.loadTimeoutMs ?? 120_000;
    const abort = new AbortController();
    return new Promise<M>((resolve, reject) => {
      let decided = false;
      const cancelTimer = (this.options.schedule ?? defaultSchedule)(timeoutMs, () => {
        if (decided) return;
        decided = true;
        const error = new LoadTimeoutError(`model ${modelId} did not load within ${thousands(timeoutMs)} ms`);
        abort.abort(error);
        // A runtime that ignores the abort still holds the bytes: keep them reserved until its load settles.
        if (entry.bytes > 0) entry.state = 'abandoned';
        else this.drop(modelId, entry); // still at the registry: nothing held, the next request starts afresh
        reject(error);
      });
      this.fetch(modelId, entry, abort.signal).then(
        (model) => {
          if (decided) {
            // Too late: nobody will use these weights, so the runtime frees them before their bytes are released.
            void this.handBack(modelId, model).then(() => this.drop(modelId, entry));
            return;
          }
          decided = true;
          cancelTimer();
          entry.model = model;
          entry.state = 'loaded';
          resolve(model);
        },
        (error: unknown) => {
          // Forget a failed load and its bytes, so the next request retries it; its waiters see the rejection.
          this.drop(modelId, entry);
          if (decided) return;
          decided = true;
          cancelTimer();
          reject(error);
        },
      );
    });
  }

  /** Looks up the model's size, makes room and reserves it, waits for the evicted models to be freed, then loads. */
  private async fetch(modelId: string, entry: Entry<M>, signal: AbortSignal): Promise<M> {
    const bytes = await this.options.sizeOf(modelId);
    signal.throwIfAborted();
    if (!(bytes > 0)) throw new RangeError(`model ${modelId} is registered with ${thousands(bytes)} bytes`);
    const victims = this.makeRoom(bytes, modelId);
    // Until they are freed the runtime still holds the victims: reserve their bytes if they are more.
    const victimBytes = victims.reduce((sum, victim) => sum + victim.bytes, 0);
    entry.bytes = Math.max(bytes, victimBytes);
    this.usedBytes += entry.bytes;
    await Promise.all(victims.map((victim) => this.handBack(victim.id, victim.model)));
    this.usedBytes -= entry.bytes - bytes;
    entry.bytes = bytes;
    signal.throwIfAborted();
    this.loads++;
    return this.options.load(modelId, signal);
  }

  /**
   * Evicts least recently used models that are loaded, unpinned and unused until `bytes` more fit, and returns them
   * to be freed; evicts nothing if they cannot make the room.
   */
  private makeRoom(bytes: number, incoming: string): Victim<M>[] {
    const capacity = this.options.capacityBytes;
    const pinned = this.options.pinned ?? new Set<string>();
    // Refused before a byte is fetched: loading it first would only be thrown away, on every request.
    if (bytes > capacity) throw new ModelTooLargeError(`model ${incoming} needs ${thousands(bytes)} bytes, the pod has ${thousands(capacity)}`);
    let pinnedBytes = 0;
    const idle: [string, Entry<M>][] = [];
    for (const [id, entry] of this.entries) {
      if (entry.state !== 'loaded') continue;
      if (pinned.has(id)) pinnedBytes += entry.bytes;
      else if (entry.refs === 0) idle.push([id, entry]);
    }
    // Pinned models are never evicted, so no retry on this pod helps.
    if (bytes > capacity - pinnedBytes) {
      throw new PinnedFullError(`model ${incoming} needs ${thousands(bytes)} bytes; pinned models leave ${thousands(capacity - pinnedBytes)} of ${thousands(capacity)}`);
    }
    const freeNow = capacity - this.usedBytes;
    let free = freeNow;
    const chosen: [string, Entry<M>][] = [];
    for (const candidate of idle) {
      if (free >= bytes) break;
      chosen.push(candidate);
      free += candidate[1].bytes;
    }
    if (free < bytes) {
      throw new PodBusyError(
        `no room for ${incoming}: needs ${thousands(bytes)} bytes, ${thousands(freeNow)} free and ${thousands(free - freeNow)} in idle models it can evict; the rest is pinned, in use or loading`,
      );
    }
    return chosen.map(([id, victim]) => {
      this.usedBytes -= victim.bytes;
      this.entries.delete(id);
      this.evictions++;
      return { id, bytes: victim.bytes, model: victim.model as M };
    });
  }

  /** Frees an entry's bytes and forgets it, so the next request for the model loads afresh. */
  private drop(modelId: string, entry: Entry<M>): void {
    this.usedBytes -= entry.bytes;
    entry.bytes = 0;
    if (this.entries.get(modelId) === entry) this.entries.delete(modelId);
  }

  /**
   * onEvict for an evicted model or a late load's weights; settles when onEvict does and never rejects. A throw or
   * rejection is counted (freeFailures), not passed on: the model is out of the mesh either way.
   */
  private async handBack(modelId: string, model: M): Promise<void> {
    try {
      await this.options.onEvict?.(modelId, model);
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
      resident: [...this.entries].filter(([, e]) => e.state === 'loaded').map(([id]) => id),
    };
  }
}
