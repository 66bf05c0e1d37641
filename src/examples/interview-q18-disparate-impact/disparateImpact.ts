/**
 * Live disparate-impact monitor based on the four-fifths rule: a group whose
 * favourable-outcome rate is below 80% of the most favoured group's rate is
 * flagged, provided the gap is statistically significant. A significant gap at
 * or above 80% goes to review: under the Uniform Guidelines (29 CFR 1607.4(D)),
 * smaller differences can still be adverse impact when significant in both
 * statistical and practical terms; the reviewer judges the practical part.
 *
 * The ratio is always taken as (group rate) / (highest group rate), so it lies
 * in [0, 1] and the alert condition is "below 0.8". Inverting the ratio
 * (highest / group) gives the same rule as "above 1.25"; alerting on "> 1.25"
 * with the ratio the right way up never fires, which is an easy bug to ship.
 */

export interface Outcome {
  readonly group: string;
  /** True when the decision is favourable to the person (approved, shortlisted). */
  readonly favourable: boolean;
}

export interface GroupRate {
  readonly group: string;
  readonly decisions: number;
  readonly favourable: number;
  readonly rate: number;
  /** rate / highest rate among groups with enough data; 1 for the most favoured group. */
  readonly impactRatio: number;
  /** Pooled two-proportion z of the gap to the most favoured group; 0 for that group. */
  readonly z: number;
}

/**
 * "no-favourable-outcomes": no favourable outcomes in any group large enough to measure,
 * an outage rather than a fairness result.
 */
export type Verdict = 'ok' | 'review' | 'alert' | 'insufficient-data' | 'no-favourable-outcomes';

export interface DisparateImpactReport {
  readonly verdict: Verdict;
  /** Empty unless at least two groups were large enough and one of them had a favourable outcome. */
  readonly groups: readonly GroupRate[];
  /** Groups below the threshold with a significant gap (empty unless verdict is "alert"). */
  readonly flagged: readonly string[];
  /** Groups at or above the threshold whose gap is nevertheless significant. */
  readonly review: readonly string[];
  /** Groups left out because they had fewer than minGroupSize decisions. */
  readonly tooSmall: readonly string[];
}

export const FOUR_FIFTHS = 0.8;
/** Family-wise significance level across all the comparisons in one window. */
export const ALPHA = 0.05;

export function disparateImpact(
  outcomes: readonly Outcome[],
  { threshold = FOUR_FIFTHS, minGroupSize = 100 }: { threshold?: number; minGroupSize?: number } = {},
): DisparateImpactReport {
  if (!(Number.isFinite(threshold) && threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be a number in (0, 1], got ${threshold}`);
  if (!(Number.isInteger(minGroupSize) && minGroupSize >= 1)) throw new RangeError(`minGroupSize must be a whole number of at least 1, got ${minGroupSize}`);

  const tally = new Map<string, { decisions: number; favourable: number }>();
  for (const o of outcomes) {
    // A Map keeps 1 and "1" (or undefined) as separate groups, so accept only strings.
    if (typeof o.group !== 'string') throw new TypeError(`group must be a string, got ${JSON.stringify(o.group)}`);
    // JSON can carry "false" as a string, which is truthy; count only real booleans.
    if (typeof o.favourable !== 'boolean') throw new TypeError(`favourable must be true or false, got ${JSON.stringify(o.favourable)} for group ${o.group}`);
    const t = tally.get(o.group) ?? { decisions: 0, favourable: 0 };
    t.decisions++;
    if (o.favourable) t.favourable++;
    tally.set(o.group, t);
  }
  // Small groups give noisy rates: in a window of 12 decisions one case moves the rate by over 8 points.
  const tooSmall = [...tally].filter(([, t]) => t.decisions < minGroupSize).map(([g]) => g);
  const measured = [...tally].filter(([, t]) => t.decisions >= minGroupSize).map(([group, t]) => ({ group, ...t, rate: t.favourable / t.decisions }));
  if (measured.length < 2) return { verdict: 'insufficient-data', groups: [], flagged: [], review: [], tooSmall };

  const best = measured.reduce((a, b) => (b.rate > a.rate ? b : a));
  // Nobody approved in any measured group is no disparity but an outage, and must not read as "ok".
  if (best.favourable === 0) return { verdict: 'no-favourable-outcomes', groups: [], flagged: [], review: [], tooSmall };

  const groups = measured.map((g) => ({
    ...g,
    // One division of whole numbers, so a ratio of exactly 4/5 comes out as exactly 0.8 (0.04 / 0.05 does not).
    impactRatio: (g.favourable * best.decisions) / (best.favourable * g.decisions),
    z: twoProportionZ(best, g),
  }));
  // The best group is picked after seeing the data, so the gap to it is the largest of all pairs: test it
  // at the Bonferroni level for every pair, or five groups of 100 at the same 20% alert in 29% of windows.
  const critical = bonferroniCriticalZ(groups.length);
  const significant = groups.filter((g) => g.z > critical);
  // Below the threshold AND significant alerts: by chance alone, two groups of 100 with the same 20% rate
  // fall below 0.8 in about 42% of windows.
  const flagged = significant.filter((g) => g.impactRatio < threshold).map((g) => g.group);
  // Whether such a gap matters in practice is a judgement no z-test makes, so a person decides.
  const review = significant.filter((g) => g.impactRatio >= threshold).map((g) => g.group);
  const verdict = flagged.length > 0 ? 'alert' : review.length > 0 ? 'review' : 'ok';
  return { verdict, groups, flagged, review, tooSmall };
}

/** Critical |z| for comparing any pair among k groups at family-wise ALPHA, two-sided (Bonferroni). */
export function bonferroniCriticalZ(k: number): number {
  // One group has no pair to compare (the formula gives NaN), and a fraction of a group is a bug upstream.
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`k must be a whole number of groups, at least 2, got ${k}`);
  const pairs = (k * (k - 1)) / 2;
  return upperNormalQuantile(ALPHA / pairs / 2);
}

type Counts = { readonly decisions: number; readonly favourable: number };

/** Pooled two-proportion z-test of rate(a) - rate(b). */
function twoProportionZ(a: Counts, b: Counts): number {
  const pooled = (a.favourable + b.favourable) / (a.decisions + b.decisions);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.decisions + 1 / b.decisions));
  return standardError === 0 ? 0 : (a.favourable / a.decisions - b.favourable / b.decisions) / standardError;
}

/** z with upper-tail probability p, for 0 < p <= 0.5 (Abramowitz & Stegun 26.2.23, error under 0.00045). */
function upperNormalQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}
