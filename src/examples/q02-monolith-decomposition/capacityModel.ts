/**
 * Capacity and cost model for the "monolith or services?" decision.
 *
 * A monolith deploys every component on one node shape, so it needs the
 * shape of its most demanding part (a GPU) and as many replicas as its most
 * loaded resource requires. Split services each get their own shape and
 * replica count. The model computes both, and what the split costs back:
 * a network hop per synchronous call and the running cost of each service.
 * The monolith and every service are each sized on the cheapest of the same
 * shapes on offer: a saving measured against a shape with the wrong
 * CPU-to-GPU ratio, on either side, is the shape's, not the split's.
 */

export type Resource = 'cpu' | 'gpu';
const RESOURCES: readonly Resource[] = ['cpu', 'gpu'];

/** One part of the system and the work each of its requests causes. */
export interface Component {
  readonly name: string;
  readonly requestsPerSecond: number;
  /** Busy time per request on each resource: 4 vCPU-ms, 1 GPU-ms (batched). */
  readonly msPerRequest: Readonly<Partial<Record<Resource, number>>>;
}

export interface NodeShape {
  readonly name: string;
  /** Resource units per node: 16 vCPUs, 1 GPU. */
  readonly units: Readonly<Partial<Record<Resource, number>>>;
  readonly dollarsPerHour: number;
}

export interface SizingPolicy {
  /** Plan to run resources at this share of capacity, leaving headroom for spikes. */
  readonly targetUtilization: number;
  /** Replicas per deployment regardless of load, for availability. */
  readonly minReplicas: number;
}

export interface Deployment {
  readonly name: string;
  readonly shape: string;
  readonly replicas: number;
  /** What set the replica count: a resource's demand, or the availability minimum when load needs fewer. */
  readonly bindingResource: Resource | 'minReplicas';
  /** Average busy share of each resource the shape has, at the given load. */
  readonly utilization: Readonly<Partial<Record<Resource, number>>>;
  readonly dollarsPerHour: number;
}

/** Resource units kept busy by a set of components: rps x ms / 1000. */
export function demand(components: readonly Component[]): Record<Resource, number> {
  const total: Record<Resource, number> = { cpu: 0, gpu: 0 };
  for (const c of components) {
    for (const r of RESOURCES) total[r] += (c.requestsPerSecond * (c.msPerRequest[r] ?? 0)) / 1000;
  }
  return total;
}

export function size(name: string, components: readonly Component[], shape: NodeShape, policy: SizingPolicy): Deployment {
  if (!(policy.targetUtilization > 0 && policy.targetUtilization <= 1)) {
    throw new RangeError(`targetUtilization must be in (0, 1], got ${policy.targetUtilization}`);
  }
  if (!Number.isInteger(policy.minReplicas) || policy.minReplicas < 0) {
    throw new RangeError(`minReplicas must be a whole number of 0 or more, got ${policy.minReplicas}`);
  }
  const need = demand(components);
  let replicas = policy.minReplicas;
  let bindingResource: Resource | 'minReplicas' = 'minReplicas';
  for (const r of RESOURCES) {
    if (need[r] === 0) continue;
    const perNode = shape.units[r] ?? 0;
    if (perNode === 0) throw new Error(`${name} needs ${r} but shape ${shape.name} has none`);
    // The small epsilon keeps 93.999999 from becoming 94 through float noise.
    const forResource = Math.ceil(need[r] / (perNode * policy.targetUtilization) - 1e-9);
    // A resource that needs exactly the minimum binds too: less load would free replicas, not the minimum.
    if (forResource > replicas || (bindingResource === 'minReplicas' && forResource === replicas)) {
      replicas = forResource;
      bindingResource = r;
    }
  }
  const utilization: Partial<Record<Resource, number>> = {};
  for (const r of RESOURCES) {
    const perNode = shape.units[r] ?? 0;
    // No replicas (minReplicas 0, no load) means nothing provisioned and nothing busy: 0, not 0 / 0.
    if (perNode > 0) utilization[r] = replicas === 0 ? 0 : need[r] / (replicas * perNode);
  }
  return { name, shape: shape.name, replicas, bindingResource, utilization, dollarsPerHour: replicas * shape.dollarsPerHour };
}

/** Whether a shape has every resource the components need. */
function fits(components: readonly Component[], shape: NodeShape): boolean {
  const need = demand(components);
  return RESOURCES.every((r) => need[r] === 0 || (shape.units[r] ?? 0) > 0);
}

/** Sizes the components on every shape that can run them, cheapest first (empty when none can). */
export function sizeOnEachShape(name: string, components: readonly Component[], shapes: readonly NodeShape[], policy: SizingPolicy): Deployment[] {
  return shapes
    .filter((shape) => fits(components, shape))
    .map((shape) => size(name, components, shape, policy))
    .sort((a, b) => a.dollarsPerHour - b.dollarsPerHour);
}

/** A candidate service: which components it runs. Its shape is chosen from the same list as the monolith's. */
export interface ServicePlan {
  readonly name: string;
  readonly components: readonly string[];
}

export interface Comparison {
  /** The monolith on the cheapest shape offered. */
  readonly monolith: Deployment;
  /** The monolith on every shape that can run it, cheapest first. */
  readonly monolithOptions: readonly Deployment[];
  /** Each service on the cheapest shape offered that can run it. */
  readonly services: readonly Deployment[];
  readonly monolithDollarsPerHour: number;
  readonly servicesDollarsPerHour: number;
  /** Share of the cheapest monolith's compute bill the split saves (negative: it costs more). */
  readonly savings: number;
  /** Latency the split adds to one request: synchronous hops x cost per hop. */
  readonly addedLatencyMs: number;
}

export function compare(
  components: readonly Component[],
  shapes: readonly NodeShape[],
  plan: readonly ServicePlan[],
  policy: SizingPolicy,
  latency: { readonly synchronousHops: number; readonly msPerHop: number },
): Comparison {
  // Every component must land in exactly one service, or the comparison is meaningless.
  const assigned = plan.flatMap((s) => s.components);
  for (const c of components) {
    const count = assigned.filter((n) => n === c.name).length;
    if (count !== 1) throw new Error(`component ${c.name} is assigned to ${count} services; it needs exactly one`);
  }
  const unknown = assigned.find((n) => !components.some((c) => c.name === n));
  if (unknown) throw new Error(`service plan names unknown component ${unknown}`);
  // A service that runs nothing still pays for its minimum replicas and its upkeep.
  const empty = plan.find((s) => s.components.length === 0);
  if (empty) throw new Error(`service ${empty.name} runs no components`);

  const monolithOptions = sizeOnEachShape('monolith', components, shapes, policy);
  const monolith = monolithOptions[0];
  if (monolith === undefined) throw new Error('none of the shapes offered can run the monolith');
  // Same shapes for both sides: fixing the services' shapes while the monolith shops around tilts the comparison.
  const services = plan.map((s) => {
    const cheapest = sizeOnEachShape(
      s.name,
      components.filter((c) => s.components.includes(c.name)),
      shapes,
      policy,
    )[0];
    // Cannot happen once the monolith fits a shape (a service needs a subset of its resources); kept for the type.
    if (cheapest === undefined) throw new Error(`none of the shapes offered can run ${s.name}`);
    return cheapest;
  });
  const servicesDollarsPerHour = services.reduce((sum, d) => sum + d.dollarsPerHour, 0);
  return {
    monolith,
    monolithOptions,
    services,
    monolithDollarsPerHour: monolith.dollarsPerHour,
    servicesDollarsPerHour,
    // A monolith that costs nothing (no load, minReplicas 0) leaves nothing to save, and 0 / 0 is NaN.
    savings: monolith.dollarsPerHour === 0 ? 0 : 1 - servicesDollarsPerHour / monolith.dollarsPerHour,
    addedLatencyMs: latency.synchronousHops * latency.msPerHop,
  };
}

export const HOURS_PER_MONTH = 730;

export interface Decision {
  readonly split: boolean;
  /** Compute saved per month minus the running cost of the extra services. */
  readonly netDollarsPerMonth: number;
  readonly reasons: readonly string[];
}

/** Split only if the saving pays for the extra services and the hops fit the latency budget. */
export function decide(comparison: Comparison, budget: { readonly opsDollarsPerServicePerMonth: number; readonly latencyBudgetMs: number }): Decision {
  const computeSaved = (comparison.monolithDollarsPerHour - comparison.servicesDollarsPerHour) * HOURS_PER_MONTH;
  const extraServices = comparison.services.length - 1;
  const netDollarsPerMonth = computeSaved - extraServices * budget.opsDollarsPerServicePerMonth;
  const reasons: string[] = [];
  if (netDollarsPerMonth <= 0) reasons.push(`the split loses $${Math.round(-netDollarsPerMonth)} per month`);
  if (comparison.addedLatencyMs > budget.latencyBudgetMs) {
    reasons.push(`added latency ${comparison.addedLatencyMs} ms exceeds the ${budget.latencyBudgetMs} ms budget`);
  }
  return { split: reasons.length === 0, netDollarsPerMonth, reasons };
}
