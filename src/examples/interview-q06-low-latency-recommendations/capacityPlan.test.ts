import { describe, expect, it } from 'vitest';
import {
  composeStages,
  dailySpend,
  fleetCostPerRequest,
  formatPercentile,
  hnswIndexBytes,
  latencyBudget,
  percentileOf,
  planCapacity,
  reviewPodCount,
  stagePercentileFor,
  vectorBytes,
  type CapacityInput,
} from './capacityPlan';

const design: CapacityInput = {
  peakRps: 10_000,
  perPodRps: 500,
  targetUtilisation: 0.8,
  spares: 2,
  gatewayLimitRps: 10_500,
  cacheHitRate: 0.8,
};

describe('planCapacity', () => {
  it('plans 25 serving pods at 80% utilisation plus 2 spares: 27 pods', () => {
    const plan = planCapacity(design);
    expect(plan.servingPods).toBe(25);
    expect(plan.totalPods).toBe(27);
    expect(plan.capacityRps).toBe(13_500);
    expect(plan.utilisationAtPeak).toBeCloseTo(0.741, 3);
  });

  it('still carries the 10,500 RPS gateway limit with two pods gone', () => {
    expect(planCapacity(design).survivesLossOfSpares).toBe(true);
  });

  it('says so when the fleet minus its spares cannot carry the gateway limit', () => {
    // 25 serving pods x 500 = 12,500 RPS, short of a 13,000 RPS gateway limit.
    expect(planCapacity({ ...design, gatewayLimitRps: 13_000 }).survivesLossOfSpares).toBe(false);
  });

  it('sends only 2,000 RPS to the model stages when 80% of requests hit the cache', () => {
    expect(planCapacity(design).modelStageRps).toBeCloseTo(2_000, 6);
  });

  it('rejects inputs that make no plan', () => {
    expect(() => planCapacity({ ...design, perPodRps: 0 })).toThrow(/perPodRps/);
    expect(() => planCapacity({ ...design, targetUtilisation: 1.2 })).toThrow(/targetUtilisation/);
    expect(() => planCapacity({ ...design, spares: 1.5 })).toThrow(/spares/);
  });

  it('rejects a gateway limit below the peak it is meant to admit', () => {
    expect(() => planCapacity({ ...design, gatewayLimitRps: 5 })).toThrow(/gateway must admit at least the peak/);
  });

  it('rejects a load that needs more pods than it can count', () => {
    expect(() => planCapacity({ ...design, perPodRps: 1e-300 })).toThrow(/not a countable number of pods/);
  });
});

describe('reviewPodCount', () => {
  it('finds three problems with 20 pods x 500 RPS = 10,000: no headroom at all', () => {
    const problems = reviewPodCount(20, design);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/100%/);
    expect(problems[1]).toMatch(/below the gateway limit/);
  });

  it('finds nothing wrong with the planned 27 pods', () => {
    expect(reviewPodCount(27, design)).toEqual([]);
  });

  it('wants the spares on top of the 80% target: 25 and 26 pods are not enough', () => {
    // 25 pods run at exactly 80% until two are lost: 10,000 / (23 x 500) = 87%.
    expect(reviewPodCount(25, design)).toEqual(['losing 2 pod(s) pushes utilisation at peak to 87%, above the 80% target']);
    expect(reviewPodCount(26, design)).toEqual(['losing 2 pod(s) pushes utilisation at peak to 83.3%, above the 80% target']);
  });

  it('wants the pods left after losing the spares to carry the gateway limit', () => {
    expect(reviewPodCount(27, { ...design, gatewayLimitRps: 13_000 })).toEqual(['losing 2 pod(s) leaves 12,500 RPS, below the gateway limit of 13,000 RPS']);
  });

  it('wants the whole fleet to carry the gateway limit, and writes rates as the page does', () => {
    // 20 pods x 500 RPS = 10,000 RPS, below the 10,500 RPS the gateway admits; a fractional rate keeps its decimals.
    expect(reviewPodCount(20, { ...design, targetUtilisation: 1 })).toContain('capacity 10,000 RPS is below the gateway limit of 10,500 RPS');
    expect(reviewPodCount(19, { ...design, perPodRps: 512.5, targetUtilisation: 1 })).toContain('capacity 9,737.5 RPS is below the gateway limit of 10,500 RPS');
  });

  it('says so when losing the spares would leave no pod at all', () => {
    expect(reviewPodCount(2, design)).toContain('losing 2 pod(s) leaves no pod running');
  });

  it('prints percentages without float noise, and never rounds an overrun down to the target', () => {
    expect(reviewPodCount(20, { ...design, targetUtilisation: 0.55 })[0]).toBe('utilisation at peak is 100%, above the 55% target');
    // 10,050 / 12,500 = 80.4% and 10,005 / 12,500 = 80.04%: flagged, and printed as more than 80%.
    expect(reviewPodCount(25, { ...design, peakRps: 10_050 })[0]).toBe('utilisation at peak is 80.4%, above the 80% target');
    expect(reviewPodCount(25, { ...design, peakRps: 10_005 })[0]).toBe('utilisation at peak is 80.04%, above the 80% target');
  });

  it('refuses to call a pod count safe when the count or the load is not a number it can check', () => {
    for (const pods of [Number.NaN, 0, -3, 2.5, Number.POSITIVE_INFINITY])
      expect(() => reviewPodCount(pods, design)).toThrow(new RangeError(`pods must be a whole number of 1 or more, got ${pods}`));
    expect(() => reviewPodCount(27, { ...design, peakRps: Number.NaN })).toThrow(/peakRps must be a positive number, got NaN/);
    expect(() => reviewPodCount(27, { ...design, targetUtilisation: Number.NaN })).toThrow(/targetUtilisation/);
    expect(() => reviewPodCount(27, { ...design, spares: Number.NaN })).toThrow(/spares/);
    expect(() => reviewPodCount(27, { ...design, gatewayLimitRps: Number.NaN })).toThrow(/gatewayLimitRps must be a positive number, got NaN/);
  });
});

/** A 5 ms stage that stalls for 100 ms on 0.9% of requests: its own p99 is 5 ms. */
const stallsRarely = [
  { ms: 5, probability: 0.991 },
  { ms: 100, probability: 0.009 },
];

describe('composing stage latencies', () => {
  it('three stages with a 5 ms p99 each have an end-to-end p99 of 110 ms, not 15 ms', () => {
    expect(percentileOf(stallsRarely, 0.99)).toBe(5);
    const endToEnd = composeStages([stallsRarely, stallsRarely, stallsRarely]);
    // All three fast: 0.991^3 = 0.9732, so 2.68% of requests meet at least one stall.
    expect(endToEnd.find((v) => v.ms === 15)?.probability).toBeCloseTo(0.9732, 4);
    expect(percentileOf(endToEnd, 0.99)).toBe(110);
  });

  it('can also come out far below the sum of stage p99s', () => {
    // A 2% stall puts each stage's p99 at 100 ms (sum 300), yet 99.88% of requests meet at most one stall.
    const stallsOften = [
      { ms: 5, probability: 0.98 },
      { ms: 100, probability: 0.02 },
    ];
    expect(percentileOf(stallsOften, 0.99)).toBe(100);
    expect(percentileOf(composeStages([stallsOften, stallsOften, stallsOften]), 0.99)).toBe(110);
  });

  it('gives the largest possible latency as the p100, however rare it is', () => {
    expect(
      percentileOf(
        [
          { ms: 5, probability: 1 - 1e-10 },
          { ms: 1000, probability: 1e-10 },
        ],
        1,
      ),
    ).toBe(1000);
  });

  it('does not count a share a hair under p as reaching p', () => {
    // Only 98.99999995% of requests stay within 5 ms, so 5 ms is not the p99.
    expect(
      percentileOf(
        [
          { ms: 5, probability: 0.99 - 5e-10 },
          { ms: 1000, probability: 0.01 + 5e-10 },
        ],
        0.99,
      ),
    ).toBe(1000);
  });

  it('rejects a distribution whose probabilities do not add up to 1', () => {
    expect(() => composeStages([[{ ms: 5, probability: 0.9 }]])).toThrow(/add up/);
  });
});

describe('latencyBudget', () => {
  it('budgets each of three stages at p99.67 for an end-to-end p99', () => {
    expect(stagePercentileFor(3)).toBeCloseTo(0.99667, 5);
    expect(stagePercentileFor(5)).toBeCloseTo(0.998, 12);
  });

  it('refuses to add up stage p99s as if they bounded the end-to-end p99', () => {
    const stages = ['retrieval', 'features', 'ranking'].map((name) => ({ name, latencyMs: percentileOf(stallsRarely, 0.99), percentile: 0.99 }));
    expect(() => latencyBudget(stages, 50)).toThrow(/p99\.67/);
  });

  it('gives a sum that bounds the end-to-end p99 when each stage is budgeted at p99.67', () => {
    const q = stagePercentileFor(3);
    const stages = ['retrieval', 'features', 'ranking'].map((name) => ({ name, latencyMs: percentileOf(stallsRarely, q), percentile: q }));
    const budget = latencyBudget(stages, 400);
    expect(budget.totalMs).toBe(300);
    expect(budget.totalMs).toBeGreaterThanOrEqual(percentileOf(composeStages([stallsRarely, stallsRarely, stallsRarely]), 0.99));
  });

  it('fits gateway, cache, retrieval, features and ranking at their p99.8 into 50 ms with 23 ms to spare', () => {
    const budget = latencyBudget(
      [
        { name: 'gateway, network and serialisation', latencyMs: 5, percentile: 0.998 },
        { name: 'cache lookup', latencyMs: 2, percentile: 0.998 },
        { name: 'ANN candidate generation', latencyMs: 5, percentile: 0.998 },
        { name: 'feature fetch', latencyMs: 5, percentile: 0.998 },
        { name: 'ranking 500 candidates', latencyMs: 10, percentile: 0.998 },
      ],
      50,
    );
    expect(budget).toMatchObject({ totalMs: 27, slackMs: 23, withinBudget: true });
    expect(budget.tailShare).toBeCloseTo(0.01, 12);
  });

  it('leaves no tail for queueing as a sixth stage once five stages use the whole 1%', () => {
    const fiveStages = [5, 2, 5, 5, 10].map((latencyMs, i) => ({ name: `stage ${i + 1}`, latencyMs, percentile: 0.998 }));
    expect(() => latencyBudget([...fiveStages, { name: 'queueing', latencyMs: 23, percentile: 0.998 }], 50)).toThrow(/1\.2% of requests/);
  });

  it('names a percentile finer than p99.99 with enough digits, never p100.00', () => {
    const stages = [1, 2, 3].map((latencyMs) => ({ name: `stage ${latencyMs}`, latencyMs, percentile: 0.9999 }));
    expect(() => latencyBudget(stages, 50, 0.9999)).toThrow(/0\.03% of requests, more than the 0\.01% a p99\.99 allows: .* at its p99\.9967 or further out/);
    expect(formatPercentile(0.99)).toBe('p99');
    expect(formatPercentile(1 - 0.01 / 3)).toBe('p99.67');
  });

  it('refuses to name a percentile outside (0, 1), such as 1, 0, NaN or a percentage like 99', () => {
    for (const p of [1, 0, Number.NaN, 99, -0.5]) expect(() => formatPercentile(p)).toThrow(RangeError);
  });

  it('refuses to name a percentile so close to 1 or 0 that it would print as p100 or p0', () => {
    for (const p of [1 - 1e-15, 1e-20]) expect(() => formatPercentile(p)).toThrow(/too close to 0 or 1/);
  });

  it('reports an overrun instead of hiding it', () => {
    expect(latencyBudget([{ name: 'GPU ranking with transfer', latencyMs: 60, percentile: 0.99 }], 50).withinBudget).toBe(false);
  });
});

describe('cost and memory arithmetic', () => {
  it('27 pods at an illustrative $0.70 per hour cost about $0.0000005 per request at 10,000 RPS', () => {
    expect(fleetCostPerRequest(27, 0.7, 10_000)).toBeCloseTo(5.25e-7, 9);
  });

  it('rejects a pod count that is not a whole number of 1 or more instead of returning a negative cost', () => {
    for (const pods of [-27, 0, Number.NaN, 2.5])
      expect(() => fleetCostPerRequest(pods, 0.7, 10_000)).toThrow(new RangeError(`pods must be a whole number of 1 or more, got ${pods}`));
  });

  it('shows that $0.0003 per request at 10,000 RPS would be about $259,000 a day', () => {
    expect(dailySpend(0.0003, 10_000)).toBeCloseTo(259_200, 6);
    expect(dailySpend(fleetCostPerRequest(27, 0.7, 10_000), 10_000)).toBeCloseTo(453.6, 6);
  });

  it('10M items x 64 float32 dimensions need 2.56 GB of vectors in every replica', () => {
    expect(vectorBytes(10_000_000, 64)).toBe(2_560_000_000);
  });

  it('HNSW links at M = 32 double that: 10M x (64 x 4 + 32 x 2 x 4) bytes = 5.12 GB', () => {
    expect(hnswIndexBytes(10_000_000, 64)).toBe(5_120_000_000);
    expect(hnswIndexBytes(10_000_000, 64, 16)).toBe(3_840_000_000);
  });

  it('rejects negative or fractional item and dimension counts instead of returning a negative size', () => {
    expect(() => hnswIndexBytes(-10_000_000, 64)).toThrow(RangeError);
    expect(() => hnswIndexBytes(1_000.5, 64)).toThrow(RangeError);
    expect(() => hnswIndexBytes(10_000_000, 63.5)).toThrow(RangeError);
    expect(() => vectorBytes(10_000_000, -64)).toThrow(RangeError);
  });
});
