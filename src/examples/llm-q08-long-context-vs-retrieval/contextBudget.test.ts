import { describe, expect, it } from 'vitest';
import {
  attentionShare,
  breakEvenCorpusTokens,
  packForPositionBias,
  prefillFlops,
  prefixMultiplier,
  retrieveCostPerQuery,
  stuffCostPerQuery,
  type ModelShape,
  type Pricing,
  type Retrieval,
  type Workload,
} from './contextBudget';

// $5 and $25 per million input and output tokens; cache reads 0.1x, 5-minute cache writes 1.25x.
const pricing: Pricing = { inputPerMillion: 5, outputPerMillion: 25, cacheReadMultiplier: 0.1, cacheWriteMultiplier: 1.25 };
const workload: Workload = { corpusTokens: 100_000, questionTokens: 100, outputTokens: 300 };
const retrieval: Retrieval = { k: 8, chunkTokens: 500, overheadPerQuery: 0.0001 };
const model: ModelShape = { parameters: 8e9, layers: 32, dModel: 4096 };

describe('cost per query', () => {
  it('bills the whole corpus as input when stuffing: 100,100 × $5/M + 300 × $25/M = $0.508', () => {
    expect(stuffCostPerQuery(workload, pricing)).toBeCloseTo(0.5005 + 0.0075, 12);
  });

  it('bills only k chunks plus overhead when retrieving: 4,100 × $5/M + $0.0075 + $0.0001 = $0.0281', () => {
    expect(retrieveCostPerQuery(workload, retrieval, pricing)).toBeCloseTo(0.0205 + 0.0075 + 0.0001, 12);
  });

  it('makes stuffing 18 times dearer than retrieval per query without a cache: $0.508 / $0.0281', () => {
    expect(stuffCostPerQuery(workload, pricing) / retrieveCostPerQuery(workload, retrieval, pricing)).toBeCloseTo(18.08, 2);
  });

  it('prices a cached corpus prefix at 0.95 × 0.1 + 0.05 × 1.25 = 0.1575 of input at a 95 % hit rate', () => {
    expect(prefixMultiplier(pricing, 0.95)).toBeCloseTo(0.1575, 12);
    expect(stuffCostPerQuery(workload, pricing, 0.95)).toBeCloseTo(0.5 * 0.1575 + 0.0005 + 0.0075, 12);
  });

  it('makes caching more expensive than no cache when nearly every request misses (writes cost 1.25x)', () => {
    expect(stuffCostPerQuery(workload, pricing, 0)).toBeGreaterThan(stuffCostPerQuery(workload, pricing));
  });

  it('still leaves cached stuffing about 3 times dearer than retrieval for a 100,000-token corpus', () => {
    const ratio = stuffCostPerQuery(workload, pricing, 0.95) / retrieveCostPerQuery(workload, retrieval, pricing);
    expect(ratio).toBeCloseTo(0.08675 / 0.0281, 12);
    expect(ratio).toBeCloseTo(3.09, 2);
  });
});

describe('the same workload at Claude Opus 5.5 prices ($4 and $20 per million, cache reads 0.05x, writes 1.25x)', () => {
  const opus55: Pricing = { inputPerMillion: 4, outputPerMillion: 20, cacheReadMultiplier: 0.05, cacheWriteMultiplier: 1.25 };

  it('keeps stuffing 18 times dearer than retrieval: $0.4064 against $0.0225', () => {
    expect(stuffCostPerQuery(workload, opus55)).toBeCloseTo(0.4004 + 0.006, 12);
    expect(retrieveCostPerQuery(workload, retrieval, opus55)).toBeCloseTo(0.0164 + 0.006 + 0.0001, 12);
    expect(stuffCostPerQuery(workload, opus55) / retrieveCostPerQuery(workload, retrieval, opus55)).toBeCloseTo(18.06, 2);
  });

  it('leaves cached stuffing 2.2 times dearer: 0.95 × 0.05 + 0.05 × 1.25 = 0.11, so $0.0504 against $0.0225', () => {
    expect(prefixMultiplier(opus55, 0.95)).toBeCloseTo(0.11, 12);
    expect(stuffCostPerQuery(workload, opus55, 0.95)).toBeCloseTo(0.044 + 0.0004 + 0.006, 12);
    expect(stuffCostPerQuery(workload, opus55, 0.95) / retrieveCostPerQuery(workload, retrieval, opus55)).toBeCloseTo(2.24, 2);
  });

  it('moves the cached break-even to (4,000 + $0.0001 / $4 per M) / 0.11 = 36,591 tokens', () => {
    expect(Math.round(breakEvenCorpusTokens(retrieval, opus55, 0.95))).toBe(36591);
  });
});

describe('breakEvenCorpusTokens', () => {
  it('is the retrieved tokens plus the overhead in token terms: 4,000 + $0.0001 / $5 per M = 4,020 tokens', () => {
    expect(breakEvenCorpusTokens(retrieval, pricing)).toBeCloseTo(4020, 9);
  });

  it('rises to 4,020 / 0.1575 = 25,524 tokens when the corpus is a cached prefix hit 95 % of the time', () => {
    expect(breakEvenCorpusTokens(retrieval, pricing, 0.95)).toBeCloseTo(4020 / 0.1575, 9);
    expect(Math.round(breakEvenCorpusTokens(retrieval, pricing, 0.95))).toBe(25524);
  });

  it('is Infinity when the cached prefix is free (reads at 0x, every request a hit): stuffing is then cheaper at any size', () => {
    expect(breakEvenCorpusTokens(retrieval, { ...pricing, cacheReadMultiplier: 0 }, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is where the two strategies cost exactly the same', () => {
    const corpusTokens = breakEvenCorpusTokens(retrieval, pricing);
    expect(stuffCostPerQuery({ ...workload, corpusTokens }, pricing)).toBeCloseTo(retrieveCostPerQuery(workload, retrieval, pricing), 12);
  });
});

describe('prefill compute', () => {
  it('is 2Nn for the weights plus layers · d · n² for causal attention', () => {
    expect(prefillFlops(1000, model)).toBe(2 * 8e9 * 1000 + 32 * 4096 * 1000 * 1000);
  });

  it('spends about 3 % in attention for a 4,100-token retrieved prompt and about 45 % for 100,100 tokens', () => {
    expect(attentionShare(4100, model)).toBeCloseTo(0.0325, 4);
    expect(attentionShare(100_100, model)).toBeCloseTo(0.4506, 4);
  });

  it('is zero work, and zero attention share, for an empty prompt', () => {
    expect(prefillFlops(0, model)).toBe(0);
    expect(attentionShare(0, model)).toBe(0);
  });

  it('reaches half at n = 2N / (layers · d) = 122,070 tokens', () => {
    expect(attentionShare((2 * 8e9) / (32 * 4096), model)).toBeCloseTo(0.5, 12);
  });

  it('is already 17 % attention at 25,000 tokens, so prefill compute there is 1.2 times a linear extrapolation from short prompts', () => {
    expect(attentionShare(25_000, model)).toBeCloseTo(0.17, 3);
    expect(attentionShare(30_000, model)).toBeCloseTo(0.197, 3);
    expect(prefillFlops(25_000, model) / (2 * 8e9 * 25_000)).toBeCloseTo(1.2, 2);
  });

  it('moves the half-attention point further out for a larger model, where 2N grows faster than layers · d', () => {
    // Llama 3 70B's published shape: 80 layers, d = 8,192; 2N / (layers · d) = 213,623 tokens.
    const larger: ModelShape = { parameters: 70e9, layers: 80, dModel: 8192 };
    expect(attentionShare(100_100, larger)).toBeLessThan(attentionShare(100_100, model));
    expect(attentionShare((2 * 70e9) / (80 * 8192), larger)).toBeCloseTo(0.5, 12);
  });

  it('makes the stuffed prompt about 43 times the prefill compute of the retrieved one, for 24 times the tokens', () => {
    expect(prefillFlops(100_100, model) / prefillFlops(4100, model)).toBeCloseTo(42.99, 2);
  });
});

describe('packForPositionBias', () => {
  it('puts the best chunk first, the second best last and the weakest in the middle', () => {
    expect(packForPositionBias([1, 2, 3, 4, 5, 6])).toEqual([1, 3, 5, 6, 4, 2]);
    expect(packForPositionBias(['a', 'b', 'c'])).toEqual(['a', 'c', 'b']);
  });

  it('keeps every chunk exactly once, and handles zero or one chunk', () => {
    expect(packForPositionBias([])).toEqual([]);
    expect(packForPositionBias(['only'])).toEqual(['only']);
    expect([...packForPositionBias([5, 4, 3, 2, 1, 0, -1])].sort()).toEqual([-1, 0, 1, 2, 3, 4, 5]);
  });
});

describe('bad input', () => {
  it('rejects a negative token count or price, naming the field', () => {
    expect(() => stuffCostPerQuery({ ...workload, corpusTokens: -1 }, pricing)).toThrow(/corpusTokens must be/);
    expect(() => retrieveCostPerQuery(workload, { ...retrieval, k: Number.NaN }, pricing)).toThrow(/k must be/);
  });

  it('rejects a cache hit rate outside [0, 1], a negative cache multiplier and a free input price for the break-even', () => {
    expect(() => prefixMultiplier(pricing, 1.5)).toThrow(/cacheHitRate/);
    expect(() => prefixMultiplier({ ...pricing, cacheReadMultiplier: -0.1 }, 0.95)).toThrow(/cacheReadMultiplier must be/);
    expect(() => breakEvenCorpusTokens(retrieval, { ...pricing, inputPerMillion: 0 })).toThrow(/inputPerMillion must be > 0/);
  });
});
