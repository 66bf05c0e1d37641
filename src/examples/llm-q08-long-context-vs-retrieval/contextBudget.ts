/**
 * Long context against retrieval: dollars per query and per month, the corpus size
 * where both cost the same, prompt caching of the corpus prefix, prefill compute,
 * and a packing order that keeps the best chunks away from the middle of the prompt.
 */
export interface Pricing {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  /** Price of a cached prefix token read, as a multiple of the input price. */
  readonly cacheReadMultiplier: number;
  /** Price of writing a prefix token to the cache, as a multiple of the input price. */
  readonly cacheWriteMultiplier: number;
}

export interface Workload {
  readonly corpusTokens: number;
  readonly questionTokens: number;
  readonly outputTokens: number;
}

export interface Retrieval {
  readonly k: number;
  readonly chunkTokens: number;
  /** Embedding the question and searching the index, in dollars per query. */
  readonly overheadPerQuery: number;
}

function nonNegative(fields: Record<string, number>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/** What a prefix token costs relative to the input price: 1 without a cache, hits at the read price, misses at the write price. */
export function prefixMultiplier(p: Pricing, cacheHitRate?: number): number {
  nonNegative({ ...p });
  if (cacheHitRate === undefined) return 1;
  if (!(cacheHitRate >= 0 && cacheHitRate <= 1)) throw new RangeError(`cacheHitRate must be between 0 and 1, got ${cacheHitRate}`);
  return cacheHitRate * p.cacheReadMultiplier + (1 - cacheHitRate) * p.cacheWriteMultiplier;
}

const perToken = (pricePerMillion: number) => pricePerMillion / 1_000_000;

/** The whole corpus in every prompt, optionally as a cached prefix. */
export function stuffCostPerQuery(w: Workload, p: Pricing, cacheHitRate?: number): number {
  nonNegative({ ...w, ...p });
  const input = perToken(p.inputPerMillion);
  return w.corpusTokens * input * prefixMultiplier(p, cacheHitRate) + w.questionTokens * input + w.outputTokens * perToken(p.outputPerMillion);
}

/** Only the k retrieved chunks in the prompt, plus the retrieval overhead. */
export function retrieveCostPerQuery(w: Workload, r: Retrieval, p: Pricing): number {
  nonNegative({ ...w, ...r, ...p });
  const promptTokens = r.k * r.chunkTokens + w.questionTokens;
  return promptTokens * perToken(p.inputPerMillion) + w.outputTokens * perToken(p.outputPerMillion) + r.overheadPerQuery;
}

/**
 * Corpus size at which stuffing costs the same as retrieving; below it, stuffing is cheaper.
 * Returns Infinity when the prefix is free (prefixMultiplier 0, e.g. cache reads at 0x and a
 * hit rate of 1): stuffing is then cheaper at any corpus size.
 */
export function breakEvenCorpusTokens(r: Retrieval, p: Pricing, cacheHitRate?: number): number {
  nonNegative({ ...r, ...p });
  if (p.inputPerMillion === 0) throw new RangeError('inputPerMillion must be > 0 for a break-even point');
  const retrievedDollars = r.k * r.chunkTokens * perToken(p.inputPerMillion) + r.overheadPerQuery;
  return retrievedDollars / (perToken(p.inputPerMillion) * prefixMultiplier(p, cacheHitRate));
}

export interface ModelShape {
  readonly parameters: number;
  readonly layers: number;
  readonly dModel: number;
}

/**
 * Forward FLOPs to prefill n prompt tokens: 2N per token for the weights plus 2 · layers · context · d
 * for attention (Kaplan et al., 2020), summed over a causal prompt where token i sees i tokens:
 * 2Nn + layers · d · n².
 */
export function prefillFlops(n: number, m: ModelShape): number {
  nonNegative({ n, ...m });
  return 2 * m.parameters * n + m.layers * m.dModel * n * n;
}

/** Share of prefill FLOPs spent in attention: small for short prompts, half at n = 2N / (layers · d). */
export function attentionShare(n: number, m: ModelShape): number {
  const total = prefillFlops(n, m);
  return total === 0 ? 0 : (m.layers * m.dModel * n * n) / total;
}

/**
 * Orders chunks (given best first) so the strongest sit at the two ends of the context, where
 * models use them best, and the weakest in the middle: 1st, 3rd, 5th, ..., 6th, 4th, 2nd.
 */
export function packForPositionBias<T>(bestFirst: readonly T[]): T[] {
  const front: T[] = [];
  const back: T[] = [];
  bestFirst.forEach((chunk, i) => (i % 2 === 0 ? front : back).push(chunk));
  return [...front, ...back.reverse()];
}
