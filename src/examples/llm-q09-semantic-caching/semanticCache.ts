/**
 * A semantic cache for LLM answers: exact match first, then the most similar cached
 * question above a cosine threshold. Entries live in partitions keyed by tenant, model,
 * embedder and prompt template, expire after a TTL on an injected clock, and are dropped
 * when a source document they were built from changes.
 */
export type Vector = readonly number[];

export interface Scope {
  readonly tenant: string;
  /** The answering model's version. */
  readonly model: string;
  /** The embedding model's version: vectors from two embedders are not comparable. */
  readonly embedder: string;
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

function checkVector(vector: Vector): void {
  if (!vector.every((x) => Number.isFinite(x))) throw new RangeError('vector components must be finite numbers');
  cosine(vector, vector); // rejects a zero vector now rather than at lookup
}

const largest = (v: Vector): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`vector dimensions differ: ${a.length} and ${b.length}`);
  // Cosine ignores length, so divide by the largest component first: squaring 1e200 would overflow
  // to Infinity (a NaN similarity), and squaring 1e-200 would underflow to 0.
  const sa = largest(a);
  const sb = largest(b);
  if (sa === 0 || sb === 0) throw new RangeError('vector must not be all zeros');
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const u = x / sa;
    const w = b[i]! / sb;
    dot += u * w;
    na += u * u;
    nb += w * w;
  });
  return dot / Math.sqrt(na * nb);
}

/** Exact-match key: spaces collapsed, case kept, so "ABCdef" and "abcDEF" stay two questions. */
const normalise = (query: string): string => query.trim().replace(/\s+/g, ' ');

const DATE_WORDS =
  /\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|mon|tues?|thu(?:rs?)?|fri|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec|today|tonight|tomorrow|yesterday|noon|midnight|week(?:day|end)s?)\b/i;

/**
 * Default guard: a question with a digit (order id, amount, numeric date) or a date word (a weekday,
 * a month or their abbreviations, today, tomorrow, weekday, weekend, noon) is served only by an
 * exact match. "May I ..." is caught too, which costs hits, not correctness. Gaps, left open because
 * they are ordinary words more often than dates: "wed", "sat", "sun", "mar" and "now"; also phrases
 * such as "next week", and codes without digits ("ABCdef" against "abcDEF"), which need a guard of
 * their own or an exact-only rule. The measured threshold has to cover whatever gets through.
 */
export const noDigitsOrDateWords = (query: string): boolean => !/\d/.test(query) && !DATE_WORDS.test(query);

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
    this.allowed = options.semanticAllowed ?? noDigitsOrDateWords;
  }

  /**
   * One embedder version gives one vector size, so a vector of another size inside a partition means
   * the scope names the wrong embedder: an error to fix, not a miss to hide.
   */
  private checkDimension(scope: Scope, entries: Map<string, Entry>, vector: Vector): void {
    const first = entries.values().next().value;
    if (first && first.vector.length !== vector.length) {
      throw new RangeError(
        `scope.embedder "${scope.embedder}" labels vectors of ${vector.length} dimensions and of ${first.vector.length}: one of them comes from another embedder`,
      );
    }
  }

  /** The tenant and the versions are part of the key, so nothing is ever shared across them. */
  private partition(scope: Scope): Map<string, Entry> {
    for (const field of ['tenant', 'model', 'embedder', 'promptTemplate'] as const) {
      if (typeof scope[field] !== 'string' || scope[field] === '') throw new TypeError(`scope.${field} must be a non-empty string`);
    }
    const key = JSON.stringify([scope.tenant, scope.model, scope.embedder, scope.promptTemplate]);
    let entries = this.partitions.get(key);
    if (!entries) this.partitions.set(key, (entries = new Map()));
    return entries;
  }

  /**
   * Stores an answer; readAt (required) is when its source documents were read, before the model
   * call. Returns false, storing nothing, when a source changed at or after readAt: the answer is
   * already stale, and storing it would undo the invalidation.
   */
  put(scope: Scope, query: string, vector: Vector, answer: string, sourceIds: readonly string[], readAt: number): boolean {
    checkVector(vector);
    if (!Number.isFinite(readAt)) throw new RangeError(`readAt must be the finite time the sources were read, got ${readAt}`);
    const entries = this.partition(scope);
    this.checkDimension(scope, entries, vector);
    if (sourceIds.some((id) => (this.changedAt.get(id) ?? -Infinity) >= readAt)) return false;
    const normalised = normalise(query);
    entries.set(normalised, { normalised, vector, answer, sourceIds, expiresAt: this.options.now() + this.options.ttlMs });
    return true;
  }

  get(scope: Scope, query: string, vector: Vector): Hit | undefined {
    checkVector(vector);
    const entries = this.partition(scope);
    const now = this.options.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    this.checkDimension(scope, entries, vector);
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
export function sweepThresholds(pairs: readonly LabelledPair[], thresholds: readonly number[], allowed = noDigitsOrDateWords): ThresholdReport[] {
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
