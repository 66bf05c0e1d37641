/**
 * Drift scores for binned feature distributions: PSI, KL and Jensen-Shannon divergence.
 *
 * All functions take per-bin counts (or proportions) of a reference window ("expected",
 * usually the training data) and a current window ("actual", recent production traffic).
 * Logarithms are natural, so scores are in nats.
 */

/**
 * This handbook's PSI bands: below 0.1 stable, 0.1 to 0.2 moderate shift (warn), above 0.2 significant
 * shift (act). The credit-scoring convention acts only above 0.25; 0.2 is the stricter choice.
 */
export const PSI_WARN = 0.1;
export const PSI_ACT = 0.2;
export type PsiBand = 'stable' | 'moderate' | 'significant';

/**
 * Floor for an empty bin's share. Without it one empty bin makes ln(0) and the score infinite
 * (or NaN), which is what a naive implementation reports the first time a category vanishes.
 * An emptied bin of reference share e still adds about e ln(e / epsilon) (0.69 for e = 0.1),
 * so read a large score from one emptied bin as "a bin emptied", not as a size.
 */
export const DEFAULT_EPSILON = 1e-4;

function validate(counts: readonly number[], name: string): number {
  if (counts.length < 2) throw new RangeError(`${name} needs at least two bins`);
  let total = 0;
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`${name} has an invalid bin value: ${c}`);
    total += c;
  }
  if (total === 0) throw new RangeError(`${name} is empty: every bin is zero`);
  return total;
}

function proportions(counts: readonly number[], epsilon: number, name: string): number[] {
  if (!(Number.isFinite(epsilon) && epsilon > 0)) throw new RangeError(`epsilon must be a finite, positive number, got ${epsilon}`);
  const total = validate(counts, name);
  const floored = counts.map((c) => Math.max(c / total, epsilon));
  const sum = floored.reduce((a, b) => a + b, 0);
  return floored.map((p) => p / sum);
}

/** Counts to proportions; empty bins are floored at epsilon and the result renormalised to sum to 1. */
export function toProportions(counts: readonly number[], epsilon = DEFAULT_EPSILON): number[] {
  return proportions(counts, epsilon, 'distribution');
}

/** Errors name the window at fault: an empty or all-missing current window is not a reference problem. */
function pairOf(p: readonly number[], q: readonly number[], epsilon: number, names: [string, string] = ['P', 'Q']): [number[], number[]] {
  if (p.length !== q.length) throw new RangeError(`bin counts differ: ${p.length} vs ${q.length}`);
  return [proportions(p, epsilon, names[0]), proportions(q, epsilon, names[1])];
}

/** Kullback-Leibler divergence D(P||Q) = sum p ln(p/q). Asymmetric: D(P||Q) is not D(Q||P). */
export function klDivergence(p: readonly number[], q: readonly number[], epsilon = DEFAULT_EPSILON): number {
  const [ps, qs] = pairOf(p, q, epsilon);
  return ps.reduce((sum, pi, i) => sum + pi * Math.log(pi / qs[i]!), 0);
}

/**
 * Population Stability Index: sum (a - e) ln(a / e). It equals D(A||E) + D(E||A),
 * so it is symmetric: swapping the windows gives the same score.
 */
export function psi(expected: readonly number[], actual: readonly number[], epsilon = DEFAULT_EPSILON): number {
  const [es, as] = pairOf(expected, actual, epsilon, ['reference', 'current window']);
  return as.reduce((sum, ai, i) => sum + (ai - es[i]!) * Math.log(ai / es[i]!), 0);
}

/** Jensen-Shannon divergence: symmetric, finite, at most ln 2 (about 0.693) in nats. */
export function jensenShannon(p: readonly number[], q: readonly number[], epsilon = DEFAULT_EPSILON): number {
  const [ps, qs] = pairOf(p, q, epsilon);
  const m = ps.map((pi, i) => (pi + qs[i]!) / 2);
  return 0.5 * klDivergence(ps, m, epsilon) + 0.5 * klDivergence(qs, m, epsilon);
}

export function psiBand(score: number): PsiBand {
  if (!Number.isFinite(score) || score < 0) throw new RangeError(`PSI must be a finite, non-negative number, got ${score}`);
  if (score < PSI_WARN) return 'stable';
  return score <= PSI_ACT ? 'moderate' : 'significant';
}

/**
 * Interior cut points at the reference quantiles, so each reference bin holds about the
 * same share. Equal-width bins on skewed data leave most bins empty and the score noisy.
 * Tied values (zeros, caps, flags) cannot be split, so a value that fills a whole bin gets a bin
 * of its own, closed at the next distinct value. Without that, a feature over 90% zeros put all
 * its values in one of 10 bins, and a fall to 10% zeros read as stable (PSI 0).
 */
export function quantileEdges(reference: readonly number[], bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError('bins must be an integer of at least 2');
  const sorted = reference.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < bins) throw new RangeError(`need at least ${bins} finite reference values`);
  const quantile = (k: number): number => sorted[Math.floor((k * sorted.length) / bins)]!;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantile(k);
    // q also filled the previous bin (from the minimum, for k = 1): close its own bin at the next value up; a cap keeps q.
    const edge = q === quantile(k - 1) ? (sorted.find((v) => v > q) ?? q) : q;
    if (edges.at(-1) !== edge) edges.push(edge); // Ties collapse duplicate edges.
  }
  return edges;
}

/** Bin i holds values in [edges[i-1], edges[i]); the first and last bins are open-ended. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts: number[] = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue; // Missing values are not binned; featureDrift reports their share.
    let bin = 0;
    while (bin < edges.length && v >= edges[bin]!) bin++;
    counts[bin]!++;
  }
  return counts;
}

export interface DriftReport {
  psi: number;
  band: PsiBand;
  /** KL(current ‖ reference), nats */
  kl: number;
  expected: number[];
  actual: number[];
  /** Share of current values that were missing or non-finite, so not binned: a broken join shows here, not in the PSI. */
  missingShare: number;
}

/**
 * PSI of one numeric feature between a reference sample and a current sample.
 * The edges come from the reference only: binning each window at its own quantiles would
 * make both histograms uniform and hide the drift, and edges that move with the current
 * window make scores incomparable across windows.
 */
export function featureDrift(reference: readonly number[], current: readonly number[], bins = 10): DriftReport {
  const edges = quantileEdges(reference, bins);
  const expected = binCounts(reference, edges);
  const actual = binCounts(current, edges);
  const score = psi(expected, actual);
  const binned = actual.reduce((a, b) => a + b, 0);
  const missingShare = (current.length - binned) / current.length;
  return { psi: score, band: psiBand(score), kl: klDivergence(actual, expected), expected, actual, missingShare };
}
