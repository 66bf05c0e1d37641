/**
 * Demo: the page's fleet of 20 GPUs (500 rps each at HIGH, 1,500 at MEDIUM,
 * 5,000 at LOW), read every 15 s. First, 96% of HIGH's capacity degrades only
 * to MEDIUM. Then a fivefold spike, from the 7,500 rps baseline to 37,500 rps
 * for 5 minutes, drops the service straight to LOW, and it recovers one tier
 * per 60 s cool-down, each counted from the first safe reading at its tier:
 * three tier changes in all. Last, the same spike over an 8,000 rps baseline,
 * 80% of HIGH's capacity and above the 76.5% recovery line: the service comes
 * back to MEDIUM but not to HIGH, however long the baseline lasts. The clock is
 * a plain variable.
 */
import { TierSelector, type LoadSignals, type SelectorOptions, type Tier } from './tierSelector';

const GPUS = 20;
const rpsPerGpu = { high: 500, medium: 1_500, low: 5_000 } as const;
const ENTER_MEDIUM_PCT = 85;
const RECOVERY_MARGIN = 0.1;
/** The line the projected load must stay under before stepping back up to HIGH: MEDIUM's enter line, less the margin. */
const RECOVERY_LINE_PCT = ENTER_MEDIUM_PCT * (1 - RECOVERY_MARGIN);

function selector(now: () => number): TierSelector {
  const options: SelectorOptions = {
    enter: { medium: { loadPct: ENTER_MEDIUM_PCT, p95LatencyMs: 25, queueDepth: 200 }, low: { loadPct: 95, p95LatencyMs: 50, queueDepth: 1_000 } },
    rpsPerGpu,
    recoveryMargin: RECOVERY_MARGIN,
    cooldownMs: 60_000,
    now,
  };
  return new TierSelector(options);
}

const rps = (n: number): string => `${n.toLocaleString('en-GB')} rps`;
const pct = (n: number): string => `${Number(n.toFixed(1))}%`;

/** A 5-minute spike to 37,500 rps from t=300 s over `baseline`, for `minutes`; logs each tier change if `verbose`. */
function spike(baseline: number, minutes: number, verbose: boolean): { tiers: TierSelector; path: Tier[]; changedAt: number[]; last: LoadSignals; scaleOutOnPct: number } {
  let now = 0;
  const tiers = selector(() => now);
  // What the fleet measures: fine below its tier's capacity; at or over it, a backlog and a slow tail.
  const measure = (arrivalRps: number): LoadSignals => {
    const saturated = arrivalRps >= GPUS * rpsPerGpu[tiers.current];
    return { arrivalRps, gpus: GPUS, queueDepth: saturated ? 5_000 : 0, p95LatencyMs: saturated ? 200 : 10 };
  };
  const path: Tier[] = [tiers.current];
  const changedAt: number[] = [];
  let last = measure(baseline);
  let scaleOutOnPct = 0;
  if (verbose) {
    console.log(`t=0 s: ${rps(baseline)}, ${pct(tiers.loadPct(last, 'high'))} of HIGH's capacity (recovery line ${pct(RECOVERY_LINE_PCT)}), serving ${tiers.current}`);
  }
  for (; now < minutes * 60_000; now += 15_000) {
    const inSpike = now >= 5 * 60_000 && now < 10 * 60_000;
    const arrivals = inSpike ? 37_500 : baseline;
    const signals = measure(arrivals);
    last = signals;
    if (verbose && now === 5 * 60_000) console.log(`t=${now / 1000} s: the spike, ${rps(arrivals)}, ${pct(tiers.loadPct(signals, 'medium'))} of MEDIUM's capacity`);
    if (verbose && now === 10 * 60_000) console.log(`t=${now / 1000} s: the spike ends, ${rps(arrivals)} again`);
    const before = tiers.current;
    const tier = tiers.select(signals);
    if (tier === before) continue;
    path.push(tier);
    changedAt.push(now);
    if (verbose) console.log(`t=${now / 1000} s: ${before} -> ${tier}`);
    if (tier === 'low') {
      // A degraded fleet looks idle: the autoscaler follows arrivals over HIGH's capacity instead.
      scaleOutOnPct = tiers.loadPct(signals, 'high');
      if (verbose) console.log(`  LOW is ${pct(tiers.loadPct(signals, 'low'))} loaded, but the autoscaler is told ${pct(scaleOutOnPct)} of HIGH's capacity`);
    }
  }
  return { tiers, path, changedAt, last, scaleOutOnPct };
}

export function demo(): { at96Pct: Tier; path: Tier[]; tierChanges: number; scaleOutOnPct: number; pathAt80Pct: Tier[] } {
  // Degrade only as far as needed: a fresh controller, one reading, no backlog yet.
  const fresh = selector(() => 0);
  const busy: LoadSignals = { arrivalRps: 9_600, gpus: GPUS, queueDepth: 0, p95LatencyMs: 10 };
  const at96Pct = fresh.select(busy);
  console.log(`${rps(9_600)} is ${pct(fresh.loadPct(busy, 'high'))} of HIGH's capacity, ${pct(fresh.loadPct(busy, 'medium'))} of MEDIUM's: degrade to ${at96Pct}`);

  const { path, scaleOutOnPct } = spike(7_500, 20, true);
  const tierChanges = path.length - 1;
  console.log(`${tierChanges} tier changes for the spike: ${path.join(' -> ')}`);

  // Above the recovery line: the same spike over 8,000 rps, and an hour of that baseline.
  const MINUTES = 60;
  const at80 = spike(8_000, MINUTES, false);
  const changes = at80.path.slice(1).map((tier, i) => `t=${at80.changedAt[i]! / 1000} s: ${at80.path[i]} -> ${tier}`);
  console.log(`the same spike over ${rps(8_000)}, ${pct(at80.tiers.loadPct(at80.last, 'high'))} of HIGH's capacity: ${changes.join('; ')}`);
  const projected = at80.tiers.projectOneUp(at80.last).loadPct;
  console.log(
    `  after ${MINUTES} min, serving ${at80.tiers.current}: ${rps(8_000)} projected onto HIGH is ${pct(projected)}, ${projected < RECOVERY_LINE_PCT ? 'below' : 'not below'} the ${pct(RECOVERY_LINE_PCT)} recovery line`,
  );
  return { at96Pct, path, tierChanges, scaleOutOnPct, pathAt80Pct: at80.path };
}
