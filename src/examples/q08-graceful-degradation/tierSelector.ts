/**
 * Chooses the quality tier a model service runs at, from load signals.
 *
 * - Thresholds are checked from the most severe tier down; checking MEDIUM
 *   first (as an if/elif chain often does) makes LOW unreachable, because
 *   every load that qualifies for LOW also qualifies for MEDIUM.
 * - Degrade at once, recover slowly and one tier at a time. A cheaper tier
 *   lowers GPU use and latency by design, so its own signals say nothing
 *   about whether the higher tier would cope. Recovery therefore projects the
 *   GPU use onto the higher tier (scaled by the per-GPU throughput ratio) and
 *   steps up only when that projection has stayed below the line that would
 *   send the service straight back down, less a margin, for a cool-down.
 * - A manual override (a feature flag) wins; an unknown flag value is ignored
 *   rather than crashing the request path.
 * - GPU utilisation must come from the GPU (NVML/DCGM), not from host RAM.
 */

export const TIERS = ['high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

export interface LoadSignals {
  /** Percent of time the GPUs were busy, from NVML or DCGM. */
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
  /** Requests per second one GPU sustains at each tier, from load tests; only the ratios matter. */
  readonly rpsPerGpu: { readonly [T in Tier]: number };
  /** Step up only when the projected signals are below (1 - margin) x the threshold that would undo the step, e.g. 0.1. */
  readonly recoveryMargin: number;
  /** Time the projection must stay safe before each step back up. */
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
  private safeSince: number | undefined;

  constructor(private readonly options: SelectorOptions) {
    const { medium, low } = options.enter;
    if (low.gpuUtilPct < medium.gpuUtilPct || low.p95LatencyMs < medium.p95LatencyMs) {
      throw new RangeError('LOW must have thresholds at least as high as MEDIUM');
    }
    const { high: h, medium: m, low: l } = options.rpsPerGpu;
    if (!(h > 0 && h <= m && m <= l) || !Number.isFinite(l)) {
      throw new RangeError('rpsPerGpu must be positive and must not fall from HIGH to MEDIUM to LOW');
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

  /**
   * The signals the current load would produce one tier up. GPU use scales with
   * the cost per request. Latency cannot be projected that way, but a cheaper
   * tier is never slower, so today's p95 is a floor for the higher tier's: it
   * can veto a step up, never justify one.
   */
  projectOneUp(s: LoadSignals): LoadSignals {
    const up = TIERS[Math.max(severity(this.tier) - 1, 0)]!;
    const { rpsPerGpu } = this.options;
    return { gpuUtilPct: (s.gpuUtilPct * rpsPerGpu[this.tier]) / rpsPerGpu[up], p95LatencyMs: s.p95LatencyMs };
  }

  select(signals: LoadSignals, override?: unknown): Tier {
    if (isTier(override)) {
      this.safeSince = undefined;
      return (this.tier = override);
    }
    // Missing or broken metrics: hold the current tier; neither degrade nor recover on noise.
    if (![signals.gpuUtilPct, signals.p95LatencyMs].every((v) => Number.isFinite(v) && v >= 0)) return this.tier;

    const wanted = this.target(signals);
    if (severity(wanted) > severity(this.tier)) {
      this.safeSince = undefined;
      return (this.tier = wanted); // Degrade immediately: the SLO is at stake now.
    }
    if (this.tier === 'high') return this.tier;

    // The current tier's enter threshold is the line that would send the higher tier straight back here.
    const line = this.options.enter[this.tier];
    if (exceeds(this.projectOneUp(signals), line, 1 - this.options.recoveryMargin)) {
      this.safeSince = undefined; // The higher tier would not cope, or only just: not safe yet.
      return this.tier;
    }
    const now = this.options.now();
    this.safeSince ??= now;
    if (now - this.safeSince < this.options.cooldownMs) return this.tier;
    this.safeSince = now; // The next step up needs its own safe period.
    return (this.tier = TIERS[severity(this.tier) - 1]!);
  }
}
