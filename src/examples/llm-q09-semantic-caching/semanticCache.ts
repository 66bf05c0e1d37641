/**
 * A semantic cache for LLM answers: exact match first, then the most similar cached
 * question at or above a cosine threshold. Entries live in partitions keyed by tenant, user
 * (for user-specific answers), model, embedder and prompt template, expire a TTL after their
 * sources were read, on an injected clock, and are dropped when one of those sources changes.
 */
export type Vector = readonly number[];

export interface Scope {
  readonly tenant: string;
  /** Set for answers built from one user's data, so no other user of the tenant is ever served them. */
  readonly user?: string;
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

const largest = (v: Vector): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`vector dimensions differ: ${a.length} and ${b.length}`);
  // NaN fails every comparison and Infinity gives NaN: either would turn a bad vector into a silent miss.
  if (!a.every((x) => Number.isFinite(x)) || !b.every((x) => Number.isFinite(x))) throw new RangeError('vector components must be finite numbers');
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

function checkVector(vector: Vector): void {
  cosine(vector, vector); // rejects a non-finite component or a zero vector now rather than at lookup
}

function checkThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
}

/** Exact-match key: spaces collapsed, case kept, so "ABCdef" and "abcDEF" stay two questions. */
const normalise = (query: string): string => query.trim().replace(/\s+/g, ' ');

const DATE_WORDS =
  /\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|mon|tues?|thu(?:rs?)?|fri|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec|today|tonight|tomorrow|yesterday|noon|midnight|week(?:day|end)s?)\b/i;

/**
 * Default guard: a question with a digit in any script (order id, amount, numeric date; full-width
 * "１２３４" and Arabic-Indic "١٢٣٤" too) or a date word (a weekday, a month or their abbreviations,
 * today, tomorrow, weekday, weekend, noon) is served only by an exact match. "May I ..." is caught too,
 * which costs hits, not correctness. Gaps, left open because they are ordinary words more often than
 * dates: "wed", "sat", "sun" and "mar"; also number words ("two items" against "three items") and
 * codes without digits ("ABCdef" against "abcDEF"), which need a guard of their own or an exact-only
 * rule. The measured threshold has to cover whatever gets through.
 */
export const noDigitsOrDateWords = (query: string): boolean => !/\p{Nd}/u.test(query) && !DATE_WORDS.test(query);

const RELATIVE_TO_NOW = /\b(?:today|tonight|tomorrow|yesterday|now|(?:this|next|last)\s+(?:week(?:end)?|month|year))\b/i;

/**
 * False for a question whose answer depends on when it is asked ("is the store open today"): even the
 * identical question has another answer after midnight, so the cache neither stores nor serves it.
 */
export const cacheable = (query: string): boolean => !RELATIVE_TO_NOW.test(query);

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
    checkThreshold(options.threshold);
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be > 0, got ${options.ttlMs}`);
    this.allowed = options.semanticAllowed ?? noDigitsOrDateWords;
  }

  /** NaN compares false with everything: entries would never expire and every source would look unchanged. */
  private now(): number {
    const now = this.options.now();
    if (!Number.isFinite(now)) throw new RangeError(`options.now() must return a finite time, got ${now}`);
    return now;
  }

  /** The tenant, the user and the versions are part of the key, so nothing is ever shared across them. */
  private key(scope: Scope): string {
    for (const field of ['tenant', 'model', 'embedder', 'promptTemplate'] as const) {
      if (typeof scope[field] !== 'string' || scope[field] === '') throw new TypeError(`scope.${field} must be a non-empty string`);
    }
    if (scope.user !== undefined && (typeof scope.user !== 'string' || scope.user === '')) throw new TypeError('scope.user, when set, must be a non-empty string');
    return JSON.stringify([scope.tenant, scope.user ?? null, scope.model, scope.embedder, scope.promptTemplate]);
  }

  private static purge(entries: Map<string, Entry>, now: number): void {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
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

  /**
   * Stores an answer; readAt (required) is when its source documents were read, before the model call,
   * and the TTL runs from it, so the TTL bounds the age of the sources. Returns false, storing nothing,
   * when the question is relative to now (see cacheable), when the TTL has already run out, or when a
   * source changed at or after readAt: that answer is already stale, and storing it would undo the
   * invalidation.
   */
  put(scope: Scope, query: string, vector: Vector, answer: string, sourceIds: readonly string[], readAt: number): boolean {
    checkVector(vector);
    const now = this.now();
    if (!Number.isFinite(readAt)) throw new RangeError(`readAt must be the finite time the sources were read, got ${readAt}`);
    if (readAt > now) throw new RangeError(`readAt ${readAt} is after now (${now}): it would pass every changed source`);
    const key = this.key(scope);
    const entries = this.partitions.get(key) ?? new Map<string, Entry>();
    SemanticCache.purge(entries, now);
    this.checkDimension(scope, entries, vector);
    const expiresAt = readAt + this.options.ttlMs;
    if (!cacheable(query) || expiresAt <= now) return false;
    if (sourceIds.some((id) => (this.changedAt.get(id) ?? -Infinity) >= readAt)) return false;
    const normalised = normalise(query);
    entries.set(normalised, { normalised, vector, answer, sourceIds, expiresAt });
    this.partitions.set(key, entries);
    return true;
  }

  get(scope: Scope, query: string, vector: Vector): Hit | undefined {
    checkVector(vector);
    const now = this.now();
    const entries = this.partitions.get(this.key(scope));
    if (!entries) return undefined;
    SemanticCache.purge(entries, now);
    this.checkDimension(scope, entries, vector);
    const exact = entries.get(normalise(query));
    if (exact) return { answer: exact.answer, kind: 'exact', similarity: 1 };
    // A question relative to now is never stored, and another question's answer may not hold on the day asked.
    if (!this.allowed(query) || !cacheable(query)) return undefined;
    let best: Hit | undefined;
    for (const entry of entries.values()) {
      if (!this.allowed(entry.normalised)) continue;
      const similarity = cosine(vector, entry.vector);
      if (similarity >= this.options.threshold && (!best || similarity > best.similarity)) best = { answer: entry.answer, kind: 'semantic', similarity };
    }
    return best;
  }

  /**
   * Drops every live entry built from the changed document and returns how many. Source ids are global,
   * not per tenant: two tenants whose documents share an id both lose their entries, which costs hits,
   * not correctness.
   */
  invalidateSource(sourceId: string): number {
    const now = this.now();
    this.changedAt.set(sourceId, now);
    let removed = 0;
    for (const entries of this.partitions.values()) {
      SemanticCache.purge(entries, now); // expired entries were no longer served, so they do not count
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

/** Sweeps thresholds over labelled question pairs, serving a pair exactly as the cache would. */
export function sweepThresholds(pairs: readonly LabelledPair[], thresholds: readonly number[], allowed = noDigitsOrDateWords): ThresholdReport[] {
  thresholds.forEach(checkThreshold);
  const positives = pairs.filter((p) => p.sameAnswer).length;
  const serves = ({ a, b }: LabelledPair, threshold: number): boolean =>
    cacheable(a.text) && cacheable(b.text) && (normalise(a.text) === normalise(b.text) || (allowed(a.text) && allowed(b.text) && cosine(a.vector, b.vector) >= threshold));
  return thresholds.map((threshold) => {
    const served = pairs.filter((p) => serves(p, threshold));
    const wrong = served.filter((p) => !p.sameAnswer).length;
    return {
      threshold,
      hitRate: positives === 0 ? 0 : (served.length - wrong) / positives,
      falseHitRate: served.length === 0 ? 0 : wrong / served.length,
    };
  });
}
