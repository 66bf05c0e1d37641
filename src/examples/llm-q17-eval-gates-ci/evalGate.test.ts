import { describe, expect, it } from 'vitest';
import { bootstrapDifference, gate, itemScores, itemsForMargin, mulberry32, wilsonInterval } from './evalGate';

/** Baseline passes the first `passes` items; the candidate loses `losses` of them and gains `gains` others. */
function scenario(items: number, passes: number, losses: number, gains: number) {
  const baseline = Array.from({ length: items }, (_, i) => (i < passes ? 1 : 0));
  const candidate = baseline.map((s, i) => (i < losses ? 0 : i >= passes && i < passes + gains ? 1 : s));
  return { baseline, candidate };
}

describe('wilsonInterval', () => {
  it('gives 85 of 100 the interval [0.767, 0.907], by the formula worked by hand', () => {
    const w = wilsonInterval(85, 100);
    expect(w.estimate).toBe(0.85);
    expect(w.low).toBeCloseTo(0.767, 3);
    expect(w.high).toBeCloseTo(0.907, 3);
  });

  it('stays informative at 0 of 10, where the plain ±z·√(p(1−p)/n) interval collapses to [0, 0]', () => {
    const w = wilsonInterval(0, 10);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });

  it('narrows as the set grows: 850 of 1,000 gives ±2.2 points instead of ±7', () => {
    const w = wilsonInterval(850, 1000);
    expect(w.high - w.low).toBeCloseTo(0.044, 3);
  });

  it('rejects impossible counts, naming the field', () => {
    expect(() => wilsonInterval(5, 0)).toThrow(new RangeError('items must be a whole number of 1 or more, got 0'));
    expect(() => wilsonInterval(11, 10)).toThrow(/passes must be a whole number from 0 to items/);
    expect(() => wilsonInterval(2.5, 10)).toThrow(/passes/);
    expect(() => wilsonInterval(5, 10, -1.96)).toThrow(new RangeError('z must be positive, got -1.96'));
  });
});

describe('itemsForMargin', () => {
  it('needs 1.96² × 0.25 / 0.03² = 1,067.1, so 1,068 items for ±3 points at a 50 % pass rate', () => {
    expect(itemsForMargin(0.03)).toBe(1068);
    expect(itemsForMargin(0.05)).toBe(385);
  });

  it('needs fewer items far from 50 %: ±3 points at 90 % takes 385', () => {
    expect(itemsForMargin(0.03, 0.9)).toBe(385);
  });

  it('rejects a margin outside (0, 1), a pass rate outside [0, 1] and a z that is not positive', () => {
    expect(() => itemsForMargin(0)).toThrow(new RangeError('margin must be between 0 and 1, got 0'));
    expect(() => itemsForMargin(0.03, 1.5)).toThrow(new RangeError('p is a pass rate from 0 to 1, got 1.5'));
    expect(() => itemsForMargin(0.03, 0.5, 0)).toThrow(/z must be positive/);
  });
});

describe('itemScores', () => {
  it('scores each item by its share of passing samples', () => {
    expect(itemScores([[true, true, false], [false, false, false], [true]])).toEqual([2 / 3, 0, 1]);
  });

  it('rejects an item with no samples, naming it', () => {
    expect(() => itemScores([[true], []])).toThrow(new RangeError('item 1 has no samples'));
  });
});

describe('bootstrapDifference', () => {
  it('gives the same interval for the same seed, so a CI rerun cannot flip the gate', () => {
    const { baseline, candidate } = scenario(400, 320, 14, 6);
    expect(bootstrapDifference(baseline, candidate, mulberry32(7))).toEqual(bootstrapDifference(baseline, candidate, mulberry32(7)));
  });

  it('centres on the observed difference and matches the normal approximation: −2 ± 1.96 × 1.11 points', () => {
    // 14 losses and 6 gains on 400 items: d̄ = −0.02; var = 20/400 − 0.02² = 0.0496; se = √(0.0496 / 400) ≈ 0.0111.
    const { baseline, candidate } = scenario(400, 320, 14, 6);
    const d = bootstrapDifference(baseline, candidate, mulberry32(1), { resamples: 4000 });
    expect(d.estimate).toBeCloseTo(-0.02, 12);
    expect(d.low).toBeCloseTo(-0.02 - 1.96 * 0.0111, 2);
    expect(d.high).toBeCloseTo(-0.02 + 1.96 * 0.0111, 2);
  });

  it('is much narrower paired than unpaired, because most items pass or fail for both models', () => {
    const { baseline, candidate } = scenario(400, 320, 14, 6);
    const paired = bootstrapDifference(baseline, candidate, mulberry32(3));
    const unpaired = bootstrapDifference(baseline, candidate, mulberry32(3), { paired: false });
    expect(paired.high - paired.low).toBeLessThan(0.5 * (unpaired.high - unpaired.low));
  });

  it('gives the page’s intervals with seed 42: paired [−4.25, 0] points, unpaired [−7.5, +3.5]', () => {
    const { baseline, candidate } = scenario(400, 320, 14, 6);
    const paired = bootstrapDifference(baseline, candidate, mulberry32(42));
    const unpaired = bootstrapDifference(baseline, candidate, mulberry32(42), { paired: false });
    expect([paired.low, paired.high]).toEqual([expect.closeTo(-0.0425, 10), expect.closeTo(0, 10)]);
    expect([unpaired.low, unpaired.high]).toEqual([expect.closeTo(-0.075, 10), expect.closeTo(0.035, 10)]);
  });

  it('compares per-item pass shares from several samples, not only 0 and 1', () => {
    const baseline = itemScores(Array.from({ length: 30 }, () => [true, true, true]));
    const candidate = itemScores(Array.from({ length: 30 }, () => [true, true, false]));
    const d = bootstrapDifference(baseline, candidate, mulberry32(9));
    expect([d.estimate, d.low, d.high].map((x) => x * 3)).toEqual([expect.closeTo(-1, 10), expect.closeTo(-1, 10), expect.closeTo(-1, 10)]);
  });

  it('gives a zero-width interval when the two models score every item alike', () => {
    const { baseline } = scenario(50, 40, 0, 0);
    expect(bootstrapDifference(baseline, baseline, mulberry32(5))).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('rejects unequal sets, scores outside [0, 1] and too few resamples', () => {
    expect(() => bootstrapDifference([1, 0], [1], mulberry32(1))).toThrow(new RangeError('candidate and baseline must score the same items, got 1 and 2'));
    expect(() => bootstrapDifference([], [], mulberry32(1))).toThrow(/same items/);
    expect(() => bootstrapDifference([1], [2], mulberry32(1))).toThrow(/between 0 and 1/);
    expect(() => bootstrapDifference([1], [Number.NaN], mulberry32(1))).toThrow(/between 0 and 1/);
    expect(() => bootstrapDifference([1], [1], mulberry32(1), { resamples: 10 })).toThrow(/resamples/);
  });
});

describe('gate', () => {
  const tolerance = 0.02;
  const decide = (losses: number, gains: number, items = 400) => {
    const { baseline, candidate } = scenario(items, items * 0.8, losses, gains);
    return gate(bootstrapDifference(baseline, candidate, mulberry32(42)), tolerance).decision;
  };

  it('fails a confident regression beyond the tolerance: 30 losses and 6 gains on 400 items (−6 points)', () => {
    expect(decide(30, 6)).toBe('fail');
  });

  it('passes a change whose whole interval sits above −2 points: 6 losses and 6 gains', () => {
    expect(decide(6, 6)).toBe('pass');
  });

  it('calls a −2-point change on 400 items inconclusive rather than guessing', () => {
    expect(decide(14, 6)).toBe('inconclusive');
  });

  it('settles a real −0.5-point change as a pass once the set is four times larger', () => {
    expect(decide(10, 8)).toBe('inconclusive');
    expect(decide(40, 32, 1600)).toBe('pass');
  });

  it('reads the boundaries as stated: the interval touching −tolerance from above passes, wholly below fails', () => {
    expect(gate({ estimate: 0, low: -0.02, high: 0.01 }, 0.02).decision).toBe('pass');
    expect(gate({ estimate: -0.03, low: -0.04, high: -0.0201 }, 0.02)).toEqual({
      decision: 'fail',
      reason: 'regression beyond 2.0 points with 95% confidence: [-4.0, -2.0] points',
    });
    expect(gate({ estimate: -0.02, low: -0.04, high: 0 }, 0.02).reason).toBe('interval [-4.0, 0.0] points straddles -2.0 points: add items or samples');
  });

  it('rejects a negative tolerance', () => {
    expect(() => gate({ estimate: 0, low: 0, high: 0 }, -0.01)).toThrow(new RangeError('tolerance must be 0 or more, got -0.01'));
  });
});
