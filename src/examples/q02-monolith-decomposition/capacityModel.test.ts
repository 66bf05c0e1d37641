import { describe, expect, it } from 'vitest';
import { compare, decide, demand, size, sizeOnEachShape, type Component, type NodeShape, type ServicePlan } from './capacityModel';

// Illustrative prices near AWS us-east-1 On-Demand (g5.xlarge, 1 GPU and 4 vCPUs: $1.006/h in a June 2026
// price survey); not a quote.
const cpuNode: NodeShape = { name: 'cpu-16', units: { cpu: 16 }, dollarsPerHour: 0.7 };
const gpuNode: NodeShape = { name: 'gpu-1', units: { cpu: 8, gpu: 1 }, dollarsPerHour: 1.2 };
// Other one-GPU shapes at the same unit prices: a vCPU costs 0.70 / 16 = $0.04375/h, so the GPU
// costs 1.20 - 8 x 0.04375 = $0.85/h; 4 vCPUs: 0.85 + 0.175 = $1.025/h, 16 vCPUs: 0.85 + 0.70 =
// $1.55/h, 32 vCPUs: $2.25/h.
const gpuNode4: NodeShape = { name: 'gpu-1-4vcpu', units: { cpu: 4, gpu: 1 }, dollarsPerHour: 1.025 };
const gpuNode16: NodeShape = { name: 'gpu-1-16vcpu', units: { cpu: 16, gpu: 1 }, dollarsPerHour: 1.55 };
const gpuNode32: NodeShape = { name: 'gpu-1-32vcpu', units: { cpu: 32, gpu: 1 }, dollarsPerHour: 2.25 };
/** Only the 16-vCPU CPU node and the 8-vCPU GPU node: the shapes the system happens to run on. */
const fixedShapes = [cpuNode, gpuNode];
const gpuFamily = [cpuNode, gpuNode4, gpuNode, gpuNode16, gpuNode32];
const policy = { targetUtilization: 0.6, minReplicas: 2 };
const oneHop = { synchronousHops: 1, msPerHop: 3 };
const noHop = { synchronousHops: 0, msPerHop: 0 };

/**
 * 100K rps: 80K feature lookups by other consumers plus 20K predictions, each needing a feature lookup.
 * Lookups are listed per route, so the same parts can be grouped by service or by route.
 */
function traffic(scale = 1): Component[] {
  return [
    { name: 'features-direct', requestsPerSecond: 80_000 * scale, msPerRequest: { cpu: 4 } },
    { name: 'features-for-predictions', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 4 } },
    { name: 'inference', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 2, gpu: 1 } },
    { name: 'monitoring', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 0.5 } },
  ];
}
const only = (...names: string[]): Component[] => traffic().filter((c) => names.includes(c.name));

/** Three services: the code is split, and predictions call the feature service over the network. */
const plan: ServicePlan[] = [
  { name: 'feature-service', components: ['features-direct', 'features-for-predictions'] },
  { name: 'inference-service', components: ['inference'] },
  { name: 'monitoring-service', components: ['monitoring'] },
];
/** Two services: monitoring stays in-process with inference, on the GPU nodes' idle vCPUs. */
const twoServices: ServicePlan[] = [
  { name: 'feature-service', components: ['features-direct', 'features-for-predictions'] },
  { name: 'inference-service', components: ['inference', 'monitoring'] },
];
/** The same build in two pools, split by route: a prediction runs its lookup, inference and monitoring in-process. */
const poolsByRoute: ServicePlan[] = [
  { name: 'lookup-pool', components: ['features-direct'] },
  { name: 'prediction-pool', components: ['features-for-predictions', 'inference', 'monitoring'] },
];

describe('demand', () => {
  it('turns requests per second and busy milliseconds into busy resource units', () => {
    expect(demand(traffic())).toEqual({ cpu: 450, gpu: 20 });
  });

  it('rejects NaN, negative or infinite load, so bad input cannot pass as "no load"', () => {
    for (const requestsPerSecond of [NaN, -1, Infinity]) {
      expect(() => demand([{ name: 'a', requestsPerSecond, msPerRequest: { cpu: 4 } }])).toThrow(RangeError);
    }
    expect(() => demand([{ name: 'a', requestsPerSecond: 1, msPerRequest: { cpu: -4 } }])).toThrow(RangeError);
  });
});

describe('size', () => {
  it('sizes a single pool by its most loaded resource, so GPU nodes are bought for CPU work', () => {
    const monolith = size('monolith', traffic(), gpuNode, policy);
    // 450 cores / (8 cores x 0.6) = 93.75 -> 94 nodes; 20 GPUs / 0.6 would need only 34.
    expect(monolith.replicas).toBe(94);
    expect(monolith.bindingResource).toBe('cpu');
    expect(monolith.utilization.gpu).toBeCloseTo(20 / 94, 6);
  });

  it('never goes below the minimum replicas, even with no traffic', () => {
    expect(size('idle', traffic(0), cpuNode, policy).replicas).toBe(2);
  });

  it('scales to zero replicas with minReplicas 0 and no load, reporting 0 utilization rather than NaN', () => {
    const idle = size('idle', traffic(0), gpuNode, { ...policy, minReplicas: 0 });
    expect(idle).toMatchObject({ replicas: 0, bindingResource: 'minReplicas', dollarsPerHour: 0 });
    expect(idle.utilization).toEqual({ cpu: 0, gpu: 0 });
  });

  it('gives any load, however small, at least one node when minReplicas is 0', () => {
    const tiny = size('x', [{ name: 'a', requestsPerSecond: 1e-7, msPerRequest: { cpu: 4 } }], cpuNode, { ...policy, minReplicas: 0 });
    expect(tiny).toMatchObject({ replicas: 1, bindingResource: 'cpu' });
  });

  it('says the minimum replicas set the count when load alone would need fewer', () => {
    expect(size('idle', traffic(0), cpuNode, policy).bindingResource).toBe('minReplicas');
    // 20K x 0.5 ms = 10 vCPUs / (16 x 0.6) = 1.04: two nodes for load, as many as the minimum.
    expect(size('monitoring', only('monitoring'), cpuNode, policy)).toMatchObject({ replicas: 2, bindingResource: 'cpu' });
  });

  it('refuses a shape that lacks a resource the components need', () => {
    expect(() => size('inference', only('inference'), cpuNode, policy)).toThrow(/needs gpu/);
  });

  it('rejects a target utilization outside (0, 1]', () => {
    expect(() => size('x', traffic(), cpuNode, { ...policy, targetUtilization: 0 })).toThrow(RangeError);
    expect(() => size('x', traffic(), cpuNode, { ...policy, targetUtilization: 1.2 })).toThrow(RangeError);
  });

  it('rejects a shape with negative or non-finite units or price', () => {
    expect(() => size('x', only('features-direct'), { name: 'neg', units: { cpu: -16 }, dollarsPerHour: 0.7 }, policy)).toThrow(RangeError);
    expect(() => size('x', only('features-direct'), { name: 'nan', units: { cpu: NaN }, dollarsPerHour: 0.7 }, policy)).toThrow(RangeError);
    const negativePrice: NodeShape = { name: 'neg-price', units: { cpu: 8, gpu: 1 }, dollarsPerHour: -1 };
    expect(() => sizeOnEachShape('x', traffic(), [...fixedShapes, negativePrice], policy)).toThrow(RangeError);
    // A bad shape is refused even when it could not run the components anyway.
    expect(() => sizeOnEachShape('x', traffic(), [...fixedShapes, { name: 'neg-cpu', units: { cpu: -8 }, dollarsPerHour: 0.7 }], policy)).toThrow(RangeError);
  });
});

describe('compare', () => {
  it('saves 37% when the only GPU shape has 8 vCPUs: 42 CPU + 34 GPU + 2 CPU nodes instead of 94 GPU nodes', () => {
    const result = compare(traffic(), fixedShapes, plan, policy, oneHop);
    expect(result.services.map((s) => [s.shape, s.replicas])).toEqual([
      ['cpu-16', 42],
      ['gpu-1', 34],
      ['cpu-16', 2],
    ]);
    expect(result.services[1]?.bindingResource).toBe('gpu');
    expect(result.monolithDollarsPerHour).toBeCloseTo(112.8, 6);
    expect(result.servicesDollarsPerHour).toBeCloseTo(71.6, 6);
    expect(result.savings).toBeCloseTo(0.365, 3);
    expect(result.addedLatencyMs).toBe(3);
  });

  it('gives both sides their cheapest shape: 47 one-GPU 16-vCPU nodes for the monolith, 4-vCPU GPU nodes for inference, a 9.9% saving', () => {
    const result = compare(traffic(), gpuFamily, plan, policy, oneHop);
    // 750 vCPUs needed / 16 = 46.9 -> 47 nodes x $1.55 = $72.85/h; on 8-vCPU nodes 94 x $1.20 = $112.80/h.
    expect(result.monolith).toMatchObject({ shape: 'gpu-1-16vcpu', replicas: 47, bindingResource: 'cpu' });
    expect(result.monolithDollarsPerHour).toBeCloseTo(72.85, 6);
    expect(result.monolithOptions.map((d) => [d.shape, d.replicas])).toEqual([
      ['gpu-1-16vcpu', 47],
      ['gpu-1-32vcpu', 34],
      ['gpu-1', 94],
      ['gpu-1-4vcpu', 188],
    ]);
    // One pool keeps 20 of its 47 GPUs busy: 43%.
    expect(result.monolith.utilization.gpu).toBeCloseTo(20 / 47, 6);
    // Inference keeps 40 vCPUs busy for 20 GPUs: 34 nodes for the GPUs, 40 / (4 x 0.6) = 16.7 -> 17 for the
    // vCPUs, so 34 x $1.025 = $34.85/h rather than 34 x $1.20 = $40.80/h on the 8-vCPU shape.
    expect(result.services.map((s) => [s.shape, s.replicas])).toEqual([
      ['cpu-16', 42],
      ['gpu-1-4vcpu', 34],
      ['cpu-16', 2],
    ]);
    expect(result.services[1]?.dollarsPerHour).toBeCloseTo(34.85, 6);
    // 42 x 0.70 + 34.85 + 2 x 0.70 = $65.65/h.
    expect(result.servicesDollarsPerHour).toBeCloseTo(65.65, 6);
    expect(result.savings).toBeCloseTo(1 - 65.65 / 72.85, 9);
    expect(result.savings).toBeCloseTo(0.099, 3);
  });

  it('prices the same build in two pools by route below both the single pool and the three services, with no hop', () => {
    const pools = compare(traffic(), gpuFamily, poolsByRoute, policy, noHop);
    // Lookups: 320 vCPUs / 9.6 = 33.3 -> 34 CPU nodes, $23.80/h. Predictions: 130 vCPUs and 20 GPUs, 6.5 vCPUs
    // per GPU, so the 8-vCPU GPU shape: 34 nodes for the GPUs (28 would carry the vCPUs), $40.80/h.
    expect(pools.services.map((s) => [s.shape, s.replicas, s.bindingResource])).toEqual([
      ['cpu-16', 34, 'cpu'],
      ['gpu-1', 34, 'gpu'],
    ]);
    expect(pools.servicesDollarsPerHour).toBeCloseTo(64.6, 6);
    expect(pools.savings).toBeCloseTo(1 - 64.6 / 72.85, 9);
    expect(pools.savings).toBeCloseTo(0.113, 3);
    // 20 of 34 GPUs busy: 59%, as in the services' inference.
    expect(pools.services[1]?.utilization.gpu).toBeCloseTo(20 / 34, 6);
    expect(pools.addedLatencyMs).toBe(0);
    const services = compare(traffic(), gpuFamily, plan, policy, oneHop);
    expect(pools.servicesDollarsPerHour).toBeLessThan(services.servicesDollarsPerHour);
  });

  it('needs only the shapes the system already runs on for the two pools: $64.60/h against $112.80 for one pool', () => {
    const pools = compare(traffic(), fixedShapes, poolsByRoute, policy, noHop);
    expect(pools.monolithDollarsPerHour).toBeCloseTo(112.8, 6);
    expect(pools.servicesDollarsPerHour).toBeCloseTo(64.6, 6);
  });

  it('ties on capacity with two services that keep monitoring in the inference service: $64.25/h against $64.60', () => {
    const services = compare(traffic(), gpuFamily, twoServices, policy, oneHop);
    // 42 x 0.70 + 34 x 1.025 = $64.25/h: 50 vCPUs fit in the idle vCPUs of the 34 GPU nodes.
    expect(services.servicesDollarsPerHour).toBeCloseTo(64.25, 6);
    const pools = compare(traffic(), gpuFamily, poolsByRoute, policy, noHop);
    // $0.35/h apart, by replica rounding: with every vCPU priced alike, both cost $0.6333/h per 1,000 rps at scale.
    expect(Math.abs(pools.servicesDollarsPerHour - services.servicesDollarsPerHour) / pools.servicesDollarsPerHour).toBeLessThan(0.01);
    // With only 8-vCPU GPU nodes the pools win clearly: 42 x 0.70 + 34 x 1.20 = $70.20/h.
    expect(compare(traffic(), fixedShapes, twoServices, policy, oneHop).servicesDollarsPerHour).toBeCloseTo(70.2, 6);
  });

  it('lets two services undercut the pools at some loads, by under 10%, only when every GPU shape is on offer', () => {
    for (const shapes of [gpuFamily, fixedShapes]) {
      let undercut = 0;
      for (let thousands = 1; thousands <= 1000; thousands++) {
        const services = compare(traffic(thousands / 100), shapes, twoServices, policy, oneHop).servicesDollarsPerHour;
        const pools = compare(traffic(thousands / 100), shapes, poolsByRoute, policy, noHop).servicesDollarsPerHour;
        if (services < pools - 1e-9) undercut++;
        expect(services).toBeGreaterThan(pools * 0.9);
      }
      if (shapes === gpuFamily) expect(undercut).toBeGreaterThan(100);
      else expect(undercut).toBe(0);
    }
  });

  it('never finds the three services cheaper than the two pools with this mix, from 1K to 1M rps', () => {
    for (const shapes of [gpuFamily, fixedShapes]) {
      for (let step = 1; step <= 1000; step++) {
        const scale = step / 100;
        const services = compare(traffic(scale), shapes, plan, policy, oneHop).servicesDollarsPerHour;
        const pools = compare(traffic(scale), shapes, poolsByRoute, policy, noHop).servicesDollarsPerHour;
        expect(pools).toBeLessThanOrEqual(services + 1e-9);
      }
    }
  });

  it("lets a hop win when one route's own mix fits no shape: with only 4-vCPU GPU nodes, predictions need 55 of them", () => {
    const onlySmallGpus = [cpuNode, gpuNode4];
    const pools = compare(traffic(), onlySmallGpus, poolsByRoute, policy, noHop);
    // 130 vCPUs / (4 x 0.6) = 54.2 -> 55 nodes x $1.025 = $56.375/h, plus $23.80 for lookups.
    expect(pools.services[1]).toMatchObject({ shape: 'gpu-1-4vcpu', replicas: 55, bindingResource: 'cpu' });
    expect(pools.servicesDollarsPerHour).toBeCloseTo(80.175, 6);
    // The hop moves the prediction route's lookups onto CPU nodes: 42 + 34 + 2 nodes, $65.65/h.
    const services = compare(traffic(), onlySmallGpus, plan, policy, oneHop);
    expect(services.servicesDollarsPerHour).toBeCloseTo(65.65, 6);
    // Pools of one build can make the same hop: the prediction pool calls the lookup pool's route. Capacity
    // pays for the hop, not for new code: 42 + 34 nodes, $64.25/h.
    const poolsWithHop: ServicePlan[] = [
      { name: 'lookup-pool', components: ['features-direct', 'features-for-predictions'] },
      { name: 'prediction-pool', components: ['inference', 'monitoring'] },
    ];
    const hop = compare(traffic(), onlySmallGpus, poolsWithHop, policy, oneHop);
    expect(hop.services.map((s) => [s.shape, s.replicas])).toEqual([
      ['cpu-16', 42],
      ['gpu-1-4vcpu', 34],
    ]);
    expect(hop.servicesDollarsPerHour).toBeLessThanOrEqual(services.servicesDollarsPerHour);
  });

  it('finds the single pool cheaper than the services when a shape matches its CPU-to-GPU ratio', () => {
    const gpuNode24: NodeShape = { name: 'gpu-1-24vcpu', units: { cpu: 24, gpu: 1 }, dollarsPerHour: 1.9 };
    const result = compare(traffic(), [...gpuFamily, gpuNode24], plan, policy, oneHop);
    // 34 nodes for the GPUs, 450 / (24 x 0.6) = 31.25 -> 32 for the vCPUs: 34 x $1.90 = $64.60/h, under the split's $65.65.
    expect(result.monolithDollarsPerHour).toBeCloseTo(64.6, 6);
    expect(result.servicesDollarsPerHour).toBeCloseTo(65.65, 6);
    expect(result.savings).toBeLessThan(0);
  });

  it('refuses a comparison when no shape offered can run the monolith', () => {
    expect(sizeOnEachShape('monolith', traffic(), [cpuNode], policy)).toEqual([]);
    expect(() => compare(traffic(), [cpuNode], plan, policy, oneHop)).toThrow(/none of the shapes/);
  });

  it('shows the split costing more at low traffic, where minimum replicas dominate', () => {
    const result = compare(traffic(0.01), fixedShapes, plan, policy, oneHop);
    expect(result.monolith.replicas).toBe(2);
    expect(result.savings).toBeLessThan(0);
  });

  it('insists that every component is placed in exactly one service', () => {
    const missing = plan.slice(0, 2);
    expect(() => compare(traffic(), fixedShapes, missing, policy, oneHop)).toThrow(/monitoring is assigned to 0/);
    const twice = [...plan, { name: 'dup', components: ['features-direct'] }];
    expect(() => compare(traffic(), fixedShapes, twice, policy, oneHop)).toThrow(/features-direct is assigned to 2/);
    const unknown = [...plan, { name: 'ghost', components: ['ranking'] }];
    expect(() => compare(traffic(), fixedShapes, unknown, policy, oneHop)).toThrow(/unknown component ranking/);
  });

  it('rejects a service that runs no components, which would only add replicas and upkeep', () => {
    const withEmpty = [...plan, { name: 'gateway', components: [] }];
    expect(() => compare(traffic(), fixedShapes, withEmpty, policy, oneHop)).toThrow(/gateway runs no components/);
  });

  it('rejects an empty plan instead of reporting a 100% saving', () => {
    expect(() => compare([], [cpuNode], [], policy, oneHop)).toThrow(/plan is empty/);
  });

  it('rejects hops that are not a whole number of 0 or more, and a negative or NaN time per hop', () => {
    for (const latency of [
      { synchronousHops: NaN, msPerHop: 3 },
      { synchronousHops: 1.5, msPerHop: 3 },
      { synchronousHops: -1, msPerHop: 3 },
      { synchronousHops: 20, msPerHop: -3 },
      { synchronousHops: 1, msPerHop: NaN },
    ]) {
      expect(() => compare(traffic(), fixedShapes, plan, policy, latency)).toThrow(RangeError);
    }
  });

  it('reports no saving, not NaN, when the monolith costs nothing: no load and minReplicas 0', () => {
    const comparison = compare(traffic(0), fixedShapes, plan, { ...policy, minReplicas: 0 }, oneHop);
    expect(comparison.monolithDollarsPerHour).toBe(0);
    expect(comparison.savings).toBe(0);
  });
});

describe('decide', () => {
  const budget = { opsDollarsPerServicePerMonth: 5_000, latencyBudgetMs: 50 };

  it('splits when the monthly saving against 8-vCPU GPU nodes pays for the two extra services', () => {
    const decision = decide(compare(traffic(), fixedShapes, plan, policy, oneHop), budget);
    // (112.8 - 71.6) x 730 = 30,076 saved; two extra services at 5,000 each.
    expect(decision.netDollarsPerMonth).toBeCloseTo(20_076, 6);
    expect(decision).toMatchObject({ split: true, reasons: [] });
  });

  it('stays a monolith when both sides get their best shape: $5,256 a month saved does not pay for two more services', () => {
    const decision = decide(compare(traffic(), gpuFamily, plan, policy, oneHop), budget);
    // (72.85 - 65.65) x 730 = 5,256 saved; 2 x 5,000 to run the extra services.
    expect(decision.netDollarsPerMonth).toBeCloseTo(5_256 - 10_000, 6);
    expect(decision.split).toBe(false);
    expect(decision.reasons[0]).toBe('the split loses $4,744 per month');
  });

  it('splits the deployment into two pools even if the second pool is charged a full service running cost', () => {
    const decision = decide(compare(traffic(), gpuFamily, poolsByRoute, policy, noHop), budget);
    // (72.85 - 64.60) x 730 = 6,022.50 saved; one extra deployment at 5,000.
    expect(decision.netDollarsPerMonth).toBeCloseTo(1_022.5, 6);
    expect(decision.split).toBe(true);
  });

  it('repays two more services against one pool above 168,533 rps, never below 155,734 (replica rounding flips it in between)', () => {
    const splitAt = (rps: number) => decide(compare(traffic(rps / 100_000), gpuFamily, plan, policy, oneHop), budget).split;
    expect(splitAt(155_734)).toBe(true);
    // At 168,300 rps the services need 71 + 57 + 2 nodes ($109.525/h) while one pool still needs 79 ($122.45/h).
    expect(splitAt(168_300)).toBe(false);
    expect(splitAt(168_533)).toBe(false);
    // 10-rps steps where the answer turns, whole thousands beyond.
    for (let rps = 150_000; rps <= 200_000; rps += 10) {
      if (rps > 168_533) expect(splitAt(rps)).toBe(true);
      if (rps < 155_734) expect(splitAt(rps)).toBe(false);
    }
    for (let thousands = 200; thousands <= 1000; thousands++) expect(splitAt(thousands * 1000)).toBe(true);
    for (let thousands = 1; thousands < 150; thousands++) expect(splitAt(thousands * 1000)).toBe(false);
  });

  it('stays a monolith when the saving does not cover the running cost of more services', () => {
    const decision = decide(compare(traffic(), fixedShapes, plan, policy, oneHop), { ...budget, opsDollarsPerServicePerMonth: 20_000 });
    expect(decision.split).toBe(false);
    expect(decision.reasons[0]).toMatch(/loses \$9,924 per month/);
  });

  it('stays a monolith when the extra hops break the latency budget', () => {
    const chatty = compare(traffic(), fixedShapes, plan, policy, { synchronousHops: 4, msPerHop: 15 });
    const decision = decide(chatty, budget);
    expect(decision.split).toBe(false);
    expect(decision.reasons).toEqual(['added latency 60 ms exceeds the 50 ms budget']);
  });

  it('rejects a NaN or negative running cost, or a NaN latency budget, rather than approving a split it cannot price', () => {
    const comparison = compare(traffic(), fixedShapes, plan, policy, { synchronousHops: 100, msPerHop: 100 });
    expect(() => decide(comparison, { ...budget, opsDollarsPerServicePerMonth: NaN })).toThrow(RangeError);
    expect(() => decide(comparison, { ...budget, opsDollarsPerServicePerMonth: -1 })).toThrow(RangeError);
    expect(() => decide(comparison, { ...budget, latencyBudgetMs: NaN })).toThrow(RangeError);
  });

  it('fails closed: a comparison whose saving or latency is NaN is never a reason to split', () => {
    const valid = compare(traffic(), fixedShapes, plan, policy, oneHop);
    expect(decide({ ...valid, servicesDollarsPerHour: NaN }, budget)).toMatchObject({ split: false, reasons: ['the saving cannot be computed'] });
    expect(decide({ ...valid, addedLatencyMs: NaN }, budget).split).toBe(false);
  });
});
