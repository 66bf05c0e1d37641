import { describe, expect, it } from 'vitest';
import {
  decide,
  EpsilonGreedy,
  inversePropensityEstimate,
  sampleBeta,
  seededRng,
  thompsonPropensities,
  ThompsonSampling,
  type BanditPolicy,
  type LoggedDecision,
  type Rng,
} from './bandits';

/** Two arms whose click rates swap at step 2,000: the world the recommender created moved on. */
const BEFORE = [0.9, 0.1];
const AFTER = [0.3, 0.7];

/** Share of decisions that picked arm 1 in steps [from, to). */
function shareOfArm1(make: (rng: Rng) => BanditPolicy, seed: number, from: number, to: number): number {
  const policyRng = seededRng(seed);
  const world = seededRng(seed + 1000);
  const policy = make(policyRng);
  let picks = 0;
  for (let t = 0; t < to; t++) {
    const rates = t < 2000 ? BEFORE : AFTER;
    const arm = policy.select();
    policy.update(arm, world() < (rates[arm] ?? 0) ? 1 : 0);
    if (t >= from && arm === 1) picks++;
  }
  return picks / (to - from);
}

const SEEDS = [1, 2, 3, 4, 5];
const meanShare = (make: (rng: Rng) => BanditPolicy, from: number, to: number) => SEEDS.reduce((sum, seed) => sum + shareOfArm1(make, seed, from, to), 0) / SEEDS.length;

describe('seededRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRng(7);
    const b = seededRng(7);
    const c = seededRng(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('sampleBeta', () => {
  it('has mean alpha / (alpha + beta), including shapes below 1', () => {
    const rng = seededRng(11);
    const mean = (a: number, b: number) => {
      let sum = 0;
      for (let i = 0; i < 20000; i++) sum += sampleBeta(a, b, rng);
      return sum / 20000;
    };
    expect(mean(2, 5)).toBeCloseTo(2 / 7, 2);
    expect(mean(0.5, 0.5)).toBeCloseTo(0.5, 1);
  });
});

describe('epsilon-greedy after the click rates swap', () => {
  it('the naive version (epsilon decays to 0, sample averages) never goes back to the better arm', () => {
    const naive = (rng: Rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0 });
    expect(meanShare(naive, 2000, 6000)).toBeLessThan(0.05);
  });

  it('an exploration floor with a constant step size moves most traffic within 500 steps', () => {
    const adaptive = (rng: Rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0.05, stepSize: 0.1 });
    expect(meanShare(adaptive, 2000, 2500)).toBeGreaterThan(0.5);
  });

  it("a floor alone is not enough: the stale sample average stays ahead, so only the floor's own 2.5% of picks reach the new arm", () => {
    const floorOnly = (rng: Rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0.05 });
    expect(meanShare(floorOnly, 2000, 2500)).toBeLessThan(0.1);
  });

  it('forgetting alone is left to chance: without a floor, some runs never return to the better arm', () => {
    const stepOnly = (rng: Rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0, stepSize: 0.1 });
    const shares = SEEDS.map((seed) => shareOfArm1(stepOnly, seed, 2000, 6000));
    expect(Math.min(...shares)).toBeLessThan(0.05); // the incumbent's estimate never dipped below the stale one
    expect(Math.max(...shares)).toBeGreaterThan(0.9); // it did, and the greedy choice switched
  });

  it('keeps epsilon at its floor instead of decaying to zero', () => {
    const policy = new EpsilonGreedy(2, seededRng(1), { initialEpsilon: 1, decay: 0.9, minEpsilon: 0.05 });
    for (let i = 0; i < 200; i++) policy.select();
    expect(policy.epsilon).toBe(0.05);
  });

  it('tracks the recent rate with a constant step size', () => {
    const policy = new EpsilonGreedy(2, seededRng(1), { stepSize: 0.5 });
    for (const r of [1, 1, 1, 0, 0]) policy.update(0, r);
    expect(policy.estimate(0)).toBeCloseTo(0.21875, 5);
  });
});

describe('Thompson sampling after the click rates swap', () => {
  it('without a discount stays on the stale arm for the first 500 steps', () => {
    expect(meanShare((rng) => new ThompsonSampling(2, rng, 1), 2000, 2500)).toBeLessThan(0.1);
  });

  it('with a 0.99 discount (memory of about 100 observations) moves most traffic', () => {
    expect(meanShare((rng) => new ThompsonSampling(2, rng, 0.99), 2000, 2500)).toBeGreaterThan(0.5);
  });

  it('shares the discount memory among all arms: at 0.99, with 20 arms, it cannot tell 10% from 5% and plays almost uniformly; sized per arm it can', () => {
    // Stationary world: arm 0 clicks 10%, the other 19 arms 5%. Share of steps 5,000-10,000 on arm 0 (uniform: 0.05).
    const shareOnBest = (discount: number) =>
      [1, 2, 3].reduce((sum, seed) => {
        const policy = new ThompsonSampling(20, seededRng(seed), discount);
        const world = seededRng(seed + 99);
        let picks = 0;
        for (let t = 0; t < 10_000; t++) {
          const arm = policy.select();
          policy.update(arm, world() < (arm === 0 ? 0.1 : 0.05) ? 1 : 0);
          if (t >= 5_000 && arm === 0) picks++;
        }
        return sum + picks / 5_000 / 3;
      }, 0);
    expect(shareOnBest(0.99)).toBeLessThan(0.1);
    // Sized for about 200 observations per arm, 4,200 in all: discount 1 - 1 / 4,200 ≈ 0.99976 (measured: 0.50).
    expect(shareOnBest(1 - 1 / 4_200)).toBeGreaterThan(0.4);
    expect(shareOnBest(1)).toBeGreaterThan(0.8); // no forgetting, in a world that does not drift (measured: 0.84)
  });

  it('updates the Beta posterior of the pulled arm only', () => {
    const policy = new ThompsonSampling(2, seededRng(3));
    policy.update(0, 1);
    policy.update(0, 1);
    policy.update(0, 0);
    expect(policy.mean(0)).toBeCloseTo(3 / 5, 10);
    expect(policy.mean(1)).toBe(0.5);
  });
});

describe('propensities for off-policy evaluation', () => {
  it('epsilon-greedy gives epsilon / arms to every arm and the rest to the best one, as it stood before the decision', () => {
    const policy = new EpsilonGreedy(2, seededRng(1), { initialEpsilon: 0.2, decay: 0.5, minEpsilon: 0.05 });
    expect(policy.probabilities()).toEqual([0.5, 0.5]); // both estimates 0: a tie shares the greedy share
    policy.update(1, 1);
    expect(policy.probabilities()).toEqual([0.1, 0.9]);
    const { arm, propensity } = decide(policy);
    expect(propensity).toBe([0.1, 0.9][arm]); // epsilon was 0.2 when it chose, not the decayed 0.1
    expect(policy.epsilon).toBe(0.1);
  });

  it("Thompson sampling gives the chance that each arm's draw is the largest: 2/3 for Beta(2, 1) against Beta(1, 1)", () => {
    const policy = new ThompsonSampling(2, seededRng(1));
    expect(policy.probabilities()[0]).toBeCloseTo(0.5, 6);
    policy.update(0, 1);
    expect(policy.probabilities()[0]).toBeCloseTo(2 / 3, 3);
  });

  it("Thompson sampling's propensities match how often select() picks each arm", () => {
    const policy = new ThompsonSampling(3, seededRng(4), 0.99);
    const world = seededRng(5);
    for (let t = 0; t < 300; t++) {
      const arm = policy.select();
      policy.update(arm, world() < [0.3, 0.35, 0.4][arm]! ? 1 : 0);
    }
    const expected = policy.probabilities();
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[policy.select()]!++; // select() alone does not change the posterior
    counts.forEach((c, arm) => expect(Math.abs(c / 20_000 - expected[arm]!)).toBeLessThan(0.01));
    expect(expected.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("lets the logs evaluate another policy: inverse propensity scoring recovers each arm's click rate from epsilon-greedy logs", () => {
    const policy = new EpsilonGreedy(2, seededRng(8), { minEpsilon: 0.1, stepSize: 0.1 });
    const world = seededRng(9);
    const rates = [0.3, 0.7];
    const log: (LoggedDecision & { reward: number })[] = [];
    for (let t = 0; t < 20_000; t++) {
      const decision = decide(policy);
      const reward = world() < rates[decision.arm]! ? 1 : 0;
      policy.update(decision.arm, reward);
      log.push({ ...decision, reward });
    }
    // "Always show arm 0" was hardly ever run (about 5% of decisions), yet its value is recovered.
    expect(inversePropensityEstimate(log, (arm) => (arm === 0 ? 1 : 0))).toBeCloseTo(0.3, 1);
    expect(inversePropensityEstimate(log, (arm) => (arm === 1 ? 1 : 0))).toBeCloseTo(0.7, 1);
    expect(() => inversePropensityEstimate([{ arm: 0, propensity: 0, probabilities: [0, 1], reward: 1 }], () => 1)).toThrow(/propensity 0/);
  });

  it('logs the whole action distribution with each decision', () => {
    const policy = new EpsilonGreedy(3, seededRng(1), { initialEpsilon: 0.3 });
    policy.update(2, 1);
    const decision = decide(policy);
    expect(decision.probabilities).toEqual([0.1, 0.1, 0.8].map((p) => expect.closeTo(p, 12)));
    expect(decision.propensity).toBe(decision.probabilities[decision.arm]);
  });

  it('refuses to evaluate a policy on arms the logger never covered, instead of silently returning 0', () => {
    // The logger stopped exploring from the start: arm 1 (worth 0.7) is never shown, so no log can value it.
    const policy = new EpsilonGreedy(2, seededRng(3), { initialEpsilon: 0, minEpsilon: 0, stepSize: 0.1 });
    const world = seededRng(4);
    const log: (LoggedDecision & { reward: number })[] = [];
    for (let t = 0; t < 5_000; t++) {
      const decision = decide(policy);
      const reward = world() < [0.3, 0.7][decision.arm]! ? 1 : 0;
      policy.update(decision.arm, reward);
      log.push({ ...decision, reward });
    }
    expect(log.every((d) => d.arm === 0)).toBe(true);
    expect(inversePropensityEstimate(log, (arm) => (arm === 0 ? 1 : 0))).toBeCloseTo(0.3, 1); // covered: fine
    expect(() => inversePropensityEstimate(log, (arm) => (arm === 1 ? 1 : 0))).toThrow(/not covered by the logging policy/);
  });

  it('rejects a logged decision without its action distribution, as in logs written before it was recorded, instead of crashing', () => {
    const oldFormat = JSON.parse('[{ "arm": 0, "propensity": 0.5, "reward": 1 }]') as (LoggedDecision & { reward: number })[];
    expect(() => inversePropensityEstimate(oldFormat, () => 1)).toThrow(new RangeError('decision logged without its action distribution: coverage cannot be checked'));
  });
});

/** Undiscounted posteriors after `n` observations per arm at the given click rates (rates × n clicks each). */
function settledThompson(n: number, rates: readonly number[]): ThompsonSampling {
  const policy = new ThompsonSampling(rates.length, seededRng(1), 1);
  const clicks = rates.map((rate) => Math.round(rate * n));
  for (let i = 0; i < n; i++) rates.forEach((_, arm) => policy.update(arm, i < clicks[arm]! ? 1 : 0));
  return policy;
}

describe('Thompson propensities for narrow posteriors', () => {
  // A million observations per arm at 2% give a standard deviation of sqrt(0.02 × 0.98 / 1M) ≈ 0.00014:
  // a fixed 0.0005-wide grid on [0, 1] could not resolve it, so each arm is integrated over its own range.
  it('give P(best) = Φ(1.01) ≈ 0.84 for click rates of 2.00% and 2.02% after a million observations each', () => {
    const separation = (0.0202 - 0.02) / Math.sqrt((0.02 * 0.98 + 0.0202 * 0.9798) / 1_000_000);
    expect(separation).toBeCloseTo(1.01, 2);
    expect(settledThompson(1_000_000, [0.02, 0.0202]).probabilities()[1]).toBeCloseTo(0.84, 2);
  });

  it('do not depend on where the click rates fall: 2.01% against 2.03% also gives about 0.84', () => {
    expect(settledThompson(1_000_000, [0.0201, 0.0203]).probabilities()[1]).toBeCloseTo(0.84, 2);
  });

  it('keep small propensities right, since they set the IPS weights: 2.00% against 2.05% gives the worse arm about 0.6%', () => {
    const p = settledThompson(1_000_000, [0.02, 0.0205]).probabilities();
    expect(p[0]).toBeGreaterThan(0.0054); // normal approximation 0.0060; select() picks it about 0.61% of the time
    expect(p[0]).toBeLessThan(0.0066);
  });

  it('stay finite when a tail cell underflows: 2.03% against 2.05% after 10,000 observations gives the better arm about 0.54', () => {
    const p = settledThompson(10_000, [0.0203, 0.0205]).probabilities();
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[1]).toBeCloseTo(0.54, 2); // normal approximation: Φ(0.0002 / 0.00202) = Φ(0.099) ≈ 0.539
  });

  it('stay finite and sum to 1 across posteriors with 1 to 400 clicks in 9,800 misses', () => {
    for (let a0 = 1; a0 <= 400; a0 += 13) {
      for (let a1 = 1; a1 <= 400; a1 += 17) {
        const { probabilities } = thompsonPropensities([
          [a0, 9_800],
          [a1, 9_800],
        ]);
        expect(probabilities.every(Number.isFinite)).toBe(true);
        expect(probabilities[0]! + probabilities[1]!).toBeCloseTo(1, 9);
      }
    }
  });
});

describe('the cost of Thompson propensities', () => {
  const mature = (n: number) => [1 + 0.02 * n, 1 + 0.98 * n] as const; // n observations at 2%
  const fresh = Array.from({ length: 9 }, () => [1, 1] as const);

  it('does not grow with the observation count: a mature arm among 9 fresh ones takes under 4,000 cells at 1M or 10M observations', () => {
    // About 2,000 across the mature arm's narrow range and 0.0005-wide cells elsewhere; one grid as fine as
    // the mature arm over the whole band would need 351,000 cells at 1M observations and 1.1M at 10M.
    for (const n of [1_000_000, 10_000_000]) {
      const { probabilities, cells } = thompsonPropensities([mature(n), ...fresh]);
      expect(cells).toBeLessThan(4_000);
      // The mature arm wins only when all nine fresh draws fall below its 2%.
      expect(probabilities[0]! / 0.02 ** 9).toBeCloseTo(1, 1);
    }
  });

  it('keeps 100 mature arms with 100 to 10M observations each to a few thousand cells', () => {
    const rng = seededRng(7);
    const posteriors = Array.from({ length: 100 }, () => {
      const n = Math.round(10 ** (2 + 5 * rng()));
      const clicks = Math.round((0.01 + 0.04 * rng()) * n);
      return [1 + clicks, 1 + n - clicks] as const;
    });
    const { probabilities, cells } = thompsonPropensities(posteriors);
    expect(cells).toBeLessThan(10_000); // measured 6,910; one grid at the finest width: 150,000
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('runs over the one shared grid when the posteriors are all fresh: 100 arms, 2,000 cells', () => {
    const { probabilities, cells } = thompsonPropensities(Array.from({ length: 100 }, () => [1, 1] as const));
    expect(cells).toBe(2_000);
    expect(probabilities.every((p) => Math.abs(p - 0.01) < 1e-9)).toBe(true);
  });

  it.each([
    ['no posteriors', [], 'at least one posterior is needed'],
    ['a shape below 1', [[0.5, 2]], 'Beta shapes must be finite and at least 1, got (0.5, 2)'],
    ['a NaN shape', [[2, Number.NaN]], 'Beta shapes must be finite and at least 1, got (2, NaN)'],
    ['an infinite shape', [[2, Number.POSITIVE_INFINITY]], 'Beta shapes must be finite and at least 1, got (2, Infinity)'],
  ] as const)('rejects %s', (_case, posteriors, message) => {
    expect(() => thompsonPropensities(posteriors)).toThrow(new RangeError(message));
  });
});

describe('scale', () => {
  it('epsilon-greedy handles 200,000 arms (a spread into Math.max would overflow the call stack)', () => {
    const policy = new EpsilonGreedy(200_000, seededRng(1), { initialEpsilon: 0.1 });
    policy.update(7, 1);
    const p = policy.probabilities();
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p[7]).toBeCloseTo(0.9 + 0.1 / 200_000, 12);
  });
});

describe('input validation', () => {
  it('rejects unknown arms, rewards outside [0, 1] and a bad discount', () => {
    const policy = new ThompsonSampling(3, seededRng(1));
    expect(() => policy.update(3, 1)).toThrow(RangeError);
    expect(() => policy.update(0, 2)).toThrow(/reward/);
    expect(() => new ThompsonSampling(2, seededRng(1), 0)).toThrow(/discount/);
    expect(() => new EpsilonGreedy(1, seededRng(1))).toThrow(/2 arms/);
  });

  it.each([
    ['initialEpsilon', Number.NaN],
    ['initialEpsilon', 1.5],
    ['decay', Number.NaN],
    ['decay', 0],
    ['decay', 1.1],
    ['minEpsilon', Number.NaN],
    ['minEpsilon', -0.1],
    ['minEpsilon', 2],
    ['stepSize', Number.NaN],
    ['stepSize', 0],
    ['stepSize', 1.5],
  ])('rejects an epsilon-greedy %s of %s, which would make every probability NaN or stop exploring', (option, value) => {
    expect(() => new EpsilonGreedy(2, seededRng(1), { [option]: value })).toThrow(
      new RangeError(`${option} must be in ${option === 'initialEpsilon' || option === 'minEpsilon' ? '[0, 1]' : '(0, 1]'}, got ${value}`),
    );
  });
});
