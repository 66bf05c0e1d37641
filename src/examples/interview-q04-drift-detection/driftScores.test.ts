import { describe, expect, it } from 'vitest';
import { binCounts, featureDrift, jensenShannon, klDivergence, psi, psiBand, quantileEdges, toProportions } from './driftScores';
import { seeded as rng } from '../../lib/seededRandom';

function normalSample(n: number, mean: number, sd: number, seed: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

/** A share of exact zeros, the rest exponential with mean 50: counts or amounts that are mostly zero. */
function zeroInflated(n: number, zeroShare: number, seed: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => (u() < zeroShare ? 0 : -50 * Math.log(1 - u())));
}

/** A share of values at the cap of 100, the rest uniform below it. */
function capped(n: number, capShare: number, seed: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => (u() < capShare ? 100 : 100 * u()));
}

describe('psi', () => {
  it('matches the hand-worked example: 25/25/25/25 against 10/20/30/40 is about 0.228', () => {
    expect(psi([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(0.2282, 3);
  });

  it('is zero for identical distributions, whatever the sample sizes', () => {
    expect(psi([100, 200, 700], [10, 20, 70])).toBeCloseTo(0, 12);
  });

  it('is symmetric and equals KL in both directions added up', () => {
    const e = [30, 50, 20];
    const a = [20, 40, 40];
    expect(psi(e, a)).toBeCloseTo(psi(a, e), 12);
    expect(psi(e, a)).toBeCloseTo(klDivergence(a, e) + klDivergence(e, a), 12);
  });

  it('stays finite when a bin empties, thanks to epsilon smoothing', () => {
    const score = psi([30, 30, 40], [0, 50, 50]);
    expect(Number.isFinite(score)).toBe(true);
    expect(psiBand(score)).toBe('significant');
  });

  it('rejects mismatched bins, negative or infinite counts and empty windows', () => {
    expect(() => psi([1, 2, 3], [1, 2])).toThrow(/bin counts differ/);
    expect(() => psi([1, -2], [1, 2])).toThrow(/invalid bin value/);
    expect(() => psi([Number.POSITIVE_INFINITY, 1], [1, 1])).toThrow(/invalid bin value/);
    expect(() => psi([0, 0], [1, 2])).toThrow(/reference is empty/);
    expect(() => psi([1, 2], [0, 0])).toThrow(/current window is empty/);
  });

  it('rejects an epsilon that is negative, zero or not a number, which would let ln(0) back in', () => {
    expect(() => psi([1, 0], [1, 1], -1e-4)).toThrow(/epsilon/);
    expect(() => psi([1, 0], [1, 1], 0)).toThrow(/epsilon/);
    expect(() => psi([1, 0], [1, 1], Number.NaN)).toThrow(/epsilon/);
  });
});

describe('psiBand', () => {
  it('uses 0.1 and 0.2 as the band edges', () => {
    expect(psiBand(0.05)).toBe('stable');
    expect(psiBand(0.1)).toBe('moderate');
    expect(psiBand(0.2)).toBe('moderate');
    expect(psiBand(0.2001)).toBe('significant');
  });

  it('refuses a score that cannot be a PSI', () => {
    expect(() => psiBand(-0.1)).toThrow(RangeError);
    expect(() => psiBand(Number.NaN)).toThrow(RangeError);
  });
});

describe('KL and Jensen-Shannon divergence', () => {
  it('KL is asymmetric; JS is symmetric and bounded by ln 2', () => {
    const p = [90, 10];
    const q = [50, 50];
    expect(klDivergence(p, q)).not.toBeCloseTo(klDivergence(q, p), 3);
    expect(jensenShannon(p, q)).toBeCloseTo(jensenShannon(q, p), 12);
    expect(jensenShannon([1, 0], [0, 1])).toBeLessThanOrEqual(Math.log(2));
    expect(jensenShannon([1, 0], [0, 1])).toBeGreaterThan(0.69);
  });

  it('smoothed proportions sum to one and keep empty bins above zero', () => {
    const p = toProportions([0, 5, 5]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(0);
  });

  it('floors the share of an empty bin at epsilon, not its count', () => {
    expect(toProportions([0, 10])[0]).toBeCloseTo(1e-4 / (1 + 1e-4), 12);
  });
});

describe('binning and featureDrift', () => {
  it('puts values on an edge into the bin that starts there, and skips non-finite values', () => {
    expect(binCounts([0, 1, 1.5, 2, 99, Number.NaN], [1, 2])).toEqual([1, 2, 2]);
  });

  it('builds quantile edges that give each reference bin a similar share', () => {
    const reference = normalSample(10_000, 0, 1, 1);
    const counts = binCounts(reference, quantileEdges(reference, 10));
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });

  it('cuts continuous data exactly at the reference quantiles', () => {
    const reference = normalSample(5_000, 0, 1, 7);
    const sorted = [...reference].sort((a, b) => a - b);
    expect(quantileEdges(reference, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => sorted[k * 500]));
  });

  it('gives a value that fills several bins a bin of its own: 90% zeros falling to 10% is significant', () => {
    const reference = zeroInflated(10_000, 0.9, 2); // 9,036 zeros: a naive cut puts all nine edges on 0
    const report = featureDrift(reference, zeroInflated(10_000, 0.1, 102));
    expect(report.expected[0]).toBe(reference.filter((v) => v === 0).length);
    expect(report.band).toBe('significant');
  });

  it('flags a capped feature whose share at the cap falls from 90% to 10%, and keeps the cap of a constant feature', () => {
    expect(featureDrift(capped(10_000, 0.9, 3), capped(10_000, 0.1, 103)).band).toBe('significant');
    expect(quantileEdges(new Array<number>(20).fill(100), 10)).toEqual([100]);
  });

  it('skips non-finite reference values and needs as many finite ones as bins', () => {
    expect(quantileEdges([1, Number.NaN, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], 2)).toEqual([2]);
    expect(() => quantileEdges([1, Number.NaN, Number.POSITIVE_INFINITY], 2)).toThrow(/at least 2 finite/);
  });

  it('reports a stable feature when production matches training', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 2), normalSample(20_000, 50, 10, 3));
    expect(report.band).toBe('stable');
    expect(report.psi).toBeLessThan(0.02);
  });

  it('flags a calibration shift of half a standard deviation as significant', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 4), normalSample(20_000, 55, 10, 5));
    expect(report.band).toBe('significant');
  });

  it('cuts the edges on the reference only, so the shifted window piles into the top bins', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 4), normalSample(20_000, 55, 10, 5));
    for (const e of report.expected) expect(e).toBeGreaterThan(1_900);
    expect(Math.max(...report.actual)).toBeGreaterThan(3_000);
  });

  it('reports KL(current ‖ reference), not the reverse', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 4), normalSample(20_000, 55, 10, 5));
    expect(report.kl).toBeCloseTo(klDivergence(report.actual, report.expected), 12);
  });

  it('counts missing values instead of binning them, and names an all-missing window', () => {
    const reference = normalSample(5_000, 0, 1, 8);
    const current = [...normalSample(1_000, 0, 1, 9), ...new Array<number>(1_000).fill(Number.NaN)];
    const report = featureDrift(reference, current);
    expect(report.band).toBe('stable'); // half the window lost, and the PSI alone does not see it
    expect(report.missingShare).toBe(0.5);
    expect(featureDrift(reference, normalSample(1_000, 0, 1, 9)).missingShare).toBe(0);
    expect(() => featureDrift(reference, [Number.NaN, Number.NaN])).toThrow(/current window is empty/);
  });

  it('scores pure sampling noise near (bins - 1)(1/n + 1/m): about 0.09 for 100-row windows, under 0.02 for 500', () => {
    const reference = normalSample(50_000, 0, 1, 6);
    const edges = quantileEdges(reference, 10);
    const expected = binCounts(reference, edges);
    const meanNoise = (rows: number): number => {
      let sum = 0;
      for (let t = 0; t < 400; t++) sum += psi(expected, binCounts(normalSample(rows, 0, 1, 100 + t), edges));
      return sum / 400;
    };
    const small = meanNoise(100);
    expect(small).toBeGreaterThan(0.08);
    expect(small).toBeLessThan(0.11);
    expect(meanNoise(500)).toBeLessThan(0.02);
  });

  it('lets about 39% of 100-row windows with no drift cross 0.1', () => {
    const reference = normalSample(50_000, 0, 1, 6);
    const edges = quantileEdges(reference, 10);
    const expected = binCounts(reference, edges);
    let crossed = 0;
    for (let t = 0; t < 400; t++) if (psi(expected, binCounts(normalSample(100, 0, 1, 100 + t), edges)) > 0.1) crossed++;
    expect(crossed / 400).toBeGreaterThan(0.33);
    expect(crossed / 400).toBeLessThan(0.45);
  });

  it('needs enough reference values to place the edges', () => {
    expect(() => quantileEdges([1, 2, 3], 10)).toThrow(/at least 10/);
  });
});
