/**
 * Chooses the quality tier a model service runs at, from load signals.
 *
 * - Degrade to the least-degraded tier that copes. Once a signal crosses the
 *   line for leaving the current tier, the measured arrivals are projected
 *   onto each cheaper tier's capacity and the first one under its own line for
 *   leaving wins: 96% of HIGH's capacity is 32% of MEDIUM's, so MEDIUM, not
 *   LOW. Comparing one load figure with MEDIUM's and LOW's lines in turn
 *   skips MEDIUM whenever the load passes both, and an if/elif that tests
 *   MEDIUM first never reaches LOW at all.
 * - Load is measured as demand, not as GPU busy time: requests arriving per
 *   second (counted where they enter the queue, so requests that wait or are
 *   shed still count) over the capacity the tier's load tests give the fleet.
 *   GPU "utilisation" says only whether a kernel was running, stops at 100%
 *   however much more is arriving, and does not grow in step with requests
 *   once batching kicks in, so it can neither size nor project anything.
 * - Queue depth is read directly: a growing backlog means saturation even
 *   before the p95 shows it.
 * - After a degrade, let the new tier settle before degrading further on
 *   latency or queue depth. For as long as the p95 window, the p95 still
 *   holds requests served at the old tier, and the backlog built there is
 *   still draining; read as the new tier's own, they would push a service
 *   that already copes one tier further down. Inside the settle window only
 *   the projected load, which is known at once, can degrade further. A step
 *   up needs no settling: the cheaper tier's requests in the window can only
 *   understate the new tier, so a real slowdown there must count at once.
 * - Degrade at once, recover slowly and one tier at a time. A cheaper tier
 *   lowers latency and queueing by design, so its own signals say nothing
 *   about whether the higher tier would cope. Recovery therefore divides the
 *   measured arrivals by the higher tier's capacity and steps up only when that
 *   projection has stayed below the line that would send the service straight
 *   back down, less a margin, for a whole cool-down. An unsafe reading
 *   restarts it, and so do two missed scrapes in a row: one is noise, two
 *   are a gap the controller cannot vouch for.
 * - That projection cannot see a higher tier that is slow at a load it carries:
 *   after a latency-driven degrade the service would step up and drop again
 *   every cool-down. So each degrade that undoes a recent step up doubles the
 *   next cool-down, up to a cap. (Serving a small slice at the higher tier and
 *   vetoing on its own p95 would measure it directly, at the cost of that slice.)
 * - A manual override (a feature flag read once per control tick for the whole
 *   fleet) wins while set, but the controller keeps deciding underneath, so
 *   clearing it serves the tier the load calls for. The signals then come from
 *   the forced tier: while it is costlier than the controller's, its p95 and
 *   queue overstate the controller's tier and only load counts, and once it is
 *   lowered or cleared they settle as after a degrade. A value that is not a
 *   tier is ignored rather than trusted.
 * - LOW is the last tier: past it, the admission queue sheds load, and the
 *   autoscaler scales on arrivals over HIGH's capacity, `loadPct(s, 'high')`,
 *   since a degraded fleet looks idle.
 */

export const TIERS = ['high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

export interface LoadSignals {
  /** Requests arriving per second, counted at the queue's entry, whether served, waiting or shed. */
  readonly arrivalRps: number;
  /** GPUs serving now: scaling out raises capacity, and with it the room to recover. */
  readonly gpus: number;
  /** Requests waiting for a GPU. */
  readonly queueDepth: number;
  readonly p95LatencyMs: number;
}

export interface Thresholds {
  /** Arrivals as a percentage of the tier's load-tested capacity. */
  readonly loadPct: number;
  readonly p95LatencyMs: number;
  readonly queueDepth: number;
}

export interface SelectorOptions {
  /** Enter thresholds of the degraded tiers. */
  readonly enter: { readonly medium: Thresholds; readonly low: Thresholds };
  /** Requests per second one GPU sustains within the SLO at each tier, from load tests. */
  readonly rpsPerGpu: { readonly [T in Tier]: number };
  /** Step up only when the projected signals are below (1 - margin) x the threshold that would undo the step, e.g. 0.1. */
  readonly recoveryMargin: number;
  /** Time the projection must stay safe before each step back up. */
  readonly cooldownMs: number;
  /** A degrade this soon after a step up undoes it and doubles the next cool-down; 10 minutes when omitted. */
  readonly flapWindowMs?: number;
  /** Cap on the doubled cool-down; 30 minutes (or cooldownMs, if longer) when omitted. */
  readonly maxCooldownMs?: number;
  /**
   * Time after a degrade during which latency and queue depth cannot degrade further, because they
   * still reflect the old tier: the window the p95 is computed over plus one scrape; 60 s when omitted.
   */
  readonly settleMs?: number;
  /** Monotonic milliseconds, e.g. performance.now(): a wall clock stepped back would stretch every window. */
  readonly now: () => number;
}

interface Observed {
  readonly loadPct: number;
  readonly p95LatencyMs: number;
  readonly queueDepth: number;
}

const severity = (tier: Tier): number => TIERS.indexOf(tier);

function exceeds(s: Observed, t: Thresholds, factor = 1): boolean {
  return s.loadPct >= t.loadPct * factor || s.p95LatencyMs >= t.p95LatencyMs * factor || s.queueDepth >= t.queueDepth * factor;
}

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/**
 * Suits a p95 over a one-minute window that is read fresh; add a scrape interval if it lags. In PromQL
 * the window is the range of the rate() inside histogram_quantile, often [5m]: then about 5 minutes.
 */
export const DEFAULT_SETTLE_MS = 60_000;
export const DEFAULT_FLAP_WINDOW_MS = 10 * 60_000;
export const DEFAULT_MAX_COOLDOWN_MS = 30 * 60_000;

const isDuration = (ms: number): boolean => Number.isFinite(ms) && ms >= 0;

export class TierSelector {
  /** The controller's own choice; an override masks it without changing it. */
  private tier: Tier = 'high';
  private override: Tier | undefined;
  private safeSince: number | undefined;
  /** Start of the settle window: the last degrade, or the last time a forced costlier tier stopped being served. */
  private degradedAt: number | undefined;
  private steppedUpAt: number | undefined;
  private missedScrapes = 0;
  /** The cool-down in force: options.cooldownMs, doubled after each degrade that undoes a step up. */
  private cooldownMs: number;
  private readonly settleMs: number;
  private readonly flapWindowMs: number;
  private readonly maxCooldownMs: number;

  constructor(private readonly options: SelectorOptions) {
    const { medium, low } = options.enter;
    for (const [name, t] of Object.entries(options.enter)) {
      // A zero line is always crossed (queue depth 0 counts) and a negative one too: that tier could never be left.
      if (![t.loadPct, t.p95LatencyMs, t.queueDepth].every((v) => Number.isFinite(v) && v > 0)) {
        throw new RangeError(`${name} thresholds must be positive numbers`);
      }
    }
    if (low.loadPct < medium.loadPct || low.p95LatencyMs < medium.p95LatencyMs || low.queueDepth < medium.queueDepth) {
      throw new RangeError('LOW must have thresholds at least as high as MEDIUM');
    }
    const { high: h, medium: m, low: l } = options.rpsPerGpu;
    if (!(h > 0 && h <= m && m <= l) || !Number.isFinite(l)) {
      throw new RangeError('rpsPerGpu must be positive and must not fall from HIGH to MEDIUM to LOW');
    }
    // Written so that NaN fails too: NaN < 0 and NaN >= 1 are both false.
    if (!(options.recoveryMargin >= 0 && options.recoveryMargin < 1)) throw new RangeError('recoveryMargin is a fraction in [0, 1)');
    if (!isDuration(options.cooldownMs)) throw new RangeError('cooldownMs must be a finite number, 0 or more');
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    if (!isDuration(this.settleMs)) throw new RangeError('settleMs must be a finite number, 0 or more');
    this.flapWindowMs = options.flapWindowMs ?? DEFAULT_FLAP_WINDOW_MS;
    if (!isDuration(this.flapWindowMs)) throw new RangeError('flapWindowMs must be a finite number, 0 or more');
    this.maxCooldownMs = options.maxCooldownMs ?? Math.max(DEFAULT_MAX_COOLDOWN_MS, options.cooldownMs);
    if (!(isDuration(this.maxCooldownMs) && this.maxCooldownMs >= options.cooldownMs)) {
      throw new RangeError('maxCooldownMs must be a finite number, at least cooldownMs');
    }
    this.cooldownMs = options.cooldownMs;
  }

  /** The tier being served: the override while one is set, otherwise the controller's choice. */
  get current(): Tier {
    return this.override ?? this.tier;
  }

  /**
   * The operator's forced tier, from a flag evaluated once per control tick for the whole fleet (a
   * per-request flag here would move every request). Anything that is not a tier clears it.
   */
  setOverride(flag: unknown): void {
    const before = this.current;
    this.override = isTier(flag) ? flag : undefined;
    // A forced tier costlier than the controller's is no longer served, but the p95 and queue still hold its requests.
    if (this.current !== before && severity(before) < severity(this.tier)) this.degradedAt = this.options.now();
  }

  /** Arrivals as a percentage of what the fleet carries at `tier`. */
  loadPct(s: LoadSignals, tier: Tier): number {
    return (100 * s.arrivalRps) / (s.gpus * this.options.rpsPerGpu[tier]);
  }

  /** The line whose crossing sends a service at `tier` one tier down; LOW has none. */
  private leaveLine(tier: Tier): Thresholds | undefined {
    if (tier === 'high') return this.options.enter.medium;
    if (tier === 'medium') return this.options.enter.low;
    return undefined;
  }

  /**
   * The tier the signals call for: the current one while none crosses its line, otherwise
   * the least-degraded cheaper tier whose projected load stays under its own line. Latency
   * and queue depth were measured at the current tier and a cheaper one only lowers them,
   * so they can push the service out of its tier but cannot rule out the next one. While
   * they overstate the controller's tier, only load counts.
   */
  target(s: LoadSignals): Tier {
    const line = this.leaveLine(this.tier);
    const observed = this.overstated() ? { loadPct: this.loadPct(s, this.tier), p95LatencyMs: 0, queueDepth: 0 } : { ...s, loadPct: this.loadPct(s, this.tier) };
    if (line === undefined || !exceeds(observed, line)) return this.tier;
    for (const candidate of TIERS.slice(severity(this.tier) + 1)) {
      const next = this.leaveLine(candidate);
      if (next === undefined || this.loadPct(s, candidate) < next.loadPct) return candidate;
    }
    return 'low';
  }

  /**
   * True while the p95 and the queue may describe a costlier tier than the controller's: an
   * override serves one now, or the settle window after a degrade, or after such an override, is open.
   */
  private overstated(): boolean {
    const forcedCostlier = this.override !== undefined && severity(this.override) < severity(this.tier);
    return forcedCostlier || (this.degradedAt !== undefined && this.options.now() - this.degradedAt < this.settleMs);
  }

  /**
   * The signals the measured arrivals would produce one tier up: the same demand over
   * that tier's smaller capacity. Latency and queue depth cannot be projected, but a
   * cheaper tier is never slower nor more backed up, so today's values are floors for
   * the higher tier's: they can veto a step up, never justify one.
   */
  projectOneUp(s: LoadSignals): Observed {
    const up = TIERS[Math.max(severity(this.tier) - 1, 0)]!;
    return { loadPct: this.loadPct(s, up), p95LatencyMs: s.p95LatencyMs, queueDepth: s.queueDepth };
  }

  /** Called once per scrape with the fleet's signals; returns the tier to serve. */
  select(signals: LoadSignals): Tier {
    this.decide(signals);
    return this.current;
  }

  private decide(signals: LoadSignals): void {
    const { arrivalRps, gpus, queueDepth, p95LatencyMs } = signals;
    if (![arrivalRps, queueDepth, p95LatencyMs].every((v) => Number.isFinite(v) && v >= 0) || !(Number.isFinite(gpus) && gpus > 0)) {
      // Missing or broken metrics: hold the tier. A second miss in a row is a gap no safe period spans.
      if (++this.missedScrapes >= 2) this.safeSince = undefined;
      return;
    }
    this.missedScrapes = 0;
    const now = this.options.now();
    const wanted = this.target(signals);
    if (severity(wanted) > severity(this.tier)) {
      // Degrade immediately: the SLO is at stake now. Undoing a recent step up is a flap: back off.
      const flap = this.steppedUpAt !== undefined && now - this.steppedUpAt < this.flapWindowMs;
      this.cooldownMs = flap ? Math.min(2 * this.cooldownMs, this.maxCooldownMs) : this.options.cooldownMs;
      this.steppedUpAt = undefined;
      this.safeSince = undefined;
      this.degradedAt = now;
      this.tier = wanted;
      return;
    }
    if (this.tier === 'high') return;

    // The current tier's enter threshold is the line that would send the higher tier straight back here.
    const line = this.options.enter[this.tier];
    if (exceeds(this.projectOneUp(signals), line, 1 - this.options.recoveryMargin)) {
      this.safeSince = undefined; // The higher tier would not cope, or only just: not safe yet.
      return;
    }
    this.safeSince ??= now;
    if (now - this.safeSince < this.cooldownMs) return;
    this.safeSince = undefined; // The next step needs its own safe period, from its first reading at the new tier.
    this.steppedUpAt = now;
    this.degradedAt = undefined; // Signals after a step up understate the new tier: nothing to settle.
    this.tier = TIERS[severity(this.tier) - 1]!;
  }
}
