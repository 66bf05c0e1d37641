/**
 * A canary controller for a new model version: 1% -> 10% -> 50% -> 100% of
 * users, each step compared against the baseline serving the rest of the
 * traffic in the same window, with automatic rollback on a guardrail breach.
 * The error rate is judged by a one-sided two-proportion z-test, once per step
 * when the step's planned sample is in, and by a hard ceiling checked on every
 * canary request, so a canary that breaks outright (or stops answering within
 * the timeout) is rolled back within seconds instead of at the end of the step.
 */

export type Arm = 'baseline' | 'canary';

/** Users are hashed into this many buckets; at a weight of w% the canary gets the buckets below w × 100. */
export const BUCKETS = 10_000;

/** z for 80% power: the test misses a rise of exactly the planned size one time in five. */
const POWER_Z = 0.8416;

/** 32-bit FNV-1a with a final avalanche mix: stable across processes, languages and restarts. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ byte, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Bucket 0..9999 for a user. Math.random() per request would flip a user
 * between versions; a per-process salted hash would disagree across replicas.
 * The salt is per rollout, so the same users are not the canary every time.
 */
export function bucketOf(userId: string, salt: string): number {
  return hash32(`${salt}:${userId}`) % BUCKETS;
}

/**
 * Canary requests for 80% power to detect a rise `delta` over `baselineRate` when the
 * baseline arm is `ratio` times larger (99 at a 1% step, 1 at 50%), from the normal
 * approximation for unequal arms (Fleiss et al. 1980), with p̄ the expected pooled rate:
 * n = [z √(p̄(1 − p̄)(1 + 1/ratio)) + z_β √(p₂(1 − p₂) + p₁(1 − p₁)/ratio)]² / δ².
 * With equal arms this is close to the 16 p̄(1 − p̄)/δ² rule of thumb; a large baseline
 * roughly halves it. It assumes independent requests (multiply by the design effect, see
 * errorRateZ, when users send many correlated ones) and, being a normal approximation,
 * enough requests that each arm expects a few dozen errors.
 */
export function requiredCanarySamples(baselineRate: number, delta: number, ratio: number, criticalZ = 1.96): number {
  if (!(baselineRate > 0 && delta > 0 && baselineRate + delta < 1)) throw new RangeError('need 0 < rate, delta > 0 and rate + delta < 1');
  if (!(ratio > 0 && Number.isFinite(ratio))) throw new RangeError(`ratio must be a positive number, got ${ratio}`);
  const p1 = baselineRate;
  const p2 = baselineRate + delta;
  const pooled = (p2 + ratio * p1) / (1 + ratio);
  const underNull = criticalZ * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / ratio));
  const underRise = POWER_Z * Math.sqrt(p2 * (1 - p2) + (p1 * (1 - p1)) / ratio);
  return Math.ceil((underNull + underRise) ** 2 / delta ** 2);
}

/** Requests and errors per hash bucket of one arm (every bucket the arm owns, empty ones included). */
export interface BucketCounts {
  readonly requests: ArrayLike<number>;
  readonly errors: ArrayLike<number>;
}

/** A request count with thousands separators, written out so every runtime prints the same. */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

/**
 * Pooled two-proportion z for "the canary fails more often than the baseline":
 * (p_c − p_b) / √(d p̄(1 − p̄)(1/n_c + 1/n_b)). The design effect d (Rao & Scott 1992) is
 * the spread of errors across buckets relative to independent requests,
 * d = Σ(e_i − p̄ r_i)² / (n p̄(1 − p̄)) over all buckets. Users, not requests, are
 * randomised, and a bucket holds whole users, so a user whose requests fail together
 * raises d instead of posing as many independent failures. With independent requests d ≈ 1.
 */
export function errorRateZ(canary: BucketCounts, baseline: BucketCounts): number {
  const nc = sum(canary.requests);
  const nb = sum(baseline.requests);
  const ec = sum(canary.errors);
  const eb = sum(baseline.errors);
  const pooled = (ec + eb) / (nc + nb);
  let squares = 0;
  for (const arm of [canary, baseline]) {
    for (let i = 0; i < arm.requests.length; i++) squares += (arm.errors[i]! - pooled * arm.requests[i]!) ** 2;
  }
  // d p̄(1 − p̄), the variance one request contributes: p̄(1 − p̄) when requests are independent.
  const perRequestVariance = squares / (nc + nb);
  const standardError = Math.sqrt(perRequestVariance * (1 / nc + 1 / nb));
  // No errors in either arm (or only errors) is no evidence of a difference.
  if (standardError === 0) return 0;
  return (ec / nc - eb / nb) / standardError;
}

/**
 * Latencies counted per 0.1 ms and capped at the timeout, so a step that runs for days
 * holds at most timeoutMs × 10 + 1 counters per arm, not every latency it has seen.
 * A latency that is not a finite number >= 0 is counted as unmeasured.
 */
export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private measured = 0;
  private unmeasured = 0;

  constructor(private readonly capMs: number) {}

  add(latencyMs: number): void {
    if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) {
      this.unmeasured++;
      return;
    }
    const tenths = Math.round(Math.min(latencyMs, this.capMs) * 10);
    this.counts.set(tenths, (this.counts.get(tenths) ?? 0) + 1);
    this.measured++;
  }

  /** Number of counters held. */
  get size(): number {
    return this.counts.size;
  }

  /** Nearest-rank percentile in ms; NaN when nothing was measured or any latency was unmeasured. */
  percentile(p: number): number {
    if (this.measured === 0 || this.unmeasured > 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.measured));
    let seen = 0;
    for (const tenths of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(tenths)!;
      if (seen >= rank) return tenths / 10;
    }
    return Number.NaN;
  }
}

export interface CanaryConfig {
  /** Canary share of users per step, in percent, ending at 100. Tested steps lie in 1..99, so each arm has at least 100 buckets to measure d across. */
  readonly steps: readonly number[];
  /** New for every rollout, so each rollout's canary is a different cohort. */
  readonly salt: string;
  /** The error-rate rise each tested step must catch with 80% power, from baselineRate to baselineRate + delta; sets each step's planned sample. */
  readonly detectableRise: { readonly baselineRate: number; readonly delta: number };
  /** Infinity holds every step until an operator steps in. */
  readonly minStepDurationMs: number;
  /** One-sided critical value per tested step: 1.96 gives 2.5% false rollbacks per step, about 7.3% over three; 2.39 holds the whole rollout to 2.5%. */
  readonly criticalZ: number;
  /** e.g. 1.2 = canary p95 may be at most 20% slower than baseline p95. */
  readonly maxP95LatencyRatio: number;
  /** A request that takes this long or longer has failed (the client has given up): it counts as an error for the z-test and the ceiling. */
  readonly timeoutMs: number;
  /**
   * Roll back as soon as the last `windowRequests` canary requests hold more than `maxErrors` errors,
   * checked on every request. Set far above the normal error rate (10 in 100 against 1%), it catches
   * a canary that breaks outright, however late in a step, and almost never fires on a healthy one whose
   * errors are independent. One user retrying a failing input can fill the window: set it per service.
   */
  readonly errorCeiling: { readonly maxErrors: number; readonly windowRequests: number };
}

export type Decision = { action: 'wait'; reason: string } | { action: 'advance' | 'complete'; weightPercent: number } | { action: 'rollback'; reason: string };

/** Handed out by route() and handed back to record(), so an outcome counts for the step that served it. */
export interface Ticket {
  readonly arm: Arm;
  readonly bucket: number;
  readonly step: number;
}

interface StepStats {
  /** Per bucket; the canary owns the buckets below weight × 100, the baseline the rest. */
  readonly requests: Float64Array;
  readonly errors: Float64Array;
  readonly latency: Record<Arm, LatencyHistogram>;
}

export class CanaryController {
  /** Planned requests per arm for each tested step: the canary from requiredCanarySamples, the baseline in proportion to its share. */
  readonly plans: readonly { readonly canary: number; readonly baseline: number }[];
  private step = 0;
  private stepStartedAt: number;
  private stats: StepStats;
  /** Set once this step's error test has passed; testing again on every evaluation would inflate false rollbacks. */
  private errorTestPassed = false;
  private state: 'running' | 'complete' | 'rolled-back' = 'running';
  private rollbackReason = '';
  /** Outcomes of the last errorCeiling.windowRequests canary requests, kept across steps. */
  private readonly recentCanary: boolean[] = [];
  private recentCanaryErrors = 0;

  /** `now` should be a monotonic clock (performance.now()): a wall clock that jumps forward would promote early. */
  constructor(
    private readonly config: CanaryConfig,
    private readonly now: () => number,
  ) {
    const { steps } = config;
    const increasing = steps.every((s, i) => i === 0 || s > steps[i - 1]!);
    if (steps.length < 2 || !increasing || !(steps[0]! >= 1) || !(steps.at(-2)! <= 99) || steps.at(-1) !== 100) {
      throw new RangeError('steps must increase and end at 100, with every earlier step between 1 and 99');
    }
    if (!config.salt) throw new RangeError('salt must be a non-empty string, new for each rollout');
    // Missing, NaN or Infinity, a guardrail would never trigger: `z > Infinity`, `ratio > NaN` and `elapsed < NaN` are all false.
    if (!(Number.isFinite(config.criticalZ) && config.criticalZ > 0)) throw new RangeError(`criticalZ must be a finite number > 0, got ${config.criticalZ}`);
    const { maxP95LatencyRatio, minStepDurationMs, timeoutMs } = config;
    if (!(Number.isFinite(maxP95LatencyRatio) && maxP95LatencyRatio >= 1)) throw new RangeError(`maxP95LatencyRatio must be a finite number >= 1, got ${maxP95LatencyRatio}`);
    if (!(minStepDurationMs >= 0)) throw new RangeError(`minStepDurationMs must be a number >= 0, got ${minStepDurationMs}`);
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`timeoutMs must be a finite number > 0, got ${timeoutMs}`);
    const { maxErrors, windowRequests } = config.errorCeiling;
    if (!(Number.isInteger(windowRequests) && Number.isInteger(maxErrors) && maxErrors >= 0 && maxErrors < windowRequests)) {
      throw new RangeError('errorCeiling needs whole numbers with 0 <= maxErrors < windowRequests');
    }
    const { baselineRate, delta } = config.detectableRise;
    this.plans = steps.slice(0, -1).map((weight) => {
      const ratio = (100 - weight) / weight;
      const canary = requiredCanarySamples(baselineRate, delta, ratio, config.criticalZ);
      return { canary, baseline: Math.ceil(canary * ratio) };
    });
    this.stats = this.emptyStats();
    this.stepStartedAt = now();
  }

  get weightPercent(): number {
    if (this.state === 'rolled-back') return 0;
    return this.config.steps[this.step]!;
  }

  get status(): 'running' | 'complete' | 'rolled-back' {
    return this.state;
  }

  /** Monotone ramp: a user in the canary at 1% stays in it at 10% and 50%. */
  route(userId: string): Ticket {
    const bucket = bucketOf(userId, this.config.salt);
    return { arm: bucket < this.canaryBuckets() ? 'canary' : 'baseline', bucket, step: this.step };
  }

  /**
   * Takes back the ticket route() gave the request. An outcome served in an earlier step
   * (a timeout reported late, say) still feeds the ceiling, which judges the version, but
   * not this step's test. After a rollback or completion outcomes are dropped: the decision
   * is made, and the service's ordinary alerts take over.
   */
  record(ticket: Ticket, outcome: { error: boolean; latencyMs: number }): void {
    if (this.state !== 'running') return;
    const failed = outcome.error || outcome.latencyMs >= this.config.timeoutMs;
    if (ticket.arm === 'canary') this.checkCeiling(failed);
    if (ticket.step !== this.step || this.state !== 'running') return;
    this.stats.requests[ticket.bucket]!++;
    if (failed) this.stats.errors[ticket.bucket]!++;
    this.stats.latency[ticket.arm].add(outcome.latencyMs);
  }

  /** The every-request guardrail: a sliding window of canary outcomes against a fixed ceiling. */
  private checkCeiling(failed: boolean): void {
    const { maxErrors, windowRequests } = this.config.errorCeiling;
    this.recentCanary.push(failed);
    if (failed) this.recentCanaryErrors++;
    if (this.recentCanary.length > windowRequests && this.recentCanary.shift()) this.recentCanaryErrors--;
    if (this.recentCanaryErrors > maxErrors) {
      this.rollback(`${this.recentCanaryErrors} errors in the last ${this.recentCanary.length} canary requests, over the ceiling of ${maxErrors} in ${windowRequests}`);
    }
  }

  evaluate(): Decision {
    if (this.state === 'rolled-back') return { action: 'rollback', reason: this.rollbackReason };
    if (this.state === 'complete') return { action: 'complete', weightPercent: 100 };
    const plan = this.plans[this.step]!;
    const { requests, errors, latency } = this.stats;
    const cut = this.canaryBuckets();
    const canary = { requests: requests.subarray(0, cut), errors: errors.subarray(0, cut) };
    const baseline = { requests: requests.subarray(cut), errors: errors.subarray(cut) };
    const have = { canary: sum(canary.requests), baseline: sum(baseline.requests) };
    if (have.canary < plan.canary || have.baseline < plan.baseline) {
      return { action: 'wait', reason: `need ${count(plan.canary)} canary / ${count(plan.baseline)} baseline requests, have ${count(have.canary)} / ${count(have.baseline)}` };
    }
    // Guardrails are checked before the dwell time: roll back fast, promote slowly.
    if (!this.errorTestPassed) {
      const z = errorRateZ(canary, baseline);
      if (z > this.config.criticalZ) {
        const delta = sum(canary.errors) / have.canary - sum(baseline.errors) / have.baseline;
        return this.rollback(`error rate ${(delta * 100).toFixed(2)} points above baseline (z = ${z.toFixed(2)})`);
      }
      this.errorTestPassed = true;
    }
    const canaryP95 = latency.canary.percentile(95);
    const baselineP95 = latency.baseline.percentile(95);
    // Not a division: 0 ms against 0 ms is equal, where 0/0 = NaN. The 1e-9 lets exactly 1.2x pass despite
    // rounding (1.2 × 3 = 3.5999999999999996), and the negation makes a NaN p95 fail the guard, not pass it.
    if (!(canaryP95 <= this.config.maxP95LatencyRatio * baselineP95 * (1 + 1e-9))) {
      if (Number.isNaN(canaryP95) || Number.isNaN(baselineP95)) {
        return this.rollback(`p95 latency cannot be compared: canary ${canaryP95} ms, baseline ${baselineP95} ms`);
      }
      if (!(baselineP95 > 0)) return this.rollback(`p95 latency ${canaryP95} ms against a baseline of ${baselineP95} ms`);
      return this.rollback(`p95 latency ${(canaryP95 / baselineP95).toFixed(2)}x baseline`);
    }
    // Written so that a NaN clock waits instead of promoting.
    if (!(this.now() - this.stepStartedAt >= this.config.minStepDurationMs)) return { action: 'wait', reason: 'minimum step duration not reached' };
    this.step++;
    this.stepStartedAt = this.now();
    this.stats = this.emptyStats(); // Each step is judged on its own window, not on diluted history.
    this.errorTestPassed = false;
    if (this.step === this.config.steps.length - 1) {
      this.state = 'complete';
      return { action: 'complete', weightPercent: 100 };
    }
    return { action: 'advance', weightPercent: this.weightPercent };
  }

  private canaryBuckets(): number {
    return Math.ceil(this.weightPercent * 100);
  }

  private emptyStats(): StepStats {
    const { timeoutMs } = this.config;
    return {
      requests: new Float64Array(BUCKETS),
      errors: new Float64Array(BUCKETS),
      latency: { baseline: new LatencyHistogram(timeoutMs), canary: new LatencyHistogram(timeoutMs) },
    };
  }

  private rollback(reason: string): Decision {
    this.state = 'rolled-back';
    this.rollbackReason = reason;
    return { action: 'rollback', reason };
  }
}
