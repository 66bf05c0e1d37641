/**
 * A canary controller for a new model version: 1% -> 10% -> 50% -> 100% of
 * users, each step compared against the baseline serving the rest of the
 * traffic in the same window, with automatic rollback on a guardrail breach.
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

/** Per-arm sample size to detect an absolute rise `delta` over rate p (5% significance, 80% power): 16σ²/δ². */
export function requiredSamplesPerArm(baselineRate: number, delta: number): number {
  if (!(baselineRate > 0 && baselineRate < 1) || !(delta > 0)) throw new RangeError('need 0 < rate < 1 and delta > 0');
  return Math.ceil((16 * baselineRate * (1 - baselineRate)) / delta ** 2);
}

export interface CanaryConfig {
  /** Canary share of users per step, in percent, ending at 100. */
  readonly steps: readonly number[];
  readonly salt: string;
  readonly minSamplesPerArm: number;
  readonly minStepDurationMs: number;
  /** Absolute allowance, e.g. 0.005 = canary may be 0.5 percentage points worse. */
  readonly maxErrorRateIncrease: number;
  /** e.g. 1.2 = canary p95 may be at most 20% slower than baseline p95. */
  readonly maxP95LatencyRatio: number;
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

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export class CanaryController {
  private step = 0;
  private stepStartedAt: number;
  private stats = emptyStats();
  private state: 'running' | 'complete' | 'rolled-back' = 'running';

  constructor(
    private readonly config: CanaryConfig,
    private readonly now: () => number,
  ) {
    const { steps } = config;
    const increasing = steps.every((s, i) => s > 0 && s <= 100 && (i === 0 || s > steps[i - 1]!));
    if (steps.length < 2 || !increasing || steps.at(-1) !== 100) throw new RangeError('steps must increase and end at 100');
    if (!(config.minSamplesPerArm >= 1)) throw new RangeError('minSamplesPerArm must be at least 1');
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
  }

  evaluate(): Decision {
    if (this.state === 'rolled-back') return { action: 'rollback', reason: 'already rolled back' };
    if (this.state === 'complete') return { action: 'complete', weightPercent: 100 };
    const { baseline, canary } = this.stats;
    const min = this.config.minSamplesPerArm;
    if (canary.requests < min || baseline.requests < min) {
      return { action: 'wait', reason: `need ${min} requests per arm, have ${canary.requests} canary / ${baseline.requests} baseline` };
    }
    // Guardrails are checked before the dwell time: roll back fast, promote slowly.
    const errorDelta = canary.errors / canary.requests - baseline.errors / baseline.requests;
    if (errorDelta > this.config.maxErrorRateIncrease) {
      return this.rollback(`error rate ${(errorDelta * 100).toFixed(2)} points above baseline`);
    }
    const latencyRatio = percentile(canary.latencies, 95) / percentile(baseline.latencies, 95);
    if (latencyRatio > this.config.maxP95LatencyRatio) {
      return this.rollback(`p95 latency ${latencyRatio.toFixed(2)}x baseline`);
    }
    if (this.now() - this.stepStartedAt < this.config.minStepDurationMs) return { action: 'wait', reason: 'minimum step duration not reached' };
    this.step++;
    this.stepStartedAt = this.now();
    this.stats = emptyStats(); // Each step is judged on its own window, not on diluted history.
    if (this.step === this.config.steps.length - 1) {
      this.state = 'complete';
      return { action: 'complete', weightPercent: 100 };
    }
    return { action: 'advance', weightPercent: this.weightPercent };
  }

  private rollback(reason: string): Decision {
    this.state = 'rolled-back';
    return { action: 'rollback', reason };
  }
}
