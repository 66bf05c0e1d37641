import { describe, expect, it } from 'vitest';
import { binCounts, featureDrift, jensenShannon, klDivergence, psi, psiBand, quantileEdges, toProportions } from './driftScores';

/** Seeded PRNG (mulberry32) so the samples, and the scores, are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalSample(n: number, mean: number, sd: number, seed: number): number[] {
  const u = rng(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
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
    expect(() => psi([0, 0], [1, 2])).toThrow(/empty/);
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

  it('reports a stable feature when production matches training', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 2), normalSample(20_000, 50, 10, 3));
    expect(report.band).toBe('stable');
    expect(report.psi).toBeLessThan(0.02);
  });

  it('flags a calibration shift of half a standard deviation as significant', () => {
    const report = featureDrift(normalSample(20_000, 50, 10, 4), normalSample(20_000, 55, 10, 5));
    expect(report.band).toBe('significant');
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

  it('needs enough reference values to place the edges', () => {
    expect(() => quantileEdges([1, 2, 3], 10)).toThrow(/at least 10/);
  });
});
