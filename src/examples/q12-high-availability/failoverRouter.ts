/**
 * Health-based failover routing across regions (or zones).
 *
 * Each region has a routing weight (80/20 active-active, or 100/0
 * active-passive) and a capacity. Probes mark a region unhealthy only after
 * several consecutive failures and healthy again only after several
 * consecutive successes, so one lost probe does not move traffic and a
 * flapping region does not get it back too early.
 */

export interface Region {
  readonly name: string;
  /** Share of traffic while everything is healthy; weights need not sum to 1. */
  readonly weight: number;
  /** Requests per second the region can serve at its SLO. */
  readonly capacityRps: number;
}

export interface HealthPolicy {
  /** Consecutive failed probes before traffic leaves a region. */
  readonly unhealthyAfter: number;
  /** Consecutive good probes before traffic returns. */
  readonly healthyAfter: number;
}

export interface RouteDecision {
  region: string;
  /** True when no region passed its health checks and traffic fell back to the normal weights. */
  failStatic: boolean;
}

interface Health {
  healthy: boolean;
  failures: number;
  successes: number;
}

/**
 * Worst-case time from the start of a failure to traffic moving: interval × threshold + one probe timeout
 * (10 s × 3 + 5 s = 35 s). A failure that begins just after a good probe is first probed one interval later,
 * the last probe of the threshold is sent (threshold − 1) intervals after that (20 s), and it counts as
 * failed only when its timeout expires. A probe refused at once adds no timeout (30 s).
 */
export function detectionSeconds(probeIntervalSeconds: number, policy: HealthPolicy, probeTimeoutSeconds: number): number {
  if (!(probeTimeoutSeconds >= 0)) throw new RangeError('the probe timeout must be zero or more');
  return probeIntervalSeconds * policy.unhealthyAfter + probeTimeoutSeconds;
}

export class FailoverRouter {
  private readonly health = new Map<string, Health>();

  constructor(
    private readonly regions: readonly Region[],
    private readonly policy: HealthPolicy = { unhealthyAfter: 3, healthyAfter: 2 },
  ) {
    if (regions.length === 0) throw new RangeError('at least one region is needed');
    if (regions.some((r) => !(r.weight >= 0) || !(r.capacityRps >= 0))) throw new RangeError('weights and capacities must be zero or more');
    if (!regions.some((r) => r.weight > 0)) throw new RangeError('at least one region needs a positive weight');
    for (const region of regions) this.health.set(region.name, { healthy: true, failures: 0, successes: 0 });
  }

  recordProbe(regionName: string, ok: boolean): void {
    const h = this.health.get(regionName);
    if (!h) throw new Error(`unknown region "${regionName}"`);
    if (ok) {
      h.failures = 0;
      h.successes++;
      if (!h.healthy && h.successes >= this.policy.healthyAfter) h.healthy = true;
    } else {
      h.successes = 0;
      h.failures++;
      if (h.healthy && h.failures >= this.policy.unhealthyAfter) h.healthy = false;
    }
  }

  isHealthy(regionName: string): boolean {
    return this.health.get(regionName)?.healthy ?? false;
  }

  /**
   * Traffic share per region: healthy regions keep their relative weights.
   * A passive region (weight 0) takes over only when no weighted region is healthy.
   */
  trafficShares(): { shares: Map<string, number>; failStatic: boolean } {
    const healthy = this.regions.filter((r) => this.isHealthy(r.name));
    let pool = healthy.filter((r) => r.weight > 0);
    if (pool.length === 0 && healthy.length > 0) pool = healthy.map((r) => ({ ...r, weight: 1 }));
    // If every check fails, the checks are the likelier fault: keep serving on normal weights.
    const failStatic = pool.length === 0;
    if (failStatic) pool = this.regions.filter((r) => r.weight > 0);
    const total = pool.reduce((sum, r) => sum + r.weight, 0);
    return { shares: new Map(pool.map((r) => [r.name, r.weight / total])), failStatic };
  }

  /** Pick a region for one request; `uniform` is a number in [0, 1) from an injected RNG. */
  route(uniform: number): RouteDecision {
    if (!(uniform >= 0 && uniform < 1)) throw new RangeError('uniform must be in [0, 1)');
    const { shares, failStatic } = this.trafficShares();
    let cumulative = 0;
    let last = '';
    for (const [region, share] of shares) {
      cumulative += share;
      last = region;
      if (uniform < cumulative) return { region, failStatic };
    }
    return { region: last, failStatic }; // rounding left the sum a hair under 1
  }

  /** For each single-region loss: how many requests per second the survivors could not serve. */
  shortfallAfterLoss(demandRps: number): Map<string, number> {
    const shortfalls = new Map<string, number>();
    for (const lost of this.regions) {
      const survivors = this.regions.filter((r) => r !== lost).reduce((sum, r) => sum + r.capacityRps, 0);
      shortfalls.set(lost.name, Math.max(0, demandRps - survivors));
    }
    return shortfalls;
  }
}
