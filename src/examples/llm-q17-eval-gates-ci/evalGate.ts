/**
 * A release gate on an evaluation set. The pass rate gets a Wilson interval; the
 * candidate is compared with the baseline item by item (a paired bootstrap of the
 * difference, with an injected seeded generator); the gate fails only a regression
 * that is confidently larger than the tolerance and asks for more items when it cannot tell.
 */
export type Rng = () => number; // uniform in [0, 1)

/** Small seeded generator (mulberry32), so a CI run gives the same interval every time. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scores are shares of samples, so 0.98 − 1 comes out as −0.020000000000000018: compare with this slack. */
const FLOAT_SLACK = 1e-9;

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** Wilson score interval for a pass rate: stays inside [0, 1] and works at 0 or n passes. */
export function wilsonInterval(passes: number, items: number, z = 1.96): Interval {
  if (!Number.isInteger(items) || items < 1) throw new RangeError(`items must be a whole number of 1 or more, got ${items}`);
  if (!Number.isInteger(passes) || passes < 0 || passes > items) throw new RangeError(`passes must be a whole number from 0 to items, got ${passes}`);
  if (!(z > 0)) throw new RangeError(`z must be positive, got ${z}`);
  const p = passes / items;
  const z2n = (z * z) / items;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / items + (z * z) / (4 * items * items));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Items needed for a ± margin on one pass rate near p (normal approximation; p = 0.5 is the worst case). */
export function itemsForMargin(margin: number, p = 0.5, z = 1.96): number {
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be between 0 and 1, got ${margin}`);
  // At p = 0 or 1 the formula gives 0 items: no set size can show a rate of exactly 0 or 1.
  if (!(p > 0 && p < 1)) throw new RangeError(`p is a pass rate strictly between 0 and 1, got ${p}`);
  if (!(z > 0)) throw new RangeError(`z must be positive, got ${z}`);
  return Math.ceil((z * z * p * (1 - p)) / (margin * margin));
}

/** Scores are pass shares: a NaN or Infinity must not slip through as "no variation" or a wild interval. */
function checkScores(baseline: readonly number[], candidate: readonly number[]): void {
  const n = baseline.length;
  if (n === 0 || candidate.length !== n) throw new RangeError(`candidate and baseline must score the same items, got ${candidate.length} and ${n}`);
  const bad = [...baseline, ...candidate].find((s) => !(s >= 0 && s <= 1));
  if (bad !== undefined) throw new RangeError(`scores must be numbers between 0 and 1, got ${bad}`);
}

/**
 * Var(d) of the per-item differences d = candidate − baseline, defined as mean(d²) − mean(d)² (divided by n, not
 * n − 1): the variance the paired bootstrap resamples.
 */
export function differenceVariance(baseline: readonly number[], candidate: readonly number[]): number {
  checkScores(baseline, candidate);
  const d = candidate.map((c, i) => c - baseline[i]!);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  return d.reduce((a, x) => a + (x - mean) ** 2, 0) / d.length;
}

/**
 * Items the gate needs to settle a candidate whose true mean difference is `expectedDifference`:
 * n = (z + zPower)² Var(d) / (expectedDifference + tolerance)², with Var(d) from a pilot run. The gate decides only
 * when the interval's half-width is below the distance from the difference to −tolerance, so that distance is the
 * margin. zPower = 0.84 settles it in about 4 runs of 5; with zPower = 0 the observed difference lands on either
 * side of its expectation and the run settles only about half the time. Below −tolerance the same n fails the
 * candidate; exactly at −tolerance no n settles it (Infinity).
 */
export function itemsToSettle(
  baseline: readonly number[],
  candidate: readonly number[],
  options: { tolerance: number; expectedDifference?: number; z?: number; zPower?: number },
): number {
  const { tolerance, expectedDifference = 0, z = 1.96, zPower = 0.84 } = options;
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`tolerance must be from 0 to less than 1, got ${tolerance}`);
  if (!(expectedDifference > -1 && expectedDifference < 1)) throw new RangeError(`expectedDifference must be between -1 and 1, got ${expectedDifference}`);
  if (!(z > 0)) throw new RangeError(`z must be positive, got ${z}`);
  if (!(zPower >= 0)) throw new RangeError(`zPower must be 0 or more, got ${zPower}`);
  const variance = differenceVariance(baseline, candidate);
  if (!(variance > 0)) throw new RangeError('the pilot shows no variation in the per-item differences, so it cannot size the set');
  const distance = Math.abs(expectedDifference + tolerance);
  if (distance <= FLOAT_SLACK) return Number.POSITIVE_INFINITY; // the interval straddles −tolerance at any size
  return Math.ceil(((z + zPower) ** 2 * variance) / distance ** 2);
}

/** With temperature above 0, sample each item several times and score it by its pass share. */
export function itemScores(samples: readonly (readonly boolean[])[]): number[] {
  return samples.map((s, i) => {
    if (s.length === 0) throw new RangeError(`item ${i} has no samples`);
    return s.filter(Boolean).length / s.length;
  });
}

/** Percentile bootstrap of mean(candidate) − mean(baseline); paired resamples items, not scores. */
export function bootstrapDifference(baseline: readonly number[], candidate: readonly number[], rng: Rng, options: { resamples?: number; paired?: boolean } = {}): Interval {
  const { resamples = 2000, paired = true } = options;
  const n = baseline.length;
  checkScores(baseline, candidate);
  if (!Number.isInteger(resamples) || resamples < 100) throw new RangeError(`resamples must be a whole number of 100 or more, got ${resamples}`);
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pick = () => Math.floor(rng() * n);
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = pick();
      sum += candidate[i]! - baseline[paired ? i : pick()]!; // unpaired: the two sides drawn independently
    }
    diffs.push(sum / n);
  }
  diffs.sort((a, b) => a - b);
  return { estimate: mean(candidate) - mean(baseline), low: diffs[Math.floor(0.025 * resamples)]!, high: diffs[Math.ceil(0.975 * resamples) - 1]! };
}

export type Decision = 'pass' | 'fail' | 'inconclusive';

/** Fail only when the whole interval is below −tolerance; pass when none of it is. */
export function gate(difference: Interval, tolerance: number): { decision: Decision; reason: string } {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be 0 or more, got ${tolerance}`);
  const { low, high } = difference;
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError(`interval must hold finite numbers, got [${low}, ${high}]`);
  if (low > high) throw new RangeError(`interval low must not exceed high, got [${low}, ${high}]`);
  const points = (x: number) => (x * 100).toFixed(2);
  const range = `[${points(low)}, ${points(high)}] points`;
  const bound = -tolerance - FLOAT_SLACK;
  if (high < bound) return { decision: 'fail', reason: `regression beyond ${points(tolerance)} points with 95% confidence: ${range}` };
  if (low >= bound) return { decision: 'pass', reason: `any regression is within ${points(tolerance)} points: ${range}` };
  return { decision: 'inconclusive', reason: `interval ${range} straddles -${points(tolerance)} points: add items or samples` };
}
