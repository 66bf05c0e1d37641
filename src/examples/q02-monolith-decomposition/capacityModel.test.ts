import { describe, expect, it } from 'vitest';
import { compare, decide, demand, size, type Component, type NodeShape, type ServicePlan } from './capacityModel';

// Illustrative prices, close to on-demand list prices for these node sizes.
const cpuNode: NodeShape = { name: 'cpu-16', units: { cpu: 16 }, dollarsPerHour: 0.7 };
const gpuNode: NodeShape = { name: 'gpu-1', units: { cpu: 8, gpu: 1 }, dollarsPerHour: 1.2 };
const policy = { targetUtilization: 0.6, minReplicas: 2 };
const oneHop = { synchronousHops: 1, msPerHop: 3 };

/** 100K rps: 80K feature lookups by other consumers plus 20K predictions, each needing features. */
function traffic(scale = 1): Component[] {
  return [
    { name: 'features', requestsPerSecond: 100_000 * scale, msPerRequest: { cpu: 4 } },
    { name: 'inference', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 2, gpu: 1 } },
    { name: 'monitoring', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 0.5 } },
  ];
}

const plan: ServicePlan[] = [
  { name: 'feature-service', components: ['features'], shape: cpuNode },
  { name: 'inference-service', components: ['inference'], shape: gpuNode },
  { name: 'monitoring-service', components: ['monitoring'], shape: cpuNode },
];

describe('demand', () => {
  it('turns requests per second and busy milliseconds into busy resource units', () => {
    expect(demand(traffic())).toEqual({ cpu: 450, gpu: 20 });
  });
});

describe('size', () => {
  it('sizes a monolith by its most loaded resource, so GPU nodes are bought for CPU work', () => {
    const monolith = size('monolith', traffic(), gpuNode, policy);
    // 450 cores / (8 cores x 0.6) = 93.75 -> 94 nodes; 20 GPUs / 0.6 would need only 34.
    expect(monolith.replicas).toBe(94);
    expect(monolith.bindingResource).toBe('cpu');
    expect(monolith.utilization.gpu).toBeCloseTo(20 / 94, 6);
  });

  it('never goes below the minimum replicas, even with no traffic', () => {
    expect(size('idle', traffic(0), cpuNode, policy).replicas).toBe(2);
  });

  it('refuses a shape that lacks a resource the components need', () => {
    expect(() => size('inference', traffic().slice(1, 2), cpuNode, policy)).toThrow(/needs gpu/);
  });

  it('rejects a target utilization outside (0, 1]', () => {
    expect(() => size('x', traffic(), cpuNode, { ...policy, targetUtilization: 0 })).toThrow(RangeError);
    expect(() => size('x', traffic(), cpuNode, { ...policy, targetUtilization: 1.2 })).toThrow(RangeError);
  });
});

describe('compare', () => {
  it('lets each service scale on its own resource: 42 CPU + 34 GPU + 2 CPU nodes instead of 94 GPU nodes', () => {
    const result = compare(traffic(), gpuNode, plan, policy, oneHop);
    expect(result.services.map((s) => s.replicas)).toEqual([42, 34, 2]);
    expect(result.services[1]?.bindingResource).toBe('gpu');
    expect(result.monolithDollarsPerHour).toBeCloseTo(112.8, 6);
    expect(result.servicesDollarsPerHour).toBeCloseTo(71.6, 6);
    expect(result.savings).toBeCloseTo(0.365, 3);
    expect(result.addedLatencyMs).toBe(3);
  });

  it('shows the split costing more at low traffic, where minimum replicas dominate', () => {
    const result = compare(traffic(0.01), gpuNode, plan, policy, oneHop);
    expect(result.monolith.replicas).toBe(2);
    expect(result.savings).toBeLessThan(0);
  });

  it('insists that every component is placed in exactly one service', () => {
    const missing = plan.slice(0, 2);
    expect(() => compare(traffic(), gpuNode, missing, policy, oneHop)).toThrow(/monitoring is assigned to 0/);
    const twice = [...plan, { name: 'dup', components: ['features'], shape: cpuNode }];
    expect(() => compare(traffic(), gpuNode, twice, policy, oneHop)).toThrow(/features is assigned to 2/);
    const unknown = [...plan, { name: 'ghost', components: ['ranking'], shape: cpuNode }];
    expect(() => compare(traffic(), gpuNode, unknown, policy, oneHop)).toThrow(/unknown component ranking/);
  });
});

describe('decide', () => {
  const budget = { opsDollarsPerServicePerMonth: 5_000, latencyBudgetMs: 50 };

  it('splits when the monthly saving pays for the two extra services', () => {
    const decision = decide(compare(traffic(), gpuNode, plan, policy, oneHop), budget);
    // (112.8 - 71.6) x 730 = 30,076 saved; two extra services at 5,000 each.
    expect(decision.netDollarsPerMonth).toBeCloseTo(20_076, 6);
    expect(decision).toMatchObject({ split: true, reasons: [] });
  });

  it('stays a monolith when the saving does not cover the running cost of more services', () => {
    const decision = decide(compare(traffic(), gpuNode, plan, policy, oneHop), { ...budget, opsDollarsPerServicePerMonth: 20_000 });
    expect(decision.split).toBe(false);
    expect(decision.reasons[0]).toMatch(/loses \$9924 per month/);
  });

  it('stays a monolith when the extra hops break the latency budget', () => {
    const chatty = compare(traffic(), gpuNode, plan, policy, { synchronousHops: 4, msPerHop: 15 });
    const decision = decide(chatty, budget);
    expect(decision.split).toBe(false);
    expect(decision.reasons).toEqual(['added latency 60 ms exceeds the 50 ms budget']);
  });
});
