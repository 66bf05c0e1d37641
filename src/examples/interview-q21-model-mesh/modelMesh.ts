/**
 * The loading core of a model mesh: one serving pod holds as many of 1,000
 * models as fit its memory budget, loads cold models on demand and evicts the
 * least recently used ones.
 *
 * What a naive "load on miss" cache gets wrong:
 *  - a burst of requests for one cold model starts the same multi-second load
 *    many times; here concurrent callers share one in-flight load (single flight);
 *  - it evicts by count, not bytes, so a 2 GB model and a 20 MB model cost the same;
 *  - a failed load stays cached as a rejected promise; here it is forgotten so
 *    the next request retries;
 *  - hot models can be evicted by a scan of rarely used ones; pinned models are never evicted.
 */

export interface LoadedModel<M> {
  readonly model: M;
  /** Resident memory of the loaded model. */
  readonly bytes: number;
}

export type ModelLoader<M> = (modelId: string) => Promise<LoadedModel<M>>;

export interface ModelMeshOptions<M> {
  readonly capacityBytes: number;
  readonly load: ModelLoader<M>;
  /** Models that stay resident once loaded (the few that take most traffic). */
  readonly pinned?: ReadonlySet<string>;
  /** Called after a model is dropped, so the runtime can free its memory. */
  readonly onEvict?: (modelId: string) => void;
}

export class CapacityError extends Error {
  override readonly name = 'CapacityError';
}

export interface MeshStats {
  readonly hits: number;
  readonly misses: number;
  readonly loads: number;
  readonly evictions: number;
  readonly residentBytes: number;
  readonly resident: readonly string[];
}

export class ModelMesh<M> {
  // Map iteration order is insertion order: re-inserting on use keeps the LRU at the front.
  private readonly resident = new Map<string, LoadedModel<M>>();
  private readonly inFlight = new Map<string, Promise<LoadedModel<M>>>();
  private usedBytes = 0;
  private hits = 0;
  private misses = 0;
  private loads = 0;
  private evictions = 0;

  constructor(private readonly options: ModelMeshOptions<M>) {
    if (!(options.capacityBytes > 0)) throw new RangeError('capacityBytes must be positive');
  }

  async get(modelId: string): Promise<M> {
    const cached = this.resident.get(modelId);
    if (cached) {
      this.hits++;
      this.resident.delete(modelId);
      this.resident.set(modelId, cached);
      return cached.model;
    }
    this.misses++;
    let pending = this.inFlight.get(modelId);
    if (!pending) {
      pending = this.loadAndAdmit(modelId);
      this.inFlight.set(modelId, pending);
      // Forget the in-flight entry on success and failure alike, so a failure is retried.
      pending.then(
        () => this.inFlight.delete(modelId),
        () => this.inFlight.delete(modelId),
      );
    }
    return (await pending).model;
  }

  private async loadAndAdmit(modelId: string): Promise<LoadedModel<M>> {
    this.loads++;
    const loaded = await this.options.load(modelId);
    if (!(loaded.bytes > 0)) throw new RangeError(`model ${modelId} reported ${loaded.bytes} bytes`);
    if (loaded.bytes > this.options.capacityBytes) {
      throw new CapacityError(`model ${modelId} needs ${loaded.bytes} bytes, the pod has ${this.options.capacityBytes}`);
    }
    this.makeRoom(loaded.bytes, modelId);
    this.resident.set(modelId, loaded);
    this.usedBytes += loaded.bytes;
    return loaded;
  }

  /** Evict least recently used, unpinned models until `bytes` more fit. */
  private makeRoom(bytes: number, incoming: string): void {
    const pinned = this.options.pinned ?? new Set<string>();
    for (const [id, entry] of this.resident) {
      if (this.usedBytes + bytes <= this.options.capacityBytes) return;
      if (pinned.has(id)) continue;
      this.resident.delete(id);
      this.usedBytes -= entry.bytes;
      this.evictions++;
      this.options.onEvict?.(id);
    }
    if (this.usedBytes + bytes > this.options.capacityBytes) {
      throw new CapacityError(`no room for ${incoming}: pinned models hold ${this.usedBytes} bytes`);
    }
  }

  stats(): MeshStats {
    return {
      hits: this.hits,
      misses: this.misses,
      loads: this.loads,
      evictions: this.evictions,
      residentBytes: this.usedBytes,
      resident: [...this.resident.keys()],
    };
  }
}
