/**
 * Capacity and cost model for the "monolith or services?" decision.
 *
 * A monolith deployed as one pool runs every component on one node shape, so
 * it needs the shape of its most demanding part (a GPU) and as many replicas
 * as its most loaded resource requires. A plan splits the deployment: into
 * services (the code is split, and synchronous calls between them become
 * network hops) or into pools of the same build that each take some routes
 * (no hop). Each deployment gets its own shape and replica count. Everything
 * is sized on the cheapest of the same shapes on offer: a saving measured
 * against a shape with the wrong CPU-to-GPU ratio, on either side, is the
 * shape's, not the split's. Only in-process work is priced: serialization,
 * sidecar proxies and event streams that a split adds are not.
 */

export type Resource = 'cpu' | 'gpu';
const RESOURCES: readonly Resource[] = ['cpu', 'gpu'];

/**
 * One part of the system and the work each of its requests causes. List work
 * per route where routes differ (lookups by other consumers, lookups for
 * predictions), so a plan can group the parts by service or by route.
 */
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

const finiteAndNotNegative = (x: number): boolean => Number.isFinite(x) && x >= 0;

/** Resource units kept busy by a set of components: rps x ms / 1000. */
export function demand(components: readonly Component[]): Record<Resource, number> {
  const total: Record<Resource, number> = { cpu: 0, gpu: 0 };
  for (const c of components) {
    // NaN or negative load would otherwise be sized as "no load" at the minimum replicas.
    if (!finiteAndNotNegative(c.requestsPerSecond)) throw new RangeError(`${c.name}: requestsPerSecond must be finite and 0 or more, got ${c.requestsPerSecond}`);
    for (const r of RESOURCES) {
      const ms = c.msPerRequest[r] ?? 0;
      if (!finiteAndNotNegative(ms)) throw new RangeError(`${c.name}: msPerRequest.${r} must be finite and 0 or more, got ${ms}`);
      total[r] += (c.requestsPerSecond * ms) / 1000;
    }
  }
  return total;
}

/** A negative unit count would carry load on no hardware, and a negative price would always be "cheapest". */
function checkShape(shape: NodeShape): void {
  for (const r of RESOURCES) {
    const units = shape.units[r] ?? 0;
    if (!finiteAndNotNegative(units)) throw new RangeError(`shape ${shape.name}: units.${r} must be finite and 0 or more, got ${units}`);
  }
  if (!finiteAndNotNegative(shape.dollarsPerHour)) throw new RangeError(`shape ${shape.name}: dollarsPerHour must be finite and 0 or more, got ${shape.dollarsPerHour}`);
}

export function size(name: string, components: readonly Component[], shape: NodeShape, policy: SizingPolicy): Deployment {
  if (!(policy.targetUtilization > 0 && policy.targetUtilization <= 1)) {
    throw new RangeError(`targetUtilization must be in (0, 1], got ${policy.targetUtilization}`);
  }
  if (!Number.isInteger(policy.minReplicas) || policy.minReplicas < 0) {
    throw new RangeError(`minReplicas must be a whole number of 0 or more, got ${policy.minReplicas}`);
  }
  checkShape(shape);
  const need = demand(components);
  let replicas = policy.minReplicas;
  let bindingResource: Resource | 'minReplicas' = 'minReplicas';
  for (const r of RESOURCES) {
    if (need[r] === 0) continue;
    const perNode = shape.units[r] ?? 0;
    if (perNode === 0) throw new Error(`${name} needs ${r} but shape ${shape.name} has none`);
    // The small epsilon keeps 93.999999 from becoming 94 through float noise; any load needs at least one node.
    const forResource = Math.max(1, Math.ceil(need[r] / (perNode * policy.targetUtilization) - 1e-9));
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
  shapes.forEach(checkShape);
  return shapes
    .filter((shape) => fits(components, shape))
    .map((shape) => size(name, components, shape, policy))
    .sort((a, b) => a.dollarsPerHour - b.dollarsPerHour);
}

/** A candidate service or pool: which components it runs. Its shape is chosen from the same list as the monolith's. */
export interface ServicePlan {
  readonly name: string;
  readonly components: readonly string[];
}

export interface Comparison {
  /** The monolith as one pool on the cheapest shape offered. */
  readonly monolith: Deployment;
  /** The monolith on every shape that can run it, cheapest first. */
  readonly monolithOptions: readonly Deployment[];
  /** Each service (or pool) of the plan on the cheapest shape offered that can run it. */
  readonly services: readonly Deployment[];
  readonly monolithDollarsPerHour: number;
  readonly servicesDollarsPerHour: number;
  /** Share of the cheapest monolith's compute bill the split saves (negative: it costs more). */
  readonly savings: number;
  /**
   * Latency the split adds to one request: synchronous hops x time per hop. Both are the caller's
   * allowances (0 hops for pools of one build); the hops are not derived from the plan, and the sum is a
   * typical added time, not a p99.
   */
  readonly addedLatencyMs: number;
}

export function compare(
  components: readonly Component[],
  shapes: readonly NodeShape[],
  plan: readonly ServicePlan[],
  policy: SizingPolicy,
  latency: { readonly synchronousHops: number; readonly msPerHop: number },
): Comparison {
  if (plan.length === 0) throw new Error('the service plan is empty');
  if (!(Number.isInteger(latency.synchronousHops) && latency.synchronousHops >= 0)) {
    throw new RangeError(`synchronousHops must be a whole number of 0 or more, got ${latency.synchronousHops}`);
  }
  if (!finiteAndNotNegative(latency.msPerHop)) throw new RangeError(`msPerHop must be finite and 0 or more, got ${latency.msPerHop}`);
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
  /** Whether to split the deployment as the plan says: into services, or into pools of one build. */
  readonly split: boolean;
  /** Compute saved per month minus the running cost of the extra deployments. */
  readonly netDollarsPerMonth: number;
  readonly reasons: readonly string[];
}

/** A whole number as the page writes it, 60,000: separators by hand, so every runtime prints the same. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * Split only if the saving pays for the extra deployments and the hops fit the latency budget.
 * opsDollarsPerServicePerMonth is the running cost of each extra deployment: a service's own pipeline
 * and on-call, or the far smaller upkeep of one more pool of the same build.
 */
export function decide(comparison: Comparison, budget: { readonly opsDollarsPerServicePerMonth: number; readonly latencyBudgetMs: number }): Decision {
  if (!finiteAndNotNegative(budget.opsDollarsPerServicePerMonth)) {
    throw new RangeError(`opsDollarsPerServicePerMonth must be finite and 0 or more, got ${budget.opsDollarsPerServicePerMonth}`);
  }
  if (!(budget.latencyBudgetMs >= 0)) throw new RangeError(`latencyBudgetMs must be 0 or more, got ${budget.latencyBudgetMs}`);
  const computeSaved = (comparison.monolithDollarsPerHour - comparison.servicesDollarsPerHour) * HOURS_PER_MONTH;
  const extraServices = comparison.services.length - 1;
  const netDollarsPerMonth = computeSaved - extraServices * budget.opsDollarsPerServicePerMonth;
  const reasons: string[] = [];
  // Written so that NaN fails closed: a split must be shown to pay and to fit.
  if (Number.isNaN(netDollarsPerMonth)) reasons.push('the saving cannot be computed');
  else if (netDollarsPerMonth <= 0) reasons.push(`the split loses $${grouped(Math.round(-netDollarsPerMonth))} per month`);
  if (!(comparison.addedLatencyMs <= budget.latencyBudgetMs)) {
    reasons.push(`added latency ${comparison.addedLatencyMs} ms exceeds the ${budget.latencyBudgetMs} ms budget`);
  }
  return { split: reasons.length === 0, netDollarsPerMonth, reasons };
}
