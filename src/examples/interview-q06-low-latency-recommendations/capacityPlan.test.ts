import { describe, expect, it } from 'vitest';
import { dailySpend, fleetCostPerRequest, latencyBudget, planCapacity, reviewPodCount, vectorBytes, type CapacityInput } from './capacityPlan';

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

  it('sends only 2,000 RPS to the model stages when 80% of requests hit the cache', () => {
    expect(planCapacity(design).modelStageRps).toBeCloseTo(2_000, 6);
  });

  it('rejects inputs that make no plan', () => {
    expect(() => planCapacity({ ...design, perPodRps: 0 })).toThrow(/perPodRps/);
    expect(() => planCapacity({ ...design, targetUtilisation: 1.2 })).toThrow(/targetUtilisation/);
    expect(() => planCapacity({ ...design, spares: 1.5 })).toThrow(/spares/);
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
});

describe('latencyBudget', () => {
  it('fits gateway, cache, retrieval, features and ranking into 50 ms with 23 ms to spare', () => {
    const budget = latencyBudget(
      [
        { name: 'gateway and network', p99Ms: 5 },
        { name: 'cache lookup', p99Ms: 2 },
        { name: 'ANN candidate generation', p99Ms: 5 },
        { name: 'feature fetch', p99Ms: 5 },
        { name: 'ranking 500 candidates', p99Ms: 10 },
      ],
      50,
    );
    expect(budget).toEqual({ totalMs: 27, slackMs: 23, withinBudget: true });
  });

  it('reports an overrun instead of hiding it', () => {
    expect(latencyBudget([{ name: 'GPU ranking with transfer', p99Ms: 60 }], 50).withinBudget).toBe(false);
  });
});

describe('cost and memory arithmetic', () => {
  it('27 pods at an illustrative $0.70 per hour cost about $0.0000005 per request at 10,000 RPS', () => {
    expect(fleetCostPerRequest(27, 0.7, 10_000)).toBeCloseTo(5.25e-7, 9);
  });

  it('shows that $0.0003 per request at 10,000 RPS would be about $259,000 a day', () => {
    expect(dailySpend(0.0003, 10_000)).toBeCloseTo(259_200, 6);
    expect(dailySpend(fleetCostPerRequest(27, 0.7, 10_000), 10_000)).toBeCloseTo(453.6, 6);
  });

  it('10M items x 64 float32 dimensions need 2.56 GB of vectors in every replica', () => {
    expect(vectorBytes(10_000_000, 64)).toBe(2_560_000_000);
  });
});
