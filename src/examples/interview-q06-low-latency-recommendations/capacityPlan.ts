/**
 * Capacity and latency arithmetic for a recommendation service at 10,000 requests per second.
 *
 * pods = ceil(peak RPS / (per-pod RPS x target utilisation)) + spares.
 * Sizing at exactly peak / per-pod (20 pods x 500 RPS = 10,000) leaves no headroom: one pod
 * lost or one burst above peak and the queue, and the p99, grow without bound. The spares sit on
 * top of the target, so the fleet is still at it with the spares out (27 - 2 = 25 pods at 80%).
 */

export interface CapacityInput {
  peakRps: number;
  /** Load one pod sustains inside the latency SLO, measured with full-path (cache-miss) requests. */
  perPodRps: number;
  /**
   * Utilisation to plan for at peak. 80% is a rule of thumb: in an M/M/1 queue the mean wait is
   * rho / (1 - rho) service times, 4 at 80% but 9 at 90% and 19 at 95%.
   */
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

/** NaN fails every comparison, so an unchecked NaN would pass every test below as "no problem". */
function checkInput(input: CapacityInput): void {
  positive('peakRps', input.peakRps);
  positive('perPodRps', input.perPodRps);
  if (!(input.targetUtilisation > 0 && input.targetUtilisation <= 1)) throw new RangeError(`targetUtilisation must be in (0, 1], got ${input.targetUtilisation}`);
  if (!Number.isInteger(input.spares) || input.spares < 0) throw new RangeError(`spares must be a non-negative integer, got ${input.spares}`);
  positive('gatewayLimitRps', input.gatewayLimitRps);
  if (input.gatewayLimitRps < input.peakRps)
    throw new RangeError(`gatewayLimitRps ${input.gatewayLimitRps} is below peakRps ${input.peakRps}: the gateway must admit at least the peak`);
  if (!(input.cacheHitRate >= 0 && input.cacheHitRate < 1)) throw new RangeError(`cacheHitRate must be in [0, 1), got ${input.cacheHitRate}`);
}

export function planCapacity(input: CapacityInput): CapacityPlan {
  checkInput(input);
  const servingPods = ceilTolerant(input.peakRps / (input.perPodRps * input.targetUtilisation));
  if (!Number.isSafeInteger(servingPods)) throw new RangeError(`the load needs ${servingPods} serving pods, not a countable number of pods`);
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

function checkPods(pods: number): void {
  if (!Number.isInteger(pods) || pods < 1) throw new RangeError(`pods must be a whole number of 1 or more, got ${pods}`);
}

/** A share over a limit as a percentage: one decimal, more where one would print 80.04% over 80% as 80%. */
function percentOver(share: number, limit: number): string {
  let decimals = 1;
  while (decimals < 6 && Number((100 * share).toFixed(decimals)) <= Number((100 * limit).toFixed(decimals))) decimals++;
  return `${Number((100 * share).toFixed(decimals))}%`;
}

/** A rate as the page writes it, "12,500 RPS": separators by hand, so every runtime prints the same. */
function rps(n: number): string {
  const [whole, fraction] = String(n).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''} RPS`;
}

/**
 * What is wrong with a given pod count for this load: empty when the count is safe. Safe means
 * at or under the target utilisation at peak, able to take the gateway limit, and both still true
 * with the spares out (a node failure during a rolling deploy), so 25 pods pass the first two
 * checks and fail the third.
 */
export function reviewPodCount(pods: number, input: CapacityInput): string[] {
  checkPods(pods);
  checkInput(input);
  const problems: string[] = [];
  const target = `${Number((100 * input.targetUtilisation).toPrecision(4))}%`;
  const capacity = pods * input.perPodRps;
  if (input.peakRps / capacity > input.targetUtilisation)
    problems.push(`utilisation at peak is ${percentOver(input.peakRps / capacity, input.targetUtilisation)}, above the ${target} target`);
  if (capacity < input.gatewayLimitRps) problems.push(`capacity ${rps(capacity)} is below the gateway limit of ${rps(input.gatewayLimitRps)}`);
  const survivors = pods - input.spares;
  const survivorCapacity = survivors * input.perPodRps;
  if (survivors < 1) problems.push(`losing ${input.spares} pod(s) leaves no pod running`);
  else if (input.peakRps / survivorCapacity > input.targetUtilisation)
    problems.push(
      `losing ${input.spares} pod(s) pushes utilisation at peak to ${percentOver(input.peakRps / survivorCapacity, input.targetUtilisation)}, above the ${target} target`,
    );
  else if (survivorCapacity < input.gatewayLimitRps)
    problems.push(`losing ${input.spares} pod(s) leaves ${rps(survivorCapacity)}, below the gateway limit of ${rps(input.gatewayLimitRps)}`);
  return problems;
}

export interface Stage {
  name: string;
  /**
   * The stage's latency at `percentile`, measured at the planned peak load with its queue wait
   * included: anything random left outside the stages is outside the bound.
   */
  latencyMs: number;
  /** Which percentile `latencyMs` is, as a fraction: 0.998 is the stage's p99.8. */
  percentile: number;
}

const PROBABILITY_TOLERANCE = 1e-9;

/**
 * The percentile at which to budget each of `stageCount` stages so that their sum bounds the
 * end-to-end `target` percentile: 1 - (1 - target) / stageCount, p99.67 each for a 3-stage p99.
 */
export function stagePercentileFor(stageCount: number, target = 0.99): number {
  if (!Number.isInteger(stageCount) || stageCount < 1) throw new RangeError('stageCount must be a whole number of 1 or more');
  if (!(target > 0 && target < 1)) throw new RangeError('target must be in (0, 1)');
  return 1 - (1 - target) / stageCount;
}

/**
 * A percentile as it is usually written: 0.9967 is p99.67, 0.99996667 is p99.9967. Two decimals
 * would round the second to p100.00, so keep enough digits to show two of the tail.
 */
export function formatPercentile(p: number): string {
  // 1 has no tail to count digits in, and 99 is a percentage passed where a fraction belongs.
  if (!(p > 0 && p < 1)) throw new RangeError(`a percentile is a fraction in (0, 1), got ${p}`);
  const tailPct = 100 * (1 - p);
  const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(tailPct)) + 1));
  const shown = Number((100 * p).toFixed(decimals));
  // Past 12 decimals float noise swamps the digits: such a p would print as p100 (or p0).
  if (shown <= 0 || shown >= 100) throw new RangeError(`${p} is too close to 0 or 1 to name as a percentile`);
  return `p${shown}`;
}

/**
 * Stage p99s do not add up to an end-to-end p99, in either direction: a stage's rare stall
 * below its own 1% cut-off can be hit by more than 1% of requests once three stages each risk it.
 * A sum that is a bound needs each stage budgeted further out: if stage i exceeds its budget with
 * probability at most 1 - q_i, some stage exceeds its budget with probability at most
 * sum(1 - q_i) (union bound, true however the stages are correlated). When that is at most
 * 1 - target, the sum of the budgets is an upper bound on the end-to-end target percentile.
 */
export function latencyBudget(stages: readonly Stage[], budgetMs: number, target = 0.99): { totalMs: number; slackMs: number; withinBudget: boolean; tailShare: number } {
  positive('budgetMs', budgetMs);
  if (!(target > 0 && target < 1)) throw new RangeError('target must be in (0, 1)');
  let totalMs = 0;
  let tailShare = 0;
  for (const s of stages) {
    if (!Number.isFinite(s.latencyMs) || s.latencyMs < 0) throw new RangeError(`stage ${s.name} has an invalid latency`);
    if (!(s.percentile > 0 && s.percentile <= 1)) throw new RangeError(`stage ${s.name} has an invalid percentile`);
    totalMs += s.latencyMs;
    tailShare += 1 - s.percentile;
  }
  if (tailShare > 1 - target + PROBABILITY_TOLERANCE) {
    const needed = stagePercentileFor(Math.max(stages.length, 1), target);
    throw new RangeError(
      `stage tails add up to ${Number((100 * tailShare).toPrecision(3))}% of requests, more than the ${Number((100 * (1 - target)).toPrecision(3))}% a ${formatPercentile(target)} allows: ` +
        `budget each of the ${stages.length} stages at its ${formatPercentile(needed)} or further out`,
    );
  }
  return { totalMs, slackMs: budgetMs - totalMs, withinBudget: totalMs <= budgetMs, tailShare };
}

/** A stage's latency as a discrete distribution: each value in ms with its probability. */
export type LatencyDistribution = readonly { readonly ms: number; readonly probability: number }[];

function checkDistribution(d: LatencyDistribution): void {
  let total = 0;
  for (const { ms, probability } of d) {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency ${ms} ms is not a valid value`);
    if (!(probability >= 0)) throw new RangeError(`probability ${probability} is not valid`);
    total += probability;
  }
  if (Math.abs(total - 1) > PROBABILITY_TOLERANCE) throw new RangeError(`probabilities add up to ${total}, not 1`);
}

/**
 * End-to-end latency of stages run one after another, assuming they are independent: the
 * distribution of the sum (a convolution). Values are merged at 1 microsecond, so histograms
 * with millisecond buckets stay small.
 */
export function composeStages(stages: readonly LatencyDistribution[]): LatencyDistribution {
  let sums = new Map<number, number>([[0, 1]]);
  for (const stage of stages) {
    checkDistribution(stage);
    const next = new Map<number, number>();
    for (const [before, p] of sums) {
      for (const { ms, probability } of stage) {
        const key = Math.round((before + ms) * 1000) / 1000;
        next.set(key, (next.get(key) ?? 0) + p * probability);
      }
    }
    sums = next;
  }
  return [...sums].map(([ms, probability]) => ({ ms, probability })).sort((a, b) => a.ms - b.ms);
}

/**
 * Slack for the running sum in `percentileOf`: each addition can be off by about 1e-16, far less
 * than this, and a share a reader means is never this close to p without reaching it.
 */
const SUM_ROUNDING = 1e-12;

/** The `p` percentile of a distribution: the smallest latency that at least a share p of requests stay within. */
export function percentileOf(distribution: LatencyDistribution, p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError('p must be in (0, 1]');
  checkDistribution(distribution);
  const possible = distribution.filter((v) => v.probability > 0).sort((a, b) => a.ms - b.ms);
  const largest = Math.max(...possible.map((v) => v.ms));
  if (p === 1) return largest; // however rare, a possible value is within the p100
  let cumulative = 0;
  for (const { ms, probability } of possible) {
    cumulative += probability;
    if (cumulative >= p - SUM_ROUNDING) return ms;
  }
  // Probabilities may add up to a hair under 1 (checkDistribution allows it): then the largest value.
  return largest;
}

/** Fleet cost per request at a sustained rate: the number to compare with revenue per request. */
export function fleetCostPerRequest(pods: number, dollarsPerPodHour: number, sustainedRps: number): number {
  checkPods(pods);
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
  if (!Number.isInteger(items) || items < 0) throw new RangeError(`items must be a whole number of 0 or more, got ${items}`);
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`dimensions must be a whole number of 1 or more, got ${dimensions}`);
  positive('bytesPerValue', bytesPerValue);
  return items * dimensions * bytesPerValue;
}

/**
 * Memory for a FAISS HNSW index over float32 vectors: each item keeps its vector plus about 2 x M
 * neighbour ids of 4 bytes (FAISS's own estimate, d x 4 + M x 2 x 4 bytes per vector). At 64
 * dimensions and M = 32 the links weigh as much as the vectors.
 */
export function hnswIndexBytes(items: number, dimensions: number, m = 32): number {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`M must be a whole number of 2 or more, got ${m}`);
  return vectorBytes(items, dimensions) + items * m * 2 * 4;
}
