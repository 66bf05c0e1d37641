/**
 * Chooses the quality tier a model service runs at, from load signals.
 *
 * - Thresholds are checked from the most severe tier down; checking MEDIUM
 *   first (as an if/elif chain often does) makes LOW unreachable, because
 *   every load that qualifies for LOW also qualifies for MEDIUM.
 * - Degrade at once, recover slowly: stepping back up needs the signals to be
 *   below the tier's thresholds by a margin (hysteresis) for a cool-down
 *   period, one tier at a time, so the service does not flap at a boundary.
 * - A manual override (a feature flag) wins; an unknown flag value is ignored
 *   rather than crashing the request path.
 * - GPU utilisation must come from the GPU (NVML/DCGM), not from host RAM.
 */

export const TIERS = ['high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

export interface LoadSignals {
  /** Percent of time the GPU was busy, from NVML or DCGM. */
  readonly gpuUtilPct: number;
  readonly p95LatencyMs: number;
}

export interface Thresholds {
  readonly gpuUtilPct: number;
  readonly p95LatencyMs: number;
}

export interface SelectorOptions {
  /** Enter thresholds of the degraded tiers. */
  readonly enter: { readonly medium: Thresholds; readonly low: Thresholds };
  /** Recover only when every signal is below (1 - margin) x the tier's enter threshold, e.g. 0.1. */
  readonly recoveryMargin: number;
  /** Calm time required before each step back up. */
  readonly cooldownMs: number;
  readonly now: () => number;
}

const severity = (tier: Tier): number => TIERS.indexOf(tier);

function exceeds(s: LoadSignals, t: Thresholds, factor = 1): boolean {
  return s.gpuUtilPct >= t.gpuUtilPct * factor || s.p95LatencyMs >= t.p95LatencyMs * factor;
}

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

export class TierSelector {
  private tier: Tier = 'high';
  private calmSince: number | undefined;

  constructor(private readonly options: SelectorOptions) {
    const { medium, low } = options.enter;
    if (low.gpuUtilPct < medium.gpuUtilPct || low.p95LatencyMs < medium.p95LatencyMs) {
      throw new RangeError('LOW must have thresholds at least as high as MEDIUM');
    }
    if (options.recoveryMargin < 0 || options.recoveryMargin >= 1) throw new RangeError('recoveryMargin is a fraction in [0, 1)');
  }

  get current(): Tier {
    return this.tier;
  }

  /** The tier the load alone calls for, most severe first. */
  target(s: LoadSignals): Tier {
    if (exceeds(s, this.options.enter.low)) return 'low';
    if (exceeds(s, this.options.enter.medium)) return 'medium';
    return 'high';
  }

  select(signals: LoadSignals, override?: unknown): Tier {
    if (isTier(override)) {
      this.calmSince = undefined;
      return (this.tier = override);
    }
    // Missing or broken metrics: hold the current tier; neither degrade nor recover on noise.
    if (![signals.gpuUtilPct, signals.p95LatencyMs].every((v) => Number.isFinite(v) && v >= 0)) return this.tier;

    const wanted = this.target(signals);
    if (severity(wanted) > severity(this.tier)) {
      this.calmSince = undefined;
      return (this.tier = wanted); // Degrade immediately: the SLO is at stake now.
    }
    if (this.tier === 'high') return this.tier;

    const current = this.options.enter[this.tier];
    if (exceeds(signals, current, 1 - this.options.recoveryMargin)) {
      this.calmSince = undefined; // Inside the hysteresis band: not calm yet.
      return this.tier;
    }
    const now = this.options.now();
    this.calmSince ??= now;
    if (now - this.calmSince < this.options.cooldownMs) return this.tier;
    this.calmSince = now; // The next step up needs its own calm period.
    return (this.tier = TIERS[severity(this.tier) - 1]!);
  }
}
