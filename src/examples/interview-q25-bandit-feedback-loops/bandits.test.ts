import { describe, expect, it } from 'vitest';
import { decide, EpsilonGreedy, inversePropensityEstimate, sampleBeta, seededRng, ThompsonSampling, type BanditPolicy, type LoggedDecision, type Rng } from './bandits';

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
    expect(() => inversePropensityEstimate([{ arm: 0, propensity: 0, reward: 1 }], () => 1)).toThrow(/propensity 0/);
  });
});

describe('the limit of the Thompson propensity grid', () => {
  it('blurs arms whose means are closer than a cell once their posteriors are narrower than one', () => {
    // Undiscounted, 1M observations per arm at 2.00% and 2.02%: both posteriors are about 0.00014 wide,
    // inside one 0.0005 cell, so the grid reports about 0.74 where a normal approximation gives 0.84.
    const policy = new ThompsonSampling(2, seededRng(1), 1);
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      policy.update(0, i < 20_000 ? 1 : 0);
      policy.update(1, i < 20_200 ? 1 : 0);
    }
    const separation = (0.0202 - 0.02) / Math.sqrt((0.02 * 0.98 + 0.0202 * 0.9798) / n);
    expect(separation).toBeCloseTo(1.01, 2); // P(arm 1 is best) = Φ(1.01) ≈ 0.84
    expect(policy.probabilities()[1]).toBeCloseTo(0.74, 2);
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
