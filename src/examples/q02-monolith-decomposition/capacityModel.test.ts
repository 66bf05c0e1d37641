import { describe, expect, it } from 'vitest';
import { compare, decide, demand, size, sizeOnEachShape, type Component, type NodeShape, type ServicePlan } from './capacityModel';

// Illustrative prices, close to on-demand list prices for these node sizes.
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

/** 100K rps: 80K feature lookups by other consumers plus 20K predictions, each needing features. */
function traffic(scale = 1): Component[] {
  return [
    { name: 'features', requestsPerSecond: 100_000 * scale, msPerRequest: { cpu: 4 } },
    { name: 'inference', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 2, gpu: 1 } },
    { name: 'monitoring', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 0.5 } },
  ];
}

const plan: ServicePlan[] = [
  { name: 'feature-service', components: ['features'] },
  { name: 'inference-service', components: ['inference'] },
  { name: 'monitoring-service', components: ['monitoring'] },
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

  it('scales to zero replicas with minReplicas 0 and no load, reporting 0 utilization rather than NaN', () => {
    const idle = size('idle', traffic(0), gpuNode, { ...policy, minReplicas: 0 });
    expect(idle).toMatchObject({ replicas: 0, bindingResource: 'minReplicas', dollarsPerHour: 0 });
    expect(idle.utilization).toEqual({ cpu: 0, gpu: 0 });
  });

  it('says the minimum replicas set the count when load alone would need fewer', () => {
    expect(size('idle', traffic(0), cpuNode, policy).bindingResource).toBe('minReplicas');
    // 20K x 0.5 ms = 10 vCPUs / (16 x 0.6) = 1.04: two nodes for load, as many as the minimum.
    expect(size('monitoring', traffic().slice(2), cpuNode, policy)).toMatchObject({ replicas: 2, bindingResource: 'cpu' });
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

  it('finds the monolith cheaper than the split when a shape matches its CPU-to-GPU ratio', () => {
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
    const twice = [...plan, { name: 'dup', components: ['features'] }];
    expect(() => compare(traffic(), fixedShapes, twice, policy, oneHop)).toThrow(/features is assigned to 2/);
    const unknown = [...plan, { name: 'ghost', components: ['ranking'] }];
    expect(() => compare(traffic(), fixedShapes, unknown, policy, oneHop)).toThrow(/unknown component ranking/);
  });

  it('rejects a service that runs no components, which would only add replicas and upkeep', () => {
    const withEmpty = [...plan, { name: 'gateway', components: [] }];
    expect(() => compare(traffic(), fixedShapes, withEmpty, policy, oneHop)).toThrow(/gateway runs no components/);
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
    expect(decision.reasons[0]).toMatch(/^the split loses \$\d+ per month$/);
  });

  it('stays a monolith when the saving does not cover the running cost of more services', () => {
    const decision = decide(compare(traffic(), fixedShapes, plan, policy, oneHop), { ...budget, opsDollarsPerServicePerMonth: 20_000 });
    expect(decision.split).toBe(false);
    expect(decision.reasons[0]).toMatch(/loses \$9924 per month/);
  });

  it('stays a monolith when the extra hops break the latency budget', () => {
    const chatty = compare(traffic(), fixedShapes, plan, policy, { synchronousHops: 4, msPerHop: 15 });
    const decision = decide(chatty, budget);
    expect(decision.split).toBe(false);
    expect(decision.reasons).toEqual(['added latency 60 ms exceeds the 50 ms budget']);
  });
});
