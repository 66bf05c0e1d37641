import { describe, expect, it } from 'vitest';
import { bootstrapDifference, gate, itemScores, itemsForMargin, itemsToSettle, differenceVariance, mulberry32, wilsonInterval } from './evalGate';

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

  it('rejects a margin outside (0, 1), a pass rate outside (0, 1) and a z that is not positive', () => {
    expect(() => itemsForMargin(0)).toThrow(new RangeError('margin must be between 0 and 1, got 0'));
    expect(() => itemsForMargin(0.03, 1.5)).toThrow(new RangeError('p is a pass rate strictly between 0 and 1, got 1.5'));
    expect(() => itemsForMargin(0.03, 0.5, 0)).toThrow(/z must be positive/);
  });

  it('refuses a pass rate of exactly 0 or 1, where the formula would promise a margin with 0 items', () => {
    expect(() => itemsForMargin(0.03, 0)).toThrow(new RangeError('p is a pass rate strictly between 0 and 1, got 0'));
    expect(() => itemsForMargin(0.03, 1)).toThrow(/strictly between 0 and 1/);
  });
});

describe('itemsToSettle', () => {
  // Candidate C as a pilot: 14 losses and 6 gains on 400 items, so d̄ = −0.02 and Var(d) = mean(d²) − d̄² = 0.05 − 0.0004 = 0.0496.
  const pilot = scenario(400, 320, 14, 6);

  it('estimates Var(d) as mean(d²) − d̄², the variance the bootstrap resamples: 0.05 − 0.02² = 0.0496 for candidate C', () => {
    expect(differenceVariance(pilot.baseline, pilot.candidate)).toBeCloseTo(0.0496, 12);
  });

  it('sizes against the distance from the expected difference to −tolerance, with power: (1.96 + 0.84)² × 0.0496 / (0 + 0.02)² = 972.2, so 973 items', () => {
    expect(itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02 })).toBe(973);
  });

  it('without the power term sizes the interval to exactly the distance, 1.96² × 0.0496 / 0.02² = 476.4, i.e. 477, which settles only half the time', () => {
    expect(itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02, zPower: 0 })).toBe(477);
  });

  it('needs four times the items when the expected difference is half as far from the line: −1 point takes 7.84 × 0.0496 / 0.01² = 3,888.6, so 3,889', () => {
    expect(itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02, expectedDifference: -0.01 })).toBe(3889);
  });

  it('never settles a candidate that sits exactly at −tolerance, whatever the set size', () => {
    expect(itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02, expectedDifference: -0.02 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('sizes the fail side too: a real −6-point regression (30 losses, 6 gains; Var(d) = 0.09 − 0.0036 = 0.0864) fails reliably with 7.84 × 0.0864 / 0.04² = 423.4, so 424 items', () => {
    const a = scenario(400, 320, 30, 6);
    expect(itemsToSettle(a.baseline, a.candidate, { tolerance: 0.02, expectedDifference: -0.06 })).toBe(424);
  });

  it('passes a candidate with no real regression about 4 runs in 5 at the size it gives, and only about half the time at the size without power', () => {
    // Simulated candidates with C's churn and no real regression: 2.5 % of items lost, 2.5 % gained, at random.
    const rng = mulberry32(2026);
    const passShare = (items: number, trials: number) => {
      let passes = 0;
      for (let t = 0; t < trials; t++) {
        const baseline: number[] = [];
        const candidate: number[] = [];
        for (let i = 0; i < items; i++) {
          const u = rng();
          baseline.push(u < 0.025 ? 1 : u < 0.05 ? 0 : 1);
          candidate.push(u < 0.025 ? 0 : 1);
        }
        if (gate(bootstrapDifference(baseline, candidate, rng, { resamples: 400 }), 0.02).decision === 'pass') passes++;
      }
      return passes / trials;
    };
    const powered = itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02 });
    const unpowered = itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02, zPower: 0 });
    expect(passShare(powered, 120)).toBeGreaterThan(0.7);
    expect(passShare(unpowered, 120)).toBeLessThan(0.65);
  });

  it('needs far fewer items than one pass rate to the same margin, because the models agree on most items', () => {
    expect(itemsToSettle(pilot.baseline, pilot.candidate, { tolerance: 0.02, zPower: 0 })).toBeLessThan(itemsForMargin(0.02, 0.8) / 3); // 477 against 1,537
  });

  it('rejects a pilot score that is not a finite number in [0, 1] with its own message, before it can pass for “no variation”', () => {
    expect(() => itemsToSettle([1, 0, 1], [1, Number.NaN, 0], { tolerance: 0.02 })).toThrow(new RangeError('scores must be numbers between 0 and 1, got NaN'));
    expect(() => itemsToSettle([1, 0], [1, Number.POSITIVE_INFINITY], { tolerance: 0.02 })).toThrow(new RangeError('scores must be numbers between 0 and 1, got Infinity'));
    expect(() => itemsToSettle([1, 0], [1, 2], { tolerance: 0.02 })).toThrow(/scores must be numbers between 0 and 1, got 2/);
  });

  it('rejects a pilot with no variation, unequal or empty score lists, and impossible tolerances, differences or z values', () => {
    const { baseline } = scenario(50, 40, 0, 0);
    expect(() => itemsToSettle(baseline, baseline, { tolerance: 0.02 })).toThrow(/pilot shows no variation/);
    expect(() => itemsToSettle([1, 0], [1], { tolerance: 0.02 })).toThrow(/same items/);
    expect(() => itemsToSettle([], [], { tolerance: 0.02 })).toThrow(/same items/);
    expect(() => itemsToSettle([1, 0], [0, 1], { tolerance: -0.01 })).toThrow(new RangeError('tolerance must be from 0 to less than 1, got -0.01'));
    expect(() => itemsToSettle([1, 0], [0, 1], { tolerance: 0.02, expectedDifference: Number.NaN })).toThrow(/expectedDifference must be between -1 and 1/);
    expect(() => itemsToSettle([1, 0], [0, 1], { tolerance: 0.02, z: 0 })).toThrow(/z must be positive/);
    expect(() => itemsToSettle([1, 0], [0, 1], { tolerance: 0.02, zPower: -1 })).toThrow(/zPower must be 0 or more/);
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

  it('gives the page’s intervals with seed 42: paired [−4.25, 0.00] points, unpaired [−7.50, +3.50]', () => {
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
      reason: 'regression beyond 2.00 points with 95% confidence: [-4.00, -2.01] points',
    });
    expect(gate({ estimate: -0.02, low: -0.04, high: 0 }, 0.02).reason).toBe('interval [-4.00, 0.00] points straddles -2.00 points: add items or samples');
  });

  it('passes a difference of exactly −2 points against a 2-point tolerance, even when floating point computes it as −0.020000000000000018', () => {
    // 20 items; the baseline passes all 50 samples of each, the candidate 49 of 50: every item differs by 0.98 − 1.
    const baseline = itemScores(Array.from({ length: 20 }, () => new Array<boolean>(50).fill(true)));
    const candidate = itemScores(Array.from({ length: 20 }, () => [...new Array<boolean>(49).fill(true), false]));
    expect(gate(bootstrapDifference(baseline, candidate, mulberry32(1)), 0.02)).toEqual({
      decision: 'pass',
      reason: 'any regression is within 2.00 points: [-2.00, -2.00] points',
    });
  });

  it('still fails a regression a hundredth of a point beyond the tolerance', () => {
    expect(gate({ estimate: -0.0201, low: -0.0202, high: -0.0201 }, 0.02).decision).toBe('fail');
  });

  it('rejects a negative tolerance', () => {
    expect(() => gate({ estimate: 0, low: 0, high: 0 }, -0.01)).toThrow(new RangeError('tolerance must be 0 or more, got -0.01'));
  });

  it('rejects an interval that is not a number or runs backwards instead of deciding on it', () => {
    expect(() => gate({ estimate: Number.NaN, low: Number.NaN, high: Number.NaN }, 0.02)).toThrow(new RangeError('interval must hold finite numbers, got [NaN, NaN]'));
    expect(() => gate({ estimate: 0, low: -0.01, high: Number.POSITIVE_INFINITY }, 0.02)).toThrow(/finite numbers/);
    expect(() => gate({ estimate: -0.03, low: -0.01, high: -0.05 }, 0.02)).toThrow(new RangeError('interval low must not exceed high, got [-0.01, -0.05]'));
  });
});
