/**
 * A semantic cache for LLM answers: exact match first, then the most similar cached
 * question above a cosine threshold. Entries live in partitions keyed by tenant, model
 * and prompt template, expire after a TTL on an injected clock, and are dropped when a
 * source document they were built from changes.
 */
export type Vector = readonly number[];

export interface Scope {
  readonly tenant: string;
  /** The answering model's version and the embedder's: vectors from two embedders are not comparable. */
  readonly model: string;
  readonly promptTemplate: string;
}

export interface Hit {
  readonly answer: string;
  readonly kind: 'exact' | 'semantic';
  readonly similarity: number;
}

interface Entry {
  readonly normalised: string;
  readonly vector: Vector;
  readonly answer: string;
  readonly sourceIds: readonly string[];
  readonly expiresAt: number;
}

export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`vector dimensions differ: ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  if (na === 0 || nb === 0) throw new RangeError('vector must not be all zeros');
  return dot / Math.sqrt(na * nb);
}

const normalise = (query: string): string => query.trim().toLowerCase().replace(/\s+/g, ' ');

/** Default guard: a question with a number (order id, amount, date) is served only by an exact match. */
export const noDigits = (query: string): boolean => !/\d/.test(query);

export interface CacheOptions {
  readonly threshold: number;
  readonly ttlMs: number;
  readonly now: () => number;
  readonly semanticAllowed?: (query: string) => boolean;
}

export class SemanticCache {
  private readonly partitions = new Map<string, Map<string, Entry>>();
  /** When each source document last changed, so an answer built before the change is never stored after it. */
  private readonly changedAt = new Map<string, number>();
  private readonly allowed: (query: string) => boolean;

  constructor(private readonly options: CacheOptions) {
    if (!(options.threshold > 0 && options.threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${options.threshold}`);
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be > 0, got ${options.ttlMs}`);
    this.allowed = options.semanticAllowed ?? noDigits;
  }

  /** The tenant and the versions are part of the key, so nothing is ever shared across them. */
  private partition(scope: Scope): Map<string, Entry> {
    for (const field of ['tenant', 'model', 'promptTemplate'] as const) {
      if (typeof scope[field] !== 'string' || scope[field] === '') throw new TypeError(`scope.${field} must be a non-empty string`);
    }
    const key = JSON.stringify([scope.tenant, scope.model, scope.promptTemplate]);
    let entries = this.partitions.get(key);
    if (!entries) this.partitions.set(key, (entries = new Map()));
    return entries;
  }

  /**
   * Stores an answer; readAt is when its source documents were read, before the model call.
   * Returns false, storing nothing, when a source changed at or after readAt: the answer is
   * already stale, and storing it would undo the invalidation.
   */
  put(scope: Scope, query: string, vector: Vector, answer: string, sourceIds: readonly string[], readAt = this.options.now()): boolean {
    cosine(vector, vector); // rejects a zero vector now rather than at lookup
    const entries = this.partition(scope);
    if (sourceIds.some((id) => (this.changedAt.get(id) ?? -Infinity) >= readAt)) return false;
    const normalised = normalise(query);
    entries.set(normalised, { normalised, vector, answer, sourceIds, expiresAt: this.options.now() + this.options.ttlMs });
    return true;
  }

  get(scope: Scope, query: string, vector: Vector): Hit | undefined {
    const entries = this.partition(scope);
    const now = this.options.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    const exact = entries.get(normalise(query));
    if (exact) return { answer: exact.answer, kind: 'exact', similarity: 1 };
    if (!this.allowed(query)) return undefined;
    let best: Hit | undefined;
    for (const entry of entries.values()) {
      if (!this.allowed(entry.normalised)) continue;
      const similarity = cosine(vector, entry.vector);
      if (similarity >= this.options.threshold && (!best || similarity > best.similarity)) best = { answer: entry.answer, kind: 'semantic', similarity };
    }
    return best;
  }

  /** Drops every entry, in every partition, built from the changed document; returns how many. */
  invalidateSource(sourceId: string): number {
    this.changedAt.set(sourceId, this.options.now());
    let removed = 0;
    for (const entries of this.partitions.values()) {
      for (const [key, entry] of entries) if (entry.sourceIds.includes(sourceId) && entries.delete(key)) removed++;
    }
    return removed;
  }
}

export interface LabelledPair {
  readonly a: { readonly text: string; readonly vector: Vector };
  readonly b: { readonly text: string; readonly vector: Vector };
  /** True when one cached answer is right for both questions. */
  readonly sameAnswer: boolean;
}

export interface ThresholdReport {
  readonly threshold: number;
  /** Share of same-answer pairs the cache would serve. */
  readonly hitRate: number;
  /** Share of served pairs whose cached answer is wrong. */
  readonly falseHitRate: number;
}

/** Sweeps thresholds over labelled question pairs, with the same guard the cache applies. */
export function sweepThresholds(pairs: readonly LabelledPair[], thresholds: readonly number[], allowed = noDigits): ThresholdReport[] {
  const positives = pairs.filter((p) => p.sameAnswer).length;
  return thresholds.map((threshold) => {
    const served = pairs.filter((p) => allowed(p.a.text) && allowed(p.b.text) && cosine(p.a.vector, p.b.vector) >= threshold);
    const wrong = served.filter((p) => !p.sameAnswer).length;
    return {
      threshold,
      hitRate: positives === 0 ? 0 : (served.length - wrong) / positives,
      falseHitRate: served.length === 0 ? 0 : wrong / served.length,
    };
  });
}
