/**
 * Live disparate-impact monitor based on the four-fifths rule: a group whose
 * favourable-outcome rate is below 80% of the most favoured group's rate is
 * flagged for review.
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
}

export type Verdict = 'ok' | 'alert' | 'insufficient-data';

export interface DisparateImpactReport {
  readonly verdict: Verdict;
  readonly groups: readonly GroupRate[];
  /** Groups below the threshold (empty unless verdict is "alert"). */
  readonly flagged: readonly string[];
  /** Groups left out because they had fewer than minGroupSize decisions. */
  readonly tooSmall: readonly string[];
}

export const FOUR_FIFTHS = 0.8;

export function disparateImpact(
  outcomes: readonly Outcome[],
  { threshold = FOUR_FIFTHS, minGroupSize = 100 }: { threshold?: number; minGroupSize?: number } = {},
): DisparateImpactReport {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const tally = new Map<string, { decisions: number; favourable: number }>();
  for (const o of outcomes) {
    const t = tally.get(o.group) ?? { decisions: 0, favourable: 0 };
    t.decisions++;
    if (o.favourable) t.favourable++;
    tally.set(o.group, t);
  }
  // Small groups give noisy rates: in a window of 12 decisions one case moves the rate by over 8 points.
  const tooSmall = [...tally].filter(([, t]) => t.decisions < minGroupSize).map(([g]) => g);
  const measured = [...tally].filter(([, t]) => t.decisions >= minGroupSize);
  if (measured.length < 2) return { verdict: 'insufficient-data', groups: [], flagged: [], tooSmall };

  const rates = measured.map(([group, t]) => ({ group, ...t, rate: t.favourable / t.decisions }));
  const best = Math.max(...rates.map((r) => r.rate));
  // If nobody gets a favourable outcome there is no disparity to measure, only a broken model.
  const groups = rates.map((r) => ({ ...r, impactRatio: best === 0 ? 1 : r.rate / best }));
  const flagged = groups.filter((g) => g.impactRatio < threshold).map((g) => g.group);
  return { verdict: flagged.length > 0 ? 'alert' : 'ok', groups, flagged, tooSmall };
}
