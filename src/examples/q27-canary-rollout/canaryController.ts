/**
 * A canary controller for a new model version: 1% -> 10% -> 50% -> 100% of
 * users, each step compared against the baseline serving the rest of the
 * traffic in the same window, with automatic rollback on a guardrail breach.
 * The error rate is judged by a one-sided two-proportion z-test, once per step,
 * and by a hard ceiling checked on every canary request, so a canary that breaks
 * outright is rolled back within seconds instead of at the end of the step.
 */

export type Arm = 'baseline' | 'canary';

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
  return hash32(`${salt}:${userId}`) % 10_000;
}

/**
 * Per-arm sample size to detect a rise `delta` over `baselineRate` at z = 1.96
 * with 80% power: 16 p̄(1 − p̄)/δ², where 16 ≈ 2(1.96 + 0.84)². The pooled rate
 * p̄ sits between the two rates; the baseline rate alone would understate n.
 */
export function requiredSamplesPerArm(baselineRate: number, delta: number): number {
  if (!(baselineRate > 0 && baselineRate + delta < 1) || !(delta > 0)) throw new RangeError('need 0 < rate, delta > 0 and rate + delta < 1');
  const pooled = baselineRate + delta / 2;
  return Math.ceil((16 * pooled * (1 - pooled)) / delta ** 2);
}

/**
 * Two-proportion z statistic for "canary fails more often than baseline":
 * (p_c − p_b) / √(p̄(1 − p̄)(1/n_c + 1/n_b)), with p̄ the pooled error rate.
 */
export function errorRateZ(canary: { requests: number; errors: number }, baseline: { requests: number; errors: number }): number {
  const pooled = (canary.errors + baseline.errors) / (canary.requests + baseline.requests);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / canary.requests + 1 / baseline.requests));
  // No errors in either arm (or only errors) is no evidence of a difference.
  if (standardError === 0) return 0;
  return (canary.errors / canary.requests - baseline.errors / baseline.requests) / standardError;
}

export interface CanaryConfig {
  /** Canary share of users per step, in percent, ending at 100. */
  readonly steps: readonly number[];
  readonly salt: string;
  /** The planned sample per arm, from requiredSamplesPerArm; the error rate is tested once, when both arms reach it. */
  readonly minSamplesPerArm: number;
  readonly minStepDurationMs: number;
  /** One-sided critical value: 1.96 matches requiredSamplesPerArm (2.5% false rollbacks per step); 1.645 is 5%. */
  readonly criticalZ: number;
  /** e.g. 1.2 = canary p95 may be at most 20% slower than baseline p95. */
  readonly maxP95LatencyRatio: number;
  /**
   * Roll back as soon as the last `windowRequests` canary requests hold more than `maxErrors` errors,
   * checked on every request. Set far above the normal error rate (10 in 100 against 1%), it catches
   * a canary that breaks outright, however late in a step, and almost never fires on a healthy one.
   */
  readonly errorCeiling: { readonly maxErrors: number; readonly windowRequests: number };
}

export type Decision = { action: 'wait'; reason: string } | { action: 'advance' | 'complete'; weightPercent: number } | { action: 'rollback'; reason: string };

interface ArmStats {
  requests: number;
  errors: number;
  latencies: number[];
}

const emptyStats = (): Record<Arm, ArmStats> => ({
  baseline: { requests: 0, errors: 0, latencies: [] },
  canary: { requests: 0, errors: 0, latencies: [] },
});

/** Nearest-rank percentile; NaN when any value is NaN, which a sort would otherwise put anywhere. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0 || values.some(Number.isNaN)) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export class CanaryController {
  private step = 0;
  private stepStartedAt: number;
  private stats = emptyStats();
  /** Set once this step's error test has passed; testing again on every evaluation would inflate false rollbacks. */
  private errorTestPassed = false;
  private state: 'running' | 'complete' | 'rolled-back' = 'running';
  private rollbackReason = '';
  /** Outcomes of the last errorCeiling.windowRequests canary requests, kept across steps. */
  private readonly recentCanary: boolean[] = [];
  private recentCanaryErrors = 0;

  constructor(
    private readonly config: CanaryConfig,
    private readonly now: () => number,
  ) {
    const { steps } = config;
    const increasing = steps.every((s, i) => s > 0 && s <= 100 && (i === 0 || s > steps[i - 1]!));
    if (steps.length < 2 || !increasing || steps.at(-1) !== 100) throw new RangeError('steps must increase and end at 100');
    if (!(config.minSamplesPerArm >= 1)) throw new RangeError('minSamplesPerArm must be at least 1');
    if (!(config.criticalZ > 0)) throw new RangeError('criticalZ must be positive');
    // Missing or NaN, either guardrail would never trigger: `ratio > NaN` and `elapsed < NaN` are both false.
    const { maxP95LatencyRatio, minStepDurationMs } = config;
    if (!(Number.isFinite(maxP95LatencyRatio) && maxP95LatencyRatio >= 1)) throw new RangeError(`maxP95LatencyRatio must be a finite number >= 1, got ${maxP95LatencyRatio}`);
    // Infinity is allowed: it holds every step until an operator steps in.
    if (!(minStepDurationMs >= 0)) throw new RangeError(`minStepDurationMs must be a number >= 0, got ${minStepDurationMs}`);
    const { maxErrors, windowRequests } = config.errorCeiling;
    if (!(Number.isInteger(windowRequests) && windowRequests >= 1 && maxErrors >= 0 && maxErrors < windowRequests)) {
      throw new RangeError('errorCeiling needs 0 <= maxErrors < windowRequests');
    }
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
  route(userId: string): Arm {
    return bucketOf(userId, this.config.salt) < this.weightPercent * 100 ? 'canary' : 'baseline';
  }

  record(arm: Arm, outcome: { error: boolean; latencyMs: number }): void {
    if (this.state !== 'running') return;
    const s = this.stats[arm];
    s.requests++;
    if (outcome.error) s.errors++;
    s.latencies.push(outcome.latencyMs);
    if (arm === 'canary') this.checkCeiling(outcome.error);
  }

  /** The every-request guardrail: a sliding window of canary outcomes against a fixed ceiling. */
  private checkCeiling(error: boolean): void {
    const { maxErrors, windowRequests } = this.config.errorCeiling;
    this.recentCanary.push(error);
    if (error) this.recentCanaryErrors++;
    if (this.recentCanary.length > windowRequests && this.recentCanary.shift()) this.recentCanaryErrors--;
    if (this.recentCanaryErrors > maxErrors) {
      this.rollback(`${this.recentCanaryErrors} errors in the last ${this.recentCanary.length} canary requests, over the ceiling of ${maxErrors} in ${windowRequests}`);
    }
  }

  evaluate(): Decision {
    if (this.state === 'rolled-back') return { action: 'rollback', reason: this.rollbackReason };
    if (this.state === 'complete') return { action: 'complete', weightPercent: 100 };
    const { baseline, canary } = this.stats;
    const min = this.config.minSamplesPerArm;
    if (canary.requests < min || baseline.requests < min) {
      return { action: 'wait', reason: `need ${min} requests per arm, have ${canary.requests} canary / ${baseline.requests} baseline` };
    }
    // Guardrails are checked before the dwell time: roll back fast, promote slowly.
    if (!this.errorTestPassed) {
      const z = errorRateZ(canary, baseline);
      if (z > this.config.criticalZ) {
        const delta = canary.errors / canary.requests - baseline.errors / baseline.requests;
        return this.rollback(`error rate ${(delta * 100).toFixed(2)} points above baseline (z = ${z.toFixed(2)})`);
      }
      this.errorTestPassed = true;
    }
    const canaryP95 = percentile(canary.latencies, 95);
    const baselineP95 = percentile(baseline.latencies, 95);
    // Not a division: 0 ms against 0 ms is equal, where 0/0 = NaN. Written so that a NaN p95 fails the guard, not passes it.
    if (!(canaryP95 <= this.config.maxP95LatencyRatio * baselineP95)) {
      if (Number.isNaN(canaryP95) || Number.isNaN(baselineP95)) {
        return this.rollback(`p95 latency cannot be compared: canary ${canaryP95} ms, baseline ${baselineP95} ms`);
      }
      if (!(baselineP95 > 0)) return this.rollback(`p95 latency ${canaryP95} ms against a baseline of ${baselineP95} ms`);
      return this.rollback(`p95 latency ${(canaryP95 / baselineP95).toFixed(2)}x baseline`);
    }
    if (this.now() - this.stepStartedAt < this.config.minStepDurationMs) return { action: 'wait', reason: 'minimum step duration not reached' };
    this.step++;
    this.stepStartedAt = this.now();
    this.stats = emptyStats(); // Each step is judged on its own window, not on diluted history.
    this.errorTestPassed = false;
    if (this.step === this.config.steps.length - 1) {
      this.state = 'complete';
      return { action: 'complete', weightPercent: 100 };
    }
    return { action: 'advance', weightPercent: this.weightPercent };
  }

  private rollback(reason: string): Decision {
    this.state = 'rolled-back';
    this.rollbackReason = reason;
    return { action: 'rollback', reason };
  }
}
