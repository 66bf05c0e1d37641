/**
 * Capacity and latency arithmetic for a recommendation service at 10,000 requests per second.
 *
 * pods = ceil(peak RPS / (per-pod RPS x target utilisation)) + spares.
 * Sizing at exactly peak / per-pod (20 pods x 500 RPS = 10,000) leaves no headroom: one pod
 * lost or one burst above peak and the queue, and the p99, grow without bound.
 */

export interface CapacityInput {
  peakRps: number;
  /** Load one pod sustains inside the latency SLO, measured with full-path (cache-miss) requests. */
  perPodRps: number;
  /** Utilisation to plan for at peak; queueing delay climbs steeply above about 80%. */
  targetUtilisation: number;
  /** Extra pods for failures and rolling deploys: 2 means N+2. */
  spares: number;
  /** Most traffic the gateway admits; the fleet must carry it even with the spares gone. */
  gatewayLimitRps: number;
  /** Share of requests answered from the cache without touching the model stages. */
  cacheHitRate: number;
}

export interface CapacityPlan {
  servingPods: number;
  totalPods: number;
  capacityRps: number;
  utilisationAtPeak: number;
  /** Requests per second that reach candidate generation and ranking in steady state. */
  modelStageRps: number;
  /** Can the fleet minus its spares still carry the gateway limit? */
  survivesLossOfSpares: boolean;
}

function positive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

function ceilTolerant(x: number): number {
  return Math.ceil(x - 1e-9); // 10,000 / 400 must stay 25, not become 26 through rounding noise.
}

export function planCapacity(input: CapacityInput): CapacityPlan {
  positive('peakRps', input.peakRps);
  positive('perPodRps', input.perPodRps);
  if (!(input.targetUtilisation > 0 && input.targetUtilisation <= 1)) throw new RangeError('targetUtilisation must be in (0, 1]');
  if (!Number.isInteger(input.spares) || input.spares < 0) throw new RangeError('spares must be a non-negative integer');
  if (!(input.cacheHitRate >= 0 && input.cacheHitRate < 1)) throw new RangeError('cacheHitRate must be in [0, 1)');
  const servingPods = ceilTolerant(input.peakRps / (input.perPodRps * input.targetUtilisation));
  const totalPods = servingPods + input.spares;
  const capacityRps = totalPods * input.perPodRps;
  return {
    servingPods,
    totalPods,
    capacityRps,
    utilisationAtPeak: input.peakRps / capacityRps,
    modelStageRps: input.peakRps * (1 - input.cacheHitRate),
    survivesLossOfSpares: servingPods * input.perPodRps >= input.gatewayLimitRps,
  };
}

/** What is wrong with a given pod count for this load: empty when the count is safe. */
export function reviewPodCount(pods: number, input: CapacityInput): string[] {
  const problems: string[] = [];
  const capacity = pods * input.perPodRps;
  if (input.peakRps / capacity > input.targetUtilisation) {
    problems.push(`utilisation at peak is ${Math.round((100 * input.peakRps) / capacity)}%, above the ${input.targetUtilisation * 100}% target`);
  }
  if (capacity < input.gatewayLimitRps) problems.push(`capacity ${capacity} RPS is below the gateway limit of ${input.gatewayLimitRps} RPS`);
  if ((pods - input.spares) * input.perPodRps < input.peakRps) problems.push(`losing ${input.spares} pod(s) drops capacity below peak`);
  return problems;
}

export interface Stage {
  name: string;
  p99Ms: number;
}

/**
 * Adding stage p99s gives a conservative budget: the end-to-end p99 is usually lower,
 * because stages rarely hit their tails on the same request. What is left covers queueing.
 */
export function latencyBudget(stages: readonly Stage[], budgetMs: number): { totalMs: number; slackMs: number; withinBudget: boolean } {
  positive('budgetMs', budgetMs);
  const totalMs = stages.reduce((sum, s) => {
    if (!Number.isFinite(s.p99Ms) || s.p99Ms < 0) throw new RangeError(`stage ${s.name} has an invalid p99`);
    return sum + s.p99Ms;
  }, 0);
  return { totalMs, slackMs: budgetMs - totalMs, withinBudget: totalMs <= budgetMs };
}

/** Fleet cost per request at a sustained rate: the number to compare with revenue per request. */
export function fleetCostPerRequest(pods: number, dollarsPerPodHour: number, sustainedRps: number): number {
  positive('dollarsPerPodHour', dollarsPerPodHour);
  positive('sustainedRps', sustainedRps);
  return (pods * dollarsPerPodHour) / (sustainedRps * 3600);
}

/** Daily spend implied by a per-request price at a sustained rate: the sanity check for any quoted unit cost. */
export function dailySpend(dollarsPerRequest: number, sustainedRps: number): number {
  positive('dollarsPerRequest', dollarsPerRequest);
  positive('sustainedRps', sustainedRps);
  return dollarsPerRequest * sustainedRps * 86_400;
}

/** Memory for an in-memory ANN index's raw vectors: items x dimensions x bytes per value (graph links extra). */
export function vectorBytes(items: number, dimensions: number, bytesPerValue = 4): number {
  return items * dimensions * bytesPerValue;
}
