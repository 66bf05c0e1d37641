/**
 * Demo: the page's worked example, sized by the model. 100K rps: feature lookups at 4 vCPU-ms (80K rps from other
 * consumers plus 20K for predictions), inference at 20K rps x (2 vCPU-ms + 1 GPU-ms), monitoring at 20K rps x
 * 0.5 vCPU-ms; 60% target utilization and two replicas at least. Shapes: a 16-vCPU CPU node at $0.70/h and one-GPU
 * nodes of 4, 8, 16 and 32 vCPUs at $1.025, $1.20, $1.55 and $2.25/h. It shows one pool at $72.85/h, three services
 * at $65.65/h (9.9% less, about $5,260 a month, not enough for two more services at $5,000 a month each), the same
 * build in two pools by route at $64.60/h with no hop, two services tying at $64.25/h, the 4-vCPU-only case where the
 * pools need 55 GPU nodes ($80.18/h in all) and the hop pays, the cost per 1,000 requests, and 1K rps, where every
 * split is dearer.
 */
import { compare, decide, demand, HOURS_PER_MONTH, type Component, type Comparison, type NodeShape, type ServicePlan } from './capacityModel';

const CPU_16: NodeShape = { name: 'cpu-16', units: { cpu: 16 }, dollarsPerHour: 0.7 };
// One-GPU shapes: $0.85/h for the GPU plus $0.04375/h per vCPU (0.70 / 16), as the page prices them.
const GPU_4: NodeShape = { name: 'gpu-4vcpu', units: { cpu: 4, gpu: 1 }, dollarsPerHour: 1.025 };
const GPU_8: NodeShape = { name: 'gpu-8vcpu', units: { cpu: 8, gpu: 1 }, dollarsPerHour: 1.2 };
const GPU_16: NodeShape = { name: 'gpu-16vcpu', units: { cpu: 16, gpu: 1 }, dollarsPerHour: 1.55 };
const GPU_32: NodeShape = { name: 'gpu-32vcpu', units: { cpu: 32, gpu: 1 }, dollarsPerHour: 2.25 };
const EVERY_SHAPE = [CPU_16, GPU_4, GPU_8, GPU_16, GPU_32];
const POLICY = { targetUtilization: 0.6, minReplicas: 2 };
const ONE_HOP = { synchronousHops: 1, msPerHop: 3 }; // within the page's 1-5 ms per hop
const NO_HOP = { synchronousHops: 0, msPerHop: 0 };
const BUDGET = { opsDollarsPerServicePerMonth: 5_000, latencyBudgetMs: 50 };

/** The page's traffic at 100K rps times `scale`, with lookups listed per route. */
const traffic = (scale: number): Component[] => [
  { name: 'features-direct', requestsPerSecond: 80_000 * scale, msPerRequest: { cpu: 4 } },
  { name: 'features-for-predictions', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 4 } },
  { name: 'inference', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 2, gpu: 1 } },
  { name: 'monitoring', requestsPerSecond: 20_000 * scale, msPerRequest: { cpu: 0.5 } },
];
const THREE_SERVICES: ServicePlan[] = [
  { name: 'features', components: ['features-direct', 'features-for-predictions'] },
  { name: 'inference', components: ['inference'] },
  { name: 'monitoring', components: ['monitoring'] },
];
const TWO_SERVICES: ServicePlan[] = [
  { name: 'features', components: ['features-direct', 'features-for-predictions'] },
  { name: 'inference', components: ['inference', 'monitoring'] },
];
const TWO_POOLS: ServicePlan[] = [
  { name: 'lookups', components: ['features-direct'] },
  { name: 'predictions', components: ['features-for-predictions', 'inference', 'monitoring'] },
];

// Demo-side formatting. Dollars are rounded to micro-dollars first, so float noise (80.17499999) cannot turn a
// half cent down, then to cents; ".00" is dropped as the page does for whole dollars.
const thousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+$)/g, ',');
const usd = (n: number): string => {
  const [whole, cents] = (Math.round(Math.round(n * 1e6) / 1e4) / 100).toFixed(2).split('.');
  return `$${thousands(whole!)}${cents === '00' ? '' : `.${cents}`}`;
};
const perHour = (n: number): string => `$${(Math.round(Math.round(n * 1e6) / 1e4) / 100).toFixed(2)}/h`;
const percent = (share: number, decimals = 0): string => `${(share * 100).toFixed(decimals)}%`;
const versusOnePool = (savings: number): string => `${percent(Math.abs(savings), 1)} ${savings >= 0 ? 'below' : 'above'} one pool`;
/** Each deployment with what set its replica count: a resource, or the availability minimum. */
const layout = (c: Comparison): string => c.services.map((d) => `${d.name} ${d.replicas} x ${d.shape} (${d.bindingResource})`).join(' + ');

export function demo(): {
  onePool: { shape: string; replicas: number; dollarsPerHour: number };
  threeServices: { dollarsPerHour: number; split: boolean };
  twoPools: { dollarsPerHour: number; split: boolean };
  twoServicesDollarsPerHour: number;
  fourVcpuOnly: { poolsDollarsPerHour: number; predictionNodes: number; servicesDollarsPerHour: number };
  at1kRps: { onePool: number; threeServices: number; twoPools: number };
} {
  const busy = demand(traffic(1));
  const route = demand(traffic(1).filter((c) => TWO_POOLS[1]!.components.includes(c.name)));
  console.log(`100K rps keep ${busy.cpu} vCPUs and ${busy.gpu} GPUs busy; the prediction route ${route.cpu} vCPUs and ${route.gpu} GPUs`);

  const services = compare(traffic(1), EVERY_SHAPE, THREE_SERVICES, POLICY, ONE_HOP);
  const pool = services.monolith;
  // Demo-side: busy vCPUs per GPU in one pool.
  console.log(
    `one pool: ${pool.replicas} x ${pool.shape} (set by ${pool.bindingResource}), ${perHour(pool.dollarsPerHour)}; ${busy.cpu / busy.gpu} vCPUs busy per GPU, GPUs ${percent(pool.utilization.gpu ?? 0)} busy`,
  );
  const verdict = (c: Comparison) => {
    const decision = decide(c, BUDGET);
    const saved = (c.monolithDollarsPerHour - c.servicesDollarsPerHour) * HOURS_PER_MONTH; // demo-side, as decide() does
    const extra = c.services.length - 1;
    const outcome = decision.split ? `split, ${usd(decision.netDollarsPerMonth)} a month ahead` : `stay one pool: ${decision.reasons.map((reason) => `"${reason}"`).join(', ')}`;
    return {
      decision,
      line: `${saved >= 0 ? 'saves' : 'costs'} ${usd(Math.abs(saved))} a month against ${extra} x ${usd(BUDGET.opsDollarsPerServicePerMonth)} upkeep, +${c.addedLatencyMs} ms a request: ${outcome}`,
    };
  };
  const threeVerdict = verdict(services);
  console.log(`three services: ${layout(services)} = ${perHour(services.servicesDollarsPerHour)}, ${versusOnePool(services.savings)}`);
  console.log(`  ${threeVerdict.line}`);

  const pools = compare(traffic(1), EVERY_SHAPE, TWO_POOLS, POLICY, NO_HOP);
  const poolsVerdict = verdict(pools);
  console.log(
    `two pools, one build: ${layout(pools)} = ${perHour(pools.servicesDollarsPerHour)}, ${versusOnePool(pools.savings)}, GPUs ${percent(pools.services[1]!.utilization.gpu ?? 0)} busy`,
  );
  console.log(`  ${poolsVerdict.line}`);

  const twoServices = compare(traffic(1), EVERY_SHAPE, TWO_SERVICES, POLICY, ONE_HOP);
  const gap = twoServices.servicesDollarsPerHour - pools.servicesDollarsPerHour; // demo-side
  const tie = Math.abs(gap) / pools.servicesDollarsPerHour < 0.01 ? 'within 1%, a tie: the hop and upkeep decide' : 'more than 1% apart';
  console.log(`two services, monitoring in-process: ${perHour(twoServices.servicesDollarsPerHour)}, ${usd(Math.abs(gap))}/h ${gap < 0 ? 'below' : 'above'} the pools, ${tie}`);

  const smallGpus = [CPU_16, GPU_4];
  const smallPools = compare(traffic(1), smallGpus, TWO_POOLS, POLICY, NO_HOP);
  const smallServices = compare(traffic(1), smallGpus, THREE_SERVICES, POLICY, ONE_HOP);
  const predictions = smallPools.services[1]!;
  const hopPays = smallServices.servicesDollarsPerHour < smallPools.servicesDollarsPerHour ? 'the hop buys capacity' : 'the hop buys nothing';
  console.log(
    `only 4-vCPU GPU nodes: predictions need ${predictions.replicas} x ${predictions.shape} (set by ${predictions.bindingResource}), pools ${perHour(smallPools.servicesDollarsPerHour)} in all; three services ${perHour(smallServices.servicesDollarsPerHour)}: ${hopPays}`,
  );

  // Demo-side: cost per 1,000 requests = (dollars per hour + upkeep per hour) / (requests per hour / 1,000).
  const thousandsPerHour = (100_000 * 3_600) / 1_000;
  const upkeepPerHour = (deployments: number) => (deployments * BUDGET.opsDollarsPerServicePerMonth) / HOURS_PER_MONTH;
  const per1k = (dollarsPerHour: number) => `$${(dollarsPerHour / thousandsPerHour).toFixed(6)}`;
  const [extraServices, extraPools] = [services.services.length - 1, pools.services.length - 1];
  const upkeep = usd(BUDGET.opsDollarsPerServicePerMonth);
  console.log(
    `per 1,000 requests: one pool ${per1k(pool.dollarsPerHour)}; three services ${per1k(services.servicesDollarsPerHour)}, ${per1k(services.servicesDollarsPerHour + upkeepPerHour(extraServices))} with ${extraServices} x ${upkeep} a month; two pools ${per1k(pools.servicesDollarsPerHour)}, ${per1k(pools.servicesDollarsPerHour + upkeepPerHour(extraPools))} with ${extraPools} x ${upkeep} a month`,
  );

  const small3 = compare(traffic(0.01), EVERY_SHAPE, THREE_SERVICES, POLICY, ONE_HOP);
  const small2 = compare(traffic(0.01), EVERY_SHAPE, TWO_POOLS, POLICY, NO_HOP);
  const dearer = small3.savings < 0 && small2.savings < 0 ? 'every split is dearer' : 'a split is still cheaper';
  console.log(
    `at 1K rps: one pool ${perHour(small3.monolithDollarsPerHour)}, three services ${perHour(small3.servicesDollarsPerHour)}, two pools ${perHour(small2.servicesDollarsPerHour)}: ${dearer}`,
  );

  const cents = (n: number) => Math.round(Math.round(n * 1e6) / 1e4) / 100; // demo-side rounding for the result
  return {
    onePool: { shape: pool.shape, replicas: pool.replicas, dollarsPerHour: cents(pool.dollarsPerHour) },
    threeServices: { dollarsPerHour: cents(services.servicesDollarsPerHour), split: threeVerdict.decision.split },
    twoPools: { dollarsPerHour: cents(pools.servicesDollarsPerHour), split: poolsVerdict.decision.split },
    twoServicesDollarsPerHour: cents(twoServices.servicesDollarsPerHour),
    fourVcpuOnly: {
      poolsDollarsPerHour: cents(smallPools.servicesDollarsPerHour),
      predictionNodes: predictions.replicas,
      servicesDollarsPerHour: cents(smallServices.servicesDollarsPerHour),
    },
    at1kRps: { onePool: cents(small3.monolithDollarsPerHour), threeServices: cents(small3.servicesDollarsPerHour), twoPools: cents(small2.servicesDollarsPerHour) },
  };
}
